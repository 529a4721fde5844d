import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Validator, requireProps } from '../core/validation';
import { CLOUDFRONT_HOSTED_ZONE_ID, domainNameProblems, isInZone, isValidHostedZoneId } from './domain-names';

/** What an alias record points at: a DNS name and the hosted zone id AWS gives it. */
export interface AliasTarget {
  /** DNS name of the target, e.g. an ALB's `dnsName` or a distribution's `domainName`. */
  readonly dnsName: string;
  /** The target's canonical hosted zone id (not your zone), e.g. an ALB's `zoneId`. */
  readonly hostedZoneId: string;
  /** The target answers over IPv6 too, so an AAAA record is useful. @default true */
  readonly ipv6?: boolean;
}

/** An Application Load Balancer as an alias target (satisfied by `ApplicationLoadBalancer`). */
export interface LoadBalancerAliasSource {
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
  /** `ipv4`, `dualstack` or `dualstack-without-public-ipv4`. */
  readonly ipAddressType?: string;
}

/** The alias target of a load balancer: AAAA only when it is dual-stack. */
export function loadBalancerAliasTarget(lb: LoadBalancerAliasSource): AliasTarget {
  return {
    dnsName: lb.loadBalancerDnsName,
    hostedZoneId: lb.loadBalancerZoneId,
    ipv6: lb.ipAddressType !== undefined && lb.ipAddressType !== 'ipv4',
  };
}

/**
 * The alias target of a CloudFront distribution (its `domain_name`, e.g. `d111111abcdef8.cloudfront.net`).
 * @param ipv6 whether the distribution has IPv6 on (CloudFront's default) @default true
 */
export function cloudFrontAliasTarget(distributionDomainName: string, ipv6 = true): AliasTarget {
  return { dnsName: distributionDomainName, hostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID, ipv6 };
}

/** Record types an alias record set can have here. */
export type AliasRecordType = 'A' | 'AAAA';

/** Props of {@link AliasRecord}. */
export interface AliasRecordProps {
  /** Your hosted zone (id such as `Z0123456789ABCDEFGHIJ`). */
  readonly zoneId: string;
  /**
   * Name of the zone, e.g. `example.com`. When given, `recordName` is checked to lie inside it.
   * @default - not checked
   */
  readonly zoneName?: string;
  /** Fully qualified record name, e.g. `app.example.com`, or the zone apex `example.com`. Lower case. */
  readonly recordName: string;
  /** What the records point at; see {@link loadBalancerAliasTarget} and {@link cloudFrontAliasTarget}. */
  readonly target: AliasTarget;
  /**
   * Let Route 53 answer only while the target is healthy (for an ALB: at least one healthy target
   * in some target group), which makes failover and weighted records work. With a single record it
   * changes nothing visible: Route 53 answers anyway when every record is unhealthy. CloudFront
   * does not support it.
   * @default - true for a load balancer, false for CloudFront
   */
  readonly evaluateTargetHealth?: boolean;
  /**
   * Record types to create.
   * @default - ['A', 'AAAA'] when the target has IPv6, else ['A']
   */
  readonly recordTypes?: AliasRecordType[];
}

/**
 * Route 53 alias records (A, and AAAA for IPv6 targets) that point a name at a load balancer or a
 * CloudFront distribution. Alias records cost nothing per query for AWS targets, work at the zone
 * apex (a CNAME does not), and follow the target's changing addresses.
 */
export class AliasRecord extends Construct {
  /** The records by type. */
  public readonly records: Readonly<Partial<Record<AliasRecordType, Route53Record>>>;
  /** The record name, as given. */
  public readonly recordName: string;
  /** FQDN of the records (from Route 53). */
  public readonly fqdn: string;

