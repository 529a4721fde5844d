import { Construct, IConstruct } from 'constructs';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerCertificate } from '@cdktf/provider-aws/lib/lb-listener-certificate';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Validator, requireProps } from '../core/validation';
import { isAzInRegion, isValidPort, isValidRegion } from '../core/aws-rules';
import { suggestRegions } from '../core/regions';
import { ANY_IPV4, ANY_IPV6 } from '../core/ip';
import { Tags, withName } from '../core/tags';
import { BucketAccessLogging, SecureBucket } from '../s3/secure-bucket';
import { ISecurityGroupRef, IngressSource, SecurityGroup } from '../security-group/security-group';
import { elbLogDeliveryStatement } from './log-delivery';
import {
  ListenerRule,
  ListenerRuleConditions,
  checkListenerRule,
  LISTENER_RULE_LIMITS,
} from './listener-rule';
import { AlbSslPolicy, DEFAULT_SSL_POLICY, LEGACY_SSL_POLICIES, isTls12Policy } from './ssl-policies';
import { ITargetGroup, TargetGroup, TargetGroupProps } from './target-group';

/** How the load balancer handles requests that look like HTTP desync (request smuggling) attempts. */
export type DesyncMitigationMode = 'monitor' | 'defensive' | 'strictest';

/** What the load balancer does with an incoming `X-Forwarded-For` header. */
export type XffHeaderProcessingMode = 'append' | 'preserve' | 'remove';

/** Addresses the load balancer gets. */
export type AlbIpAddressType = 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';

/** The access-log bucket created for the load balancer. */
export interface AlbLogBucketOptions {
  /**
   * Bucket name (globally unique, 3-63 characters of a-z, 0-9, '.', '-').
   * @default '<load balancer name, lower-cased>-alb-logs-<region>'
   */
  readonly bucketName?: string;
  /** Days after which log objects are deleted (1-36500). @default 365 */
  readonly expirationInDays?: number;
  /**
   * S3 server access logging of the log bucket itself. Policy rule MLM-S3-005 does not ask for it
   * on a bucket that receives load-balancer logs.
   * @default - off
   */
  readonly accessLogging?: BucketAccessLogging;
  /** Let `terraform destroy` delete the bucket with its logs. @default false */
  readonly forceDestroy?: boolean;
}

/**
 * Where access (and optionally connection) logs go. Set at most one of `bucketName`, `bucket` and
 * `createBucket`; with none, a bucket is created with the defaults of {@link AlbLogBucketOptions}.
 *
 * Elastic Load Balancing writes logs only to buckets encrypted with SSE-S3 (not SSE-KMS) in the
 * load balancer's region, whose policy allows the regional log-delivery principal (see
 * {@link ELB_ACCOUNT_IDS}).
 */
export interface AlbAccessLogs {
  /**
   * An existing bucket, by name. Its policy is not managed here: add
   * `elbLogDeliveryStatement({ bucketArn, region, accountId, prefixes })` to it.
   * @default - not used
   */
  readonly bucketName?: string;
  /**
   * A `SecureBucket` of this stack (e.g. one shared by several load balancers): the log-delivery
   * statement is added to its policy. It must not use a KMS key.
   * @default - not used
   */
  readonly bucket?: SecureBucket;
  /** Create a log bucket (the default when no bucket is given). @default - a bucket with default options */
  readonly createBucket?: AlbLogBucketOptions;
  /**
   * Key prefix of the access logs (no leading or trailing '/', must not contain `AWSLogs`).
   * Logs land under `<prefix>/AWSLogs/<account>/elasticloadbalancing/<region>/...`.
   * @default - the load balancer name
   */
  readonly prefix?: string;
  /**
   * Connection logs (client address, TLS protocol and cipher, handshake latency, client
   * certificate) under `<prefix>-connections/`. Useful to find clients still on TLS 1.2 before
   * tightening the policy; costs S3 storage per connection.
   * @default false
   */
  readonly connectionLogs?: boolean;
}

