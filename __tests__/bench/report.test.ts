import {
  BenchResults,
  formatMb,
  formatRatio,
  formatSeconds,
  formatSummary,
  markdownTable,
  renderMarkdown,
} from '../../bench/lib/report';
import { summarize } from '../../bench/lib/stats';

describe('formatting', () => {
  it('prints seconds, MB and ratios, and n/a for what was not measured', () => {
    expect(formatSeconds(1234.5)).toBe('1.23 s');
    expect(formatMb(287.6)).toBe('288 MB');
    expect(formatRatio(0.1234)).toBe('0.12×');
    expect([formatSeconds(undefined), formatMb(undefined), formatRatio(undefined)]).toEqual([
      'n/a',
      'n/a',
      'n/a',
    ]);
  });

  it('shows median (min–max) for several runs, the value alone for one', () => {
    expect(formatSummary(summarize([1100, 1000, 1500]), formatSeconds)).toBe('1.10 s (1.00–1.50 s)');
    expect(formatSummary(summarize([200]), formatMb)).toBe('200 MB');
    expect(formatSummary(undefined, formatMb)).toBe('n/a');
  });
});

describe('markdownTable', () => {
  it('renders a header, an alignment row and escaped cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']], ['l', 'r'])).toBe(
      ['| a | b |', '|---|---:|', '| x\\|y | 1 |'].join('\n'),
    );
  });

  it('fails on a row with the wrong number of cells', () => {
    expect(() => markdownTable(['a', 'b'], [['only one']])).toThrow('row 0 has 1 cells, header has 2');
  });
});

describe('renderMarkdown', () => {
  const results: BenchResults = {
    schema: 1,
    appCommand: 'node -r ./scripts/transpile.js main.ts',
    date: '2025-01-01T00:00:00.000Z',
    flags: { runs: 3, slowRuns: 3, quick: false, scale: false, tests: false },
    machine: {
      cores: 2,
      cpuModel: 'Test CPU',
      totalMemoryGb: 24,
      platform: 'linux',
      node: 'v20.0.0',
      terraform: '1.11.4',
      loadAverageStart: [1, 1, 1],
      loadAverageEnd: [2, 2, 2],
      gnuTime: true,
    },
    stacks: [{ name: 'mlmon-dev', resources: 67, dataSources: 7, bytes: 1000, dependencies: [] }],
    synth: [
      {
        id: 'app:loader:deep:all',
        kind: 'app',
        runner: 'loader',
        imports: 'deep',
        selection: 'all',
        command: 'node -r ./scripts/transpile.js main.ts',
        status: 'ok',
        wallMs: summarize([1500, 1400, 1600]),
        cpuMs: summarize([1200, 1100, 1300]),
        rssMb: { app: summarize([160, 161, 162]) },
        sameOutput: true,
      },
      {
        id: 'cli:ts-node:root:all',
        kind: 'cli',
        runner: 'ts-node',
        imports: 'root',
        selection: 'all',
        command: 'npx cdktf synth',
        status: 'failed',
        error: 'TSError: type error\nmore',
      },
    ],
    terraform: {
      status: 'ok',
      stacks: [
        {
          name: 'mlmon-dev',
          resources: 67,
          status: 'ok',
          initMs: summarize([1000]),
          firstInitMs: 1200,
          validateMs: summarize([3000]),
        },
        {
          name: 'mlmon-prod',
          resources: 89,
          status: 'failed',
          error: 'terraform init exited 1: no provider',
        },
      ],
    },
    tests: { status: 'skipped', reason: '--skip-tests', steps: [] },
    ratios: { cliOverApp: 3.5, beforeOverAfterCli: undefined },
    targets: [
      { name: 'peak RSS', target: '≤ 300 MB', measured: '161 MB', met: true },
      { name: 'unit tests', target: '≤ 20 s', measured: 'n/a', met: undefined },
    ],
  };
  const md = renderMarkdown(results);

  it('states the machine, the load and the number of runs', () => {
    expect(md).toContain('on 2 cores (Test CPU)');
    expect(md).toContain('Load average (1/5/15 min) 1.00 / 1.00 / 1.00 at start, 2.00 / 2.00 / 2.00 at end');
    expect(md).toContain('Medians of 3 runs');
    expect(md).toContain('App command (cdktf.json): `node -r ./scripts/transpile.js main.ts`.');
  });

  it('says whether any stack depends on another', () => {
    expect(md).toContain('Stacks: mlmon-dev (67 resources). No stack depends on another');
    const dependent = renderMarkdown({
      ...results,
      stacks: [{ name: 'b', resources: 1, dataSources: 0, bytes: 1, dependencies: ['a'] }],
    });
    expect(dependent).toContain('Cross-stack dependencies: b -> a.');
  });

  it('lists each target as met, not met or not measured', () => {
    expect(md).toContain('| peak RSS ≤ 300 MB | 161 MB | yes |');
    expect(md).toContain('| unit tests ≤ 20 s | n/a | not measured |');
  });

  it('shows measured variants with their spread and failed ones with the first line of the error', () => {
    expect(md).toContain(
      '| deep | all | 1.50 s (1.40–1.60 s) | 1.20 s (1.10–1.30 s) | 161 MB (160–162 MB) | 3 | yes |',
    );
    expect(md).toContain('| failed: TSError: type error |');
    expect(md).not.toContain('more');
  });

  it('sums validate over the stacks that were measured and shows why the others failed', () => {
    expect(md).toContain('| mlmon-prod | 89 | failed: terraform init exited 1: no provider |');
    expect(md).toContain('| **sum** | 156 | 1.00 s |  | 3.00 s |  |  |');
  });

  it('says why a section was skipped and leaves out the scaling curve when not measured', () => {
    expect(md).toContain('Skipped: --skip-tests');
    expect(md).not.toContain('Scaling');
    expect(md).toContain('| CLI synth ÷ app synth | 3.50× |');
    expect(md).toContain('| CLI synth before ÷ after | n/a |');
  });
});
