import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  ElastiCacheReplicationGroup,
  ElastiCacheReplicationGroupProps,
} from '../../../modules/elasticache-redis';
import { applyPolicyPack } from '../../../modules/policy';
import { Role } from '../../../modules/iam';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import {
  Block,
  blocksOf,
  errorOf,
  only,
  policyFindings,
  ref,
  resourceCounts,
  resources,
  statementsWithSid,
  synthJson,
  testStack,
} from '../../support/synth-json';

const VPC = {
  vpcId: 'vpc-0123456789abcdef0',
  privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};
const VPC3 = {
  vpcId: 'vpc-0123456789abcdef0',
  privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb', 'subnet-0cccccccccccccccc'],
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};
const BASE: ElastiCacheReplicationGroupProps = { name: 'app-cache', vpc: VPC };
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function build(
  props: Partial<ElastiCacheReplicationGroupProps> = {},
  after?: (cache: ElastiCacheReplicationGroup, stack: TerraformStack) => void,
) {
  const stack = testStack();
  const cache = new ElastiCacheReplicationGroup(stack, 'cache', { ...BASE, ...props });
  after?.(cache, stack);
  return { cache, stack, ...synthJson(stack) };
}
const group = (json: ReturnType<typeof build>['json']) =>
  only(json, 'aws_elasticache_replication_group').config;

