/**
 * Running a command for `npm run bench`: wall time, exit status, and the peak resident memory (RSS)
 * of every Node.js process the command starts.
 *
 * How peak RSS is measured, and why this way:
 *
 * - `npx cdktf synth` is a tree: `npx` (npm) starts the cdktf CLI, which starts `/bin/sh -c <app>`,
 *   which starts the app. The CLI and the app are alive at the same time, so "the" peak is per process.
 * - A parent's `getrusage(RUSAGE_CHILDREN)` (Node's `process.resourceUsage()` after a child exits, or
 *   GNU `time -f %M`) reports the largest `ru_maxrss` among the waited-for descendants: the maximum of
 *   one process, not the sum of concurrent ones, and it does not say which process it was.
 * - Polling `/proc/<pid>/status` (`VmHWM`) misses short-lived processes and needs the pid in time.
 *
 * So every Node.js process of the measured command loads a small probe (`--require`, passed through
 * `NODE_OPTIONS`, which the cdktf CLI hands on to the app) that writes its own
 * `process.resourceUsage().maxRSS` (the kernel's high-water mark for that process) at exit. The
 * result is exact per process; the sum over the tree is an upper bound of the concurrent peak.
 * Non-Node processes (Terraform and its provider plugin) are measured with GNU `time` when it is
 * installed (`%M`: the largest of Terraform and the plugin it waited for).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** The environment variable naming the directory a probe writes its report to. */
export const RSS_DIR_ENV = 'MLMON_BENCH_RSS_DIR';

/** Source of the probe: CommonJS, no dependencies, silent when the variable is unset. */
export const RSS_PROBE_SOURCE = `'use strict';
// Written by bench/lib/process.ts. Loaded into every Node.js process of a measured command
// (NODE_OPTIONS=--require): reports this process's peak RSS at exit.
const dir = process.env.${RSS_DIR_ENV};
if (dir) {
  process.on('exit', () => {
    try {
      const ru = process.resourceUsage();
      require('node:fs').writeFileSync(
        require('node:path').join(dir, process.pid + '.json'),
        JSON.stringify({
          pid: process.pid,
          ppid: process.ppid,
          argv: process.argv,
          maxRssKb: ru.maxRSS,
          cpuMs: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1000),
          uptimeMs: Math.round(process.uptime() * 1000),
        }),
      );
    } catch {
      // A report lost at exit must not change the measured command's behaviour.
    }
  });
}
`;

/** What one Node.js process reported at exit. */
export interface ProcessReport {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
  /** Peak resident set size, KiB (`ru_maxrss`). */
  readonly maxRssKb: number;
  /** User + system CPU time, ms. */
  readonly cpuMs: number;
  /** Lifetime, ms. */
  readonly uptimeMs: number;
}

/** Which part of a synth a Node.js process is. */
export type ProcessRole = 'npx' | 'cli' | 'app' | 'other';

/**
 * Classifies a process by its command line: the npm/npx launcher, the cdktf CLI, the app (the
 * file given in `appScripts`, e.g. `main.ts`), or anything else.
 */
export function processRole(
  argv: readonly string[],
  appScripts: readonly string[] = ['main.ts', 'main.js'],
): ProcessRole {
  const script = argv[1] ?? '';
  if (/npm-cli\.js$|npx-cli\.js$|[/\\]npx$|[/\\]npm$/.test(script)) return 'npx';
  if (/cdktf-cli[/\\]bundle[/\\]bin[/\\]cdktf(\.js)?$|[/\\]\.bin[/\\]cdktf$/.test(script)) return 'cli';
  const isApp = (arg: string) =>
    appScripts.some((s) => arg === s || arg.endsWith('/' + s) || arg.endsWith('\\' + s));
  if (isApp(script)) return 'app';
  // A runner that takes the app file as an argument and runs it in its own process: `ts-node main.ts`.
  if (/ts-node/.test(script) && argv.slice(2).some(isApp)) return 'app';
  return 'other';
}

/** Result of one measured run. */
export interface MeasuredRun {
  readonly status: number;
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** One report per Node.js process that exited normally; empty unless `probe` was on. */
  readonly processes: readonly ProcessReport[];
  /** Peak RSS from GNU time (KiB): the largest single process of the tree. */
  readonly gnuTimeMaxRssKb?: number;
  /**
   * User + system CPU time from GNU time, ms: the whole tree, since every process's time is added
   * to its parent's when the parent waits for it.
   */
  readonly gnuTimeCpuMs?: number;
}

/** Options of {@link runMeasured}. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Directory for probe reports and the probe file. */
  readonly scratchDir: string;
  /** Load the RSS probe into Node.js processes. @default true */
  readonly probe?: boolean;
  /** Wrap the command in GNU time (when installed) for its peak RSS and CPU time. @default false */
  readonly gnuTime?: boolean;
  /** Kill the command after this long. @default 900000 (15 min) */
  readonly timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';
let gnuTimeAvailable: boolean | undefined;

