/**
 * Monthly cost of a plan, from Infracost (https://www.infracost.io).
 *
 * The PR workflow runs `infracost diff --path plans/<stack>/plan.json --format json` when the
 * repository has an `INFRACOST_API_KEY` secret, and writes the result to
 * `plans/<stack>/infracost.json`. `infracost diff` on a plan JSON compares the prior state in the
 * plan with the planned one, so its totals are the monthly cost before (`pastTotalMonthlyCost`),
 * after (`totalMonthlyCost`) and the difference (`diffTotalMonthlyCost`), as decimal strings.
 * Without the secret the step is skipped and the summary says so. The README's hand-computed cost
 * tables stay the offline reference.
 */
import { existsSync, readFileSync } from 'node:fs';

/** File name of Infracost's JSON output in `plans/<stack>/`. */
export const INFRACOST_FILE = 'infracost.json';

/** Name of the repository secret that turns the cost estimate on. */
export const INFRACOST_SECRET = 'INFRACOST_API_KEY';

/** The totals of one `infracost diff`. */
export interface CostEstimate {
  /** ISO 4217 code, e.g. `USD`. */
  readonly currency: string;
  /** Monthly cost after the change; null when Infracost could not price it. */
  readonly monthly: number | null;
  /** Monthly cost before the change (the prior state); 0 for a new stack. */
  readonly pastMonthly: number | null;
  /** `monthly - pastMonthly`. */
  readonly diffMonthly: number | null;
  /** Resources Infracost found / could price / does not support (priced as zero). */
  readonly resources?: {
    readonly detected: number;
    readonly supported: number;
    readonly unsupported: number;
    readonly usageBased: number;
  };
}

/** A stack's cost line: estimated, deliberately skipped, or expected but missing. */
export type CostStatus =
  | { readonly state: 'estimated'; readonly estimate: CostEstimate }
  | { readonly state: 'skipped'; readonly reason: string }
  | { readonly state: 'missing'; readonly reason: string };

function amount(value: unknown, field: string, source: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new Error(`${source}: ${field} is ${JSON.stringify(value)}, not a decimal amount`);
  }
  return n;
}

/** Reads the totals of Infracost's JSON output (`--format json`, version 0.2). */
export function parseInfracost(text: string, source = 'infracost JSON'): CostEstimate {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('totalMonthlyCost' in doc)) {
    throw new Error(
      `${source} has no totalMonthlyCost: is it the output of \`infracost diff --format json\`?`,
    );
  }
  const d = doc as Record<string, unknown>;
  const monthly = amount(d.totalMonthlyCost, 'totalMonthlyCost', source);
  const pastMonthly = amount(d.pastTotalMonthlyCost, 'pastTotalMonthlyCost', source);
  const given = amount(d.diffTotalMonthlyCost, 'diffTotalMonthlyCost', source);
  const diffMonthly = given ?? (monthly !== null ? monthly - (pastMonthly ?? 0) : null);
  const summary = d.summary as Record<string, unknown> | undefined;
  const count = (k: string): number => (typeof summary?.[k] === 'number' ? (summary[k] as number) : 0);
  return {
    currency: typeof d.currency === 'string' && d.currency ? d.currency : 'USD',
    monthly,
    pastMonthly,
    diffMonthly,
    ...(summary
      ? {
          resources: {
            detected: count('totalDetectedResources'),
            supported: count('totalSupportedResources'),
            unsupported: count('totalUnsupportedResources'),
            usageBased: count('totalUsageBasedResources'),
          },
        }
      : {}),
  };
}

/**
 * The cost status of a stack's results directory: the estimate when `infracost.json` is there; when
 * it is not, `skipped` if the estimate was off (no API key), else `missing` (Infracost failed).
 * `enabled` undefined means the caller does not know: no cost line at all.
 */
export function costStatus(file: string, enabled: boolean | undefined): CostStatus | undefined {
  if (existsSync(file)) {
    try {
      return { state: 'estimated', estimate: parseInfracost(readFileSync(file, 'utf8'), file) };
    } catch (err) {
      return { state: 'missing', reason: (err as Error).message };
    }
  }
  if (enabled === undefined) return undefined;
  return enabled
    ? { state: 'missing', reason: 'Infracost produced no estimate for this stack (see the plan job log)' }
    : { state: 'skipped', reason: `the repository has no ${INFRACOST_SECRET} secret` };
}

/** An amount with its currency: `$1,234.50`, `-$3.00`, `EUR 12.00`. */
export function formatMoney(value: number, currency: string, signed = false): string {
  const abs = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = value < 0 ? '-' : signed && value > 0 ? '+' : '';
  return currency === 'USD' ? `${sign}$${abs}` : `${sign}${currency} ${abs}`;
}

/** One line for a stack: `$74.02/month (was $0.00; +$74.02)`. */
export function costLine(estimate: CostEstimate): string {
  const c = estimate.currency;
  if (estimate.monthly === null) return 'not priced by Infracost';
  const was = estimate.pastMonthly === null ? '' : `was ${formatMoney(estimate.pastMonthly, c)}; `;
  const diff = estimate.diffMonthly === null ? '' : formatMoney(estimate.diffMonthly, c, true);
  return `${formatMoney(estimate.monthly, c)}/month (${was}${diff})`.replace(' ()', '').replace('; )', ')');
}