describe('ElastiCacheReplicationGroup with defaults', () => {
  const { cache, json, text, stack } = build();
  const userGroup = only(json, 'aws_elasticache_user_group');
  const user = only(json, 'aws_elasticache_user');

  it('creates a single-node Valkey 8.0 cache.t4g.micro replication group', () => {
    expect(text).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: 'app-cache',
      description: 'valkey cache app-cache',
      engine: 'valkey',
      engine_version: '8.0',
      node_type: 'cache.t4g.micro',
      num_cache_clusters: 1,
      port: 6379,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
    });
    expect(group(json).preferred_cache_cluster_azs).toBeUndefined();
    expect(group(json).parameter_group_name).toBeUndefined();
  });

  it('encrypts at rest (AWS-owned key) and requires TLS', () => {
    expect(group(json)).toMatchObject({
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
    });
    expect(group(json).kms_key_id).toBeUndefined();
  });

  it('authenticates through a user group holding one IAM user, app-cache-app', () => {
    expect(userGroup.config).toMatchObject({
      user_group_id: 'app-cache',
      engine: 'valkey',
      user_ids: [ref('aws_elasticache_user', user.id, 'user_id')],
    });
    expect(user.config).toMatchObject({
      user_id: 'app-cache-app',
      user_name: 'app-cache-app',
      engine: 'valkey',
      access_string: 'on ~* &* +@all',
      authentication_mode: { type: 'iam' },
    });
    expect(group(json).user_group_ids).toEqual([
      ref('aws_elasticache_user_group', userGroup.id, 'user_group_id'),
    ]);
    expect(cache.users.map((u) => [u.userName, u.accessString])).toEqual([
      ['app-cache-app', 'on ~* &* +@all'],
    ]);
    expect(cache.userGroupId).toMatch(/^\$\{TfToken/);
  });

  it('puts no password, AUTH token or secret anywhere in the configuration', () => {
    expect(text).not.toMatch(/auth_token|passwords|password|no_password_required/);
    expect(group(json).auth_token).toBeUndefined();
  });

  it('spans both private subnets with its subnet group', () => {
    const subnetGroup = only(json, 'aws_elasticache_subnet_group');
    expect(subnetGroup.config).toMatchObject({ name: 'app-cache', subnet_ids: VPC.privateSubnetIds });
    expect(group(json).subnet_group_name).toBe(ref('aws_elasticache_subnet_group', subnetGroup.id, 'name'));
  });

  it('has its own security group with no rules: nobody is admitted and nothing leaves', () => {
    const sg = only(json, 'aws_security_group');
    expect(sg.config).toMatchObject({ name: 'app-cache-cache', vpc_id: VPC.vpcId });
    expect(group(json).security_group_ids).toEqual([ref('aws_security_group', sg.id)]);
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  it('keeps 7 days of snapshots taken 03:00-04:00 UTC, maintains on Sunday 05:00-06:00 UTC', () => {
    expect(group(json)).toMatchObject({
      snapshot_retention_limit: 7,
      snapshot_window: '03:00-04:00',
      maintenance_window: 'sun:05:00-sun:06:00',
      auto_minor_version_upgrade: 'true',
      apply_immediately: false,
    });
    expect(group(json).final_snapshot_identifier).toBeUndefined();
    expect(group(json).notification_topic_arn).toBeUndefined();
  });

  it('delivers the slow log and engine log as JSON to log groups kept 30 days', () => {
    const groups = resources(json, 'aws_cloudwatch_log_group');
    const byName = Object.fromEntries(Object.entries(groups).map(([id, g]) => [g.name as string, { id, g }]));
    expect(Object.keys(byName).sort()).toEqual([
      '/aws/elasticache/app-cache/engine-log',
      '/aws/elasticache/app-cache/slow-log',
    ]);
    for (const { g } of Object.values(byName))
      expect([g.retention_in_days, g.kms_key_id]).toEqual([30, undefined]);
    const slow = byName['/aws/elasticache/app-cache/slow-log'].id;
    const engine = byName['/aws/elasticache/app-cache/engine-log'].id;
    expect(group(json).log_delivery_configuration).toEqual([
      {
        destination: ref('aws_cloudwatch_log_group', slow, 'name'),
        destination_type: 'cloudwatch-logs',
        log_format: 'json',
        log_type: 'slow-log',
      },
      {
        destination: ref('aws_cloudwatch_log_group', engine, 'name'),
        destination_type: 'cloudwatch-logs',
        log_format: 'json',
        log_type: 'engine-log',
      },
    ]);
  });

  it('exposes literal attributes for alarms and clients', () => {
    expect(cache.memberClusterIds).toEqual(['app-cache-001']);
    expect(cache.port).toBe(6379);
    expect(cache.engine).toBe('valkey');
    expect(cache.engineVersion).toBe('8.0');
    expect(cache.nodeCount).toBe(1);
    expect(cache.multiAz).toBe(false);
    expect(cache.kmsKeyArn).toBeUndefined();
    expect(cache.parameterGroupName).toBeUndefined();
    expect(Object.keys(cache.logGroupNames)).toEqual(['slow-log', 'engine-log']);
  });

  it('creates exactly these resources', () => {
    expect(resourceCounts(json)).toEqual({
      aws_security_group: 1,
      aws_elasticache_subnet_group: 1,
      aws_cloudwatch_log_group: 2,
      aws_elasticache_user: 1,
      aws_elasticache_user_group: 1,
      aws_elasticache_replication_group: 1,
    });
  });

  it('passes the policy pack: no errors; warnings only for the opt-in hardening (CMK, Multi-AZ, log keys)', () => {
    expect(policyFindings(stack)).toEqual({
      errors: [],
      warnings: [
        'MLM-EC-004 test/cache/replication-group',
        'MLM-EC-006 test/cache/replication-group',
        'MLM-LOG-002 test/cache/engine-log-group',
        'MLM-LOG-002 test/cache/slow-log-group',
      ],
    });
  });

  it('synthesizes under applyPolicyPack inside a real Vpc', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'pack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const vpc = new Vpc(stack, 'net', {
      name: 'pack',
      cidrBlock: '10.0.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
    });
    new ElastiCacheReplicationGroup(stack, 'cache', { name: 'pack-cache', vpc });
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => app.synth()).not.toThrow();
    expect(log.join('\n')).not.toMatch(/MLM-EC-00[1235]/);
  });
});

