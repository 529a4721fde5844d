import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import { isSnsTopicArn } from '../../core/aws-rules';
import { TREAT_MISSING_DATA, TreatMissingData } from '../treat-missing-data';
import { ThresholdRule, checkAlarmThreshold } from './thresholds';

/** One single-metric alarm, as the service alarm builders describe it. */
export interface MetricAlarmSpec {
  /** Full alarm name. */
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
  readonly periodSeconds: number;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly comparisonOperator:
    | 'GreaterThanThreshold'
    | 'GreaterThanOrEqualToThreshold'
    | 'LessThanThreshold'
    | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/** Creates the alarm, notifying `topicArn` on ALARM and on OK. */
export function createMetricAlarm(
  scope: Construct,
  id: string,
  spec: MetricAlarmSpec,
  topicArn: string,
): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.alarmName,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    statistic: spec.statistic,
    period: spec.periodSeconds,
    dimensions: { ...spec.dimensions },
    comparisonOperator: spec.comparisonOperator,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
}

/** Records a problem when `topicArn` is a literal that is not an SNS topic ARN. */
export function checkTopicArn(v: Validator, topicArn: string): void {
  v.check(
    typeof topicArn === 'string' && topicArn !== '',
    'topicArn',
    topicArn,
    'is required',
    'pass the alarm topic ARN, e.g. AlarmTopic.topicArn',
  );
  v.checkOptional(
    topicArn,
    isSnsTopicArn,
    'topicArn',
    'is not an SNS topic ARN',
    'pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
  );
}

/**
 * Records a problem for each threshold that is not one of `rules`, and for each one its rule
 * refuses (see {@link checkAlarmThreshold}: never fires, never clears, beyond the limit).
 */
export function checkThresholds(
  v: Validator,
  thresholds: unknown,
  rules: Readonly<Record<string, ThresholdRule>>,
): void {
  if (thresholds === undefined) return;
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    v.add('thresholds', thresholds, 'must be an object', `pass e.g. { ${Object.keys(rules)[0]}: <number> }`);
    return;
  }
  for (const [key, value] of Object.entries(thresholds)) {
    const rule = rules[key];
    if (rule === undefined) {
      v.add(
        `thresholds.${key}`,
        value,
        'is not a threshold of these alarms',
        `use one of ${Object.keys(rules).join(', ')}`,
      );
      continue;
    }
    checkAlarmThreshold(v, `thresholds.${key}`, value, rule);
  }
}

// Builders for alarms on percentiles and metric math (Lambda, HTTP API, DynamoDB alarm sets).

/** One alarm of a service alarm set, before it is bound to a topic. */
export interface AlarmSpec {
  /** Suffix of the alarm name (`<prefix>-<suffix>`) and construct id. */
  readonly suffix: string;
  readonly description: string;
  readonly comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** A single metric ... */
  readonly metric?: {
    readonly namespace: string;
    readonly metricName: string;
    /** `Sum`, `Maximum`, ... or a percentile such as `p99` (an extended statistic). */
    readonly statistic: string;
    readonly periodInSeconds: number;
    readonly dimensions: Readonly<Record<string, string>>;
  };
  /** ... or metric math (the query with `returnData: true` is alarmed on). */
  readonly metricQuery?: CloudwatchMetricAlarmMetricQuery[];
}

/** Alarm-name prefixes, as `AlbAlarms` takes them. */
const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;

/** Problems shared by the serverless alarm sets: the topic, the name prefix, the period and overrides. */
export function validateAlarmSetCommon(
  v: Validator,
  props: {
    readonly topicArn: string;
    readonly name?: string;
    readonly periodInSeconds?: number;
    readonly treatMissingData?: Readonly<Record<string, TreatMissingData | undefined>>;
  },
): void {
  v.checkOptional(
    props.topicArn,
    isSnsTopicArn,
    'topicArn',
    'is not an SNS topic ARN',
    'pass AlarmTopic.topicArn or "arn:aws:sns:<region>:<account>:<topic>"',
  );
  v.checkOptional(
    props.name,
    (p) => NAME_RE.test(p),
    'name',
    'must be 1-200 letters, digits, "-" or "_"',
    'use e.g. "mlnews-prod-inference"',
  );
  v.check(
    props.periodInSeconds === undefined || [60, 300, 900, 3600].includes(props.periodInSeconds),
    'thresholds.periodInSeconds',
    props.periodInSeconds,
    'must be 60, 300, 900 or 3600 (AWS service metrics are published per minute)',
    'use 300 (5 minutes)',
  );
  for (const [kind, value] of Object.entries(props.treatMissingData ?? {})) {
    v.check(
      value === undefined || TREAT_MISSING_DATA.includes(value),
      `treatMissingData.${kind}`,
      value,
      'is not a treat-missing-data value',
      `use one of ${TREAT_MISSING_DATA.join(', ')}`,
    );
  }
}

/** Creates the alarms of `specs`, each notifying `topicArn` on ALARM and on OK. */
export function createAlarms(
  scope: Construct,
  prefix: string,
  topicArn: string,
  specs: readonly AlarmSpec[],
): Record<string, CloudwatchMetricAlarm> {
  const alarms: Record<string, CloudwatchMetricAlarm> = {};
  for (const spec of specs) {
    const m = spec.metric;
    const percentile = m !== undefined && /^p\d+(\.\d+)?$/.test(m.statistic);
    alarms[spec.suffix] = new CloudwatchMetricAlarm(scope, spec.suffix, {
      alarmName: `${prefix}-${spec.suffix}`,
      alarmDescription: spec.description,
      comparisonOperator: spec.comparisonOperator,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData,
      namespace: m?.namespace,
      metricName: m?.metricName,
      statistic: m && !percentile ? m.statistic : undefined,
      extendedStatistic: m && percentile ? m.statistic : undefined,
      period: m?.periodInSeconds,
      dimensions: m ? { ...m.dimensions } : undefined,
      metricQuery: spec.metricQuery,
      alarmActions: [topicArn],
      okActions: [topicArn],
    });
  }
  return alarms;
}

/** The fields of `value` that are set (so `undefined` never overrides a default). */
export function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
