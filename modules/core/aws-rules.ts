import { isKnownRegion } from './regions';

/**
 * Value rules that AWS enforces, checked at synth so mistakes fail before `terraform plan`.
 */

/** Retention periods (days) that CloudWatch Logs accepts; 0 means "never expire". */
export const LOG_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** True when CloudWatch Logs accepts `days` as a retention period. */
export function isValidLogRetention(days: number): boolean {
  return LOG_RETENTION_DAYS.includes(days);
}

/** The nearest accepted retention at or above `days` (for fix hints). */
export function nearestLogRetention(days: number): number {
  return LOG_RETENTION_DAYS.find((d) => d >= days && d !== 0) ?? 3653;
}

/**
 * True for a region in AWS's published region list (every partition); see `regions.ts` for the
 * source and its date. `us-east-9` is well-formed but not a region, and fails.
 */
export function isValidRegion(region: string): boolean {
  return isKnownRegion(region);
}

/** True when `az` is an availability-zone name in `region`, e.g. `us-east-1a` in `us-east-1`. */
export function isAzInRegion(az: string, region: string): boolean {
  return az.length === region.length + 1 && az.startsWith(region) && /^[a-z]$/.test(az.slice(-1));
}

/** A pragmatic e-mail check (what SNS e-mail subscriptions accept in practice). */
const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True for a plausible e-mail address. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email) && !email.includes('..');
}

/** EC2 instance type, e.g. `t3.medium`, `m7g.2xlarge`, `c6in.metal`. */
const INSTANCE_TYPE_RE =
  /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d{1,2}xlarge|metal(-\d+xl)?)$/;

/** {@link isValidInstanceType}'s pattern as RE2 source, for Terraform's `regex` in plan-time checks. */
export const INSTANCE_TYPE_PATTERN = INSTANCE_TYPE_RE.source;

/** True for a syntactically valid EC2 instance type. */
export function isValidInstanceType(type: string): boolean {
  return INSTANCE_TYPE_RE.test(type);
}

/**
 * Problems with an S3 bucket name under the general-purpose bucket naming rules; an empty list
 * means the name is valid.
 */
export function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push('must be 3 to 63 characters long');
  if (!/^[a-z0-9.-]*$/.test(name))
    problems.push('may contain only lowercase letters, digits, dots and hyphens');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    problems.push('must begin and end with a letter or digit');
  if (name.includes('..')) problems.push('must not contain two adjacent dots');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) problems.push('must not be formatted as an IP address');
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name))
    problems.push('must not start with "xn--", "sthree-" or "amzn-s3-demo-"');
  if (/(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(name))
    problems.push('must not end with a reserved suffix');
  return problems;
}

/** True when `port` is a whole number from 1 to 65535. */
export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** DynamoDB table names: 3-255 of `[a-zA-Z0-9_.-]`. */
export function isValidDynamoTableName(name: string): boolean {
  return /^[a-zA-Z0-9_.-]{3,255}$/.test(name);
}

/** KMS key ARNs (single- or multi-Region key), in any partition. Aliases are not key ARNs. */
const KMS_KEY_ARN_RE =
  /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:kms:[a-z0-9-]+:\d{12}:key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/**
 * True for a KMS key ARN such as `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`
 * (IAM policies and key grants need the key ARN; an alias does not work there).
 */
export function isKmsKeyArn(arn: string): boolean {
  return typeof arn === 'string' && KMS_KEY_ARN_RE.test(arn);
}

const KEY_ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})';
const ALIAS_NAME = 'alias/[A-Za-z0-9/_-]{1,250}';
const KMS_ARN_PREFIX = 'arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:kms:[a-z0-9-]+:\\d{12}:';
const KMS_KEY_REFERENCE_RE = new RegExp(
  `^(${KEY_ID}|${ALIAS_NAME}|${KMS_ARN_PREFIX}key/${KEY_ID}|${KMS_ARN_PREFIX}${ALIAS_NAME})$`,
);

/**
 * True for any way a service takes a KMS key: a key id (`1234abcd-12ab-34cd-56ef-1234567890ab`,
 * `mrk-...`), a key ARN, an alias name (`alias/my-key`) or an alias ARN.
 */
export function isKmsKeyReference(value: string): boolean {
  return typeof value === 'string' && KMS_KEY_REFERENCE_RE.test(value);
}

/** The region of a literal ARN (`arn:aws:kms:us-east-1:...` gives `us-east-1`), or undefined. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[3] !== '' ? parts[3] : undefined;
}

/** An IAM role or user ARN, e.g. `arn:aws:iam::111122223333:role/search-admin`. */
const IAM_PRINCIPAL_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/** True for the ARN of an IAM role or user (not an account root, group or wildcard). */
export function isIamPrincipalArn(arn: string): boolean {
  return IAM_PRINCIPAL_ARN_RE.test(arn);
}

/** An SNS topic ARN. */
const SNS_TOPIC_ARN_RE = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** True for an SNS topic ARN such as `arn:aws:sns:us-east-1:111122223333:alarms`. */
export function isSnsTopicArn(arn: string): boolean {
  return SNS_TOPIC_ARN_RE.test(arn);
}