/** Props of {@link ApplicationLoadBalancer}. */
export interface ApplicationLoadBalancerProps {
  /**
   * Load balancer name: 1-32 letters, digits and hyphens, not starting or ending with a hyphen,
   * not starting with `internal-`. Also names the security group (`<name>-alb`) and the default
   * log bucket.
   */
  readonly name: string;
  /** Region of the load balancer: picks the log-delivery principal and must match the certificate's. */
  readonly region: string;
  /** VPC of the load balancer and its security group. */
  readonly vpcId: string;
  /**
   * Subnets, at least two in different availability zones (public subnets for an internet-facing
   * load balancer). AWS needs at least two zones; one subnet per zone is used.
   */
  readonly subnetIds: string[];
  /**
   * Availability zone of each subnet, in the same order, e.g. `['us-east-1a', 'us-east-1b']`.
   * When given, the zones are checked to be at least two distinct zones of `region`.
   * @default - not checked at synth (AWS rejects a single zone at apply)
   */
  readonly availabilityZones?: string[];
  /**
   * An internal load balancer (private addresses only). Internal load balancers need explicit
   * `ingress` sources (e.g. the VPC CIDR or client security groups).
   * @default false (internet-facing)
   */
  readonly internal?: boolean;
  /**
   * `dualstack` adds IPv6 (the subnets need IPv6 blocks); `dualstack-without-public-ipv4` serves
   * clients over IPv6 only and saves the public IPv4 charge (internet-facing only).
   * @default 'ipv4'
   */
  readonly ipAddressType?: AlbIpAddressType;
  /**
   * ACM certificate of the HTTPS listener (same region), e.g. `Certificate.certificateArn`.
   * Required unless `allowPlainHttp` is set.
   * @default - none: only allowed with allowPlainHttp
   */
  readonly certificateArn?: string;
  /** More certificates for the HTTPS listener (SNI picks one per host). @default [] */
  readonly additionalCertificateArns?: string[];
  /** TLS policy of the HTTPS listener (TLS 1.2 minimum). @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' */
  readonly sslPolicy?: AlbSslPolicy;
  /**
   * Serve plain HTTP on port 80 with no HTTPS listener. Traffic and cookies cross the network in
   * clear text; only for internal load balancers behind another TLS layer. Policy rules
   * MLM-ALB-005 and MLM-ALB-006 fail unless suppressed with a reason.
   * @default false
   */
  readonly allowPlainHttp?: boolean;
  /**
   * A port-80 listener that answers every request with a permanent redirect (301) to HTTPS. Off
   * closes port 80 entirely (clients typing the bare host name get a connection error).
   * @default true
   */
  readonly httpRedirect?: boolean;
  /**
   * Who may connect to ports 80 and 443. Literal CIDR blocks only.
   * @default - internet-facing: `{ cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] }`; internal: required
   */
  readonly ingress?: IngressSource;
  /**
   * Target group of requests no rule matches. Without it they get a fixed 404 response, so only
   * hosts and paths named by rules reach a target.
   * @default - fixed-response 404
   */
  readonly defaultTargetGroup?: ITargetGroup;
  /** Access logs, or `false` for none (saves S3 storage, loses the request record). @default - a created bucket */
  readonly accessLogs?: AlbAccessLogs | false;
  /**
   * Refuse deletion of the load balancer (console, API and Terraform). The cost: `terraform
   * destroy` and replacements fail until an apply with `false` has run first, which slows teardown
   * of short-lived environments. Worth it in front of production: deleting the load balancer drops
   * all traffic and its DNS name cannot be recovered.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Seconds an idle connection is kept open (1-4000); raise it for long polling or streaming. @default 60 */
  readonly idleTimeoutInSeconds?: number;
  /** Seconds a client connection may be reused (60-604800). @default 3600 */
  readonly clientKeepAliveInSeconds?: number;
  /** HTTP/2 towards clients (targets still get HTTP/1.1 unless the target group asks for HTTP2). @default true */
  readonly http2?: boolean;
  /**
   * Drop HTTP headers whose names are not valid (request-smuggling and header-injection vector).
   * Off only for clients that send malformed header names you cannot fix.
   * @default true
   */
  readonly dropInvalidHeaderFields?: boolean;
  /**
   * Desync (HTTP request smuggling) mitigation. `defensive` blocks requests that are a known
   * smuggling risk and still serves ambiguous but harmless ones; `strictest` blocks every request
   * that is not RFC 7230 compliant (may break unusual clients); `monitor` blocks nothing.
   * @default 'defensive'
   */
  readonly desyncMitigationMode?: DesyncMitigationMode;
  /** Send the client's `Host` header (with its port) unchanged to the targets. @default false */
  readonly preserveHostHeader?: boolean;
  /**
   * `append` adds the client address to `X-Forwarded-For`; `preserve` passes it through
   * unchanged; `remove` strips it.
   * @default 'append'
   */
  readonly xffHeaderProcessingMode?: XffHeaderProcessingMode;
  /**
   * ARN of a regional WAFv2 web ACL to associate (policy rule MLM-ALB-008 warns about an
   * internet-facing load balancer without one).
   * @default - none
   */
  readonly webAclArn?: string;
  /** Tags of every resource; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/** A rule added with {@link ApplicationLoadBalancer.addRule}. */
export interface AlbRuleProps extends ListenerRuleConditions {
  /** Evaluation order (1-50000, lowest first); unique on this load balancer. */
  readonly priority: number;
  /** Where matching requests go. */
  readonly targetGroup: ITargetGroup;
  /** @default - the load balancer's tags */
  readonly tags?: Tags;
}

/** Options of {@link ApplicationLoadBalancer.connectTo}. */
export interface ConnectToOptions {
  /** Rule description (ASCII). @default 'Traffic from load balancer <name>' */
  readonly description?: string;
  /**
   * Stable key of the two rules (letters, digits, hyphens); part of their Terraform addresses.
   * @default - the target construct's id, or `target-<n>` for a bare group id
   */
  readonly key?: string;
}

const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const SUBNET_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const CERT_ARN_RE =
  /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}|iam::\d{12}:server-certificate\/.+)$/;
