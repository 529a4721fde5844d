import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ElastiCacheReplicationGroup } from '../../../modules/elasticache-redis';
import { Role } from '../../../modules/iam';
import { AlarmTopic, ElastiCacheAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import { FullStack } from '../../support/full-stack';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Every feature on: a VPC with interface endpoints (one with a policy), a Valkey cache with three
 * nodes over three AZs, Multi-AZ, a customer key, parameters, encrypted logs, event notifications,
 * a final snapshot and two IAM users granted to a role; a Redis OSS cache with its disabled default
 * user; the alarms on an alarm topic.
 */
function build(scope: App): TerraformStack {
  const stack = new TerraformStack(scope, 'elasticache-redis');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const vpc = new Vpc(stack, 'net', {
    name: 'ec-test',
    cidrBlock: '10.20.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    interfaceEndpoints: [
      'ecr.api',
      'ecr.dkr',
      'logs',
      'sts',
      {
        service: 'secretsmanager',
        policyJson: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
          ],
        }),
      },
    ],
  });
  const app = new SecurityGroup(stack, 'app-sg', { name: 'ec-test-app', vpcId: vpc.vpcId });
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'ec-test-alarms',
    emails: ['oncall@example.com'],
  });
  const cache = new ElastiCacheReplicationGroup(stack, 'cache', {
    name: 'ec-test-cache',
    vpc,
    allowFrom: [app],
    nodeType: 'cache.t4g.small',
    nodeCount: 3,
    multiAz: true,
    kmsKeyArn: KEY,
    authentication: {
      mode: 'iam',
      users: [{ name: 'api' }, { name: 'worker', accessString: 'on ~celery* &* +@all' }],
    },
    parameters: { 'maxmemory-policy': 'noeviction' },
    snapshotRetentionInDays: 14,
    finalSnapshotName: 'ec-test-cache-final',
    notificationTopicArn: topic.topicArn,
    logs: { retentionInDays: 90, kmsKeyArn: KEY },
  });
  const role = new Role(stack, 'task', { name: 'ec-test-task', assumedBy: ['ecs-tasks.amazonaws.com'] });
  cache.grantConnect(role);
  new ElastiCacheReplicationGroup(stack, 'redis', {
    name: 'ec-test-redis',
    vpc,
    engine: 'redis',
    engineVersion: '7.1',
  });
  new ElastiCacheAlarms(stack, 'alarms', { cache, topicArn: topic.topicArn });

  return stack;
}

export const fullStack: FullStack = {
  name: 'elasticache-redis',
  description: 'Valkey and Redis OSS caches, VPC interface endpoints, IAM users, encrypted logs, alarms',
  build,
  expectations: {
    'plans both caches encrypted, TLS-only and without an AUTH token': (plan) => {
      expect(
        plan
          .afterOf('aws_elasticache_replication_group')
          .map((g) => [g.replication_group_id, g.engine, g.transit_encryption_mode, g.auth_token ?? null]),
      ).toEqual(
        expect.arrayContaining([
          ['ec-test-cache', 'valkey', 'required', null],
          ['ec-test-redis', 'redis', 'required', null],
        ]),
      );
    },
    'plans the five interface endpoints with private DNS': (plan) => {
      const endpoints = plan.afterOf('aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
      expect(endpoints.map((e) => [e.service_name, e.private_dns_enabled]).sort()).toEqual([
        ['com.amazonaws.us-east-1.ecr.api', true],
        ['com.amazonaws.us-east-1.ecr.dkr', true],
        ['com.amazonaws.us-east-1.logs', true],
        ['com.amazonaws.us-east-1.secretsmanager', true],
        ['com.amazonaws.us-east-1.sts', true],
      ]);
    },
  },
};
