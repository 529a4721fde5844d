import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { MetricAlarmSpec, checkThresholds, checkTopicArn, createMetricAlarm } from './alarm-builder';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  PERCENT_SCALE,
  ThresholdRule,
  addThresholdPlanChecks,
} from './thresholds';

/** The cache as the alarms need it; `ElastiCacheReplicationGroup` satisfies it. */
export interface ElastiCacheAlarmTarget {
  /** Replication group id (literal: it names the alarms). */
  readonly replicationGroupId: string;
  /** Node ids (`<group>-001`, ...), the `CacheClusterId` dimension; literal. */
  readonly memberClusterIds: readonly string[];
}

/** Thresholds of {@link ElastiCacheAlarms}. */
export interface ElastiCacheAlarmThresholds {
  /**
   * Host CPU (`CPUUtilization`, %, 5-minute average, 3 periods). The host metric matters most on
   * nodes with 2 vCPUs or fewer (all `t4g` nodes), where the engine thread and the OS share cores.
   * @default 90
   */
  readonly cpuPercent?: number;
  /** Engine thread CPU (`EngineCPUUtilization`, %, 5-minute average, 3 periods). @default 90 */
  readonly engineCpuPercent?: number;
  /**
   * Memory used of `maxmemory` (`DatabaseMemoryUsagePercentage`, %, 5-minute maximum, 3 periods);
   * beyond 100 % the engine evicts (or refuses writes with `noeviction`).
   * @default 80
   */
  readonly memoryUsedPercent?: number;
  /**
   * Keys evicted per 5 minutes (`Evictions`, sum). A cache that evicts under normal load needs
   * a bigger node; for a queue broker or session store set 0 (any eviction loses data).
   * @default 100
   */
  readonly evictions?: number;
  /** Open client connections per node (`CurrConnections`, 5-minute maximum, 3 periods): a leak or a storm. @default 1000 */
  readonly currentConnections?: number;
  /** Replica lag behind the primary (`ReplicationLag`, seconds, 1-minute maximum, 5 periods). @default 10 */
  readonly replicationLagSeconds?: number;
}

/** The alarms {@link ElastiCacheAlarms} creates per node. */
export type ElastiCacheAlarmKind =
  'cpu' | 'engineCpu' | 'memory' | 'evictions' | 'connections' | 'replicationLag';

/** Props of {@link ElastiCacheAlarms}. */
export interface ElastiCacheAlarmsProps {
  /** The cache to watch, e.g. an `ElastiCacheReplicationGroup`. */
  readonly cache: ElastiCacheAlarmTarget;
  /** SNS topic every alarm notifies on ALARM and OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /** @default - the defaults documented on {@link ElastiCacheAlarmThresholds} */
  readonly thresholds?: ElastiCacheAlarmThresholds;
  /** Alarms to leave out, e.g. `['evictions']` for a pure cache. @default [] */
  readonly disabled?: readonly ElastiCacheAlarmKind[];
}

export const DEFAULT_ELASTICACHE_THRESHOLDS: Required<ElastiCacheAlarmThresholds> = {
  cpuPercent: 90,
  engineCpuPercent: 90,
  memoryUsedPercent: 80,
  evictions: 100,
  currentConnections: 1000,
  replicationLagSeconds: 10,
};

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const RULES: Readonly<Record<keyof ElastiCacheAlarmThresholds, ThresholdRule>> = {
  cpuPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 90 },
  engineCpuPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 90 },
  memoryUsedPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 80 },
  evictions: { comparison: 'GreaterThanThreshold', scale: COUNT_SCALE, limit: 1e9, example: 100 },
  currentConnections: {
    comparison: 'GreaterThanThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 65000,
    example: 1000,
  },
  replicationLagSeconds: {
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    limit: 3600,
    example: 10,
  },
};
const KINDS: readonly ElastiCacheAlarmKind[] = [
  'cpu',
  'engineCpu',
  'memory',
  'evictions',
  'connections',
  'replicationLag',
];

/**
 * CloudWatch alarms for every node of a Valkey/Redis OSS replication group (`AWS/ElastiCache`,
 * dimension `CacheClusterId`), notifying one topic on ALARM and OK.
 *
 * | Alarm (`<node>-...`)   | Metric                                  | Period x evaluation | Fires when  | Missing data |
 * |------------------------|-----------------------------------------|---------------------|-------------|--------------|
 * | `cpu-high`             | CPUUtilization, Average                 | 5 min, 3 of 3       | > 90 %      | missing      |
 * | `engine-cpu-high`      | EngineCPUUtilization, Average           | 5 min, 3 of 3       | > 90 %      | missing      |
 * | `memory-high`          | DatabaseMemoryUsagePercentage, Maximum  | 5 min, 3 of 3       | > 80 %      | missing      |
 * | `evictions`            | Evictions, Sum                          | 5 min, 1 of 1       | > 100       | notBreaching |
 * | `connections-high`     | CurrConnections, Maximum                | 5 min, 3 of 3       | > 1000      | missing      |
 * | `replication-lag-high` | ReplicationLag, Maximum (2+ nodes only) | 1 min, 5 of 5       | > 10 s      | notBreaching |
 *
 * Missing data: a node that stops reporting keeps its last state (`missing`) rather than paging
 * during a planned replacement; ElastiCache events (failover, node replacement) report those.
 * Evictions and replication lag are `notBreaching`: no datum means nothing was evicted, and the
 * primary of the moment (any node, after a failover) publishes no lag.
 */
