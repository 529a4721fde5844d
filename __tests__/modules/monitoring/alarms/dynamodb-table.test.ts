import {
  DynamoDbAlarmKind,
  DynamoDbTableAlarms,
  DynamoDbTableAlarmsProps,
  TreatMissingData,
} from '../../../../modules/monitoring';
import { Block, errorOf, invalidMessage, resources, synthJson, testStack } from '../../../support/synth-json';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-alarms';

function build(props: Partial<DynamoDbTableAlarmsProps> = {}) {
  const stack = testStack();
  const alarms = new DynamoDbTableAlarms(stack, 'alarms', {
    table: { tableName: 'feedback' },
    topicArn: TOPIC,
    ...props,
  });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, byName };
}

const sumQuery = (i: number, metric: string, dimensions: Record<string, string>): Block => ({
  id: `m${i}`,
  return_data: false,
  metric: { namespace: 'AWS/DynamoDB', metric_name: metric, stat: 'Sum', period: 900, dimensions },
});

describe('DynamoDbTableAlarms', () => {
  it.each<[string, Block]>([
    [
      'feedback-throttles',
      {
        alarm_name: 'feedback-throttles',
        alarm_description: 'Requests to the table were throttled.',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 3,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
        metric_query: [
          sumQuery(0, 'ReadThrottleEvents', { TableName: 'feedback' }),
          sumQuery(1, 'WriteThrottleEvents', { TableName: 'feedback' }),
          {
            id: 'throttles',
            label: 'Read and write throttle events',
            expression: 'SUM(FILL(METRICS(), 0))',
            return_data: true,
          },
        ],
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ],
    [
      'feedback-system-errors',
      {
        alarm_name: 'feedback-system-errors',
        alarm_description: 'DynamoDB returned internal server errors (HTTP 500) for the table.',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 2,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
        metric_query: [
          sumQuery(0, 'SystemErrors', { TableName: 'feedback', Operation: 'GetItem' }),
          sumQuery(1, 'SystemErrors', { TableName: 'feedback', Operation: 'Query' }),
          {
            id: 'system_errors',
            label: 'System errors',
            expression: 'SUM(FILL(METRICS(), 0))',
            return_data: true,
          },
        ],
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ],
  ])('synthesizes %s exactly', (name, expected) => {
    const { byName } = build({
      systemErrorOperations: ['GetItem', 'Query'],
      thresholds: { throttleEvents: 3, systemErrors: 2, periodInSeconds: 900, evaluationPeriods: 2 },
    });
    expect(Object.keys(byName).sort()).toEqual(['feedback-system-errors', 'feedback-throttles']);
    expect(byName[name]).toEqual(expected);
  });

  it('exposes each alarm under its kind', () => {
    const { alarms } = build();
    expect(Object.entries(alarms.alarms).map(([kind, alarm]) => [kind, alarm.node.id])).toEqual([
      ['throttles', 'throttles'],
      ['systemErrors', 'system-errors'],
    ]);
  });

  it.each<[DynamoDbAlarmKind, TreatMissingData, Record<string, TreatMissingData>]>([
    [
      'throttles',
      'breaching',
      { 'feedback-throttles': 'breaching', 'feedback-system-errors': 'notBreaching' },
    ],
    [
      'systemErrors',
      'missing',
      { 'feedback-throttles': 'notBreaching', 'feedback-system-errors': 'missing' },
    ],
  ])('overrides missing data of the %s alarm only (%s)', (kind, value, expected) => {
    const { byName } = build({ treatMissingData: { [kind]: value } });
    expect(
      Object.fromEntries(Object.values(byName).map((b) => [b.alarm_name, b.treat_missing_data])),
    ).toEqual(expected);
  });

  it.each<[string, Partial<DynamoDbTableAlarmsProps>, string]>([
    [
      'no table',
      { table: undefined as unknown as { tableName: string } },
      'table = undefined: is required. Fix: pass table, an object',
    ],
    [
      'zero evaluation periods',
      { thresholds: { evaluationPeriods: 0 } },
      'thresholds.evaluationPeriods = 0: must be a whole number from 1 to 100. ' +
        'Fix: set thresholds.evaluationPeriods to a whole number from 1 to 100',
    ],
    [
      'no operations',
      { systemErrorOperations: [] },
      "systemErrorOperations = []: must list 1-9 operations (an alarm's metric math may use 10 metrics). " +
        'Fix: list the operations the application calls',
    ],
    [
      'an operation with text before the name',
      { systemErrorOperations: ['GetItem', 'get-Item'] },
      'systemErrorOperations = ["get-Item"]: has entries that are not operation names. Fix: use e.g. "GetItem"',
    ],
    [
      'an operation with text after the name',
      { systemErrorOperations: ['GetItem-x'] },
      'systemErrorOperations = ["GetItem-x"]: has entries that are not operation names. Fix: use e.g. "GetItem"',
    ],
    [
      'a system-error threshold of 0',
      { thresholds: { systemErrors: 0 } },
      'thresholds.systemErrors = 0: the alarm fires when the count is at or above 0, which it always is: ' +
        'the alarm would never clear. Fix: set thresholds.systemErrors to a count above 0 up to 1000000000, e.g. 1',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});
