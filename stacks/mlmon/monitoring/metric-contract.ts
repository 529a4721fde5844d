/**
 * The metrics the alarms and the dashboard read, as constants shared with whatever publishes them:
 * the model API (custom metrics, defined in ../contract.ts) and the CloudWatch agent the Compose
 * host configures (modules/compose-host).
 */

import { CW_AGENT_METRICS, CW_AGENT_NAMESPACE } from '../../../modules/compose-host/constants';
import { PERCENT_SCALE, SCORE_SCALE, ThresholdRule } from '../../../modules/monitoring/alarms/thresholds';

export { APP_METRICS, appMetricDimensions } from '../contract';

/**
 * Metrics of the CloudWatch agent on the host, with the names the Compose host's agent
 * configuration uses. It appends `InstanceId` (and `AutoScalingGroupName` in a group), collects
 * `mem_used_percent` and `disk_used_percent` for the root file system only, and aggregates by the
 * mode's one dimension, so that the alarms select a series by InstanceId or AutoScalingGroupName
 * alone (without `path`, `device` and `fstype`).
 */
export const CWAGENT_METRICS = {
  namespace: CW_AGENT_NAMESPACE,
  memUsedPercent: CW_AGENT_METRICS.memUsedPercent,
  diskUsedPercent: CW_AGENT_METRICS.diskUsedPercent,
  /** File systems whose usage `disk_used_percent` reports. */
  diskResources: ['/'],
  /** The agent's `aggregation_dimensions`. */
  aggregationDimensions: [['InstanceId'], ['AutoScalingGroupName']],
} as const;

/** Metrics EC2 publishes for every instance (`AWS/EC2`). */
export const EC2_METRICS = {
  namespace: 'AWS/EC2',
  cpuUtilization: 'CPUUtilization',
  statusCheckFailed: 'StatusCheckFailed',
  statusCheckFailedSystem: 'StatusCheckFailed_System',
} as const;

/** Namespace prefix of the error-line counts extracted from the container logs. */
export const LOG_METRICS_NAMESPACE = 'MLMon/Logs';
/** Metric name of the error-line counts (namespace `MLMon/Logs<log group name>`). */
export const LOG_ERROR_LINES_METRIC = 'ErrorLines';

/** Alarm thresholds. Percentages are 0..100; the drift score is 0..1. */
export interface AlarmThresholds {
  /** Average CPU utilization (%) over 3 consecutive 5-minute periods. @default 80 */
  readonly cpuUtilizationPercent?: number;
  /** Memory used (%, CWAgent `mem_used_percent`) over 3 consecutive 5-minute periods. @default 85 */
  readonly memoryUsedPercent?: number;
  /** Root file system used (%, CWAgent `disk_used_percent`), 2 consecutive 5-minute maxima. @default 85 */
  readonly diskUsedPercent?: number;
  /** API 5xx responses as a percentage of requests, in 2 of 3 five-minute periods. @default 5 */
  readonly api5xxErrorRatePercent?: number;
  /**
   * Requests per 5 minutes below which the error rate counts as 0, so that 1 failure out of 2
   * requests at night doesn't page anyone. @default 10
   */
  readonly apiMinRequestCount?: number;
  /** Hourly maximum of the model drift score (0..1). @default 0.3 */
  readonly driftScore?: number;
}

/**
 * Default thresholds. The drift threshold is also what the Grafana alert rule on the host
 * uses (rendered by the ec2 module), so both alert at the same score.
 */
export const DEFAULT_ALARM_THRESHOLDS: Required<AlarmThresholds> = {
  cpuUtilizationPercent: 80,
  memoryUsedPercent: 85,
  diskUsedPercent: 85,
  api5xxErrorRatePercent: 5,
  apiMinRequestCount: 10,
  driftScore: 0.3,
};

/**
 * How each threshold is compared by its alarm (and by the Grafana drift rule) and what its metric
 * can take: percentages strictly between 0 and 100, the drift score strictly between 0 and 1, so
 * that every alarm can both fire and clear. The environment config and {@link Monitoring} check
 * thresholds with these rules.
 */
export const ALARM_THRESHOLD_RULES: Readonly<
  Record<Exclude<keyof AlarmThresholds, 'apiMinRequestCount'>, ThresholdRule>
> = {
  cpuUtilizationPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 80 },
  memoryUsedPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 85 },
  diskUsedPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 85 },
  api5xxErrorRatePercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 5 },
  driftScore: { comparison: 'GreaterThanThreshold', scale: SCORE_SCALE, example: 0.3 },
};