export class ElastiCacheAlarms extends Construct {
  /** Alarm names, in creation order (node by node). */
  public readonly alarmNames: readonly string[];
  public readonly alarmArns: readonly string[];
  /** Alarms by node id and kind. */
  public readonly alarms: Readonly<
    Record<string, Partial<Record<ElastiCacheAlarmKind, CloudwatchMetricAlarm>>>
  >;
  /** Thresholds in effect. */
  public readonly thresholds: Required<ElastiCacheAlarmThresholds>;

  constructor(scope: Construct, id: string, props: ElastiCacheAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      cache: 'object',
      'cache.memberClusterIds': 'list',
      topicArn: 'string',
      'disabled?': 'list',
    });
    const v = new Validator(this);
    const nodes = props.cache.memberClusterIds;
    v.checkLiteral(
      Array.isArray(nodes) && nodes.length > 0,
      'cache.memberClusterIds',
      nodes,
      'must be a literal, non-empty list of node ids (they name the alarms)',
      'pass the ElastiCacheReplicationGroup, or ids such as ["app-cache-001"]',
    );
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
    const t: Required<ElastiCacheAlarmThresholds> = { ...DEFAULT_ELASTICACHE_THRESHOLDS, ...given };
    this.thresholds = t;
    const disabled = new Set(props.disabled ?? []);
    const replicated = nodes.length > 1;

    const names: string[] = [];
    const arns: string[] = [];
    const alarms: Record<string, Partial<Record<ElastiCacheAlarmKind, CloudwatchMetricAlarm>>> = {};
    for (const node of nodes) {
      const dims = { CacheClusterId: node };
      const base = {
        namespace: 'AWS/ElastiCache',
        dimensions: dims,
        comparisonOperator: 'GreaterThanThreshold' as const,
      };
      const specs: [ElastiCacheAlarmKind, string, Omit<MetricAlarmSpec, 'alarmName'>][] = [
        [
          'cpu',
          'cpu-high',
          {
            ...base,
            description: `Host CPU of cache node ${node} above ${t.cpuPercent}% for 15 minutes.`,
            metricName: 'CPUUtilization',
            statistic: 'Average',
            periodSeconds: 300,
            threshold: t.cpuPercent,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: 'missing',
          },
        ],
        [
          'engineCpu',
          'engine-cpu-high',
          {
            ...base,
            description: `Engine thread CPU of cache node ${node} above ${t.engineCpuPercent}% for 15 minutes: commands queue up.`,
            metricName: 'EngineCPUUtilization',
            statistic: 'Average',
            periodSeconds: 300,
            threshold: t.engineCpuPercent,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: 'missing',
          },
        ],
        [
          'memory',
          'memory-high',
          {
            ...base,
            description: `Cache node ${node} uses more than ${t.memoryUsedPercent}% of maxmemory for 15 minutes.`,
            metricName: 'DatabaseMemoryUsagePercentage',
            statistic: 'Maximum',
            periodSeconds: 300,
            threshold: t.memoryUsedPercent,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: 'missing',
          },
        ],
        [
          'evictions',
          'evictions',
          {
            ...base,
            description: `Cache node ${node} evicted more than ${t.evictions} keys in 5 minutes: memory is full.`,
            metricName: 'Evictions',
            statistic: 'Sum',
            periodSeconds: 300,
            threshold: t.evictions,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: 'notBreaching',
          },
        ],
        [
          'connections',
          'connections-high',
          {
            ...base,
            description: `More than ${t.currentConnections} client connections to cache node ${node} for 15 minutes.`,
            metricName: 'CurrConnections',
            statistic: 'Maximum',
            periodSeconds: 300,
            threshold: t.currentConnections,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: 'missing',
          },
        ],
      ];
      if (replicated) {
        specs.push([
          'replicationLag',
          'replication-lag-high',
          {
            ...base,
            description: `Cache node ${node} is more than ${t.replicationLagSeconds} s behind the primary for 5 minutes (replicas only).`,
            metricName: 'ReplicationLag',
            statistic: 'Maximum',
            periodSeconds: 60,
            threshold: t.replicationLagSeconds,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            treatMissingData: 'notBreaching',
          },
        ]);
      }
      alarms[node] = {};
      for (const [kind, suffix, spec] of specs) {
        if (disabled.has(kind)) continue;
        const alarmName = `${node}-${suffix}`;
        const alarm = createMetricAlarm(this, `${node}-${suffix}`, { ...spec, alarmName }, props.topicArn);
        alarms[node][kind] = alarm;
        names.push(alarmName);
        arns.push(alarm.arn);
      }
    }
    this.alarms = alarms;
    const first = Object.values(alarms).flatMap((byNode) => Object.values(byNode ?? {}))[0];
    if (first) addThresholdPlanChecks(first, t, RULES);
    this.alarmNames = names;
    this.alarmArns = arns;
  }
}