/** True when GNU time (Debian package `time`) is installed; `-f %M` then reports peak RSS. */
export function hasGnuTime(): boolean {
  if (gnuTimeAvailable === undefined) {
    const r = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' }) : undefined;
    gnuTimeAvailable = r !== undefined && r.status === 0 && /GNU/.test(r.stdout + r.stderr);
  }
  return gnuTimeAvailable;
}

/** Writes the probe into `scratchDir` and returns its path. */
export function writeProbe(scratchDir: string): string {
  mkdirSync(scratchDir, { recursive: true });
  const file = join(scratchDir, 'rss-probe.cjs');
  writeFileSync(file, RSS_PROBE_SOURCE);
  return file;
}

/**
 * `NODE_OPTIONS` for a measured command: the probe, plus the heap setting the cdktf CLI would add
 * itself (it warns when NODE_OPTIONS lacks one), so measured runs behave like unmeasured ones.
 */
export function probeNodeOptions(probeFile: string, base: string | undefined): string {
  const parts = [base ?? '', `--require ${JSON.stringify(probeFile)}`];
  if (!(base ?? '').includes('--max-old-space-size')) parts.push('--max-old-space-size=4096');
  return parts.join(' ').trim();
}

/** Runs `command args` once; never throws on a non-zero exit. */
export function runMeasured(command: string, args: readonly string[], options: RunOptions): MeasuredRun {
  const probe = options.probe ?? true;
  const env: NodeJS.ProcessEnv = { ...options.env };
  let reportDir: string | undefined;
  if (probe) {
    const probeFile = writeProbe(options.scratchDir);
    reportDir = mkdtempSync(join(options.scratchDir, 'rss-'));
    env[RSS_DIR_ENV] = reportDir;
    env.NODE_OPTIONS = probeNodeOptions(probeFile, options.env.NODE_OPTIONS);
  }
  const useGnuTime = (options.gnuTime ?? false) && hasGnuTime();
  const timeFile = useGnuTime ? join(options.scratchDir, `time-${process.pid}-${Date.now()}.txt`) : undefined;
  const [cmd, argv] = timeFile
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];

  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 900_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  const processes: ProcessReport[] = [];
  if (reportDir) {
    for (const f of readdirSync(reportDir)) {
      processes.push(JSON.parse(readFileSync(join(reportDir, f), 'utf8')) as ProcessReport);
    }
    rmSync(reportDir, { recursive: true, force: true });
  }
  let gnuTime: { maxRssKb: number; cpuMs: number } | undefined;
  if (timeFile && existsSync(timeFile)) {
    gnuTime = parseGnuTime(readFileSync(timeFile, 'utf8'));
    rmSync(timeFile, { force: true });
  }
  return {
    status: r.status ?? (r.error ? 127 : 1),
    wallMs,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? `\n${String(r.error)}` : ''),
    processes,
    gnuTimeMaxRssKb: gnuTime?.maxRssKb,
    gnuTimeCpuMs: gnuTime?.cpuMs,
  };
}

/**
 * Reads GNU time's `-f '%M %U %S'` output: peak RSS (KiB), user and system seconds. A failed command
 * adds a "Command exited with non-zero status N" line before it; a killed one may leave nothing.
 */
export function parseGnuTime(text: string): { maxRssKb: number; cpuMs: number } | undefined {
  const last = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last.trim());
  if (!m) return undefined;
  return { maxRssKb: Number(m[1]), cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000) };
}

/** A command for {@link runConcurrently}. */
export interface ConcurrentCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Starts all commands at once (as parallel CI jobs would on one machine) and resolves when the last
 * exits, with that wall time, every exit status and every stderr.
 */
export function runConcurrently(
  commands: readonly ConcurrentCommand[],
): Promise<{ wallMs: number; statuses: number[]; stderr: string[] }> {
  const start = process.hrtime.bigint();
  return Promise.all(
    commands.map(
      (c) =>
        new Promise<{ status: number; stderr: string }>((done) => {
          const child = spawn(c.command, [...c.args], {
            cwd: c.cwd,
            env: c.env,
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('error', (e) => done({ status: 127, stderr: String(e) }));
          child.on('close', (code) => done({ status: code ?? 1, stderr }));
        }),
    ),
  ).then((rs) => ({
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    statuses: rs.map((r) => r.status),
    stderr: rs.map((r) => r.stderr),
  }));
}

/** Peak RSS (MiB) per role; for several processes of one role, the largest. */
export function rssByRole(
  processes: readonly ProcessReport[],
  appScripts?: readonly string[],
): Partial<Record<ProcessRole | 'tree', number>> {
  const out: Partial<Record<ProcessRole | 'tree', number>> = {};
  let tree = 0;
  for (const p of processes) {
    const role = processRole(p.argv, appScripts);
    const mb = p.maxRssKb / 1024;
    out[role] = Math.max(out[role] ?? 0, mb);
    tree += mb;
  }
  if (processes.length > 0) out.tree = tree;
  return out;
}
