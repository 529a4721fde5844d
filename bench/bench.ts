/**
 * `npm run bench`: how long synth, Terraform and the tests take, and how much memory synth needs.
 *
 * Measures (medians of several runs, each in a fresh process):
 * - synth of the app alone (the cdktf.json app command) and through the CLI (`npx cdktf synth`),
 *   wall time and peak RSS per process; the same for the "before" setups (ts-node type-checking,
 *   the provider root import) and for a precompiled-JavaScript app;
 * - `terraform init` and `terraform validate` of every synthesized stack;
 * - `npm test` and each of its steps;
 * - with `--scale`, synth against 1/3/10/30 generated environments and 1..6 availability zones.
 *
 * Writes `bench/results.json` (every raw run) and `bench/results.md`. Method: docs/benchmarks.md.
 * Scratch files go to `bench/out/` (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  absoluteNodeArgs,
  AppCommand,
  BENCH_USAGE,
  BenchOptions,
  parseAppCommand,
  parseBenchArgs,
} from './lib/args';
import { writeRootImportCopy } from './lib/baseline';
import { hasGnuTime, rssByRole, runMeasured } from './lib/process';
import {
  AppPhases,
  BenchResults,
  formatMb,
  formatRatio,
  formatSeconds,
  LoadProfile,
  MachineInfo,
  renderMarkdown,
  Runner,
  ScalePoint,
  SynthVariant,
  TargetCheck,
  TerraformStack,
  TestStep,
} from './lib/report';
import { linearFit, LinearFit, median, ratio, summarize, Summary } from './lib/stats';
import { EnvironmentsSpec, parseChildResult, SynthChildResult, SynthChildSpec } from './lib/synth-child';
import { readSynthOutput, StackCounts, totals } from './lib/synth-output';
import { benchTerraformStack, validateConcurrently } from './lib/terraform';
import { ignorePattern, terraformTestFiles } from './lib/tests';
import { REPO_ROOT, terraformEnv, terraformVersion } from '../review/terraform';

const SCRATCH = join(REPO_ROOT, 'bench', 'out');
const APP_SCRIPTS = ['main.ts', 'main.js'];

/** Targets of the issue. */
const TARGET_CLI_OVER_VALIDATE = 0.25;
const TARGET_RSS_MB = 300;
const TARGET_TESTS_MS = 20_000;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function packageVersion(name: string): string | undefined {
  try {
    return (
      JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return undefined;
  }
}

function machineInfo(loadStart: number[]): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryGb: Math.round(totalmem() / 1024 ** 3),
    platform: `${platform()} ${release()}`,
    node: process.version,
    terraform: terraformVersion(),
    cdktf: packageVersion('cdktf'),
    cdktfCli: packageVersion('cdktf-cli'),
    providerAws: packageVersion('@cdktf/provider-aws'),
    loadAverageStart: loadStart,
    loadAverageEnd: loadavg(),
    gnuTime: hasGnuTime(),
  };
}

/** cdktf.json `context`: the CLI passes it to the app as CDKTF_CONTEXT_JSON; the app-alone runs do the same. */
function cdktfContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(join(REPO_ROOT, 'cdktf.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return json.context ?? {};
}

/** The environment of every measured command: no inherited selection, context or probe settings. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = terraformEnv();
  for (const k of ['MLMON_ENVIRONMENTS', 'CDKTF_OUTDIR', 'CDKTF_CONTEXT_JSON', 'NODE_OPTIONS']) delete env[k];
  return env;
}

let parsedApp: AppCommand | undefined;

/** The cdktf.json app command: the runs of "the app alone" use exactly it, the synth children its loader. */
function appCommand(): AppCommand {
  if (!parsedApp) {
    const json = JSON.parse(readFileSync(join(REPO_ROOT, 'cdktf.json'), 'utf8')) as { app?: string };
    parsedApp = parseAppCommand(json.app ?? '');
  }
  return parsedApp;
}

/** Every stack's JSON, by stack name. */
function readStacks(outdir: string): Map<string, string> {
  const stacks = new Map<string, string>();
  const dir = join(outdir, 'stacks');
  if (!existsSync(dir)) return stacks;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'cdk.tf.json');
    if (existsSync(file)) stacks.set(name, readFileSync(file, 'utf8'));
  }
  return stacks;
}

