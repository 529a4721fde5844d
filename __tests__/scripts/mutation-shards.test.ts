import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  mergeReports,
  mergeShards,
  partlyMeasured,
  restoreState,
  saveState,
  scoreOf,
  shardFiles,
  shardOfFile,
  shardName,
  shardOf,
  shardTarget,
  sourceFiles,
} from '../../scripts/mutation';

const ROOT = resolve(__dirname, '..', '..');

function tempDir(prefix: string): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function writeLines(root: string, path: string, lines: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), 'x\n'.repeat(lines - 1));
}

/** A shard's report as Stryker writes it: tests and mutants numbered from 0 and 1 in each run. */
const shardReport = (
  file: string,
  mutants: Array<{ status: string; coveredBy?: string[]; killedBy?: string[] }>,
  tests: Array<{ file: string; names: string[] }>,
) => ({
  schemaVersion: '2',
  config: { mutate: [file] },
  files: {
    [file]: {
      language: 'typescript',
      source: 'src',
      mutants: mutants.map((m, i) => ({ id: String(i + 1), ...m })),
    },
  },
  testFiles: Object.fromEntries(
    tests.map((t, j) => [
      t.file,
      { source: `t${j}`, tests: t.names.map((name, k) => ({ id: String(j * 10 + k), name })) },
    ]),
  ),
});

