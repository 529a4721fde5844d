import { Construct } from 'constructs';
import { ApplicationLoadBalancer, LISTENER_RULE_LIMITS, TargetGroup } from '../../modules/alb';
import { Certificate } from '../../modules/certificate';
import { AliasRecord, loadBalancerAliasTarget } from '../../modules/dns';
import { AlbAlarms } from '../../modules/monitoring/alarms/alb';
import { ISecurityGroupRef } from '../../modules/security-group';
import { Tags } from '../../modules/core/tags';
import { Validator } from '../../modules/core/validation';
import { FrontDoorConfig } from './config';
import { API_PATHS, GRAFANA_PATHS, MLMON_PORTS } from './contract';

/** Props of {@link MlmonFrontDoor}. */
export interface MlmonFrontDoorProps {
  /** Deployment name, e.g. `mlmon-prod`: load balancer, target group and alarm names. */
  readonly name: string;
  /** Region of the stack (the certificate and the load balancer live there). */
  readonly region: string;
  /** The environment's front-door settings (zone, names, deletion protection). */
  readonly config: FrontDoorConfig;
  /** VPC of the load balancer and the host. */
  readonly vpcId: string;
  /** Public subnets, one per zone (two or more). */
  readonly publicSubnetIds: string[];
  /** Zone of each public subnet, in order; checked at synth. */
  readonly availabilityZones: string[];
  /**
   * The host's security group: it gets ingress from the load balancer's group on the proxy port
   * and the Grafana port, and nothing else from here.
   */
  readonly hostSecurityGroup: ISecurityGroupRef;
  /**
   * Operator networks: the only sources Grafana's rule forwards (others get the default 404).
   * Literal CIDR blocks; more than three are spread over consecutive rules.
   */
  readonly adminCidrs: readonly string[];
  /** SNS topic the load balancer alarms notify (the environment's alarm topic). */
  readonly alarmTopicArn: string;
  /** Name of the access-log bucket created for the load balancer (globally unique). */
  readonly accessLogBucketName: string;
  /** Days the access logs are kept. */
  readonly accessLogExpirationInDays: number;
  /** Tags of every resource (default tags come from the provider). @default - none */
  readonly tags?: Tags;
}

/** Priority of the first Grafana rule (admin-only, so evaluated before the API's). */
const GRAFANA_RULE_PRIORITY = 10;
/** Priority of the API rule. */
const API_RULE_PRIORITY = 100;

/**
 * The model-monitoring system's front door: an ACM certificate for the API and Grafana names
 * (DNS-validated in the environment's zone), an internet-facing Application Load Balancer (TLS 1.3
 * policy, port 80 redirecting to HTTPS, access logs, invalid headers dropped), two target groups
 * on the host, alias records, and the load balancer alarms.
 *
 * | request                                  | goes to                                              |
 * |------------------------------------------|------------------------------------------------------|
 * | `https://<domainName>/...`               | the reverse proxy on the host (80), then the API     |
 * | `https://<grafanaDomainName>/...` from an admin CIDR | Grafana on the host (3000)               |
 * | anything else (other names, other sources, the bare load balancer name) | fixed 404 |
 * | `http://...`                             | 301 to https                                         |
 *
 * The API's target group checks `GET /health` through the proxy (the path the requests take); the
 * Grafana group checks `/api/health`. The host's Auto Scaling group registers itself in both
 * (`targetGroupArns`) and uses their verdict.
 */
export class MlmonFrontDoor extends Construct {
  public readonly certificate: Certificate;
  public readonly loadBalancer: ApplicationLoadBalancer;
  /** Forwards to the reverse proxy on the host (port 80). */
  public readonly apiTargetGroup: TargetGroup;
  /** Forwards to Grafana on the host (port 3000). */
  public readonly grafanaTargetGroup: TargetGroup;
  /** Alias records of the API and Grafana names. */
  public readonly records: { readonly api: AliasRecord; readonly grafana: AliasRecord };
  public readonly alarms: AlbAlarms;
  /** The target groups the host's Auto Scaling group registers in. */
  public readonly targetGroupArns: string[];
  /** `https://<domainName>` */
  public readonly apiUrl: string;
  /** `https://<grafanaDomainName>/`: Grafana's root URL. */
  public readonly grafanaUrl: string;

