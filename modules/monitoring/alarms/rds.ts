import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, isUnresolved, requireProps } from '../../core/validation';
import { Tags } from '../../core/tags';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  PERCENT_SCALE,
  ThresholdRule,
  checkAlarmThreshold,
  addThresholdPlanChecks,
} from './thresholds';

/** The alarms {@link RdsInstanceAlarms} can create. */
export type RdsAlarmKind =
  | 'cpu'
  | 'freeStorage'
  | 'freeStoragePercent'
  | 'connections'
  | 'freeableMemory'
  | 'readLatency'
  | 'writeLatency';

/** What CloudWatch does with periods that have no data. */
export type RdsTreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

/** The DB instance the alarms watch (a `PostgresInstance` has these attributes). */
export interface RdsAlarmTarget {
  /** DB instance identifier: the `DBInstanceIdentifier` dimension. */
  readonly instanceId: string;
  /** Instance class, e.g. `db.t4g.micro`: sets the memory-based defaults. @default - unknown */
  readonly instanceClass?: string;
  /** Allocated storage in GiB: the base of the free-storage percentage. @default - unknown */
  readonly allocatedStorageInGiB?: number;
}

/** Thresholds; each alarm fires when the metric is beyond it for the whole evaluation. */
export interface RdsAlarmThresholds {
  /** Average CPU above this percentage for 15 minutes. @default 80 */
  readonly cpuUtilizationPercent?: number;
  /** Free storage below this many GiB for 10 minutes. @default 2 */
  readonly freeStorageSpaceInGiB?: number;
  /**
   * Free storage below this percentage of `allocatedStorageInGiB` for 10 minutes (needs
   * `allocatedStorageInGiB`).
   * @default 10
   */
  readonly freeStorageSpacePercent?: number;
  /**
   * More than this many connections for 15 minutes.
   * @default - 80% of the estimated `max_connections` of the instance class (see {@link estimatedMaxConnections})
   */
  readonly databaseConnections?: number;
  /**
   * Freeable memory below this many MiB for 15 minutes.
   * @default - 10% of the instance class's memory
   */
  readonly freeableMemoryInMiB?: number;
  /** Average read latency above this many milliseconds for 15 minutes. @default - no alarm */
  readonly readLatencyInMs?: number;
  /** Average write latency above this many milliseconds for 15 minutes. @default - no alarm */
  readonly writeLatencyInMs?: number;
}

/** Props of {@link RdsInstanceAlarms}. */
export interface RdsInstanceAlarmsProps {
  /** The instance to watch. */
  readonly instance: RdsAlarmTarget;
  /** SNS topic notified on ALARM and on OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /**
   * Prefix of the alarm names (`<prefix>-cpu-high`, ...), 1-200 letters, digits, '-', '_'.
   * @default - the instance identifier
   */
  readonly alarmNamePrefix?: string;
  /** Thresholds. @default - see {@link RdsAlarmThresholds} */
  readonly thresholds?: RdsAlarmThresholds;
  /** Alarms to leave out, e.g. `['freeStoragePercent']`. @default [] */
  readonly disabledAlarms?: RdsAlarmKind[];
  /**
   * How periods without data count. `missing` keeps the alarm's state while the instance is
   * stopped or being replaced (no data is not an outage signal for these resource metrics; an
   * instance that is down shows in RDS events).
   * @default 'missing'
   */
  readonly treatMissingData?: RdsTreatMissingData;
  /** Tags for the alarms. @default - none */
  readonly tags?: Tags;
}

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const RDS_THRESHOLD_RULES: Readonly<Record<keyof RdsAlarmThresholds, ThresholdRule>> = {
  cpuUtilizationPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 80 },
  freeStorageSpacePercent: { comparison: 'LessThanThreshold', scale: PERCENT_SCALE, example: 10 },
  freeStorageSpaceInGiB: {
    comparison: 'LessThanThreshold',
    scale: AMOUNT_SCALE,
    limit: 65536,
    example: 2,
    literal: true,
  },
  databaseConnections: {
    comparison: 'GreaterThanThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 100000,
    example: 100,
  },
  freeableMemoryInMiB: {
    literal: true,
    comparison: 'LessThanThreshold',
    scale: AMOUNT_SCALE,
    limit: 4 * 1024 * 1024,
    example: 512,
  },
  readLatencyInMs: {
    literal: true,
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    floor: 0.1,
    limit: 60000,
    example: 20,
  },
  writeLatencyInMs: {
    literal: true,
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    floor: 0.1,
    limit: 60000,
    example: 20,
  },
};

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
/** RDS for PostgreSQL's default: max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000). */
const BYTES_PER_CONNECTION = 9531392;
/**
 * DBInstanceClassMemory is the class's memory minus what the OS and RDS processes reserve; 75% is
 * a deliberately low estimate, so a derived connection threshold errs on the early side.
 */
