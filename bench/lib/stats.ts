/**
 * Statistics for `npm run bench`: medians of repeated runs, percentiles, ratios and a least-squares
 * line through the scaling points. Pure functions, unit-tested in `__tests__/bench/`.
 */

/** Summary of repeated measurements of one quantity. */
export interface Summary {
  /** Median of the runs (the mean of the two middle runs for an even count). */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every run, in the order measured. */
  readonly runs: readonly number[];
}

function finite(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new Error(`${what}: no values`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`${what}: ${v} is not a finite number`);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The p-th percentile (0..100) by linear interpolation between closest ranks, the method of
 * NumPy's default and of spreadsheets' PERCENTILE.INC.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be 0..100, got ${p}`);
  const sorted = finite(values, 'percentile');
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** The median: robust to the one slow run that a busy shared machine produces. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Median, min, max and the raw runs. */
export function summarize(values: readonly number[]): Summary {
  const sorted = finite(values, 'summarize');
  return { median: median(sorted), min: sorted[0], max: sorted[sorted.length - 1], runs: [...values] };
}

/** `a / b`, or undefined when either is missing or `b` is zero (a ratio that cannot be measured). */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b))
    return undefined;
  return a / b;
}

/** A fitted line `y = intercept + slope * x` and how well it fits. */
export interface LinearFit {
  readonly slope: number;
  readonly intercept: number;
  /** Coefficient of determination: 1 is a perfect line. */
  readonly r2: number;
}

/**
 * Ordinary least squares through (xs[i], ys[i]). Used to turn the scaling points into "fixed cost +
 * cost per stack (or per resource)". Needs two or more distinct x values.
 */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  if (xs.length !== ys.length) throw new Error(`linearFit: ${xs.length} x values but ${ys.length} y values`);
  finite(xs, 'linearFit x');
  finite(ys, 'linearFit y');
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) throw new Error('linearFit: needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}
