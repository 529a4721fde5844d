import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Validator } from '../../../../modules/core/validation';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  ComparisonOperator,
  PERCENT_SCALE,
  SCORE_SCALE,
  ThresholdRule,
  acceptedThresholds,
  checkAlarmThreshold,
  thresholdProblem,
} from '../../../../modules/monitoring/alarms/thresholds';

const GT: ComparisonOperator = 'GreaterThanThreshold';
const GE: ComparisonOperator = 'GreaterThanOrEqualToThreshold';
const LT: ComparisonOperator = 'LessThanThreshold';
const LE: ComparisonOperator = 'LessThanOrEqualToThreshold';

function problems(value: unknown, rule: ThresholdRule) {
  const v = new Validator('test');
  checkAlarmThreshold(v, 'thresholds.x', value, rule);
  return v.list();
}

describe('thresholdProblem', () => {
  it.each<[string, number, ComparisonOperator, typeof PERCENT_SCALE, string]>([
    ['> 100 %', 100, GT, PERCENT_SCALE, 'is above 100%, which it can never be: the alarm would never fire'],
    ['> 101 %', 101, GT, PERCENT_SCALE, 'the alarm would never fire'],
    ['> -1 %', -1, GT, PERCENT_SCALE, 'is above -1%, which it always is: the alarm would never clear'],
    ['> 0 %', 0, GT, PERCENT_SCALE, 'at the edge of the scale (0% to 100%)'],
    ['>= 0 %', 0, GE, PERCENT_SCALE, 'is at or above 0%, which it always is: the alarm would never clear'],
    ['>= 100 %', 100, GE, PERCENT_SCALE, 'at the edge of the scale'],
    ['>= 100.5 %', 100.5, GE, PERCENT_SCALE, 'the alarm would never fire'],
    ['< 0 %', 0, LT, PERCENT_SCALE, 'is below 0%, which it can never be: the alarm would never fire'],
    ['< 101 %', 101, LT, PERCENT_SCALE, 'is below 101%, which it always is: the alarm would never clear'],
    ['< 100 %', 100, LT, PERCENT_SCALE, 'at the edge of the scale'],
    ['<= -1 %', -1, LE, PERCENT_SCALE, 'the alarm would never fire'],
    [
      '<= 100 %',
      100,
      LE,
      PERCENT_SCALE,
      'is at or below 100%, which it always is: the alarm would never clear',
    ],
    ['<= 0 %', 0, LE, PERCENT_SCALE, 'at the edge of the scale'],
    ['drift > 1', 1, GT, SCORE_SCALE, 'the score is above 1, which it can never be'],
    ['drift > 0', 0, GT, SCORE_SCALE, 'at the edge of the scale (0 to 1)'],
    [
      'count >= 0',
      0,
      GE,
      COUNT_SCALE,
      'the count is at or above 0, which it always is: the alarm would never clear',
    ],
    ['count > -1', -1, GT, COUNT_SCALE, 'the alarm would never clear'],
    [
      'count < 0',
      0,
      LT,
      COUNT_SCALE,
      'the count is below 0, which it can never be: the alarm would never fire',
    ],
    ['count <= -1', -1, LE, COUNT_SCALE, 'the alarm would never fire'],
    ['amount >= 0', 0, GE, AMOUNT_SCALE, 'the amount is at or above 0'],
  ])('refuses %s', (_name, value, comparison, scale, problem) => {
    expect(thresholdProblem(value, comparison, scale)).toContain(problem);
  });

  it.each<[string, number, ComparisonOperator, typeof PERCENT_SCALE]>([
    ['> 99.9 %', 99.9, GT, PERCENT_SCALE],
    ['> 0.1 %', 0.1, GT, PERCENT_SCALE],
    ['>= 99.9 %', 99.9, GE, PERCENT_SCALE],
    ['< 0.1 %', 0.1, LT, PERCENT_SCALE],
    ['<= 99.9 %', 99.9, LE, PERCENT_SCALE],
    ['drift > 0.01', 0.01, GT, SCORE_SCALE],
    ['drift > 0.99', 0.99, GT, SCORE_SCALE],
    ['count > 0 (the first event)', 0, GT, COUNT_SCALE],
    ['count >= 0.5', 0.5, GE, COUNT_SCALE],
    ['count >= 1e12 (no upper edge)', 1e12, GE, COUNT_SCALE],
    ['count < 0.5', 0.5, LT, COUNT_SCALE],
    ['count <= 0 (none at all)', 0, LE, COUNT_SCALE],
  ])('accepts %s', (_name, value, comparison, scale) => {
    expect(thresholdProblem(value, comparison, scale)).toBeUndefined();
  });
});

