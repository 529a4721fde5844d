import { Token } from 'cdktf';
import { Validator, isUnresolved } from '../core/validation';
import { isKmsKeyArn, isValidLogRetention, nearestLogRetention, regionOfArn } from '../core/aws-rules';
import { checkRotationSchedule } from '../secrets/secret-rotation-schedule';
import { POSTGRES_MAJOR_VERSIONS, isValidDbInstanceClass, parsePostgresVersion } from './postgres-engine';
import type { PostgresInstanceProps, PostgresLogExport } from './postgres-instance';
import { OWNED_PARAMETERS } from './postgres-parameters';
import {
  WINDOW_PERIODS,
  parseBackupWindow,
  parseMaintenanceWindow,
  windowLength,
  windowsOverlap,
} from './windows';

const IDENTIFIER_RE = /^[a-z](?!.*--)[a-z0-9-]{0,62}$/;
const SNAPSHOT_ID_RE = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/;
const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const DB_NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PARAMETER_NAME_RE = /^[a-z_][a-z0-9_.]{0,127}$/;
const VPC_ID_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const AZ_RE = /^[a-z]{2}(-gov|-iso|-isob)?-[a-z]+-\d[a-z]$/;
const ROLE_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const LOG_EXPORTS: readonly PostgresLogExport[] = ['postgresql', 'upgrade', 'iam-db-auth-error'];
const MONITORING_INTERVALS: readonly number[] = [0, 1, 5, 10, 15, 30, 60];
const RESERVED_USERNAMES: readonly string[] = ['rdsadmin', 'rdsrepladmin', 'postgres_exporter'];
const RESERVED_DB_NAMES: readonly string[] = ['template0', 'template1', 'rdsadmin', 'postgres'];
const MAX_STORAGE_GIB = 65536;
/** gp3 on RDS for PostgreSQL: IOPS and throughput can be provisioned from this size. */
export const GP3_PROVISIONING_MIN_GIB = 400;
/** `-rds-monitoring` must fit IAM's 64-character role names. */
const MAX_IDENTIFIER_WITH_ROLE = 64 - '-rds-monitoring'.length;

/** True for a Performance Insights retention RDS accepts: 7, 731, or 31 x 1..23. */
export function isValidPerformanceInsightsRetention(days: number): boolean {
  return (
    days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 713)
  );
}

function checkKey(v: Validator, field: string, arn: string | undefined): void {
  v.checkOptional(
    arn,
    isKmsKeyArn,
    field,
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (an alias or key id makes Terraform replace the instance on every plan)',
  );
}

/** Problems with {@link PostgresInstanceProps}, collected into `v`. */
export function validatePostgresInstanceProps(v: Validator, props: PostgresInstanceProps): Validator {
  const id = props.identifier;
  v.check(
    typeof id === 'string' && IDENTIFIER_RE.test(id) && !id.endsWith('-'),
    'identifier',
    id,
    'must be 1-63 lowercase letters, digits and hyphens, start with a letter, and have no "--" or trailing "-"',
    'use an identifier such as "modelreg-prod"',
  );
  v.checkOptional(props.vpcId, (x) => VPC_ID_RE.test(x), 'vpcId', 'is not a VPC id', 'pass e.g. vpc.vpcId');
  checkNetwork(v, props);
  checkEngine(v, props);
  checkStorage(v, props);
  checkCredentials(v, props);
  checkBackups(v, props);
  checkMonitoring(v, props);
  checkParameters(v, props);
  checkKeyRegions(v, props);
  return v;
}

