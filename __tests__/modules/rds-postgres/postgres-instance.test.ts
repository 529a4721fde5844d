import { TerraformOutput, Testing } from 'cdktf';
import { PostgresInstance, PostgresInstanceProps } from '../../../modules/rds-postgres';
import { SecurityGroup } from '../../../modules/security-group';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import {
  Recorder,
  SynthJson,
  configs,
  newStack,
  secretValueFindings,
  single,
} from '../secrets/synth-helpers';
import { buildRdsFullStack } from './full-stack';

const VPC = 'vpc-0123456789abcdef0';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY2 = 'arn:aws:kms:us-east-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';
export const BASE: PostgresInstanceProps = {
  identifier: 'modelreg-dev',
  vpcId: VPC,
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};

function synth(props: Partial<PostgresInstanceProps> = {}) {
  const stack = newStack();
  const db = new PostgresInstance(stack, 'db', { ...BASE, ...props });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return { db, json, stack };
}

function instance(json: SynthJson): Record<string, unknown> {
  const config = { ...single(json, 'aws_db_instance') };
  delete config.depends_on;
  return config;
}

describe('PostgresInstance defaults', () => {
  const stack = newStack();
  const db = new PostgresInstance(stack, 'db', BASE);
  new TerraformOutput(stack, 'secret-arn', { value: db.masterUserSecretArn });
  new TerraformOutput(stack, 'resource-id', { value: db.resourceId });
  new TerraformOutput(stack, 'address', { value: db.endpointAddress });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;

  it('creates a private, encrypted, gp3 PostgreSQL 17 instance with RDS-managed credentials', () => {
    expect(instance(json)).toEqual({
      identifier: 'modelreg-dev',
      engine: 'postgres',
      engine_version: '17',
      engine_lifecycle_support: 'open-source-rds-extended-support',
      instance_class: 'db.t4g.micro',
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_type: 'gp3',
      storage_encrypted: true,
      username: 'postgres',
      manage_master_user_password: true,
      port: 5432,
      multi_az: false,
      db_subnet_group_name: expect.stringMatching(/^\$\{aws_db_subnet_group\.db_subnet-group_\w+\.name\}$/),
      vpc_security_group_ids: [
        expect.stringMatching(/^\$\{aws_security_group\.db_security-group_sg_\w+\.id\}$/),
      ],
      parameter_group_name: expect.stringMatching(
        /^\$\{aws_db_parameter_group\.db_parameter-group_\w+\.name\}$/,
      ),
      publicly_accessible: false,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      iam_database_authentication_enabled: true,
      backup_retention_period: 7,
      backup_window: '03:00-04:00',
      maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'modelreg-dev-final',
      deletion_protection: true,
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
      database_insights_mode: 'standard',
      monitoring_interval: 60,
      monitoring_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.db_monitoring-role_\w+\.arn\}$/),
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      apply_immediately: false,
      tags: { Name: 'modelreg-dev' },
    });
  });

  it('creates the log groups before the instance, with 30 days of retention', () => {
    expect(configs(json, 'aws_cloudwatch_log_group')).toEqual([
      {
        name: '/aws/rds/instance/modelreg-dev/postgresql',
        retention_in_days: 30,
        tags: { Name: '/aws/rds/instance/modelreg-dev/postgresql' },
      },
      {
        name: '/aws/rds/instance/modelreg-dev/upgrade',
        retention_in_days: 30,
        tags: { Name: '/aws/rds/instance/modelreg-dev/upgrade' },
      },
    ]);
    const dependsOn = single(json, 'aws_db_instance').depends_on as string[];
    expect(dependsOn.map((d) => d.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'aws_cloudwatch_log_group.db_log-postgresql',
      'aws_cloudwatch_log_group.db_log-upgrade',
    ]);
  });

  it('puts the instance in a subnet group over the given subnets', () => {
    expect(single(json, 'aws_db_subnet_group')).toEqual({
      name: 'modelreg-dev',
      description: 'Private subnets of PostgreSQL modelreg-dev',
      subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      tags: { Name: 'modelreg-dev' },
    });
  });

  it('requires TLS 1.2+ and logs connections in a postgres17 parameter group replaced before destroy', () => {
    expect(single(json, 'aws_db_parameter_group')).toEqual({
      name_prefix: 'modelreg-dev-postgres17-',
      family: 'postgres17',
      description: 'PostgreSQL 17 settings of modelreg-dev (TLS required)',
      parameter: [
        { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
        { name: 'ssl_min_protocol_version', value: 'TLSv1.2', apply_method: 'pending-reboot' },
        { name: 'log_connections', value: '1', apply_method: 'immediate' },
        { name: 'log_disconnections', value: '1', apply_method: 'immediate' },
        { name: 'log_min_duration_statement', value: '-1', apply_method: 'immediate' },
      ],
      tags: { Name: 'modelreg-dev-postgres17' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('has its own security group with no rules at all (no egress) until allowFrom', () => {
    expect(single(json, 'aws_security_group')).toEqual({
      name: 'modelreg-dev-db',
      description: 'PostgreSQL modelreg-dev: clients admitted one security group at a time',
      vpc_id: VPC,
      tags: { Name: 'modelreg-dev-db' },
    });
    expect(json.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it('creates an Enhanced Monitoring role trusted only for this instance', () => {
    expect(single(json, 'aws_iam_role')).toMatchObject({
      name: 'modelreg-dev-rds-monitoring',
      description: 'Enhanced Monitoring of RDS instance modelreg-dev',
    });
    expect(single(json, 'aws_iam_role_policy_attachment').policy_arn).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    );
    expect(single(json, 'aws_iam_policy_document', 'data')).toEqual({
      statement: [
        {
          sid: 'AssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
          condition: [
            { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:rds:*:*:db:modelreg-dev'] },
          ],
        },
      ],
    });
  });

  it('makes the AWS default 7-day rotation of the master secret explicit, never rotating on apply', () => {
    expect(single(json, 'aws_secretsmanager_secret_rotation')).toEqual({
      secret_id: expect.stringMatching(
        /^\$\{aws_db_instance\.db_instance_\w+\.master_user_secret\[0\]\.secret_arn\}$/,
      ),
      rotate_immediately: false,
      rotation_rules: { automatically_after_days: 7 },
    });
  });

  it('exposes literal and reference attributes', () => {
    expect({
      instanceId: db.instanceId,
      port: db.port,
      masterUsername: db.masterUsername,
      engineMajorVersion: db.engineMajorVersion,
      parameterGroupFamily: db.parameterGroupFamily,
      instanceClass: db.instanceClass,
      allocatedStorageInGiB: db.allocatedStorageInGiB,
      maxAllocatedStorageInGiB: db.maxAllocatedStorageInGiB,
      iamAuthentication: db.iamAuthentication,
      masterUserSecretKmsKeyArn: db.masterUserSecretKmsKeyArn,
      logs: Object.keys(db.logGroups),
    }).toEqual({
      instanceId: 'modelreg-dev',
      port: 5432,
      masterUsername: 'postgres',
      engineMajorVersion: 17,
      parameterGroupFamily: 'postgres17',
      instanceClass: 'db.t4g.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 100,
      iamAuthentication: true,
      masterUserSecretKmsKeyArn: undefined,
      logs: ['postgresql', 'upgrade'],
    });
    const outputs = json.output as Record<string, { value: string }>;
    const value = (key: string) => outputs[key].value.replace(/_[0-9A-F]{8}\./, '.');
    expect([value('secret-arn'), value('resource-id'), value('address')]).toEqual([
      '${aws_db_instance.db_instance.master_user_secret[0].secret_arn}',
      '${aws_db_instance.db_instance.resource_id}',
      '${aws_db_instance.db_instance.address}',
    ]);
  });

  it('holds no password or secret value anywhere in the synthesized JSON', () => {
    expect(secretValueFindings(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/"(password|master_password)"/);
  });
});

describe('PostgresInstance with default props passes the policy pack', () => {
  it('has no error findings, and only the documented warnings', () => {
    const stack = newStack();
    new PostgresInstance(stack, 'db', BASE);
    const logs: string[] = [];
    applyPolicyPack(stack, { log: (m) => logs.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const found = [...logs.join('\n').matchAll(/(MLM-[A-Z0-9]+-\d{3}) \[(\w+)\]/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(found).toEqual([
      'MLM-RDS-007 warning', // single-AZ by default (cost); environments turn on multiAz
      'MLM-RDS-011 warning', // Performance Insights with the AWS managed key unless storageKmsKeyArn is given
      'MLM-LOG-002 warning',
      'MLM-LOG-002 warning', // log groups with service-owned encryption unless logKmsKeyArn is given
    ]);
  });

  it('has no warnings left with Multi-AZ and customer managed keys', () => {
    const stack = newStack();
    new PostgresInstance(stack, 'db', { ...BASE, multiAz: true, storageKmsKeyArn: KEY, logKmsKeyArn: KEY });
    const logs: string[] = [];
    applyPolicyPack(stack, { log: (m) => logs.push(m) });
    Testing.synth(stack, true);
    expect(logs).toEqual([]);
  });

  it('the every-feature stack of the Terraform test: no finding, and no secret value', () => {
    const stack = buildRdsFullStack(Testing.app());
    const logs: string[] = [];
    applyPolicyPack(stack, { log: (m) => logs.push(m) });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(logs).toEqual([]);
    expect(secretValueFindings(json)).toEqual([]);
  });
});

describe('PostgresInstance options and opt-outs', () => {
  it.each<[string, Partial<PostgresInstanceProps>, Record<string, unknown>]>([
    ['multiAz', { multiAz: true }, { multi_az: true }],
    ['deletionProtection off', { deletionProtection: false }, { deletion_protection: false }],
    [
      'skipFinalSnapshot',
      { skipFinalSnapshot: true },
      { skip_final_snapshot: true, final_snapshot_identifier: undefined },
    ],
    [
      'finalSnapshotIdentifier',
      { finalSnapshotIdentifier: 'before-v2' },
      { final_snapshot_identifier: 'before-v2' },
    ],
    [
      'storageKmsKeyArn (also encrypts Performance Insights)',
      { storageKmsKeyArn: KEY },
      { kms_key_id: KEY, performance_insights_kms_key_id: KEY },
    ],
    [
      'performanceInsightsKmsKeyArn',
      { storageKmsKeyArn: KEY, performanceInsightsKmsKeyArn: KEY2 },
      { kms_key_id: KEY, performance_insights_kms_key_id: KEY2 },
    ],
    ['masterUserSecretKmsKeyArn', { masterUserSecretKmsKeyArn: KEY }, { master_user_secret_kms_key_id: KEY }],
    [
      'Enhanced Monitoring off',
      { enhancedMonitoringIntervalInSeconds: 0 },
      { monitoring_interval: 0, monitoring_role_arn: undefined },
    ],
    [
      'an existing monitoring role',
      {
        monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring',
        enhancedMonitoringIntervalInSeconds: 15,
      },
      { monitoring_interval: 15, monitoring_role_arn: 'arn:aws:iam::111122223333:role/rds-monitoring' },
    ],
    ['iamAuthentication off', { iamAuthentication: false }, { iam_database_authentication_enabled: false }],
    [
      'extendedSupport off',
      { extendedSupport: false },
      { engine_lifecycle_support: 'open-source-rds-extended-support-disabled' },
    ],
    ['engineVersion 16', { engineVersion: '16' }, { engine_version: '16' }],
    [
      'a pinned minor with automatic upgrades off',
      { engineVersion: '16.4', autoMinorVersionUpgrade: false },
      { engine_version: '16.4', auto_minor_version_upgrade: false },
    ],
    ['storage autoscaling off', { maxAllocatedStorageInGiB: 0 }, { max_allocated_storage: 0 }],
    [
      'provisioned gp3 performance from 400 GiB',
      { allocatedStorageInGiB: 400, storageIops: 12000, storageThroughputInMiBps: 500 },
      { allocated_storage: 400, max_allocated_storage: 2000, iops: 12000, storage_throughput: 500 },
    ],
    ['instanceClass', { instanceClass: 'db.t4g.small' }, { instance_class: 'db.t4g.small' }],
    [
      'databaseName, port and masterUsername',
      { databaseName: 'model_registry', port: 6543, masterUsername: 'dbadmin' },
      { db_name: 'model_registry', port: 6543, username: 'dbadmin' },
    ],
    ['availabilityZone', { availabilityZone: 'us-east-1b' }, { availability_zone: 'us-east-1b' }],
    [
      'windows and retention',
      { backupWindow: '22:00-23:00', maintenanceWindow: 'sat:01:00-sat:02:00', backupRetentionInDays: 35 },
      {
        backup_window: '22:00-23:00',
        maintenance_window: 'sat:01:00-sat:02:00',
        backup_retention_period: 35,
      },
    ],
    [
      'Performance Insights 731 days and advanced Database Insights',
      { performanceInsightsRetentionInDays: 731, databaseInsightsMode: 'advanced' },
      { performance_insights_retention_period: 731, database_insights_mode: 'advanced' },
    ],
    [
      'allowMajorVersionUpgrade and applyImmediately',
      { engineVersion: '18', allowMajorVersionUpgrade: true, applyImmediately: true },
      { engine_version: '18', allow_major_version_upgrade: true, apply_immediately: true },
    ],
    [
      'caCertIdentifier',
      { caCertIdentifier: 'rds-ca-ecc384-g1' },
      { ca_cert_identifier: 'rds-ca-ecc384-g1' },
    ],
    [
      'logExports',
      { logExports: ['postgresql', 'iam-db-auth-error'] },
      { enabled_cloudwatch_logs_exports: ['postgresql', 'iam-db-auth-error'] },
    ],
  ])('%s', (_name, props, expected) => {
    const { json } = synth(props);
    const config = instance(json);
    for (const [key, value] of Object.entries(expected)) expect([key, config[key]]).toEqual([key, value]);
  });

  it('creates no monitoring role when Enhanced Monitoring is off or a role is given', () => {
    expect(synth({ enhancedMonitoringIntervalInSeconds: 0 }).json.resource.aws_iam_role).toBeUndefined();
    expect(
      synth({ monitoringRoleArn: 'arn:aws:iam::111122223333:role/rds-monitoring' }).json.resource
        .aws_iam_role,
    ).toBeUndefined();
  });

  it('uses the partition for the monitoring policy and trust', () => {
    const { json } = synth({
      partition: 'aws-us-gov',
      availabilityZones: ['us-gov-west-1a', 'us-gov-west-1b'],
    });
    expect(single(json, 'aws_iam_role_policy_attachment').policy_arn).toBe(
      'arn:aws-us-gov:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    );
  });

  it('creates one log group per exported log, with the retention and key given', () => {
    const { json } = synth({ logExports: ['postgresql'], logRetentionInDays: 365, logKmsKeyArn: KEY });
    expect(configs(json, 'aws_cloudwatch_log_group')).toEqual([
      {
        name: '/aws/rds/instance/modelreg-dev/postgresql',
        retention_in_days: 365,
        kms_key_id: KEY,
        tags: { Name: '/aws/rds/instance/modelreg-dev/postgresql' },
      },
    ]);
  });

  it('sets the log parameters and appends extra parameters for the next reboot', () => {
    const { json } = synth({
      engineVersion: '16',
      logConnections: false,
      logMinDurationStatementInMs: 1000,
      parameters: { work_mem: '65536', ssl_min_protocol_version: 'TLSv1.3' },
    });
    expect(single(json, 'aws_db_parameter_group')).toMatchObject({
      name_prefix: 'modelreg-dev-postgres16-',
      family: 'postgres16',
      parameter: [
        { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
        { name: 'ssl_min_protocol_version', value: 'TLSv1.3', apply_method: 'pending-reboot' },
        { name: 'log_connections', value: '0', apply_method: 'immediate' },
        { name: 'log_disconnections', value: '0', apply_method: 'immediate' },
        { name: 'log_min_duration_statement', value: '1000', apply_method: 'immediate' },
        { name: 'work_mem', value: '65536', apply_method: 'pending-reboot' },
      ],
    });
  });

  it('merges tags with Name on every resource', () => {
    const { json } = synth({ tags: { Team: 'ml' } });
    expect(instance(json).tags).toEqual({ Team: 'ml', Name: 'modelreg-dev' });
    expect(single(json, 'aws_security_group').tags).toEqual({ Team: 'ml', Name: 'modelreg-dev-db' });
    expect(single(json, 'aws_db_subnet_group').tags).toEqual({ Team: 'ml', Name: 'modelreg-dev' });
  });
});

describe('PostgresInstance master password rotation', () => {
  it.each<[string, PostgresInstanceProps['masterPasswordRotation'], Record<string, unknown>]>([
    ['every 30 days', { automaticallyAfterDays: 30 }, { automatically_after_days: 30 }],
    [
      'a weekly window',
      { scheduleExpression: 'cron(0 3 ? * SUN *)', windowInHours: 2 },
      { schedule_expression: 'cron(0 3 ? * SUN *)', duration: '2h' },
    ],
    ['a rate expression', { scheduleExpression: 'rate(90 days)' }, { schedule_expression: 'rate(90 days)' }],
  ])('%s', (_name, rotation, rules) => {
    const { json, db } = synth({ masterPasswordRotation: rotation });
    expect(single(json, 'aws_secretsmanager_secret_rotation')).toMatchObject({
      rotate_immediately: false,
      rotation_rules: rules,
    });
    expect(db.masterPasswordRotation).toBeDefined();
  });

  it("leaves the schedule to AWS with 'unmanaged'", () => {
    const { json, db } = synth({ masterPasswordRotation: 'unmanaged' });
    expect(json.resource.aws_secretsmanager_secret_rotation).toBeUndefined();
    expect(db.masterPasswordRotation).toBeUndefined();
  });
});

describe('PostgresInstance.allowFrom', () => {
  it('adds the ingress on the database and the egress on a SecurityGroup client, keyed by construct path', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', BASE);
    const api = new SecurityGroup(stack, 'api-sg', { name: 'api', vpcId: VPC });
    const worker = new SecurityGroup(stack, 'worker-sg', { name: 'worker', vpcId: VPC });
    db.allowFrom(api);
    db.allowFrom(worker, 'Batch workers');
    db.allowFrom({ securityGroupId: 'sg-0123456789abcdef0' }, 'Bastion');
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const ingress = configs(json, 'aws_vpc_security_group_ingress_rule')
      .sort((a, b) => String(a.description).localeCompare(String(b.description)))
      .map((r) => [r.from_port, r.to_port, r.ip_protocol, r.description]);
    expect(ingress).toEqual([
      [5432, 5432, 'tcp', 'Bastion (tcp 5432) from sg-0123456789abcdef0'],
      [5432, 5432, 'tcp', 'Batch workers (tcp 5432) from security group'],
      [5432, 5432, 'tcp', 'PostgreSQL clients (tcp 5432) from security group'],
    ]);
    expect(
      Object.keys(json.resource.aws_vpc_security_group_ingress_rule)
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      expect.stringMatching(/^db_security-group_in-pg-api-sg-[0-9a-f]{8}-sg-0$/),
      'db_security-group_in-pg-sg-0123456789abcdef0-sg-sg-0123456789abcdef0',
      expect.stringMatching(/^db_security-group_in-pg-worker-sg-[0-9a-f]{8}-sg-0$/),
    ]);
    const egress = configs(json, 'aws_vpc_security_group_egress_rule');
    expect(
      egress.map((r) => [r.security_group_id, r.referenced_security_group_id, r.from_port, r.description]),
    ).toEqual([
      [
        expect.stringContaining('aws_security_group.api-sg_'),
        expect.stringContaining('aws_security_group.db_security-group_sg_'),
        5432,
        'PostgreSQL modelreg-dev (tcp 5432) to security group',
      ],
      [
        expect.stringContaining('aws_security_group.worker-sg_'),
        expect.stringContaining('aws_security_group.db_security-group_sg_'),
        5432,
        'PostgreSQL modelreg-dev (tcp 5432) to security group',
      ],
    ]);
  });

  it('uses the instance port', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', { ...BASE, port: 6543 });
    db.allowFrom(new SecurityGroup(stack, 'api-sg', { name: 'api', vpcId: VPC }));
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect(single(json, 'aws_vpc_security_group_ingress_rule').from_port).toBe(6543);
    expect(single(json, 'aws_vpc_security_group_egress_rule').to_port).toBe(6543);
  });

  it('refuses a client given only by an unresolved id (no stable key)', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', BASE);
    const other = new SecurityGroup(stack, 'other', { name: 'other', vpcId: VPC });
    expect(() => db.allowFrom({ securityGroupId: other.securityGroupId })).toThrow(
      'allowFrom: a security group given by an unresolved id needs a construct',
    );
  });
});

describe('PostgresInstance grants', () => {
  it('grantConnect allows rds-db:connect on exactly one database user of this instance', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'model-db', BASE);
    const role = new Role(stack, 'task', { name: 'task', assumedBy: ['ecs-tasks.amazonaws.com'] });
    db.grantConnect(role, 'app');
    expect(role.policyStatements.map((s) => [s.sid, s.actions])).toEqual([
      ['ModelDbConnect', ['rds-db:connect']],
    ]);
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const doc = configs(json, 'aws_iam_policy_document', 'data').find((d) =>
      JSON.stringify(d).includes('rds-db:connect'),
    ) as { statement: { resources: string[] }[] };
    const arn = (i: number) => `\${element(split(":", aws_db_instance.model-db_instance.arn), ${i})}`;
    expect(doc.statement[0].resources.map((r) => r.replace(/_[0-9A-F]{8}\./g, '.'))).toEqual([
      `arn:${arn(1)}:rds-db:${arn(3)}:${arn(4)}:dbuser:\${aws_db_instance.model-db_instance.resource_id}/app`,
    ]);
  });

  it.each([
    ['iamAuthentication is off', { iamAuthentication: false }, 'app', 'iamAuthentication', 'is off'],
    ['a wildcard user', {}, '*', 'dbUser', 'is not a PostgreSQL role name'],
    ['a user starting with a digit', {}, '1app', 'dbUser', 'is not a PostgreSQL role name'],
  ])('grantConnect refuses %s', (_name, props, user, field, problem) => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', { ...BASE, ...props });
    expect(() => db.grantConnect(new Recorder(), user)).toThrow(`  - ${field} = `);
    expect(() => db.grantConnect(new Recorder(), user)).toThrow(problem);
  });

  it('grantConnect accepts a 63-character user with _ and $', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', BASE);
    expect(() => db.grantConnect(new Recorder(), `_${'a'.repeat(61)}$`)).not.toThrow();
  });

  it('grantMasterSecretRead reads the master secret, with no KMS statement for aws/secretsmanager', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', BASE);
    const r = new Recorder();
    db.grantMasterSecretRead(r);
    expect(r.statements).toEqual([
      {
        sid: 'DbMasterSecretRead',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [db.masterUserSecretArn],
      },
    ]);
  });

  it('grantMasterSecretRead decrypts with a customer managed key only through Secrets Manager, for this secret', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', { ...BASE, masterUserSecretKmsKeyArn: KEY });
    const r = new Recorder();
    db.grantMasterSecretRead(r);
    expect(r.statements[1]).toEqual({
      sid: 'DbMasterSecretKey',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [KEY],
      condition: [
        { test: 'StringLike', variable: 'kms:ViaService', values: ['secretsmanager.*.amazonaws.com'] },
        {
          test: 'StringEquals',
          variable: 'kms:EncryptionContext:SecretARN',
          values: [db.masterUserSecretArn],
        },
      ],
    });
  });
});