describe('checkAlarmThreshold', () => {
  const PCT: ThresholdRule = { comparison: GT, scale: PERCENT_SCALE, example: 80 };
  const COUNTS: ThresholdRule = {
    comparison: GE,
    scale: COUNT_SCALE,
    integer: true,
    limit: 1000,
    example: 5,
  };
  const LATENCY: ThresholdRule = { comparison: GT, scale: AMOUNT_SCALE, floor: 0.001, limit: 60, example: 1 };

  it.each<[string, unknown, ThresholdRule, string, string]>([
    [
      'a percentage of 100',
      100,
      PCT,
      'the alarm fires when the percentage is above 100%, which it can never be: the alarm would never fire',
      'set thresholds.x to a percentage above 0% and below 100%, e.g. 80',
    ],
    [
      'a string',
      '80',
      PCT,
      'is not a number',
      'set thresholds.x to a percentage above 0% and below 100%, e.g. 80',
    ],
    ['NaN', NaN, PCT, 'is not a number', 'e.g. 80'],
    ['Infinity', Infinity, COUNTS, 'is not a number', 'a whole count above 0 up to 1000, e.g. 5'],
    ['null', null, PCT, 'is not a number', 'e.g. 80'],
    [
      'a fraction of a count',
      2.5,
      COUNTS,
      'must be a whole number',
      'set thresholds.x to a whole count above 0 up to 1000, e.g. 5',
    ],
    [
      'a count of 0',
      0,
      COUNTS,
      'which it always is: the alarm would never clear',
      'a whole count above 0 up to 1000',
    ],
    [
      'a count above the limit',
      1001,
      COUNTS,
      'is above 1000, more than this alarm can usefully watch',
      'a whole count above 0 up to 1000',
    ],
    [
      'a latency below the floor',
      0.0005,
      LATENCY,
      'is below 0.001, which the metric never goes under: the alarm would never clear',
      'set thresholds.x to an amount from 0.001 up to 60, e.g. 1',
    ],
  ])('refuses %s', (_name, value, rule, problem, fix) => {
    expect(problems(value, rule)).toEqual([
      {
        field: 'thresholds.x',
        value,
        problem: expect.stringContaining(problem),
        fix: expect.stringContaining(fix),
      },
    ]);
  });

  it.each<[string, unknown, ThresholdRule]>([
    ['unset (the default applies)', undefined, PCT],
    ['a percentage just below 100', 99.99, PCT],
    ['a count of 1', 1, COUNTS],
    ['a count at the limit', 1000, COUNTS],
    ['a latency at the floor', 0.001, LATENCY],
    ['a latency at the limit', 60, LATENCY],
  ])('accepts %s', (_name, value, rule) => {
    expect(problems(value, rule)).toEqual([]);
  });

  it('leaves a token to Terraform', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const threshold = new TerraformVariable(stack, 'threshold', { type: 'number' });
    expect(problems(threshold.numberValue, PCT)).toEqual([]);
  });
});

describe('acceptedThresholds', () => {
  it.each<[ThresholdRule, string]>([
    [{ comparison: GT, scale: PERCENT_SCALE }, 'a percentage above 0% and below 100%'],
    [{ comparison: LE, scale: SCORE_SCALE }, 'a score above 0 and below 1'],
    [{ comparison: GT, scale: COUNT_SCALE }, 'a count from 0'],
    [{ comparison: GE, scale: COUNT_SCALE }, 'a count above 0'],
    [{ comparison: LT, scale: COUNT_SCALE, integer: true, limit: 10 }, 'a whole count above 0 up to 10'],
    [{ comparison: LE, scale: AMOUNT_SCALE, limit: 5 }, 'an amount from 0 up to 5'],
    [{ comparison: GT, scale: PERCENT_SCALE, limit: 50 }, 'a percentage above 0% up to 50%'],
  ])('describes %j', (rule, text) => {
    expect(acceptedThresholds(rule)).toBe(text);
  });
});
