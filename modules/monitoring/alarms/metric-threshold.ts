import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { TREAT_MISSING_DATA, TreatMissingData } from '../treat-missing-data';
import { checkTopicArn, createMetricAlarm } from './alarm-builder';

/** Statistics a threshold alarm can compare. */
export type ThresholdStatistic = 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';

/** Which side of the threshold is bad. */
export type ThresholdComparison = 'above' | 'atOrAbove' | 'below' | 'atOrBelow';

/** The metric an alarm watches. */
export interface ThresholdMetric {
  /** Namespace, e.g. `MLNews` (1-255 characters, no `:`). */
  readonly namespace: string;
  /** Metric name, e.g. `ModelAccuracy` (1-255 characters). */
  readonly metricName: string;
  /**
   * Dimensions exactly as the publisher sends them (at most 30): CloudWatch matches the whole set,
   * so a metric published with more or other dimensions is a different metric and the alarm sees
   * no data.
   * @default {} (the metric published without dimensions)
   */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Statistic compared with the threshold. */
  readonly statistic: ThresholdStatistic;
  /** Period (s): 10, 20, 30 (high-resolution metrics) or a multiple of 60. */
  readonly periodInSeconds: number;
}

/** Props of {@link MetricThresholdAlarm}. */
export interface MetricThresholdAlarmProps {
  /** Alarm name, unique in the account and region (1-255 printable characters). */
  readonly alarmName: string;
  /** What firing means and what to do (at most 1,024 characters). */
  readonly description: string;
  /** The metric. */
  readonly metric: ThresholdMetric;
  /** Fire when the statistic is `above`, `atOrAbove`, `below` or `atOrBelow` the threshold. */
  readonly comparison: ThresholdComparison;
  /** The threshold. */
  readonly threshold: number;
  /** Periods looked at, 1-100. @default 1 */
  readonly evaluationPeriods?: number;
  /** Breaching periods among them that fire the alarm, 1 to evaluationPeriods. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /**
   * What a period without data counts as. There is no default on purpose: for a metric published
   * only when something happens, no data means "fine" (`notBreaching`); for a heartbeat, it means
   * the publisher is down (`breaching`). Say which one this is.
   */
  readonly treatMissingData: TreatMissingData;
  /** SNS topic notified on ALARM and on OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
}

const COMPARISON = {
  above: 'GreaterThanThreshold',
  atOrAbove: 'GreaterThanOrEqualToThreshold',
  below: 'LessThanThreshold',
  atOrBelow: 'LessThanOrEqualToThreshold',
} as const;
const STATISTICS: readonly ThresholdStatistic[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];
/** Non-empty and free of control characters. */
function isPrintable(s: string): boolean {
  return s.length > 0 && [...s].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f);
}