const WAF_ARN_RE =
  /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f-]{36}$/;
const PREFIX_RE = /^[A-Za-z0-9!\-_.*'()]+(\/[A-Za-z0-9!\-_.*'()]+)*$/;
const KEY_RE = /^[A-Za-z0-9-]{1,30}$/;

/** The construct id of something passed in, as a key: letters, digits, hyphens, at most 30. */
function keyOf(target: ISecurityGroupRef, fallback: string): string {
  const id = target instanceof Construct ? (target as IConstruct).node.id : '';
  const key = id
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 30)
    .replace(/^-+|-+$/g, '');
  return key || fallback;
}

/**
 * An Application Load Balancer with its own security group, an HTTPS listener (TLS 1.3/1.2 policy)
 * with a 404 default action, a port-80 listener that only redirects to HTTPS, access logs to a
 * log bucket it creates, invalid headers dropped, desync mitigation on and deletion protection on.
 *
 * Targets are wired with {@link addRule} (host / path / source-address routing to a target group)
 * and {@link connectTo} (ALB egress to the targets' security group and the matching ingress there):
 * the group starts with no egress at all.
 *
 * | setting                   | default here                      | AWS / Terraform default |
 * |---------------------------|-----------------------------------|-------------------------|
 * | scheme                    | internet-facing                   | internet-facing         |
 * | HTTPS policy              | ELBSecurityPolicy-TLS13-1-2-2021-06 | ELBSecurityPolicy-2016-08 (TLS 1.0) |
 * | port 80                   | 301 to HTTPS                      | whatever you configure  |
 * | default action            | fixed 404                         | required input          |
 * | drop invalid headers      | on                                | off                     |
 * | desync mitigation         | defensive                         | defensive               |
 * | deletion protection       | on                                | off                     |
 * | access logs               | created SSE-S3 bucket, 365 days   | off                     |
 * | security group egress     | none until connectTo              | all traffic             |
 */
