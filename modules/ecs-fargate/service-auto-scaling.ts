import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import { Tags } from '../core/tags';

/** Scale on ALB requests per task: needs the target group and its load balancer. */
export interface RequestCountScaling {
  /** Target group ARN (`...:targetgroup/<name>/<id>`) the service is registered in. */
  readonly targetGroupArn: string;
  /** ARN of the application load balancer that target group is attached to (`...:loadbalancer/app/<name>/<id>`). */
  readonly loadBalancerArn: string;
  /** Requests per task per minute to aim for (`ALBRequestCountPerTarget`), e.g. 1000. */
  readonly requestsPerTask: number;
}

/** Application Auto Scaling of a service's desired count (target tracking). */
export interface AutoScalingOptions {
  /** Fewest tasks, 0 or more. The service's desired count starts here unless `desiredCount` is set. */
  readonly minCapacity: number;
  /** Most tasks, at least `minCapacity` and 1. Bounds the cost: max tasks x task price. */
  readonly maxCapacity: number;
  /**
   * Average service CPU (%) to hold; `false` for no CPU policy.
   * @default 70
   */
  readonly cpuTargetPercent?: number | false;
  /**
   * Average service memory (%) to hold; `false` for no memory policy.
   * @default 80
   */
  readonly memoryTargetPercent?: number | false;
  /** ALB requests per task to hold. @default - no request-count policy */
  readonly requestCount?: RequestCountScaling;
  /**
   * Seconds after a scale-in before another scale-in. Long, so a dip doesn't remove tasks that
   * the next minute needs again.
   * @default 300
   */
  readonly scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before another scale-out. @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * Let the policies only add tasks (scale in by hand or by a schedule).
   * @default false
   */
  readonly disableScaleIn?: boolean;
}

/** Props of {@link ServiceAutoScaling}. */
export interface ServiceAutoScalingProps extends AutoScalingOptions {
  /** Cluster of the service (part of the scalable target's resource id). */
  readonly clusterName: string;
  /** Service name; pass the service resource's `name` so the target waits for the service. */
  readonly serviceName: string;
  /** Prefix of the policy names, e.g. the service name. */
  readonly namePrefix: string;
  /** Tags of the scalable target. @default - none */
  readonly tags?: Tags;
}

const TARGET_GROUP_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
const ALB_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

/**
 * The `resource_label` of `ALBRequestCountPerTarget`: `app/<lb>/<id>/targetgroup/<tg>/<id>`, from
 * the two ARNs (computed by Terraform when they are references).
 */
