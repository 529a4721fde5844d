import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import type { TreatMissingData } from '../treat-missing-data';
import { AlarmSpec, createAlarms, definedOnly, validateAlarmSetCommon } from './alarm-builder';
import { COUNT_SCALE, checkAlarmThreshold, addThresholdPlanChecks, ThresholdRule } from './thresholds';

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

/** Thresholds of {@link LambdaAlarms}; every field has a default. */
export interface LambdaAlarmThresholds {
  /** Errors per period at or above which the alarm fires. @default 1 */
  readonly errors?: number;
  /** Throttled invocations per period at or above which the alarm fires. @default 1 */
  readonly throttles?: number;
  /** The p99 duration alarm fires at this fraction of the timeout (0.1-1). @default 0.8 */
  readonly durationTimeoutRatio?: number;
  /** Messages in the dead-letter queue at or above which the alarm fires. @default 1 */
  readonly deadLetterMessages?: number;
  /** Metric period (60, 300, 900 or 3600 s). @default 300 */
  readonly periodInSeconds?: number;
  /** Periods evaluated; all must breach (1-100). @default 1 */
  readonly evaluationPeriods?: number;
}

/** The defaults of {@link LambdaAlarmThresholds}. */
export const DEFAULT_LAMBDA_ALARM_THRESHOLDS: Required<LambdaAlarmThresholds> = {
  errors: 1,
  throttles: 1,
  durationTimeoutRatio: 0.8,
  deadLetterMessages: 1,
  periodInSeconds: 300,
  evaluationPeriods: 1,
};

/** Props of {@link LambdaAlarms}. */
export interface LambdaAlarmsProps {
  /** Prefix of the alarm names (`<name>-errors`, ...; 1-200 letters, digits, '-', '_'). @default - the function name */
  readonly name?: string;
  /** The function to watch. */
  readonly function: LambdaAlarmTarget;
  /** SNS topic every alarm notifies on ALARM and on OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /** @default DEFAULT_LAMBDA_ALARM_THRESHOLDS */
  readonly thresholds?: LambdaAlarmThresholds;
  /** Per-alarm override of how periods without data count. @default notBreaching for every alarm */
  readonly treatMissingData?: Partial<Record<LambdaAlarmKind, TreatMissingData>>;
}

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const LAMBDA_THRESHOLD_RULES: Readonly<Record<'errors' | 'throttles' | 'deadLetterMessages', ThresholdRule>> =
  {
    errors: { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, limit: 1e9, example: 1 },
    throttles: { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, limit: 1e9, example: 1 },
    deadLetterMessages: {
      comparison: 'GreaterThanOrEqualToThreshold',
      scale: COUNT_SCALE,
      limit: 1e9,
      example: 1,
    },
  };

/**
 * Alarms for one Lambda function, notifying a topic on ALARM and OK.
 *
 * | Alarm (`<name>-...`) | Metric                                                | Period, datapoints | Fires when              | Missing data |
 * | -------------------- | ----------------------------------------------------- | ------------------ | ----------------------- | ------------ |
 * | `errors`             | AWS/Lambda Errors, Sum                                | 5 min, 1 of 1      | >= 1                    | notBreaching: no invocations, no errors |
 * | `throttles`          | AWS/Lambda Throttles, Sum                             | 5 min, 1 of 1      | >= 1                    | notBreaching |
 * | `duration-p99`       | AWS/Lambda Duration, p99                              | 5 min, 1 of 1      | >= 80% of the timeout   | notBreaching: no invocations, nothing slow |
 * | `dead-letters`       | AWS/SQS ApproximateNumberOfMessagesVisible (DLQ), Max | 5 min, 1 of 1      | >= 1                    | notBreaching: SQS stops publishing for idle queues |
 */
export class LambdaAlarms extends Construct {
  /** The alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<LambdaAlarmKind, CloudwatchMetricAlarm>>>;
  /** The thresholds in effect (defaults merged). */
  public readonly thresholds: Required<LambdaAlarmThresholds>;

