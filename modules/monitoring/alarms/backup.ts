import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { Tags } from '../../core/tags';
import { TREAT_MISSING_DATA, TreatMissingData } from '../treat-missing-data';
import { checkTopicArn } from './alarm-builder';
import { COUNT_SCALE, ThresholdRule, addThresholdPlanChecks, checkAlarmThreshold } from './thresholds';
import { isBackupVaultName } from '../../backup/vault-name';

/** The AWS Backup job alarms {@link BackupAlarms} can create. */
export type BackupAlarmKind = 'jobsFailed' | 'jobsAborted' | 'jobsExpired' | 'copyJobsFailed';

/** Metric and alarm-name suffix of each {@link BackupAlarmKind}. */
export const BACKUP_ALARM_METRICS: Readonly<
  Record<BackupAlarmKind, { readonly metricName: string; readonly suffix: string; readonly what: string }>
> = {
  jobsFailed: {
    metricName: 'NumberOfBackupJobsFailed',
    suffix: 'backup-jobs-failed',
    what: 'backup jobs failed',
  },
  jobsAborted: {
    metricName: 'NumberOfBackupJobsAborted',
    suffix: 'backup-jobs-aborted',
    what: 'backup jobs were aborted',
  },
  jobsExpired: {
    metricName: 'NumberOfBackupJobsExpired',
    suffix: 'backup-jobs-expired',
    what: 'backup jobs expired',
  },
  copyJobsFailed: {
    metricName: 'NumberOfCopyJobsFailed',
    suffix: 'copy-jobs-failed',
    what: 'copy jobs failed',
  },
};

const KINDS = Object.keys(BACKUP_ALARM_METRICS) as BackupAlarmKind[];
const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;

/** Props of {@link BackupAlarms}. */
export interface BackupAlarmsProps {
  /** Prefix of the alarm names (`<name>-backup-jobs-failed`, ...): 1-200 letters, digits, '-', '_'. */
  readonly name: string;
  /** Name of the vault whose jobs are watched (2-50 letters, digits, '-', '_'). */
  readonly vaultName: string;
  /** SNS topic ARN every alarm notifies on ALARM and OK, e.g. `AlarmTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Alarms to create. Add `copyJobsFailed` when plans copy recovery points to another vault.
   * @default ['jobsFailed', 'jobsAborted', 'jobsExpired']
   */
  readonly kinds?: BackupAlarmKind[];
  /** Jobs in one period that raise the alarm (whole number, at least 1). @default 1 */
  readonly threshold?: number;
  /** Period (seconds, a multiple of 60 from 60 to 86,400). AWS Backup publishes every 5 minutes. @default 300 */
  readonly periodInSeconds?: number;
  /**
   * Periods without data. AWS Backup publishes a job metric only when such jobs exist, so no data
   * means no failed job: `notBreaching` keeps the alarm OK between runs.
   * @default 'notBreaching'
   */
  readonly treatMissingData?: TreatMissingData;
  /** Tags of the alarms. @default - none */
  readonly tags?: Tags;
}

/** How the threshold is compared, and what its metric can take (see `thresholds.ts`). */
const BACKUP_THRESHOLD_RULES: Readonly<Record<'threshold', ThresholdRule>> = {
  threshold: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 1_000_000,
    example: 1,
  },
};

/**
 * CloudWatch alarms on the AWS/Backup job metrics of one vault, notifying an SNS topic.
 *
 * | Alarm (`<name>-...`)   | Metric (AWS/Backup, Sum)      | Fires when                 | Missing data |
 * |------------------------|-------------------------------|----------------------------|--------------|
 * | `backup-jobs-failed`   | NumberOfBackupJobsFailed      | >= 1 in 5 minutes          | notBreaching |
 * | `backup-jobs-aborted`  | NumberOfBackupJobsAborted     | >= 1 in 5 minutes          | notBreaching |
 * | `backup-jobs-expired`  | NumberOfBackupJobsExpired     | >= 1 in 5 minutes          | notBreaching |
 * | `copy-jobs-failed`     | NumberOfCopyJobsFailed (opt-in) | >= 1 in 5 minutes        | notBreaching |
 *
 * Each alarm reads its metric with a CloudWatch Metrics Insights query filtered on
 * `BackupVaultName`, which sums every dimension set AWS Backup publishes the metric under (per
 * vault, per vault and resource type), so no published combination is missed. Cost: $0.10 per
 * alarm per month (standard resolution).
 */
