import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import type { TreatMissingData } from '../monitoring';
import { AlarmSpec, createAlarms, validateAlarmSetCommon } from './alarm-builder';

/** The alarms {@link HttpApiAlarms} creates. */
export type HttpApiAlarmKind = 'serverErrors' | 'latency';

/** What the alarms watch (an `HttpApi` fits). */
export interface HttpApiAlarmTarget {
  readonly apiId: string;
  /** @default '$default' */
  readonly stageName?: string;
}

/** Props of {@link HttpApiAlarms}. */
export interface HttpApiAlarmsProps {
  readonly api: HttpApiAlarmTarget;
  /** SNS topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Alarm names are `<prefix>-5xx`, `<prefix>-latency-p99`, e.g. `mlnews-prod-api`. */
  readonly alarmNamePrefix: string;
  /** 5xx responses per period above which the alarm fires. @default 10 */
  readonly serverErrorsThreshold?: number;
  /** Periods of the 5xx alarm (all must breach). @default 1 */
  readonly serverErrorsEvaluationPeriods?: number;
  /** p99 latency (ms, request received to response sent) above which the alarm fires. @default 3000 */
  readonly latencyP99ThresholdInMillis?: number;
  /** Periods of the latency alarm (all must breach): latency spikes are common, sustained ones are not. @default 3 */
  readonly latencyEvaluationPeriods?: number;
  /** Metric period. @default 300 */
  readonly periodInSeconds?: number;
  /** Per-alarm override of missing-data handling. @default notBreaching (no traffic is healthy) */
  readonly treatMissingData?: Partial<Record<HttpApiAlarmKind, TreatMissingData>>;
}

/**
 * Alarms for an API Gateway HTTP API stage. HTTP APIs publish `5xx`, `4xx`, `Latency`,
 * `IntegrationLatency` and `Count` in `AWS/ApiGateway` by `ApiId` and `Stage` (REST APIs use
 * `5XXError` and `ApiName` instead).
 *
 * | Alarm (`<prefix>-...`) | Metric                        | Fires when                     | Missing data |
 * | ---------------------- | ----------------------------- | ------------------------------ | ------------ |
 * | `5xx`                  | 5xx, Sum                      | > 10 in 5 minutes (1 period)   | notBreaching |
 * | `latency-p99`          | Latency, p99                  | > 3,000 ms for 3 periods of 5 minutes | notBreaching |
 */
export class HttpApiAlarms extends Construct {
  public readonly alarms: Readonly<Record<HttpApiAlarmKind, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: HttpApiAlarmsProps) {
    super(scope, id);
    const v = new Validator(this);
    validateAlarmSetCommon(v, props);
    v.check(
      typeof props.alarmNamePrefix === 'string',
      'alarmNamePrefix',
      props.alarmNamePrefix,
      'is required (the API id is only known after apply)',
      'pass e.g. "mlnews-prod-api"',
    );
    v.checkRange(props.serverErrorsThreshold, 0, 1e9, 'serverErrorsThreshold');
    v.checkIntRange(props.serverErrorsEvaluationPeriods, 1, 100, 'serverErrorsEvaluationPeriods');
    v.checkRange(props.latencyP99ThresholdInMillis, 1, 30000, 'latencyP99ThresholdInMillis');
    v.checkIntRange(props.latencyEvaluationPeriods, 1, 100, 'latencyEvaluationPeriods');
    v.throwIfInvalid();

    const period = props.periodInSeconds ?? 300;
    const dimensions = { ApiId: props.api.apiId, Stage: props.api.stageName ?? '$default' };
    const missing = (kind: HttpApiAlarmKind) => props.treatMissingData?.[kind] ?? 'notBreaching';
    const serverPeriods = props.serverErrorsEvaluationPeriods ?? 1;
    const latencyPeriods = props.latencyEvaluationPeriods ?? 3;
    const threshold5xx = props.serverErrorsThreshold ?? 10;
    const specs: AlarmSpec[] = [
      {
        suffix: '5xx',
        description: `More than ${threshold5xx} 5xx responses in ${period / 60} minutes (integration errors, timeouts, throttled functions).`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: threshold5xx,
        evaluationPeriods: serverPeriods,
        datapointsToAlarm: serverPeriods,
        treatMissingData: missing('serverErrors'),
        metric: {
          namespace: 'AWS/ApiGateway',
          metricName: '5xx',
          statistic: 'Sum',
          periodInSeconds: period,
          dimensions,
        },
      },
      {
        suffix: 'latency-p99',
        description: `p99 latency above ${props.latencyP99ThresholdInMillis ?? 3000} ms.`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.latencyP99ThresholdInMillis ?? 3000,
        evaluationPeriods: latencyPeriods,
        datapointsToAlarm: latencyPeriods,
        treatMissingData: missing('latency'),
        metric: {
          namespace: 'AWS/ApiGateway',
          metricName: 'Latency',
          statistic: 'p99',
          periodInSeconds: period,
          dimensions,
        },
      },
    ];
    const created = createAlarms(this, props.alarmNamePrefix, props.topicArn, specs);
    this.alarms = { serverErrors: created['5xx'], latency: created['latency-p99'] };
  }
}