function checkNetwork(v: Validator, props: PostgresInstanceProps): void {
  const subnets = Array.isArray(props.subnetIds) ? props.subnetIds : [];
  const azs = Array.isArray(props.availabilityZones) ? props.availabilityZones : [];
  // A whole list from a reference (Token.asList) has an unknown length; skip the count checks.
  const listIsToken = Token.isUnresolved(props.subnetIds) || Token.isUnresolved(props.availabilityZones);
  // Counts are checked with add(): a literal list of token ids still has a known length.
  if (!listIsToken && subnets.length < 2) {
    v.add(
      'subnetIds',
      props.subnetIds,
      `lists ${subnets.length} subnet${subnets.length === 1 ? '' : 's'}; a DB subnet group needs at least two, in two availability zones`,
      'pass the private subnets of at least two AZs, e.g. vpc.privateSubnetIds',
    );
  }
  const badSubnets = subnets.filter((s) => !Token.isUnresolved(s) && !SUBNET_ID_RE.test(s));
  v.check(
    badSubnets.length === 0,
    'subnetIds',
    badSubnets,
    'has entries that are not subnet ids',
    'use ids such as "subnet-0123456789abcdef0"',
  );
  const literal = subnets.filter((s) => !Token.isUnresolved(s));
  const dupes = literal.filter((s, i) => literal.indexOf(s) !== i);
  v.check(dupes.length === 0, 'subnetIds', dupes, 'lists a subnet more than once', 'list each subnet once');

  const literalAzs = azs.filter((a) => !Token.isUnresolved(a));
  const badAzs = literalAzs.filter((a) => !AZ_RE.test(a));
  v.check(
    badAzs.length === 0,
    'availabilityZones',
    badAzs,
    'has entries that are not availability zone names',
    'use names such as "us-east-1a", e.g. vpc.availabilityZones',
  );
  if (!listIsToken) {
    if (azs.length !== subnets.length) {
      v.add(
        'availabilityZones',
        props.availabilityZones,
        `has ${azs.length} entries for ${subnets.length} subnets`,
        'give the AZ of each subnet, in the order of subnetIds',
      );
    }
    const distinct = new Set(literalAzs);
    if (literalAzs.length === azs.length && distinct.size < 2) {
      v.add(
        'availabilityZones',
        props.availabilityZones,
        `covers ${distinct.size} availability zone${distinct.size === 1 ? '' : 's'}; RDS needs subnets in at least two`,
        'add a private subnet in a second AZ (the VPC module creates one per AZ)',
      );
    }
  }
  if (props.availabilityZone !== undefined) {
    v.check(
      props.multiAz !== true,
      'availabilityZone',
      props.availabilityZone,
      'cannot be set with multiAz: true (RDS places the primary and the standby)',
      'remove availabilityZone, or set multiAz: false',
    );
    v.checkOptional(
      props.availabilityZone,
      (a) => literalAzs.length < azs.length || literalAzs.includes(a),
      'availabilityZone',
      `is not one of the subnets' availability zones (${literalAzs.join(', ')})`,
      'pick one of availabilityZones',
    );
  }
  v.checkIntRange(props.port, 1150, 65535, 'port', 'use 5432 (default) or another port from 1150 to 65535');
}

function checkEngine(v: Validator, props: PostgresInstanceProps): void {
  const version = props.engineVersion;
  if (version !== undefined && !Token.isUnresolved(version)) {
    const parsed = parsePostgresVersion(version);
    if (!parsed) {
      v.add(
        'engineVersion',
        version,
        'is not a PostgreSQL version of the form "<major>" or "<major>.<minor>"',
        'use e.g. "17" (RDS default minor, upgraded automatically) or "17.6"',
      );
    } else {
      v.check(
        POSTGRES_MAJOR_VERSIONS.includes(parsed.major),
        'engineVersion',
        version,
        `has major version ${parsed.major}, which has no parameter group family here (supported: ${POSTGRES_MAJOR_VERSIONS.join(', ')})`,
        `use one of ${POSTGRES_MAJOR_VERSIONS.join(', ')}, e.g. "17"`,
      );
      v.check(
        parsed.minor === undefined || props.autoMinorVersionUpgrade === false,
        'engineVersion',
        version,
        'pins a minor version while autoMinorVersionUpgrade is on: after RDS upgrades the minor, Terraform would try to downgrade it',
        `use "${parsed.major}" (the major only), or set autoMinorVersionUpgrade: false`,
      );
    }
  }
  v.checkOptional(
    props.instanceClass,
    isValidDbInstanceClass,
    'instanceClass',
    'is not an RDS instance class',
    'use a class such as "db.t4g.micro", "db.t4g.small" or "db.m7g.large"',
  );
  v.check(
    props.allowMajorVersionUpgrade !== true || props.engineVersion !== undefined,
    'allowMajorVersionUpgrade',
    props.allowMajorVersionUpgrade,
    'is set without an explicit engineVersion',
    'set engineVersion to the target major when upgrading',
  );
  v.checkOptional(
    props.caCertIdentifier,
    (c) => /^rds-ca-[a-z0-9-]+$/.test(c),
    'caCertIdentifier',
    'is not an RDS certificate authority identifier',
    'use "rds-ca-rsa2048-g1" (default), "rds-ca-rsa4096-g1" or "rds-ca-ecc384-g1"',
  );
}

