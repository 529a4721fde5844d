import { FieldKind, Validator, isUnresolved, requireProps } from '../../modules/core/validation';
import { describeReach, exceedsPublicReach } from '../../modules/core/ip';
import { checkAlarmThreshold } from '../../modules/monitoring/alarms/thresholds';
import { ALARM_THRESHOLD_RULES } from './monitoring/metric-contract';
import { cidrContains, cidrPrefix, isValidCidr } from '../../modules/core/cidr';
import {
  LOG_RETENTION_DAYS,
  isAzInRegion,
  isValidEmail,
  isValidInstanceType,
  isValidLogRetention,
  isValidRegion,
  nearestLogRetention,
} from '../../modules/core/aws-rules';
import { REQUIRED_TAGS } from '../shared/project';
import { domainNameProblems, isInZone, isValidHostedZoneId } from '../../modules/dns/domain-names';

/** NAT gateway layout of an environment's VPC. */
export type NatMode = 'none' | 'single' | 'perAz';

export { REQUIRED_TAGS };

/** Alarm thresholds of an environment. */
export interface AlarmThresholdsConfig {
  /** Average CPU utilization (%) over 15 minutes. */
  readonly cpuUtilizationPercent: number;
  /** Memory used (%), from the CloudWatch agent. */
  readonly memoryUsedPercent: number;
  /** Root disk used (%), from the CloudWatch agent. */
  readonly diskUsedPercent: number;
  /** API 5xx responses as a percentage of requests. */
  readonly api5xxErrorRatePercent: number;
  /** Model drift score (0..1) published by the API. */
  readonly driftScore: number;
}

/**
 * The internet-facing front door of an environment: an Application Load Balancer with HTTPS (an
 * ACM certificate validated in the hosted zone), alias records for the API and Grafana, and the
 * host moved into private subnets behind it.
 */
export interface FrontDoorConfig {
  /**
   * Route 53 public hosted zone that holds the names and the certificate's validation records
   * (an id such as `Z0123456789ABCDEFGHIJ`, without `/hostedzone/`). From configuration, not a
   * lookup: the stacks plan offline.
   */
  readonly hostedZoneId: string;
  /** Name of that zone, e.g. `example.com`; both names below must lie inside it. */
  readonly hostedZoneName: string;
  /**
   * Public name of the API, e.g. `mlmon-prod.example.com`: the certificate's main name (at most 64
   * characters), an alias record to the load balancer, and the host-header rule that forwards to
   * the host.
   */
  readonly domainName: string;
  /**
   * Public name of Grafana, e.g. `grafana.mlmon-prod.example.com`: on the certificate, an alias
   * record, and a rule that forwards only requests from `adminCidrs` (everyone else gets 404).
   * Grafana's root URL becomes `https://<grafanaDomainName>/`.
   */
  readonly grafanaDomainName: string;
  /**
   * Refuse deletion of the load balancer. On where losing it is an outage; off where the
   * environment is torn down and rebuilt (with it on, `cdktf destroy` fails until an apply has
   * turned it off).
   */
  readonly deletionProtection: boolean;
}

/**
 * Everything that differs between environments. One object per environment lives in
 * `stacks/environments.ts`; `validateEnvironmentConfig` checks it once at startup.
 */
