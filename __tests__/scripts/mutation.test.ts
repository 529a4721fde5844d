import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retestSurvivors, scoreOf, summaryTable, targets } from '../../scripts/mutation';

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
          mutate: ['backend/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/backend/**/*.test.ts'],
          lines: 10,
        },
        {
          name: 'policy',
          mutate: ['modules/policy/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/policy/**/*.test.ts'],
          lines: 20,
        },
        {
          name: 'vpc',
          mutate: ['modules/vpc/**/*.ts', '!**/index.ts'],
          tests: ['__tests__/modules/vpc/**/*.test.ts'],
          lines: 30,
        },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
