import { TerraformVariable } from 'cdktf';
import {
  MetricThresholdAlarm,
  MetricThresholdAlarmProps,
  ThresholdMetric,
  ThresholdStatistic,
  validateMetricThresholdAlarm,
} from '../../../../modules/monitoring/alarms';
import { Validator } from '../../../../modules/core/validation';
import { Block, errorOf, invalidMessage, only, synthJson, testStack } from '../../../support/synth-json';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-prod-alarms';
const METRIC: ThresholdMetric = {
  namespace: 'MLNews',
  metricName: 'DriftScore',
  dimensions: { Model: 'ranker' },
  statistic: 'Maximum',
  periodInSeconds: 300,
};
const BASE: MetricThresholdAlarmProps = {
  alarmName: 'mlnews-prod-drift-high',
  description: 'Feature drift above 0.3: check the input pipeline.',
  metric: METRIC,
  comparison: 'above',
  threshold: 0.3,
  treatMissingData: 'notBreaching',
  topicArn: TOPIC,
};
/** The alarm BASE gives, as synthesized. */
const BASE_ALARM: Block = {
  alarm_name: 'mlnews-prod-drift-high',
  alarm_description: 'Feature drift above 0.3: check the input pipeline.',
  namespace: 'MLNews',
  metric_name: 'DriftScore',
  dimensions: { Model: 'ranker' },
  statistic: 'Maximum',
  period: 300,
  comparison_operator: 'GreaterThanThreshold',
  threshold: 0.3,
  evaluation_periods: 1,
  datapoints_to_alarm: 1,
  treat_missing_data: 'notBreaching',
  alarm_actions: [TOPIC],
  ok_actions: [TOPIC],
};
const PATH = 'test/drift';

/** The one alarm resource `props` (over BASE) synthesizes to. */
function alarmOf(props: Partial<MetricThresholdAlarmProps>): Block {
  const stack = testStack();
  new MetricThresholdAlarm(stack, 'drift', { ...BASE, ...props });
  return only(synthJson(stack).json, 'aws_cloudwatch_metric_alarm').config;
}

function errorFor(props: Partial<MetricThresholdAlarmProps>): string {
  return errorOf(() => new MetricThresholdAlarm(testStack(), 'drift', { ...BASE, ...props }));
}

const metric = (m: Partial<ThresholdMetric>): Partial<MetricThresholdAlarmProps> => ({
  metric: { ...METRIC, ...m },
});

const NAME_FIX = 'use a name such as "mlnews-prod-model-accuracy-low"';
const NAMESPACE_FIX = 'use the namespace the publisher writes to, e.g. "MLNews"';
const METRIC_NAME_FIX = 'use the metric name the publisher writes, e.g. "ModelAccuracy"';
const PERIOD_FIX = 'use 300 (5 minutes) or 3600 (an hour)';

