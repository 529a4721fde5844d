/**
 * `npm run mutation`: Stryker over `modules/` and `backend/`, one module at a time, each in
 * incremental mode with its own incremental file, and the mutation score per module.
 *
 *   npm run mutation                    every module, smallest first
 *   npm run mutation -- vpc s3 backend  those modules
 *   npm run mutation -- --summary       only print the table of the reports already written
 *   npm run mutation -- --summary --min 80
 *                                       ... and fail when the total score is below 80 %
 *   npm run mutation -- --list [modules] [--github-output]
 *                                       print the modules a run would take, as a JSON array
 *                                       (with --github-output, also as `modules=` in $GITHUB_OUTPUT,
 *                                       for the matrix of .github/workflows/mutation.yml)
 *
 * Why one module at a time, with only that module's tests: a mutant of `modules/core/ip.ts` is
 * "related" (Jest's findRelatedTests) to almost every test file, because every module imports
 * core; a run per mutant then takes minutes and Stryker reports it as a timeout. Each module's
 * own tests (`__tests__/modules/<module>/`, `__tests__/policy/` for the policy pack,
 * `__tests__/backend/` for the backend) are the ones that guard it, and with them a mutant takes
 * well under a second. The Terraform and integration tests stay out, as in stryker.config.json.
 *
 * Writes `reports/mutation/<module>.json` (Stryker's JSON report), keeps
 * `reports/mutation/<module>.incremental.json` so the next run tests only changed code, and
 * prints and writes `reports/mutation/summary.md`.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'reports', 'mutation');
const BASE_CONFIG = join(ROOT, 'stryker.config.json');

/** A module to mutate, its sources and its tests (globs relative to the root). */
interface Target {
  readonly name: string;
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
  readonly lines: number;
}

/** Counts of a module's mutants by status, and its scores (Stryker's definitions). */
export interface ModuleScore {
  readonly module: string;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly errors: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), percent. */
  readonly score: number;
  /** The same over covered mutants only, percent. */
  readonly coveredScore: number;
}

function sourceLines(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) n += sourceLines(p);
    else if (entry.name.endsWith('.ts') && entry.name !== 'index.ts')
      n += readFileSync(p, 'utf8').split('\n').length;
  }
  return n;
}

/** Every module under modules/ and the backend, smallest first. */
export function targets(root = ROOT): Target[] {
  const modules = readdirSync(join(root, 'modules'))
    .filter((m) => statSync(join(root, 'modules', m)).isDirectory())
    .map((m) => ({
      name: m,
      mutate: [`modules/${m}/**/*.ts`, '!**/index.ts'],
      tests: m === 'policy' ? ['__tests__/policy/**/*.test.ts'] : [`__tests__/modules/${m}/**/*.test.ts`],
      lines: sourceLines(join(root, 'modules', m)),
    }));
  const backend = {
    name: 'backend',
    mutate: ['backend/**/*.ts', '!**/index.ts'],
    tests: ['__tests__/backend/**/*.test.ts'],
    lines: sourceLines(join(root, 'backend')),
  };
  return [...modules, backend].sort((a, b) => a.lines - b.lines);
}

/** Reads the counts and scores of one Stryker JSON report (mutation-testing-report-schema). */
export function scoreOf(module: string, report: unknown): ModuleScore {
  const files = (report as { files: Record<string, { mutants: Array<{ status: string }> }> }).files;
  const count = (status: string) =>
    Object.values(files).reduce((n, f) => n + f.mutants.filter((m) => m.status === status).length, 0);
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const errors = count('RuntimeError') + count('CompileError');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  const covered = detected + survived;
  return {
    module,
    killed,
    timeout,
    survived,
    noCoverage,
    errors,
    score: valid === 0 ? 100 : (100 * detected) / valid,
    coveredScore: covered === 0 ? 100 : (100 * detected) / covered,
  };
}

