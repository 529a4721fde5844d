import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import type { TreatMissingData } from '../monitoring';
import { AlarmSpec, createAlarms, validateAlarmSetCommon } from './alarm-builder';

/** The alarms {@link DynamoDbTableAlarms} creates. */
export type DynamoDbAlarmKind = 'throttles' | 'systemErrors';

/** DynamoDB operations whose `SystemErrors` are watched by default. */
export const DEFAULT_SYSTEM_ERROR_OPERATIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
] as const;

/** CloudWatch's limit on metrics in one alarm's metric math. */
const MAX_ALARM_METRICS = 10;

/** Props of {@link DynamoDbTableAlarms}. */
export interface DynamoDbTableAlarmsProps {
  /** The table (a `Table` fits). */
  readonly table: { readonly tableName: string };
  /** SNS topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Alarm names are `<prefix>-throttles`, `<prefix>-system-errors`. @default - the table name */
  readonly alarmNamePrefix?: string;
  /** Throttle events (reads + writes) per period at or above which the alarm fires. @default 1 */
  readonly throttlesThreshold?: number;
  /** System errors (HTTP 500 from DynamoDB) per period at or above which the alarm fires. @default 1 */
  readonly systemErrorsThreshold?: number;
  /** Operations whose system errors are summed (at most 9). @default DEFAULT_SYSTEM_ERROR_OPERATIONS */
  readonly systemErrorOperations?: readonly string[];
  /** Metric period. @default 300 */
  readonly periodInSeconds?: number;
  /** Periods evaluated (all must breach). @default 1 */
  readonly evaluationPeriods?: number;
  /** Per-alarm override of missing-data handling. @default notBreaching */
  readonly treatMissingData?: Partial<Record<DynamoDbAlarmKind, TreatMissingData>>;
}

/**
 * Alarms for one DynamoDB table. Both are metric math sums (`SUM(FILL(METRICS(), 0))`), so a
 * metric without data counts as 0 instead of hiding the others.
 *
 * | Alarm (`<prefix>-...`) | Metrics                                                     | Fires when (per 5 min) | Missing data |
 * | ---------------------- | ----------------------------------------------------------- | ---------------------- | ------------ |
 * | `throttles`            | ReadThrottleEvents + WriteThrottleEvents (table), Sum       | >= 1                   | notBreaching |
 * | `system-errors`        | SystemErrors by operation (9 operations), Sum               | >= 1                   | notBreaching |
 *
 * On-demand tables throttle too (above twice their previous peak, or above `maxReadRequestUnits`).
 */
export class DynamoDbTableAlarms extends Construct {
  public readonly alarms: Readonly<Record<DynamoDbAlarmKind, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: DynamoDbTableAlarmsProps) {
    super(scope, id);
    const v = new Validator(this);
    validateAlarmSetCommon(v, props);
    v.checkRange(props.throttlesThreshold, 1, 1e9, 'throttlesThreshold');
    v.checkRange(props.systemErrorsThreshold, 1, 1e9, 'systemErrorsThreshold');
    const ops = props.systemErrorOperations ?? DEFAULT_SYSTEM_ERROR_OPERATIONS;
    v.check(
      ops.length >= 1 && ops.length <= MAX_ALARM_METRICS - 1,
      'systemErrorOperations',
      ops,
      `must list 1-${MAX_ALARM_METRICS - 1} operations (an alarm's metric math may use ${MAX_ALARM_METRICS} metrics)`,
      'list the operations the application calls',
    );
    const badOps = ops.filter((o) => !/^[A-Z][A-Za-z]+$/.test(o));
    v.check(
      badOps.length === 0,
      'systemErrorOperations',
      badOps,
      'has entries that are not operation names',
      'use e.g. "GetItem"',
    );
    v.throwIfInvalid();

    const period = props.periodInSeconds ?? 300;
    const evaluation = props.evaluationPeriods ?? 1;
    const tableName = props.table.tableName;
    const missing = (kind: DynamoDbAlarmKind) => props.treatMissingData?.[kind] ?? 'notBreaching';
    const sum = (
      id: string,
      label: string,
      metrics: { metricName: string; dimensions: Record<string, string> }[],
    ) => [
      ...metrics.map((m, i): CloudwatchMetricAlarmMetricQuery => ({
        id: `m${i}`,
        returnData: false,
        metric: {
          namespace: 'AWS/DynamoDB',
          metricName: m.metricName,
          stat: 'Sum',
          period,
          dimensions: m.dimensions,
        },
      })),
      { id, label, expression: 'SUM(FILL(METRICS(), 0))', returnData: true },
    ];
    const base = {
      comparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
      evaluationPeriods: evaluation,
      datapointsToAlarm: evaluation,
    };
    const specs: AlarmSpec[] = [
      {
        ...base,
        suffix: 'throttles',
        description: 'Requests to the table were throttled.',
        threshold: props.throttlesThreshold ?? 1,
        treatMissingData: missing('throttles'),
        metricQuery: sum('throttles', 'Read and write throttle events', [
          { metricName: 'ReadThrottleEvents', dimensions: { TableName: tableName } },
          { metricName: 'WriteThrottleEvents', dimensions: { TableName: tableName } },
        ]),
      },
      {
        ...base,
        suffix: 'system-errors',
        description: 'DynamoDB returned internal server errors (HTTP 500) for the table.',
        threshold: props.systemErrorsThreshold ?? 1,
        treatMissingData: missing('systemErrors'),
        metricQuery: sum(
          'system_errors',
          'System errors',
          ops.map((operation) => ({
            metricName: 'SystemErrors',
            dimensions: { TableName: tableName, Operation: operation },
          })),
        ),
      },
    ];
    const created = createAlarms(this, props.alarmNamePrefix ?? tableName, props.topicArn, specs);
    this.alarms = { throttles: created.throttles, systemErrors: created['system-errors'] };
  }
}