describe('npm run mutation -- <module> --shard <part>/<parts>', () => {
  describe('--shard', () => {
    it('reads <part>/<parts>', () => {
      expect(shardOf(['policy', '--shard', '2/6'])).toEqual({ part: 2, parts: 6 });
      expect(shardOf(['--shard', '6/6', 'policy'])).toEqual({ part: 6, parts: 6 });
      expect(shardOf(['policy'])).toBeUndefined();
    });

    it.each([
      ['2', '"2"'],
      ['2/', '"2/"'],
      ['a/6', '"a/6"'],
      [' 2/6', '" 2/6"'],
      ['2/6x', '"2/6x"'],
      ['2.5/6', '"2.5/6"'],
    ])('refuses %j with the expected form', (raw, shown) => {
      expect(shardOf(['policy', '--shard', raw])).toBe(
        `npm run mutation: --shard needs <part>/<parts>, got ${shown}; for example --shard 2/6 for the second of six parts`,
      );
    });

    it('refuses a missing value', () => {
      expect(shardOf(['policy', '--shard'])).toBe(
        'npm run mutation: --shard needs <part>/<parts>, got null; for example --shard 2/6 for the second of six parts',
      );
    });

    it.each(['0/6', '7/6', '1/1', '0/0', '2/1'])(
      'refuses %s: a part outside 1..parts or fewer than 2 parts',
      (raw) => {
        expect(shardOf(['policy', '--shard', raw])).toBe(
          `npm run mutation: --shard ${raw} needs at least 2 parts and a part from 1 to the number of parts; for example --shard 2/6 for the second of six parts`,
        );
      },
    );

    it('accepts the bounds: part 1, part = parts, 2 parts', () => {
      expect(shardOf(['--shard', '1/2'])).toEqual({ part: 1, parts: 2 });
      expect(shardOf(['--shard', '2/2'])).toEqual({ part: 2, parts: 2 });
    });

    it('names the reports <module>.shard-<part>-of-<parts>', () => {
      expect(shardName('policy', { part: 2, parts: 6 })).toBe('policy.shard-2-of-6');
    });
  });

  describe('the files of each shard', () => {
    it('puts each file in the part given by the SHA-1 of its path, listing each part in path order', () => {
      expect(['m/a.ts', 'm/b.ts', 'm/c.ts', 'modules/m/b/c.ts'].map((p) => shardOfFile(p, 4))).toEqual([
        2, 2, 1, 4,
      ]);
      const files = [
        { path: 'm/f.ts', lines: 5 },
        { path: 'm/a.ts', lines: 10 },
        { path: 'm/b.ts', lines: 50 },
        { path: 'm/c.ts', lines: 30 },
        { path: 'm/d.ts', lines: 30 },
        { path: 'm/e.ts', lines: 20 },
      ];
      expect(shardFiles(files, 3)).toEqual([
        ['m/a.ts', 'm/e.ts', 'm/f.ts'],
        ['m/c.ts'],
        ['m/b.ts', 'm/d.ts'],
      ]);
    });

    it('keeps every file in its part when another file grows, is added or is removed', () => {
      const files = [
        { path: 'm/a.ts', lines: 10 },
        { path: 'm/b.ts', lines: 50 },
        { path: 'm/c.ts', lines: 30 },
        { path: 'm/d.ts', lines: 30 },
      ];
      const before = shardFiles(files, 3);
      expect(before).toEqual([['m/a.ts'], ['m/c.ts'], ['m/b.ts', 'm/d.ts']]);
      expect(
        shardFiles(
          files.map((f) => (f.path === 'm/c.ts' ? { ...f, lines: 500 } : f)),
          3,
        ),
      ).toEqual(before);
      expect(shardFiles([...files, { path: 'm/e.ts', lines: 900 }], 3)).toEqual([
        ['m/a.ts', 'm/e.ts'],
        ['m/c.ts'],
        ['m/b.ts', 'm/d.ts'],
      ]);
      expect(shardFiles(files.slice(1), 3)).toEqual([[], ['m/c.ts'], ['m/b.ts', 'm/d.ts']]);
      expect(shardFiles([...files].reverse(), 3)).toEqual(before);
    });

    it('lists every file of the policy pack in exactly one of six shards', () => {
      const files = sourceFiles(ROOT, 'modules/policy');
      const shards = shardFiles(files, 6);
      expect(shards).toHaveLength(6);
      expect(shards.flat().sort()).toEqual(files.map((f) => f.path));
      expect(files.map((f) => f.path)).not.toContain('modules/policy/index.ts');
      expect(files.map((f) => f.path)).not.toContain('modules/policy/rules/index.ts');
      expect(files.map((f) => f.path)).toContain('modules/policy/rules/s3-access-logging.ts');
      expect(shards.map((part) => part.length > 0)).toEqual([true, true, true, true, true, true]);
    });

    it('makes a target of one shard with its files, the module tests and its lines', () => {
      const { dir, done } = tempDir('mutation-shard-');
      try {
        writeLines(dir, 'modules/m/a.ts', 40);
        writeLines(dir, 'modules/m/b/c.ts', 30);
        writeLines(dir, 'modules/m/d.ts', 20);
        writeLines(dir, 'modules/m/index.ts', 500);
        writeLines(dir, 'modules/m/b/index.ts', 500);
        const whole = {
          name: 'm',
          dir: 'modules/m',
          mutate: ['modules/m/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/modules/m/**/*.test.ts'],
          lines: 90,
        };
        expect(sourceFiles(dir, 'modules/m')).toEqual([
          { path: 'modules/m/a.ts', lines: 40 },
          { path: 'modules/m/b/c.ts', lines: 30 },
          { path: 'modules/m/d.ts', lines: 20 },
        ]);
        expect(shardTarget(whole, { part: 1, parts: 2 }, dir)).toEqual({
          name: 'm.shard-1-of-2',
          dir: 'modules/m',
          mutate: ['modules/m/a.ts', 'modules/m/d.ts'],
          tests: ['__tests__/modules/m/**/*.test.ts'],
          lines: 60,
        });
        expect(shardTarget(whole, { part: 2, parts: 2 }, dir)).toEqual({
          name: 'm.shard-2-of-2',
          dir: 'modules/m',
          mutate: ['modules/m/b/c.ts'],
          tests: ['__tests__/modules/m/**/*.test.ts'],
          lines: 30,
        });
        expect(shardTarget(whole, { part: 1, parts: 3 }, dir)).toMatchObject({
          mutate: ['modules/m/b/c.ts'],
        });
        expect(shardTarget(whole, { part: 3, parts: 3 }, dir)).toBe(
          "npm run mutation: --shard 3/3: no file of m falls in part 3 (a file's part is fixed by its path), so the parts can't all be measured; choose another number of parts",
        );
        expect(shardTarget(whole, { part: 1, parts: 4 }, dir)).toBe(
          'npm run mutation: --shard 1/4: m has 3 files to mutate, so at most 3 parts; choose fewer parts',
        );
        rmSync(join(dir, 'modules/m/b'), { recursive: true });
        rmSync(join(dir, 'modules/m/d.ts'));
        expect(shardTarget(whole, { part: 1, parts: 2 }, dir)).toBe(
          'npm run mutation: --shard 1/2: m has 1 file to mutate, so at most one part (run it whole, without --shard)',
        );
      } finally {
        done();
      }
    });
  });

  describe('merging the shards into the module report', () => {
    const first = shardReport(
      'modules/m/a.ts',
      [
        { status: 'Killed', coveredBy: ['0', '1', '10'], killedBy: ['10'] },
        { status: 'Survived', coveredBy: ['1'] },
        { status: 'NoCoverage' },
      ],
      [
        { file: '__tests__/m/a.test.ts', names: ['a one', 'a two'] },
        { file: '__tests__/m/b.test.ts', names: ['b one'] },
      ],
    );
    const second = shardReport(
      'modules/m/b.ts',
      [
        { status: 'Killed', coveredBy: ['0', '10', '1'], killedBy: ['0'] },
        { status: 'Timeout', coveredBy: ['1'] },
      ],
      [
        { file: '__tests__/m/b.test.ts', names: ['b one', 'b two'] },
        { file: '__tests__/m/a.test.ts', names: ['a two'] },
      ],
    );

    it('numbers tests once by file and name, and mutants in order, following coveredBy and killedBy', () => {
      expect(mergeReports([first, second])).toEqual({
        schemaVersion: '2',
        config: { mutate: ['modules/m/a.ts', 'modules/m/b.ts'] },
        files: {
          'modules/m/a.ts': {
            language: 'typescript',
            source: 'src',
            mutants: [
              { id: '0', status: 'Killed', coveredBy: ['0', '1', '2'], killedBy: ['2'] },
              { id: '1', status: 'Survived', coveredBy: ['1'] },
              { id: '2', status: 'NoCoverage' },
            ],
          },
          'modules/m/b.ts': {
            language: 'typescript',
            source: 'src',
            mutants: [
              { id: '3', status: 'Killed', coveredBy: ['2', '1', '3'], killedBy: ['2'] },
              { id: '4', status: 'Timeout', coveredBy: ['3'] },
            ],
          },
        },
        testFiles: {
          '__tests__/m/a.test.ts': {
            source: 't0',
            tests: [
              { id: '0', name: 'a one' },
              { id: '1', name: 'a two' },
            ],
          },
          '__tests__/m/b.test.ts': {
            source: 't1',
            tests: [
              { id: '2', name: 'b one' },
              { id: '3', name: 'b two' },
            ],
          },
        },
      });
    });

    it('scores the merged report as the sum of the shards', () => {
      expect(scoreOf('m', mergeReports([first, second]))).toEqual({
        module: 'm',
        killed: 2,
        timeout: 1,
        survived: 1,
        noCoverage: 1,
        errors: 0,
        score: 60,
        coveredScore: 75,
      });
    });

    it('leaves the shard reports as they were', () => {
      mergeReports([first, second]);
      expect(first.files['modules/m/a.ts'].mutants[0]).toEqual({
        id: '1',
        status: 'Killed',
        coveredBy: ['0', '1', '10'],
        killedBy: ['10'],
      });
    });

    it('merges reports without test files (a report of only uncovered mutants)', () => {
      const bare = { files: { 'x.ts': { mutants: [{ id: '7', status: 'NoCoverage' }] } } };
      expect(mergeReports([bare])).toEqual({
        files: { 'x.ts': { mutants: [{ id: '0', status: 'NoCoverage' }] } },
      });
    });

    it('refuses shards that share a source file', () => {
      expect(() => mergeReports([first, first])).toThrow(
        'npm run mutation: modules/m/a.ts is in two shard reports; shards must not share files',
      );
    });

    it('writes the module report and incremental file once every shard is measured, and removes the shards', () => {
      const { dir, done } = tempDir('mutation-merge-');
      try {
        const write = (name: string, r: unknown) => writeFileSync(join(dir, name), JSON.stringify(r));
        write('m.shard-1-of-2.json', first);
        write('m.shard-1-of-2.incremental.json', first);
        expect(mergeShards('m', 2, dir)).toBe(false);
        expect(readdirSync(dir).sort()).toEqual(['m.shard-1-of-2.incremental.json', 'm.shard-1-of-2.json']);
        write('m.shard-2-of-2.json', second);
        write('m.shard-2-of-2.incremental.json', second);
        write('other.shard-1-of-2.json', second);
        expect(mergeShards('m', 2, dir)).toBe(true);
        expect(readdirSync(dir).sort()).toEqual(['m.incremental.json', 'm.json', 'other.shard-1-of-2.json']);
        const merged = mergeReports([first, second]);
        expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'))).toEqual(merged);
        expect(JSON.parse(readFileSync(join(dir, 'm.incremental.json'), 'utf8'))).toEqual(merged);
      } finally {
        done();
      }
    });

    it('writes no incremental file when a shard has none', () => {
      const { dir, done } = tempDir('mutation-merge-');
      try {
        writeFileSync(join(dir, 'm.shard-1-of-2.json'), JSON.stringify(first));
        writeFileSync(join(dir, 'm.shard-1-of-2.incremental.json'), JSON.stringify(first));
        writeFileSync(join(dir, 'm.shard-2-of-2.json'), JSON.stringify(second));
        expect(mergeShards('m', 2, dir)).toBe(true);
        expect(readdirSync(dir)).toEqual(['m.json']);
      } finally {
        done();
      }
    });
  });

  describe('the summary of a partly measured module', () => {
    const all = [
      { name: 'm', dir: 'modules/m', mutate: [], tests: [], lines: 1 },
      { name: 'n', dir: 'modules/n', mutate: [], tests: [], lines: 2 },
      { name: 'o', dir: 'modules/o', mutate: [], tests: [], lines: 3 },
    ];

    it('names the shards measured and their score, outside the total', () => {
      const { dir, done } = tempDir('mutation-partly-');
      try {
        writeFileSync(
          join(dir, 'm.shard-3-of-4.json'),
          JSON.stringify(shardReport('a.ts', [{ status: 'Killed' }, { status: 'Survived' }], [])),
        );
        writeFileSync(
          join(dir, 'm.shard-1-of-4.json'),
          JSON.stringify(
            shardReport('b.ts', [{ status: 'Killed' }, { status: 'Killed' }, { status: 'Timeout' }], []),
          ),
        );
        writeFileSync(join(dir, 'm.shard-1-of-4.incremental.json'), '{}');
        writeFileSync(join(dir, 'n.json'), '{}');
        writeFileSync(join(dir, 'n.shard-1-of-2.json'), '{}');
        writeFileSync(join(dir, 'mm.shard-1-of-2.json'), '{}');
        expect(partlyMeasured(dir, all)).toEqual([
          'm: only shards 1/4, 3/4 measured (of 4), 80.00 % over their 5 mutants; not in the total until every shard is measured',
        ]);
      } finally {
        done();
      }
    });

    it('says nothing when there are no shard reports or no report folder', () => {
      const { dir, done } = tempDir('mutation-partly-');
      try {
        expect(partlyMeasured(dir, all)).toEqual([]);
        expect(partlyMeasured(join(dir, 'missing'), all)).toEqual([]);
      } finally {
        done();
      }
    });
  });

  describe('the command line', () => {
    const cli = (...args: string[]) => {
      const r = spawnSync(
        process.execPath,
        ['-r', './scripts/transpile.js', 'scripts/mutation.ts', ...args],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it.each([
      [['--shard', '1/2'], 'none'],
      [['policy', 'vpc', '--shard', '1/2'], 'policy, vpc'],
      [['policy', '--shard', '1/2', '--list'], 'policy'],
      [['policy', '--shard', '1/2', '--summary'], 'policy'],
    ])('refuses %j: a shard is part of exactly one module, measured', (args, named) => {
      expect(cli(...args)).toEqual({
        status: 2,
        stdout: '',
        stderr: `npm run mutation: --shard 1/2 runs part of one module; name exactly one module (got ${named}) and leave out --list and --summary\n`,
      });
    });

    it('refuses a bad --shard value and a module of one file before starting Stryker', () => {
      expect(cli('policy', '--shard', '7/6')).toEqual({
        status: 2,
        stdout: '',
        stderr:
          'npm run mutation: --shard 7/6 needs at least 2 parts and a part from 1 to the number of parts; for example --shard 2/6 for the second of six parts\n',
      });
      const ssm = cli('ssm', '--shard', '1/2');
      expect(ssm.status).toBe(2);
      expect(ssm.stderr).toBe(
        'npm run mutation: --shard 1/2: ssm has 1 file to mutate, so at most one part (run it whole, without --shard)\n',
      );
      expect(existsSync(join(ROOT, '.stryker-ssm.shard-1-of-2.config.json'))).toBe(false);
    });
  });
});

describe('committed mutation state', () => {
  it('saves incremental files gzipped and restores one only where a run has none', () => {
    const { dir, done } = tempDir('mutation-state-');
    try {
      const out = join(dir, 'reports');
      const state = join(dir, 'state');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'vpc.incremental.json'), '{"files":{"a.ts":1}}');
      writeFileSync(join(out, 'policy.shard-1-of-6.incremental.json'), '{}');
      expect(saveState(['vpc', 'dns'], out, state)).toEqual(['vpc']);
      expect(readdirSync(state)).toEqual(['vpc.incremental.json.gz']);
      expect(gunzipSync(readFileSync(join(state, 'vpc.incremental.json.gz'))).toString()).toBe(
        '{"files":{"a.ts":1}}',
      );

      writeFileSync(join(out, 'vpc.incremental.json'), '{"files":{"a.ts":2}}');
      expect(restoreState('vpc', out, state)).toBe(false);
      expect(readFileSync(join(out, 'vpc.incremental.json'), 'utf8')).toBe('{"files":{"a.ts":2}}');

      rmSync(out, { recursive: true });
      expect(restoreState('vpc', out, state)).toBe(true);
      expect(readFileSync(join(out, 'vpc.incremental.json'), 'utf8')).toBe('{"files":{"a.ts":1}}');
      expect(restoreState('dns', out, state)).toBe(false);
      expect(existsSync(join(out, 'dns.incremental.json'))).toBe(false);
    } finally {
      done();
    }
  });
});
