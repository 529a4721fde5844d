import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { Validator, isUnresolved } from '../../../modules/core/validation';
import { isValidRegion } from '../../../modules/core/aws-rules';
import { Tags } from '../../../modules/core/tags';
import { AlarmTopic, checkEmails, checkTopicKey } from '../../../modules/monitoring/alarm-topic';
import { addThresholdPlanChecks, checkAlarmThreshold } from '../../../modules/monitoring/alarms/thresholds';
import { ContainerLogGroups } from './container-log-groups';
import { DashboardTarget, errorRateExpression, renderDashboardBody } from './dashboard';
import {
  ALARM_THRESHOLD_RULES,
  APP_METRICS,
  AlarmThresholds,
  CWAGENT_METRICS,
  DEFAULT_ALARM_THRESHOLDS,
  EC2_METRICS,
  LOG_ERROR_LINES_METRIC,
  LOG_METRICS_NAMESPACE,
  appMetricDimensions,
} from './metric-contract';

import { TREAT_MISSING_DATA, TreatMissingData } from '../../../modules/monitoring/treat-missing-data';

export type { TreatMissingData };

/** The alarms {@link Monitoring} creates. */
export type AlarmKind = 'cpu' | 'statusCheck' | 'autoRecovery' | 'memory' | 'disk' | 'apiErrorRate' | 'drift';
const ALARM_KINDS: readonly AlarmKind[] = [
  'cpu',
  'statusCheck',
  'autoRecovery',
  'memory',
  'disk',
  'apiErrorRate',
  'drift',
];

/** The host the alarms watch: a single instance, or an Auto Scaling group (aggregated). */
export type MonitoringTarget = { readonly instanceId: string } | { readonly autoScalingGroupName: string };

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /**
   * Deployment name, e.g. `mlmon-dev` (1-200 letters, digits, '-', '_'): prefix of the alarm,
   * topic and dashboard names, and the `Deployment` dimension of the API's metrics.
   */
  readonly name: string;
  /** Region of the stack: dashboard widgets and the EC2 recover action. */
  readonly region: string;
  /**
   * E-mail addresses subscribed to the alarm topic. Each receives a confirmation e-mail and gets
   * nothing until it is confirmed. Empty is allowed (synthesis warns): the alarms still change
   * state and the topic can get other subscribers (chat, paging). Must be empty with `topic`
   * (subscribe on that topic instead).
   */
  readonly alarmEmails: string[];
  /**
   * An existing alarm topic to notify, e.g. one created before the host so that Grafana on the
   * host can publish to it too.
   * @default - a topic `<name>-alarms` created here with `alarmEmails` subscribed
   */
  readonly topic?: AlarmTopic;
  /** Instance or Auto Scaling group to watch; exactly one of the two keys. */
  readonly target: MonitoringTarget;
  /** Alarm thresholds. @default - {@link DEFAULT_ALARM_THRESHOLDS} */
  readonly thresholds?: AlarmThresholds;
  /**
   * Namespace of the API's custom metrics ({@link APP_METRICS}); must not start with `AWS/`.
   * @default 'MLMon/Api'
   */
  readonly appMetricsNamespace?: string;
  /**
   * KMS key of the alarm topic. Its key policy must let `cloudwatch.amazonaws.com` use it; the
   * AWS managed `alias/aws/sns` can't be used (CloudWatch can't publish with it).
   * @default - a customer managed key created for the topic ($1/month, rotation on)
   */
  readonly topicKmsKeyId?: string;
  /**
   * Container log groups: adds an error-line metric filter per group, an error-lines graph and a
   * recent-errors Logs Insights table to the dashboard.
   * @default - no log metric filters or log widgets
   */
  readonly logGroups?: ContainerLogGroups;
  /**
   * Per-alarm override of how periods without data are treated.
   * @default - see the table on {@link Monitoring}
   */
  readonly treatMissingData?: Partial<Record<AlarmKind, TreatMissingData>>;
  /**
   * Instance mode only: an alarm on `StatusCheckFailed_System` that runs the EC2 recover action
   * (same instance id, IP and EBS volumes on new hardware). Auto Scaling groups replace unhealthy
   * instances themselves.
   * @default true for an instance, not available for an Auto Scaling group
   */
  readonly enableAutoRecovery?: boolean;
  /** Tags of the topic and key (alarms and dashboards get the provider's default tags). @default - none */
  readonly tags?: Tags;
}

