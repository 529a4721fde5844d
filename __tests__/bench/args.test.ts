import { absoluteNodeArgs, parseAppCommand, parseBenchArgs } from '../../bench/lib/args';

describe('parseBenchArgs', () => {
  it('defaults to 5 runs, 3 for the slow parts, tests and baseline on, results in bench/', () => {
    expect(parseBenchArgs([])).toEqual({
      runs: 5,
      slowRuns: 3,
      quick: false,
      scale: false,
      tests: true,
      baseline: true,
      outDir: 'bench',
      help: false,
    });
  });

  it('takes --runs N and --runs=N; slow parts never run more than 3 times', () => {
    expect(parseBenchArgs(['--runs', '9'])).toMatchObject({ runs: 9, slowRuns: 3 });
    expect(parseBenchArgs(['--runs=2'])).toMatchObject({ runs: 2, slowRuns: 2 });
  });

  it('--quick runs once, skips tests and baseline, and keeps the committed results untouched', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({
      runs: 1,
      slowRuns: 1,
      tests: false,
      baseline: false,
      outDir: 'bench/out/quick',
    });
    expect(parseBenchArgs(['--quick', '--runs', '3', '--out', 'x'])).toMatchObject({ runs: 3, outDir: 'x' });
  });

  it('reads --scale, --skip-tests, --skip-baseline and --help', () => {
    expect(parseBenchArgs(['--scale', '--skip-tests', '--skip-baseline', '-h'])).toMatchObject({
      scale: true,
      tests: false,
      baseline: false,
      help: true,
    });
  });

  it('fails on an unknown flag, a missing value, or a bad run count', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown flag --fast');
    expect(() => parseBenchArgs(['--runs'])).toThrow('--runs needs a value');
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow('--runs must be an integer 1..100, got 0');
    expect(() => parseBenchArgs(['--runs', '2.5'])).toThrow('got 2.5');
  });
});

describe('parseAppCommand', () => {
  it('splits node, the loader options and the entry file', () => {
    expect(parseAppCommand('node -r ./scripts/transpile.js main.ts')).toEqual({
      argv: ['node', '-r', './scripts/transpile.js', 'main.ts'],
      nodeArgs: ['-r', './scripts/transpile.js'],
      script: 'main.ts',
    });
    expect(parseAppCommand('node dist/main.js')).toMatchObject({ nodeArgs: [], script: 'dist/main.js' });
  });

  it('refuses commands it cannot run without a shell or that are not node <entry>', () => {
    expect(() => parseAppCommand('npx ts-node main.ts')).toThrow('expected "node [options] <entry file>"');
    expect(() => parseAppCommand('node --require')).toThrow('expected');
    expect(() => parseAppCommand('node -r "./a b.js" main.ts')).toThrow(
      'quotes and shell syntax are not supported',
    );
  });
});

describe('absoluteNodeArgs', () => {
  it('makes relative paths absolute and leaves flags and bare names alone', () => {
    expect(
      absoluteNodeArgs(['-r', './scripts/transpile.js', '--require', 'ts-node/register', '../x.js'], '/repo'),
    ).toEqual(['-r', '/repo/scripts/transpile.js', '--require', 'ts-node/register', '/x.js']);
  });
});