  constructor(scope: Construct, id: string, props: LambdaAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      function: 'object',
      'function.functionName': 'string',
      'function.timeoutInSeconds': 'number',
      'function.deadLetterQueue?': 'object',
      topicArn: 'string',
      'thresholds?': 'object',
      'treatMissingData?': 'object',
    });
    const t: Required<LambdaAlarmThresholds> = {
      ...DEFAULT_LAMBDA_ALARM_THRESHOLDS,
      ...definedOnly(props.thresholds),
    };
    const v = new Validator(this);
    validateAlarmSetCommon(v, { ...props, periodInSeconds: props.thresholds?.periodInSeconds });
    v.checkIntRange(props.thresholds?.evaluationPeriods, 1, 100, 'thresholds.evaluationPeriods');
    for (const [key, rule] of Object.entries(LAMBDA_THRESHOLD_RULES)) {
      checkAlarmThreshold(
        v,
        `thresholds.${key}`,
        props.thresholds?.[key as keyof LambdaAlarmThresholds],
        rule,
      );
    }
    // p99 duration >= ratio x timeout: 1 still fires (on timeouts), so the ratio may reach 1. It is
    // multiplied by the timeout at synth, so it must be a literal.
    v.checkRange(props.thresholds?.durationTimeoutRatio, 0.1, 1, 'thresholds.durationTimeoutRatio');
    v.checkLiteral(
      true,
      'thresholds.durationTimeoutRatio',
      props.thresholds?.durationTimeoutRatio,
      'is an unresolved value, but the duration threshold is computed from it and the timeout at synth',
      'pass a literal ratio from 0.1 to 1, e.g. 0.8',
    );
    v.checkIntRange(props.function.timeoutInSeconds, 1, 900, 'function.timeoutInSeconds');
    v.throwIfInvalid();
    this.thresholds = t;

    const fn = props.function;
    const missing = (kind: LambdaAlarmKind) => props.treatMissingData?.[kind] ?? 'notBreaching';
    const base = {
      comparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
      evaluationPeriods: t.evaluationPeriods,
      datapointsToAlarm: t.evaluationPeriods,
    };
    const lambdaMetric = (metricName: string, statistic: string) => ({
      namespace: 'AWS/Lambda',
      metricName,
      statistic,
      periodInSeconds: t.periodInSeconds,
      dimensions: { FunctionName: fn.functionName },
    });
    const specs: (AlarmSpec & { kind: LambdaAlarmKind })[] = [
      {
        ...base,
        kind: 'errors',
        suffix: 'errors',
        description: 'The function returned errors (unhandled exceptions, timeouts, out-of-memory).',
        threshold: t.errors,
        treatMissingData: missing('errors'),
        metric: lambdaMetric('Errors', 'Sum'),
      },
      {
        ...base,
        kind: 'throttles',
        suffix: 'throttles',
        description: 'Invocations were throttled (reserved or account concurrency exhausted).',
        threshold: t.throttles,
        treatMissingData: missing('throttles'),
        metric: lambdaMetric('Throttles', 'Sum'),
      },
      {
        ...base,
        kind: 'duration',
        suffix: 'duration-p99',
        description: `The p99 duration reached ${Math.round(t.durationTimeoutRatio * 100)}% of the ${fn.timeoutInSeconds} s timeout.`,
        threshold: Math.round(fn.timeoutInSeconds * 1000 * t.durationTimeoutRatio),
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
        threshold: t.deadLetterMessages,
        treatMissingData: missing('deadLetters'),
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          statistic: 'Maximum',
          periodInSeconds: t.periodInSeconds,
          dimensions: { QueueName: fn.deadLetterQueue.queueName },
        },
      });
    }
    const created = createAlarms(this, props.name ?? fn.functionName, props.topicArn, specs);
    this.alarms = Object.fromEntries(specs.map((s) => [s.kind, created[s.suffix]]));
    addThresholdPlanChecks(created.errors, t, LAMBDA_THRESHOLD_RULES);
  }
}
