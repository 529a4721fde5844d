import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  MetricThresholdAlarm,
  MetricThresholdAlarmProps,
  ThresholdComparison,
} from '../../../../modules/monitoring/alarms';
import { ValidationError, ValidationProblem } from '../../../../modules/core/validation';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-prod-alarms';
const BASE: MetricThresholdAlarmProps = {
  alarmName: 'mlnews-prod-model-accuracy-low',
  description: 'Hourly model accuracy below 0.75: evaluate and retrain.',
  metric: {
    namespace: 'MLNews',
    metricName: 'ModelAccuracy',
    dimensions: { Environment: 'prod' },
    statistic: 'Average',
    periodInSeconds: 3600,
  },
  comparison: 'below',
  threshold: 0.75,
  treatMissingData: 'notBreaching',
  topicArn: TOPIC,
};

function build(props: Partial<MetricThresholdAlarmProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const alarm = new MetricThresholdAlarm(stack, 'accuracy', { ...BASE, ...props });
  const json = JSON.parse(Testing.synth(stack));
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm) as Record<string, unknown>[];
  return { alarm, alarms };
}

function problemsOf(props: Partial<MetricThresholdAlarmProps>): readonly ValidationProblem[] {
  try {
    build(props);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('MetricThresholdAlarm', () => {
  const built = lazy(() => build());

  it('creates one alarm on the metric, notifying the topic on ALARM and on OK', () => {
    expect(built().alarms).toEqual([
      {
        alarm_name: 'mlnews-prod-model-accuracy-low',
        alarm_description: 'Hourly model accuracy below 0.75: evaluate and retrain.',
        namespace: 'MLNews',
        metric_name: 'ModelAccuracy',
        dimensions: { Environment: 'prod' },
        statistic: 'Average',
        period: 3600,
        comparison_operator: 'LessThanThreshold',
        threshold: 0.75,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ]);
    expect(built().alarm.alarmName).toBe('mlnews-prod-model-accuracy-low');
  });

  it.each<[ThresholdComparison, string]>([
    ['above', 'GreaterThanThreshold'],
    ['atOrAbove', 'GreaterThanOrEqualToThreshold'],
    ['below', 'LessThanThreshold'],
    ['atOrBelow', 'LessThanOrEqualToThreshold'],
  ])('maps %s to %s', (comparison, operator) => {
    expect(build({ comparison }).alarms[0].comparison_operator).toBe(operator);
  });

  it('takes evaluation periods, datapoints, the statistic and no dimensions', () => {
    const [a] = build({
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      metric: { namespace: 'App', metricName: 'Heartbeat', statistic: 'SampleCount', periodInSeconds: 60 },
      treatMissingData: 'breaching',
    }).alarms;
    expect(a).toMatchObject({
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      statistic: 'SampleCount',
      period: 60,
      dimensions: {},
      treat_missing_data: 'breaching',
    });
  });

  it('defaults the datapoints to the evaluation periods', () => {
    expect(build({ evaluationPeriods: 4 }).alarms[0]).toMatchObject({
      evaluation_periods: 4,
      datapoints_to_alarm: 4,
    });
  });
});

describe('MetricThresholdAlarm validation', () => {
  const metric = BASE.metric;
  it.each<[string, Partial<MetricThresholdAlarmProps>, string, unknown, RegExp, RegExp]>([
    ['an empty name', { alarmName: '' }, 'alarmName', '', /1-255 printable/, /model-accuracy-low/],
    [
      'a 256-character name',
      { alarmName: 'a'.repeat(256) },
      'alarmName',
      'a'.repeat(256),
      /1-255 printable/,
      /model-accuracy-low/,
    ],
    ['an empty description', { description: '' }, 'description', '', /1-1,024/, /what firing means/],
    [
      'a namespace with ":"',
      { metric: { ...metric, namespace: 'ML:News' } },
      'metric.namespace',
      'ML:News',
      /without ":"/,
      /"MLNews"/,
    ],
    [
      'an empty metric name',
      { metric: { ...metric, metricName: '' } },
      'metric.metricName',
      '',
      /1-255 printable/,
      /"ModelAccuracy"/,
    ],
    [
      '31 dimensions',
      {
        metric: {
          ...metric,
          dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'x'])),
        },
      },
      'metric.dimensions',
      Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'x'])),
      /has 31 dimensions; CloudWatch allows 30/,
      /one or two/,
    ],
    [
      'an empty dimension value',
      { metric: { ...metric, dimensions: { Environment: '' } } },
      'metric.dimensions["Environment"]',
      '',
      /not a dimension value/,
      /publisher sends/,
    ],
    [
      'a percentile',
      { metric: { ...metric, statistic: 'p99' as 'Average' } },
      'metric.statistic',
      'p99',
      /not a statistic/,
      /Average, Maximum/,
    ],
    [
      'a 90-second period',
      { metric: { ...metric, periodInSeconds: 90 } },
      'metric.periodInSeconds',
      90,
      /multiple of 60/,
      /300/,
    ],
    [
      'an unknown comparison',
      { comparison: 'under' as 'below' },
      'comparison',
      'under',
      /not a comparison/,
      /"below"/,
    ],
    ['a NaN threshold', { threshold: Number.NaN }, 'threshold', Number.NaN, /finite number/, /0\.75/],
    ['0 evaluation periods', { evaluationPeriods: 0 }, 'evaluationPeriods', 0, /1 to 100/, /1 to 100/],
    [
      'more datapoints than periods',
      { evaluationPeriods: 2, datapointsToAlarm: 3 },
      'datapointsToAlarm',
      3,
      /1 to 2/,
      /evaluationPeriods \(2\)/,
    ],
    [
      'no missing-data choice',
      { treatMissingData: undefined as unknown as 'missing' },
      'treatMissingData',
      undefined,
      /must be chosen/,
      /notBreaching/,
    ],
    [
      'a topic that is not an ARN',
      { topicArn: 'alarms' },
      'topicArn',
      'alarms',
      /not an SNS topic ARN/,
      /AlarmTopic\.topicArn/,
    ],
  ])('refuses %s', (_label, props, field, value, problem, fix) => {
    const found = problemsOf(props).filter((p) => p.field === field);
    expect(found).toHaveLength(1);
    expect(found[0].value).toEqual(value);
    expect(found[0].problem).toMatch(problem);
    expect(found[0].fix).toMatch(fix);
  });

  it.each<[string, Partial<MetricThresholdAlarmProps>]>([
    ['a 255-character name', { alarmName: 'a'.repeat(255) }],
    [
      '30 dimensions',
      {
        metric: {
          ...metric,
          dimensions: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, 'x'])),
        },
      },
    ],
    ['a 10-second period', { metric: { ...metric, periodInSeconds: 10 } }],
    ['a day-long period', { metric: { ...metric, periodInSeconds: 86400 } }],
    ['100 periods, 100 datapoints', { evaluationPeriods: 100, datapointsToAlarm: 100 }],
    ['a negative threshold', { threshold: -1 }],
  ])('accepts %s', (_label, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
