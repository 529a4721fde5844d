import { Construct } from 'constructs';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { Validator } from '../core/validation';
import { isValidPort } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';

/** What a target group routes to. `lambda` targets need no port, protocol or VPC. */
export type TargetType = 'instance' | 'ip' | 'lambda';

/** Protocol between the load balancer and its targets. */
export type TargetProtocol = 'HTTP' | 'HTTPS';

/** HTTP version towards the targets. `GRPC` needs an HTTPS listener (it is). */
export type TargetProtocolVersion = 'HTTP1' | 'HTTP2' | 'GRPC';

/** How requests are spread over healthy targets. */
export type LoadBalancingAlgorithm = 'round_robin' | 'least_outstanding_requests';

/** Health check of a target group. Every field has a default; `{}` is a good start. */
export interface TargetGroupHealthCheck {
  /**
   * Turn the health check off. Only sensible for Lambda targets (each check is an invocation);
   * without it, the load balancer keeps sending traffic to dead targets.
   * @default - true for instance and ip targets, false for lambda targets
   */
  readonly enabled?: boolean;
  /** Path the check requests (starts with '/', up to 1024 characters). @default '/' */
  readonly path?: string;
  /**
   * HTTP codes that mean healthy: a code, a list (`'200,204'`) or a range (`'200-299'`), 200-499;
   * for `GRPC`, gRPC codes 0-99.
   * @default '200' ('12' for GRPC: UNIMPLEMENTED answers prove the server is up)
   */
  readonly matcher?: string;
  /** Seconds between checks (5-300). @default 15 */
  readonly intervalInSeconds?: number;
  /** Seconds without a response that count as a failure (2-120, below the interval). @default 5 */
  readonly timeoutInSeconds?: number;
  /**
   * Consecutive successes before an unhealthy target gets traffic again (2-10). With the default
   * interval a new target takes about 45 s to receive traffic.
   * @default 3
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before a target stops getting traffic (2-10). With the default interval a
   * dead target is taken out after about 45 s.
   * @default 3
   */
  readonly unhealthyThreshold?: number;
  /** Port to check: a number, or `'traffic-port'` (the port traffic goes to). @default 'traffic-port' */
  readonly port?: number | 'traffic-port';
  /** Protocol of the check. @default - the target group's protocol */
  readonly protocol?: TargetProtocol;
}

/** Load-balancer cookie stickiness. */
export interface TargetGroupStickiness {
  /** How long a client sticks to one target, in seconds (1-604800). @default 86400 (one day) */
  readonly durationInSeconds?: number;
}

/** Props of {@link TargetGroup}. */
export interface TargetGroupProps {
  /**
   * Target group name: 1-32 letters, digits and hyphens, not starting or ending with a hyphen.
   * Changing it replaces the group (and briefly detaches its targets).
   */
  readonly name: string;
  /** @default 'instance' */
  readonly targetType?: TargetType;
  /** VPC of the targets; required unless `targetType` is `lambda`. @default - none (lambda) */
  readonly vpcId?: string;
  /** Port the targets listen on (1-65535); required unless `targetType` is `lambda`. @default - none (lambda) */
  readonly port?: number;
  /**
   * Protocol towards the targets. `HTTP` is usual inside a VPC (TLS ends at the load balancer);
   * `HTTPS` re-encrypts (targets need a certificate, which the load balancer does not verify).
   * @default 'HTTP'
   */
  readonly protocol?: TargetProtocol;
  /** @default 'HTTP1' */
  readonly protocolVersion?: TargetProtocolVersion;
  /** Health check settings. @default - see {@link TargetGroupHealthCheck} */
  readonly healthCheck?: TargetGroupHealthCheck;
  /**
   * Seconds a deregistering target keeps serving in-flight requests (0-3600). AWS's default, 300,
   * adds five minutes to every deployment and scale-in; 60 covers requests of up to a minute.
   * @default 60
   */
  readonly deregistrationDelayInSeconds?: number;
  /** Load-balancer cookie stickiness. Keeps a client on one target (uneven load). @default - off */
  readonly stickiness?: TargetGroupStickiness;
  /**
   * Seconds over which a new target's share of traffic ramps up (30-900), for targets that warm
   * caches or JIT-compile. 0 turns it off. Not available with `least_outstanding_requests`.
   * @default 0
   */
  readonly slowStartInSeconds?: number;
  /** @default 'round_robin' */
  readonly loadBalancingAlgorithm?: LoadBalancingAlgorithm;
  /** Tags of the target group; `Name` is set to `name`. @default - none */
  readonly tags?: Tags;
}

