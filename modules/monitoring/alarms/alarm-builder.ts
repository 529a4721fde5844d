import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import type { TreatMissingData } from '../monitoring';

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

const TOPIC_ARN_RE = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
/** Alarm-name prefixes, as `AlbAlarms` takes them. */
const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const TREAT_MISSING: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

/** Problems shared by the serverless alarm sets: the topic, the name prefix, the period and overrides. */
export function validateAlarmSetCommon(
  v: Validator,
  props: {
    readonly alarmTopicArn: string;
    readonly name?: string;
    readonly periodInSeconds?: number;
    readonly treatMissingData?: Readonly<Record<string, TreatMissingData | undefined>>;
  },
): void {
  v.checkOptional(
    props.alarmTopicArn,
    (a) => TOPIC_ARN_RE.test(a),
    'alarmTopicArn',
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
      value === undefined || TREAT_MISSING.includes(value),
      `treatMissingData.${kind}`,
      value,
      'is not a treat-missing-data value',
      `use one of ${TREAT_MISSING.join(', ')}`,
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