function checkStorage(v: Validator, props: PostgresInstanceProps): void {
  v.checkIntRange(
    props.allocatedStorageInGiB,
    20,
    MAX_STORAGE_GIB,
    'allocatedStorageInGiB',
    'use 20 GiB (gp3 minimum) or more',
  );
  const allocated = props.allocatedStorageInGiB ?? 20;
  const max = props.maxAllocatedStorageInGiB;
  if (max !== undefined && max !== 0 && !isUnresolved(max) && !isUnresolved(allocated)) {
    const min = Math.ceil(allocated * 1.1);
    v.check(
      Number.isInteger(max) && max >= min && max <= MAX_STORAGE_GIB,
      'maxAllocatedStorageInGiB',
      max,
      `must be 0 (autoscaling off) or a whole number from ${min} (10% above allocatedStorageInGiB) to ${MAX_STORAGE_GIB}`,
      `use e.g. ${Math.min(MAX_STORAGE_GIB, allocated * 5)}, or 0 to turn storage autoscaling off`,
    );
  }
  const small = !isUnresolved(allocated) && allocated < GP3_PROVISIONING_MIN_GIB;
  for (const [field, value, lo, hi] of [
    ['storageIops', props.storageIops, 12000, 64000],
    ['storageThroughputInMiBps', props.storageThroughputInMiBps, 500, 4000],
  ] as const) {
    if (value === undefined) continue;
    v.check(
      !small,
      field,
      value,
      `can only be provisioned from ${GP3_PROVISIONING_MIN_GIB} GiB of gp3 storage (below, the baseline is fixed)`,
      `remove ${field}, or set allocatedStorageInGiB to ${GP3_PROVISIONING_MIN_GIB} or more`,
    );
    v.checkIntRange(value, lo, hi, field);
  }
  checkKey(v, 'storageKmsKeyArn', props.storageKmsKeyArn);
}

function checkCredentials(v: Validator, props: PostgresInstanceProps): void {
  const user = props.masterUsername;
  v.checkOptional(
    user,
    (u) => USERNAME_RE.test(u) && !RESERVED_USERNAMES.includes(u.toLowerCase()) && !/^(pg_|rds_)/i.test(u),
    'masterUsername',
    'must be 1-63 letters, digits and "_" starting with a letter, and not a name RDS or PostgreSQL reserves (rdsadmin, pg_*, rds_*)',
    'use e.g. "postgres" (default) or "dbadmin"',
  );
  checkKey(v, 'masterUserSecretKmsKeyArn', props.masterUserSecretKmsKeyArn);
  const rotation = props.masterPasswordRotation;
  if (rotation !== undefined && rotation !== 'unmanaged') {
    if (typeof rotation === 'object' && rotation !== null) {
      checkRotationSchedule(v, 'masterPasswordRotation', rotation);
    } else {
      v.add(
        'masterPasswordRotation',
        rotation,
        'must be a rotation schedule or "unmanaged"',
        'use e.g. { automaticallyAfterDays: 30 }, or "unmanaged" to leave the schedule to AWS',
      );
    }
  }
  v.checkOptional(
    props.databaseName,
    (n) => DB_NAME_RE.test(n) && !RESERVED_DB_NAMES.includes(n.toLowerCase()),
    'databaseName',
    'must be 1-63 letters, digits and "_" starting with a letter, and not postgres, template0, template1 or rdsadmin',
    'use a name such as "model_registry"',
  );
}

