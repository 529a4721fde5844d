/**
 * Thresholds an alarm can both cross and leave. A CloudWatch alarm whose threshold sits at or
 * beyond the edge of what its metric can take is useless in one of two ways: it never fires
 * (`GreaterThanThreshold` 100 on a percentage) or it never clears (`GreaterThanOrEqualToThreshold`
 * 0 on a count: every value, zero included, breaches). Every alarm builder checks its thresholds
 * here, so the rules are the same everywhere.
 *
 * | scale      | values     | thresholds accepted                                              |
 * |------------|------------|------------------------------------------------------------------|
 * | percentage | 0 to 100   | strictly between 0 and 100, whatever the comparison               |
 * | score      | 0 to 1     | strictly between 0 and 1 (drift scores, ratios)                   |
 * | count      | 0 and up   | `>` from 0, `>=` above 0, `<` above 0, `<=` from 0                |
 * | amount     | 0 and up   | the same as count (durations, bytes, latencies)                   |
 *
 * For a count: `> 0` fires on the first event and clears when there is none; `>= 0` is met by
 * every value, so it never clears; `< 0` is met by none, so it never fires.
 */
import { TerraformResource } from 'cdktf';
import { Validator, isUnresolved } from '../../core/validation';
import { PlanCheckRule, addPlanChecks, numberInRange } from '../../core/plan-checks';

/** The four comparison operators of a CloudWatch threshold alarm. */
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** The values a metric can take. */
export interface MetricScale {
  /** What the metric is, for messages: `percentage`, `score`, `count`, ... */
  readonly name: string;
  /** Lowest value the metric can take. */
  readonly min: number;
  /** Highest value the metric can take; undefined when unbounded. */
  readonly max?: number;
  /** Unit appended to numbers in messages, e.g. `%`. @default '' */
  readonly unit?: string;
}

/** A percentage (CPU, memory, disk, error rate): 0 to 100; thresholds strictly inside. */
export const PERCENT_SCALE: MetricScale = { name: 'percentage', min: 0, max: 100, unit: '%' };
/** A score or ratio (drift score, share of a timeout): 0 to 1; thresholds strictly inside. */
export const SCORE_SCALE: MetricScale = { name: 'score', min: 0, max: 1 };
/** A number of events or things (errors, connections, evictions): 0 and up. */
export const COUNT_SCALE: MetricScale = { name: 'count', min: 0 };
/** A non-negative amount (seconds, milliseconds, bytes): 0 and up. */
export const AMOUNT_SCALE: MetricScale = { name: 'amount', min: 0 };

/** How one threshold is checked. */
export interface ThresholdRule {
  /** The alarm's comparison operator. */
  readonly comparison: ComparisonOperator;
  /** What the metric can take. */
  readonly scale: MetricScale;
  /** A whole number is required (counts compared with `>=`, connection counts). @default false */
  readonly integer?: boolean;
  /** Largest sensible threshold (a typo guard, e.g. 3600 seconds of replication lag). @default - none */
  readonly limit?: number;
  /**
   * Smallest sensible threshold, where the scale allows less but the metric never takes it (a
   * response time is never 0 s, so `> 0` would never clear).
   * @default - the scale decides
   */
  readonly floor?: number;
  /** Example of a good value for the fix, e.g. 80. @default - none */
  readonly example?: number;
  /**
   * The builder converts the value at synth (GiB to bytes, a share of the volume), so it must be a
   * literal number; otherwise a token is accepted and checked by Terraform at plan time.
   * @default false
   */
  readonly literal?: boolean;
}

const OPERATOR_TEXT: Readonly<Record<ComparisonOperator, string>> = {
  GreaterThanThreshold: 'above',
  GreaterThanOrEqualToThreshold: 'at or above',
  LessThanThreshold: 'below',
  LessThanOrEqualToThreshold: 'at or below',
};

function show(n: number, scale: MetricScale): string {
  return `${n}${scale.unit ?? ''}`;
}

/**
 * What is wrong with `value` as the threshold of an alarm with `comparison` on a metric of
 * `scale`, or undefined when the alarm can both fire and clear.
 */
export function thresholdProblem(
  value: number,
  comparison: ComparisonOperator,
  scale: MetricScale,
): string | undefined {
  const { min, max } = scale;
  const when = `the alarm fires when the ${scale.name} is ${OPERATOR_TEXT[comparison]} ${show(value, scale)}`;
  const neverFires = `${when}, which it can never be: the alarm would never fire`;
  const neverClears = `${when}, which it always is: the alarm would never clear`;
  switch (comparison) {
    case 'GreaterThanThreshold':
      if (max !== undefined && value >= max) return neverFires;
      if (value < min) return neverClears;
      break;
    case 'GreaterThanOrEqualToThreshold':
      if (max !== undefined && value > max) return neverFires;
      if (value <= min) return neverClears;
      break;
    case 'LessThanThreshold':
      if (value <= min) return neverFires;
      if (max !== undefined && value > max) return neverClears;
      break;
    case 'LessThanOrEqualToThreshold':
      if (value < min) return neverFires;
      if (max !== undefined && value >= max) return neverClears;
      break;
  }
  if (max !== undefined && (value <= min || value >= max)) {
    return (
      `${when}: at the edge of the scale (${show(min, scale)} to ${show(max, scale)}) the alarm is in ALARM ` +
      'for almost every value or for almost none'
    );
  }
  return undefined;
}

