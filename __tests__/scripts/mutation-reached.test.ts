import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The two Jest plugins of `npm run mutation` that run a mutant against only the test files that
 * reached it in Stryker's dry run: the environment records, the filter selects.
 */
type Filter = (paths: string[]) => Promise<{ filtered: Array<{ test: string }> }>;
interface Coverage {
  static: Record<string, number>;
  perTest: Record<string, Record<string, number>>;
}
interface Env {
  global: Record<string, unknown>;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

const ENV_KEYS = ['__STRYKER_ACTIVE_MUTANT__', 'MLMON_MUTATION_REACHED'] as const;
let saved: Record<string, string | undefined>;
let dir: string;

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  dir = mkdtempSync(join(tmpdir(), 'mlmon-reached-'));
});

afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the filter: it keeps the record it read for the rest of the process. */
function freshFilter(): Filter {
  let filter: Filter | undefined;
  jest.isolateModules(() => {
    filter = jest.requireActual<Filter>('../../scripts/mutation/reached-filter.js');
  });
  return filter!;
}

const PATHS = ['/s/__tests__/a.test.ts', '/s/__tests__/b.test.ts', '/s/__tests__/c.test.ts'];
const kept = async (filter: Filter) => (await filter(PATHS)).filtered.map((f) => f.test);

describe('reached-filter.js', () => {
  function record(lines: Array<{ file: string; reached: string[] }>): string {
    const file = join(dir, 'reached.jsonl');
    writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join('') + '\n');
    process.env.MLMON_MUTATION_REACHED = file;
    return file;
  }

  it('keeps only the files that reached the active mutant, in Jest order', async () => {
    record([
      { file: PATHS[2], reached: ['7', '8'] },
      { file: PATHS[0], reached: ['8'] },
      { file: PATHS[1], reached: ['9'] },
    ]);
    process.env.__STRYKER_ACTIVE_MUTANT__ = '8';
    expect(await kept(freshFilter())).toEqual([PATHS[0], PATHS[2]]);
  });

  it('reads the record once and keeps it for later mutants', async () => {
    const file = record([
      { file: PATHS[1], reached: ['1'] },
      { file: PATHS[2], reached: ['2'] },
    ]);
    const filter = freshFilter();
    process.env.__STRYKER_ACTIVE_MUTANT__ = '1';
    expect(await kept(filter)).toEqual([PATHS[1]]);
    rmSync(file);
    process.env.__STRYKER_ACTIVE_MUTANT__ = '2';
    expect(await kept(filter)).toEqual([PATHS[2]]);
  });

  it.each([
    ['no mutant is active (the dry run)', undefined, true],
    ['the mutant is in no file of the record', '99', true],
    ['the record is missing', '7', false],
  ])('keeps every file when %s', async (_case, mutant, withRecord) => {
    if (withRecord) record([{ file: PATHS[0], reached: ['7'] }]);
    else process.env.MLMON_MUTATION_REACHED = join(dir, 'missing.jsonl');
    if (mutant !== undefined) process.env.__STRYKER_ACTIVE_MUTANT__ = mutant;
    expect(await kept(freshFilter())).toEqual(PATHS);
  });

  it('keeps every file when no record is configured', async () => {
    process.env.__STRYKER_ACTIVE_MUTANT__ = '7';
    expect(await kept(freshFilter())).toEqual(PATHS);
  });

  it('keeps every file rather than none when the record names only files Jest did not find', async () => {
    record([{ file: '/elsewhere/a.test.ts', reached: ['7'] }]);
    process.env.__STRYKER_ACTIVE_MUTANT__ = '7';
    expect(await kept(freshFilter())).toEqual(PATHS);
  });
});

describe('reached-env.js', () => {
  const TEST_PATH = '/s/__tests__/a.test.ts';

  function environment(): Env {
    const Environment = jest.requireActual<new (config: unknown, context: unknown) => Env>(
      '../../scripts/mutation/reached-env.js',
    );
    const env = new Environment(
      { globalConfig: {}, projectConfig: { testEnvironmentOptions: {}, globals: {} } },
      { testPath: TEST_PATH, console, docblockPragmas: {} },
    );
    // What Stryker's environment mixin does: its instrumenter context on the test global.
    env.global.__stryker__ = {
      mutantCoverage: { static: { '1': 1, '2': 1 }, perTest: { 'earlier test': { '3': 2 } } },
    };
    return env;
  }

  /** Coverage counted while the file runs: more of 1 and 3, new 4 (static) and 5 (per test). */
  function run(env: Env) {
    const coverage = (env.global.__stryker__ as { mutantCoverage: Coverage }).mutantCoverage;
    coverage.static['1'] += 1;
    coverage.static['4'] = 1;
    coverage.perTest['earlier test']['3'] += 1;
    coverage.perTest['a test'] = { '5': 1, '2': 0 };
  }

  it('appends the test file and the mutants counted between setup and teardown', async () => {
    const file = join(dir, 'reached.jsonl');
    writeFileSync(file, '{"file":"/s/other.test.ts","reached":["9"]}\n');
    process.env.MLMON_MUTATION_REACHED = file;
    const env = environment();
    await env.setup();
    run(env);
    await env.teardown();
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ file: '/s/other.test.ts', reached: ['9'] });
    expect(lines[1].file).toBe(TEST_PATH);
    expect([...lines[1].reached].sort()).toEqual(['1', '3', '4', '5']);
  });

  it.each([
    ['in a mutant run', { __STRYKER_ACTIVE_MUTANT__: '4', MLMON_MUTATION_REACHED: 'reached.jsonl' }],
    ['without MLMON_MUTATION_REACHED', {}],
  ])('records nothing %s', async (_case, env: Record<string, string>) => {
    for (const [k, v] of Object.entries(env))
      process.env[k] = k === 'MLMON_MUTATION_REACHED' ? join(dir, v) : v;
    const e = environment();
    await e.setup();
    run(e);
    await e.teardown();
    expect(readdirSync(dir)).toEqual([]);
  });
});