export function requestCountResourceLabel(loadBalancerArn: string, targetGroupArn: string): string {
  if (!Token.isUnresolved(loadBalancerArn) && !Token.isUnresolved(targetGroupArn)) {
    const lb = loadBalancerArn.slice(loadBalancerArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
    const tg = targetGroupArn.slice(targetGroupArn.lastIndexOf(':') + 1);
    return `${lb}/${tg}`;
  }
  const lb = Fn.element(Fn.split(':loadbalancer/', loadBalancerArn), 1);
  const tg = Fn.element(Fn.split(':', targetGroupArn), 5);
  return `${Token.asString(lb)}/${Token.asString(tg)}`;
}

/** Problems with {@link AutoScalingOptions} (under `field`), and `desiredCount` against them. */
export function validateAutoScaling(
  v: Validator,
  field: string,
  a: AutoScalingOptions,
  desiredCount: number | undefined,
): void {
  v.checkIntRange(a.minCapacity, 0, 5000, `${field}.minCapacity`);
  v.checkIntRange(a.maxCapacity, 1, 5000, `${field}.maxCapacity`);
  const literal = !isUnresolved(a.minCapacity) && !isUnresolved(a.maxCapacity);
  if (literal) {
    v.check(
      a.minCapacity <= a.maxCapacity,
      `${field}.maxCapacity`,
      a.maxCapacity,
      `is below minCapacity (${a.minCapacity})`,
      'set maxCapacity at or above minCapacity',
    );
  }
  if (literal && desiredCount !== undefined && !isUnresolved(desiredCount)) {
    v.check(
      desiredCount >= a.minCapacity && desiredCount <= a.maxCapacity,
      'desiredCount',
      desiredCount,
      `is outside ${field} (${a.minCapacity} to ${a.maxCapacity}); Application Auto Scaling would move it at once`,
      `set desiredCount between ${a.minCapacity} and ${a.maxCapacity}, or leave it unset (it starts at minCapacity)`,
    );
  }
  for (const key of ['cpuTargetPercent', 'memoryTargetPercent'] as const) {
    const value = a[key];
    if (value === false || value === undefined || isUnresolved(value)) continue;
    v.check(
      typeof value === 'number' && value >= 10 && value <= 95,
      `${field}.${key}`,
      value,
      'must be a percentage from 10 to 95 (above 95 leaves no headroom while new tasks start)',
      'use e.g. 70',
    );
  }
  const r = a.requestCount;
  if (r) {
    v.checkOptional(
      r.targetGroupArn,
      (x) => TARGET_GROUP_ARN_RE.test(x),
      `${field}.requestCount.targetGroupArn`,
      'is not a target group ARN',
      'pass "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>"',
    );
    v.checkOptional(
      r.loadBalancerArn,
      (x) => ALB_ARN_RE.test(x),
      `${field}.requestCount.loadBalancerArn`,
      'is not an application load balancer ARN',
      'pass "arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>"',
    );
    v.checkIntRange(r.requestsPerTask, 1, 1000000, `${field}.requestCount.requestsPerTask`);
  }
  const cpu = a.cpuTargetPercent ?? 70;
  const memory = a.memoryTargetPercent ?? 80;
  v.check(
    cpu !== false || memory !== false || r !== undefined,
    field,
    { cpuTargetPercent: cpu, memoryTargetPercent: memory },
    'has no scaling policy (CPU and memory are off and there is no requestCount)',
    'keep a CPU or memory target, add requestCount, or drop autoScaling and set desiredCount',
  );
  v.checkIntRange(a.scaleInCooldownSeconds, 0, 3600, `${field}.scaleInCooldownSeconds`);
  v.checkIntRange(a.scaleOutCooldownSeconds, 0, 3600, `${field}.scaleOutCooldownSeconds`);
}

/**
 * Target tracking on a service's desired count: an `aws_appautoscaling_target` (min/max) and one
 * policy per metric. With several policies, Application Auto Scaling scales out when any policy
 * asks and scales in only when all of them allow it.
 *
 * | Policy      | Metric                                 | Default target |
 * |-------------|----------------------------------------|----------------|
 * | `-cpu`      | ECSServiceAverageCPUUtilization        | 70 %           |
 * | `-memory`   | ECSServiceAverageMemoryUtilization     | 80 %           |
 * | `-requests` | ALBRequestCountPerTarget (opt-in)      | given          |
 */
export class ServiceAutoScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly policies: readonly AppautoscalingPolicy[];
  public readonly minCapacity: number;
  public readonly maxCapacity: number;

  constructor(scope: Construct, id: string, props: ServiceAutoScalingProps) {
    super(scope, id);
    requireProps(this, props, {
      clusterName: 'string',
      serviceName: 'string',
      namePrefix: 'string',
      minCapacity: 'number',
      maxCapacity: 'number',
    });
    const v = new Validator(this);
    validateAutoScaling(v, 'autoScaling', props, undefined);
    v.throwIfInvalid();
    this.minCapacity = props.minCapacity;
    this.maxCapacity = props.maxCapacity;

    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      tags: props.tags,
    });

    const common = {
      scaleInCooldown: props.scaleInCooldownSeconds ?? 300,
      scaleOutCooldown: props.scaleOutCooldownSeconds ?? 60,
      disableScaleIn: props.disableScaleIn ?? false,
    };
    const policy = (
      suffix: string,
      targetValue: number,
      predefinedMetricType: string,
      resourceLabel?: string,
    ) =>
      new AppautoscalingPolicy(this, suffix, {
        name: `${props.namePrefix}-${suffix}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue,
          ...common,
          predefinedMetricSpecification: { predefinedMetricType, resourceLabel },
        },
      });

    const policies: AppautoscalingPolicy[] = [];
    const cpu = props.cpuTargetPercent ?? 70;
    if (cpu !== false) policies.push(policy('cpu', cpu, 'ECSServiceAverageCPUUtilization'));
    const memory = props.memoryTargetPercent ?? 80;
    if (memory !== false) policies.push(policy('memory', memory, 'ECSServiceAverageMemoryUtilization'));
    if (props.requestCount) {
      policies.push(
        policy(
          'requests',
          props.requestCount.requestsPerTask,
          'ALBRequestCountPerTarget',
          requestCountResourceLabel(props.requestCount.loadBalancerArn, props.requestCount.targetGroupArn),
        ),
      );
    }
    this.policies = policies;
  }
}
