import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import type { TreatMissingData } from '../treat-missing-data';
import { AlarmSpec, createAlarms, definedOnly, validateAlarmSetCommon } from './alarm-builder';
import { COUNT_SCALE, checkAlarmThreshold, addThresholdPlanChecks, ThresholdRule } from './thresholds';

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

/** Thresholds of {@link DynamoDbTableAlarms}; every field has a default. */
export interface DynamoDbAlarmThresholds {
  /** Throttle events (reads + writes) per period at or above which the alarm fires. @default 1 */
  readonly throttleEvents?: number;
  /** System errors (HTTP 500 from DynamoDB) per period at or above which the alarm fires. @default 1 */
  readonly systemErrors?: number;
  /** Metric period (60, 300, 900 or 3600 s). @default 300 */
  readonly periodInSeconds?: number;
  /** Periods evaluated; all must breach (1-100). @default 1 */
  readonly evaluationPeriods?: number;
}

/** The defaults of {@link DynamoDbAlarmThresholds}. */
export const DEFAULT_DYNAMODB_ALARM_THRESHOLDS: Required<DynamoDbAlarmThresholds> = {
  throttleEvents: 1,
  systemErrors: 1,
  periodInSeconds: 300,
  evaluationPeriods: 1,
};

/** Props of {@link DynamoDbTableAlarms}. */
export interface DynamoDbTableAlarmsProps {
  /** Prefix of the alarm names (`<name>-throttles`, `<name>-system-errors`). @default - the table name */
  readonly name?: string;
  /** The table (a `Table` fits). */
  readonly table: { readonly tableName: string };
  /** SNS topic every alarm notifies on ALARM and on OK. */
  readonly topicArn: string;
  /** @default DEFAULT_DYNAMODB_ALARM_THRESHOLDS */
  readonly thresholds?: DynamoDbAlarmThresholds;
  /** Operations whose system errors are summed (1-9). @default DEFAULT_SYSTEM_ERROR_OPERATIONS */
  readonly systemErrorOperations?: readonly string[];
  /** Per-alarm override of how periods without data count. @default notBreaching */
  readonly treatMissingData?: Partial<Record<DynamoDbAlarmKind, TreatMissingData>>;
}

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const DYNAMODB_THRESHOLD_RULES: Readonly<Record<'throttleEvents' | 'systemErrors', ThresholdRule>> = {
  throttleEvents: { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, limit: 1e9, example: 1 },
  systemErrors: { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, limit: 1e9, example: 1 },
};

/**
 * Alarms for one DynamoDB table. Both are metric math sums (`SUM(FILL(METRICS(), 0))`), so a
 * metric without data counts as 0 instead of hiding the others.
 *
 * | Alarm (`<name>-...`) | Metrics                                                | Period, datapoints | Fires when | Missing data |
 * | -------------------- | ------------------------------------------------------ | ------------------ | ---------- | ------------ |
 * | `throttles`          | ReadThrottleEvents + WriteThrottleEvents (table), Sum  | 5 min, 1 of 1      | >= 1       | notBreaching: published only when something happens |
 * | `system-errors`      | SystemErrors by operation (9 operations), Sum          | 5 min, 1 of 1      | >= 1       | notBreaching |
 *
 * On-demand tables throttle too (above twice their previous peak, or above `maxReadRequestUnits`).
 */
export class DynamoDbTableAlarms extends Construct {
  public readonly alarms: Readonly<Record<DynamoDbAlarmKind, CloudwatchMetricAlarm>>;
  /** The thresholds in effect (defaults merged). */
  public readonly thresholds: Required<DynamoDbAlarmThresholds>;

  constructor(scope: Construct, id: string, props: DynamoDbTableAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      table: 'object',
      'table.tableName': 'string',
      topicArn: 'string',
      'systemErrorOperations?': 'list',
      'thresholds?': 'object',
    });
    const given = props.thresholds;
    const v = new Validator(this);
    validateAlarmSetCommon(v, { ...props, periodInSeconds: given?.periodInSeconds });
    v.checkIntRange(given?.evaluationPeriods, 1, 100, 'thresholds.evaluationPeriods');
    for (const [key, rule] of Object.entries(DYNAMODB_THRESHOLD_RULES)) {
      checkAlarmThreshold(v, `thresholds.${key}`, given?.[key as keyof DynamoDbAlarmThresholds], rule);
    }
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
    const t: Required<DynamoDbAlarmThresholds> = {
      ...DEFAULT_DYNAMODB_ALARM_THRESHOLDS,
      ...definedOnly(given),
    };
    this.thresholds = t;

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
          period: t.periodInSeconds,
          dimensions: m.dimensions,
        },
      })),
      { id, label, expression: 'SUM(FILL(METRICS(), 0))', returnData: true },
    ];
    const base = {
      comparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
      evaluationPeriods: t.evaluationPeriods,
      datapointsToAlarm: t.evaluationPeriods,
    };
    const specs: AlarmSpec[] = [
      {
        ...base,
        suffix: 'throttles',
        description: 'Requests to the table were throttled.',
        threshold: t.throttleEvents,
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
        threshold: t.systemErrors,
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
    const created = createAlarms(this, props.name ?? tableName, props.topicArn, specs);
    this.alarms = { throttles: created.throttles, systemErrors: created['system-errors'] };
    addThresholdPlanChecks(created.throttles, t, DYNAMODB_THRESHOLD_RULES);
  }
}