export interface EnvironmentConfig {
  /** Environment name: lowercase, used in stack and resource names (`mlmon-<name>`). */
  readonly name: string;
  /** AWS region of every resource in the stack. */
  readonly region: string;
  /** Availability zones, all in `region`. Public (and private) subnets are created in each. */
  readonly availabilityZones: readonly string[];
  /** VPC CIDR block, /16 to /24. */
  readonly vpcCidr: string;
  /** Extra bits per subnet: a /16 VPC with 4 gives /20 subnets. */
  readonly subnetNewBits: number;
  /** Create private subnets (for NAT-backed or data tiers). */
  readonly privateSubnets: boolean;
  /** NAT gateways: none, one shared, or one per AZ. */
  readonly natGateways: NatMode;
  /** EC2 instance type of the application host. */
  readonly instanceType: string;
  /** Root volume size (GiB), 20..50. */
  readonly rootVolumeSizeInGiB: number;
  /**
   * Run the host as a single instance or as a self-healing Auto Scaling group of one (same cost:
   * the group is free). Only the group replaces a host whose boot never became healthy.
   */
  readonly compute: 'instance' | 'autoScaling';
  /** Give the host an Elastic IP (stable public address). Not with `frontDoor`. */
  readonly elasticIp: boolean;
  /**
   * Public DNS name of the API served by the host itself (no `frontDoor`). When set, the reverse
   * proxy serves it over HTTPS on 443 with an automatic Let's Encrypt certificate (and redirects
   * 80), and the security group opens 443; the name must resolve to the host's Elastic IP.
   * Unset: plain HTTP on 80 only, 443 closed. With `frontDoor`, use `frontDoor.domainName`.
   */
  readonly domainName?: string;
  /**
   * Put the host behind an internet-facing load balancer with HTTPS: the host moves to private
   * subnets with no public address and admits only the load balancer; Grafana is published on its
   * own name for `adminCidrs`. Needs private subnets with a NAT gateway, two or more zones, an
   * Auto Scaling group, no Elastic IP and at least one admin CIDR.
   * @default - no load balancer: the host serves the internet itself from a public subnet
   */
  readonly frontDoor?: FrontDoorConfig;
  /**
   * Extra tags on the host's root volume, e.g. the tag an account-level AWS Backup plan selects
   * volumes by. Empty: the volume carries the instance's tags only.
   */
  readonly rootVolumeTags?: Readonly<Record<string, string>>;
  /** E-mail addresses subscribed to the alarm topic. */
  readonly alarmEmails: readonly string[];
  /**
   * Operator networks. Without `frontDoor`: allowed to reach the API (8000), Prometheus (9090) and
   * Grafana (3000) on the host directly. With `frontDoor`: the only sources of the load balancer's
   * Grafana rule (the host, in private subnets, admits nothing but the load balancer; Prometheus
   * and the API's port are reached through SSM port forwarding).
   */
  readonly adminCidrs: readonly string[];
  /** CIDR blocks allowed to SSH (22). Empty: no SSH rule; use SSM Session Manager. */
  readonly sshCidrs: readonly string[];
  /** Retention (days) of the container and flow-log log groups; a value CloudWatch accepts. */
  readonly logRetentionInDays: number;
  /** Days before objects under `logs/` in the app bucket expire. */
  readonly bucketLogsExpirationInDays: number;
  /** Days before noncurrent object versions in the app bucket expire. */
  readonly noncurrentVersionExpirationInDays: number;
  /** Region of the cross-region replica of `models/` and `data/`; undefined: no replication. */
  readonly replicationRegion?: string;
  /** Container image of the model API (port 8000, `/metrics`). */
  readonly modelImage: string;
  /** Alarm thresholds. */
  readonly alarms: AlarmThresholdsConfig;
  /** Tags on every resource; must include {@link REQUIRED_TAGS}. */
  readonly tags: Readonly<Record<string, string>>;
}

const ENV_NAME_RE = /^[a-z][a-z0-9]{1,15}$/;

