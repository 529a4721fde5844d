import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import type { TreatMissingData } from '../treat-missing-data';
import { AlarmSpec, createAlarms, definedOnly, validateAlarmSetCommon } from './alarm-builder';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  checkAlarmThreshold,
  addThresholdPlanChecks,
  ThresholdRule,
} from './thresholds';

/** The alarms {@link HttpApiAlarms} creates. */
export type HttpApiAlarmKind = 'serverErrors' | 'latency';

/** What the alarms watch (an `HttpApi` fits). */
export interface HttpApiAlarmTarget {
  readonly apiId: string;
  /** @default '$default' */
  readonly stageName?: string;
}

/** Thresholds of {@link HttpApiAlarms}; every field has a default. */
export interface HttpApiAlarmThresholds {
  /** 5xx responses per period above which the alarm fires. @default 10 */
  readonly serverErrorCount?: number;
  /** Periods of the 5xx alarm; all must breach. @default 1 */
  readonly serverErrorEvaluationPeriods?: number;
  /** p99 latency (request received to response sent) above which the alarm fires, in ms (1-30,000). @default 3000 */
  readonly latencyP99Millis?: number;
  /** Periods of the latency alarm; all must breach (spikes are common, sustained slowness is not). @default 3 */
  readonly latencyEvaluationPeriods?: number;
  /** Metric period (60, 300, 900 or 3600 s). @default 300 */
  readonly periodInSeconds?: number;
}

/** The defaults of {@link HttpApiAlarmThresholds}: 5xx > 10 per 5 minutes, p99 > 3 s for 15 minutes. */
export const DEFAULT_HTTP_API_ALARM_THRESHOLDS: Required<HttpApiAlarmThresholds> = {
  serverErrorCount: 10,
  serverErrorEvaluationPeriods: 1,
  latencyP99Millis: 3000,
  latencyEvaluationPeriods: 3,
  periodInSeconds: 300,
};

/** Props of {@link HttpApiAlarms}. */
export interface HttpApiAlarmsProps {
  /** Prefix of the alarm names, e.g. `mlnews-prod-api` (1-200 letters, digits, '-', '_'). */
  readonly name: string;
  /** The API (and stage) to watch. */
  readonly api: HttpApiAlarmTarget;
  /** SNS topic every alarm notifies on ALARM and on OK. */
  readonly topicArn: string;
  /** @default DEFAULT_HTTP_API_ALARM_THRESHOLDS */
  readonly thresholds?: HttpApiAlarmThresholds;
  /** Per-alarm override of how periods without data count. @default notBreaching (no traffic is healthy) */
  readonly treatMissingData?: Partial<Record<HttpApiAlarmKind, TreatMissingData>>;
}

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const HTTP_API_THRESHOLD_RULES: Readonly<Record<'serverErrorCount' | 'latencyP99Millis', ThresholdRule>> = {
  serverErrorCount: { comparison: 'GreaterThanThreshold', scale: COUNT_SCALE, limit: 1e9, example: 10 },
  latencyP99Millis: {
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    floor: 1,
    limit: 30000,
    example: 3000,
  },
};

/**
 * Alarms for an API Gateway HTTP API stage. HTTP APIs publish `5xx`, `4xx`, `Latency`,
 * `IntegrationLatency` and `Count` in `AWS/ApiGateway` by `ApiId` and `Stage` (REST APIs use
 * `5XXError` and `ApiName` instead, so alarms copied from a REST API watch nothing).
 *
 * | Alarm (`<name>-...`) | Metric       | Period, datapoints | Fires when | Missing data |
 * | -------------------- | ------------ | ------------------ | ---------- | ------------ |
 * | `5xx`                | 5xx, Sum     | 5 min, 1 of 1      | > 10       | notBreaching: no requests, no errors |
 * | `latency-p99`        | Latency, p99 | 5 min, 3 of 3      | > 3,000 ms | notBreaching |
 */
export class HttpApiAlarms extends Construct {
  public readonly alarms: Readonly<Record<HttpApiAlarmKind, CloudwatchMetricAlarm>>;
  /** The thresholds in effect (defaults merged). */
  public readonly thresholds: Required<HttpApiAlarmThresholds>;

  constructor(scope: Construct, id: string, props: HttpApiAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      api: 'object',
      'api.apiId': 'string',
      topicArn: 'string',
      'thresholds?': 'object',
    });
    const given = props.thresholds;
    const v = new Validator(this);
    validateAlarmSetCommon(v, { ...props, periodInSeconds: given?.periodInSeconds });
    for (const [key, rule] of Object.entries(HTTP_API_THRESHOLD_RULES)) {
      checkAlarmThreshold(v, `thresholds.${key}`, given?.[key as keyof HttpApiAlarmThresholds], rule);
    }
    v.checkIntRange(given?.latencyEvaluationPeriods, 1, 100, 'thresholds.latencyEvaluationPeriods');
    v.throwIfInvalid();
    const t: Required<HttpApiAlarmThresholds> = {
      ...DEFAULT_HTTP_API_ALARM_THRESHOLDS,
      ...definedOnly(given),
    };
    this.thresholds = t;

    const dimensions = { ApiId: props.api.apiId, Stage: props.api.stageName ?? '$default' };
    const missing = (kind: HttpApiAlarmKind) => props.treatMissingData?.[kind] ?? 'notBreaching';
    const metric = (metricName: string, statistic: string) => ({
      namespace: 'AWS/ApiGateway',
      metricName,
      statistic,
      periodInSeconds: t.periodInSeconds,
      dimensions,
    });
    const specs: AlarmSpec[] = [
      {
        suffix: '5xx',
        description:
          `More than ${t.serverErrorCount} 5xx responses in ${t.periodInSeconds / 60} minutes ` +
          '(integration errors, timeouts, throttled functions).',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.serverErrorCount,
        evaluationPeriods: t.serverErrorEvaluationPeriods,
        datapointsToAlarm: t.serverErrorEvaluationPeriods,
        treatMissingData: missing('serverErrors'),
        metric: metric('5xx', 'Sum'),
      },
      {
        suffix: 'latency-p99',
        description: `p99 latency above ${t.latencyP99Millis} ms.`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: t.latencyP99Millis,
        evaluationPeriods: t.latencyEvaluationPeriods,
        datapointsToAlarm: t.latencyEvaluationPeriods,
        treatMissingData: missing('latency'),
        metric: metric('Latency', 'p99'),
      },
    ];
    const created = createAlarms(this, props.name, props.topicArn, specs);
    this.alarms = { serverErrors: created['5xx'], latency: created['latency-p99'] };
    addThresholdPlanChecks(created['5xx'], t, HTTP_API_THRESHOLD_RULES);
  }
}