describe('MetricThresholdAlarm refuses each invalid prop with the whole message', () => {
  it.each<[string, Partial<MetricThresholdAlarmProps>, string]>([
    [
      'a name with a unit separator',
      { alarmName: 'drift\u001fhigh' },
      `alarmName = "drift\\u001fhigh": must be 1-255 printable characters. Fix: ${NAME_FIX}`,
    ],
    [
      'a name with a DEL character',
      { alarmName: 'drift\u007fhigh' },
      `alarmName = "drift\u007fhigh": must be 1-255 printable characters. Fix: ${NAME_FIX}`,
    ],
    [
      'a name ending in a newline',
      { alarmName: 'drift-high\n' },
      `alarmName = "drift-high\\n": must be 1-255 printable characters. Fix: ${NAME_FIX}`,
    ],
    [
      'a 256-character name',
      { alarmName: 'n'.repeat(256) },
      `alarmName = "${'n'.repeat(256)}": must be 1-255 printable characters. Fix: ${NAME_FIX}`,
    ],
    [
      'a 1,025-character description',
      { description: 'd'.repeat(1025) },
      `description = "${'d'.repeat(1025)}": must be 1-1,024 characters. ` +
        'Fix: say what firing means and what to do, in one or two sentences',
    ],
    [
      'an empty description',
      { description: '' },
      'description = "": must be 1-1,024 characters. ' +
        'Fix: say what firing means and what to do, in one or two sentences',
    ],
    [
      'a 256-character namespace',
      metric({ namespace: 'N'.repeat(256) }),
      `metric.namespace = "${'N'.repeat(256)}": must be 1-255 printable characters without ":". Fix: ${NAMESPACE_FIX}`,
    ],
    [
      'a namespace with a tab',
      metric({ namespace: 'ML\tNews' }),
      `metric.namespace = "ML\\tNews": must be 1-255 printable characters without ":". Fix: ${NAMESPACE_FIX}`,
    ],
    [
      'a namespace with ":"',
      metric({ namespace: 'AWS:Custom' }),
      `metric.namespace = "AWS:Custom": must be 1-255 printable characters without ":". Fix: ${NAMESPACE_FIX}`,
    ],
    [
      'an empty namespace',
      metric({ namespace: '' }),
      `metric.namespace = "": must be 1-255 printable characters without ":". Fix: ${NAMESPACE_FIX}`,
    ],
    [
      'a 256-character metric name',
      metric({ metricName: 'M'.repeat(256) }),
      `metric.metricName = "${'M'.repeat(256)}": must be 1-255 printable characters. Fix: ${METRIC_NAME_FIX}`,
    ],
    [
      'a metric name with a carriage return',
      metric({ metricName: 'Drift\rScore' }),
      `metric.metricName = "Drift\\rScore": must be 1-255 printable characters. Fix: ${METRIC_NAME_FIX}`,
    ],
    [
      'a 256-character dimension name',
      metric({ dimensions: { ['k'.repeat(256)]: 'ranker' } }),
      `metric.dimensions["${'k'.repeat(256)}"] = "${'k'.repeat(256)}": ` +
        'is not a dimension name (1-255 printable characters). Fix: use a name such as "Environment"',
    ],
    [
      'a dimension name with a control character',
      metric({ dimensions: { 'Model\u0001': 'ranker' } }),
      'metric.dimensions["Model\u0001"] = "Model\\u0001": ' +
        'is not a dimension name (1-255 printable characters). Fix: use a name such as "Environment"',
    ],
    [
      'an empty dimension name',
      metric({ dimensions: { '': 'ranker' } }),
      'metric.dimensions[""] = "": ' +
        'is not a dimension name (1-255 printable characters). Fix: use a name such as "Environment"',
    ],
    [
      'a 1,025-character dimension value',
      metric({ dimensions: { Model: 'v'.repeat(1025) } }),
      `metric.dimensions["Model"] = "${'v'.repeat(1025)}": ` +
        'is not a dimension value (1-1,024 characters). Fix: use the value the publisher sends',
    ],
    [
      'an empty dimension value',
      metric({ dimensions: { Model: '' } }),
      'metric.dimensions["Model"] = "": ' +
        'is not a dimension value (1-1,024 characters). Fix: use the value the publisher sends',
    ],
    [
      'a dimension value that is a list',
      metric({ dimensions: { Model: ['ranker'] as unknown as string } }),
      'metric.dimensions["Model"] = ["ranker"]: ' +
        'is not a dimension value (1-1,024 characters). Fix: use the value the publisher sends',
    ],
    [
      'a percentile statistic',
      metric({ statistic: 'p99' as ThresholdStatistic }),
      'metric.statistic = "p99": is not a statistic. Fix: use one of Average, Maximum, Minimum, Sum, SampleCount',
    ],
    [
      'a period of 0',
      metric({ periodInSeconds: 0 }),
      `metric.periodInSeconds = 0: must be 10, 20, 30 or a multiple of 60. Fix: ${PERIOD_FIX}`,
    ],
    [
      'a period of -60',
      metric({ periodInSeconds: -60 }),
      `metric.periodInSeconds = -60: must be 10, 20, 30 or a multiple of 60. Fix: ${PERIOD_FIX}`,
    ],
    [
      'a period of 15',
      metric({ periodInSeconds: 15 }),
      `metric.periodInSeconds = 15: must be 10, 20, 30 or a multiple of 60. Fix: ${PERIOD_FIX}`,
    ],
    [
      'a period of 90',
      metric({ periodInSeconds: 90 }),
      `metric.periodInSeconds = 90: must be 10, 20, 30 or a multiple of 60. Fix: ${PERIOD_FIX}`,
    ],
    [
      'an unknown comparison',
      { comparison: 'over' as 'above' },
      'comparison = "over": is not a comparison. Fix: use "above", "atOrAbove", "below" or "atOrBelow"',
    ],
    [
      'a comparison named like an object method',
      { comparison: 'toString' as 'above' },
      'comparison = "toString": is not a comparison. Fix: use "above", "atOrAbove", "below" or "atOrBelow"',
    ],
    [
      'an infinite threshold',
      { threshold: Infinity },
      'threshold = null: must be a finite number. Fix: set the value that separates good from bad, e.g. 0.75',
    ],
    [
      '101 evaluation periods',
      { evaluationPeriods: 101 },
      'evaluationPeriods = 101: must be a whole number from 1 to 100. ' +
        'Fix: set evaluationPeriods to a whole number from 1 to 100',
    ],
    [
      '2 datapoints for the default single period',
      { datapointsToAlarm: 2 },
      'datapointsToAlarm = 2: must be a whole number from 1 to 1. Fix: use 1 to evaluationPeriods (1)',
    ],
    [
      '0 datapoints',
      { evaluationPeriods: 5, datapointsToAlarm: 0 },
      'datapointsToAlarm = 0: must be a whole number from 1 to 5. Fix: use 1 to evaluationPeriods (5)',
    ],
    [
      'an unknown missing-data choice',
      { treatMissingData: 'zero' as 'missing' },
      'treatMissingData = "zero": must be chosen: "missing", "ignore", "breaching" or "notBreaching". ' +
        'Fix: use "notBreaching" when the metric is published only when something happens, "breaching" for a heartbeat',
    ],
    [
      'a topic ARN of another service',
      { topicArn: 'arn:aws:sqs:us-east-1:111122223333:alarms' },
      'topicArn = "arn:aws:sqs:us-east-1:111122223333:alarms": is not an SNS topic ARN. ' +
        'Fix: pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
    ],
    [
      'no metric',
      { metric: undefined as unknown as ThresholdMetric },
      'metric = undefined: is required. Fix: pass metric, an object',
    ],
    [
      'a threshold given as a string',
      { threshold: '0.3' as unknown as number },
      'threshold = "0.3": must be a number, not a string. Fix: pass threshold as a number',
    ],
    [
      'a period given as a string',
      metric({ periodInSeconds: '300' as unknown as number }),
      'metric.periodInSeconds = "300": must be a number, not a string. Fix: pass metric.periodInSeconds as a number',
    ],
    [
      'dimensions given as a list',
      metric({ dimensions: ['Model'] as unknown as Record<string, string> }),
      'metric.dimensions = ["Model"]: must be an object, not a list. Fix: pass metric.dimensions as an object',
    ],
  ])('refuses %s', (_label, props, problem) => {
    expect(errorFor(props)).toBe(invalidMessage(PATH, problem));
  });

  it('refuses an empty topic ARN as missing and as not an SNS topic ARN', () => {
    expect(errorFor({ topicArn: '' })).toBe(
      invalidMessage(
        PATH,
        'topicArn = "": is required. Fix: pass the alarm topic ARN, e.g. AlarmTopic.topicArn',
        'topicArn = "": is not an SNS topic ARN. Fix: pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
      ),
    );
  });

  it('lists every problem at once, in the order of the props', () => {
    expect(
      errorFor({
        alarmName: '',
        metric: { ...METRIC, statistic: 'Median' as ThresholdStatistic, periodInSeconds: 45 },
        comparison: 'equals' as 'above',
        evaluationPeriods: 0,
      }),
    ).toBe(
      invalidMessage(
        PATH,
        `alarmName = "": must be 1-255 printable characters. Fix: ${NAME_FIX}`,
        'metric.statistic = "Median": is not a statistic. Fix: use one of Average, Maximum, Minimum, Sum, SampleCount',
        `metric.periodInSeconds = 45: must be 10, 20, 30 or a multiple of 60. Fix: ${PERIOD_FIX}`,
        'comparison = "equals": is not a comparison. Fix: use "above", "atOrAbove", "below" or "atOrBelow"',
        'evaluationPeriods = 0: must be a whole number from 1 to 100. Fix: set evaluationPeriods to a whole number from 1 to 100',
      ),
    );
  });
});

