import { lazy } from './lazy';

describe('lazy', () => {
  it('builds on the first call, not before, and returns the same value after', () => {
    let builds = 0;
    const value = lazy(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = value();
    expect(first).toEqual({ n: 1 });
    expect(value()).toBe(first);
    expect(builds).toBe(1);
  });

  it('keeps undefined as a built value', () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      return undefined;
    });
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('does not keep a build that throws: each call builds again', () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      throw new Error(`build ${builds} failed`);
    });
    expect(() => value()).toThrow('build 1 failed');
    expect(() => value()).toThrow('build 2 failed');
    expect(builds).toBe(2);
  });
});