/** The total over the modules given, by mutant (not an average of their scores). */
export function totalOf(scores: readonly ModuleScore[]): ModuleScore {
  const sum = (k: 'killed' | 'timeout' | 'survived' | 'noCoverage' | 'errors') =>
    scores.reduce((n, s) => n + s[k], 0);
  const detected = sum('killed') + sum('timeout');
  const valid = detected + sum('survived') + sum('noCoverage');
  const covered = detected + sum('survived');
  return {
    module: '**total**',
    killed: sum('killed'),
    timeout: sum('timeout'),
    survived: sum('survived'),
    noCoverage: sum('noCoverage'),
    errors: sum('errors'),
    score: valid === 0 ? 100 : (100 * detected) / valid,
    coveredScore: covered === 0 ? 100 : (100 * detected) / covered,
  };
}

/** The summary table (Markdown), with the total over every module given. */
export function summaryTable(scores: readonly ModuleScore[]): string {
  const rows = [...scores, totalOf(scores)];
  const lines = [
    '| module | score | covered score | killed | timeout | survived | no coverage | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (s) =>
        `| ${s.module} | ${s.score.toFixed(2)} % | ${s.coveredScore.toFixed(2)} % | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.errors} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The incremental result with every survived and uncovered mutant removed, so the next run tests
 * them again. Stryker's incremental mode reuses a result while the mutant's code and the tests that
 * covered it are unchanged; a mutant reached only outside a test (a module-level constant, a
 * `describe` body) has no covering test, so a new test that would kill it was never run against
 * it. Killed and timed-out results stay: new tests cannot undo them.
 */
export function retestSurvivors<T extends { files: Record<string, { mutants: Array<{ status: string }> }> }>(
  incremental: T,
): T {
  const files = Object.fromEntries(
    Object.entries(incremental.files).map(([name, f]) => [
      name,
      { ...f, mutants: f.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage') },
    ]),
  );
  return { ...incremental, files };
}

/**
 * A mutant runs against only the test files that reached it in Stryker's dry run
 * (scripts/mutation/reached-env.js records, reached-filter.js selects); the test environment is
 * Node's, with that record added. MLMON_MUTATION_ALL_TEST_FILES=1 turns this off: every test file
 * of the module is loaded for every mutant, as Stryker does by default.
 */
const REACHED_ONLY = {
  testEnvironment: './scripts/mutation/reached-env.js',
  filter: '<rootDir>/scripts/mutation/reached-filter.js',
};

function run(target: Target): boolean {
  const allTestFiles = process.env.MLMON_MUTATION_ALL_TEST_FILES === '1';
  const incrementalFile = join(OUT, `${target.name}.incremental.json`);
  if (existsSync(incrementalFile)) {
    const previous = JSON.parse(readFileSync(incrementalFile, 'utf8')) as Parameters<
      typeof retestSurvivors
    >[0];
    writeFileSync(incrementalFile, JSON.stringify(retestSurvivors(previous)));
  }
  const base = JSON.parse(readFileSync(BASE_CONFIG, 'utf8')) as {
    jest: { enableFindRelatedTests?: boolean; config: Record<string, unknown> };
  } & Record<string, unknown>;
  const config = {
    ...base,
    mutate: target.mutate,
    jest: {
      ...base.jest,
      enableFindRelatedTests: false,
      config: {
        ...base.jest.config,
        testMatch: target.tests.map((t) => `<rootDir>/${t}`),
        ...(allTestFiles ? {} : REACHED_ONLY),
      },
    },
    // progress-append-only prints a line every few seconds (mutants tested, survived, time left),
    // readable in a log file and in CI, where the bar of `progress` needs a terminal.
    // mlmon-progress-log (scripts/mutation/progress-log.js) writes each result as it comes, so a
    // run stopped before its end still leaves its survivors in <module>.progress.jsonl.
    appendPlugins: ['./scripts/mutation/progress-log.js'],
    reporters: ['clear-text', 'progress-append-only', 'json', 'mlmon-progress-log'],
    jsonReporter: { fileName: relative(ROOT, join(OUT, `${target.name}.json`)) },
    incrementalFile: relative(ROOT, incrementalFile),
    concurrency: Number(process.env.MLMON_MUTATION_CONCURRENCY ?? 1),
  };
  const file = join(ROOT, `.stryker-${target.name}.config.json`);
  const reached = join(OUT, `${target.name}.reached.jsonl`);
  const progress = join(OUT, `${target.name}.progress.jsonl`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  rmSync(reached, { force: true });
  rmSync(progress, { force: true });
  try {
    const r = spawnSync('npx', ['stryker', 'run', file], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        MLMON_MUTATION_PROGRESS_LOG: progress,
        ...(allTestFiles ? {} : { MLMON_MUTATION_REACHED: reached }),
      },
    });
    // A completed run has its JSON report; the progress log stays only when the run did not finish.
    if (r.status === 0) rmSync(progress, { force: true });
    return r.status === 0;
  } finally {
    rmSync(file, { force: true });
    rmSync(reached, { force: true });
  }
}

function summary(): ModuleScore[] {
  if (!existsSync(OUT)) return [];
  return targets()
    .filter((t) => existsSync(join(OUT, `${t.name}.json`)))
    .map((t) => scoreOf(t.name, JSON.parse(readFileSync(join(OUT, `${t.name}.json`), 'utf8'))));
}

/**
 * The problem with a `--min` gate, or undefined when the total score reaches it. Only the total is
 * gated (the project's bar is 80 % over modules/ and backend/); the modules below it are named so
 * the failure says where to look.
 */
export function belowMinimum(scores: readonly ModuleScore[], min: number): string | undefined {
  if (scores.length === 0) return `no module reports in reports/mutation/ to check against --min ${min}`;
  const total = totalOf(scores).score;
  if (total >= min) return undefined;
  const low = scores.filter((s) => s.score < min).map((s) => `${s.module} ${s.score.toFixed(2)} %`);
  return `total mutation score ${total.toFixed(2)} % is below --min ${min} %; modules below it: ${low.join(', ')}`;
}

/** The modules chosen by name (all when none is named), smallest first, or the error for unknown names. */
export function select(names: readonly string[], all: readonly Target[] = targets()): Target[] | string {
  const unknown = names.filter((n) => !all.some((t) => t.name === n));
  if (unknown.length > 0)
    return `npm run mutation: unknown module ${unknown.join(', ')}; choose from ${all.map((t) => t.name).join(', ')}`;
  return names.length > 0 ? all.filter((x) => names.includes(x.name)) : [...all];
}

/** The value of `--min <percent>`, or an error message. */
export function minimumOf(argv: readonly string[]): number | undefined | string {
  const i = argv.indexOf('--min');
  if (i < 0) return undefined;
  const raw = argv[i + 1];
  const min = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(min) || min < 0 || min > 100)
    return `npm run mutation: --min needs a percentage from 0 to 100, got ${JSON.stringify(raw ?? null)}; for example --min 80`;
  return min;
}

function main(argv: readonly string[]): number {
  const min = minimumOf(argv);
  if (typeof min === 'string') {
    console.error(min);
    return 2;
  }
  const names = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--min');
  if (argv.includes('--list')) {
    const chosen = select(names);
    if (typeof chosen === 'string') {
      console.error(chosen);
      return 2;
    }
    const json = JSON.stringify(chosen.map((t) => t.name));
    console.log(json);
    if (argv.includes('--github-output')) {
      const output = process.env.GITHUB_OUTPUT;
      if (output === undefined || output === '') {
        console.error('npm run mutation: --github-output needs GITHUB_OUTPUT (set by GitHub Actions)');
        return 2;
      }
      appendFileSync(output, `modules=${json}\n`);
    }
    return 0;
  }
  mkdirSync(OUT, { recursive: true });
  if (!argv.includes('--summary')) {
    const chosen = select(names);
    if (typeof chosen === 'string') {
      console.error(chosen);
      return 2;
    }
    for (const t of chosen) {
      console.log(`\n== ${t.name} (${t.lines} lines)`);
      if (!run(t)) {
        console.error(`npm run mutation: Stryker failed for ${t.name}`);
        return 1;
      }
    }
  }
  const scores = summary();
  const table = summaryTable(scores);
  writeFileSync(join(OUT, 'summary.md'), table);
  console.log(`\n${table}`);
  if (min !== undefined) {
    const problem = belowMinimum(scores, min);
    if (problem !== undefined) {
      console.error(`npm run mutation: ${problem}`);
      return 1;
    }
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
