import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { MetricAlarmSpec, checkThresholds, checkTopicArn, createMetricAlarm } from './alarm-builder';
import { PERCENT_SCALE, ThresholdRule, addThresholdPlanChecks } from './thresholds';

/** The domain as the alarms need it; `OpenSearchDomain` satisfies it. */
export interface OpenSearchAlarmTarget {
  /** Domain name (literal: it names the alarms and is the `DomainName` dimension). */
  readonly domainName: string;
  /** Domain ARN: its account is the `ClientId` dimension every OpenSearch metric carries. */
  readonly domainArn: string;
  /** Data nodes (the yellow-status alarm is off by default for one node). */
  readonly instanceCount: number;
  /** Volume of each data node in GiB (the free-storage threshold is a share of it). */
  readonly volumeSizeInGiB: number;
  /** Dedicated masters; master alarms are created when there are any. */
  readonly dedicatedMasterCount: number;
}

/** Thresholds of {@link OpenSearchAlarms}. */
export interface OpenSearchAlarmThresholds {
  /** Free storage of the fullest node as a share of its volume (%); below it the alarm fires. @default 25 */
  readonly freeStoragePercent?: number;
  /** Data node CPU (`CPUUtilization`, %, 5-minute maximum, 3 periods). @default 80 */
  readonly cpuPercent?: number;
  /** Data node JVM heap in use (`JVMMemoryPressure`, %, 5-minute maximum, 3 periods); at 92 % writes are blocked. @default 85 */
  readonly jvmMemoryPressurePercent?: number;
  /** Master CPU (`MasterCPUUtilization`, %, 5-minute maximum, 3 periods). @default 50 */
  readonly masterCpuPercent?: number;
  /** Master JVM heap (`MasterJVMMemoryPressure`, %, 5-minute maximum, 3 periods). @default 85 */
  readonly masterJvmMemoryPressurePercent?: number;
}

/** The alarms {@link OpenSearchAlarms} can create. */
export type OpenSearchAlarmKind =
  | 'clusterRed'
  | 'clusterYellow'
  | 'freeStorage'
  | 'indexWritesBlocked'
  | 'snapshotFailure'
  | 'cpu'
  | 'jvmMemoryPressure'
  | 'masterCpu'
  | 'masterJvmMemoryPressure'
  | 'kmsKeyError'
  | 'kmsKeyInaccessible';

/** Props of {@link OpenSearchAlarms}. */
export interface OpenSearchAlarmsProps {
  /** The domain to watch, e.g. an `OpenSearchDomain`. */
  readonly domain: OpenSearchAlarmTarget;
  /** SNS topic every alarm notifies on ALARM and OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /** @default - the defaults documented on {@link OpenSearchAlarmThresholds} */
  readonly thresholds?: OpenSearchAlarmThresholds;
  /**
   * Alarm on yellow cluster status (replica shards unassigned). A single-node domain is yellow
   * whenever an index has replicas, so this is off for one data node.
   * @default true with two or more data nodes
   */
  readonly clusterYellow?: boolean;
  /** Alarms to leave out. @default [] */
  readonly disabled?: readonly OpenSearchAlarmKind[];
}

export const DEFAULT_OPENSEARCH_THRESHOLDS: Required<OpenSearchAlarmThresholds> = {
  freeStoragePercent: 25,
  cpuPercent: 80,
  jvmMemoryPressurePercent: 85,
  masterCpuPercent: 50,
  masterJvmMemoryPressurePercent: 85,
};

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const RULES: Readonly<Record<keyof OpenSearchAlarmThresholds, ThresholdRule>> = {
  freeStoragePercent: {
    comparison: 'LessThanOrEqualToThreshold',
    scale: PERCENT_SCALE,
    example: 25,
    literal: true,
  },
  cpuPercent: { comparison: 'GreaterThanOrEqualToThreshold', scale: PERCENT_SCALE, example: 80 },
  jvmMemoryPressurePercent: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: PERCENT_SCALE,
    example: 85,
  },
  masterCpuPercent: { comparison: 'GreaterThanOrEqualToThreshold', scale: PERCENT_SCALE, example: 50 },
  masterJvmMemoryPressurePercent: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: PERCENT_SCALE,
    example: 85,
  },
};
const KINDS: readonly OpenSearchAlarmKind[] = [
  'clusterRed',
  'clusterYellow',
  'freeStorage',
  'indexWritesBlocked',
  'snapshotFailure',
  'cpu',
  'jvmMemoryPressure',
  'masterCpu',
  'masterJvmMemoryPressure',
  'kmsKeyError',
  'kmsKeyInaccessible',
];