  constructor(scope: Construct, id: string, props: AliasRecordProps) {
    super(scope, id);
    requireProps(this, props, { zoneId: 'string', recordName: 'string', target: 'object' });
    const cloudFront = props.target.hostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID;
    const evaluate = props.evaluateTargetHealth ?? !cloudFront;
    const types = props.recordTypes ?? (props.target.ipv6 === false ? ['A'] : ['A', 'AAAA']);

    const v = new Validator(this);
    v.check(
      props.zoneId !== undefined && props.zoneId !== '',
      'zoneId',
      props.zoneId,
      'is required',
      'pass the id of your hosted zone',
    );
    v.checkOptional(
      props.zoneId,
      isValidHostedZoneId,
      'zoneId',
      'is not a Route 53 hosted zone id',
      'use the id only, such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
    );
    v.check(
      Token.isUnresolved(props.zoneId ?? '') || props.zoneId !== CLOUDFRONT_HOSTED_ZONE_ID,
      'zoneId',
      props.zoneId,
      "is CloudFront's alias zone, not a zone you own",
      'pass your hosted zone as zoneId, and the distribution as target (cloudFrontAliasTarget)',
    );
    if (!Token.isUnresolved(props.recordName ?? '')) {
      const problems = domainNameProblems(props.recordName, { wildcard: true });
      v.check(
        problems.length === 0,
        'recordName',
        props.recordName,
        `is not a valid record name (${problems.join('; ')})`,
        'use a fully qualified lower-case name such as "app.example.com"',
      );
      if (props.zoneName !== undefined && problems.length === 0) {
        v.check(
          isInZone(props.recordName.replace(/^\*\./, ''), props.zoneName),
          'recordName',
          props.recordName,
          `is not in the zone ${props.zoneName}`,
          `use a name ending in ".${props.zoneName}", or the zone apex`,
        );
      }
    }
    v.checkOptional(
      props.zoneName,
      (z) => domainNameProblems(z).length === 0,
      'zoneName',
      'is not a domain name',
      'use the zone name without a trailing dot, e.g. "example.com"',
    );
    v.check(
      props.target.dnsName !== undefined && props.target.dnsName !== '',
      'target.dnsName',
      props.target.dnsName,
      'is required',
      'use loadBalancerAliasTarget(alb) or cloudFrontAliasTarget(distribution.domainName)',
    );
    v.checkOptional(
      props.target.hostedZoneId,
      isValidHostedZoneId,
      'target.hostedZoneId',
      'is not a hosted zone id',
      "pass the target's canonical zone id (an ALB's zoneId, or CLOUDFRONT_HOSTED_ZONE_ID)",
    );
    v.check(
      !(cloudFront && evaluate),
      'evaluateTargetHealth',
      props.evaluateTargetHealth,
      'is true for a CloudFront target, which Route 53 does not support',
      'leave evaluateTargetHealth unset (false) for CloudFront',
    );
    const dupes = types.filter((t, i) => types.indexOf(t) !== i);
    v.check(
      types.length > 0 && dupes.length === 0 && types.every((t) => t === 'A' || t === 'AAAA'),
      'recordTypes',
      types,
      'must list "A" and/or "AAAA", each once',
      'use ["A"] or ["A", "AAAA"]',
    );
    v.check(
      !(types.includes('AAAA') && props.target.ipv6 === false),
      'recordTypes',
      types,
      'has AAAA, but the target has no IPv6 address (the name would resolve to nothing over IPv6)',
      'drop "AAAA", or make the target dual-stack (ALB ipAddressType "dualstack")',
    );
    v.throwIfInvalid();

    this.recordName = props.recordName;
    const records: Partial<Record<AliasRecordType, Route53Record>> = {};
    for (const type of types) {
      records[type] = new Route53Record(this, type.toLowerCase(), {
        zoneId: props.zoneId,
        name: props.recordName,
        type,
        alias: {
          name: props.target.dnsName,
          zoneId: props.target.hostedZoneId,
          evaluateTargetHealth: evaluate,
        },
      });
    }
    this.records = records;
    this.fqdn = (records.A ?? records.AAAA)?.fqdn ?? props.recordName;
  }
}
