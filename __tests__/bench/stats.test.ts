import { linearFit, median, percentile, ratio, summarize } from '../../bench/lib/stats';

describe('median and percentile', () => {
  it('takes the middle run of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle runs of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates between closest ranks (PERCENTILE.INC)', () => {
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40, 50], 100)).toBe(50);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBeCloseTo(46, 10);
    expect(percentile([1, 2], 25)).toBeCloseTo(1.25, 10);
  });

  it('accepts a single run', () => {
    expect(median([7])).toBe(7);
  });

  it('fails on no runs, a non-finite run, or p outside 0..100', () => {
    expect(() => median([])).toThrow('no values');
    expect(() => median([1, Number.NaN])).toThrow('NaN is not a finite number');
    expect(() => percentile([1], 101)).toThrow('p must be 0..100');
  });
});

describe('summarize', () => {
  it('keeps the runs in measured order next to median, min and max', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: [3, 1, 2] });
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(1, 4)).toBe(0.25);
  });

  it('is undefined when a side was not measured or the divisor is zero', () => {
    expect(ratio(undefined, 4)).toBeUndefined();
    expect(ratio(1, undefined)).toBeUndefined();
    expect(ratio(1, 0)).toBeUndefined();
  });
});

describe('linearFit', () => {
  it('recovers an exact line with R² = 1', () => {
    const fit = linearFit(
      [1, 3, 10, 30],
      [1, 3, 10, 30].map((x) => 800 + 120 * x),
    );
    expect(fit.slope).toBeCloseTo(120, 9);
    expect(fit.intercept).toBeCloseTo(800, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('reports a poor fit with a low R²', () => {
    const fit = linearFit([1, 2, 3, 4], [1, 4, 1, 4]);
    expect(fit.r2).toBeLessThan(0.3);
  });

  it('needs two distinct x values and as many y as x', () => {
    expect(() => linearFit([2, 2], [1, 3])).toThrow('two distinct x values');
    expect(() => linearFit([1, 2], [1])).toThrow('2 x values but 1 y values');
  });
});