/** The accepted thresholds in words, for fixes: "a percentage above 0% and below 100%". */
export function acceptedThresholds(rule: ThresholdRule): string {
  const { scale, comparison } = rule;
  const lowOpen =
    scale.max !== undefined ||
    comparison === 'GreaterThanOrEqualToThreshold' ||
    comparison === 'LessThanThreshold';
  const low =
    rule.floor !== undefined
      ? `from ${show(rule.floor, scale)}`
      : `${lowOpen ? 'above' : 'from'} ${show(scale.min, scale)}`;
  // A limit above the scale's top (a percentage rule with limit 150) stops at the top, as the checks do.
  const upper =
    rule.limit !== undefined && scale.max !== undefined
      ? Math.min(rule.limit, scale.max)
      : (rule.limit ?? scale.max);
  const high =
    upper === undefined
      ? ''
      : rule.limit !== undefined && (scale.max === undefined || rule.limit < scale.max)
        ? ` up to ${show(upper, scale)}`
        : ` and below ${show(upper, scale)}`;
  const whole = rule.integer ? 'whole ' : '';
  const noun = `${whole}${scale.name}`;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} ${low}${high}`;
}

/**
 * Records a problem when `value` is not a number, is not whole where `integer` is set, exceeds
 * `limit`, or would give an alarm that never fires or never clears (see {@link thresholdProblem}).
 * Undefined (the default applies) passes; an unresolved token passes unless the rule is
 * `literal` (Terraform checks it at plan time: {@link addThresholdPlanChecks}).
 */
export function checkAlarmThreshold(v: Validator, field: string, value: unknown, rule: ThresholdRule): void {
  if (value === undefined) return;
  const fix = `set ${field} to ${acceptedThresholds(rule)}${rule.example !== undefined ? `, e.g. ${rule.example}` : ''}`;
  if (isUnresolved(value)) {
    if (rule.literal) {
      v.add(
        field,
        value,
        'is an unresolved value, but the alarm threshold is computed from it at synth (a unit or share conversion)',
        `${fix}, as a literal number`,
      );
    }
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    v.add(field, value, 'is not a number', fix);
    return;
  }
  if (rule.integer && !Number.isInteger(value)) {
    v.add(field, value, 'must be a whole number', fix);
    return;
  }
  const problem = thresholdProblem(value, rule.comparison, rule.scale);
  if (problem !== undefined) {
    v.add(field, value, problem, fix);
    return;
  }
  if (rule.floor !== undefined && value < rule.floor) {
    v.add(
      field,
      value,
      `is below ${show(rule.floor, rule.scale)}, which the metric never goes under: the alarm would never clear`,
      fix,
    );
    return;
  }
  if (rule.limit !== undefined && value > rule.limit) {
    v.add(
      field,
      value,
      `is above ${show(rule.limit, rule.scale)}, more than this alarm can usefully watch`,
      fix,
    );
  }
}

/**
 * The same rule as {@link checkAlarmThreshold}, as a condition Terraform evaluates at plan time for a
 * threshold given as an unresolved value (a variable, another resource's attribute).
 */
export function thresholdPlanRule(rule: ThresholdRule): PlanCheckRule {
  const { scale, comparison } = rule;
  const bounded = scale.max !== undefined;
  const lowOpen =
    bounded || comparison === 'GreaterThanOrEqualToThreshold' || comparison === 'LessThanThreshold';
  const highOpen = bounded && (rule.limit === undefined || rule.limit >= (scale.max as number));
  const max =
    rule.limit !== undefined && (scale.max === undefined || rule.limit < scale.max) ? rule.limit : scale.max;
  return numberInRange({
    min: rule.floor ?? scale.min,
    minExclusive: rule.floor === undefined && lowOpen,
    max,
    maxExclusive: highOpen,
    integer: rule.integer,
    requirement: acceptedThresholds(rule),
  });
}

/**
 * Adds a plan-time precondition to `alarm` for each threshold of `values` that is an unresolved
 * value (literal thresholds were checked at synth by {@link checkAlarmThreshold}).
 * @param prefix prefix of the field names in messages, e.g. `thresholds.`
 */
export function addThresholdPlanChecks(
  alarm: TerraformResource,
  values: object,
  rules: Readonly<Record<string, ThresholdRule>>,
  prefix = 'thresholds.',
): number {
  return addPlanChecks(
    alarm,
    Object.entries(rules)
      .filter(([, rule]) => !rule.literal)
      .map(([key, rule]) => ({
        field: `${prefix}${key}`,
        value: (values as Record<string, unknown>)[key],
        ...thresholdPlanRule(rule),
      })),
  );
}