export class BackupAlarms extends Construct {
  /** The alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<BackupAlarmKind, CloudwatchMetricAlarm>>>;
  /** Alarm names, in creation order (literal strings). */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: BackupAlarmsProps) {
    super(scope, id);
    requireProps(this, props, { name: 'string', vaultName: 'string', topicArn: 'string' });
    const kinds = props.kinds ?? ['jobsFailed', 'jobsAborted', 'jobsExpired'];
    validate(this, props, kinds);
    const period = props.periodInSeconds ?? 300;
    const threshold = props.threshold ?? 1;
    const alarms: Partial<Record<BackupAlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];
    for (const kind of kinds) {
      const m = BACKUP_ALARM_METRICS[kind];
      const alarmName = `${props.name}-${m.suffix}`;
      alarms[kind] = new CloudwatchMetricAlarm(this, m.suffix, {
        alarmName,
        alarmDescription: `${m.what} in backup vault ${props.vaultName} (AWS/Backup ${m.metricName})`,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        metricQuery: [
          {
            id: 'jobs',
            label: m.metricName,
            expression: `SELECT SUM(${m.metricName}) FROM "AWS/Backup" WHERE BackupVaultName = '${props.vaultName}'`,
            period,
            returnData: true,
          },
        ],
        treatMissingData: props.treatMissingData ?? 'notBreaching',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
        tags: props.tags ? { ...props.tags } : undefined,
      });
      names.push(alarmName);
    }
    const first = Object.values(alarms)[0];
    if (first) addThresholdPlanChecks(first, props, BACKUP_THRESHOLD_RULES, '');
    this.alarms = alarms;
    this.alarmNames = names;
  }
}

function validate(scope: Construct, props: BackupAlarmsProps, kinds: BackupAlarmKind[]): void {
  const v = new Validator(scope);
  v.checkOptional(
    props.name,
    (n) => NAME_RE.test(n),
    'name',
    "is not an alarm name prefix (1-200 letters, digits, '-', '_')",
    'use a prefix such as "platform-backup"',
  );
  // The vault name is quoted inside a query: only the vault-name alphabet is accepted.
  v.checkOptional(
    props.vaultName,
    (n) => isBackupVaultName(n),
    'vaultName',
    "is not a backup vault name (2-50 letters, digits, '-', '_')",
    'pass BackupVault.vaultName or the literal vault name',
  );
  checkTopicArn(v, props.topicArn);
  v.check(
    kinds.length > 0 && kinds.every((k) => KINDS.includes(k)) && new Set(kinds).size === kinds.length,
    'kinds',
    kinds,
    `must list distinct alarm kinds (${KINDS.join(', ')})`,
    'list each kind once, e.g. ["jobsFailed", "copyJobsFailed"]',
  );
  checkAlarmThreshold(v, 'threshold', props.threshold, BACKUP_THRESHOLD_RULES.threshold);
  v.checkOptional(
    props.periodInSeconds,
    (p) => Number.isInteger(p) && p % 60 === 0 && p >= 60 && p <= 86400,
    'periodInSeconds',
    'must be a multiple of 60 from 60 to 86400',
    'use 300 (AWS Backup publishes every 5 minutes) or 3600',
  );
  v.check(
    props.treatMissingData === undefined || TREAT_MISSING_DATA.includes(props.treatMissingData),
    'treatMissingData',
    props.treatMissingData,
    `is not one of ${TREAT_MISSING_DATA.join(', ')}`,
    'use "notBreaching" (default)',
  );
  v.throwIfInvalid();
}