/**
 * The CloudWatch alarms AWS recommends for an OpenSearch Service domain (`AWS/ES`, dimensions
 * `DomainName` and `ClientId`), notifying one topic on ALARM and OK.
 *
 * | Alarm (`<domain>-...`)         | Metric                                     | Period x evaluation | Fires when          | Missing data |
 * |--------------------------------|--------------------------------------------|---------------------|---------------------|--------------|
 * | `cluster-red`                  | ClusterStatus.red, Maximum                 | 1 min, 1 of 1       | >= 1                | missing      |
 * | `cluster-yellow` (2+ nodes)    | ClusterStatus.yellow, Maximum              | 1 min, 5 of 5       | >= 1                | missing      |
 * | `free-storage-low`             | FreeStorageSpace (MiB), Minimum            | 1 min, 1 of 1       | <= 25 % of a volume | missing      |
 * | `index-writes-blocked`         | ClusterIndexWritesBlocked, Maximum         | 5 min, 1 of 1       | >= 1                | notBreaching |
 * | `automated-snapshot-failure`   | AutomatedSnapshotFailure, Maximum          | 1 min, 1 of 1       | >= 1                | notBreaching |
 * | `cpu-high`                     | CPUUtilization, Maximum                    | 5 min, 3 of 3       | >= 80 %             | missing      |
 * | `jvm-memory-pressure-high`     | JVMMemoryPressure, Maximum                 | 5 min, 3 of 3       | >= 85 %             | missing      |
 * | `master-cpu-high` (masters)    | MasterCPUUtilization, Maximum              | 5 min, 3 of 3       | >= 50 %             | missing      |
 * | `master-jvm-memory-pressure-high` (masters) | MasterJVMMemoryPressure, Maximum | 5 min, 3 of 3   | >= 85 %             | missing      |
 * | `kms-key-error`                | KMSKeyError, Maximum                       | 1 min, 1 of 1       | >= 1                | notBreaching |
 * | `kms-key-inaccessible`         | KMSKeyInaccessible, Maximum                | 1 min, 1 of 1       | >= 1                | notBreaching |
 *
 * Missing data: status, storage and load alarms keep their state when the domain stops reporting
 * (during a blue/green change or a new domain's first minutes) instead of paging; event metrics
 * (blocked writes, snapshot failures, KMS errors) report only when something happens, so no
 * datum means nothing happened.
 */
export class OpenSearchAlarms extends Construct {
  public readonly alarmNames: readonly string[];
  public readonly alarmArns: readonly string[];
  /** Alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<OpenSearchAlarmKind, CloudwatchMetricAlarm>>>;
  /** Thresholds in effect. */
  public readonly thresholds: Required<OpenSearchAlarmThresholds>;

