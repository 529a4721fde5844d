import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator } from '../../core/validation';
import type { TreatMissingData } from '../treat-missing-data';
import {
  AMOUNT_SCALE,
  COUNT_SCALE,
  PERCENT_SCALE,
  ThresholdRule,
  checkAlarmThreshold,
  addThresholdPlanChecks,
} from './thresholds';

/** Namespace and metric names of Application Load Balancer metrics. */
export const ALB_METRICS = {
  namespace: 'AWS/ApplicationELB',
  elb5xx: 'HTTPCode_ELB_5XX_Count',
  target5xx: 'HTTPCode_Target_5XX_Count',
  requestCount: 'RequestCount',
  targetResponseTime: 'TargetResponseTime',
  unhealthyHostCount: 'UnHealthyHostCount',
  healthyHostCount: 'HealthyHostCount',
  rejectedConnectionCount: 'RejectedConnectionCount',
} as const;

/** The alarms {@link AlbAlarms} creates; per-target-group kinds exist once per group. */
export type AlbAlarmKind =
  | 'elb5xx'
  | 'target5xxRate'
  | 'responseTimeP90'
  | 'responseTimeP99'
  | 'rejectedConnections'
  | 'unhealthyHosts'
  | 'noHealthyHosts';

/** Thresholds of {@link AlbAlarms}; every field has a default. */
export interface AlbAlarmThresholds {
  /** 5xx responses the load balancer itself generated (no healthy target, timeouts) per 5 minutes. @default 10 */
  readonly elb5xxCount?: number;
  /** Target 5xx responses as a percentage of requests, per 5 minutes (0-100). @default 5 */
  readonly target5xxRatePercent?: number;
  /** Requests per 5 minutes below which the 5xx rate counts as 0 (a few errors in little traffic are noise). @default 20 */
  readonly minRequestCount?: number;
  /** p90 of target response time, in seconds. @default 1 */
  readonly responseTimeP90Seconds?: number;
  /** p99 of target response time, in seconds. @default 3 */
  readonly responseTimeP99Seconds?: number;
  /** Unhealthy targets in a group (maximum over a minute) that alarm. @default 1 */
  readonly unhealthyHostCount?: number;
  /** Connections rejected because the load balancer hit its connection limit, per 5 minutes. @default 1 */
  readonly rejectedConnectionCount?: number;
}

/** The defaults of {@link AlbAlarmThresholds}. */
export const DEFAULT_ALB_ALARM_THRESHOLDS: Required<AlbAlarmThresholds> = {
  elb5xxCount: 10,
  target5xxRatePercent: 5,
  minRequestCount: 20,
  responseTimeP90Seconds: 1,
  responseTimeP99Seconds: 3,
  unhealthyHostCount: 1,
  rejectedConnectionCount: 1,
};

/** A load balancer as the alarms need it (satisfied by `ApplicationLoadBalancer`). */
export interface AlbMetricsSource {
  /** `app/<name>/<id>`, the `LoadBalancer` dimension. */
  readonly arnSuffix: string;
}

/** A target group as the alarms need it (satisfied by `TargetGroup`). */
export interface AlbTargetGroupMetricsSource {
  /** `targetgroup/<name>/<id>`, the `TargetGroup` dimension. */
  readonly arnSuffix: string;
}

/** Props of {@link AlbAlarms}. */
export interface AlbAlarmsProps {
  /** Prefix of the alarm names, e.g. `orders-prod-alb` (1-200 letters, digits, '-', '_'). */
  readonly name: string;
  /** The load balancer to watch. */
  readonly loadBalancer: AlbMetricsSource;
  /**
   * Target groups whose host health is watched, by a short key used in alarm names and construct
   * ids (`api`, `grafana`; 1-40 letters, digits, '-'). Keep keys stable.
   * @default {} (no per-group alarms)
   */
  readonly targetGroups?: Readonly<Record<string, AlbTargetGroupMetricsSource>>;
  /** SNS topic every alarm notifies on ALARM and on OK (e.g. `AlarmTopic.topicArn`). */
  readonly topicArn: string;
  /** @default DEFAULT_ALB_ALARM_THRESHOLDS */
  readonly thresholds?: AlbAlarmThresholds;
  /**
   * Per-alarm override of how periods without data count.
   * @default - see the table on {@link AlbAlarms}
   */
  readonly treatMissingData?: Partial<Record<AlbAlarmKind, TreatMissingData>>;
  /**
   * Also alarm when a target group has no healthy target at all (the outage case, which
   * `unhealthyHosts` misses when the group is empty).
   * @default true
   */
  readonly noHealthyHostsAlarm?: boolean;
}

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const ALB_THRESHOLD_RULES: Readonly<
  Record<Exclude<keyof AlbAlarmThresholds, 'minRequestCount'>, ThresholdRule>
