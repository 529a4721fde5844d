import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../../../modules/core/validation';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  ComparisonOperator,
  MetricScale,
  PERCENT_SCALE,
  SCORE_SCALE,
  ThresholdRule,
  acceptedThresholds,
  addThresholdPlanChecks,
  checkAlarmThreshold,
  thresholdProblem,
} from '../../../../modules/monitoring/alarms/thresholds';

const GT: ComparisonOperator = 'GreaterThanThreshold';
const GE: ComparisonOperator = 'GreaterThanOrEqualToThreshold';
const LT: ComparisonOperator = 'LessThanThreshold';
const LE: ComparisonOperator = 'LessThanOrEqualToThreshold';

const EDGE = 'the alarm is in ALARM for almost every value or for almost none';

describe('thresholdProblem: the whole explanation', () => {
  it.each<[string, number, ComparisonOperator, MetricScale, string]>([
    [
      '> 100 %',
      100,
      GT,
      PERCENT_SCALE,
      'the alarm fires when the percentage is above 100%, which it can never be: the alarm would never fire',
    ],
    [
      '> -1 %',
      -1,
      GT,
      PERCENT_SCALE,
      'the alarm fires when the percentage is above -1%, which it always is: the alarm would never clear',
    ],
    [
      '> 0 %',
      0,
      GT,
      PERCENT_SCALE,
      `the alarm fires when the percentage is above 0%: at the edge of the scale (0% to 100%) ${EDGE}`,
    ],
    [
      '>= 100.5 %',
      100.5,
      GE,
      PERCENT_SCALE,
      'the alarm fires when the percentage is at or above 100.5%, which it can never be: the alarm would never fire',
    ],
    [
      '>= 100 %',
      100,
      GE,
      PERCENT_SCALE,
      `the alarm fires when the percentage is at or above 100%: at the edge of the scale (0% to 100%) ${EDGE}`,
    ],
    [
      '>= 0 %',
      0,
      GE,
      PERCENT_SCALE,
      'the alarm fires when the percentage is at or above 0%, which it always is: the alarm would never clear',
    ],
    [
      '< 0 %',
      0,
      LT,
      PERCENT_SCALE,
      'the alarm fires when the percentage is below 0%, which it can never be: the alarm would never fire',
    ],
    [
      '< 100.5 %',
      100.5,
      LT,
      PERCENT_SCALE,
      'the alarm fires when the percentage is below 100.5%, which it always is: the alarm would never clear',
    ],
    [
      '< 100 %',
      100,
      LT,
      PERCENT_SCALE,
      `the alarm fires when the percentage is below 100%: at the edge of the scale (0% to 100%) ${EDGE}`,
    ],
    [
      '<= -0.5 %',
      -0.5,
      LE,
      PERCENT_SCALE,
      'the alarm fires when the percentage is at or below -0.5%, which it can never be: the alarm would never fire',
    ],
    [
      '<= 100 %',
      100,
      LE,
      PERCENT_SCALE,
      'the alarm fires when the percentage is at or below 100%, which it always is: the alarm would never clear',
    ],
    [
      '<= 0 %',
      0,
      LE,
      PERCENT_SCALE,
      `the alarm fires when the percentage is at or below 0%: at the edge of the scale (0% to 100%) ${EDGE}`,
    ],
    [
      'score > 1',
      1,
      GT,
      SCORE_SCALE,
      'the alarm fires when the score is above 1, which it can never be: the alarm would never fire',
    ],
    [
      'score < 1',
      1,
      LT,
      SCORE_SCALE,
      `the alarm fires when the score is below 1: at the edge of the scale (0 to 1) ${EDGE}`,
    ],
    [
      'count > -1',
      -1,
      GT,
      COUNT_SCALE,
      'the alarm fires when the count is above -1, which it always is: the alarm would never clear',
    ],
    [
      'count >= 0',
      0,
      GE,
      COUNT_SCALE,
      'the alarm fires when the count is at or above 0, which it always is: the alarm would never clear',
    ],
    [
      'count < 0',
      0,
      LT,
      COUNT_SCALE,
      'the alarm fires when the count is below 0, which it can never be: the alarm would never fire',
    ],
    [
      'amount <= -1',
      -1,
      LE,
      AMOUNT_SCALE,
      'the alarm fires when the amount is at or below -1, which it can never be: the alarm would never fire',
    ],
  ])('refuses %s', (_name, value, comparison, scale, problem) => {
    expect(thresholdProblem(value, comparison, scale)).toBe(problem);
  });

  it.each<[string, number, ComparisonOperator, MetricScale]>([
    ['count > 1e9 (no upper edge)', 1e9, GT, COUNT_SCALE],
    ['count >= 1e9', 1e9, GE, COUNT_SCALE],
    ['count < 1e9', 1e9, LT, COUNT_SCALE],
    ['count <= 1e9', 1e9, LE, COUNT_SCALE],
    ['amount <= 0', 0, LE, AMOUNT_SCALE],
    ['percentage >= 50', 50, GE, PERCENT_SCALE],
    ['percentage < 50', 50, LT, PERCENT_SCALE],
    ['score <= 0.5', 0.5, LE, SCORE_SCALE],
  ])('accepts %s', (_name, value, comparison, scale) => {
    expect(thresholdProblem(value, comparison, scale)).toBeUndefined();
  });
});