function sameStacks(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The last `n` lines of a command's output, without npm's configuration warnings. */
function lastLines(text: string, n = 12): string {
  return text
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .slice(-n)
    .join('\n');
}

interface VariantSpec {
  readonly id: string;
  readonly kind: 'app' | 'cli';
  readonly runner: Runner;
  readonly imports: 'deep' | 'root';
  readonly selection: string;
  readonly launcher?: 'npx' | 'direct';
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly warmup: boolean;
}

/** Runs a synth variant `runs` times (after one uncounted warm-up run) and summarizes it. */
function measureSynth(spec: VariantSpec, reference: Map<string, string> | undefined): SynthVariant {
  const shown = `${spec.command} ${spec.args.join(' ')}`;
  const base = {
    id: spec.id,
    kind: spec.kind,
    runner: spec.runner,
    imports: spec.imports,
    selection: spec.selection,
    launcher: spec.launcher,
    command: shown.split(`${REPO_ROOT}/`).join(''),
  };
  const once = () => {
    rmSync(spec.outdir, { recursive: true, force: true });
    return runMeasured(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      scratchDir: SCRATCH,
      gnuTime: true,
    });
  };
  log(`  ${spec.id}: ${shown}`);
  if (spec.warmup) {
    const w = once();
    if (w.status !== 0) return { ...base, status: 'failed', error: lastLines(w.stderr || w.stdout) };
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: Record<'app' | 'cli' | 'npx' | 'tree', number[]> = { app: [], cli: [], npx: [], tree: [] };
  for (let i = 0; i < spec.runs; i++) {
    const r = once();
    if (r.status !== 0) return { ...base, status: 'failed', error: lastLines(r.stderr || r.stdout) };
    wall.push(r.wallMs);
    cpu.push(r.gnuTimeCpuMs ?? r.processes.reduce((n, p) => n + p.cpuMs, 0));
    const byRole = rssByRole(r.processes, APP_SCRIPTS);
    for (const role of ['app', 'cli', 'npx', 'tree'] as const) {
      const v = byRole[role];
      if (v !== undefined) rss[role].push(v);
    }
    log(
      `    run ${i + 1}: ${formatSeconds(r.wallMs)}, app ${formatMb(byRole.app)}${byRole.cli ? `, CLI ${formatMb(byRole.cli)}` : ''}`,
    );
  }
  const rssMb: SynthVariant['rssMb'] = {};
  for (const role of ['app', 'cli', 'npx', 'tree'] as const) {
    if (rss[role].length > 0) rssMb[role] = summarize(rss[role]);
  }
  return {
    ...base,
    status: 'ok',
    wallMs: summarize(wall),
    cpuMs: summarize(cpu),
    rssMb,
    sameOutput: reference ? sameStacks(reference, readStacks(spec.outdir)) : undefined,
  };
}

/** One child synth (bench/lib/synth-child.ts) in a fresh process. */
function runChild(
  spec: SynthChildSpec,
  env: NodeJS.ProcessEnv,
): { wallMs: number; result: SynthChildResult } {
  rmSync(spec.outdir, { recursive: true, force: true });
  const r = runMeasured(
    'node',
    [...appCommand().nodeArgs, 'bench/lib/synth-child.ts', JSON.stringify(spec)],
    {
      cwd: REPO_ROOT,
      env,
      scratchDir: SCRATCH,
      probe: false,
    },
  );
  if (r.status !== 0)
    throw new Error(
      `synth child ${JSON.stringify(spec.environments)} exited ${r.status}:\n${lastLines(r.stderr)}`,
    );
  return { wallMs: r.wallMs, result: parseChildResult(r.stdout) };
}

function scalePoint(
  label: string,
  environments: EnvironmentsSpec,
  runs: number,
  env: NodeJS.ProcessEnv,
  select?: string,
): ScalePoint {
  const outdir = join(SCRATCH, 'scale.out');
  const wall: number[] = [];
  const cpu: number[] = [];
  const work: number[] = [];
  const rss: number[] = [];
  const results: SynthChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    const { wallMs, result } = runChild({ outdir, environments, select }, env);
    wall.push(wallMs);
    rss.push(result.maxRssMb);
    cpu.push(result.cpuMs);
    work.push(result.constructCpuMs + result.synthCpuMs);
    results.push(result);
  }
  const t = totals(results[0].stacks);
  const point: ScalePoint = {
    label,
    environments: environments.kind === 'generated' ? environments.count : 1,
    azCount: environments.kind === 'zones' ? environments.azCount : undefined,
    selected: select,
    stacks: t.stacks,
    resources: t.resources,
    bytes: t.bytes,
    wallMs: summarize(wall),
    rssMb: summarize(rss),
    cpuMs: summarize(cpu),
    workCpuMs: summarize(work),
    phasesMs: {
      startup: median(results.map((r) => r.startupMs)),
      load: median(results.map((r) => r.loadMs)),
      construct: median(results.map((r) => r.constructMs)),
      synth: median(results.map((r) => r.synthMs)),
    },
  };
  log(
    `  ${label}: ${point.stacks} stacks, ${point.resources} resources, ${formatSeconds(point.wallMs.median)}, ${formatMb(point.rssMb.median)}`,
  );
  return point;
}