  constructor(scope: Construct, id: string, props: MlmonFrontDoorProps) {
    super(scope, id);
    const cfg = props.config;
    const v = new Validator(this);
    v.check(
      props.adminCidrs.length > 0,
      'adminCidrs',
      props.adminCidrs,
      'is empty, so no rule would forward to Grafana',
      'list the operator networks, e.g. ["203.0.113.0/24"]',
    );
    v.throwIfInvalid();

    this.certificate = new Certificate(this, 'certificate', {
      domainName: cfg.domainName,
      subjectAlternativeNames: [cfg.grafanaDomainName],
      hostedZoneId: cfg.hostedZoneId,
      hostedZoneName: cfg.hostedZoneName,
      tags: props.tags,
    });

    this.loadBalancer = new ApplicationLoadBalancer(this, 'alb', {
      name: props.name,
      region: props.region,
      vpcId: props.vpcId,
      subnetIds: props.publicSubnetIds,
      availabilityZones: props.availabilityZones,
      certificateArn: this.certificate.certificateArn,
      deletionProtection: cfg.deletionProtection,
      accessLogs: {
        createBucket: {
          bucketName: props.accessLogBucketName,
          expirationInDays: props.accessLogExpirationInDays,
        },
      },
      tags: props.tags,
    });
    const alb = this.loadBalancer;

    this.apiTargetGroup = alb.addTargetGroup('api', {
      name: `${props.name}-api`,
      port: MLMON_PORTS.http,
      healthCheck: { path: API_PATHS.health, matcher: '200' },
    });
    this.grafanaTargetGroup = alb.addTargetGroup('grafana', {
      name: `${props.name}-grafana`,
      port: MLMON_PORTS.grafana,
      healthCheck: { path: GRAFANA_PATHS.health, matcher: '200' },
    });

    // Grafana: admin networks only, on its own name. A rule takes 3 source blocks; more go into
    // further rules with consecutive priorities.
    const per = LISTENER_RULE_LIMITS.valuesPerCondition;
    for (let i = 0; i * per < props.adminCidrs.length; i++) {
      alb.addRule(i === 0 ? 'grafana' : `grafana-${i + 1}`, {
        priority: GRAFANA_RULE_PRIORITY + i,
        hostHeaders: [cfg.grafanaDomainName],
        sourceCidrs: props.adminCidrs.slice(i * per, (i + 1) * per),
        targetGroup: this.grafanaTargetGroup,
      });
    }
    alb.addRule('api', {
      priority: API_RULE_PRIORITY,
      hostHeaders: [cfg.domainName],
      targetGroup: this.apiTargetGroup,
    });

    // The load balancer reaches the host on exactly these ports, and the host admits it there.
    alb.connectTo(props.hostSecurityGroup, MLMON_PORTS.http, {
      key: 'api',
      description: `API through the reverse proxy, from load balancer ${props.name}`,
    });
    alb.connectTo(props.hostSecurityGroup, MLMON_PORTS.grafana, {
      key: 'grafana',
      description: `Grafana, from load balancer ${props.name}`,
    });
    this.targetGroupArns = [this.apiTargetGroup.targetGroupArn, this.grafanaTargetGroup.targetGroupArn];

    const target = loadBalancerAliasTarget(alb);
    this.records = {
      api: new AliasRecord(this, 'api-record', {
        zoneId: cfg.hostedZoneId,
        zoneName: cfg.hostedZoneName,
        recordName: cfg.domainName,
        target,
      }),
      grafana: new AliasRecord(this, 'grafana-record', {
        zoneId: cfg.hostedZoneId,
        zoneName: cfg.hostedZoneName,
        recordName: cfg.grafanaDomainName,
        target,
      }),
    };

    this.alarms = new AlbAlarms(this, 'alarms', {
      name: `${props.name}-alb`,
      loadBalancer: alb,
      targetGroups: { api: this.apiTargetGroup, grafana: this.grafanaTargetGroup },
      alarmTopicArn: props.alarmTopicArn,
    });

    this.apiUrl = `https://${cfg.domainName}`;
    this.grafanaUrl = `https://${cfg.grafanaDomainName}/`;
  }
}