function checkBackups(v: Validator, props: PostgresInstanceProps): void {
  v.checkIntRange(
    props.backupRetentionInDays,
    7,
    35,
    'backupRetentionInDays',
    'keep at least 7 days of backups (at most 35, RDS limit); use AWS Backup for longer retention',
  );
  const backup = props.backupWindow;
  if (backup !== undefined && !Token.isUnresolved(backup)) {
    const b = parseBackupWindow(backup);
    v.check(
      b !== undefined && windowLength(b.start, b.end, WINDOW_PERIODS.day) >= 30,
      'backupWindow',
      backup,
      'is not a UTC window "hh24:mi-hh24:mi" of at least 30 minutes',
      'use e.g. "03:00-04:00"',
    );
  }
  const maintenance = props.maintenanceWindow;
  if (maintenance !== undefined && !Token.isUnresolved(maintenance)) {
    const m = parseMaintenanceWindow(maintenance);
    v.check(
      m !== undefined && windowLength(m.start, m.end, WINDOW_PERIODS.week) >= 30,
      'maintenanceWindow',
      maintenance,
      'is not a UTC window "ddd:hh24:mi-ddd:hh24:mi" of at least 30 minutes',
      'use e.g. "sun:04:30-sun:05:30"',
    );
  }
  const b = backup ?? '03:00-04:00';
  const m = maintenance ?? 'sun:04:30-sun:05:30';
  if (!Token.isUnresolved(b) && !Token.isUnresolved(m)) {
    v.check(
      !windowsOverlap(b, m),
      backup !== undefined ? 'backupWindow' : 'maintenanceWindow',
      backup !== undefined ? backup : maintenance,
      `overlaps the ${backup !== undefined ? 'maintenance' : 'backup'} window ("${backup !== undefined ? m : b}"), which RDS refuses`,
      'move one of backupWindow and maintenanceWindow so they do not overlap',
    );
  }
  v.check(
    !(props.skipFinalSnapshot === true && props.finalSnapshotIdentifier !== undefined),
    'finalSnapshotIdentifier',
    props.finalSnapshotIdentifier,
    'is set with skipFinalSnapshot: true',
    'remove one of them',
  );
  const snapshot = props.finalSnapshotIdentifier;
  v.checkOptional(
    snapshot,
    (s) => SNAPSHOT_ID_RE.test(s) && !s.endsWith('-'),
    'finalSnapshotIdentifier',
    'must be 1-255 letters, digits and hyphens, start with a letter, and have no "--" or trailing "-"',
    'use e.g. "modelreg-prod-final"',
  );
}

function checkMonitoring(v: Validator, props: PostgresInstanceProps): void {
  const retention = props.performanceInsightsRetentionInDays;
  v.checkOptional(
    retention,
    isValidPerformanceInsightsRetention,
    'performanceInsightsRetentionInDays',
    'is not a retention Performance Insights accepts (7, 731, or a multiple of 31 up to 713)',
    'use 7 (free tier) or e.g. 31, 62, ..., 731',
  );
  v.check(
    props.databaseInsightsMode !== 'advanced' || (retention !== undefined && retention >= 465),
    'databaseInsightsMode',
    props.databaseInsightsMode,
    'is "advanced", which needs at least 465 days of Performance Insights retention',
    'set performanceInsightsRetentionInDays to 465 or more (e.g. 496 or 731), or use "standard"',
  );
  v.check(
    props.databaseInsightsMode === undefined || ['standard', 'advanced'].includes(props.databaseInsightsMode),
    'databaseInsightsMode',
    props.databaseInsightsMode,
    'must be "standard" or "advanced"',
    'use "standard" (default) or "advanced"',
  );
  checkKey(v, 'performanceInsightsKmsKeyArn', props.performanceInsightsKmsKeyArn);
  checkKey(v, 'logKmsKeyArn', props.logKmsKeyArn);
  const interval = props.enhancedMonitoringIntervalInSeconds;
  v.checkOptional(
    interval,
    (i) => MONITORING_INTERVALS.includes(i),
    'enhancedMonitoringIntervalInSeconds',
    'must be 0, 1, 5, 10, 15, 30 or 60',
    'use 60 (default), a shorter interval, or 0 to turn Enhanced Monitoring off',
  );
  v.checkOptional(
    props.monitoringRoleArn,
    (a) => ROLE_ARN_RE.test(a),
    'monitoringRoleArn',
    'is not an IAM role ARN',
    'pass "arn:aws:iam::<account>:role/<name>"',
  );
  v.check(
    !(interval === 0 && props.monitoringRoleArn !== undefined),
    'monitoringRoleArn',
    props.monitoringRoleArn,
    'is set while Enhanced Monitoring is off (enhancedMonitoringIntervalInSeconds: 0)',
    'remove monitoringRoleArn, or set an interval',
  );
  const createsRole = interval !== 0 && props.monitoringRoleArn === undefined;
  v.check(
    !createsRole ||
      typeof props.identifier !== 'string' ||
      props.identifier.length <= MAX_IDENTIFIER_WITH_ROLE,
    'identifier',
    props.identifier,
    `is longer than ${MAX_IDENTIFIER_WITH_ROLE} characters, so the monitoring role "<identifier>-rds-monitoring" would exceed IAM's 64`,
    'shorten the identifier, or pass monitoringRoleArn',
  );
  v.checkOptional(
    props.partition,
    (p) => ['aws', 'aws-cn', 'aws-us-gov'].includes(p),
    'partition',
    'must be "aws", "aws-cn" or "aws-us-gov"',
    'use the partition of the account, usually "aws"',
  );
  const exports = props.logExports ?? [];
  const badExports = exports.filter((e) => !LOG_EXPORTS.includes(e));
  v.check(
    badExports.length === 0,
    'logExports',
    badExports,
    `has logs RDS for PostgreSQL cannot export (it exports ${LOG_EXPORTS.join(', ')})`,
    'use e.g. ["postgresql", "upgrade"]',
  );
  const dupes = exports.filter((e, i) => exports.indexOf(e) !== i);
  v.check(dupes.length === 0, 'logExports', dupes, 'lists a log more than once', 'list each log once');
  v.checkOptional(
    props.logRetentionInDays,
    (d) => d !== 0 && isValidLogRetention(d),
    'logRetentionInDays',
    'is not a retention CloudWatch Logs accepts (0, never expire, is not allowed here)',
    `use e.g. ${nearestLogRetention(Math.max(1, props.logRetentionInDays ?? 30))} (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)`,
  );
  v.checkIntRange(
    props.logMinDurationStatementInMs,
    -1,
    2147483647,
    'logMinDurationStatementInMs',
    'use e.g. 1000 (log statements of 1 s or more), 0 for all, or -1 for none',
  );
}