/** The fields and their types, checked before anything reads into them. */
const ENVIRONMENT_SHAPE: Readonly<Record<string, FieldKind>> = {
  name: 'string',
  region: 'string',
  availabilityZones: 'list',
  vpcCidr: 'string',
  subnetNewBits: 'number',
  privateSubnets: 'boolean',
  natGateways: 'string',
  instanceType: 'string',
  rootVolumeSizeInGiB: 'number',
  compute: 'string',
  elasticIp: 'boolean',
  'domainName?': 'string',
  'rootVolumeTags?': 'object',
  alarmEmails: 'list',
  adminCidrs: 'list',
  sshCidrs: 'list',
  logRetentionInDays: 'number',
  bucketLogsExpirationInDays: 'number',
  noncurrentVersionExpirationInDays: 'number',
  'replicationRegion?': 'string',
  modelImage: 'string',
  alarms: 'object',
  'alarms.cpuUtilizationPercent': 'number',
  'alarms.memoryUsedPercent': 'number',
  'alarms.diskUsedPercent': 'number',
  'alarms.api5xxErrorRatePercent': 'number',
  'alarms.driftScore': 'number',
  tags: 'object',
  // frontDoor is checked by checkFrontDoor, with the fields it needs.
};
const TAG_KEY_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * Checks an environment's configuration and throws one error listing every problem, each with the
 * field, the value and the fix. `path` names the config entry in messages.
 */