/** A target group's identity, as listener rules, alarms and services need it. */
export interface ITargetGroup {
  /** ARN, for listener actions, Auto Scaling groups and ECS services. */
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of CloudWatch metrics. */
  readonly arnSuffix: string;
}

const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const VPC_ID_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const HTTP_MATCHER_RE = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;
const GRPC_MATCHER_RE = /^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$/;
const PATH_RE = /^\/[\x21-\x7e]{0,1023}$/;
const TARGET_ID_RE =
  /^(i-[0-9a-f]{8}([0-9a-f]{9})?|\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+|arn:aws[a-z-]*:lambda:.+)$/;

/** The matcher's codes are all within [lo, hi]. */
function matcherInRange(matcher: string, lo: number, hi: number): boolean {
  return matcher
    .split(/[,-]/)
    .map(Number)
    .every((c) => c >= lo && c <= hi);
}

/**
 * An Application Load Balancer target group with a health check on by default, a short
 * deregistration delay, and optional stickiness and slow start. Targets join it from an Auto
 * Scaling group (`target_group_arns`), an ECS service (`load_balancer` block, target type `ip`), or
 * {@link TargetGroup.addTarget}.
 *
 * | setting              | default here      | AWS default   | why                                       |
 * |----------------------|-------------------|---------------|-------------------------------------------|
 * | health check         | on, `/`, `200`    | on, `/`, 200  | explicit, so reviews see it               |
 * | interval / timeout   | 15 s / 5 s        | 30 s / 5 s    | a dead target leaves in ~45 s, not 60-90 s |
 * | healthy / unhealthy  | 3 / 3             | 5 / 2         | one slow check does not eject a target    |
 * | deregistration delay | 60 s              | 300 s         | deployments and scale-in four minutes faster |
 */
export class TargetGroup extends Construct implements ITargetGroup {
  public readonly targetGroup: LbTargetGroup;
  public readonly targetGroupArn: string;
  public readonly arnSuffix: string;
  /** Name, as given. */
  public readonly targetGroupName: string;
  /** Port of the targets; undefined for lambda targets. */
  public readonly port?: number;
  public readonly targetType: TargetType;
  /** Port the health check uses, when it differs from the traffic port. */
  public readonly healthCheckPort?: number;

  private readonly targetIds = new Set<string>();

