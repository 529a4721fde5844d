import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import { isSnsTopicArn } from '../../core/aws-rules';
import { TreatMissingData } from '../treat-missing-data';

/** One single-metric alarm, as the service alarm builders describe it. */
export interface MetricAlarmSpec {
  /** Full alarm name. */
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
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

/** Records a problem for each threshold outside `[min, max]`. */
export function checkThresholds(
  v: Validator,
  thresholds: Readonly<Record<string, number | undefined>> | undefined,
  ranges: Readonly<Record<string, readonly [number, number]>>,
): void {
  for (const [key, value] of Object.entries(thresholds ?? {})) {
    const range = ranges[key];
    if (range === undefined) {
      v.add(
        `thresholds.${key}`,
        value,
        'is not a threshold of these alarms',
        `use one of ${Object.keys(ranges).join(', ')}`,
      );
      continue;
    }
    v.checkRange(value, range[0], range[1], `thresholds.${key}`);
  }
}