function fit(
  points: readonly ScalePoint[],
  x: (p: ScalePoint) => number,
  y: (p: ScalePoint) => number,
): LinearFit | undefined {
  if (new Set(points.map(x)).size < 2) return undefined;
  return linearFit(points.map(x), points.map(y));
}

/** The shipped systems in the order the blueprint scale adds them. */
const SCALE_SYSTEMS = ['mlmon', 'mlnews', 'mlcicd', 'modelreg', 'sentiment'] as const;

function measureScale(opts: BenchOptions, env: NodeJS.ProcessEnv): NonNullable<BenchResults['scale']> {
  log('scale: blueprints');
  const systems = SCALE_SYSTEMS.map((_, i) => {
    const selected = SCALE_SYSTEMS.slice(0, i + 1).join(',');
    return scalePoint(
      `MLMON_SYSTEMS=${selected}`,
      { kind: 'systems', systems: selected },
      opts.slowRuns,
      env,
    );
  });
  systems.push(
    scalePoint(
      'all systems, MLMON_STACKS=sentiment-prod',
      { kind: 'systems', systems: SCALE_SYSTEMS.join(','), stacks: 'sentiment-prod' },
      opts.slowRuns,
      env,
    ),
  );
  log('scale: environments');
  const environments = [1, 3, 10, 30].map((n) =>
    scalePoint(`${n} environment${n > 1 ? 's' : ''}`, { kind: 'generated', count: n }, opts.slowRuns, env),
  );
  const selected = scalePoint(
    '30 environments, MLMON_ENVIRONMENTS=e01',
    { kind: 'generated', count: 30 },
    opts.slowRuns,
    env,
    'e01',
  );
  log('scale: availability zones (NAT per zone)');
  const zones = [1, 2, 3, 4, 5, 6].map((n) =>
    scalePoint(`${n} AZ${n > 1 ? 's' : ''}`, { kind: 'zones', azCount: n, nat: 'perAz' }, opts.slowRuns, env),
  );
  const all = [...environments, ...zones];
  const work = (p: ScalePoint) => p.workCpuMs.median;
  return {
    systems,
    environments,
    zones,
    selected,
    fits: {
      'construct + synth CPU ms per stack (blueprints)': fit(systems.slice(0, -1), (p) => p.stacks, work),
      'peak RSS MB per stack (blueprints)': fit(
        systems.slice(0, -1),
        (p) => p.stacks,
        (p) => p.rssMb.median,
      ),
      'wall ms per environment stack': fit(
        environments,
        (p) => p.stacks,
        (p) => p.wallMs.median,
      ),
      'CPU ms per environment stack': fit(
        environments,
        (p) => p.stacks,
        (p) => p.cpuMs.median,
      ),
      'peak RSS MB per environment stack': fit(
        environments,
        (p) => p.stacks,
        (p) => p.rssMb.median,
      ),
      'construct + synth CPU ms per resource (all points)': fit(all, (p) => p.resources, work),
      'peak RSS MB per resource (all points)': fit(
        all,
        (p) => p.resources,
        (p) => p.rssMb.median,
      ),
      'construct + synth CPU ms per resource (one stack, 1..6 AZs)': fit(zones, (p) => p.resources, work),
    },
  };
}