> = {
  elb5xxCount: { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, limit: 1e9, example: 10 },
  target5xxRatePercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 5 },
  responseTimeP90Seconds: {
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    floor: 0.001,
    limit: 4000,
    example: 1,
  },
  responseTimeP99Seconds: {
    comparison: 'GreaterThanThreshold',
    scale: AMOUNT_SCALE,
    floor: 0.001,
    limit: 4000,
    example: 3,
  },
  unhealthyHostCount: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 1000,
    example: 1,
  },
  rejectedConnectionCount: {
    comparison: 'GreaterThanOrEqualToThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 1e9,
    example: 1,
  },
};

const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const KEY_RE = /^[A-Za-z0-9-]{1,40}$/;
const TOPIC_RE = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const MISSING: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
const KINDS: readonly AlbAlarmKind[] = [
  'elb5xx',
  'target5xxRate',
  'responseTimeP90',
  'responseTimeP99',
  'rejectedConnections',
  'unhealthyHosts',
  'noHealthyHosts',
];

/**
 * CloudWatch alarms for an Application Load Balancer, each notifying an SNS topic on ALARM and OK.
 *
 * | alarm (`<name>-...`)          | metric                                               | period, datapoints | fires when      | missing data |
 * |-------------------------------|------------------------------------------------------|--------------------|-----------------|--------------|
 * | `elb-5xx`                     | HTTPCode_ELB_5XX_Count, Sum                          | 5 min, 2 of 2      | >= 10           | notBreaching: the metric is only published when there are errors |
 * | `target-5xx-rate`             | IF(requests >= 20, 100 * FILL(5xx, 0) / requests, 0) | 5 min, 2 of 3      | > 5 %           | notBreaching: no traffic is not an error |
 * | `response-time-p90`           | TargetResponseTime, p90                              | 5 min, 3 of 3      | > 1 s           | notBreaching: no requests, nothing slow |
 * | `response-time-p99`           | TargetResponseTime, p99                              | 5 min, 3 of 3      | > 3 s           | notBreaching |
 * | `rejected-connections`        | RejectedConnectionCount, Sum                         | 5 min, 1 of 1      | >= 1            | notBreaching: published only when connections are rejected |
 * | `<key>-unhealthy-hosts`       | UnHealthyHostCount, Maximum (per target group)       | 1 min, 3 of 3      | >= 1            | missing: a group not yet attached to a listener reports nothing |
 * | `<key>-no-healthy-hosts`      | HealthyHostCount, Minimum (per target group)         | 1 min, 2 of 2      | < 1             | breaching: an attached group always reports; silence means it has no targets to report on |
 *
 * Load balancer metrics carry only the `LoadBalancer` dimension; host counts carry `TargetGroup`
 * and `LoadBalancer`.
 */
export class AlbAlarms extends Construct {
  /** The alarms by name suffix (`elb-5xx`, `api-unhealthy-hosts`, ...). */
  public readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  /** Alarm names (literals), in creation order. */
  public readonly alarmNames: readonly string[];
  /** Thresholds in effect (defaults merged). */
  public readonly thresholds: Required<AlbAlarmThresholds>;