const CLASS_MEMORY_SHARE = 0.75;
const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const SNS_ARN_RE = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** Memory in GiB per size of the burstable (t), general-purpose (m) and memory-optimised (r) classes. */
const SIZE_FACTOR: Readonly<Record<string, number>> = {
  micro: 1 / 8,
  small: 1 / 4,
  medium: 1 / 2,
  large: 1,
  xlarge: 2,
};
const FAMILY_BASE_GIB: Readonly<Record<string, number>> = { t: 8, m: 8, r: 16 };

/**
 * Memory of an RDS instance class in GiB, for the classes whose size follows the usual pattern
 * (`db.t3`/`db.t4g`: micro 1, small 2, medium 4, large 8; `db.m*`: large 8, xlarge 16, Nxlarge
 * 16N; `db.r*`: large 16, Nxlarge 32N); undefined otherwise (`db.x2g`, `db.z1d`, `...metal`).
 */
export function rdsInstanceMemoryInGiB(instanceClass: string): number | undefined {
  const m = /^db\.([tmr])\d+[a-z]*\.(micro|small|medium|large|xlarge|(\d+)xlarge)$/.exec(instanceClass);
  if (!m) return undefined;
  const base = FAMILY_BASE_GIB[m[1]];
  const factor = m[3] !== undefined ? 2 * Number(m[3]) : SIZE_FACTOR[m[2]];
  if ((m[1] !== 't' && factor < 1) || (m[1] === 't' && factor > 4)) return undefined;
  return base * factor;
}

/** A conservative estimate of PostgreSQL's default `max_connections` on a class; undefined if unknown. */
export function estimatedMaxConnections(instanceClass: string): number | undefined {
  const gib = rdsInstanceMemoryInGiB(instanceClass);
  if (gib === undefined) return undefined;
  return Math.min(5000, Math.floor((gib * GIB * CLASS_MEMORY_SHARE) / BYTES_PER_CONNECTION));
}

interface AlarmSpec {
  readonly kind: RdsAlarmKind;
  readonly suffix: string;
  readonly description: string;
  readonly comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  readonly periods: number;
  readonly metricName?: string;
  readonly statistic?: 'Average' | 'Minimum' | 'Maximum';
  readonly expression?: string;
}

/**
 * CloudWatch alarms on one RDS DB instance (namespace `AWS/RDS`, dimension
 * `DBInstanceIdentifier`), each notifying a topic on ALARM and OK.
 *
 * | alarm (`<prefix>-...`)  | metric, statistic                         | period x evaluation | fires when                   |
 * |-------------------------|-------------------------------------------|---------------------|------------------------------|
 * | `cpu-high`              | CPUUtilization, Average                   | 5 min, 3 of 3       | > 80 %                       |
 * | `free-storage-low`      | FreeStorageSpace, Minimum                 | 5 min, 2 of 2       | < 2 GiB                      |
 * | `free-storage-percent-low` | 100 x FreeStorageSpace / allocated     | 5 min, 2 of 2       | < 10 % of allocated storage  |
 * | `connections-high`      | DatabaseConnections, Maximum              | 5 min, 3 of 3       | > 80 % of est. max_connections |
 * | `freeable-memory-low`   | FreeableMemory, Minimum                   | 5 min, 3 of 3       | < 10 % of the class's memory |
 * | `read-latency-high`     | ReadLatency, Average (opt-in)             | 5 min, 3 of 3       | > threshold ms               |
 * | `write-latency-high`    | WriteLatency, Average (opt-in)            | 5 min, 3 of 3       | > threshold ms               |
 *
 * With storage autoscaling the percentage is taken of `allocatedStorageInGiB` as given (the
 * initial size): after RDS grows the volume the alarm fires later than the true percentage would,
 * while the absolute alarm keeps watching what is left. RDS starts growing storage at 10% free.
 */