function measureTests(opts: BenchOptions, env: NodeJS.ProcessEnv): BenchResults['tests'] {
  const jestJson = (i: number) => join(SCRATCH, `jest-${i}.json`);
  const tfTests = terraformTestFiles(REPO_ROOT);
  const steps: Array<{
    id: string;
    label: string;
    command: string;
    args: string[];
    shown?: string;
    jestJson?: boolean;
  }> = [
    { id: 'typecheck', label: 'type-check', command: 'npx', args: ['tsc', '--noEmit'] },
    { id: 'eslint', label: 'ESLint', command: 'npx', args: ['eslint', '.'] },
    { id: 'prettier', label: 'Prettier check', command: 'npx', args: ['prettier', '--check', '.'] },
    {
      id: 'jest',
      label: 'jest, whole suite (npm run test:unit)',
      command: 'npx',
      args: ['jest', '--ci'],
      jestJson: true,
    },
    {
      id: 'jest-unit',
      label: `jest without the ${tfTests.length} test files that start Terraform`,
      command: 'npx',
      args: [
        'jest',
        '--ci',
        ...(tfTests.length > 0 ? ['--testPathIgnorePatterns', ignorePattern(tfTests)] : []),
      ],
      shown: 'npx jest --ci --testPathIgnorePatterns <test files that start Terraform>',
    },
    {
      id: 'jest-unit-2w',
      label: 'the same with two jest workers (the default on 2 cores is one)',
      command: 'npx',
      args: [
        'jest',
        '--ci',
        '--maxWorkers=2',
        ...(tfTests.length > 0 ? ['--testPathIgnorePatterns', ignorePattern(tfTests)] : []),
      ],
      shown: 'npx jest --ci --maxWorkers=2 --testPathIgnorePatterns <test files that start Terraform>',
    },
    {
      id: 'npm-test',
      label: '`npm test` (type-check, lint, jest in sequence; stops at the first failing step)',
      command: 'npm',
      args: ['test', '--silent'],
    },
  ];
  const out: TestStep[] = [];
  const fileTimes = new Map<string, number[]>();
  for (const step of steps) {
    const wall: number[] = [];
    let status: 'ok' | 'failed' = 'ok';
    let note: string | undefined;
    for (let i = 0; i < opts.slowRuns; i++) {
      const args = step.jestJson ? [...step.args, '--json', '--outputFile', jestJson(i)] : step.args;
      const r = runMeasured(step.command, args, { cwd: REPO_ROOT, env, scratchDir: SCRATCH, probe: false });
      wall.push(r.wallMs);
      if (r.status !== 0) {
        status = 'failed';
        note = lastLines(r.stderr || r.stdout, 1).slice(0, 120);
      }
      if (step.jestJson && existsSync(jestJson(i))) {
        try {
          const report = JSON.parse(readFileSync(jestJson(i), 'utf8')) as {
            numFailedTests: number;
            testResults: Array<{ name: string; startTime: number; endTime: number }>;
          };
          if (report.numFailedTests > 0) note = `${report.numFailedTests} failed tests`;
          for (const t of report.testResults) {
            const file = relative(REPO_ROOT, t.name);
            fileTimes.set(file, [...(fileTimes.get(file) ?? []), t.endTime - t.startTime]);
          }
        } catch (err) {
          log(`  could not read the jest report: ${String(err)}`);
        }
      }
      log(
        `  ${step.id} run ${i + 1}: ${formatSeconds(r.wallMs)}${r.status === 0 ? '' : ` (exit ${r.status})`}`,
      );
    }
    out.push({
      id: step.id,
      label: step.label,
      command: step.shown ?? `${step.command} ${step.args.join(' ')}`,
      status,
      wallMs: summarize(wall),
      note,
    });
  }
  const slowestFiles = [...fileTimes.entries()]
    .map(([file, ms]) => ({ file, ms: median(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  return { status: 'ok', steps: out, slowestFiles, terraformTestFiles: tfTests };
}

function phasesOf(results: readonly SynthChildResult[]): AppPhases {
  return {
    startupMs: summarize(results.map((r) => r.startupMs)),
    loadMs: summarize(results.map((r) => r.loadMs)),
    constructMs: summarize(results.map((r) => r.constructMs)),
    synthMs: summarize(results.map((r) => r.synthMs)),
  };
}

function targets(
  cli: SynthVariant | undefined,
  app: SynthVariant | undefined,
  validateSumMs: number | undefined,
  validateCpuSumMs: number | undefined,
  tests: BenchResults['tests'],
): TargetCheck[] {
  const cliOverValidate = ratio(cli?.wallMs?.median, validateSumMs);
  const cpuRatio = ratio(cli?.cpuMs?.median, validateCpuSumMs);
  const jest = tests.steps.find((s) => s.id === 'jest');
  const jestUnit = tests.steps.find((s) => s.id === 'jest-unit');
  const jestUnit2 = tests.steps.find((s) => s.id === 'jest-unit-2w');
  const rssCheck = (name: string, s: Summary | undefined): TargetCheck => ({
    name,
    target: `≤ ${TARGET_RSS_MB} MB`,
    measured: formatMb(s?.median),
    met: s ? s.median <= TARGET_RSS_MB : undefined,
  });
  return [
    {
      name: 'full CLI synth of all stacks',
      target: `≤ ${TARGET_CLI_OVER_VALIDATE} × terraform validate of the same stacks`,
      measured:
        `${formatRatio(cliOverValidate)} wall (${formatSeconds(cli?.wallMs?.median)} vs ${formatSeconds(validateSumMs)})` +
        (cpuRatio === undefined
          ? ''
          : `; ${formatRatio(cpuRatio)} CPU (${formatSeconds(cli?.cpuMs?.median)} vs ${formatSeconds(validateCpuSumMs)})`),
      met: cliOverValidate === undefined ? undefined : cliOverValidate <= TARGET_CLI_OVER_VALIDATE,
    },
    rssCheck('peak RSS of the app process (synth)', app?.rssMb?.app),
    rssCheck('peak RSS of the cdktf CLI process', cli?.rssMb?.cli),
    rssCheck('peak RSS of the app process under the CLI', cli?.rssMb?.app),
    {
      name: 'jest, whole suite (the test step of npm test, Terraform tests included)',
      target: `≤ ${TARGET_TESTS_MS / 1000} s`,
      measured: formatSeconds(jest?.wallMs.median),
      met: jest ? jest.wallMs.median <= TARGET_TESTS_MS : undefined,
    },
    {
      name: 'unit tests (jest without the test files that start Terraform)',
      target: `≤ ${TARGET_TESTS_MS / 1000} s`,
      measured:
        formatSeconds(jestUnit?.wallMs.median) +
        (jestUnit2 ? `; with two workers ${formatSeconds(jestUnit2.wallMs.median)}` : ''),
      met: jestUnit
        ? Math.min(jestUnit.wallMs.median, jestUnit2?.wallMs.median ?? Infinity) <= TARGET_TESTS_MS
        : undefined,
    },
  ];
}

async function main(): Promise<void> {
  const opts = parseBenchArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const loadStart = loadavg();
  const started = new Date();
  mkdirSync(SCRATCH, { recursive: true });
  const env = baseEnv();
  const contextJson = JSON.stringify(cdktfContext());
  // `all` leaves MLMON_ENVIRONMENTS unset: a blank selection is an error.
  const selectionEnv = (selection: string) => (selection === 'all' ? {} : { MLMON_ENVIRONMENTS: selection });
  const appEnv = (outdir: string, selection: string): NodeJS.ProcessEnv => ({
    ...env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTEXT_JSON: contextJson,
    ...selectionEnv(selection),
  });
  const cliEnv = (selection: string): NodeJS.ProcessEnv => ({ ...env, ...selectionEnv(selection) });
  const warmup = !opts.quick;

  // Reference synth: the stacks every other measurement is compared with and Terraform runs on.
  log('reference synth (app alone)');
  const refOut = join(SCRATCH, 'reference.out');
  rmSync(refOut, { recursive: true, force: true });
  const [node, ...appArgs] = appCommand().argv;
  const ref = runMeasured(node, appArgs, {
    cwd: REPO_ROOT,
    env: appEnv(refOut, 'all'),
    scratchDir: SCRATCH,
    probe: false,
  });
  if (ref.status !== 0) {
    throw new Error(
      `the app does not synthesize, nothing to measure:\n${lastLines(ref.stderr || ref.stdout, 30)}`,
    );
  }
  const reference = readStacks(refOut);
  const stacks: StackCounts[] = readSynthOutput(refOut);
  log(`  ${stacks.map((s) => `${s.name} (${s.resources} resources)`).join(', ')}`);

  const synth: SynthVariant[] = [];
  const app = (
    runner: Runner,
    imports: 'deep' | 'root',
    selection: string,
    runs: number,
    command: string,
    args: string[],
    cwd = REPO_ROOT,
  ) => {
    const outdir = join(SCRATCH, `app-${runner}-${imports}-${selection}.out`);
    const v = measureSynth(
      {
        id: `app:${runner}:${imports}:${selection}`,
        kind: 'app',
        runner,
        imports,
        selection,
        command,
        args,
        cwd,
        outdir,
        env: appEnv(outdir, selection),
        runs,
        warmup,
      },
      selection === 'all' ? reference : undefined,
    );
    synth.push(v);
    return v;
  };
  const cli = (
    runner: Runner,
    imports: 'deep' | 'root',
    selection: string,
    runs: number,
    {
      cwd = REPO_ROOT,
      direct = false,
      app: appCommand,
    }: { cwd?: string; direct?: boolean; app?: string } = {},
  ) => {
    const id = `cli:${runner}:${imports}:${selection}${direct ? ':direct' : ''}`;
    const outdir = join(SCRATCH, `${id.replace(/:/g, '-')}.out`);
    const synthArgs = ['synth', '--output', outdir, ...(appCommand ? ['--app', appCommand] : [])];
    const v = measureSynth(
      {
        id,
        kind: 'cli',
        runner,
        imports,
        selection,
        launcher: direct ? 'direct' : 'npx',
        command: direct ? join(REPO_ROOT, 'node_modules', '.bin', 'cdktf') : 'npx',
        args: direct ? synthArgs : ['cdktf', ...synthArgs],
        cwd,
        outdir,
        env: cliEnv(selection),
        runs,
        warmup,
      },
      selection === 'all' ? reference : undefined,
    );
    synth.push(v);
    return v;
  };

  log(`synth: after (the cdktf.json app command: ${appCommand().argv.join(' ')})`);
  const appAfter = app('loader', 'deep', 'all', opts.runs, node, appArgs);
  const cliAfter = cli('loader', 'deep', 'all', opts.runs);
  cli('loader', 'deep', 'all', opts.slowRuns, { direct: true });
  const appDev = app('loader', 'deep', 'dev', opts.runs, node, appArgs);
  cli('loader', 'deep', 'dev', opts.slowRuns);

  log('synth: precompiled JavaScript (tsc ahead of time)');
  const distDir = join(SCRATCH, 'dist');
  rmSync(distDir, { recursive: true, force: true });
  const compile = runMeasured(
    'npx',
    [
      'tsc',
      '-p',
      'tsconfig.app.json',
      '--outDir',
      distDir,
      '--tsBuildInfoFile',
      join(SCRATCH, 'dist.tsbuildinfo'),
    ],
    {
      cwd: REPO_ROOT,
      env,
      scratchDir: SCRATCH,
      probe: false,
    },
  );
  rmSync(join(SCRATCH, 'dist.tsbuildinfo'), { force: true });
  const compileAhead = {
    command: 'tsc -p tsconfig.app.json',
    wallMs: compile.wallMs,
    status: compile.status,
  };
  log(`  tsc -p tsconfig.app.json: ${formatSeconds(compile.wallMs)} (exit ${compile.status})`);
  let cliJs: SynthVariant | undefined;
  if (existsSync(join(distDir, 'main.js'))) {
    app('js', 'deep', 'all', opts.runs, 'node', [join(distDir, 'main.js')]);
    cliJs = cli('js', 'deep', 'all', opts.slowRuns, { app: `node ${join(distDir, 'main.js')}` });
  } else {
    synth.push({
      id: 'app:js:deep:all',
      kind: 'app',
      runner: 'js',
      imports: 'deep',
      selection: 'all',
      command: 'node dist/main.js',
      status: 'failed',
      error: lastLines(compile.stdout || compile.stderr),
    });
  }

  let appBefore: SynthVariant | undefined;
  let cliBefore: SynthVariant | undefined;
  if (opts.baseline) {
    log('synth: before (ts-node type-checking, provider root import)');
    const copy = join(SCRATCH, 'baseline-root-import');
    writeRootImportCopy(REPO_ROOT, copy);
    app(
      'loader',
      'root',
      'all',
      opts.slowRuns,
      node,
      [...absoluteNodeArgs(appCommand().nodeArgs, REPO_ROOT), appCommand().script],
      copy,
    );
    app('ts-node', 'deep', 'all', opts.slowRuns, 'npx', ['ts-node', 'main.ts']);
    appBefore = app('ts-node', 'root', 'all', opts.slowRuns, 'npx', ['ts-node', 'main.ts'], copy);
    cliBefore = cli('ts-node', 'root', 'all', opts.slowRuns, { cwd: copy });
  }

  log('synth phases of the app (in-process clocks)');
  const phaseRuns: SynthChildResult[] = [];
  const childEnv = { ...env, CDKTF_CONTEXT_JSON: contextJson };
  for (let i = 0; i < opts.runs; i++) {
    phaseRuns.push(
      runChild({ outdir: join(SCRATCH, 'phases.out'), environments: { kind: 'real' } }, childEnv).result,
    );
  }
  const phases = phasesOf(phaseRuns);
  const profiled = runChild(
    { outdir: join(SCRATCH, 'phases.out'), environments: { kind: 'real' }, profile: true },
    childEnv,
  ).result;
  const profile: LoadProfile | undefined = profiled.profile && {
    modules: profiled.profile.modules,
    totalMs: profiled.profile.totalMs,
    groups: profiled.profile.groups,
    top: profiled.profile.top,
  };

  let terraform: BenchResults['terraform'];
  if (!terraformVersion()) {
    terraform = { status: 'skipped', reason: 'Terraform is not on PATH', stacks: [] };
    log('terraform: skipped (not on PATH)');
  } else {
    log('terraform: init and validate per stack');
    const tfStacks: TerraformStack[] = stacks.map((s) => {
      const t = benchTerraformStack(
        s.name,
        s.resources,
        join(refOut, 'stacks', s.name),
        join(SCRATCH, 'tf'),
        opts.slowRuns,
      );
      log(
        `  ${s.name}: ${t.status === 'ok' ? `init ${formatSeconds(t.initMs?.median)}, validate ${formatSeconds(t.validateMs?.median)}` : t.error}`,
      );
      return t;
    });
    const allOk = tfStacks.every((s) => s.status === 'ok');
    let validateConcurrentMs: Summary | undefined;
    if (allOk) {
      validateConcurrentMs = await validateConcurrently(
        tfStacks.map((s) => s.name),
        join(SCRATCH, 'tf'),
        opts.slowRuns,
      );
      log(`  all stacks at once: validate ${formatSeconds(validateConcurrentMs.median)}`);
    }
    terraform = { status: allOk ? 'ok' : 'failed', stacks: tfStacks, validateConcurrentMs };
  }
  const validateSumMs =
    terraform.status === 'ok'
      ? terraform.stacks.reduce((n, s) => n + (s.validateMs?.median ?? 0), 0)
      : undefined;
  const validateCpuSumMs =
    terraform.status === 'ok' && terraform.stacks.every((s) => s.validateCpuMs)
      ? terraform.stacks.reduce((n, s) => n + (s.validateCpuMs?.median ?? 0), 0)
      : undefined;

  let tests: BenchResults['tests'] = {
    status: 'skipped',
    reason: opts.quick ? '--quick' : '--skip-tests',
    steps: [],
  };
  if (opts.tests) {
    log('tests');
    tests = measureTests(opts, env);
  }

  const scale = opts.scale ? measureScale(opts, childEnv) : undefined;

  const med = (v: SynthVariant | undefined) => (v?.status === 'ok' ? v.wallMs?.median : undefined);
  const results: BenchResults = {
    schema: 1,
    date: started.toISOString(),
    appCommand: appCommand().argv.join(' '),
    flags: {
      runs: opts.runs,
      slowRuns: opts.slowRuns,
      quick: opts.quick,
      scale: opts.scale,
      tests: opts.tests,
    },
    machine: machineInfo(loadStart),
    stacks,
    synth,
    compileAhead,
    cliOverheadMs:
      cliAfter.cpuMs && appAfter.cpuMs && cliAfter.wallMs && appAfter.wallMs
        ? {
            wall: cliAfter.wallMs.median - appAfter.wallMs.median,
            cpu: cliAfter.cpuMs.median - appAfter.cpuMs.median,
          }
        : undefined,
    phases,
    profile,
    terraform,
    tests,
    ratios: {
      appOverValidate: ratio(med(appAfter), validateSumMs),
      cliOverValidate: ratio(med(cliAfter), validateSumMs),
      appOverValidateCpu: ratio(appAfter.cpuMs?.median, validateCpuSumMs),
      cliOverValidateCpu: ratio(cliAfter.cpuMs?.median, validateCpuSumMs),
      cliOverApp: ratio(med(cliAfter), med(appAfter)),
      cliJsOverValidate: ratio(med(cliJs), validateSumMs),
      cliJsOverValidateCpu: ratio(cliJs?.cpuMs?.median, validateCpuSumMs),
      beforeCliOverValidate: ratio(med(cliBefore), validateSumMs),
      beforeOverAfterCli: ratio(med(cliBefore), med(cliAfter)),
      beforeOverAfterApp: ratio(med(appBefore), med(appAfter)),
      devOnlyOverAll: ratio(med(appDev), med(appAfter)),
    },
    targets: targets(cliAfter, appAfter, validateSumMs, validateCpuSumMs, tests),
    scale,
  };

  const outDir = resolve(REPO_ROOT, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const markdown = renderMarkdown(results);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), `${markdown}\n`);
  // Format like the rest of the repository, so a committed results file passes `prettier --check`.
  try {
    execFileSync('npx', ['prettier', '--write', join(outDir, 'results.json'), join(outDir, 'results.md')], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
  } catch {
    log('prettier could not format the results (they are still written)');
  }
  process.stdout.write(`${markdown}\n`);
  log(
    `wrote ${relative(REPO_ROOT, join(outDir, 'results.json'))} and ${relative(REPO_ROOT, join(outDir, 'results.md'))}`,
  );
}

main().catch((err: unknown) => {
  log(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