interface AlarmSpec {
  readonly kind: AlarmKind;
  readonly suffix: string;
  readonly description: string;
  readonly comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** A single metric, or metric math in `metricQuery`. */
  readonly metric?: {
    namespace: string;
    metricName: string;
    statistic: string;
    period: number;
    dimensions: Record<string, string>;
  };
  readonly metricQuery?: CloudwatchMetricAlarmMetricQuery[];
  readonly extraAlarmActions?: string[];
}

const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const INSTANCE_ID_RE = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;
const NAMESPACE_RE = /^[A-Za-z0-9._/#: -]+$/;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * CloudWatch alarms, an encrypted SNS topic with e-mail subscriptions, and a dashboard for the
 * model-monitoring host and its API.
 *
 * | Alarm (`<name>-...`)   | Metric                                   | Period x evaluation | Fires when      | Missing data |
 * |------------------------|------------------------------------------|---------------------|-----------------|--------------|
 * | `cpu-high`             | AWS/EC2 CPUUtilization, Average          | 5 min, 3 of 3       | > 80 %          | missing      |
 * | `status-check-failed`  | AWS/EC2 StatusCheckFailed, Maximum       | 1 min, 2 of 2       | >= 1            | breaching (instance: no data means it is down), missing (ASG) |
 * | `auto-recover`         | AWS/EC2 StatusCheckFailed_System, Max    | 1 min, 2 of 2       | >= 1, recovers  | missing      |
 * | `memory-high`          | CWAgent mem_used_percent, Average        | 5 min, 3 of 3       | > 85 %          | missing      |
 * | `disk-high`            | CWAgent disk_used_percent (/), Maximum   | 5 min, 2 of 2       | > 85 %          | missing      |
 * | `api-5xx-rate`         | 100 * Http5xxCount / RequestCount        | 5 min, 2 of 3       | > 5 %           | notBreaching (no traffic is not an error) |
 * | `drift-high`           | DriftScore, Maximum                      | 1 h, 1 of 1         | > 0.3           | notBreaching |
 *
 * Every alarm notifies the topic on ALARM and on OK.
 */
export class Monitoring extends Construct {
  /** ARN of the SNS topic every alarm notifies. */
  public readonly topicArn: string;
  /** The alarm topic (and its key). */
  public readonly topic: AlarmTopic;
  /** Names of every alarm, in creation order. */
  public readonly alarmNames: string[];
  /** ARNs of every alarm, in creation order. */
  public readonly alarmArns: string[];
  /** The alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<AlarmKind, CloudwatchMetricAlarm>>>;
  /** Name of the CloudWatch dashboard. */
  public readonly dashboardName: string;
  /** Namespace of the API's custom metrics. */
  public readonly appMetricsNamespace: string;
  /** Dimensions the API must attach to its custom metrics. */
  public readonly appMetricDimensions: Readonly<Record<string, string>>;
  /** Thresholds in effect (defaults merged). */
  public readonly thresholds: Required<AlarmThresholds>;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.validate(props);

    const thresholds: Required<AlarmThresholds> = {
      ...DEFAULT_ALARM_THRESHOLDS,
      ...definedOnly(props.thresholds),
    };
    this.thresholds = thresholds;
    const namespace = props.appMetricsNamespace ?? APP_METRICS.namespace;
    this.appMetricsNamespace = namespace;
    const appDims = appMetricDimensions(props.name);
    this.appMetricDimensions = appDims;
    const instanceMode = 'instanceId' in props.target;
    const target: DashboardTarget =
      'instanceId' in props.target
        ? { dimensionName: 'InstanceId', value: props.target.instanceId }
        : { dimensionName: 'AutoScalingGroupName', value: props.target.autoScalingGroupName };
    const hostDims = { [target.dimensionName]: target.value };
    const missing = (kind: AlarmKind, fallback: TreatMissingData) =>
      props.treatMissingData?.[kind] ?? fallback;

    this.topic =
      props.topic ??
      new AlarmTopic(this, 'alarm-topic', {
        topicName: `${props.name}-alarms`,
        emails: props.alarmEmails,
        kmsKeyId: props.topicKmsKeyId,
        tags: props.tags,
      });
    this.topicArn = this.topic.topicArn;

    const host = (metricName: string, ns: string, statistic: string, period: number) => ({
      namespace: ns,
      metricName,
      statistic,
      period,
      dimensions: hostDims,
    });
    const specs: AlarmSpec[] = [
      {
        kind: 'cpu',
        suffix: 'cpu-high',
        description: `Average CPU of ${target.value} above ${thresholds.cpuUtilizationPercent}% for 15 minutes.`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.cpuUtilizationPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: missing('cpu', 'missing'),
        metric: host(EC2_METRICS.cpuUtilization, EC2_METRICS.namespace, 'Average', 300),
      },
      {
        kind: 'statusCheck',
        suffix: 'status-check-failed',
        description:
          `EC2 status checks of ${target.value} failing for 2 minutes` +
          (instanceMode ? '; no data (instance stopped or gone) also alarms.' : '.'),
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: missing('statusCheck', instanceMode ? 'breaching' : 'missing'),
        metric: host(EC2_METRICS.statusCheckFailed, EC2_METRICS.namespace, 'Maximum', 60),
      },
    ];
    if (instanceMode && (props.enableAutoRecovery ?? true)) {
      specs.push({
        kind: 'autoRecovery',
        suffix: 'auto-recover',
        description: `System status check of ${target.value} failing for 2 minutes: EC2 recovers the instance onto new hardware.`,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: missing('autoRecovery', 'missing'),
        metric: host(EC2_METRICS.statusCheckFailedSystem, EC2_METRICS.namespace, 'Maximum', 60),
        extraAlarmActions: [`arn:${partitionOf(props.region)}:automate:${props.region}:ec2:recover`],
      });
    }
    specs.push(
      {
        kind: 'memory',
        suffix: 'memory-high',
        description: `Memory used on ${target.value} above ${thresholds.memoryUsedPercent}% for 15 minutes (CloudWatch agent).`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.memoryUsedPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: missing('memory', 'missing'),
        metric: host(CWAGENT_METRICS.memUsedPercent, CWAGENT_METRICS.namespace, 'Average', 300),
      },
      {
        kind: 'disk',
        suffix: 'disk-high',
        description: `Root file system of ${target.value} above ${thresholds.diskUsedPercent}% used for 10 minutes (CloudWatch agent).`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.diskUsedPercent,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: missing('disk', 'missing'),
        metric: host(CWAGENT_METRICS.diskUsedPercent, CWAGENT_METRICS.namespace, 'Maximum', 300),
      },
      {
        kind: 'apiErrorRate',
        suffix: 'api-5xx-rate',
        description:
          `API 5xx responses above ${thresholds.api5xxErrorRatePercent}% of requests in 2 of 3 five-minute periods ` +
          `(periods under ${thresholds.apiMinRequestCount} requests count as 0).`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.api5xxErrorRatePercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: missing('apiErrorRate', 'notBreaching'),
        metricQuery: [
          appQuery('requests', namespace, APP_METRICS.requestCount, appDims),
          appQuery('errors', namespace, APP_METRICS.http5xxCount, appDims),
          {
            id: 'error_rate',
            expression: errorRateExpression(thresholds.apiMinRequestCount),
            label: 'API 5xx error rate (%)',
            returnData: true,
          },
        ],
      },
      {
        kind: 'drift',
        suffix: 'drift-high',
        description: `Model drift score above ${thresholds.driftScore} (hourly maximum). Check the Evidently report under monitoring/evidently-reports/.`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.driftScore,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: missing('drift', 'notBreaching'),
        metric: {
          namespace,
          metricName: APP_METRICS.driftScore,
          statistic: 'Maximum',
          period: 3600,
          dimensions: appDims,
        },
      },
    );

    const alarms: Partial<Record<AlarmKind, CloudwatchMetricAlarm>> = {};
    for (const spec of specs) {
      alarms[spec.kind] = new CloudwatchMetricAlarm(this, spec.suffix, this.alarmConfig(props.name, spec));
    }
    this.alarms = alarms;
    // Thresholds given as unresolved values are checked by Terraform at plan time.
    if (alarms.cpu) addThresholdPlanChecks(alarms.cpu, thresholds, ALARM_THRESHOLD_RULES);
    const created = specs.map((s) => alarms[s.kind] as CloudwatchMetricAlarm);
    // Literal names (known at synth), so they can go into outputs and docs as plain strings.
    this.alarmNames = specs.map((spec) => `${props.name}-${spec.suffix}`);
    this.alarmArns = created.map((a) => a.arn);

    const errorLineMetrics: { label: string; namespace: string }[] = [];
    const logGroups = props.logGroups;
    if (logGroups) {
      for (const container of logGroups.containers) {
        const metricNamespace = `${LOG_METRICS_NAMESPACE}${logGroups.physicalNames[container]}`;
        new CloudwatchLogMetricFilter(this, `error-lines-${container}`, {
          name: `${props.name}-${container}-error-lines`,
          logGroupName: logGroups.names[container],
          // Any of these words (case-sensitive, as loggers print them) marks an error line.
          pattern: '?ERROR ?CRITICAL ?Traceback ?Exception',
          metricTransformation: {
            name: LOG_ERROR_LINES_METRIC,
            namespace: metricNamespace,
            value: '1',
            defaultValue: '0',
            unit: 'Count',
          },
        });
        errorLineMetrics.push({ label: container, namespace: metricNamespace });
      }
    }

    const dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.name,
      dashboardBody: renderDashboardBody({
        title: props.name,
        region: props.region,
        target,
        appNamespace: namespace,
        appDimensions: appDims,
        thresholds,
        alarmArns: this.alarmArns,
        logGroupNames: logGroups ? logGroups.containers.map((c) => logGroups.names[c]) : undefined,
        errorLineMetrics,
      }),
    });
    this.dashboardName = dashboard.dashboardName;
  }

  private alarmConfig(name: string, spec: AlarmSpec): CloudwatchMetricAlarmConfig {
    const m = spec.metric;
    return {
      alarmName: `${name}-${spec.suffix}`,
      alarmDescription: spec.description,
      comparisonOperator: spec.comparisonOperator,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData,
      namespace: m?.namespace,
      metricName: m?.metricName,
      statistic: m?.statistic,
      period: m?.period,
      dimensions: m?.dimensions,
      metricQuery: spec.metricQuery,
      alarmActions: [...(spec.extraAlarmActions ?? []), this.topicArn],
      okActions: [this.topicArn],
    };
  }

  private validate(props: MonitoringProps): void {
    const v = new Validator(this);
    v.check(
      NAME_RE.test(props.name),
      'name',
      props.name,
      "must be 1-200 letters, digits, '-' or '_' (it prefixes alarm, topic and dashboard names)",
      'use a name such as "mlmon-dev"',
    );
    v.check(
      isValidRegion(props.region),
      'region',
      props.region,
      'is not an AWS region name',
      'use a region such as "us-east-1"',
    );
    checkEmails(v, 'alarmEmails', props.alarmEmails);
    checkTopicKey(v, 'topicKmsKeyId', props.topicKmsKeyId);
    if (props.topic) {
      v.check(
        props.alarmEmails.length === 0,
        'alarmEmails',
        props.alarmEmails,
        'is set together with topic, whose subscriptions this construct does not manage',
        'subscribe the addresses on the topic (AlarmTopicProps.emails) and pass alarmEmails: []',
      );
      v.check(
        props.topicKmsKeyId === undefined,
        'topicKmsKeyId',
        props.topicKmsKeyId,
        'is set together with topic, which already has its key',
        'remove topicKmsKeyId',
      );
    }

    const t = props.target as { instanceId?: string; autoScalingGroupName?: string };
    const keys = (['instanceId', 'autoScalingGroupName'] as const).filter((k) => t[k] !== undefined);
    v.check(
      keys.length === 1,
      'target',
      props.target,
      keys.length === 0
        ? 'names no instance or Auto Scaling group'
        : 'sets both instanceId and autoScalingGroupName',
      'set exactly one: { instanceId } or { autoScalingGroupName }',
    );
    v.checkOptional(
      t.instanceId,
      (id) => INSTANCE_ID_RE.test(id),
      'target.instanceId',
      'is not an EC2 instance id',
      'use an id such as "i-0123456789abcdef0"',
    );
    v.checkOptional(
      t.autoScalingGroupName,
      (n) => n.length >= 1 && n.length <= 255,
      'target.autoScalingGroupName',
      'must be 1-255 characters',
      'pass the Auto Scaling group name',
    );
    v.check(
      !(props.enableAutoRecovery === true && t.instanceId === undefined),
      'enableAutoRecovery',
      props.enableAutoRecovery,
      'applies only to a single instance; an Auto Scaling group replaces unhealthy instances itself',
      'remove enableAutoRecovery, or watch an instance',
    );

    const th: AlarmThresholds = props.thresholds ?? {};
    for (const [field, rule] of Object.entries(ALARM_THRESHOLD_RULES)) {
      checkAlarmThreshold(v, `thresholds.${field}`, th[field as keyof AlarmThresholds], rule);
    }
    v.checkIntRange(th.apiMinRequestCount, 0, 1_000_000, 'thresholds.apiMinRequestCount');

    const ns = props.appMetricsNamespace;
    if (ns !== undefined && !isUnresolved(ns)) {
      v.check(
        NAMESPACE_RE.test(ns) && ns.length <= 255 && !ns.startsWith(':'),
        'appMetricsNamespace',
        ns,
        "is not a CloudWatch namespace (1-255 letters, digits, spaces and '.', '-', '_', '/', '#', ':'; not starting with ':')",
        'use a namespace such as "MLMon/Api"',
      );
      v.check(
        !ns.startsWith('AWS/'),
        'appMetricsNamespace',
        ns,
        'starts with "AWS/", which is reserved for AWS services',
        'use a namespace such as "MLMon/Api"',
      );
    }

    for (const [kind, value] of Object.entries(props.treatMissingData ?? {})) {
      v.check(
        ALARM_KINDS.includes(kind as AlarmKind),
        'treatMissingData',
        kind,
        'is not an alarm of this construct',
        `use one of ${ALARM_KINDS.join(', ')}`,
      );
      v.check(
        TREAT_MISSING_DATA.includes(value as TreatMissingData),
        `treatMissingData.${kind}`,
        value,
        'is not a treat_missing_data value',
        `use one of ${TREAT_MISSING_DATA.join(', ')}`,
      );
    }

    if (props.logGroups) {
      const longest = Math.max(0, ...Object.values(props.logGroups.physicalNames).map((n) => n.length));
      v.check(
        LOG_METRICS_NAMESPACE.length + longest <= 255,
        'logGroups',
        props.logGroups.prefix,
        `gives an error-line metric namespace longer than 255 characters ("${LOG_METRICS_NAMESPACE}<log group name>")`,
        'use a shorter log group prefix',
      );
    }
    v.throwIfInvalid();
  }
}

function appQuery(
  id: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
): CloudwatchMetricAlarmMetricQuery {
  return { id, returnData: false, metric: { namespace, metricName, dimensions, stat: 'Sum', period: 300 } };
}

/** Drops keys whose value is undefined, so spreading over defaults keeps the defaults. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
