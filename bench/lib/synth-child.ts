/**
 * One synth in a fresh process, for `npm run bench` (memory is per process, so every measurement
 * gets its own): `node <loader options of the cdktf.json app> bench/lib/synth-child.ts '<spec json>'`.
 *
 * It loads `main.ts`, builds the App from the real or generated environments, synthesizes it, and
 * prints one line `BENCH_RESULT <json>` with the phase times, its own peak RSS and the resource
 * counts. Nothing here is imported before the clock starts except Node built-ins and this
 * directory's small helpers, so the phases are those of the real app.
 */
import { resolve } from 'node:path';
import type { NatMode } from '../../stacks/mlmon/config';
import { environmentWithZones, generateEnvironments } from './envs';
import { installRequireProfiler, RequireProfile } from './require-profile';
import { readSynthOutput, StackCounts } from './synth-output';

/** Which environments to build. */
export type EnvironmentsSpec =
  | { readonly kind: 'real' }
  | { readonly kind: 'generated'; readonly count: number }
  | { readonly kind: 'zones'; readonly azCount: number; readonly nat: NatMode }
  /** The real app with MLMON_SYSTEMS (and MLMON_STACKS when set): the blueprints as shipped. */
  | { readonly kind: 'systems'; readonly systems: string; readonly stacks?: string };

/** What the parent asks for. */
export interface SynthChildSpec {
  readonly outdir: string;
  readonly environments: EnvironmentsSpec;
  /** Value of MLMON_ENVIRONMENTS (comma-separated names); empty: all. */
  readonly select?: string;
  /** Record a module-load profile (slower: only for the profile, never for timed runs). */
  readonly profile?: boolean;
}

/** What the child reports; times are ms since the process started. */
export interface SynthChildResult {
  /** Node bootstrap, the TypeScript loader, this file: up to the first line of the measurement. */
  readonly startupMs: number;
  /** `import('../../main')`: cdktf, the provider classes, the project modules. */
  readonly loadMs: number;
  /** `buildApp(...)`: configuration validation and the construct tree. */
  readonly constructMs: number;
  /** `app.synth()`: resolving tokens, rendering and writing the JSON. */
  readonly synthMs: number;
  /** CPU time of `buildApp(...)` and of `app.synth()`, ms: the work that grows with the input. */
  readonly constructCpuMs: number;
  readonly synthCpuMs: number;
  /** Peak RSS of this process at the end of synth, MiB. */
  readonly maxRssMb: number;
  /** User + system CPU time of this process up to the end of synth, ms. */
  readonly cpuMs: number;
  readonly heapUsedMb: number;
  readonly stacks: readonly StackCounts[];
  readonly profile?: RequireProfile;
}

/** The marker before the JSON line on stdout. */
export const RESULT_MARKER = 'BENCH_RESULT ';

/** Finds and parses the child's result line in its stdout. */
export function parseChildResult(stdout: string): SynthChildResult {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (!line)
    throw new Error(`no ${RESULT_MARKER.trim()} line in the child's output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as SynthChildResult;
}

async function run(spec: SynthChildSpec): Promise<SynthChildResult> {
  const root = resolve(__dirname, '..', '..');
  const startupMs = performance.now();
  const stopProfile = spec.profile ? installRequireProfiler(root) : undefined;
  const main = await import('../../main');
  const profile = stopProfile?.();
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const loaded = performance.now();
  const loadedCpu = cpuNow();

  const { ENVIRONMENTS } = await import('../../stacks/mlmon/environments');
  const dev = ENVIRONMENTS.find((e) => e.name === 'dev') ?? ENVIRONMENTS[0];
  const e = spec.environments;
  const environments =
    e.kind === 'generated'
      ? generateEnvironments(dev, e.count)
      : e.kind === 'zones'
        ? [environmentWithZones(dev, e.azCount, e.nat)]
        : ENVIRONMENTS;
  const context = process.env.CDKTF_CONTEXT_JSON
    ? (JSON.parse(process.env.CDKTF_CONTEXT_JSON) as Record<string, unknown>)
    : undefined;
  const { MLMON_SYSTEM } = await import('../../stacks/mlmon/system');
  const env: Record<string, string | undefined> = {
    ...process.env,
    MLMON_SYSTEMS: e.kind === 'systems' ? e.systems : 'mlmon',
  };
  if (e.kind === 'systems' && e.stacks !== undefined) env.MLMON_STACKS = e.stacks;
  if (spec.select !== undefined) env.MLMON_ENVIRONMENTS = spec.select;
  const app = main.buildApp({
    outdir: spec.outdir,
    systems: e.kind === 'systems' ? undefined : [{ ...MLMON_SYSTEM, environments: () => environments }],
    context,
    env,
  });
  const constructed = performance.now();
  const constructedCpu = cpuNow();
  app.synth();
  const synthesized = performance.now();
  const synthesizedCpu = cpuNow();
  const usage = process.resourceUsage();
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;

  return {
    startupMs,
    loadMs: loaded - startupMs,
    constructMs: constructed - loaded,
    synthMs: synthesized - constructed,
    constructCpuMs: constructedCpu - loadedCpu,
    synthCpuMs: synthesizedCpu - constructedCpu,
    maxRssMb: usage.maxRSS / 1024,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    heapUsedMb,
    stacks: readSynthOutput(spec.outdir),
    profile,
  };
}

if (require.main === module) {
  run(JSON.parse(process.argv[2] ?? '{}') as SynthChildSpec).then(
    (result) => process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