describe('validateMetricThresholdAlarm called on its own (props not shape-checked first)', () => {
  function problemsOf(props: Partial<Record<keyof MetricThresholdAlarmProps, unknown>>) {
    return validateMetricThresholdAlarm(new Validator('check'), {
      ...BASE,
      ...props,
    } as MetricThresholdAlarmProps)
      .list()
      .map((p) => `${p.field}: ${p.problem}`);
  }

  it.each<[string, Partial<Record<keyof MetricThresholdAlarmProps, unknown>>, string]>([
    ['a name given as a list', { alarmName: ['drift'] }, 'alarmName: must be 1-255 printable characters'],
    ['a description given as a list', { description: ['Drift'] }, 'description: must be 1-1,024 characters'],
    [
      'a namespace given as a list',
      { metric: { ...METRIC, namespace: ['MLNews'] } },
      'metric.namespace: must be 1-255 printable characters without ":"',
    ],
    [
      'a metric name given as a list',
      { metric: { ...METRIC, metricName: ['DriftScore'] } },
      'metric.metricName: must be 1-255 printable characters',
    ],
    [
      'a period given as a string',
      { metric: { ...METRIC, periodInSeconds: '60' } },
      'metric.periodInSeconds: must be 10, 20, 30 or a multiple of 60',
    ],
    ['a threshold given as a string', { threshold: '1' }, 'threshold: must be a finite number'],
    ['a topic ARN given as a number', { topicArn: 5 }, 'topicArn: is required'],
  ])('refuses %s', (_label, props, problem) => {
    expect(problemsOf(props)).toContain(problem);
  });

  it('finds nothing wrong with valid props', () => {
    expect(problemsOf({})).toEqual([]);
  });
});

