/**
 * `npm run mutation`: Stryker over `modules/` and `backend/`, one module at a time, each in
 * incremental mode with its own incremental file, and the mutation score per module.
 *
 *   npm run mutation                    every module, smallest first
 *   npm run mutation -- vpc s3 backend  those modules
 *   npm run mutation -- --summary       only print the table of the reports already written
 *   npm run mutation -- --summary --min 80
 *                                       ... and fail when the total score is below 80 %
 *   npm run mutation -- policy --shard 2/6
 *                                       one part of a module's files (see shardFiles); when every
 *                                       part is measured, their reports are merged into the
 *                                       module's report and incremental file
 *   npm run mutation -- --save-state [modules]
 *                                       gzip the modules' incremental files into
 *                                       scripts/mutation/state/ (committed); a run without an
 *                                       incremental file of its own starts from them
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
import { createHash } from 'node:crypto';
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
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'reports', 'mutation');
/**
 * Committed incremental files (gzip), so that results outlive the machine that measured them:
 * `reports/` is not committed, and a module such as `policy` takes longer to measure than a
 * session or a job may last.
 */
const STATE = join(ROOT, 'scripts', 'mutation', 'state');
const BASE_CONFIG = join(ROOT, 'stryker.config.json');

/** A module to mutate, its sources and its tests (globs relative to the root). */
export interface Target {
  readonly name: string;
  /** The folder whose files are mutated. */
  readonly dir: string;
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

/** The files Stryker mutates in a folder (every `.ts` but `index.ts`), with their line counts. */
export function sourceFiles(root: string, dir: string): Array<{ path: string; lines: number }> {
  const files: Array<{ path: string; lines: number }> = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...sourceFiles(root, p));
    else if (entry.name.endsWith('.ts') && entry.name !== 'index.ts')
      files.push({ path: p, lines: readFileSync(join(root, p), 'utf8').split('\n').length });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function sourceLines(root: string, dir: string): number {
  return sourceFiles(root, dir).reduce((n, f) => n + f.lines, 0);
}

/** Every module under modules/ and the backend, smallest first. */
export function targets(root = ROOT): Target[] {
  const modules = readdirSync(join(root, 'modules'))
    .filter((m) => statSync(join(root, 'modules', m)).isDirectory())
    .map((m) => ({
      name: m,
      dir: `modules/${m}`,
      mutate: [`modules/${m}/**/*.ts`, '!**/index.ts'],
      tests: m === 'policy' ? ['__tests__/policy/**/*.test.ts'] : [`__tests__/modules/${m}/**/*.test.ts`],
      lines: sourceLines(root, `modules/${m}`),
    }));
  const backend = {
    name: 'backend',
    dir: 'backend',
    mutate: ['backend/**/*.ts', '!**/index.ts'],
    tests: ['__tests__/backend/**/*.test.ts'],
    lines: sourceLines(root, 'backend'),
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

/**
 * The summary table (Markdown), with the total over every module given. With no module measured
 * in full there is no table: a total of nothing would read as 100 %.
 */
export function summaryTable(scores: readonly ModuleScore[]): string {
  if (scores.length === 0) return 'No module is measured in full in reports/mutation/ yet.\n';
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

/**
 * Copies the committed incremental file of `name` (`<state>/<name>.incremental.json.gz`) into
 * `out` when `out` has none, so the run reuses what was measured elsewhere. Returns whether it did.
 */
export function restoreState(name: string, out = OUT, state = STATE): boolean {
  const target = join(out, `${name}.incremental.json`);
  const saved = join(state, `${name}.incremental.json.gz`);
  if (existsSync(target) || !existsSync(saved)) return false;
  mkdirSync(out, { recursive: true });
  writeFileSync(target, gunzipSync(readFileSync(saved)));
  return true;
}

/**
 * Writes the incremental file of each module in `out` to `<state>/<module>.incremental.json.gz`
 * (shards excluded: their parts are merged first). Returns the modules saved.
 */
export function saveState(modules: readonly string[], out = OUT, state = STATE): string[] {
  const saved: string[] = [];
  for (const name of modules) {
    const file = join(out, `${name}.incremental.json`);
    if (!existsSync(file)) continue;
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, `${name}.incremental.json.gz`), gzipSync(readFileSync(file), { level: 9 }));
    saved.push(name);
  }
  return saved;
}

function run(target: Target): boolean {
  const allTestFiles = process.env.MLMON_MUTATION_ALL_TEST_FILES === '1';
  const incrementalFile = join(OUT, `${target.name}.incremental.json`);
  if (restoreState(target.name))
    console.log(`${target.name}: reusing the committed results in ${relative(ROOT, STATE)}/`);
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

/** One part of a module's files, from `--shard <part>/<parts>`. */
export interface Shard {
  readonly part: number;
  readonly parts: number;
}

/** The value of `--shard <part>/<parts>`, or an error message. */
export function shardOf(argv: readonly string[]): Shard | undefined | string {
  const i = argv.indexOf('--shard');
  if (i < 0) return undefined;
  const raw = argv[i + 1];
  const fix = 'for example --shard 2/6 for the second of six parts';
  const m = /^(\d+)\/(\d+)$/.exec(raw ?? '');
  if (m === null)
    return `npm run mutation: --shard needs <part>/<parts>, got ${JSON.stringify(raw ?? null)}; ${fix}`;
  const part = Number(m[1]);
  const parts = Number(m[2]);
  if (parts < 2 || part < 1 || part > parts)
    return `npm run mutation: --shard ${raw} needs at least 2 parts and a part from 1 to the number of parts; ${fix}`;
  return { part, parts };
}

/** The name of a shard's reports: `<module>.shard-<part>-of-<parts>`. */
export function shardName(module: string, shard: Shard): string {
  return `${module}.shard-${shard.part}-of-${shard.parts}`;
}

/**
 * The part of a file among `parts`: the SHA-1 of its path (relative to the repository, `/`
 * separators) modulo the number of parts, counted from 1.
 */
export function shardOfFile(path: string, parts: number): number {
  return Number(BigInt(`0x${createHash('sha1').update(path).digest('hex')}`) % BigInt(parts)) + 1;
}

/**
 * Splits a module's files into `parts` shards by {@link shardOfFile}: a file's shard depends on its
 * path alone, so editing, adding or removing one file never moves another, and parts measured on
 * different commits, days or machines fit together. (A split by size moved half the files when
 * one file grew by ten lines.) The parts are of about the same size on average, not exactly; each
 * lists its files in path order.
 */
export function shardFiles(files: ReadonlyArray<{ readonly path: string }>, parts: number): string[][] {
  const shards = Array.from({ length: parts }, () => [] as string[]);
  for (const f of files) shards[shardOfFile(f.path, parts) - 1].push(f.path);
  return shards.map((s) => s.sort());
}

/** The target of one shard of a module, or an error message when the module has too few files. */
export function shardTarget(target: Target, shard: Shard, root = ROOT): Target | string {
  const files = sourceFiles(root, target.dir);
  if (shard.parts > files.length)
    return `npm run mutation: --shard ${shard.part}/${shard.parts}: ${target.name} has ${files.length === 1 ? '1 file' : `${files.length} files`} to mutate, so at most ${files.length === 1 ? 'one part (run it whole, without --shard)' : `${files.length} parts; choose fewer parts`}`;
  const mine = shardFiles(files, shard.parts)[shard.part - 1];
  if (mine.length === 0)
    return `npm run mutation: --shard ${shard.part}/${shard.parts}: no file of ${target.name} falls in part ${shard.part} (a file's part is fixed by its path), so the parts can't all be measured; choose another number of parts`;
  return {
    name: shardName(target.name, shard),
    dir: target.dir,
    mutate: mine,
    tests: target.tests,
    lines: files.filter((f) => mine.includes(f.path)).reduce((n, f) => n + f.lines, 0),
  };
}

interface ReportTest {
  readonly id: string;
  readonly name: string;
}
interface ReportMutant {
  readonly id: string;
  readonly status: string;
  readonly coveredBy?: readonly string[];
  readonly killedBy?: readonly string[];
}
/** The parts of a Stryker JSON or incremental report (mutation-testing-report-schema) a merge touches. */
export interface Report {
  readonly files: Record<string, { readonly mutants: readonly ReportMutant[] }>;
  readonly testFiles?: Record<string, { readonly tests: readonly ReportTest[] }>;
  readonly config?: { readonly mutate?: readonly string[] };
}

/**
 * One report from the reports of a module's shards, as a whole run would have written it. Stryker
 * numbers mutants and tests per run, so the merged report numbers them again: a test is the same
 * test in every shard when its file and name are the same (as in Stryker's incremental diff), and
 * each mutant's `coveredBy` and `killedBy` follow the new numbers. A source file found in two
 * reports is an error: shards are disjoint.
 */
export function mergeReports<R extends Report>(reports: readonly R[]): R {
  const testFiles: Record<string, { tests: ReportTest[] }> = {};
  const testIds = new Map<string, string>();
  const renumbered = reports.map((r) => {
    const ids = new Map<string, string>();
    for (const [file, tf] of Object.entries(r.testFiles ?? {})) {
      const merged = (testFiles[file] ??= { ...tf, tests: [] });
      for (const t of tf.tests) {
        const key = `${file}\u0000${t.name}`;
        let id = testIds.get(key);
        if (id === undefined) {
          id = String(testIds.size);
          testIds.set(key, id);
          merged.tests.push({ ...t, id });
        }
        ids.set(t.id, id);
      }
    }
    return (list: readonly string[]) => list.map((id) => ids.get(id) ?? id);
  });
  const files: Record<string, { mutants: ReportMutant[] }> = {};
  let next = 0;
  reports.forEach((r, i) => {
    for (const [name, f] of Object.entries(r.files)) {
      if (files[name] !== undefined)
        throw new Error(`npm run mutation: ${name} is in two shard reports; shards must not share files`);
      files[name] = {
        ...f,
        mutants: f.mutants.map((m) => ({
          ...m,
          id: String(next++),
          ...(m.coveredBy === undefined ? {} : { coveredBy: renumbered[i](m.coveredBy) }),
          ...(m.killedBy === undefined ? {} : { killedBy: renumbered[i](m.killedBy) }),
        })),
      };
    }
  });
  const mutate = reports.flatMap((r) => r.config?.mutate ?? []);
  return {
    ...reports[0],
    files,
    ...(reports.some((r) => r.testFiles !== undefined) ? { testFiles } : {}),
    ...(reports[0].config === undefined ? {} : { config: { ...reports[0].config, mutate } }),
  };
}

/**
 * When every shard of a module has its report, writes the module's report and incremental file
 * merged from them and removes the shards' files; from then on a whole run of the module is
 * incremental. Returns whether it merged.
 */
export function mergeShards(module: string, parts: number, out = OUT): boolean {
  const names = Array.from({ length: parts }, (_, i) => shardName(module, { part: i + 1, parts }));
  const path = (n: string, kind: 'json' | 'incremental.json') => join(out, `${n}.${kind}`);
  if (!names.every((n) => existsSync(path(n, 'json')))) return false;
  const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Report;
  writeFileSync(
    join(out, `${module}.json`),
    JSON.stringify(mergeReports(names.map((n) => read(path(n, 'json'))))),
  );
  if (names.every((n) => existsSync(path(n, 'incremental.json'))))
    writeFileSync(
      join(out, `${module}.incremental.json`),
      JSON.stringify(mergeReports(names.map((n) => read(path(n, 'incremental.json'))))),
    );
  for (const n of names)
    for (const kind of ['json', 'incremental.json'] as const) rmSync(path(n, kind), { force: true });
  return true;
}

/**
 * The modules with shard reports but no report of their own, as lines for the summary: they are
 * not in the table or the total until every shard is measured.
 */
export function partlyMeasured(out = OUT, all: readonly Target[] = targets()): string[] {
  if (!existsSync(out)) return [];
  const reports = readdirSync(out);
  return all.flatMap((t) => {
    if (reports.includes(`${t.name}.json`)) return [];
    const shards = reports
      .map((f) => new RegExp(`^${t.name}\\.shard-(\\d+)-of-(\\d+)\\.json$`).exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ part: Number(m[1]), parts: Number(m[2]), file: m[0] }))
      .sort((a, b) => a.parts - b.parts || a.part - b.part);
    if (shards.length === 0) return [];
    const s = scoreOf(
      t.name,
      mergeReports(shards.map((x) => JSON.parse(readFileSync(join(out, x.file), 'utf8')) as Report)),
    );
    const parts = [...new Set(shards.map((x) => x.parts))];
    const which = shards.map((x) => `${x.part}/${x.parts}`).join(', ');
    return [
      `${t.name}: only shards ${which} measured (of ${parts.join(' or ')}), ${s.score.toFixed(2)} % over their ${s.killed + s.timeout + s.survived + s.noCoverage} mutants; not in the total until every shard is measured`,
    ];
  });
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
  const shard = shardOf(argv);
  if (typeof shard === 'string') {
    console.error(shard);
    return 2;
  }
  const names = argv.filter(
    (a, i) => !a.startsWith('--') && argv[i - 1] !== '--min' && argv[i - 1] !== '--shard',
  );
  if (shard !== undefined && (names.length !== 1 || argv.includes('--list') || argv.includes('--summary'))) {
    console.error(
      `npm run mutation: --shard ${shard.part}/${shard.parts} runs part of one module; name exactly one module (got ${names.length === 0 ? 'none' : names.join(', ')}) and leave out --list and --summary`,
    );
    return 2;
  }
  if (argv.includes('--save-state')) {
    const chosen = select(names);
    if (typeof chosen === 'string') {
      console.error(chosen);
      return 2;
    }
    const saved = saveState(chosen.map((t) => t.name));
    console.log(
      saved.length === 0
        ? 'npm run mutation: no incremental file in reports/mutation/ to save'
        : `saved ${saved.join(', ')} to ${relative(ROOT, STATE)}/ (commit it)`,
    );
    return 0;
  }
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
    for (const whole of chosen) {
      const t = shard === undefined ? whole : shardTarget(whole, shard);
      if (typeof t === 'string') {
        console.error(t);
        return 2;
      }
      console.log(
        `\n== ${t.name} (${t.lines} lines${shard === undefined ? '' : `: ${t.mutate.join(', ')}`})`,
      );
      if (!run(t)) {
        console.error(`npm run mutation: Stryker failed for ${t.name}`);
        return 1;
      }
      if (shard !== undefined && mergeShards(whole.name, shard.parts))
        console.log(`\n${whole.name}: all ${shard.parts} shards measured, merged into ${whole.name}.json`);
    }
  }
  const scores = summary();
  const partly = partlyMeasured();
  const table = summaryTable(scores) + partly.map((line) => `\n${line}\n`).join('');
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