export function validateEnvironmentConfig(
  cfg: EnvironmentConfig,
  path = `environments.${(cfg as Partial<EnvironmentConfig> | undefined)?.name}`,
): void {
  // Untyped callers (JavaScript, JSON) get every missing or mistyped field, not a TypeError.
  requireProps(path, cfg, ENVIRONMENT_SHAPE);
  const v = new Validator(path);
  v.check(
    ENV_NAME_RE.test(cfg.name),
    'name',
    cfg.name,
    'must be 2-16 lowercase letters or digits, starting with a letter',
    'use a name such as "dev" or "qa2"',
  );

  const regionOk = isValidRegion(cfg.region);
  v.check(regionOk, 'region', cfg.region, 'is not an AWS region name', 'use a region such as "us-east-1"');

  v.check(
    cfg.availabilityZones.length >= 1 && cfg.availabilityZones.length <= 6,
    'availabilityZones',
    cfg.availabilityZones,
    'must list 1 to 6 availability zones',
    `list zones of ${cfg.region}, e.g. ["${cfg.region}a", "${cfg.region}b"]`,
  );
  const seen = new Set<string>();
  cfg.availabilityZones.forEach((az, i) => {
    if (regionOk) {
      v.check(
        isAzInRegion(az, cfg.region),
        `availabilityZones[${i}]`,
        az,
        `is not an availability zone of region ${cfg.region}`,
        `use a zone of ${cfg.region}, e.g. "${cfg.region}a", or change region`,
      );
    }
    v.check(!seen.has(az), `availabilityZones[${i}]`, az, 'is listed twice', 'list each zone once');
    seen.add(az);
  });

  const cidrOk = isValidCidr(cfg.vpcCidr);
  v.check(
    cidrOk,
    'vpcCidr',
    cfg.vpcCidr,
    'is not an IPv4 CIDR block (a.b.c.d/n with the host bits zero)',
    'use a block such as "10.20.0.0/16"',
  );
  if (cidrOk) {
    const prefix = cidrPrefix(cfg.vpcCidr) ?? 0;
    v.check(
      prefix >= 16 && prefix <= 24,
      'vpcCidr',
      cfg.vpcCidr,
      `has prefix /${prefix}; AWS VPCs take /16 to /28, and this layout needs room for subnets`,
      'use a /16 to /24 block',
    );
    v.check(
      ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].some((r) =>
        cidrContains(r, cfg.vpcCidr),
      ),
      'vpcCidr',
      cfg.vpcCidr,
      'is not in a private (RFC 1918) or shared (RFC 6598) range',
      'use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    );
    // Layout: public subnet i is subnet number i, private subnet i is number 8 + i (room for 8 AZs).
    const subnetPrefix = prefix + cfg.subnetNewBits;
    const minBits = Math.ceil(Math.log2(8 + cfg.availabilityZones.length));
    const maxBits = 28 - prefix;
    const fits = Number.isInteger(cfg.subnetNewBits) && cfg.subnetNewBits >= minBits && subnetPrefix <= 28;
    v.check(
      fits,
      'subnetNewBits',
      cfg.subnetNewBits,
      `gives /${subnetPrefix} subnets; the layout (public subnets numbered from 0, private from 8) needs at least ${minBits} bits, and AWS subnets are /28 or larger`,
      minBits <= maxBits
        ? `use subnetNewBits from ${minBits} to ${maxBits} for ${cfg.vpcCidr} (4 on a /16 gives /20 subnets)`
        : `use a larger vpcCidr (at most /${28 - minBits})`,
    );
  }

  v.check(
    !(cfg.natGateways !== 'none' && !cfg.privateSubnets),
    'natGateways',
    cfg.natGateways,
    'needs private subnets to route through the NAT gateway',
    'set privateSubnets: true, or natGateways: "none"',
  );
  v.check(
    ['none', 'single', 'perAz'].includes(cfg.natGateways),
    'natGateways',
    cfg.natGateways,
    'is not a NAT mode',
    'use "none", "single" or "perAz"',
  );

  v.check(
    isValidInstanceType(cfg.instanceType),
    'instanceType',
    cfg.instanceType,
    'is not an EC2 instance type',
    'use a type such as "t3.medium"',
  );
  v.checkIntRange(
    cfg.rootVolumeSizeInGiB,
    20,
    50,
    'rootVolumeSizeInGiB',
    'use 20 to 50 GiB (the host keeps images, models and 15 days of Prometheus data)',
  );
  v.check(
    ['instance', 'autoScaling'].includes(cfg.compute),
    'compute',
    cfg.compute,
    'is not a compute mode',
    'use "instance" or "autoScaling"',
  );

  if (cfg.domainName !== undefined) {
    v.check(
      /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(cfg.domainName),
      'domainName',
      cfg.domainName,
      'is not a lowercase DNS name',
      'use a name such as "api.example.com"',
    );
    v.check(
      cfg.elasticIp || cfg.frontDoor !== undefined, // with frontDoor, checkFrontDoor says what to do
      'domainName',
      cfg.domainName,
      'is set but elasticIp is false: the name must point at an address that survives host replacement',
      'set elasticIp: true, or remove domainName',
    );
  }
  for (const [key, value] of Object.entries(cfg.rootVolumeTags ?? {})) {
    v.check(
      TAG_KEY_RE.test(key) && !key.toLowerCase().startsWith('aws:') && value.length <= 256,
      `rootVolumeTags["${key}"]`,
      value,
      'is not a valid tag (key of 1-128 letters, digits, spaces and _ . : / = + - @, not "aws:"; value up to 256 characters)',
      'fix the key or shorten the value',
    );
  }

  if (cfg.frontDoor !== undefined) checkFrontDoor(v, cfg);

  v.check(
    cfg.alarmEmails.length > 0,
    'alarmEmails',
    cfg.alarmEmails,
    'is empty: alarms would notify nobody',
    'list at least one address, e.g. ["ml-oncall@example.com"]',
  );
  cfg.alarmEmails.forEach((email, i) =>
    v.check(
      isValidEmail(email),
      `alarmEmails[${i}]`,
      email,
      'is not a valid e-mail address',
      'use an address such as "ml-oncall@example.com"',
    ),
  );

  const checkCidrList = (field: string, list: readonly string[]) => {
    list.forEach((c, i) => {
      if (isUnresolved(c)) {
        v.add(
          `${field}[${i}]`,
          c,
          'is an unresolved value: the networks admitted to admin ports must be literal, to be checked',
          'list literal CIDR blocks such as "203.0.113.0/24"',
        );
        return;
      }
      v.check(
        isValidCidr(c),
        `${field}[${i}]`,
        c,
        'is not an IPv4 CIDR block (a.b.c.d/n with the host bits zero)',
        'use a block such as "203.0.113.0/24" or "198.51.100.7/32"',
      );
    });
    // The same bound as SecurityGroup and the policy pack: together at most one /8 of public IPv4.
    const literal = list.filter((c) => !isUnresolved(c) && isValidCidr(c));
    v.check(
      exceedsPublicReach(literal).length === 0,
      field,
      list,
      `opens admin ports to ${describeReach(literal)}, more than the limit of one /8 of public IPv4`,
      'list your office or VPN ranges, or leave it empty and use SSM Session Manager',
    );
  };
  checkCidrList('adminCidrs', cfg.adminCidrs);
  checkCidrList('sshCidrs', cfg.sshCidrs);

  v.check(
    isValidLogRetention(cfg.logRetentionInDays),
    'logRetentionInDays',
    cfg.logRetentionInDays,
    `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.filter((d) => d > 0).join(', ')})`,
    `use ${nearestLogRetention(cfg.logRetentionInDays)}, the nearest accepted value at or above it`,
  );
  v.checkIntRange(cfg.bucketLogsExpirationInDays, 1, 3650, 'bucketLogsExpirationInDays');
  v.checkIntRange(cfg.noncurrentVersionExpirationInDays, 1, 3650, 'noncurrentVersionExpirationInDays');
  if (cfg.replicationRegion !== undefined) {
    v.check(
      isValidRegion(cfg.replicationRegion),
      'replicationRegion',
      cfg.replicationRegion,
      'is not an AWS region name',
      'use a region such as "us-west-2", or remove it',
    );
    v.check(
      cfg.replicationRegion !== cfg.region,
      'replicationRegion',
      cfg.replicationRegion,
      'is the same as region',
      'choose a second region, or remove replicationRegion',
    );
  }
  v.check(
    /^[^\s]+$/.test(cfg.modelImage) && cfg.modelImage.length > 0,
    'modelImage',
    cfg.modelImage,
    'is not a container image reference',
    'use a reference such as "ghcr.io/acme/model-api:1.4.2"',
  );

  // The alarm set's rules: every alarm can fire and clear (percentages in (0, 100), drift in (0, 1)).
  for (const [key, rule] of Object.entries(ALARM_THRESHOLD_RULES)) {
    checkAlarmThreshold(v, `alarms.${key}`, cfg.alarms[key as keyof AlarmThresholdsConfig], rule);
  }

  for (const tag of REQUIRED_TAGS) {
    const value = cfg.tags[tag];
    v.check(
      value !== undefined && value.trim() !== '',
      `tags.${tag}`,
      value,
      `is a required tag and is missing`,
      `add tags: { ${tag}: "<value>" } to environment "${cfg.name}"`,
    );
  }
  for (const [key, value] of Object.entries(cfg.tags)) {
    v.check(
      TAG_KEY_RE.test(key) && !key.toLowerCase().startsWith('aws:'),
      `tags["${key}"]`,
      key,
      'is not a valid tag key',
      'use 1-128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:"',
    );
    v.check(
      value.length <= 256,
      `tags["${key}"]`,
      value,
      'is longer than 256 characters',
      'shorten the value',
    );
  }
  v.throwIfInvalid();
}