  constructor(scope: Construct, id: string, props: OpenSearchAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      domain: 'object',
      'domain.domainName': 'string',
      'domain.domainArn': 'string',
      topicArn: 'string',
      'disabled?': 'list',
    });
    const d = props.domain;
    const v = new Validator(this);
    v.checkLiteral(
      typeof d.domainName === 'string' && d.domainName !== '',
      'domain.domainName',
      d.domainName,
      'must be a literal domain name (it names the alarms)',
      'pass the OpenSearchDomain, or { domainName: "sentiment-dev", ... }',
    );
    v.checkIntRange(d.instanceCount, 1, 1000, 'domain.instanceCount');
    v.checkRange(d.volumeSizeInGiB, 1, 1e6, 'domain.volumeSizeInGiB');
    v.checkIntRange(d.dedicatedMasterCount, 0, 5, 'domain.dedicatedMasterCount');
    checkTopicArn(v, props.topicArn);
    checkThresholds(v, props.thresholds, RULES);
    const unknown = (props.disabled ?? []).filter((k) => !KINDS.includes(k));
    v.check(
      unknown.length === 0,
      'disabled',
      unknown,
      'names alarms that do not exist',
      `use ${KINDS.join(', ')}`,
    );
    v.throwIfInvalid();

    const given = Object.fromEntries(
      Object.entries(props.thresholds ?? {}).filter(([, value]) => value !== undefined),
    );
    const t: Required<OpenSearchAlarmThresholds> = { ...DEFAULT_OPENSEARCH_THRESHOLDS, ...given };
    this.thresholds = t;
    const disabled = new Set(props.disabled ?? []);
    if (!(props.clusterYellow ?? d.instanceCount > 1)) disabled.add('clusterYellow');
    if (d.dedicatedMasterCount === 0) {
      disabled.add('masterCpu');
      disabled.add('masterJvmMemoryPressure');
    }

    const dims = { DomainName: d.domainName, ClientId: accountOf(d.domainArn) };
    const freeMiB = Math.floor((d.volumeSizeInGiB * 1024 * t.freeStoragePercent) / 100);
    const status = (color: 'red' | 'yellow', periods: number): Omit<MetricAlarmSpec, 'alarmName'> => ({
      description:
        color === 'red'
          ? `OpenSearch domain ${d.domainName} is red: at least one primary shard is unassigned (data unavailable).`
          : `OpenSearch domain ${d.domainName} has been yellow for ${periods} minutes: replica shards are unassigned.`,
      namespace: 'AWS/ES',
      metricName: `ClusterStatus.${color}`,
      statistic: 'Maximum',
      periodSeconds: 60,
      dimensions: dims,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: 'missing',
    });
    const event = (
      metricName: string,
      description: string,
      periodSeconds = 60,
    ): Omit<MetricAlarmSpec, 'alarmName'> => ({
      description,
      namespace: 'AWS/ES',
      metricName,
      statistic: 'Maximum',
      periodSeconds,
      dimensions: dims,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'notBreaching',
    });
    const load = (
      metricName: string,
      threshold: number,
      description: string,
    ): Omit<MetricAlarmSpec, 'alarmName'> => ({
      description,
      namespace: 'AWS/ES',
      metricName,
      statistic: 'Maximum',
      periodSeconds: 300,
      dimensions: dims,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: 'missing',
    });
    const specs: [OpenSearchAlarmKind, string, Omit<MetricAlarmSpec, 'alarmName'>][] = [
      ['clusterRed', 'cluster-red', status('red', 1)],
      ['clusterYellow', 'cluster-yellow', status('yellow', 5)],
      [
        'freeStorage',
        'free-storage-low',
        {
          description: `A data node of ${d.domainName} has ${freeMiB} MiB (${t.freeStoragePercent}% of ${d.volumeSizeInGiB} GiB) or less free; at 20 GiB or 5 % free, writes are blocked.`,
          namespace: 'AWS/ES',
          metricName: 'FreeStorageSpace',
          statistic: 'Minimum',
          periodSeconds: 60,
          dimensions: dims,
          comparisonOperator: 'LessThanOrEqualToThreshold',
          threshold: freeMiB,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          treatMissingData: 'missing',
        },
      ],
      [
        'indexWritesBlocked',
        'index-writes-blocked',
        event(
          'ClusterIndexWritesBlocked',
          `OpenSearch domain ${d.domainName} is blocking writes (storage or memory pressure).`,
          300,
        ),
      ],
      [
        'snapshotFailure',
        'automated-snapshot-failure',
        event(
          'AutomatedSnapshotFailure',
          `The automated snapshot of OpenSearch domain ${d.domainName} failed (often: red status).`,
        ),
      ],
      [
        'cpu',
        'cpu-high',
        load(
          'CPUUtilization',
          t.cpuPercent,
          `Data node CPU of ${d.domainName} at or above ${t.cpuPercent}% for 15 minutes.`,
        ),
      ],
      [
        'jvmMemoryPressure',
        'jvm-memory-pressure-high',
        load(
          'JVMMemoryPressure',
          t.jvmMemoryPressurePercent,
          `JVM heap of a ${d.domainName} data node at or above ${t.jvmMemoryPressurePercent}% for 15 minutes; at 92 % writes are blocked.`,
        ),
      ],
      [
        'masterCpu',
        'master-cpu-high',
        load(
          'MasterCPUUtilization',
          t.masterCpuPercent,
          `Master CPU of ${d.domainName} at or above ${t.masterCpuPercent}% for 15 minutes.`,
        ),
      ],
      [
        'masterJvmMemoryPressure',
        'master-jvm-memory-pressure-high',
        load(
          'MasterJVMMemoryPressure',
          t.masterJvmMemoryPressurePercent,
          `Master JVM heap of ${d.domainName} at or above ${t.masterJvmMemoryPressurePercent}% for 15 minutes.`,
        ),
      ],
      [
        'kmsKeyError',
        'kms-key-error',
        event(
          'KMSKeyError',
          `The KMS key of OpenSearch domain ${d.domainName} is disabled: the domain cannot read its data.`,
        ),
      ],
      [
        'kmsKeyInaccessible',
        'kms-key-inaccessible',
        event(
          'KMSKeyInaccessible',
          `The KMS key of OpenSearch domain ${d.domainName} was deleted or its grants revoked.`,
        ),
      ],
    ];

    const alarms: Partial<Record<OpenSearchAlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];
    for (const [kind, suffix, spec] of specs) {
      if (disabled.has(kind)) continue;
      const alarmName = `${d.domainName}-${suffix}`;
      alarms[kind] = createMetricAlarm(this, suffix, { ...spec, alarmName }, props.topicArn);
      names.push(alarmName);
    }
    this.alarms = alarms;
    const first = Object.values(alarms)[0];
    if (first) addThresholdPlanChecks(first, t, RULES);
    this.alarmNames = names;
    this.alarmArns = Object.values(alarms).map((a) => a.arn);
  }
}

/** The account of an ARN: literal when the ARN is, else a Terraform expression. */
function accountOf(arn: string): string {
  if (!Token.isUnresolved(arn)) return arn.split(':')[4] ?? '';
  return Token.asString(Fn.element(Fn.split(':', arn), 4));
}
