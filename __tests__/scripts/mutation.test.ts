import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  belowMinimum,
  minimumOf,
  retestSurvivors,
  scoreOf,
  select,
  summaryTable,
  targets,
  totalOf,
} from '../../scripts/mutation';

const ROOT = resolve(__dirname, '..', '..');

const report = (statuses: Record<string, string[]>) => ({
  files: Object.fromEntries(
    Object.entries(statuses).map(([file, s]) => [file, { mutants: s.map((status) => ({ status })) }]),
  ),
});

describe('npm run mutation', () => {
  it('scores a module as Stryker does: detected over valid mutants, errors left out', () => {
    const s = scoreOf(
      'vpc',
      report({
        'modules/vpc/vpc.ts': ['Killed', 'Killed', 'Killed', 'Timeout', 'Survived', 'CompileError'],
        'modules/vpc/flow-log.ts': ['Killed', 'NoCoverage', 'RuntimeError', 'Ignored'],
      }),
    );
    expect(s).toEqual({
      module: 'vpc',
      killed: 4,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      errors: 2,
      score: (100 * 5) / 7,
      coveredScore: (100 * 5) / 6,
    });
  });

  it('tests survived and uncovered mutants again on an incremental run, keeps the rest', () => {
    const previous = {
      schemaVersion: '2',
      files: {
        'modules/x/a.ts': {
          language: 'typescript',
          mutants: [
            { id: '1', status: 'Killed' },
            { id: '2', status: 'Survived' },
            { id: '3', status: 'NoCoverage' },
            { id: '4', status: 'Timeout' },
            { id: '5', status: 'RuntimeError' },
          ],
        },
      },
    };
    expect(retestSurvivors(previous)).toEqual({
      schemaVersion: '2',
      files: {
        'modules/x/a.ts': {
          language: 'typescript',
          mutants: [
            { id: '1', status: 'Killed' },
            { id: '4', status: 'Timeout' },
            { id: '5', status: 'RuntimeError' },
          ],
        },
      },
    });
    expect(previous.files['modules/x/a.ts'].mutants).toHaveLength(5);
  });

  it('totals the modules by mutant, not by averaging their scores', () => {
    const table = summaryTable([
      scoreOf('a', report({ 'a.ts': ['Killed', 'Survived'] })),
      scoreOf(
        'b',
        report({
          'b.ts': ['Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'Killed', 'NoCoverage'],
        }),
      ),
    ]);
    expect(table.split('\n').slice(2, 5)).toEqual([
      '| a | 50.00 % | 50.00 % | 1 | 0 | 1 | 0 | 0 |',
      '| b | 87.50 % | 100.00 % | 7 | 0 | 0 | 1 | 0 |',
      '| **total** | 80.00 % | 88.89 % | 8 | 0 | 1 | 1 | 0 |',
    ]);
  });

  it('prints no table and no total when no module is measured in full', () => {
    expect(summaryTable([])).toBe('No module is measured in full in reports/mutation/ yet.\n');
  });

  it('runs every module with its own tests, smallest first, and the backend', () => {
    const root = mkdtempSync(join(tmpdir(), 'mutation-targets-'));
    try {
      const file = (path: string, lines: number) => {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), 'x\n'.repeat(lines - 1));
      };
      file('modules/vpc/vpc.ts', 30);
      file('modules/vpc/index.ts', 500);
      file('modules/policy/engine.ts', 20);
      file('backend/settings.ts', 10);
      expect(targets(root)).toEqual([
        {
          name: 'backend',
          dir: 'backend',
          mutate: ['backend/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/backend/**/*.test.ts'],
          lines: 10,
        },
        {
          name: 'policy',
          dir: 'modules/policy',
          mutate: ['modules/policy/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/policy/**/*.test.ts'],
          lines: 20,
        },
        {
          name: 'vpc',
          dir: 'modules/vpc',
          mutate: ['modules/vpc/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/modules/vpc/**/*.test.ts'],
          lines: 30,
        },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('--min: the gate on the total score', () => {
    const a = scoreOf('a', report({ 'a.ts': ['Killed', 'Killed', 'Killed', 'Survived'] }));
    const b = scoreOf('b', report({ 'b.ts': ['Killed', 'Survived', 'NoCoverage', 'Timeout'] }));

    it('gates the total by mutant, and names the modules below the bar', () => {
      expect(totalOf([a, b]).score).toBe(62.5);
      expect(belowMinimum([a, b], 62.5)).toBeUndefined();
      expect(belowMinimum([a, b], 62.6)).toBe(
        'total mutation score 62.50 % is below --min 62.6 %; modules below it: b 50.00 %',
      );
      expect(belowMinimum([a, b], 80)).toBe(
        'total mutation score 62.50 % is below --min 80 %; modules below it: a 75.00 %, b 50.00 %',
      );
    });

    it('fails when there is nothing to gate', () => {
      expect(belowMinimum([], 80)).toBe('no module reports in reports/mutation/ to check against --min 80');
    });

    it.each([
      [['--summary'], undefined],
      [['--summary', '--min', '80'], 80],
      [['--min', '0'], 0],
      [['--min', '100'], 100],
      [['--min', '87.5', 'vpc'], 87.5],
    ])('reads %j as %j', (argv, expected) => {
      expect(minimumOf(argv)).toBe(expected);
    });

    it.each([
      [['--min'], 'null'],
      [['--min', ''], '""'],
      [['--min', ' '], '" "'],
      [['--min', 'eighty'], '"eighty"'],
      [['--min', '-1'], '"-1"'],
      [['--min', '100.5'], '"100.5"'],
      [['--min', 'Infinity'], '"Infinity"'],
    ])('refuses %j', (argv, shown) => {
      expect(minimumOf(argv)).toBe(
        `npm run mutation: --min needs a percentage from 0 to 100, got ${shown}; for example --min 80`,
      );
    });
  });

  describe('--list: the modules a run takes', () => {
    const all = [
      { name: 'backend', dir: 'backend', mutate: [], tests: [], lines: 10 },
      { name: 'policy', dir: 'modules/policy', mutate: [], tests: [], lines: 20 },
      { name: 'vpc', dir: 'modules/vpc', mutate: [], tests: [], lines: 30 },
    ];

    it('takes every module when none is named, else the named ones, smallest first', () => {
      expect(select([], all)).toEqual(all);
      expect(select(['vpc', 'backend'], all)).toEqual([all[0], all[2]]);
    });

    it('refuses an unknown module with the list of choices', () => {
      expect(select(['vpc', 'vcp', 'ec2'], all)).toBe(
        'npm run mutation: unknown module vcp, ec2; choose from backend, policy, vpc',
      );
    });

    it('prints the JSON array and writes it to GITHUB_OUTPUT for the workflow matrix', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mutation-list-'));
      try {
        const output = join(dir, 'output');
        writeFileSync(output, 'earlier=1\n');
        const run = spawnSync(
          process.execPath,
          [
            '-r',
            './scripts/transpile.js',
            'scripts/mutation.ts',
            '--list',
            'vpc',
            'backend',
            '--github-output',
          ],
          { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_OUTPUT: output } },
        );
        expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
          status: 0,
          stdout: '["vpc","backend"]\n',
          stderr: '',
        });
        expect(readFileSync(output, 'utf8')).toBe('earlier=1\nmodules=["vpc","backend"]\n');
        const unknown = spawnSync(
          process.execPath,
          ['-r', './scripts/transpile.js', 'scripts/mutation.ts', '--list', 'nope'],
          {
            cwd: ROOT,
            encoding: 'utf8',
          },
        );
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toBe(
          `npm run mutation: unknown module nope; choose from ${targets()
            .map((t) => t.name)
            .join(', ')}\n`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