/** The checks of `frontDoor`, and of the fields it depends on. */
function checkFrontDoor(v: Validator, cfg: EnvironmentConfig): void {
  const fd = cfg.frontDoor as FrontDoorConfig;
  if (typeof fd !== 'object' || fd === null) {
    v.add(
      'frontDoor',
      fd,
      'is not an object',
      'give { hostedZoneId, hostedZoneName, domainName, grafanaDomainName, deletionProtection }, or remove it',
    );
    return;
  }
  v.check(
    typeof fd.hostedZoneId === 'string' && isValidHostedZoneId(fd.hostedZoneId),
    'frontDoor.hostedZoneId',
    fd.hostedZoneId,
    'is not a Route 53 hosted zone id',
    'use the id only, such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
  );
  const zoneOk = typeof fd.hostedZoneName === 'string' && domainNameProblems(fd.hostedZoneName).length === 0;
  v.check(
    zoneOk,
    'frontDoor.hostedZoneName',
    fd.hostedZoneName,
    'is not a domain name',
    'use the zone name without a trailing dot, e.g. "example.com"',
  );
  const names: Array<['domainName' | 'grafanaDomainName', number]> = [
    ['domainName', 64],
    ['grafanaDomainName', 253],
  ];
  for (const [field, maxLength] of names) {
    const name = fd[field];
    const problems = typeof name === 'string' ? domainNameProblems(name, { maxLength }) : ['is not a string'];
    v.check(
      problems.length === 0,
      `frontDoor.${field}`,
      name,
      `is not a valid host name (${problems.join('; ')})`,
      field === 'domainName'
        ? 'use a lower-case name of at most 64 characters (the certificate main name), e.g. "mlmon-prod.example.com"'
        : 'use a lower-case name such as "grafana.mlmon-prod.example.com"',
    );
    if (problems.length === 0 && zoneOk) {
      v.check(
        isInZone(name, fd.hostedZoneName),
        `frontDoor.${field}`,
        name,
        `is not in the hosted zone ${fd.hostedZoneName}, so neither its record nor its certificate validation can be created there`,
        `use a name ending in ".${fd.hostedZoneName}"`,
      );
    }
  }
  v.check(
    fd.domainName !== fd.grafanaDomainName,
    'frontDoor.grafanaDomainName',
    fd.grafanaDomainName,
    'is the same as frontDoor.domainName; the load balancer routes the API and Grafana by host name',
    'give Grafana its own name, e.g. "grafana.<domainName>"',
  );
  v.check(
    typeof fd.deletionProtection === 'boolean',
    'frontDoor.deletionProtection',
    fd.deletionProtection,
    'must be true or false',
    'true where losing the load balancer is an outage (prod), false for environments torn down and rebuilt',
  );

  // What a host behind the load balancer needs from the rest of the environment.
  v.check(
    Array.isArray(cfg.availabilityZones) && cfg.availabilityZones.length >= 2,
    'availabilityZones',
    cfg.availabilityZones,
    'lists fewer than two zones; an Application Load Balancer (frontDoor) needs subnets in two or more',
    `list two zones, e.g. ["${cfg.region}a", "${cfg.region}b"], or remove frontDoor`,
  );
  v.check(
    cfg.privateSubnets === true && cfg.natGateways !== 'none',
    'natGateways',
    cfg.natGateways,
    'leaves the host behind the load balancer (frontDoor) without a route out of its private subnet (packages, images, AWS APIs)',
    'set privateSubnets: true and natGateways: "single" or "perAz"',
  );
  v.check(
    cfg.compute === 'autoScaling',
    'compute',
    cfg.compute,
    'must be "autoScaling" with frontDoor: the group registers the host in the target groups and replaces it on their verdict',
    'use compute: "autoScaling"',
  );
  v.check(
    cfg.elasticIp !== true,
    'elasticIp',
    cfg.elasticIp,
    'is true with frontDoor: the host behind the load balancer has no public address',
    'set elasticIp: false (the load balancer and its alias records are the stable address)',
  );
  v.check(
    cfg.domainName === undefined,
    'domainName',
    cfg.domainName,
    'is set with frontDoor: TLS ends at the load balancer, not in the reverse proxy on the host',
    'move the name to frontDoor.domainName and remove domainName',
  );
  v.check(
    Array.isArray(cfg.adminCidrs) && cfg.adminCidrs.length > 0,
    'adminCidrs',
    cfg.adminCidrs,
    'is empty with frontDoor: the load balancer rule for Grafana admits only these networks, so nobody could reach Grafana',
    'list your office or VPN egress ranges, e.g. ["203.0.113.0/24"]',
  );
}

export { ProjectConfig, validateProjectConfig } from '../shared/project';