/** Problems with {@link MetricThresholdAlarmProps}, collected into `v`. */
export function validateMetricThresholdAlarm(v: Validator, props: MetricThresholdAlarmProps): Validator {
  v.check(
    typeof props.alarmName === 'string' && props.alarmName.length <= 255 && isPrintable(props.alarmName),
    'alarmName',
    props.alarmName,
    'must be 1-255 printable characters',
    'use a name such as "mlnews-prod-model-accuracy-low"',
  );
  v.check(
    typeof props.description === 'string' &&
      props.description.length >= 1 &&
      props.description.length <= 1024,
    'description',
    props.description,
    'must be 1-1,024 characters',
    'say what firing means and what to do, in one or two sentences',
  );
  const m = props.metric ?? ({} as ThresholdMetric);
  v.check(
    typeof m.namespace === 'string' &&
      m.namespace.length <= 255 &&
      !m.namespace.includes(':') &&
      isPrintable(m.namespace),
    'metric.namespace',
    m.namespace,
    'must be 1-255 printable characters without ":"',
    'use the namespace the publisher writes to, e.g. "MLNews"',
  );
  v.check(
    typeof m.metricName === 'string' && m.metricName.length <= 255 && isPrintable(m.metricName),
    'metric.metricName',
    m.metricName,
    'must be 1-255 printable characters',
    'use the metric name the publisher writes, e.g. "ModelAccuracy"',
  );
  const dims = Object.entries(m.dimensions ?? {});
  v.check(
    dims.length <= 30,
    'metric.dimensions',
    m.dimensions,
    `has ${dims.length} dimensions; CloudWatch allows 30`,
    'keep the dimensions the publisher sends (usually one or two)',
  );
  for (const [key, value] of dims) {
    v.check(
      key.length <= 255 && isPrintable(key),
      `metric.dimensions["${key}"]`,
      key,
      'is not a dimension name (1-255 printable characters)',
      'use a name such as "Environment"',
    );
    v.check(
      typeof value === 'string' && value.length >= 1 && value.length <= 1024,
      `metric.dimensions["${key}"]`,
      value,
      'is not a dimension value (1-1,024 characters)',
      'use the value the publisher sends',
    );
  }
  v.check(
    STATISTICS.includes(m.statistic),
    'metric.statistic',
    m.statistic,
    'is not a statistic',
    `use one of ${STATISTICS.join(', ')}`,
  );
  const period = m.periodInSeconds;
  v.check(
    [10, 20, 30].includes(period) || (Number.isInteger(period) && period >= 60 && period % 60 === 0),
    'metric.periodInSeconds',
    period,
    'must be 10, 20, 30 or a multiple of 60',
    'use 300 (5 minutes) or 3600 (an hour)',
  );
  v.check(
    Object.prototype.hasOwnProperty.call(COMPARISON, props.comparison),
    'comparison',
    props.comparison,
    'is not a comparison',
    'use "above", "atOrAbove", "below" or "atOrBelow"',
  );
  v.check(
    Number.isFinite(props.threshold),
    'threshold',
    props.threshold,
    'must be a finite number',
    'set the value that separates good from bad, e.g. 0.75',
  );
  v.checkIntRange(props.evaluationPeriods, 1, 100, 'evaluationPeriods');
  const periods = props.evaluationPeriods ?? 1;
  v.checkIntRange(
    props.datapointsToAlarm,
    1,
    periods,
    'datapointsToAlarm',
    `use 1 to evaluationPeriods (${periods})`,
  );
  v.check(
    TREAT_MISSING_DATA.includes(props.treatMissingData),
    'treatMissingData',
    props.treatMissingData,
    'must be chosen: "missing", "ignore", "breaching" or "notBreaching"',
    'use "notBreaching" when the metric is published only when something happens, "breaching" for a heartbeat',
  );
  checkTopicArn(v, props.topicArn);
  return v;
}

/**
 * One alarm on one metric against a threshold, e.g. a model-quality metric an application
 * publishes, for which no service alarm set exists. Notifies the topic on ALARM and on OK.
 *
 * ```ts
 * new MetricThresholdAlarm(this, 'accuracy', {
 *   alarmName: 'mlnews-prod-model-accuracy-low',
 *   description: 'Hourly model accuracy below 0.75: evaluate and retrain.',
 *   metric: { namespace: 'MLNews', metricName: 'ModelAccuracy', dimensions: { Environment: 'prod' },
 *             statistic: 'Average', periodInSeconds: 3600 },
 *   comparison: 'below',
 *   threshold: 0.75,
 *   treatMissingData: 'notBreaching', // no evaluation in an hour is not low accuracy
 *   topicArn: topic.topicArn,
 * });
 * ```
 *
 * Cost: USD 0.10 a month (standard resolution).
 */
export class MetricThresholdAlarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;
  public readonly alarmName: string;
  public readonly alarmArn: string;

  constructor(scope: Construct, id: string, props: MetricThresholdAlarmProps) {
    super(scope, id);
    requireProps(this, props, {
      alarmName: 'string',
      description: 'string',
      metric: 'object',
      'metric.namespace': 'string',
      'metric.metricName': 'string',
      'metric.statistic': 'string',
      'metric.periodInSeconds': 'number',
      'metric.dimensions?': 'object',
      comparison: 'string',
      threshold: 'number',
      topicArn: 'string',
    });
    validateMetricThresholdAlarm(new Validator(this), props).throwIfInvalid();
    const periods = props.evaluationPeriods ?? 1;
    this.alarm = createMetricAlarm(
      this,
      'alarm',
      {
        alarmName: props.alarmName,
        description: props.description,
        namespace: props.metric.namespace,
        metricName: props.metric.metricName,
        statistic: props.metric.statistic,
        periodSeconds: props.metric.periodInSeconds,
        dimensions: props.metric.dimensions ?? {},
        comparisonOperator: COMPARISON[props.comparison],
        threshold: props.threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: props.datapointsToAlarm ?? periods,
        treatMissingData: props.treatMissingData,
      },
      props.topicArn,
    );
    this.alarmName = props.alarmName;
    this.alarmArn = this.alarm.arn;
  }
}
