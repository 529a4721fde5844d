import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import type { TreatMissingData } from '../monitoring';
import { AlarmSpec, createAlarms, validateAlarmSetCommon } from './alarm-builder';

/** The alarms {@link LambdaAlarms} creates. */
export type LambdaAlarmKind = 'errors' | 'throttles' | 'duration' | 'deadLetters';

/** What the alarms watch (a `LambdaFunction` fits). */
export interface LambdaAlarmTarget {
  readonly functionName: string;
  /** The function's timeout: the duration alarm fires near it. */
  readonly timeoutInSeconds: number;
  /** Its dead-letter queue, watched for messages. @default - no dead-letter alarm */
  readonly deadLetterQueue?: { readonly queueName: string };
}

/** Props of {@link LambdaAlarms}. */
export interface LambdaAlarmsProps {
  readonly function: LambdaAlarmTarget;
  /** SNS topic notified on ALARM and OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /** Alarm names are `<prefix>-errors`, ... @default - the function name */
  readonly alarmNamePrefix?: string;
  /** Errors per period at or above which the alarm fires. @default 1 */
  readonly errorsThreshold?: number;
  /** Throttled invocations per period at or above which the alarm fires. @default 1 */
  readonly throttlesThreshold?: number;
  /** The p99 duration alarm fires at this fraction of the timeout (0.1-1). @default 0.8 */
  readonly durationTimeoutRatio?: number;
  /** Messages in the dead-letter queue at or above which the alarm fires. @default 1 */
  readonly deadLetterMessagesThreshold?: number;
  /** Metric period. @default 300 */
  readonly periodInSeconds?: number;
  /** Periods evaluated (all must breach). @default 1 */
  readonly evaluationPeriods?: number;
  /** Per-alarm override of missing-data handling. @default - see the table on {@link LambdaAlarms} */
  readonly treatMissingData?: Partial<Record<LambdaAlarmKind, TreatMissingData>>;
}

/**
 * Alarms for one Lambda function, notifying a topic on ALARM and OK.
 *
 * | Alarm (`<prefix>-...`) | Metric                                                | Fires when (per 5 min)        | Missing data |
 * | ---------------------- | ----------------------------------------------------- | ----------------------------- | ------------ |
 * | `errors`               | AWS/Lambda Errors, Sum                                | >= 1                          | notBreaching (no invocations, no errors) |
 * | `throttles`            | AWS/Lambda Throttles, Sum                             | >= 1                          | notBreaching |
 * | `duration-p99`         | AWS/Lambda Duration, p99                              | >= 80% of the timeout (ms)    | notBreaching |
 * | `dead-letters`         | AWS/SQS ApproximateNumberOfMessagesVisible (DLQ), Max | >= 1                          | notBreaching (SQS stops publishing for idle queues) |
 */
export class LambdaAlarms extends Construct {
  public readonly alarms: Readonly<Partial<Record<LambdaAlarmKind, CloudwatchMetricAlarm>>>;

  constructor(scope: Construct, id: string, props: LambdaAlarmsProps) {
    super(scope, id);
    const v = new Validator(this);
    validateAlarmSetCommon(v, props);
    v.checkRange(props.errorsThreshold, 1, 1e9, 'errorsThreshold');
    v.checkRange(props.throttlesThreshold, 1, 1e9, 'throttlesThreshold');
    v.checkRange(props.durationTimeoutRatio, 0.1, 1, 'durationTimeoutRatio');
    v.checkRange(props.deadLetterMessagesThreshold, 1, 1e9, 'deadLetterMessagesThreshold');
    v.checkIntRange(props.function.timeoutInSeconds, 1, 900, 'function.timeoutInSeconds');
    v.throwIfInvalid();

    const fn = props.function;
    const period = props.periodInSeconds ?? 300;
    const evaluation = props.evaluationPeriods ?? 1;
    const dims = { FunctionName: fn.functionName };
    const missing = (kind: LambdaAlarmKind) => props.treatMissingData?.[kind] ?? 'notBreaching';
    const base = {
      comparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
      evaluationPeriods: evaluation,
      datapointsToAlarm: evaluation,
    };
    const lambdaMetric = (metricName: string, statistic: string) => ({
      namespace: 'AWS/Lambda',
      metricName,
      statistic,
      periodInSeconds: period,
      dimensions: dims,
    });
    const ratio = props.durationTimeoutRatio ?? 0.8;
    const specs: (AlarmSpec & { kind: LambdaAlarmKind })[] = [
      {
        ...base,
        kind: 'errors',
        suffix: 'errors',
        description: 'The function returned errors (unhandled exceptions, timeouts, out-of-memory).',
        threshold: props.errorsThreshold ?? 1,
        treatMissingData: missing('errors'),
        metric: lambdaMetric('Errors', 'Sum'),
      },
      {
        ...base,
        kind: 'throttles',
        suffix: 'throttles',
        description: 'Invocations were throttled (reserved or account concurrency exhausted).',
        threshold: props.throttlesThreshold ?? 1,
        treatMissingData: missing('throttles'),
        metric: lambdaMetric('Throttles', 'Sum'),
      },
      {
        ...base,
        kind: 'duration',
        suffix: 'duration-p99',
        description: `The p99 duration reached ${Math.round(ratio * 100)}% of the ${fn.timeoutInSeconds} s timeout.`,
        threshold: Math.round(fn.timeoutInSeconds * 1000 * ratio),
        treatMissingData: missing('duration'),
        metric: lambdaMetric('Duration', 'p99'),
      },
    ];
    if (fn.deadLetterQueue) {
      specs.push({
        ...base,
        kind: 'deadLetters',
        suffix: 'dead-letters',
        description: 'Failed asynchronous invocations are waiting in the dead-letter queue.',
        threshold: props.deadLetterMessagesThreshold ?? 1,
        treatMissingData: missing('deadLetters'),
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          statistic: 'Maximum',
          periodInSeconds: period,
          dimensions: { QueueName: fn.deadLetterQueue.queueName },
        },
      });
    }
    const created = createAlarms(this, props.alarmNamePrefix ?? fn.functionName, props.topicArn, specs);
    this.alarms = Object.fromEntries(specs.map((s) => [s.kind, created[s.suffix]]));
  }
}
