/** Command-line flags of `npm run bench` (see `npm run bench -- --help`), and the app command it runs. */
import { resolve } from 'node:path';

/** Parsed flags. */
export interface BenchOptions {
  /** Timed runs of the fast measurements (app and CLI synth). */
  readonly runs: number;
  /** Timed runs of the slow ones (ts-node baselines, Terraform, tests, scaling points). */
  readonly slowRuns: number;
  /** One run each, no warm-up, no baseline, no tests: a smoke run of the tooling. */
  readonly quick: boolean;
  /** Measure the scaling curves (1/3/10/30 environments, 1..6 availability zones). */
  readonly scale: boolean;
  readonly tests: boolean;
  /** Measure the "before" setups (ts-node type-checking, provider root import). */
  readonly baseline: boolean;
  /** Where results.json and results.md go. */
  readonly outDir: string;
  readonly help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [flags]

  --runs N          timed runs of app and CLI synth (default 5); slow parts use min(N, 3)
  --quick           one run each, no warm-up, no baseline, no tests; writes to bench/out/quick
  --scale           also measure synth against 1/3/10/30 environments and 1..6 availability zones
  --skip-tests      do not time npm test and its steps
  --skip-baseline   do not measure the ts-node / root-import "before" setups
  --out DIR         directory for results.json and results.md (default bench)
`;

/** Parses `argv` (without node and the script); throws on an unknown flag or a bad value. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let runs = 5;
  let runsGiven = false;
  let quick = false;
  let scale = false;
  let tests = true;
  let baseline = true;
  let outDir: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${a.split('=')[0]} needs a value`);
      return v;
    };
    const flag = a.split('=')[0];
    switch (flag) {
      case '--runs': {
        const v = value();
        runs = Number(v);
        if (!Number.isInteger(runs) || runs < 1 || runs > 100)
          throw new Error(`--runs must be an integer 1..100, got ${v}`);
        runsGiven = true;
        break;
      }
      case '--quick':
        quick = true;
        break;
      case '--scale':
        scale = true;
        break;
      case '--skip-tests':
        tests = false;
        break;
      case '--skip-baseline':
        baseline = false;
        break;
      case '--out':
        outDir = value();
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown flag ${a}\n\n${BENCH_USAGE}`);
    }
  }
  if (quick) {
    if (!runsGiven) runs = 1;
    tests = false;
    baseline = false;
  }
  return {
    runs,
    slowRuns: Math.min(runs, 3),
    quick,
    scale,
    tests,
    baseline,
    outDir: outDir ?? (quick ? 'bench/out/quick' : 'bench'),
    help,
  };
}

/** The cdktf.json app command, taken apart. */
export interface AppCommand {
  /** The whole command as argv, e.g. `['node', '-r', './scripts/transpile.js', 'main.ts']`. */
  readonly argv: readonly string[];
  /** Node.js options before the script (the TypeScript loader), e.g. `['-r', './scripts/transpile.js']`. */
  readonly nodeArgs: readonly string[];
  /** The entry file, e.g. `main.ts`. */
  readonly script: string;
}

/**
 * Splits a `node [options] <script>` app command. The benchmark runs the app without a shell and
 * starts its own entry files with the same loader, so it needs exactly that form.
 */
export function parseAppCommand(app: string): AppCommand {
  if (/["'`$|&;<>()\\]/.test(app))
    throw new Error(`app command "${app}": quotes and shell syntax are not supported here`);
  const argv = app.trim().split(/\s+/);
  if (argv[0] !== 'node' || argv.length < 2 || argv[argv.length - 1].startsWith('-')) {
    throw new Error(`app command "${app}": expected "node [options] <entry file>"`);
  }
  return { argv, nodeArgs: argv.slice(1, -1), script: argv[argv.length - 1] };
}

/** Node.js options with relative paths (`./scripts/x.js`) made absolute, for runs in another directory. */
export function absoluteNodeArgs(nodeArgs: readonly string[], root: string): string[] {
  return nodeArgs.map((a) => (a.startsWith('./') || a.startsWith('../') ? resolve(root, a) : a));
}