  constructor(scope: Construct, id: string, props: TargetGroupProps) {
    super(scope, id);
    const targetType = props.targetType ?? 'instance';
    const lambda = targetType === 'lambda';
    const protocol = props.protocol ?? 'HTTP';
    const version = props.protocolVersion ?? 'HTTP1';
    const hc = props.healthCheck ?? {};
    const hcEnabled = hc.enabled ?? !lambda;
    const interval = hc.intervalInSeconds ?? (lambda ? 35 : 15);
    const timeout = hc.timeoutInSeconds ?? (lambda ? 30 : 5);
    const matcher = hc.matcher ?? (version === 'GRPC' ? '12' : '200');

    const v = new Validator(this);
    v.check(
      typeof props.name === 'string' && NAME_RE.test(props.name),
      'name',
      props.name,
      'is not a valid target group name (1-32 letters, digits and hyphens, not starting or ending with a hyphen)',
      'use a name such as "orders-prod-api"',
    );
    v.check(
      ['instance', 'ip', 'lambda'].includes(targetType),
      'targetType',
      targetType,
      'must be "instance", "ip" or "lambda"',
      'use "instance" for EC2 and Auto Scaling groups, "ip" for ECS Fargate tasks',
    );
    if (lambda) {
      for (const [field, value] of [
        ['vpcId', props.vpcId],
        ['port', props.port],
        ['protocol', props.protocol],
        ['protocolVersion', props.protocolVersion],
      ] as const) {
        v.check(
          value === undefined,
          field,
          value,
          'is set, but lambda targets have no VPC, port or protocol',
          `remove ${field}`,
        );
      }
      v.check(
        props.stickiness === undefined && props.slowStartInSeconds === undefined,
        'stickiness',
        props.stickiness ?? props.slowStartInSeconds,
        'is set, but lambda target groups support neither stickiness nor slow start',
        'remove stickiness and slowStartInSeconds',
      );
    } else {
      v.check(
        props.vpcId !== undefined && props.vpcId !== '',
        'vpcId',
        props.vpcId,
        `is required for ${targetType} targets`,
        "pass the id of the targets' VPC (the Vpc construct's vpcId)",
      );
      v.checkOptional(
        props.vpcId,
        (id) => VPC_ID_RE.test(id),
        'vpcId',
        'is not a VPC id',
        'use an id such as "vpc-0123456789abcdef0"',
      );
      v.check(
        props.port !== undefined,
        'port',
        props.port,
        `is required for ${targetType} targets`,
        'set the port the targets listen on, e.g. 8000',
      );
      v.checkOptional(
        props.port,
        isValidPort,
        'port',
        'must be a whole number from 1 to 65535',
        'use the port the targets listen on, e.g. 8000',
      );
      v.check(
        ['HTTP', 'HTTPS'].includes(protocol),
        'protocol',
        protocol,
        'must be "HTTP" or "HTTPS"',
        'use "HTTP" (TLS ends at the load balancer) or "HTTPS" (re-encrypt to the targets)',
      );
      v.check(
        ['HTTP1', 'HTTP2', 'GRPC'].includes(version),
        'protocolVersion',
        version,
        'must be "HTTP1", "HTTP2" or "GRPC"',
        'leave it unset for HTTP/1.1',
      );
    }
    v.checkOptional(
      hc.path,
      (p) => PATH_RE.test(p),
      'healthCheck.path',
      "must start with '/' and be up to 1024 printable ASCII characters without spaces",
      'use a path such as "/health"',
    );
    v.checkOptional(
      hc.matcher,
      (m) =>
        version === 'GRPC'
          ? GRPC_MATCHER_RE.test(m) && matcherInRange(m, 0, 99)
          : HTTP_MATCHER_RE.test(m) && matcherInRange(m, 200, 499),
      'healthCheck.matcher',
      version === 'GRPC'
        ? 'is not a gRPC code list (codes 0-99, e.g. "0" or "0-12")'
        : 'is not an HTTP code list (codes 200-499, e.g. "200", "200,204" or "200-299")',
      version === 'GRPC' ? 'use "12" or "0-99"' : 'use "200" or "200-299"',
    );
    v.checkIntRange(hc.intervalInSeconds, 5, 300, 'healthCheck.intervalInSeconds');
    v.checkIntRange(hc.timeoutInSeconds, 2, 120, 'healthCheck.timeoutInSeconds');
    v.check(
      !hcEnabled || timeout < interval,
      'healthCheck.timeoutInSeconds',
      timeout,
      `must be less than the interval (${interval} s)`,
      `set timeoutInSeconds below ${interval}, or raise intervalInSeconds`,
    );
    v.checkIntRange(hc.healthyThreshold, 2, 10, 'healthCheck.healthyThreshold');
    v.checkIntRange(hc.unhealthyThreshold, 2, 10, 'healthCheck.unhealthyThreshold');
    v.check(
      hc.port === undefined || hc.port === 'traffic-port' || isValidPort(hc.port),
      'healthCheck.port',
      hc.port,
      'must be a port 1-65535 or "traffic-port"',
      'leave it unset to check the traffic port',
    );
    v.check(
      hc.protocol === undefined || ['HTTP', 'HTTPS'].includes(hc.protocol),
      'healthCheck.protocol',
      hc.protocol,
      'must be "HTTP" or "HTTPS"',
      "leave it unset to use the target group's protocol",
    );
    v.checkIntRange(props.deregistrationDelayInSeconds, 0, 3600, 'deregistrationDelayInSeconds');
    v.checkIntRange(props.stickiness?.durationInSeconds, 1, 604800, 'stickiness.durationInSeconds');
    v.checkOptional(
      props.slowStartInSeconds,
      (s) => Number.isInteger(s) && (s === 0 || (s >= 30 && s <= 900)),
      'slowStartInSeconds',
      'must be 0 (off) or a whole number from 30 to 900',
      'use 0, or a ramp-up of 30 to 900 seconds',
    );
    const algorithm = props.loadBalancingAlgorithm ?? 'round_robin';
    v.check(
      ['round_robin', 'least_outstanding_requests'].includes(algorithm),
      'loadBalancingAlgorithm',
      algorithm,
      'must be "round_robin" or "least_outstanding_requests"',
      'leave it unset for round robin',
    );
    v.check(
      !(algorithm === 'least_outstanding_requests' && (props.slowStartInSeconds ?? 0) > 0),
      'slowStartInSeconds',
      props.slowStartInSeconds,
      'cannot be combined with least_outstanding_requests',
      'set slowStartInSeconds to 0, or use round_robin',
    );
    v.throwIfInvalid();

    this.targetType = targetType;
    this.port = lambda ? undefined : props.port;
    this.targetGroupName = props.name;
    this.healthCheckPort = typeof hc.port === 'number' && hc.port !== props.port ? hc.port : undefined;

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: props.name,
      targetType,
      vpcId: lambda ? undefined : props.vpcId,
      port: lambda ? undefined : props.port,
      protocol: lambda ? undefined : protocol,
      protocolVersion: lambda ? undefined : version,
      deregistrationDelay: lambda ? undefined : String(props.deregistrationDelayInSeconds ?? 60),
      slowStart: lambda ? undefined : (props.slowStartInSeconds ?? 0),
      loadBalancingAlgorithmType: lambda ? undefined : algorithm,
      healthCheck: {
        enabled: hcEnabled,
        path: hc.path ?? '/',
        matcher,
        interval,
        timeout,
        healthyThreshold: hc.healthyThreshold ?? 3,
        unhealthyThreshold: hc.unhealthyThreshold ?? 3,
        port: lambda ? undefined : String(hc.port ?? 'traffic-port'),
        protocol: lambda ? undefined : (hc.protocol ?? protocol),
      },
      stickiness: lambda
        ? undefined
        : props.stickiness
          ? {
              type: 'lb_cookie',
              enabled: true,
              cookieDuration: props.stickiness.durationInSeconds ?? 86400,
            }
          : { type: 'lb_cookie', enabled: false },
      tags: withName(props.name, props.tags),
    });
    this.targetGroupArn = this.targetGroup.arn;
    this.arnSuffix = this.targetGroup.arnSuffix;
  }

  /**
   * Registers one target: an instance id, an IP address, or a Lambda function ARN (which also
   * needs an `aws_lambda_permission` for `elasticloadbalancing.amazonaws.com`). Auto Scaling groups
   * and ECS services register their own targets; use this for fixed targets.
   * @param port the target's port @default - the group's port
   */
  public addTarget(targetId: string, port?: number): LbTargetGroupAttachment {
    const v = new Validator(`${this.node.path} (addTarget)`);
    v.check(
      TARGET_ID_RE.test(targetId),
      'targetId',
      targetId,
      'is not an instance id, IP address or Lambda ARN',
      'pass e.g. "i-0123456789abcdef0", "10.0.1.15" or a function ARN',
    );
    v.checkOptional(
      port,
      isValidPort,
      'port',
      'must be a whole number from 1 to 65535',
      'use the target port',
    );
    v.check(
      !(this.targetType === 'lambda' && port !== undefined),
      'port',
      port,
      'is set, but lambda targets have no port',
      'remove the port',
    );
    v.check(
      !this.targetIds.has(`${targetId}:${port ?? ''}`),
      'targetId',
      targetId,
      'is already registered',
      'register each target once',
    );
    v.throwIfInvalid();
    const key = `${targetId}:${port ?? ''}`;
    this.targetIds.add(key);
    return new LbTargetGroupAttachment(this, `target-${key.replace(/[^A-Za-z0-9-]/g, '-')}`, {
      targetGroupArn: this.targetGroupArn,
      targetId,
      port,
    });
  }
}
