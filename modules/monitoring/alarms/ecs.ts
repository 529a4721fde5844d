import { Construct } from 'constructs';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmConfig,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, isUnresolved, requireProps } from '../../core/validation';
import {
  COUNT_SCALE,
  PERCENT_SCALE,
  checkAlarmThreshold,
  addThresholdPlanChecks,
  ThresholdRule,
} from './thresholds';
import { TreatMissingData } from '../treat-missing-data';

/** The alarms {@link EcsServiceAlarms} can create. */
export type EcsAlarmKind = 'cpu' | 'memory' | 'runningTasks' | 'belowDesired';

/** An ECS service as the alarms need it; a `FargateService` fits. */
export interface EcsServiceAlarmTarget {
  readonly clusterName: string;
  readonly serviceName: string;
}

/** Metric names the alarms read. */
export const ECS_ALARM_METRICS = {
  /** Service averages, published by ECS for every service. */
  service: { namespace: 'AWS/ECS', cpu: 'CPUUtilization', memory: 'MemoryUtilization' },
  /** Task counts, published only when the cluster has Container Insights on. */
  insights: { namespace: 'ECS/ContainerInsights', running: 'RunningTaskCount', desired: 'DesiredTaskCount' },
} as const;

/** Props of {@link EcsServiceAlarms}. */
export interface EcsServiceAlarmsProps {
  /** The service to watch, e.g. a `FargateService` (it has `clusterName` and `serviceName`). */
  readonly service: EcsServiceAlarmTarget;
  /** SNS topic notified on ALARM and on OK, e.g. `AlarmTopic.topicArn`. */
  readonly topicArn: string;
  /**
   * Prefix of the alarm names (`<prefix>-cpu-high`, ...), 1-200 letters, digits, '-' and '_'.
   * @default - the service name (must then be a literal)
   */
  readonly namePrefix?: string;
  /** Average service CPU (%) that alarms after 5 minutes above it, 1-100. @default 85 */
  readonly cpuThresholdPercent?: number;
  /** Average service memory (%) that alarms after 5 minutes above it, 1-100. @default 85 */
  readonly memoryThresholdPercent?: number;
  /**
   * Alarm when fewer tasks than this run for 3 minutes (Container Insights `RunningTaskCount`);
   * `false` for no such alarm. Set it to the service's minimum capacity.
   * @default 1
   */
  readonly minimumRunningTasks?: number | false;
  /**
   * Alarm when running tasks stay below the desired count this many minutes (tasks crash-looping,
   * or Fargate without capacity); `false` for no such alarm. Long enough for a scale-out or a
   * deployment to finish.
   * @default 10
   */
  readonly belowDesiredForMinutes?: number | false;
  /** Per-alarm override of how periods without data are treated. @default - see {@link EcsServiceAlarms} */
  readonly treatMissingData?: Partial<Record<EcsAlarmKind, TreatMissingData>>;
}

const PREFIX_RE = /^[A-Za-z0-9_-]{1,200}$/;
const TOPIC_ARN_RE = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const MISSING: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const ECS_THRESHOLD_RULES: Readonly<
  Record<'cpuThresholdPercent' | 'memoryThresholdPercent' | 'minimumRunningTasks', ThresholdRule>
> = {
  cpuThresholdPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 85 },
  memoryThresholdPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 85 },
  minimumRunningTasks: {
    comparison: 'LessThanThreshold',
    scale: COUNT_SCALE,
    integer: true,
    limit: 5000,
    example: 1,
  },
};

/**
 * CloudWatch alarms for one ECS service, notifying a topic on ALARM and OK.
 *
 * | Alarm (`<prefix>-...`) | Metric                                               | Period x evaluation | Fires when          | Missing data |
 * |------------------------|------------------------------------------------------|---------------------|---------------------|--------------|
 * | `cpu-high`             | AWS/ECS CPUUtilization, Average                      | 1 min, 5 of 5       | > 85 %              | notBreaching (no tasks, no load; the task alarms cover that) |
 * | `memory-high`          | AWS/ECS MemoryUtilization, Average                   | 1 min, 5 of 5       | > 85 %              | notBreaching |
 * | `running-tasks-low`    | ECS/ContainerInsights RunningTaskCount, Minimum      | 1 min, 3 of 3       | < minimum (1)       | breaching (no data: no Container Insights, or the service is gone) |
 * | `tasks-below-desired`  | DesiredTaskCount - RunningTaskCount (Container Insights) | 1 min, N of N (10) | > 0               | notBreaching (the minimum alarm covers missing data) |
 *
 * The task-count alarms need Container Insights on the cluster (the `Cluster` construct enables it).
 */