export class ApplicationLoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly loadBalancerArn: string;
  /** Name, as given (a literal). */
  public readonly loadBalancerName: string;
  /** DNS name, for a CNAME or an alias record's target. */
  public readonly loadBalancerDnsName: string;
  /** Canonical hosted zone id of the load balancer, for Route 53 alias records. */
  public readonly loadBalancerZoneId: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of CloudWatch metrics. */
  public readonly arnSuffix: string;
  /** The load balancer's security group. */
  public readonly securityGroup: SecurityGroup;
  public readonly securityGroupId: string;
  /** The HTTPS listener; undefined with allowPlainHttp. */
  public readonly httpsListener?: LbListener;
  /** The port-80 listener (redirect, or the main listener with allowPlainHttp); undefined when off. */
  public readonly httpListener?: LbListener;
  /** The listener rules are added to: HTTPS, or HTTP with allowPlainHttp. */
  public readonly listener: LbListener;
  public readonly listenerArn: string;
  /** The log bucket created here; undefined when a bucket was given or logs are off. */
  public readonly logBucket?: SecureBucket;
  /** Name of the access-log bucket; undefined when logs are off. */
  public readonly accessLogsBucketName?: string;
  /** Key prefix of the access logs; undefined when logs are off. */
  public readonly accessLogsPrefix?: string;
  public readonly internal: boolean;
  public readonly ipAddressType: AlbIpAddressType;
  public readonly region: string;

  private readonly props: ApplicationLoadBalancerProps;
  private readonly routedGroups: ITargetGroup[] = [];
  private readonly ruleList: ListenerRule[] = [];
  private readonly connectKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    requireProps(this, props, {
      'name?': 'string',
      'region?': 'string',
      'vpcId?': 'string',
      'subnetIds?': 'list',
      'certificateArn?': 'string',
      'additionalCertificateArns?': 'list',
    });
    this.props = props;
    const internal = props.internal ?? false;
    const https = props.certificateArn !== undefined;
    const httpRedirect = props.httpRedirect ?? true;
    const ipAddressType = props.ipAddressType ?? 'ipv4';
    const logs = props.accessLogs === false ? undefined : (props.accessLogs ?? {});
    validate(this, props, { internal, https, httpRedirect, ipAddressType, logs });

    this.internal = internal;
    this.ipAddressType = ipAddressType;
    this.region = props.region;
    this.loadBalancerName = props.name;
    const sslPolicy = props.sslPolicy ?? DEFAULT_SSL_POLICY;

    const sources = props.ingress ?? { cidrs: [ANY_IPV4], ipv6Cidrs: [ANY_IPV6] };
    const ports: [string, number][] = [];
    if (https) ports.push(['HTTPS', 443]);
    if (!https || httpRedirect) ports.push([https ? 'HTTP redirect to HTTPS' : 'HTTP', 80]);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-alb`,
      vpcId: props.vpcId,
      description: `Load balancer ${props.name}`,
      ingress: ports.map(([label, port]) => ({
        port,
        key: port === 443 ? 'https' : 'http',
        description: `${label} from clients`,
        source: sources,
      })),
      tags: props.tags,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;

    // The account id, for the log-delivery grant, from an ARN that exists before the bucket
    // policy and the load balancer (the load balancer's own ARN would make a cycle).
    const accountId = Token.asString(Fn.element(Fn.split(':', this.securityGroup.securityGroupArn), 4));
    let logBucketName: string | undefined;
    let logPolicy: ITerraformDependable | undefined;
    const prefix = logs ? (logs.prefix ?? props.name) : undefined;
    const connectionPrefix = `${prefix}-connections`;
    if (logs && prefix !== undefined) {
      const prefixes = logs.connectionLogs ? [prefix, connectionPrefix] : [prefix];
      if (logs.bucketName !== undefined) {
        logBucketName = logs.bucketName;
      } else {
        const bucket =
          logs.bucket ??
          new SecureBucket(this, 'logs', {
            bucketName: logs.createBucket?.bucketName ?? defaultLogBucketName(props.name, props.region),
            // A bucket that receives load-balancer logs is exempt from MLM-S3-005.
            accessLogging: logs.createBucket?.accessLogging ?? false,
            forceDestroy: logs.createBucket?.forceDestroy,
            lifecycleRules: [
              {
                id: 'expire-load-balancer-logs',
                status: 'Enabled',
                filter: [{}],
                expiration: [{ days: logs.createBucket?.expirationInDays ?? 365 }],
              },
            ],
            tags: props.tags,
          });
        if (!logs.bucket) this.logBucket = bucket;
        bucket.addToResourcePolicy(
          elbLogDeliveryStatement({
            bucketArn: bucket.bucketArn,
            region: props.region,
            accountId,
            prefixes,
            sid: `AllowElbLogDelivery${props.name.replace(/[^A-Za-z0-9]/g, '')}`,
          }),
        );
        logBucketName = bucket.bucketName;
        // The load balancer checks it can write to the bucket when logging is switched on.
        logPolicy = bucket.node.tryFindChild('policy') as ITerraformDependable | undefined;
      }
    }
    this.accessLogsBucketName = logBucketName;
    this.accessLogsPrefix = prefix;

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name: props.name,
      loadBalancerType: 'application',
      internal,
      ipAddressType,
      subnets: props.subnetIds,
      securityGroups: [this.securityGroupId],
      dropInvalidHeaderFields: props.dropInvalidHeaderFields ?? true,
      desyncMitigationMode: props.desyncMitigationMode ?? 'defensive',
      enableDeletionProtection: props.deletionProtection ?? true,
      idleTimeout: props.idleTimeoutInSeconds ?? 60,
      clientKeepAlive: props.clientKeepAliveInSeconds ?? 3600,
      enableHttp2: props.http2 ?? true,
      preserveHostHeader: props.preserveHostHeader ?? false,
      xffHeaderProcessingMode: props.xffHeaderProcessingMode ?? 'append',
      accessLogs: logBucketName ? { bucket: logBucketName, prefix, enabled: true } : undefined,
      connectionLogs:
        logBucketName && logs?.connectionLogs
          ? { bucket: logBucketName, prefix: connectionPrefix, enabled: true }
          : undefined,
      tags: withName(props.name, props.tags),
      dependsOn: logPolicy ? [logPolicy] : undefined,
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.loadBalancerDnsName = this.loadBalancer.dnsName;
    this.loadBalancerZoneId = this.loadBalancer.zoneId;
    this.arnSuffix = this.loadBalancer.arnSuffix;

    const defaultAction: LbListenerDefaultAction = props.defaultTargetGroup
      ? { type: 'forward', targetGroupArn: props.defaultTargetGroup.targetGroupArn }
      : {
          type: 'fixed-response',
          fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not Found' },
        };
    if (props.defaultTargetGroup) this.routedGroups.push(props.defaultTargetGroup);

    if (https) {
      this.httpsListener = new LbListener(this, 'https', {
        loadBalancerArn: this.loadBalancerArn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy,
        certificateArn: props.certificateArn,
        defaultAction: [defaultAction],
        tags: withName(`${props.name}-https`, props.tags),
      });
      (props.additionalCertificateArns ?? []).forEach((arn, i) => {
        new LbListenerCertificate(this, `certificate-${certificateKey(arn, i)}`, {
          listenerArn: (this.httpsListener as LbListener).arn,
          certificateArn: arn,
        });
      });
    }
    if (!https || httpRedirect) {
      this.httpListener = new LbListener(this, 'http', {
        loadBalancerArn: this.loadBalancerArn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [
          https
            ? {
                type: 'redirect',
                redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
              }
            : defaultAction,
        ],
        tags: withName(`${props.name}-http`, props.tags),
      });
    }
    this.listener = (this.httpsListener ?? this.httpListener) as LbListener;
    this.listenerArn = this.listener.arn;

    if (props.webAclArn !== undefined) {
      new Wafv2WebAclAssociation(this, 'web-acl', {
        resourceArn: this.loadBalancerArn,
        webAclArn: props.webAclArn,
      });
    }
  }

  /** Target groups requests are routed to (the default one first, then in rule order). */
  public get targetGroups(): readonly ITargetGroup[] {
    return [...new Set(this.routedGroups)];
  }

  /** Rules added with {@link addRule}, in order. */
  public get rules(): readonly ListenerRule[] {
    return [...this.ruleList];
  }

  /**
   * Creates a target group in this load balancer's VPC (and scope). It receives traffic once a
   * rule or the default action names it.
   */
  public addTargetGroup(
    id: string,
    props: Omit<TargetGroupProps, 'vpcId'> & { readonly vpcId?: string },
  ): TargetGroup {
    return new TargetGroup(this, id, {
      ...props,
      vpcId: props.targetType === 'lambda' ? undefined : (props.vpcId ?? this.props.vpcId),
      tags: props.tags ?? this.props.tags,
    });
  }

  /**
   * Forwards requests that match the conditions to a target group, on the main listener.
   * Priorities must be unique on this load balancer, and at most 100 rules fit (AWS's default
   * quota).
   *
   * ```ts
   * alb.addRule('grafana', {
   *   priority: 10,
   *   hostHeaders: ['grafana.example.com'],
   *   sourceCidrs: ['203.0.113.0/24'], // admins only; others get the default 404
   *   targetGroup: grafana,
   * });
   * ```
   */
  public addRule(id: string, props: AlbRuleProps): ListenerRule {
    const v = new Validator(`${this.node.path} (addRule ${id})`);
    checkListenerRule(v, props);
    const clash = this.ruleList.find((r) => r.priority === props.priority);
    v.check(
      clash === undefined,
      'priority',
      props.priority,
      `is already used by rule "${clash?.node.id}"`,
      'give each rule its own priority',
    );
    v.check(
      this.ruleList.length < LISTENER_RULE_LIMITS.rulesPerLoadBalancer,
      'rules',
      this.ruleList.length + 1,
      `exceeds the ${LISTENER_RULE_LIMITS.rulesPerLoadBalancer} rules a load balancer takes by default`,
      'merge rules (a condition takes 3 values), use another load balancer, or raise the quota and build the rule with ListenerRule',
    );
    v.throwIfInvalid();
    const rule = new ListenerRule(this, `rule-${id}`, {
      ...props,
      listenerArn: this.listenerArn,
      tags: props.tags ?? this.props.tags,
    });
    this.ruleList.push(rule);
    this.routedGroups.push(props.targetGroup);
    return rule;
  }

  /**
   * Lets the load balancer reach targets in `target` on `port`: adds egress from the load
   * balancer's group and, on the target's group, ingress from the load balancer's group. A
   * {@link SecurityGroup} gets the rule through its own API; for a bare id, an
   * `aws_vpc_security_group_ingress_rule` is created here. Call once per port (the traffic port,
   * and the health-check port if it differs).
   */
  public connectTo(target: ISecurityGroupRef, port: number, options: ConnectToOptions = {}): void {
    const key = options.key ?? keyOf(target, `target-${this.connectKeys.size}`);
    const description = options.description ?? `Traffic from load balancer ${this.props.name}`;
    const v = new Validator(`${this.node.path} (connectTo)`);
    v.check(
      isValidPort(port),
      'port',
      port,
      'must be a whole number from 1 to 65535',
      'use the target port, e.g. 8000',
    );
    v.check(
      KEY_RE.test(key),
      'key',
      key,
      'must be 1-30 letters, digits or hyphens',
      'use a key such as "api"',
    );
    v.check(
      !this.connectKeys.has(`${key}-${port}`),
      'key',
      key,
      `already connects port ${port}`,
      'connect each target group and port once, or pass a different key',
    );
    v.throwIfInvalid();
    this.connectKeys.add(`${key}-${port}`);
    this.securityGroup.addEgress({
      port,
      key: `${key}-${port}`,
      description: `To targets ${key}`,
      destination: { securityGroupIds: [target.securityGroupId] },
    });
    const lbKey = `alb-${this.props.name}`.slice(0, 40 - String(port).length - 1);
    if (target instanceof SecurityGroup) {
      target.addIngress({
        port,
        key: `${lbKey}-${port}`.replace(/[^A-Za-z0-9-]/g, '-'),
        description,
        source: { securityGroupIds: [this.securityGroupId] },
      });
    } else {
      new VpcSecurityGroupIngressRule(this, `target-in-${key}-${port}`, {
        securityGroupId: target.securityGroupId,
        referencedSecurityGroupId: this.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: `${description} (tcp ${port})`.replace(/[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, ''),
        tags: withName(`${this.props.name}-to-${key}`, this.props.tags),
      });
    }
  }
}

/** `<name>-alb-logs-<region>`, lower-cased. */
export function defaultLogBucketName(name: string, region: string): string {
  return `${name.toLowerCase()}-alb-logs-${region}`;
}

function certificateKey(arn: string, index: number): string {
  if (Token.isUnresolved(arn)) return String(index);
  return arn.slice(arn.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9-]/g, '-');
}

interface Resolved {
  readonly internal: boolean;
  readonly https: boolean;
  readonly httpRedirect: boolean;
  readonly ipAddressType: AlbIpAddressType;
  readonly logs?: AlbAccessLogs;
}

function validate(scope: Construct, props: ApplicationLoadBalancerProps, r: Resolved): void {
  const v = new Validator(scope);
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name) && !props.name.startsWith('internal-'),
    'name',
    props.name,
    'is not a valid load balancer name (1-32 letters, digits and hyphens, not starting or ending with a hyphen or with "internal-")',
    'use a name such as "orders-prod"',
  );
  v.check(
    typeof props.region === 'string' && isValidRegion(props.region),
    'region',
    props.region,
    'is not an AWS region',
    suggestRegions(props.region).length > 0
      ? `use one of ${suggestRegions(props.region).join(', ')}`
      : 'use the region of the stack, e.g. "us-east-1"',
  );
  v.check(
    props.vpcId !== undefined && props.vpcId !== '',
    'vpcId',
    props.vpcId,
    'is required',
    "pass the Vpc construct's vpcId",
  );

  const subnets = props.subnetIds ?? [];
  if (!Token.isUnresolved(subnets)) {
    const literal = subnets.filter((s) => !Token.isUnresolved(s));
    v.check(
      subnets.length >= 2,
      'subnetIds',
      subnets,
      `has ${subnets.length} subnet${subnets.length === 1 ? '' : 's'}; an Application Load Balancer needs subnets in at least two availability zones`,
      'pass one subnet in each of two or more availability zones (e.g. the public subnets of the Vpc construct)',
    );
    const bad = literal.filter((s) => !SUBNET_RE.test(s));
    v.check(
      bad.length === 0,
      'subnetIds',
      bad,
      'has entries that are not subnet ids',
      'use ids such as "subnet-0123456789abcdef0"',
    );
    const dupes = literal.filter((s, i) => literal.indexOf(s) !== i);
    v.check(dupes.length === 0, 'subnetIds', dupes, 'lists a subnet more than once', 'list each subnet once');
  }
  const azs = props.availabilityZones;
  if (azs !== undefined && !Token.isUnresolved(azs)) {
    v.check(
      Token.isUnresolved(subnets) || azs.length === subnets.length,
      'availabilityZones',
      azs,
      `has ${azs.length} entries for ${subnets.length} subnets`,
      'give the zone of each subnet, in the same order as subnetIds',
    );
    const literal = azs.filter((a) => !Token.isUnresolved(a));
    const distinct = new Set(literal);
    v.check(
      literal.length < azs.length || distinct.size >= 2,
      'availabilityZones',
      azs,
      `names ${distinct.size} distinct zone${distinct.size === 1 ? '' : 's'}; an Application Load Balancer needs at least two`,
      'use subnets in two or more availability zones',
    );
    const dupes = literal.filter((a, i) => literal.indexOf(a) !== i);
    v.check(
      dupes.length === 0,
      'availabilityZones',
      dupes,
      'names a zone more than once (a load balancer uses one subnet per zone)',
      'pass one subnet per availability zone',
    );
    if (isValidRegion(props.region ?? '')) {
      const foreign = literal.filter((a) => !isAzInRegion(a, props.region));
      v.check(
        foreign.length === 0,
        'availabilityZones',
        foreign,
        `has zones that are not in ${props.region}`,
        `use zones such as "${props.region}a"`,
      );
    }
  }

  if (!r.https) {
    v.check(
      props.allowPlainHttp === true,
      'certificateArn',
      props.certificateArn,
      'is required for the HTTPS listener',
      'pass an ACM certificate ARN (e.g. Certificate.certificateArn), or set allowPlainHttp: true for an HTTP-only internal load balancer',
    );
    v.check(
      props.httpRedirect !== false,
      'httpRedirect',
      props.httpRedirect,
      'is false without a certificate, which would leave the load balancer with no listener',
      'pass certificateArn, or leave httpRedirect unset',
    );
    for (const [field, value] of [
      ['sslPolicy', props.sslPolicy],
      ['additionalCertificateArns', props.additionalCertificateArns],
    ] as const) {
      v.check(
        value === undefined,
        field,
        value,
        'is set, but there is no HTTPS listener',
        `pass certificateArn, or remove ${field}`,
      );
    }
  } else {
    v.check(
      props.allowPlainHttp !== true,
      'allowPlainHttp',
      props.allowPlainHttp,
      'is set together with certificateArn',
      'remove allowPlainHttp: with a certificate, port 80 redirects to HTTPS',
    );
  }
  const certs = [
    ...(props.certificateArn !== undefined ? [['certificateArn', props.certificateArn] as const] : []),
    ...(props.additionalCertificateArns ?? []).map((a, i) => [`additionalCertificateArns[${i}]`, a] as const),
  ];
  for (const [field, arn] of certs) {
    v.checkOptional(
      arn,
      (a) => CERT_ARN_RE.test(a),
      field,
      'is not an ACM (or IAM server) certificate ARN',
      'use an ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"',
    );
    v.checkOptional(
      arn,
      (a) => !a.includes(':acm:') || !isValidRegion(props.region ?? '') || a.split(':')[3] === props.region,
      field,
      `is in another region than the load balancer (${props.region})`,
      `request the certificate in ${props.region} (CloudFront certificates live in us-east-1)`,
    );
  }
  const additional = (props.additionalCertificateArns ?? []).filter((a) => !Token.isUnresolved(a));
  const dupes = additional.filter((a, i) => additional.indexOf(a) !== i || a === props.certificateArn);
  v.check(
    dupes.length === 0,
    'additionalCertificateArns',
    dupes,
    'repeats a certificate',
    'list each certificate once',
  );
  v.checkOptional(
    props.sslPolicy as string | undefined,
    isTls12Policy,
    'sslPolicy',
    LEGACY_SSL_POLICIES.includes(props.sslPolicy ?? '')
      ? 'still accepts TLS 1.0 or 1.1, which are deprecated (RFC 8996) and fail PCI DSS'
      : 'is not a known TLS 1.2+ Elastic Load Balancing security policy',
    `use ${DEFAULT_SSL_POLICY} (TLS 1.3 + 1.2) or another policy in TLS12_SSL_POLICIES`,
  );

  v.check(
    !(r.internal && props.ingress === undefined),
    'ingress',
    props.ingress,
    'is required for an internal load balancer (the internet-wide default makes no sense there)',
    'pass the clients: e.g. { cidrs: ["10.0.0.0/16"] } or { securityGroupIds: [clients.securityGroupId] }',
  );
  v.check(
    ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'].includes(r.ipAddressType),
    'ipAddressType',
    r.ipAddressType,
    'must be "ipv4", "dualstack" or "dualstack-without-public-ipv4"',
    'leave it unset for IPv4',
  );
  v.check(
    !(r.internal && r.ipAddressType === 'dualstack-without-public-ipv4'),
    'ipAddressType',
    r.ipAddressType,
    'is only available to internet-facing load balancers',
    'use "dualstack" for an internal load balancer',
  );
  v.checkIntRange(props.idleTimeoutInSeconds, 1, 4000, 'idleTimeoutInSeconds');
  v.checkIntRange(props.clientKeepAliveInSeconds, 60, 604800, 'clientKeepAliveInSeconds');
  v.checkOptional(
    props.desyncMitigationMode,
    (m) => ['monitor', 'defensive', 'strictest'].includes(m),
    'desyncMitigationMode',
    'must be "monitor", "defensive" or "strictest"',
    'leave it unset (defensive) or use "strictest"',
  );
  v.checkOptional(
    props.xffHeaderProcessingMode,
    (m) => ['append', 'preserve', 'remove'].includes(m),
    'xffHeaderProcessingMode',
    'must be "append", "preserve" or "remove"',
    'leave it unset (append)',
  );
  v.checkOptional(
    props.webAclArn,
    (a) => WAF_ARN_RE.test(a),
    'webAclArn',
    'is not a regional WAFv2 web ACL ARN',
    'use an ARN such as "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/<name>/<id>" (CloudFront ACLs are global and cannot be used)',
  );

  const logs = r.logs;
  if (logs) {
    const given = (['bucketName', 'bucket', 'createBucket'] as const).filter((k) => logs[k] !== undefined);
    v.check(
      given.length <= 1,
      'accessLogs',
      given,
      `sets ${given.join(' and ')}; they are alternatives`,
      'set one of bucketName (existing bucket), bucket (a SecureBucket) or createBucket',
    );
    v.checkOptional(
      logs.bucket?.kmsKeyArn,
      () => false,
      'accessLogs.bucket',
      'uses SSE-KMS, but Elastic Load Balancing writes logs only to buckets encrypted with SSE-S3',
      'use a SecureBucket without kmsKeyArn for load balancer logs',
    );
    v.checkOptional(
      logs.prefix,
      (p) => PREFIX_RE.test(p) && !p.includes('AWSLogs') && p.length <= 200,
      'accessLogs.prefix',
      "is not a valid log prefix (no leading or trailing '/', no 'AWSLogs', S3-safe characters)",
      'use a prefix such as "alb/orders-prod"',
    );
    v.checkIntRange(
      logs.createBucket?.expirationInDays,
      1,
      36500,
      'accessLogs.createBucket.expirationInDays',
    );
  }
  v.throwIfInvalid();
}