function checkParameters(v: Validator, props: PostgresInstanceProps): void {
  for (const [name, value] of Object.entries(props.parameters ?? {})) {
    const field = `parameters.${name}`;
    if (name in OWNED_PARAMETERS) {
      v.add(
        field,
        value,
        `cannot be set here: ${OWNED_PARAMETERS[name]}`,
        `remove "${name}" from parameters`,
      );
      continue;
    }
    if (name === 'ssl_min_protocol_version') {
      v.check(
        value === 'TLSv1.2' || value === 'TLSv1.3',
        field,
        value,
        'may only be TLSv1.2 (default) or TLSv1.3',
        'remove it, or use "TLSv1.3"',
      );
      continue;
    }
    v.check(
      PARAMETER_NAME_RE.test(name),
      field,
      name,
      'is not a PostgreSQL parameter name',
      'use lowercase names such as "work_mem" or "shared_preload_libraries"',
    );
    v.check(
      typeof value === 'string' && value.length <= 4096,
      field,
      value,
      'must be a string of at most 4096 characters',
      'pass the value as a string, e.g. "64MB"',
    );
  }
}

/** Keys must live in the instance's region (the region of its AZs). */
function checkKeyRegions(v: Validator, props: PostgresInstanceProps): void {
  const az = (Array.isArray(props.availabilityZones) ? props.availabilityZones : []).find(
    (a) => !Token.isUnresolved(a) && AZ_RE.test(a),
  );
  if (az === undefined) return;
  const instanceRegion = az.slice(0, -1);
  for (const [field, arn] of [
    ['storageKmsKeyArn', props.storageKmsKeyArn],
    ['performanceInsightsKmsKeyArn', props.performanceInsightsKmsKeyArn],
    ['masterUserSecretKmsKeyArn', props.masterUserSecretKmsKeyArn],
    ['logKmsKeyArn', props.logKmsKeyArn],
  ] as const) {
    if (arn === undefined || Token.isUnresolved(arn) || !isKmsKeyArn(arn)) continue;
    const region = regionOfArn(arn);
    v.check(
      region === instanceRegion,
      field,
      arn,
      `is a key in ${region}, but the instance is in ${instanceRegion}`,
      "pass a key of the instance's region",
    );
  }
}