export class EcsServiceAlarms extends Construct {
  /** The alarms by kind. */
  public readonly alarms: Readonly<Partial<Record<EcsAlarmKind, CloudwatchMetricAlarm>>>;
  /** Alarm names, in creation order. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: EcsServiceAlarmsProps) {
    super(scope, id);
    requireProps(this, props, {
      service: 'object',
      'service.clusterName': 'string',
      'service.serviceName': 'string',
      topicArn: 'string',
    });
    const prefix = props.namePrefix ?? props.service.serviceName;
    validate(new Validator(this), props, prefix);

    const dims = { ClusterName: props.service.clusterName, ServiceName: props.service.serviceName };
    const missing = (kind: EcsAlarmKind, fallback: TreatMissingData) =>
      props.treatMissingData?.[kind] ?? fallback;
    const base = (
      suffix: string,
      description: string,
    ): Pick<
      CloudwatchMetricAlarmConfig,
      'alarmName' | 'alarmDescription' | 'alarmActions' | 'okActions'
    > => ({
      alarmName: `${prefix}-${suffix}`,
      alarmDescription: description,
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    const serviceLabel = `${props.service.serviceName}`;
    const alarms: Partial<Record<EcsAlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];

    const cpu = props.cpuThresholdPercent ?? 85;
    alarms.cpu = new CloudwatchMetricAlarm(this, 'cpu-high', {
      ...base('cpu-high', `Average CPU of ECS service ${serviceLabel} above ${cpu}% for 5 minutes.`),
      namespace: ECS_ALARM_METRICS.service.namespace,
      metricName: ECS_ALARM_METRICS.service.cpu,
      statistic: 'Average',
      period: 60,
      dimensions: dims,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: cpu,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: missing('cpu', 'notBreaching'),
    });
    names.push(`${prefix}-cpu-high`);

    const memory = props.memoryThresholdPercent ?? 85;
    alarms.memory = new CloudwatchMetricAlarm(this, 'memory-high', {
      ...base('memory-high', `Average memory of ECS service ${serviceLabel} above ${memory}% for 5 minutes.`),
      namespace: ECS_ALARM_METRICS.service.namespace,
      metricName: ECS_ALARM_METRICS.service.memory,
      statistic: 'Average',
      period: 60,
      dimensions: dims,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: memory,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: missing('memory', 'notBreaching'),
    });
    names.push(`${prefix}-memory-high`);

    const minimum = props.minimumRunningTasks ?? 1;
    if (minimum !== false) {
      alarms.runningTasks = new CloudwatchMetricAlarm(this, 'running-tasks-low', {
        ...base(
          'running-tasks-low',
          `Fewer than ${minimum} running tasks in ECS service ${serviceLabel} for 3 minutes ` +
            '(no data, e.g. Container Insights off, also alarms).',
        ),
        namespace: ECS_ALARM_METRICS.insights.namespace,
        metricName: ECS_ALARM_METRICS.insights.running,
        statistic: 'Minimum',
        period: 60,
        dimensions: dims,
        comparisonOperator: 'LessThanThreshold',
        threshold: minimum,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: missing('runningTasks', 'breaching'),
      });
      names.push(`${prefix}-running-tasks-low`);
    }

    const minutes = props.belowDesiredForMinutes ?? 10;
    if (minutes !== false) {
      const query = (id: string, metricName: string) => ({
        id,
        metric: {
          namespace: ECS_ALARM_METRICS.insights.namespace,
          metricName,
          stat: 'Average',
          period: 60,
          dimensions: dims,
        },
        returnData: false,
      });
      alarms.belowDesired = new CloudwatchMetricAlarm(this, 'tasks-below-desired', {
        ...base(
          'tasks-below-desired',
          `Running tasks of ECS service ${serviceLabel} below the desired count for ${minutes} minutes ` +
            '(tasks failing to start or crash-looping, or no Fargate capacity).',
        ),
        metricQuery: [
          query('desired', ECS_ALARM_METRICS.insights.desired),
          query('running', ECS_ALARM_METRICS.insights.running),
          {
            id: 'missing_tasks',
            expression: 'desired - running',
            label: 'Desired minus running tasks',
            returnData: true,
          },
        ],
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: minutes,
        datapointsToAlarm: minutes,
        treatMissingData: missing('belowDesired', 'notBreaching'),
      });
      names.push(`${prefix}-tasks-below-desired`);
    }
    this.alarms = alarms;
    // Only unresolved values get a check, so `minimumRunningTasks: false` or unset adds none.
    addThresholdPlanChecks(alarms.cpu, props, ECS_THRESHOLD_RULES, '');
    this.alarmNames = names;
  }
}

function validate(v: Validator, props: EcsServiceAlarmsProps, prefix: string): void {
  if (isUnresolved(prefix)) {
    v.add(
      'namePrefix',
      prefix,
      'is unset and the service name is an unresolved value, so alarm names would be unknown at synth',
      'set namePrefix to the service name as a literal',
    );
  } else {
    v.check(
      typeof prefix === 'string' && PREFIX_RE.test(prefix),
      'namePrefix',
      prefix,
      "must be 1-200 letters, digits, '-' or '_'",
      'use the service name, e.g. "modelreg-prod-api"',
    );
  }
  v.checkOptional(
    props.topicArn,
    (a) => TOPIC_ARN_RE.test(a),
    'topicArn',
    'is not an SNS topic ARN',
    'pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
  );
  checkAlarmThreshold(
    v,
    'cpuThresholdPercent',
    props.cpuThresholdPercent,
    ECS_THRESHOLD_RULES.cpuThresholdPercent,
  );
  checkAlarmThreshold(
    v,
    'memoryThresholdPercent',
    props.memoryThresholdPercent,
    ECS_THRESHOLD_RULES.memoryThresholdPercent,
  );
  if (props.minimumRunningTasks !== false) {
    checkAlarmThreshold(
      v,
      'minimumRunningTasks',
      props.minimumRunningTasks,
      ECS_THRESHOLD_RULES.minimumRunningTasks,
    );
  }
  if (props.belowDesiredForMinutes !== false) {
    // CloudWatch evaluates at most one day of 1-minute periods.
    v.checkIntRange(
      props.belowDesiredForMinutes,
      2,
      1440,
      'belowDesiredForMinutes',
      'set 2 to 1440 minutes, or false for no alarm',
    );
  }
  for (const [kind, value] of Object.entries(props.treatMissingData ?? {})) {
    v.check(
      MISSING.includes(value as TreatMissingData),
      `treatMissingData.${kind}`,
      value,
      'must be missing, ignore, breaching or notBreaching',
      'use one of those values',
    );
  }
  v.throwIfInvalid();
}
