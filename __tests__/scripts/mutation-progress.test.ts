import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The Stryker reporter of `npm run mutation` that writes each mutant's result as it comes, so a
 * run stopped before its end still leaves its survivors.
 */
interface Result {
  id: string;
  status: string;
  fileName: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface ProgressLogModule {
  ProgressLog: new (file?: string, cwd?: string) => { onMutantTested(result: Result): void };
  progressLine(result: Result, cwd?: string): string;
  strykerPlugins: Array<{ kind: string; name: string; injectableClass: { inject: unknown[] } }>;
}

const PLUGIN = resolve(__dirname, '../../scripts/mutation/progress-log.js');
const plugin = (): ProgressLogModule => jest.requireActual<ProgressLogModule>(PLUGIN);

const result = (over: Partial<Result> = {}): Result => ({
  id: '42',
  status: 'Survived',
  fileName: '/repo/modules/ssm/parameter.ts',
  mutatorName: 'StringLiteral',
  replacement: '""',
  location: { start: { line: 12, column: 5 }, end: { line: 12, column: 9 } },
  ...over,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlmon-progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('progress-log.js', () => {
  it('writes one line per mutant: status, file relative to the project, 1-based position, mutation, id', () => {
    expect(plugin().progressLine(result(), '/repo')).toBe(
      '{"status":"Survived","file":"modules/ssm/parameter.ts","line":12,"column":5,' +
        '"mutator":"StringLiteral","replacement":"\\"\\"","id":"42"}',
    );
    expect(
      plugin().progressLine(result({ fileName: 'backend/settings.ts', status: 'Killed' }), '/repo'),
    ).toBe(
      '{"status":"Killed","file":"backend/settings.ts","line":12,"column":5,' +
        '"mutator":"StringLiteral","replacement":"\\"\\"","id":"42"}',
    );
  });

  it('appends each result to the file as it is reported', () => {
    const file = join(dir, 'ssm.progress.jsonl');
    const log = new (plugin().ProgressLog)(file, '/repo');
    log.onMutantTested(result({ id: '1', status: 'Killed' }));
    log.onMutantTested(
      result({ id: '2', location: { start: { line: 3, column: 1 }, end: { line: 3, column: 2 } } }),
    );
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .map((l) => [l.id, l.status, l.line, l.column]),
    ).toEqual([
      ['1', 'Killed', 12, 5],
      ['2', 'Survived', 3, 1],
    ]);
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
  ])('writes nothing when the file is %s', (_what, file) => {
    new (plugin().ProgressLog)(file, dir).onMutantTested(result());
    expect(existsSync(join(dir, 'ssm.progress.jsonl'))).toBe(false);
  });

  it('takes the file from MLMON_MUTATION_PROGRESS_LOG by default', () => {
    const file = join(dir, 'from-env.jsonl');
    const saved = process.env.MLMON_MUTATION_PROGRESS_LOG;
    process.env.MLMON_MUTATION_PROGRESS_LOG = file;
    try {
      new (plugin().ProgressLog)().onMutantTested(result({ fileName: join(process.cwd(), 'modules/a.ts') }));
    } finally {
      if (saved === undefined) delete process.env.MLMON_MUTATION_PROGRESS_LOG;
      else process.env.MLMON_MUTATION_PROGRESS_LOG = saved;
    }
    expect(JSON.parse(readFileSync(file, 'utf8')).file).toBe('modules/a.ts');
  });

  it('declares a Stryker reporter plugin that Stryker finds when it imports the file as a module', () => {
    const [declared] = plugin().strykerPlugins;
    expect([declared.kind, declared.name, declared.injectableClass.inject]).toEqual([
      'Reporter',
      'mlmon-progress-log',
      [],
    ]);
    // Stryker loads plugins with import(); the named export must survive the CommonJS interop.
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(`file://${PLUGIN}`)}); ` +
          'console.log(JSON.stringify(m.strykerPlugins.map((p) => [p.kind, p.name, typeof p.injectableClass])));',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([['Reporter', 'mlmon-progress-log', 'function']]);
  });
});