describe('ElastiCacheReplicationGroup for production (Redis OSS, 3 nodes, Multi-AZ, CMK, parameters)', () => {
  const { cache, json, stack } = build({
    engine: 'redis',
    vpc: VPC3,
    nodeType: 'cache.r7g.large',
    nodeCount: 3,
    multiAz: true,
    kmsKeyArn: KEY,
    parameters: { 'maxmemory-policy': 'noeviction', 'latency-tracking': 'yes' },
    snapshotRetentionInDays: 35,
    snapshotWindow: '01:30-02:30',
    maintenanceWindow: 'SAT:03:00-SAT:05:00',
    finalSnapshotName: 'app-cache-final',
    autoMinorVersionUpgrade: false,
    applyImmediately: true,
    notificationTopicArn: 'arn:aws:sns:us-east-1:111122223333:cache-events',
    description: 'Broker and result backend',
    logs: { retentionInDays: 365, kmsKeyArn: KEY },
    tags: { Team: 'search' },
  });

  it('fails over automatically across the three AZs, primary in the first', () => {
    expect(group(json)).toMatchObject({
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.r7g.large',
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      preferred_cache_cluster_azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      kms_key_id: KEY,
    });
    expect(cache.memberClusterIds).toEqual(['app-cache-001', 'app-cache-002', 'app-cache-003']);
  });

  it('adds the disabled "default" user Redis OSS user groups require, first in the group', () => {
    const users = resources(json, 'aws_elasticache_user');
    const [defaultId, appId] = Object.keys(users);
    expect(users[defaultId]).toMatchObject({
      user_id: 'app-cache-default',
      user_name: 'default',
      engine: 'redis',
      access_string: 'off -@all',
      authentication_mode: { type: 'no-password-required' },
    });
    expect(users[appId]).toMatchObject({
      user_id: 'app-cache-app',
      engine: 'redis',
      authentication_mode: { type: 'iam' },
    });
    expect(only(json, 'aws_elasticache_user_group').config).toMatchObject({
      engine: 'redis',
      user_ids: [
        ref('aws_elasticache_user', defaultId, 'user_id'),
        ref('aws_elasticache_user', appId, 'user_id'),
      ],
    });
  });

  it('creates a parameter group per engine major version, sorted, replaced before it is destroyed', () => {
    const pg = only(json, 'aws_elasticache_parameter_group');
    expect(pg.config).toMatchObject({
      name: 'app-cache-redis7',
      family: 'redis7',
      parameter: [
        { name: 'latency-tracking', value: 'yes' },
        { name: 'maxmemory-policy', value: 'noeviction' },
      ],
      lifecycle: { create_before_destroy: true },
    });
    expect(group(json).parameter_group_name).toBe(ref('aws_elasticache_parameter_group', pg.id, 'name'));
  });

  it('applies backup, maintenance and notification settings (window lower-cased)', () => {
    expect(group(json)).toMatchObject({
      snapshot_retention_limit: 35,
      snapshot_window: '01:30-02:30',
      maintenance_window: 'sat:03:00-sat:05:00',
      final_snapshot_identifier: 'app-cache-final',
      auto_minor_version_upgrade: 'false',
      apply_immediately: true,
      notification_topic_arn: 'arn:aws:sns:us-east-1:111122223333:cache-events',
      description: 'Broker and result backend',
      tags: { Team: 'search', Name: 'app-cache' },
    });
  });

  it('keeps logs a year, encrypted with the key', () => {
    for (const g of blocksOf(json, 'aws_cloudwatch_log_group')) {
      expect(g).toMatchObject({ retention_in_days: 365, kms_key_id: KEY, tags: { Team: 'search' } });
    }
  });

  it('passes every ElastiCache rule, warnings included', () => {
    const { errors, warnings } = policyFindings(stack);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('MLM-EC'))).toEqual([]);
  });
});

describe('ElastiCacheReplicationGroup options', () => {
  it('places two replicas round-robin over a two-AZ VPC', () => {
    const { json } = build({ nodeCount: 3, multiAz: true });
    expect(group(json).preferred_cache_cluster_azs).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1a']);
  });

  it('keeps replicas without Multi-AZ (read scaling only) and no preferred AZs', () => {
    const { json } = build({ nodeCount: 2 });
    expect(group(json)).toMatchObject({
      num_cache_clusters: 2,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
    });
    expect(group(json).preferred_cache_cluster_azs).toBeUndefined();
  });

  it('uses the Valkey 8 family for parameters on the default engine', () => {
    const { json } = build({ parameters: { 'maxmemory-policy': 'allkeys-lru' } });
    expect(only(json, 'aws_elasticache_parameter_group').config).toMatchObject({
      name: 'app-cache-valkey8',
      family: 'valkey8',
    });
  });

  it('uses an existing parameter group by name', () => {
    const { json } = build({ parameterGroupName: 'default.valkey8' });
    expect(resources(json, 'aws_elasticache_parameter_group')).toEqual({});
    expect(group(json).parameter_group_name).toBe('default.valkey8');
  });

  it('delivers only the engine log with slowLog: false, and no log at all with both off', () => {
    const one = build({ logs: { slowLog: false } });
    expect(blocksOf(one.json, 'aws_cloudwatch_log_group').map((g) => g.name)).toEqual([
      '/aws/elasticache/app-cache/engine-log',
    ]);
    expect((group(one.json).log_delivery_configuration as Block[]).map((d) => d.log_type)).toEqual([
      'engine-log',
    ]);
    const none = build({ logs: { slowLog: false, engineLog: false } });
    expect(resources(none.json, 'aws_cloudwatch_log_group')).toEqual({});
    expect(group(none.json).log_delivery_configuration).toBeUndefined();
    expect(none.cache.logGroupNames).toEqual({});
  });

  it('turns backups off with snapshotRetentionInDays: 0 (policy rule MLM-EC-005 then fails)', () => {
    const { json, stack } = build({ snapshotRetentionInDays: 0 });
    expect(group(json).snapshot_retention_limit).toBe(0);
    expect(policyFindings(stack).errors).toEqual(['MLM-EC-005 test/cache/replication-group']);
  });

  it('listens on another port and opens that port to admitted groups', () => {
    const { json } = build({ port: 6380, allowFrom: [{ securityGroupId: 'sg-0123456789abcdef0' }] });
    expect(group(json).port).toBe(6380);
    expect(blocksOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        from_port: 6380,
        to_port: 6380,
        referenced_security_group_id: 'sg-0123456789abcdef0',
      }),
    ]);
  });
});

