import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HttpApiAlarms, HttpApiAlarmsProps } from '../../../../modules/monitoring/alarms';
import { block, synthJson } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-alarms';

function build(props: Partial<HttpApiAlarmsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new HttpApiAlarms(stack, 'alarms', {
    api: { apiId: 'a1b2c3d4e5' },
    topicArn: TOPIC,
    name: 'mlnews-prod-api',
    ...props,
  });
  return synthJson(stack).json;
}

describe('HttpApiAlarms', () => {
  const json = lazy(() => build());

  it('fires on more than 10 5xx responses in 5 minutes (HTTP API metric "5xx")', () => {
    expect(block(json().resource, 'aws_cloudwatch_metric_alarm', 'alarms_5xx')).toEqual(
      expect.objectContaining({
        alarm_name: 'mlnews-prod-api-5xx',
        namespace: 'AWS/ApiGateway',
        metric_name: '5xx',
        statistic: 'Sum',
        period: 300,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: '$default' },
        comparison_operator: 'GreaterThanThreshold',
        threshold: 10,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      }),
    );
  });

  it('fires on p99 latency above 3 s for 15 minutes', () => {
    expect(block(json().resource, 'aws_cloudwatch_metric_alarm', 'alarms_latency-p99')).toEqual(
      expect.objectContaining({
        metric_name: 'Latency',
        extended_statistic: 'p99',
        threshold: 3000,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
      }),
    );
  });

  it('takes thresholds, periods, a stage and missing-data overrides', () => {
    const custom = build({
      api: { apiId: 'a1b2c3d4e5', stageName: 'prod' },
      thresholds: {
        serverErrorCount: 0,
        serverErrorEvaluationPeriods: 2,
        latencyP99Millis: 1000,
        latencyEvaluationPeriods: 1,
        periodInSeconds: 60,
      },
      treatMissingData: { latency: 'missing' },
    });
    expect(block(custom.resource, 'aws_cloudwatch_metric_alarm', 'alarms_5xx')).toEqual(
      expect.objectContaining({
        threshold: 0,
        evaluation_periods: 2,
        period: 60,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: 'prod' },
      }),
    );
    expect(block(custom.resource, 'aws_cloudwatch_metric_alarm', 'alarms_latency-p99')).toEqual(
      expect.objectContaining({ threshold: 1000, evaluation_periods: 1, treat_missing_data: 'missing' }),
    );
  });

  it.each<[string, Partial<HttpApiAlarmsProps>, string]>([
    ['name', { name: undefined as unknown as string }, 'is required'],
    [
      'thresholds.serverErrorCount',
      { thresholds: { serverErrorCount: -1 } },
      'above -1, which it always is: the alarm would never clear',
    ],
    [
      'thresholds.latencyP99Millis',
      { thresholds: { latencyP99Millis: 30001 } },
      'is above 30000, more than this alarm can usefully watch',
    ],
    [
      'thresholds.latencyP99Millis',
      { thresholds: { latencyP99Millis: 0.5 } },
      'is below 1, which the metric never',
    ],
    ['thresholds.latencyEvaluationPeriods', { thresholds: { latencyEvaluationPeriods: 0 } }, 'from 1 to 100'],
    ['topicArn', { topicArn: 'arn:aws:sqs:us-east-1:111122223333:q' }, 'is not an SNS topic ARN'],
  ])('refuses %s', (field, props, problem) => {
    expect(() => build(props)).toThrow(
      new RegExp(`Invalid input for test/alarms[^]*  - ${field} = .*${problem}.*Fix: `),
    );
  });

  it('accepts the boundaries', () => {
    expect(() =>
      build({
        thresholds: { latencyP99Millis: 30000, serverErrorEvaluationPeriods: 100, serverErrorCount: 0 },
      }),
    ).not.toThrow();
    expect(() => build({ thresholds: { latencyP99Millis: 1 } })).not.toThrow();
  });
});