describe('acceptedThresholds: the accepted values in words', () => {
  it.each<[string, ThresholdRule, string]>([
    ['a percentage', { comparison: GT, scale: PERCENT_SCALE }, 'a percentage above 0% and below 100%'],
    [
      'a percentage with a limit at the top of the scale',
      { comparison: GT, scale: PERCENT_SCALE, limit: 100 },
      'a percentage above 0% and below 100%',
    ],
    [
      'a percentage with a limit inside the scale',
      { comparison: GE, scale: PERCENT_SCALE, limit: 99 },
      'a percentage above 0% up to 99%',
    ],
    [
      'a percentage with a floor',
      { comparison: LT, scale: PERCENT_SCALE, floor: 1 },
      'a percentage from 1% and below 100%',
    ],
    ['a score compared with <', { comparison: LT, scale: SCORE_SCALE }, 'a score above 0 and below 1'],
    [
      'a whole count compared with >',
      { comparison: GT, scale: COUNT_SCALE, integer: true },
      'a whole count from 0',
    ],
    ['a count compared with <=', { comparison: LE, scale: COUNT_SCALE }, 'a count from 0'],
    ['a count compared with <', { comparison: LT, scale: COUNT_SCALE }, 'a count above 0'],
    [
      'an amount with a floor and a limit',
      { comparison: GT, scale: AMOUNT_SCALE, floor: 0.5, limit: 10 },
      'an amount from 0.5 up to 10',
    ],
    ['a whole amount', { comparison: GE, scale: AMOUNT_SCALE, integer: true }, 'a whole amount above 0'],
  ])('%s', (_name, rule, text) => {
    expect(acceptedThresholds(rule)).toBe(text);
  });
});

describe('checkAlarmThreshold: each refusal, field, value, problem and fix in full', () => {
  function problems(value: unknown, rule: ThresholdRule) {
    const v = new Validator('test');
    checkAlarmThreshold(v, 'thresholds.cpu', value, rule);
    return v.list();
  }
  const PCT: ThresholdRule = { comparison: GT, scale: PERCENT_SCALE };
  const PCT_FIX = 'set thresholds.cpu to a percentage above 0% and below 100%';
  const WHOLE: ThresholdRule = { comparison: GE, scale: COUNT_SCALE, integer: true, limit: 50, example: 10 };
  const WHOLE_FIX = 'set thresholds.cpu to a whole count above 0 up to 50, e.g. 10';
  const LATENCY: ThresholdRule = { comparison: GT, scale: AMOUNT_SCALE, floor: 0.01, limit: 30 };
  const LATENCY_FIX = 'set thresholds.cpu to an amount from 0.01 up to 30';

  it.each<[string, unknown, ThresholdRule, string, string]>([
    [
      'a percentage of 100, without an example in the fix',
      100,
      PCT,
      'the alarm fires when the percentage is above 100%, which it can never be: the alarm would never fire',
      PCT_FIX,
    ],
    ['a string', '80', PCT, 'is not a number', PCT_FIX],
    ['NaN', Number.NaN, PCT, 'is not a number', PCT_FIX],
    ['-Infinity', -Infinity, WHOLE, 'is not a number', WHOLE_FIX],
    ['a fraction of a whole count', 1.5, WHOLE, 'must be a whole number', WHOLE_FIX],
    [
      'a whole count of 0',
      0,
      WHOLE,
      'the alarm fires when the count is at or above 0, which it always is: the alarm would never clear',
      WHOLE_FIX,
    ],
    [
      'a whole count above the limit',
      51,
      WHOLE,
      'is above 50, more than this alarm can usefully watch',
      WHOLE_FIX,
    ],
    [
      'a latency under the floor',
      0.005,
      LATENCY,
      'is below 0.01, which the metric never goes under: the alarm would never clear',
      LATENCY_FIX,
    ],
    [
      'a latency above the limit',
      31,
      LATENCY,
      'is above 30, more than this alarm can usefully watch',
      LATENCY_FIX,
    ],
  ])('refuses %s', (_name, value, rule, problem, fix) => {
    expect(problems(value, rule)).toEqual([{ field: 'thresholds.cpu', value, problem, fix }]);
  });

  it.each<[string, unknown, ThresholdRule]>([
    ['unset', undefined, WHOLE],
    ['a whole count at the limit', 50, WHOLE],
    ['a whole count of 1', 1, WHOLE],
    ['a latency at the floor', 0.01, LATENCY],
    ['a latency at the limit', 30, LATENCY],
    ['a percentage of 50', 50, PCT],
  ])('accepts %s', (_name, value, rule) => {
    expect(problems(value, rule)).toEqual([]);
  });

  it('refuses an unresolved value for a threshold converted at synth, and says to pass a literal number', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const gib = new TerraformVariable(stack, 'gib', { type: 'number' }).numberValue;
    expect(
      problems(gib, { comparison: LT, scale: AMOUNT_SCALE, limit: 1024, example: 2, literal: true }),
    ).toEqual([
      {
        field: 'thresholds.cpu',
        value: gib,
        problem:
          'is an unresolved value, but the alarm threshold is computed from it at synth (a unit or share conversion)',
        fix: 'set thresholds.cpu to an amount above 0 up to 1024, e.g. 2, as a literal number',
      },
    ]);
  });

  it('leaves an unresolved value to Terraform when the threshold is used as given', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const t = new TerraformVariable(stack, 't', { type: 'number' }).numberValue;
    expect(problems(t, { comparison: LT, scale: AMOUNT_SCALE, limit: 1024 })).toEqual([]);
  });
});