describe('MetricThresholdAlarm accepts values at the limits and synthesizes them as given', () => {
  it.each<ThresholdStatistic>(['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'])(
    'the statistic %s',
    (statistic) => {
      expect(alarmOf(metric({ statistic }))).toEqual({ ...BASE_ALARM, statistic });
    },
  );

  it.each<[string, Partial<MetricThresholdAlarmProps>, Block]>([
    ['a name with spaces', { alarmName: 'drift high ~' }, { alarm_name: 'drift high ~' }],
    ['a 255-character name', { alarmName: 'n'.repeat(255) }, { alarm_name: 'n'.repeat(255) }],
    ['a one-character description', { description: 'x' }, { alarm_description: 'x' }],
    [
      'a 1,024-character description',
      { description: 'd'.repeat(1024) },
      { alarm_description: 'd'.repeat(1024) },
    ],
    ['a 255-character namespace', metric({ namespace: 'N'.repeat(255) }), { namespace: 'N'.repeat(255) }],
    [
      'a 255-character metric name',
      metric({ metricName: 'M'.repeat(255) }),
      { metric_name: 'M'.repeat(255) },
    ],
    [
      'a one-character dimension name',
      metric({ dimensions: { M: 'ranker' } }),
      { dimensions: { M: 'ranker' } },
    ],
    [
      'a 255-character dimension name',
      metric({ dimensions: { ['k'.repeat(255)]: 'ranker' } }),
      { dimensions: { ['k'.repeat(255)]: 'ranker' } },
    ],
    [
      'a 1,024-character dimension value',
      metric({ dimensions: { Model: 'v'.repeat(1024) } }),
      { dimensions: { Model: 'v'.repeat(1024) } },
    ],
    ['a 10-second period', metric({ periodInSeconds: 10 }), { period: 10 }],
    ['a 20-second period', metric({ periodInSeconds: 20 }), { period: 20 }],
    ['a 30-second period', metric({ periodInSeconds: 30 }), { period: 30 }],
    ['a 60-second period', metric({ periodInSeconds: 60 }), { period: 60 }],
    ['a 120-second period', metric({ periodInSeconds: 120 }), { period: 120 }],
    ['a threshold of 0', { threshold: 0 }, { threshold: 0 }],
    [
      'a comparison at or below',
      { comparison: 'atOrBelow' },
      { comparison_operator: 'LessThanOrEqualToThreshold' },
    ],
    [
      '100 evaluation periods with the default datapoints',
      { evaluationPeriods: 100 },
      { evaluation_periods: 100, datapoints_to_alarm: 100 },
    ],
    [
      '1 datapoint of 5 periods',
      { evaluationPeriods: 5, datapointsToAlarm: 1 },
      { evaluation_periods: 5, datapoints_to_alarm: 1 },
    ],
    ['missing data as missing', { treatMissingData: 'missing' }, { treat_missing_data: 'missing' }],
    ['missing data ignored', { treatMissingData: 'ignore' }, { treat_missing_data: 'ignore' }],
  ])('%s', (_label, props, changed) => {
    expect(alarmOf(props)).toEqual({ ...BASE_ALARM, ...changed });
  });

  it('passes unresolved dimension values and topic through to Terraform', () => {
    const stack = testStack();
    const model = new TerraformVariable(stack, 'model', { type: 'string' });
    const topic = new TerraformVariable(stack, 'topic', { type: 'string' });
    new MetricThresholdAlarm(stack, 'drift', {
      ...BASE,
      metric: { ...METRIC, dimensions: { Model: model.stringValue } },
      topicArn: topic.stringValue,
    });
    expect(only(synthJson(stack).json, 'aws_cloudwatch_metric_alarm').config).toEqual({
      ...BASE_ALARM,
      dimensions: { Model: '${var.model}' },
      alarm_actions: ['${var.topic}'],
      ok_actions: ['${var.topic}'],
    });
  });
});
