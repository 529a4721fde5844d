import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamoDbTableAlarms, DynamoDbTableAlarmsProps } from '../../../../modules/monitoring/alarms';
import { block, synthJson } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-alarms';

function build(props: Partial<DynamoDbTableAlarmsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new DynamoDbTableAlarms(stack, 'alarms', {
    table: { tableName: 'feedback' },
    topicArn: TOPIC,
    ...props,
  });
  return synthJson(stack).json;
}

describe('DynamoDbTableAlarms', () => {
  const json = lazy(() => build());

  it('sums read and write throttle events of the table (missing data as 0)', () => {
    const alarm = block(json().resource, 'aws_cloudwatch_metric_alarm', 'alarms_throttles');
    expect(alarm).toEqual(
      expect.objectContaining({
        alarm_name: 'feedback-throttles',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluation_periods: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      }),
    );
    expect(alarm.metric_query).toEqual([
      {
        id: 'm0',
        return_data: false,
        metric: {
          namespace: 'AWS/DynamoDB',
          metric_name: 'ReadThrottleEvents',
          stat: 'Sum',
          period: 300,
          dimensions: { TableName: 'feedback' },
        },
      },
      {
        id: 'm1',
        return_data: false,
        metric: {
          namespace: 'AWS/DynamoDB',
          metric_name: 'WriteThrottleEvents',
          stat: 'Sum',
          period: 300,
          dimensions: { TableName: 'feedback' },
        },
      },
      {
        id: 'throttles',
        label: 'Read and write throttle events',
        expression: 'SUM(FILL(METRICS(), 0))',
        return_data: true,
      },
    ]);
    expect(alarm.metric_name).toBeUndefined();
  });

  it('sums system errors over nine operations (ten metrics: the alarm limit)', () => {
    const alarm = block(json().resource, 'aws_cloudwatch_metric_alarm', 'alarms_system-errors');
    const queries = alarm.metric_query as { metric?: { dimensions: Record<string, string> } }[];
    expect(queries).toHaveLength(10);
    expect(queries.slice(0, 9).map((q) => q.metric?.dimensions.Operation)).toEqual([
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'Query',
      'Scan',
      'BatchGetItem',
      'BatchWriteItem',
      'TransactWriteItems',
    ]);
  });

  it('takes operations, thresholds and a prefix', () => {
    const custom = build({
      systemErrorOperations: ['GetItem'],
      thresholds: { systemErrors: 5, throttleEvents: 10, evaluationPeriods: 2 },
      name: 'mlnews-feedback',
    });
    const alarm = block(custom.resource, 'aws_cloudwatch_metric_alarm', 'alarms_system-errors');
    expect(alarm).toEqual(
      expect.objectContaining({
        alarm_name: 'mlnews-feedback-system-errors',
        threshold: 5,
        evaluation_periods: 2,
      }),
    );
    expect((alarm.metric_query as unknown[]).length).toBe(2);
    expect(block(custom.resource, 'aws_cloudwatch_metric_alarm', 'alarms_throttles').threshold).toBe(10);
  });

  it.each<[string, Partial<DynamoDbTableAlarmsProps>, string]>([
    ['systemErrorOperations', { systemErrorOperations: [] }, 'must list 1-9 operations'],
    [
      'systemErrorOperations',
      { systemErrorOperations: Array.from({ length: 10 }, (_, i) => `Op${String.fromCharCode(65 + i)}`) },
      'must list 1-9 operations',
    ],
    ['systemErrorOperations', { systemErrorOperations: ['get-item'] }, 'not operation names'],
    [
      'thresholds.throttleEvents',
      { thresholds: { throttleEvents: 0 } },
      'which it always is: the alarm would never clear',
    ],
    ['thresholds.systemErrors', { thresholds: { systemErrors: 1e10 } }, 'is above 1000000000'],
    ['thresholds.periodInSeconds', { thresholds: { periodInSeconds: 30 } }, 'must be 60, 300, 900 or 3600'],
  ])('refuses %s', (field, props, problem) => {
    expect(() => build(props)).toThrow(
      new RegExp(`Invalid input for test/alarms[^]*  - ${field} = .*${problem}.*Fix: `),
    );
  });

  it('accepts the boundaries of the thresholds', () => {
    expect(() => build({ thresholds: { throttleEvents: 0.5, systemErrors: 1e9 } })).not.toThrow();
  });
});
