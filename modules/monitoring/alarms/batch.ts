import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { COUNT_SCALE, checkAlarmThreshold, addThresholdPlanChecks, ThresholdRule } from './thresholds';
import { Tags } from '../../core/tags';
import type { TreatMissingData } from '../treat-missing-data';

/** Props of {@link BatchJobAlarms}. */
export interface BatchJobAlarmsProps {
  /** Prefix of the alarm names (`<name>-batch-...`): 1-200 letters, digits, `-`, `_`. */
  readonly name: string;
  /** Name of the EventBridge rule that forwards failed jobs (`FargateJobQueue.failureRule.name`). */
  readonly failureRuleName: string;
  /** SNS topic (in the stack's region) notified on ALARM and OK; typically the AlarmTopic. */
  readonly topicArn: string;
  /**
   * Also alarm when at least this many jobs fail within one period (a burst, e.g. a bad image
   * release), on top of the per-job messages of the failure rule.
   * @default - no burst alarm
   */
  readonly failedJobsThreshold?: number;
  /** Period, a multiple of 60 seconds. @default 300 */
  readonly periodInSeconds?: number;
  /** Periods without data. No events means nothing failed: `notBreaching`. @default 'notBreaching' */
  readonly treatMissingData?: TreatMissingData;
  /** @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const RULE_NAME_RE = /^[.\-_A-Za-z0-9]{1,64}$/;

/** How the threshold is compared, and what its metric can take (see `thresholds.ts`). */
const BATCH_THRESHOLD_RULES: Readonly<Record<'failedJobsThreshold', ThresholdRule>> = {
  failedJobsThreshold: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 100_000,
    example: 5,
  },
};

/**
 * Alarms for AWS Batch jobs. Batch publishes no CloudWatch metric for failed jobs; a failed job
 * is announced by the `Batch Job State Change` event, which the failure rule of
 * `FargateJobQueue` forwards to SNS. That path is the alert. What these alarms add is a watch on
 * the path itself, from EventBridge's own metrics (`AWS/Events`, dimension `RuleName`):
 *
 * | Alarm (`<name>-...`)                 | Metric                         | Fires when | Why |
 * |--------------------------------------|--------------------------------|------------|-----|
 * | `batch-failure-notifications-failed` | FailedInvocations, Sum         | >= 1 in 1 of 1 | SNS refused the message (topic policy or KMS key missing the events grant): failures are going unreported |
 * | `batch-failed-jobs`                  | TriggeredRules, Sum            | >= `failedJobsThreshold` in 1 of 1 | many jobs failed at once (only with the threshold) |
 *
 * Both treat missing data as not breaching: no event means nothing failed. Send them to the
 * AlarmTopic (CloudWatch may publish there) rather than the failure topic they watch.
 */
export class BatchJobAlarms extends Construct {
  public readonly notificationFailureAlarm: CloudwatchMetricAlarm;
  public readonly failedJobsAlarm?: CloudwatchMetricAlarm;
  /** Names of the alarms created, literal. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: BatchJobAlarmsProps) {
    super(scope, id);
    requireProps(this, props, { name: 'string', failureRuleName: 'string', topicArn: 'string' });
    const v = new Validator(this);
    v.check(
      NAME_RE.test(props.name),
      'name',
      props.name,
      "must be 1-200 letters, digits, '-' or '_'",
      'use a name such as "grader-prod"',
    );
    v.checkOptional(
      props.failureRuleName,
      (n) => RULE_NAME_RE.test(n),
      'failureRuleName',
      'is not an EventBridge rule name',
      'pass FargateJobQueue.failureRule.name',
    );
    checkAlarmThreshold(
      v,
      'failedJobsThreshold',
      props.failedJobsThreshold,
      BATCH_THRESHOLD_RULES.failedJobsThreshold,
    );
    v.checkOptional(
      props.periodInSeconds,
      (p) => Number.isInteger(p) && p >= 60 && p % 60 === 0 && p <= 86_400,
      'periodInSeconds',
      'must be a multiple of 60 from 60 to 86400',
      'use 300 (default) or another multiple of 60',
    );
    v.throwIfInvalid();

    const period = props.periodInSeconds ?? 300;
    const common = {
      namespace: 'AWS/Events',
      statistic: 'Sum',
      period,
      dimensions: { RuleName: props.failureRuleName },
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: props.treatMissingData ?? 'notBreaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
      tags: props.tags,
    };
    this.notificationFailureAlarm = new CloudwatchMetricAlarm(this, 'notifications-failed', {
      ...common,
      alarmName: `${props.name}-batch-failure-notifications-failed`,
      alarmDescription:
        `EventBridge could not deliver failed-job notifications of rule ${props.failureRuleName} to SNS: ` +
        'check the topic policy (events.amazonaws.com, aws:SourceArn) and the topic key policy.',
      metricName: 'FailedInvocations',
      threshold: 1,
    });
    const names = [`${props.name}-batch-failure-notifications-failed`];
    if (props.failedJobsThreshold !== undefined) {
      this.failedJobsAlarm = new CloudwatchMetricAlarm(this, 'failed-jobs', {
        ...common,
        alarmName: `${props.name}-batch-failed-jobs`,
        alarmDescription: `${props.failedJobsThreshold} or more jobs matched failure rule ${props.failureRuleName} within ${period / 60} minutes.`,
        metricName: 'TriggeredRules',
        threshold: props.failedJobsThreshold,
      });
      names.push(`${props.name}-batch-failed-jobs`);
    }
    this.alarmNames = names;
    if (this.failedJobsAlarm) addThresholdPlanChecks(this.failedJobsAlarm, props, BATCH_THRESHOLD_RULES, '');
  }
}