describe('ElastiCacheReplicationGroup IAM users and grantConnect', () => {
  const { cache, json, stack } = build({
    authentication: {
      mode: 'iam',
      users: [{ name: 'api' }, { name: 'worker', accessString: 'on ~celery* &* +@all -@dangerous' }],
    },
  });
  const users = resources(json, 'aws_elasticache_user');

  it('creates one IAM user per entry, id equal to name', () => {
    expect(Object.values(users).map((u) => [u.user_id, u.user_name, u.access_string])).toEqual([
      ['app-cache-api', 'app-cache-api', 'on ~* &* +@all'],
      ['app-cache-worker', 'app-cache-worker', 'on ~celery* &* +@all -@dangerous'],
    ]);
    expect(cache.users.map((u) => u.userName)).toEqual(['app-cache-api', 'app-cache-worker']);
  });

  it('grants elasticache:Connect on the replication group and every user by default', () => {
    const role = new Role(stack, 'all', { name: 'all', assumedBy: ['ecs-tasks.amazonaws.com'] });
    cache.grantConnect(role);
    const [apiId, workerId] = Object.keys(users);
    const rg = only(json, 'aws_elasticache_replication_group').id;
    expect(statementsWithSid(synthJson(stack).json, 'ElastiCacheConnect')).toEqual([
      {
        sid: 'ElastiCacheConnect',
        effect: 'Allow',
        actions: ['elasticache:Connect'],
        resources: [
          ref('aws_elasticache_replication_group', rg, 'arn'),
          ref('aws_elasticache_user', apiId, 'arn'),
          ref('aws_elasticache_user', workerId, 'arn'),
        ],
      },
    ]);
  });

  it('grants only the named users', () => {
    const role = new Role(stack, 'worker', { name: 'worker', assumedBy: ['ecs-tasks.amazonaws.com'] });
    cache.grantConnect(role, 'app-cache-worker');
    const workerId = Object.keys(users)[1];
    const rg = only(json, 'aws_elasticache_replication_group').id;
    // The first grant (test above) is in the stack too: the second statement is this role's.
    expect(
      statementsWithSid(synthJson(stack).json, 'ElastiCacheConnect').map((st) => st.resources),
    ).toContainEqual([
      ref('aws_elasticache_replication_group', rg, 'arn'),
      ref('aws_elasticache_user', workerId, 'arn'),
    ]);
  });

  it('refuses users it does not have', () => {
    const role = new Role(stack, 'bad', { name: 'bad', assumedBy: ['ecs-tasks.amazonaws.com'] });
    expect(errorOf(() => cache.grantConnect(role, 'app-cache-admin'))).toMatch(
      /test\/cache \(grantConnect\).*userNames = \["app-cache-admin"\]: are not users of this replication group \(it has app-cache-api, app-cache-worker\)/s,
    );
    expect(role.policyStatements).toEqual([]);
  });
});

