import { Validator } from '../../modules/core/validation';
import {
  isAzInRegion,
  isValidEmail,
  isValidLogRetention,
  nearestLogRetention,
} from '../../modules/core/aws-rules';
import { isKnownRegion } from '../../modules/core/regions';
import { isValidIpv4Cidr } from '../../modules/core/ip';
import { containsCidr } from 'cidr-tools';
import { regionFix } from '../../backend/settings';
import { REQUIRED_TAGS } from './project';

/** The configuration every blueprint environment shares (systems add their own fields). */
export interface BaseEnvironmentConfig {
  /** Environment name: 2-16 lowercase letters or digits, e.g. `dev`; the stack is `<system>-<name>`. */
  readonly name: string;
  /** AWS region of every resource in the stack. */
  readonly region: string;
  /** Availability zones, all in `region`. */
  readonly availabilityZones: readonly string[];
  /** VPC CIDR block (RFC 1918, /16 to /24), unique across every stack of the repository. */
  readonly vpcCidr?: string;
  /** E-mail addresses subscribed to the environment's alarm topic. */
  readonly alarmEmails: readonly string[];
  /** Retention (days) of the stack's log groups; a value CloudWatch accepts. */
  readonly logRetentionInDays: number;
  /** Tags on every resource; must include Owner and CostCenter. */
  readonly tags: Readonly<Record<string, string>>;
}

const ENV_NAME_RE = /^[a-z][a-z0-9]{1,15}$/;
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/**
 * Checks the shared fields into `v` (the caller adds its own and throws once). Untyped callers
 * (JavaScript, JSON) get the same messages as typed ones: a missing field is reported, never a
 * TypeError.
 * @param minAzs the fewest zones the system needs (2 for load balancers and database subnet groups)
 */
export function checkBaseEnvironment(v: Validator, cfg: BaseEnvironmentConfig, minAzs = 1): void {
  v.check(
    typeof cfg.name === 'string' && ENV_NAME_RE.test(cfg.name),
    'name',
    cfg.name,
    'must be 2-16 lowercase letters or digits, starting with a letter',
    'use a name such as "dev" or "qa2"',
  );
  const regionOk = typeof cfg.region === 'string' && isKnownRegion(cfg.region);
  v.check(
    regionOk,
    'region',
    cfg.region,
    "is not an AWS region (checked against AWS's published region list)",
    regionFix(cfg.region),
  );

  const azs = Array.isArray(cfg.availabilityZones) ? cfg.availabilityZones : [];
  v.check(
    Array.isArray(cfg.availabilityZones) && azs.length >= minAzs && azs.length <= 6,
    'availabilityZones',
    cfg.availabilityZones,
    `must list ${minAzs} to 6 availability zones`,
    `list zones of ${cfg.region}, e.g. ["${cfg.region}a", "${cfg.region}b"]`,
  );
  azs.forEach((az, i) => {
    if (regionOk) {
      v.check(
        typeof az === 'string' && isAzInRegion(az, cfg.region),
        `availabilityZones[${i}]`,
        az,
        `is not an availability zone of region ${cfg.region}`,
        `use a zone of ${cfg.region}, e.g. "${cfg.region}a", or change region`,
      );
    }
    v.check(azs.indexOf(az) === i, `availabilityZones[${i}]`, az, 'is listed twice', 'list each zone once');
  });

  if (cfg.vpcCidr !== undefined) {
    const ok = isValidIpv4Cidr(cfg.vpcCidr);
    v.check(
      ok,
      'vpcCidr',
      cfg.vpcCidr,
      'is not an IPv4 CIDR block (a.b.c.d/n with the host bits zero)',
      'use a block such as "10.40.0.0/16"',
    );
    if (ok) {
      const prefix = Number(cfg.vpcCidr.split('/')[1]);
      v.check(
        prefix >= 16 && prefix <= 24,
        'vpcCidr',
        cfg.vpcCidr,
        `has prefix /${prefix}; use /16 to /24`,
        'use a /16 to /24 block',
      );
      v.check(
        PRIVATE_RANGES.some((r) => containsCidr(r, cfg.vpcCidr as string)),
        'vpcCidr',
        cfg.vpcCidr,
        'is not in a private (RFC 1918) or shared (RFC 6598) range',
        'use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
      );
    }
  }

  const emails = Array.isArray(cfg.alarmEmails) ? cfg.alarmEmails : [];
  v.check(
    Array.isArray(cfg.alarmEmails) && emails.length > 0,
    'alarmEmails',
    cfg.alarmEmails,
    'must list at least one address: alarms must reach someone',
    'add the on-call address, e.g. ["ml-oncall@example.com"]',
  );
  emails.forEach((e, i) =>
    v.check(
      typeof e === 'string' && isValidEmail(e),
      `alarmEmails[${i}]`,
      e,
      'is not an e-mail address',
      'use an address such as "ml-oncall@example.com"',
    ),
  );

  v.check(
    typeof cfg.logRetentionInDays === 'number' &&
      isValidLogRetention(cfg.logRetentionInDays) &&
      cfg.logRetentionInDays > 0,
    'logRetentionInDays',
    cfg.logRetentionInDays,
    'is not a retention CloudWatch Logs accepts (or is 0, which keeps logs forever)',
    `use ${typeof cfg.logRetentionInDays === 'number' ? nearestLogRetention(cfg.logRetentionInDays) : 30} or another accepted value (1, 3, 5, 7, 14, 30, 60, 90, ...)`,
  );

  const tags = cfg.tags !== null && typeof cfg.tags === 'object' ? cfg.tags : {};
  for (const tag of REQUIRED_TAGS) {
    const value = tags[tag];
    v.check(
      typeof value === 'string' && value.trim() !== '',
      `tags.${tag}`,
      value,
      'is a required tag and is missing',
      `add tags: { ${tag}: "<value>" }`,
    );
  }
}
