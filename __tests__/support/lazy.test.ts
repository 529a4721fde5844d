import { lazy } from './lazy';

describe('lazy', () => {
  let builds = 0;
  const value = lazy(() => ({ n: ++builds }));

  it('builds nothing while the file is collected, then builds on the first call in a test', () => {
    expect(builds).toBe(0);
    expect(value()).toEqual({ n: 1 });
  });

  let seen: { n: number } | undefined;

  it('builds once per test: later calls in the same test return the same value', () => {
    const before = builds;
    seen = value();
    expect(value()).toBe(seen);
    expect(builds).toBe(before + 1);
  });

  it('builds a new value in the next test', () => {
    const before = builds;
    const v = value();
    expect(v).not.toBe(seen);
    expect(v).toEqual({ n: before + 1 });
  });
});

describe('lazy with a build that returns undefined', () => {
  let builds = 0;
  const value = lazy(() => {
    builds++;
    return undefined;
  });

  it('keeps undefined as the built value', () => {
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(builds).toBe(1);
  });
});

describe('lazy with a build that throws', () => {
  let builds = 0;
  const value = lazy(() => {
    builds++;
    throw new Error(`build ${builds} failed`);
  });

  it('keeps nothing: each call builds again and throws', () => {
    expect(() => value()).toThrow('build 1 failed');
    expect(() => value()).toThrow('build 2 failed');
    expect(builds).toBe(2);
  });
});