describe('ElastiCacheReplicationGroup with an existing user group', () => {
  const { cache, json, stack } = build({
    authentication: { mode: 'existingUserGroup', userGroupId: 'payments-cache-users' },
  });

  it('attaches the group by id and creates no users', () => {
    expect(group(json).user_group_ids).toEqual(['payments-cache-users']);
    expect(resources(json, 'aws_elasticache_user')).toEqual({});
    expect(resources(json, 'aws_elasticache_user_group')).toEqual({});
    expect(cache.users).toEqual([]);
    expect(cache.userGroupId).toBe('payments-cache-users');
  });

  it('builds user ARNs from the replication group ARN for grantConnect', () => {
    const role = new Role(stack, 'r', { name: 'r', assumedBy: ['lambda.amazonaws.com'] });
    cache.grantConnect(role, 'payments-app');
    const [st] = statementsWithSid(synthJson(stack).json, 'ElastiCacheConnect');
    const [groupArn, userArn] = st.resources as string[];
    expect(groupArn).toMatch(/^\$\{aws_elasticache_replication_group\.[^.]+\.arn\}$/);
    expect(userArn).toMatch(
      /^\$\{element\(split\(":", aws_elasticache_replication_group\.[^)]+\.arn\), 0\)\}:.*:user:payments-app$/,
    );
  });

  it('needs user names for grantConnect', () => {
    const role = new Role(stack, 'r2', { name: 'r2', assumedBy: ['lambda.amazonaws.com'] });
    expect(errorOf(() => cache.grantConnect(role))).toMatch(
      /userNames = \[\]: is empty, but the user group is managed outside/,
    );
    expect(errorOf(() => cache.grantConnect(role, 'Bad_User'))).toMatch(
      /userNames = \["Bad_User"\]: are not ElastiCache user ids/,
    );
  });
});

describe('ElastiCacheReplicationGroup security group wiring', () => {
  const { cache, json } = build({}, (c, stack) => {
    const api = new SecurityGroup(stack, 'api-sg', { name: 'api', vpcId: VPC.vpcId });
    const worker = new SecurityGroup(stack, 'worker-sg', { name: 'worker', vpcId: VPC.vpcId });
    c.allowFrom(api);
    c.allowFrom(worker, 'Celery workers');
    c.allowFrom({ securityGroupId: 'sg-0123456789abcdef0' });
  });

  it('admits each group on 6379 only, keyed by construct id or group id', () => {
    const rules = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(
      Object.entries(rules)
        .map(([id, r]) => [id.replace(/_[0-9A-F]{8}$/, ''), r.from_port, r.to_port, r.description])
        .sort(),
    ).toEqual(
      [
        ['cache_sg_in-from-api-sg-sg-0', 6379, 6379, 'valkey clients (tcp 6379) from security group'],
        [
          'cache_sg_in-from-sg-0123456789abcdef0-sg-sg-0123456789abcdef0',
          6379,
          6379,
          'valkey clients (tcp 6379) from sg-0123456789abcdef0',
        ],
        ['cache_sg_in-from-worker-sg-sg-0', 6379, 6379, 'Celery workers (tcp 6379) from security group'],
      ].sort(),
    );
    const groups = Object.entries(resources(json, 'aws_security_group'));
    const idOf = (name: string) =>
      ref('aws_security_group', groups.find(([, g]) => g.name === name)?.[0] ?? '?');
    expect(
      Object.values(rules)
        .map((r) => [r.security_group_id, r.referenced_security_group_id])
        .sort(),
    ).toEqual(
      [
        [idOf('app-cache-cache'), idOf('api')],
        [idOf('app-cache-cache'), idOf('worker')],
        [idOf('app-cache-cache'), 'sg-0123456789abcdef0'],
      ].sort(),
    );
    expect(cache.securityGroup.securityGroupId).toBe(cache.securityGroupId);
  });
});

/** Builds with `props` and returns the thrown message. */
function messageOf(props: Partial<ElastiCacheReplicationGroupProps>): string {
  const app: App = Testing.app();
  return errorOf(
    () => new ElastiCacheReplicationGroup(new TerraformStack(app, 'test'), 'cache', { ...BASE, ...props }),
  );
}