export class RdsInstanceAlarms extends Construct {
  /** The alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<RdsAlarmKind, CloudwatchMetricAlarm>>>;
  /** Alarm names in creation order (literal). */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: RdsInstanceAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      instance: 'object',
      'instance.instanceId': 'string',
      topicArn: 'string',
      'thresholds?': 'object',
      'disabledAlarms?': 'list',
    });
    const target = props.instance;
    const t = props.thresholds ?? {};
    const disabled = new Set(props.disabledAlarms ?? []);
    const prefix = props.alarmNamePrefix ?? target.instanceId;
    const memoryGiB =
      target.instanceClass === undefined || isUnresolved(target.instanceClass)
        ? undefined
        : rdsInstanceMemoryInGiB(target.instanceClass);
    const maxConnections =
      target.instanceClass === undefined || isUnresolved(target.instanceClass)
        ? undefined
        : estimatedMaxConnections(target.instanceClass);

    const v = new Validator(this);
    v.check(
      typeof prefix === 'string' && NAME_RE.test(prefix),
      props.alarmNamePrefix === undefined ? 'instance.instanceId' : 'alarmNamePrefix',
      prefix,
      'is not a usable alarm name prefix (1-200 letters, digits, "-", "_"; a token is not known at synth)',
      'pass alarmNamePrefix, e.g. "modelreg-prod-db"',
    );
    v.checkOptional(
      props.topicArn,
      (a) => SNS_ARN_RE.test(a),
      'topicArn',
      'is not an SNS topic ARN',
      'pass e.g. AlarmTopic.topicArn',
    );
    for (const [key, rule] of Object.entries(RDS_THRESHOLD_RULES)) {
      checkAlarmThreshold(v, `thresholds.${key}`, t[key as keyof RdsAlarmThresholds], rule);
    }
    v.checkIntRange(target.allocatedStorageInGiB, 20, 65536, 'instance.allocatedStorageInGiB');
    // Free space or memory can never reach the whole volume or the whole class: below that it always is.
    const allocated = target.allocatedStorageInGiB;
    if (
      typeof t.freeStorageSpaceInGiB === 'number' &&
      typeof allocated === 'number' &&
      !isUnresolved(allocated)
    ) {
      v.check(
        t.freeStorageSpaceInGiB < allocated,
        'thresholds.freeStorageSpaceInGiB',
        t.freeStorageSpaceInGiB,
        `is not below the allocated ${allocated} GiB: free storage is always below it, so the alarm would never clear`,
        `set it well below ${allocated} GiB, e.g. ${Math.max(1, Math.round(allocated / 10))}`,
      );
    }
    if (typeof t.freeableMemoryInMiB === 'number' && memoryGiB !== undefined) {
      v.check(
        t.freeableMemoryInMiB < memoryGiB * 1024,
        'thresholds.freeableMemoryInMiB',
        t.freeableMemoryInMiB,
        `is not below the ${memoryGiB * 1024} MiB of ${target.instanceClass}: freeable memory is always below it, so the alarm would never clear`,
        `set it well below, e.g. ${Math.round((memoryGiB * 1024) / 10)} (10%)`,
      );
    }
    v.check(
      disabled.has('freeStoragePercent') || target.allocatedStorageInGiB !== undefined,
      'instance.allocatedStorageInGiB',
      target.allocatedStorageInGiB,
      'is needed for the free-storage percentage alarm',
      'pass the allocated storage, or disable the alarm with disabledAlarms: ["freeStoragePercent"]',
    );
    v.check(
      disabled.has('connections') || t.databaseConnections !== undefined || maxConnections !== undefined,
      'thresholds.databaseConnections',
      t.databaseConnections,
      `has no default for instance class ${JSON.stringify(target.instanceClass)} (its memory is not known here)`,
      'set thresholds.databaseConnections (e.g. 80% of max_connections), or disable the "connections" alarm',
    );
    v.check(
      disabled.has('freeableMemory') || t.freeableMemoryInMiB !== undefined || memoryGiB !== undefined,
      'thresholds.freeableMemoryInMiB',
      t.freeableMemoryInMiB,
      `has no default for instance class ${JSON.stringify(target.instanceClass)} (its memory is not known here)`,
      'set thresholds.freeableMemoryInMiB (e.g. 10% of the memory), or disable the "freeableMemory" alarm',
    );
    v.check(
      props.treatMissingData === undefined ||
        ['missing', 'ignore', 'breaching', 'notBreaching'].includes(props.treatMissingData),
      'treatMissingData',
      props.treatMissingData,
      'must be "missing", "ignore", "breaching" or "notBreaching"',
      'use "missing" (default)',
    );
    v.throwIfInvalid();

    const cpu = t.cpuUtilizationPercent ?? 80;
    const freeGiB = t.freeStorageSpaceInGiB ?? 2;
    const freePercent = t.freeStorageSpacePercent ?? 10;
    const connections = t.databaseConnections ?? Math.max(1, Math.floor((maxConnections ?? 0) * 0.8));
    const memoryMiB = t.freeableMemoryInMiB ?? Math.round(((memoryGiB ?? 0) * 1024) / 10);
    const id_ = target.instanceId;
    const specs: AlarmSpec[] = [
      {
        kind: 'cpu',
        suffix: 'cpu-high',
        description: `CPU of RDS instance ${id_} above ${cpu}% for 15 minutes.`,
        comparison: 'GreaterThanThreshold',
        threshold: cpu,
        periods: 3,
        metricName: 'CPUUtilization',
        statistic: 'Average',
      },
      {
        kind: 'freeStorage',
        suffix: 'free-storage-low',
        description: `Free storage of RDS instance ${id_} below ${freeGiB} GiB for 10 minutes.`,
        comparison: 'LessThanThreshold',
        threshold: freeGiB * GIB,
        periods: 2,
        metricName: 'FreeStorageSpace',
        statistic: 'Minimum',
      },
      {
        kind: 'freeStoragePercent',
        suffix: 'free-storage-percent-low',
        description: `Free storage of RDS instance ${id_} below ${freePercent}% of ${target.allocatedStorageInGiB} GiB for 10 minutes.`,
        comparison: 'LessThanThreshold',
        threshold: freePercent,
        periods: 2,
        expression: `100 * free / ${(target.allocatedStorageInGiB ?? 0) * GIB}`,
      },
      {
        kind: 'connections',
        suffix: 'connections-high',
        description: `More than ${connections} connections to RDS instance ${id_} for 15 minutes.`,
        comparison: 'GreaterThanThreshold',
        threshold: connections,
        periods: 3,
        metricName: 'DatabaseConnections',
        statistic: 'Maximum',
      },
      {
        kind: 'freeableMemory',
        suffix: 'freeable-memory-low',
        description: `Freeable memory of RDS instance ${id_} below ${memoryMiB} MiB for 15 minutes.`,
        comparison: 'LessThanThreshold',
        threshold: memoryMiB * MIB,
        periods: 3,
        metricName: 'FreeableMemory',
        statistic: 'Minimum',
      },
    ];
    if (t.readLatencyInMs !== undefined) {
      specs.push({
        kind: 'readLatency',
        suffix: 'read-latency-high',
        description: `Read latency of RDS instance ${id_} above ${t.readLatencyInMs} ms for 15 minutes.`,
        comparison: 'GreaterThanThreshold',
        // CloudWatch reports latency in seconds.
        threshold: t.readLatencyInMs / 1000,
        periods: 3,
        metricName: 'ReadLatency',
        statistic: 'Average',
      });
    }
    if (t.writeLatencyInMs !== undefined) {
      specs.push({
        kind: 'writeLatency',
        suffix: 'write-latency-high',
        description: `Write latency of RDS instance ${id_} above ${t.writeLatencyInMs} ms for 15 minutes.`,
        comparison: 'GreaterThanThreshold',
        threshold: t.writeLatencyInMs / 1000,
        periods: 3,
        metricName: 'WriteLatency',
        statistic: 'Average',
      });
    }

    const alarms: Partial<Record<RdsAlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];
    const dimensions = { DBInstanceIdentifier: target.instanceId };
    for (const spec of specs.filter((s) => !disabled.has(s.kind))) {
      const name = `${prefix}-${spec.suffix}`;
      const config: CloudwatchMetricAlarmConfig = {
        alarmName: name,
        alarmDescription: spec.description,
        comparisonOperator: spec.comparison,
        threshold: spec.threshold,
        evaluationPeriods: spec.periods,
        datapointsToAlarm: spec.periods,
        treatMissingData: props.treatMissingData ?? 'missing',
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
        tags: props.tags,
        ...(spec.expression === undefined
          ? {
              namespace: 'AWS/RDS',
              metricName: spec.metricName,
              statistic: spec.statistic,
              period: 300,
              dimensions,
            }
          : {
              metricQuery: [
                {
                  id: 'free',
                  returnData: false,
                  metric: {
                    namespace: 'AWS/RDS',
                    metricName: 'FreeStorageSpace',
                    stat: 'Minimum',
                    period: 300,
                    dimensions,
                  },
                },
                { id: 'percent', expression: spec.expression, label: 'Free storage (%)', returnData: true },
              ],
            }),
      };
      alarms[spec.kind] = new CloudwatchMetricAlarm(this, spec.suffix, config);
      names.push(name);
    }
    this.alarms = alarms;
    const first = Object.values(alarms)[0];
    if (first) addThresholdPlanChecks(first, t, RDS_THRESHOLD_RULES);
    this.alarmNames = names;
  }
}