  constructor(scope: Construct, id: string, props: AlbAlarmsProps) {
    super(scope, id);
    validate(this, props);
    const t: Required<AlbAlarmThresholds> = {
      ...DEFAULT_ALB_ALARM_THRESHOLDS,
      ...Object.fromEntries(Object.entries(props.thresholds ?? {}).filter(([, x]) => x !== undefined)),
    };
    this.thresholds = t;
    const missing = (kind: AlbAlarmKind, fallback: TreatMissingData) =>
      props.treatMissingData?.[kind] ?? fallback;
    const lb = { LoadBalancer: props.loadBalancer.arnSuffix };
    const metric = (metricName: string, dims: Record<string, string>, stat: string, period = 300) => ({
      namespace: ALB_METRICS.namespace,
      metricName,
      dimensions: dims,
      period,
      ...(/^p\d/.test(stat) ? { extendedStatistic: stat } : { statistic: stat }),
    });

    const specs: [string, Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions'>][] = [
      [
        'elb-5xx',
        {
          alarmDescription: `The load balancer itself returned ${t.elb5xxCount} or more 5xx responses in each of two 5-minute periods (no healthy target, target timeouts or connection errors).`,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: t.elb5xxCount,
          evaluationPeriods: 2,
          datapointsToAlarm: 2,
          treatMissingData: missing('elb5xx', 'notBreaching'),
          ...metric(ALB_METRICS.elb5xx, lb, 'Sum'),
        },
      ],
      [
        'target-5xx-rate',
        {
          alarmDescription:
            `Targets answered more than ${t.target5xxRatePercent}% of requests with 5xx in 2 of 3 five-minute periods ` +
            `(periods under ${t.minRequestCount} requests count as 0).`,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: t.target5xxRatePercent,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: missing('target5xxRate', 'notBreaching'),
          metricQuery: rateQuery(lb, t.minRequestCount),
        },
      ],
      [
        'response-time-p90',
        {
          alarmDescription: `p90 target response time above ${t.responseTimeP90Seconds} s for 15 minutes.`,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: t.responseTimeP90Seconds,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: missing('responseTimeP90', 'notBreaching'),
          ...metric(ALB_METRICS.targetResponseTime, lb, 'p90'),
        },
      ],
      [
        'response-time-p99',
        {
          alarmDescription: `p99 target response time above ${t.responseTimeP99Seconds} s for 15 minutes.`,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: t.responseTimeP99Seconds,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: missing('responseTimeP99', 'notBreaching'),
          ...metric(ALB_METRICS.targetResponseTime, lb, 'p99'),
        },
      ],
      [
        'rejected-connections',
        {
          alarmDescription: `The load balancer rejected ${t.rejectedConnectionCount} or more connections in 5 minutes (connection limit reached; it is scaling or overloaded).`,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: t.rejectedConnectionCount,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          treatMissingData: missing('rejectedConnections', 'notBreaching'),
          ...metric(ALB_METRICS.rejectedConnectionCount, lb, 'Sum'),
        },
      ],
    ];
    for (const [key, tg] of Object.entries(props.targetGroups ?? {})) {
      const dims = { TargetGroup: tg.arnSuffix, LoadBalancer: props.loadBalancer.arnSuffix };
      specs.push([
        `${key}-unhealthy-hosts`,
        {
          alarmDescription: `${t.unhealthyHostCount} or more targets of ${key} failed health checks for 3 minutes.`,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: t.unhealthyHostCount,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: missing('unhealthyHosts', 'missing'),
          ...metric(ALB_METRICS.unhealthyHostCount, dims, 'Maximum', 60),
        },
      ]);
      if (props.noHealthyHostsAlarm ?? true) {
        specs.push([
          `${key}-no-healthy-hosts`,
          {
            alarmDescription: `No healthy target in ${key} for 2 minutes: its requests get 503 from the load balancer.`,
            comparisonOperator: 'LessThanThreshold',
            threshold: 1,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: missing('noHealthyHosts', 'breaching'),
            ...metric(ALB_METRICS.healthyHostCount, dims, 'Minimum', 60),
          },
        ]);
      }
    }

    const alarms: Record<string, CloudwatchMetricAlarm> = {};
    for (const [suffix, config] of specs) {
      alarms[suffix] = new CloudwatchMetricAlarm(this, suffix, {
        ...config,
        alarmName: `${props.name}-${suffix}`,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    this.alarms = alarms;
    // Thresholds given as unresolved values are checked by Terraform at plan time.
    addThresholdPlanChecks(Object.values(alarms)[0], t, ALB_THRESHOLD_RULES);
    this.alarmNames = specs.map(([suffix]) => `${props.name}-${suffix}`);
  }
}

/** Target 5xx as a percentage of requests; 0 below `minRequests` so a trickle of errors stays quiet. */
function rateQuery(lb: Record<string, string>, minRequests: number): CloudwatchMetricAlarmMetricQuery[] {
  const q = (id: string, metricName: string): CloudwatchMetricAlarmMetricQuery => ({
    id,
    metric: { namespace: ALB_METRICS.namespace, metricName, dimensions: lb, period: 300, stat: 'Sum' },
    returnData: false,
  });
  return [
    q('requests', ALB_METRICS.requestCount),
    q('errors', ALB_METRICS.target5xx),
    {
      id: 'error_rate',
      expression: `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      label: 'Target 5xx rate (%)',
      returnData: true,
    },
  ];
}

function validate(scope: Construct, props: AlbAlarmsProps): void {
  const v = new Validator(scope);
  v.check(
    NAME_RE.test(props.name ?? ''),
    'name',
    props.name,
    "must be 1-200 letters, digits, '-' or '_' (it prefixes every alarm name)",
    'use a name such as "orders-prod-alb"',
  );
  v.check(
    props.loadBalancer?.arnSuffix !== undefined && props.loadBalancer.arnSuffix !== '',
    'loadBalancer',
    props.loadBalancer,
    'has no arnSuffix',
    'pass the ApplicationLoadBalancer (or { arnSuffix: "app/<name>/<id>" })',
  );
  v.checkOptional(
    props.loadBalancer?.arnSuffix,
    (s) => /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/.test(s),
    'loadBalancer.arnSuffix',
    'is not an Application Load Balancer ARN suffix',
    'use the form "app/<name>/<id>" (the part after "loadbalancer/")',
  );
  v.check(
    props.topicArn !== undefined && props.topicArn !== '',
    'topicArn',
    props.topicArn,
    'is required',
    'pass the alarm topic ARN (AlarmTopic.topicArn)',
  );
  v.checkOptional(
    props.topicArn,
    (a) => TOPIC_RE.test(a),
    'topicArn',
    'is not an SNS topic ARN',
    'use an ARN such as "arn:aws:sns:us-east-1:123456789012:alarms"',
  );
  for (const [key, tg] of Object.entries(props.targetGroups ?? {})) {
    v.check(
      KEY_RE.test(key),
      `targetGroups.${key}`,
      key,
      'is not a valid key (1-40 letters, digits or hyphens)',
      'use a short key such as "api"',
    );
    v.checkOptional(
      tg?.arnSuffix,
      (s) => /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/.test(s),
      `targetGroups.${key}.arnSuffix`,
      'is not a target group ARN suffix',
      'pass the TargetGroup (or { arnSuffix: "targetgroup/<name>/<id>" })',
    );
  }
  const suffixes = [
    'rejected-connections',
    ...Object.keys(props.targetGroups ?? {}).map((k) => `${k}-no-healthy-hosts`),
  ];
  const longest = suffixes.reduce((a, b) => (b.length > a.length ? b : a));
  v.check(
    (props.name ?? '').length + 1 + longest.length <= 255,
    'name',
    props.name,
    `makes the alarm name "${props.name}-${longest}" longer than CloudWatch's 255 characters`,
    'shorten the name or the target group keys',
  );
  const t = props.thresholds ?? {};
  for (const [key, rule] of Object.entries(ALB_THRESHOLD_RULES)) {
    checkAlarmThreshold(v, `thresholds.${key}`, t[key as keyof AlbAlarmThresholds], rule);
  }
  v.checkIntRange(t.minRequestCount, 0, 1e9, 'thresholds.minRequestCount');
  const p90 = t.responseTimeP90Seconds ?? DEFAULT_ALB_ALARM_THRESHOLDS.responseTimeP90Seconds;
  const p99 = t.responseTimeP99Seconds ?? DEFAULT_ALB_ALARM_THRESHOLDS.responseTimeP99Seconds;
  v.check(
    p99 >= p90,
    'thresholds.responseTimeP99Seconds',
    p99,
    `is below the p90 threshold (${p90} s), so the p99 alarm would fire first`,
    'set the p99 threshold at or above the p90 one',
  );
  for (const [kind, mode] of Object.entries(props.treatMissingData ?? {})) {
    v.check(
      KINDS.includes(kind as AlbAlarmKind),
      `treatMissingData.${kind}`,
      kind,
      `is not an alarm kind (${KINDS.join(', ')})`,
      'use one of the kinds listed',
    );
    v.check(
      MISSING.includes(mode as TreatMissingData),
      `treatMissingData.${kind}`,
      mode,
      `must be one of ${MISSING.join(', ')}`,
      'use "notBreaching" for sparse error counts, "missing" to keep the last state',
    );
  }
  v.throwIfInvalid();
}