describe('ElastiCacheReplicationGroup validation', () => {
  const oneAz = { ...VPC, availabilityZones: ['us-east-1a', 'us-east-1a'] };
  const cases: [string, Partial<ElastiCacheReplicationGroupProps>, string, string, string, string][] = [
    // [case, props, field, value as rendered, problem fragment, fix fragment]
    [
      'upper-case name',
      { name: 'App-Cache' },
      'name',
      '"App-Cache"',
      'lowercase letters',
      '"sentiment-dev-cache"',
    ],
    ['41-character name', { name: 'a'.repeat(41) }, 'name', 'a'.repeat(41), '1-40', 'literal name'],
    [
      'name ending in a hyphen',
      { name: 'app-' },
      'name',
      '"app-"',
      'must not end with a hyphen',
      'literal name',
    ],
    [
      'no private subnets',
      { vpc: { ...VPC, privateSubnetIds: [] } },
      'vpc.privateSubnetIds',
      '[]',
      'the VPC has no private subnets',
      'two or more AZs',
    ],
    [
      'private subnets in one AZ',
      { vpc: oneAz },
      'vpc.privateSubnetIds',
      '2 subnet(s) in us-east-1a',
      'fewer than two availability zones',
      'two or more AZs',
    ],
    [
      'a single private subnet',
      { vpc: { ...VPC, privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] } },
      'vpc.privateSubnetIds',
      '1 subnet(s) in us-east-1a',
      'fewer than two',
      'two or more AZs',
    ],
    [
      'fewer AZ names than subnets',
      { vpc: { ...VPC3, availabilityZones: ['us-east-1a', 'us-east-1b'] } },
      'vpc.availabilityZones',
      'us-east-1b',
      'names 2 AZs for 3 private subnets',
      'same order',
    ],
    ['no VPC id', { vpc: { ...VPC, vpcId: '' } }, 'vpc.vpcId', '""', 'is required', 'Vpc construct'],
    [
      'Memcached',
      { engine: 'memcached' as 'redis' },
      'engine',
      '"memcached"',
      'not a supported engine',
      '"valkey"',
    ],
    ['Valkey 7.0', { engineVersion: '7.0' }, 'engineVersion', '"7.0"', 'not a Valkey version', '"8.0"'],
    [
      'Redis OSS 6.2 with IAM',
      { engine: 'redis', engineVersion: '6.2' },
      'engineVersion',
      '"6.2"',
      'IAM authentication needs',
      '"7.1"',
    ],
    [
      'Redis OSS 8.0',
      { engine: 'redis', engineVersion: '8.0' },
      'engineVersion',
      '"8.0"',
      '6.0 to 7.1',
      '"7.0"',
    ],
    ['a version word', { engineVersion: 'latest' }, 'engineVersion', '"latest"', 'major.minor', '"8.1"'],
    [
      'an EC2 node type',
      { nodeType: 't4g.micro' },
      'nodeType',
      '"t4g.micro"',
      'not an ElastiCache node type',
      'cache.t4g.micro',
    ],
    ['no nodes', { nodeCount: 0 }, 'nodeCount', '0', 'from 1 to 6', '5 replicas'],
    ['seven nodes', { nodeCount: 7 }, 'nodeCount', '7', 'from 1 to 6', '5 replicas'],
    ['fractional nodes', { nodeCount: 1.5 }, 'nodeCount', '1.5', 'whole number', '5 replicas'],
    ['Multi-AZ on one node', { multiAz: true }, 'multiAz', 'true', 'at least 2 nodes', 'nodeCount to 2'],
    ['privileged port', { port: 80 }, 'port', '80', '1024 to 65535', '6379'],
    [
      'KMS alias',
      { kmsKeyArn: 'alias/cache' },
      'kmsKeyArn',
      '"alias/cache"',
      'not a KMS key ARN',
      'not an alias',
    ],
    [
      'no IAM users',
      { authentication: { mode: 'iam', users: [] } },
      'authentication.users',
      '[]',
      'nobody could authenticate',
      'at least one user',
    ],
    [
      'upper-case user',
      { authentication: { mode: 'iam', users: [{ name: 'App' }] } },
      'authentication.users[0].name',
      '"App"',
      'lowercase letters',
      '"worker"',
    ],
    [
      'user named default',
      { authentication: { mode: 'iam', users: [{ name: 'default' }] } },
      'authentication.users[0].name',
      '"default"',
      'not "default"',
      '"worker"',
    ],
    [
      'user id over 40 characters',
      { name: 'a'.repeat(30), authentication: { mode: 'iam', users: [{ name: 'background-worker' }] } },
      'authentication.users[0].name',
      '"background-worker"',
      'longer than 40 characters',
      'shorten',
    ],
    [
      'password in an access string',
      { authentication: { mode: 'iam', users: [{ name: 'app', accessString: 'on >secret ~* +@all' }] } },
      'authentication.users[0].accessString',
      '"on >secret ~* +@all"',
      'password directive',
      'ACL rules only',
    ],
    [
      'nopass in an access string',
      { authentication: { mode: 'iam', users: [{ name: 'app', accessString: 'on nopass ~* +@all' }] } },
      'authentication.users[0].accessString',
      'nopass',
      'password directive',
      'ACL rules only',
    ],
    [
      'duplicate users',
      { authentication: { mode: 'iam', users: [{ name: 'app' }, { name: 'app' }] } },
      'authentication.users',
      '["app","app"]',
      'lists app more than once',
      'its own name',
    ],
    [
      'bad existing user group id',
      { authentication: { mode: 'existingUserGroup', userGroupId: 'Payments_Users' } },
      'authentication.userGroupId',
      '"Payments_Users"',
      'not an ElastiCache user group id',
      'existing user group',
    ],
    [
      'empty existing user group id',
      { authentication: { mode: 'existingUserGroup', userGroupId: '' } },
      'authentication.userGroupId',
      '""',
      'is required',
      'existing user group',
    ],
    [
      'unknown authentication mode',
      {
        authentication: { mode: 'password' } as unknown as ElastiCacheReplicationGroupProps['authentication'],
      },
      'authentication.mode',
      '"password"',
      'not an authentication mode',
      '"existingUserGroup"',
    ],
    [
      'parameters and a parameter group',
      { parameters: { 'maxmemory-policy': 'noeviction' }, parameterGroupName: 'default.valkey8' },
      'parameterGroupName',
      '"default.valkey8"',
      'set together with parameters',
      'not both',
    ],
    [
      'bad parameter name',
      { parameters: { MaxMemory: '1' } },
      'parameters',
      '["MaxMemory"]',
      'invalid names',
      'maxmemory-policy',
    ],
    [
      'empty parameter value',
      { parameters: { 'maxmemory-policy': '' } },
      'parameters',
      'maxmemory-policy',
      'empty values',
      'non-empty',
    ],
    [
      'bad parameter group name',
      { parameterGroupName: '1group' },
      'parameterGroupName',
      '"1group"',
      'not a parameter group name',
      'default.valkey8',
    ],
    [
      '36 days of snapshots',
      { snapshotRetentionInDays: 36 },
      'snapshotRetentionInDays',
      '36',
      'from 0 to 35',
      '0 turns backups off',
    ],
    [
      'malformed snapshot window',
      { snapshotWindow: '3-4' },
      'snapshotWindow',
      '"3-4"',
      'hh24:mi-hh24:mi',
      '"03:00-04:00"',
    ],
    [
      '30-minute snapshot window',
      { snapshotWindow: '03:00-03:30' },
      'snapshotWindow',
      '"03:00-03:30"',
      'lasts 30 minutes',
      '"03:00-04:00"',
    ],
    [
      'malformed maintenance window',
      { maintenanceWindow: 'sunday 05:00' },
      'maintenanceWindow',
      '"sunday 05:00"',
      'ddd:hh24:mi',
      '"sun:05:00-sun:06:00"',
    ],
    [
      '30-minute maintenance window',
      { maintenanceWindow: 'sun:05:00-sun:05:30' },
      'maintenanceWindow',
      '"sun:05:00-sun:05:30"',
      'lasts 30 minutes',
      '"sun:05:00-sun:06:00"',
    ],
    [
      '25-hour maintenance window',
      { maintenanceWindow: 'sun:05:00-mon:06:00' },
      'maintenanceWindow',
      '"sun:05:00-mon:06:00"',
      'at most 1440',
      '"sun:05:00-sun:06:00"',
    ],
    [
      'maintenance overlapping the snapshots',
      { maintenanceWindow: 'tue:03:30-tue:04:30' },
      'maintenanceWindow',
      '"tue:03:30-tue:04:30"',
      'overlaps the daily snapshot window 03:00-04:00',
      'do not overlap',
    ],
    [
      'bad final snapshot name',
      { finalSnapshotName: 'final--snap' },
      'finalSnapshotName',
      '"final--snap"',
      'not a snapshot name',
      '-final',
    ],
    ['log retention 0', { logs: { retentionInDays: 0 } }, 'logs.retentionInDays', '0', 'MLM-LOG-001', '30'],
    [
      'log retention 31',
      { logs: { retentionInDays: 31 } },
      'logs.retentionInDays',
      '31',
      'not a retention period',
      'nearest: 60',
    ],
    [
      'log key alias',
      { logs: { kmsKeyArn: 'alias/logs' } },
      'logs.kmsKeyArn',
      '"alias/logs"',
      'not a KMS key ARN',
      'key/<key-id>',
    ],
    [
      'topic name instead of ARN',
      { notificationTopicArn: 'cache-events' },
      'notificationTopicArn',
      '"cache-events"',
      'not an SNS topic ARN',
      'AlarmTopic.topicArn',
    ],
    [
      '256-character description',
      { description: 'd'.repeat(256) },
      'description',
      'ddd',
      '1-255 characters',
      'shorten',
    ],
  ];

  it.each(cases)(
    'fails on %s, naming path, field, value, problem and fix',
    (_case, props, field, value, problem, fix) => {
      const message = messageOf(props);
      expect(message).toContain('Invalid input for test/cache');
      const line = message.split('\n').find((l) => l.includes(`  - ${field} = `) && l.includes(problem));
      expect(line).toBeDefined();
      expect(line).toContain(value);
      expect(line).toContain(`Fix: `);
      expect(line).toContain(fix);
    },
  );

  it('reports every problem at once', () => {
    expect(messageOf({ nodeCount: 9, port: 22, snapshotRetentionInDays: -1, kmsKeyArn: 'x' })).toContain(
      '(4 problems)',
    );
  });

  it('refuses an unresolved subnet list or AZ names, which the AZ check needs', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ids = new TerraformVariable(stack, 'ids', { type: 'list(string)' });
    const az = new TerraformVariable(stack, 'az', { type: 'string' });
    expect(
      errorOf(
        () =>
          new ElastiCacheReplicationGroup(stack, 'a', {
            ...BASE,
            vpc: { ...VPC, privateSubnetIds: ids.listValue },
          }),
      ),
    ).toMatch(/vpc = "<token>": has an unresolved privateSubnetIds list/);
    expect(
      errorOf(
        () =>
          new ElastiCacheReplicationGroup(stack, 'b', {
            ...BASE,
            vpc: { ...VPC, availabilityZones: [az.stringValue, 'us-east-1b'] },
          }),
      ),
    ).toMatch(/vpc = "<token>"/);
  });

  it('accepts references as subnet ids and as the KMS key', () => {
    const stack = testStack();
    const key = new TerraformVariable(stack, 'key', { type: 'string' });
    const subnet = new TerraformVariable(stack, 'subnet', { type: 'string' });
    expect(
      () =>
        new ElastiCacheReplicationGroup(stack, 'c', {
          ...BASE,
          kmsKeyArn: key.stringValue,
          vpc: { ...VPC, privateSubnetIds: [subnet.stringValue, 'subnet-0bbbbbbbbbbbbbbbb'] },
        }),
    ).not.toThrow();
  });

  describe('accepts the boundaries', () => {
    const accepted: [string, Partial<ElastiCacheReplicationGroupProps>][] = [
      [
        'a 40-character name (no user)',
        { name: 'a'.repeat(40), authentication: { mode: 'existingUserGroup', userGroupId: 'users' } },
      ],
      [
        'a user id of exactly 40 characters',
        { name: 'a'.repeat(30), authentication: { mode: 'iam', users: [{ name: 'worker-01' }] } },
      ],
      ['six nodes', { nodeCount: 6 }],
      ['Multi-AZ with two nodes', { nodeCount: 2, multiAz: true }],
      ['port 1024', { port: 1024 }],
      ['no backups', { snapshotRetentionInDays: 0 }],
      ['35 days of backups', { snapshotRetentionInDays: 35 }],
      [
        'a 60-minute snapshot window across midnight',
        { snapshotWindow: '23:30-00:30', maintenanceWindow: 'sun:05:00-sun:06:00' },
      ],
      ['a 60-minute maintenance window', { maintenanceWindow: 'wed:10:00-wed:11:00' }],
      [
        'a 23-hour maintenance window wrapping past Sunday',
        { maintenanceWindow: 'sun:06:00-mon:05:00', snapshotWindow: '05:00-06:00' },
      ],
      ['windows that touch', { snapshotWindow: '04:00-05:00', maintenanceWindow: 'sun:05:00-sun:06:00' }],
      ['Valkey 7.2', { engineVersion: '7.2' }],
      ['Redis OSS 7.0 with IAM', { engine: 'redis', engineVersion: '7.0' }],
      [
        'Redis OSS 6.2 with an existing user group',
        {
          engine: 'redis',
          engineVersion: '6.2',
          authentication: { mode: 'existingUserGroup', userGroupId: 'legacy-users' },
        },
      ],
      ['log retention 1 day', { logs: { retentionInDays: 1 } }],
      ['a 255-character description', { description: 'd'.repeat(255) }],
    ];
    it.each(accepted)('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
});
