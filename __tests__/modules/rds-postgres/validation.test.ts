import { TerraformVariable } from 'cdktf';
import { PostgresInstance, PostgresInstanceProps } from '../../../modules/rds-postgres';
import { newStack, validationError } from '../secrets/synth-helpers';

const BASE: PostgresInstanceProps = {
  identifier: 'modelreg-dev',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};
const ROLE = 'arn:aws:iam::111122223333:role/rds-monitoring';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const EU_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function build(props: Partial<PostgresInstanceProps>): PostgresInstance {
  return new PostgresInstance(newStack(), 'db', { ...BASE, ...props } as PostgresInstanceProps);
}

type Case = [string, Partial<PostgresInstanceProps>, string, unknown, string, string];

/** [name, props, field, value received, problem (substring), fix (substring)] */
const CASES: Case[] = [
  [
    'an uppercase identifier',
    { identifier: 'ModelReg' },
    'identifier',
    'ModelReg',
    'must be 1-63 lowercase',
    '"modelreg-prod"',
  ],
  ['an identifier with --', { identifier: 'a--b' }, 'identifier', 'a--b', 'no "--"', 'modelreg-prod'],
  ['an identifier ending in -', { identifier: 'ab-' }, 'identifier', 'ab-', 'trailing "-"', 'modelreg-prod'],
  [
    'a 64-character identifier',
    { identifier: `a${'b'.repeat(63)}`, monitoringRoleArn: ROLE },
    'identifier',
    `a${'b'.repeat(63)}`,
    'must be 1-63 lowercase',
    'modelreg-prod',
  ],
  [
    'a 50-character identifier with a created monitoring role',
    { identifier: `a${'b'.repeat(49)}` },
    'identifier',
    `a${'b'.repeat(49)}`,
    'is longer than 49 characters',
    'pass monitoringRoleArn',
  ],
  ['a VPC id', { vpcId: 'vpc-1' }, 'vpcId', 'vpc-1', 'is not a VPC id', 'vpc.vpcId'],
  [
    'one subnet',
    { subnetIds: ['subnet-0123456789abcdef0'], availabilityZones: ['us-east-1a'] },
    'subnetIds',
    ['subnet-0123456789abcdef0'],
    'lists 1 subnet; a DB subnet group needs at least two, in two availability zones',
    'vpc.privateSubnetIds',
  ],
  [
    'a malformed subnet id',
    { subnetIds: ['subnet-0123456789abcdef0', 'subnet-xyz'] },
    'subnetIds',
    ['subnet-xyz'],
    'are not subnet ids',
    'subnet-0123456789abcdef0',
  ],
  [
    'a subnet listed twice',
    { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'] },
    'subnetIds',
    ['subnet-0123456789abcdef0'],
    'lists a subnet more than once',
    'list each subnet once',
  ],
  [
    'two subnets in one AZ',
    { availabilityZones: ['us-east-1a', 'us-east-1a'] },
    'availabilityZones',
    ['us-east-1a', 'us-east-1a'],
    'covers 1 availability zone; RDS needs subnets in at least two',
    'add a private subnet in a second AZ',
  ],
  [
    'fewer AZs than subnets',
    { availabilityZones: ['us-east-1a'] },
    'availabilityZones',
    ['us-east-1a'],
    'has 1 entries for 2 subnets',
    'in the order of subnetIds',
  ],
  [
    'a malformed AZ',
    { availabilityZones: ['us-east-1a', 'east'] },
    'availabilityZones',
    ['east'],
    'are not availability zone names',
    'us-east-1a',
  ],
  [
    'availabilityZone with multiAz',
    { multiAz: true, availabilityZone: 'us-east-1a' },
    'availabilityZone',
    'us-east-1a',
    'cannot be set with multiAz: true',
    'remove availabilityZone',
  ],
  [
    'availabilityZone outside the subnets',
    { availabilityZone: 'us-east-1c' },
    'availabilityZone',
    'us-east-1c',
    "is not one of the subnets' availability zones (us-east-1a, us-east-1b)",
    'pick one of availabilityZones',
  ],
  ['port 1149', { port: 1149 }, 'port', 1149, 'from 1150 to 65535', '5432'],
  [
    'engineVersion 9.6',
    { engineVersion: '9.6' },
    'engineVersion',
    '9.6',
    'is not a PostgreSQL version',
    '"17"',
  ],
  [
    'engineVersion 12',
    { engineVersion: '12' },
    'engineVersion',
    '12',
    'has major version 12',
    '13, 14, 15, 16, 17, 18',
  ],
  [
    'a pinned minor with automatic minor upgrades',
    { engineVersion: '17.6' },
    'engineVersion',
    '17.6',
    'pins a minor version while autoMinorVersionUpgrade is on',
    'use "17"',
  ],
  [
    'an EC2 instance type',
    { instanceClass: 't4g.micro' },
    'instanceClass',
    't4g.micro',
    'is not an RDS instance class',
    'db.t4g.micro',
  ],
  [
    'allowMajorVersionUpgrade without engineVersion',
    { allowMajorVersionUpgrade: true },
    'allowMajorVersionUpgrade',
    true,
    'without an explicit engineVersion',
    'target major',
  ],
  [
    'a CA name',
    { caCertIdentifier: 'letsencrypt' },
    'caCertIdentifier',
    'letsencrypt',
    'is not an RDS certificate authority',
    'rds-ca-rsa2048-g1',
  ],
  ['19 GiB', { allocatedStorageInGiB: 19 }, 'allocatedStorageInGiB', 19, 'from 20 to 65536', '20 GiB'],
  [
    'an autoscaling ceiling under +10%',
    { maxAllocatedStorageInGiB: 21 },
    'maxAllocatedStorageInGiB',
    21,
    'from 22 (10% above allocatedStorageInGiB) to 65536',
    'use e.g. 100, or 0',
  ],
  [
    'IOPS below 400 GiB',
    { storageIops: 12000 },
    'storageIops',
    12000,
    'can only be provisioned from 400 GiB',
    'set allocatedStorageInGiB to 400',
  ],
  [
    'IOPS below the gp3 range',
    { allocatedStorageInGiB: 400, storageIops: 11999 },
    'storageIops',
    11999,
    'from 12000 to 64000',
    'storageIops',
  ],
  [
    'throughput below 400 GiB',
    { storageThroughputInMiBps: 500 },
    'storageThroughputInMiBps',
    500,
    'can only be provisioned from 400 GiB',
    'remove storageThroughputInMiBps',
  ],
  [
    'a key alias',
    { storageKmsKeyArn: 'alias/rds' },
    'storageKmsKeyArn',
    'alias/rds',
    'is not a KMS key ARN',
    'arn:aws:kms:',
  ],
  [
    'a key of another region',
    { storageKmsKeyArn: EU_KEY },
    'storageKmsKeyArn',
    EU_KEY,
    'is a key in eu-west-1, but the instance is in us-east-1',
    "instance's region",
  ],
  [
    'a master secret key of another region',
    { masterUserSecretKmsKeyArn: EU_KEY },
    'masterUserSecretKmsKeyArn',
    EU_KEY,
    'is a key in eu-west-1',
    "instance's region",
  ],
  [
    'master user rdsadmin',
    { masterUsername: 'rdsadmin' },
    'masterUsername',
    'rdsadmin',
    'reserves',
    '"postgres"',
  ],
  [
    'master user pg_admin',
    { masterUsername: 'pg_admin' },
    'masterUsername',
    'pg_admin',
    'reserves',
    '"dbadmin"',
  ],
  [
    'master user 1admin',
    { masterUsername: '1admin' },
    'masterUsername',
    '1admin',
    'starting with a letter',
    '"dbadmin"',
  ],
  [
    'rotation after 0 days',
    { masterPasswordRotation: { automaticallyAfterDays: 0 } },
    'masterPasswordRotation.automaticallyAfterDays',
    0,
    'from 1 to 1000',
    'rotate every 1 to 1000 days',
  ],
  [
    'rotation after 1001 days',
    { masterPasswordRotation: { automaticallyAfterDays: 1001 } },
    'masterPasswordRotation.automaticallyAfterDays',
    1001,
    'from 1 to 1000',
    'e.g. 30',
  ],
  [
    'rotation every 2 hours',
    { masterPasswordRotation: { scheduleExpression: 'rate(2 hours)' } },
    'masterPasswordRotation.scheduleExpression',
    'rate(2 hours)',
    'rate(4-23 hours)',
    '"rate(6 hours)"',
  ],
  [
    'a five-field cron',
    { masterPasswordRotation: { scheduleExpression: 'cron(0 4 * * *)' } },
    'masterPasswordRotation.scheduleExpression',
    'cron(0 4 * * *)',
    'six-field cron',
    'cron(0 4 ? * SUN *)',
  ],
  [
    'a 25-hour window',
    { masterPasswordRotation: { scheduleExpression: 'rate(7 days)', windowInHours: 25 } },
    'masterPasswordRotation.windowInHours',
    25,
    'from 1 to 24',
    'window of 1 to 24 hours',
  ],
  [
    'days and an expression at once',
    { masterPasswordRotation: { automaticallyAfterDays: 7, scheduleExpression: 'rate(7 days)' } as never },
    'masterPasswordRotation',
    { automaticallyAfterDays: 7, scheduleExpression: 'rate(7 days)' },
    'exactly one of automaticallyAfterDays and scheduleExpression',
    '{ automaticallyAfterDays: 30 }',
  ],
  [
    'a rotation string other than unmanaged',
    { masterPasswordRotation: 'off' as never },
    'masterPasswordRotation',
    'off',
    'must be a rotation schedule or "unmanaged"',
    '"unmanaged"',
  ],
  [
    'database template1',
    { databaseName: 'template1' },
    'databaseName',
    'template1',
    'not postgres, template0',
    'model_registry',
  ],
  [
    'database my-db',
    { databaseName: 'my-db' },
    'databaseName',
    'my-db',
    'letters, digits and "_"',
    'model_registry',
  ],
  [
    '6 days of backups',
    { backupRetentionInDays: 6 },
    'backupRetentionInDays',
    6,
    'from 7 to 35',
    'at least 7 days',
  ],
  [
    '36 days of backups',
    { backupRetentionInDays: 36 },
    'backupRetentionInDays',
    36,
    'from 7 to 35',
    'AWS Backup',
  ],
  [
    'a 20-minute backup window',
    { backupWindow: '03:00-03:20' },
    'backupWindow',
    '03:00-03:20',
    'at least 30 minutes',
    '"03:00-04:00"',
  ],
  [
    'a backup window without leading zeros',
    { backupWindow: '3:00-4:00' },
    'backupWindow',
    '3:00-4:00',
    'hh24:mi-hh24:mi',
    '"03:00-04:00"',
  ],
  [
    'a 10-minute maintenance window',
    { maintenanceWindow: 'sun:04:00-sun:04:10' },
    'maintenanceWindow',
    'sun:04:00-sun:04:10',
    'at least 30 minutes',
    '"sun:04:30-sun:05:30"',
  ],
  [
    'a backup window over the default maintenance window',
    { backupWindow: '04:00-05:00' },
    'backupWindow',
    '04:00-05:00',
    'overlaps the maintenance window ("sun:04:30-sun:05:30")',
    'do not overlap',
  ],
  [
    'a maintenance window over the default backup window',
    { maintenanceWindow: 'wed:03:59-wed:05:00' },
    'maintenanceWindow',
    'wed:03:59-wed:05:00',
    'overlaps the backup window ("03:00-04:00")',
    'do not overlap',
  ],
  [
    'windows overlapping across midnight',
    { backupWindow: '23:30-00:30', maintenanceWindow: 'mon:00:00-mon:01:00' },
    'backupWindow',
    '23:30-00:30',
    'overlaps the maintenance window',
    'do not overlap',
  ],
  [
    'a final snapshot name while skipping it',
    { skipFinalSnapshot: true, finalSnapshotIdentifier: 'x-final' },
    'finalSnapshotIdentifier',
    'x-final',
    'is set with skipFinalSnapshot: true',
    'remove one of them',
  ],
  [
    'a final snapshot name with --',
    { finalSnapshotIdentifier: 'x--final' },
    'finalSnapshotIdentifier',
    'x--final',
    'no "--"',
    'modelreg-prod-final',
  ],
  [
    '30 days of Performance Insights',
    { performanceInsightsRetentionInDays: 30 },
    'performanceInsightsRetentionInDays',
    30,
    '7, 731, or a multiple of 31 up to 713',
    '7 (free tier)',
  ],
  [
    '744 days of Performance Insights',
    { performanceInsightsRetentionInDays: 744 },
    'performanceInsightsRetentionInDays',
    744,
    'multiple of 31 up to 713',
    '731',
  ],
  [
    'advanced Database Insights with 7 days',
    { databaseInsightsMode: 'advanced' },
    'databaseInsightsMode',
    'advanced',
    'needs at least 465 days',
    'performanceInsightsRetentionInDays to 465',
  ],
  [
    'a monitoring interval of 2 s',
    { enhancedMonitoringIntervalInSeconds: 2 as never },
    'enhancedMonitoringIntervalInSeconds',
    2,
    'must be 0, 1, 5, 10, 15, 30 or 60',
    '0 to turn Enhanced Monitoring off',
  ],
  [
    'a role name for a role ARN',
    { monitoringRoleArn: 'rds-monitoring' },
    'monitoringRoleArn',
    'rds-monitoring',
    'is not an IAM role ARN',
    'arn:aws:iam::',
  ],
  [
    'a monitoring role with monitoring off',
    { monitoringRoleArn: ROLE, enhancedMonitoringIntervalInSeconds: 0 },
    'monitoringRoleArn',
    ROLE,
    'is set while Enhanced Monitoring is off',
    'remove monitoringRoleArn',
  ],
  [
    'partition aws-x',
    { partition: 'aws-x' },
    'partition',
    'aws-x',
    'must be "aws", "aws-cn" or "aws-us-gov"',
    '"aws"',
  ],
  [
    'an audit log export',
    { logExports: ['audit' as never] },
    'logExports',
    ['audit'],
    'cannot export',
    '["postgresql", "upgrade"]',
  ],
  [
    'a log exported twice',
    { logExports: ['postgresql', 'postgresql'] },
    'logExports',
    ['postgresql'],
    'lists a log more than once',
    'list each log once',
  ],
  [
    'log retention 0',
    { logRetentionInDays: 0 },
    'logRetentionInDays',
    0,
    '0, never expire, is not allowed',
    '1, 3, 5',
  ],
  [
    'log retention 2',
    { logRetentionInDays: 2 },
    'logRetentionInDays',
    2,
    'is not a retention CloudWatch Logs accepts',
    'use e.g. 3',
  ],
  [
    'log_min_duration_statement -2',
    { logMinDurationStatementInMs: -2 },
    'logMinDurationStatementInMs',
    -2,
    'from -1 to 2147483647',
    '-1 for none',
  ],
  [
    'rds.force_ssl in parameters',
    { parameters: { 'rds.force_ssl': '0' } },
    'parameters.rds.force_ssl',
    '0',
    'cannot be set here: it is always 1 (TLS required)',
    'remove "rds.force_ssl" from parameters',
  ],
  [
    'log_connections in parameters',
    { parameters: { log_connections: '0' } },
    'parameters.log_connections',
    '0',
    'use the logConnections prop',
    'remove "log_connections"',
  ],
  [
    'TLS 1.1',
    { parameters: { ssl_min_protocol_version: 'TLSv1.1' } },
    'parameters.ssl_min_protocol_version',
    'TLSv1.1',
    'may only be TLSv1.2 (default) or TLSv1.3',
    '"TLSv1.3"',
  ],
  [
    'a parameter name with a space',
    { parameters: { 'Work Mem': '64MB' } },
    'parameters.Work Mem',
    'Work Mem',
    'is not a PostgreSQL parameter name',
    'work_mem',
  ],
];

describe('PostgresInstance validation', () => {
  it.each(CASES)('refuses %s', (_name, props, field, value, problem, fix) => {
    const error = validationError(() => build(props));
    expect(error.path).toBe('test/db');
    const found = error.problems.find((p) => p.field === field && p.problem.includes(problem));
    expect({ field: found?.field, value: found?.value, problem: found?.problem.includes(problem) }).toEqual({
      field,
      value,
      problem: true,
    });
    expect(found?.fix).toContain(fix);
    expect(error.message).toContain(`  - ${field} = `);
  });

  it.each<[string, Partial<PostgresInstanceProps>]>([
    ['a 1-character identifier', { identifier: 'a' }],
    [
      'a 63-character identifier with a given monitoring role',
      { identifier: `a${'b'.repeat(62)}`, monitoringRoleArn: ROLE },
    ],
    ['a 49-character identifier with a created monitoring role', { identifier: `a${'b'.repeat(48)}` }],
    [
      'three subnets in three AZs',
      {
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
    ],
    [
      'three subnets in two AZs',
      {
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1a'],
      },
    ],
    ['port 1150', { port: 1150 }],
    ['port 65535', { port: 65535 }],
    ['engineVersion 13', { engineVersion: '13' }],
    ['engineVersion 18', { engineVersion: '18' }],
    ['a pinned minor without automatic upgrades', { engineVersion: '17.6', autoMinorVersionUpgrade: false }],
    ['20 GiB with a 22 GiB ceiling', { maxAllocatedStorageInGiB: 22 }],
    ['65536 GiB without autoscaling', { allocatedStorageInGiB: 65536, maxAllocatedStorageInGiB: 0 }],
    [
      '64000 IOPS and 4000 MiB/s at 400 GiB',
      { allocatedStorageInGiB: 400, storageIops: 64000, storageThroughputInMiBps: 4000 },
    ],
    [
      'a same-region key everywhere',
      {
        storageKmsKeyArn: KEY,
        masterUserSecretKmsKeyArn: KEY,
        performanceInsightsKmsKeyArn: KEY,
        logKmsKeyArn: KEY,
      },
    ],
    ['rotation after 1 day', { masterPasswordRotation: { automaticallyAfterDays: 1 } }],
    ['rotation after 1000 days', { masterPasswordRotation: { automaticallyAfterDays: 1000 } }],
    ['rotation every 4 hours', { masterPasswordRotation: { scheduleExpression: 'rate(4 hours)' } }],
    ['rotation every day', { masterPasswordRotation: { scheduleExpression: 'rate(1 day)' } }],
    [
      'a 24-hour window',
      { masterPasswordRotation: { scheduleExpression: 'cron(0 0 ? * SAT *)', windowInHours: 24 } },
    ],
    ['7 days of backups', { backupRetentionInDays: 7 }],
    ['35 days of backups', { backupRetentionInDays: 35 }],
    ['a 30-minute backup window', { backupWindow: '03:00-03:30' }],
    ['a backup window ending where maintenance starts', { backupWindow: '03:30-04:30' }],
    ['a backup window starting where maintenance ends', { backupWindow: '05:30-06:00' }],
    ['a 30-minute maintenance window', { maintenanceWindow: 'sun:04:30-sun:05:00' }],
    ['a maintenance window across midnight', { maintenanceWindow: 'sat:23:45-sun:00:15' }],
    ['31 days of Performance Insights', { performanceInsightsRetentionInDays: 31 }],
    ['713 days of Performance Insights', { performanceInsightsRetentionInDays: 713 }],
    [
      'advanced Database Insights with 465 days',
      { performanceInsightsRetentionInDays: 465 + 31 - (465 % 31), databaseInsightsMode: 'advanced' },
    ],
    ['log retention 1', { logRetentionInDays: 1 }],
    ['log_min_duration_statement -1 and 0', { logMinDurationStatementInMs: 0 }],
    ['TLS 1.3', { parameters: { ssl_min_protocol_version: 'TLSv1.3' } }],
    ['the 63-letter master user', { masterUsername: `a${'b'.repeat(62)}` }],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });

  it('reports every problem at once', () => {
    const error = validationError(() => build({ identifier: 'A', port: 1, backupRetentionInDays: 1 }));
    expect(error.problems.map((p) => p.field)).toEqual(['identifier', 'port', 'backupRetentionInDays']);
    expect(error.message).toMatch(/^Invalid input for test\/db \(3 problems\):/);
  });

  it('skips checks on unresolved values and lists, except the subnet count of a literal list', () => {
    const stack = newStack();
    const subnet = new TerraformVariable(stack, 'subnet', { type: 'string' });
    const az = new TerraformVariable(stack, 'az', { type: 'string' });
    expect(
      () =>
        new PostgresInstance(stack, 'db', {
          ...BASE,
          subnetIds: [subnet.stringValue, subnet.stringValue],
          availabilityZones: [az.stringValue, az.stringValue],
        }),
    ).not.toThrow();
    const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' });
    const azs = new TerraformVariable(stack, 'azs', { type: 'list(string)' });
    expect(
      () =>
        new PostgresInstance(stack, 'db2', {
          ...BASE,
          identifier: 'other',
          subnetIds: subnets.listValue,
          availabilityZones: azs.listValue,
        }),
    ).not.toThrow();
    expect(() => build({ subnetIds: [subnet.stringValue], availabilityZones: ['us-east-1a'] })).toThrow(
      'lists 1 subnet',
    );
  });
});