type Precondition = { condition: string; error_message: string };

/**
 * An alarm in construct `test/db-alarms` whose thresholds `values` are checked against `rules` at plan
 * time; `values` is built from the stack's number variables by name.
 */
function planChecks(
  rules: Readonly<Record<string, ThresholdRule>>,
  values: (variable: (name: string) => number) => Record<string, unknown>,
  prefix?: string,
): { added: number; preconditions: Precondition[] | undefined } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const scope = new Construct(stack, 'db-alarms');
  const alarm = new CloudwatchMetricAlarm(scope, 'alarm', {
    alarmName: 'cpu-high',
    comparisonOperator: GT,
    evaluationPeriods: 1,
  });
  const given = values((name) => new TerraformVariable(stack, name, { type: 'number' }).numberValue);
  const added =
    prefix === undefined
      ? addThresholdPlanChecks(alarm, given, rules)
      : addThresholdPlanChecks(alarm, given, rules, prefix);
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: {
      aws_cloudwatch_metric_alarm: Record<string, { lifecycle?: { precondition?: Precondition[] } }>;
    };
  };
  return {
    added,
    preconditions: Object.values(json.resource.aws_cloudwatch_metric_alarm)[0].lifecycle?.precondition,
  };
}

describe('addThresholdPlanChecks: the synth-time rule as a plan-time precondition', () => {
  it.each<[string, ThresholdRule, string, string]>([
    [
      'a percentage compared with >',
      { comparison: GT, scale: PERCENT_SCALE },
      '${((0 < var.t) && (100 > var.t))}',
      'a percentage above 0% and below 100%',
    ],
    [
      'a percentage compared with <=',
      { comparison: LE, scale: PERCENT_SCALE },
      '${((0 < var.t) && (100 > var.t))}',
      'a percentage above 0% and below 100%',
    ],
    [
      'a percentage with a limit inside the scale',
      { comparison: GT, scale: PERCENT_SCALE, limit: 50 },
      '${((0 < var.t) && (50 >= var.t))}',
      'a percentage above 0% up to 50%',
    ],
    [
      'a percentage with a limit at the top of the scale',
      { comparison: GT, scale: PERCENT_SCALE, limit: 100 },
      '${((0 < var.t) && (100 > var.t))}',
      'a percentage above 0% and below 100%',
    ],
    [
      'a percentage with a floor',
      { comparison: GT, scale: PERCENT_SCALE, floor: 1 },
      '${((1 <= var.t) && (100 > var.t))}',
      'a percentage from 1% and below 100%',
    ],
    [
      'a score compared with >=',
      { comparison: GE, scale: SCORE_SCALE },
      '${((0 < var.t) && (1 > var.t))}',
      'a score above 0 and below 1',
    ],
    ['a count compared with >', { comparison: GT, scale: COUNT_SCALE }, '${(0 <= var.t)}', 'a count from 0'],
    ['a count compared with >=', { comparison: GE, scale: COUNT_SCALE }, '${(0 < var.t)}', 'a count above 0'],
    ['a count compared with <', { comparison: LT, scale: COUNT_SCALE }, '${(0 < var.t)}', 'a count above 0'],
    ['a count compared with <=', { comparison: LE, scale: COUNT_SCALE }, '${(0 <= var.t)}', 'a count from 0'],
    [
      'a whole count with a limit',
      { comparison: GE, scale: COUNT_SCALE, integer: true, limit: 10 },
      '${(((0 < var.t) && (10 >= var.t)) && (floor(var.t) == var.t))}',
      'a whole count above 0 up to 10',
    ],
    [
      'a count compared with > and a floor',
      { comparison: GT, scale: COUNT_SCALE, floor: 0.5 },
      '${(0.5 <= var.t)}',
      'a count from 0.5',
    ],
    [
      'a count compared with >= and a floor',
      { comparison: GE, scale: COUNT_SCALE, floor: 0.5 },
      '${(0.5 <= var.t)}',
      'a count from 0.5',
    ],
    [
      'an amount with a floor and a limit',
      { comparison: GT, scale: AMOUNT_SCALE, floor: 0.001, limit: 60 },
      '${((0.001 <= var.t) && (60 >= var.t))}',
      'an amount from 0.001 up to 60',
    ],
  ])('%s', (_name, rule, condition, requirement) => {
    expect(planChecks({ t: rule }, (variable) => ({ t: variable('t') }))).toEqual({
      added: 1,
      preconditions: [
        { condition, error_message: `Invalid thresholds.t of test/db-alarms: it must be ${requirement}.` },
      ],
    });
  });

  it('keeps the scale top for a limit beyond it', () => {
    const { preconditions } = planChecks(
      { t: { comparison: GT, scale: PERCENT_SCALE, limit: 150 } },
      (variable) => ({
        t: variable('t'),
      }),
    );
    expect(preconditions?.map((p) => p.condition)).toEqual(['${((0 < var.t) && (100 > var.t))}']);
    expect(preconditions?.map((p) => p.error_message)).toEqual([
      'Invalid thresholds.t of test/db-alarms: it must be a percentage above 0% and below 100%.',
    ]);
    expect(acceptedThresholds({ comparison: GT, scale: PERCENT_SCALE, limit: 150 })).toBe(
      'a percentage above 0% and below 100%',
    );
  });

  it('checks each unresolved threshold in rule order, skipping literal ones and those converted at synth', () => {
    expect(
      planChecks(
        {
          cpu: { comparison: GT, scale: PERCENT_SCALE },
          storage: { comparison: LT, scale: AMOUNT_SCALE, literal: true },
          connections: { comparison: GE, scale: COUNT_SCALE, integer: true },
          errors: { comparison: GT, scale: COUNT_SCALE },
        },
        (variable) => ({
          errors: variable('errors'),
          storage: variable('storage'),
          connections: 100,
          cpu: variable('cpu'),
        }),
      ),
    ).toEqual({
      added: 2,
      preconditions: [
        {
          condition: '${((0 < var.cpu) && (100 > var.cpu))}',
          error_message:
            'Invalid thresholds.cpu of test/db-alarms: it must be a percentage above 0% and below 100%.',
        },
        {
          condition: '${(0 <= var.errors)}',
          error_message: 'Invalid thresholds.errors of test/db-alarms: it must be a count from 0.',
        },
      ],
    });
  });

  it('names the field with the prefix given (none for props at the top level)', () => {
    expect(
      planChecks(
        { errorRatePercent: { comparison: GT, scale: PERCENT_SCALE } },
        (variable) => ({
          errorRatePercent: variable('rate'),
        }),
        '',
      ),
    ).toEqual({
      added: 1,
      preconditions: [
        {
          condition: '${((0 < var.rate) && (100 > var.rate))}',
          error_message:
            'Invalid errorRatePercent of test/db-alarms: it must be a percentage above 0% and below 100%.',
        },
      ],
    });
  });

  it('adds nothing when every threshold is a literal or unset', () => {
    expect(
      planChecks(
        { cpu: { comparison: GT, scale: PERCENT_SCALE }, errors: { comparison: GT, scale: COUNT_SCALE } },
        () => ({ cpu: 80 }),
      ),
    ).toEqual({ added: 0, preconditions: undefined });
  });
});
