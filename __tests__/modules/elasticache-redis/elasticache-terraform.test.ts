import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ElastiCacheReplicationGroup } from '../../../modules/elasticache-redis';
import { Role } from '../../../modules/iam';
import { AlarmTopic, ElastiCacheAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Every feature on: a VPC with interface endpoints (one with a policy), a Valkey cache with three
 * nodes over three AZs, Multi-AZ, a customer key, parameters, encrypted logs, event notifications,
 * a final snapshot and two IAM users granted to a role; a Redis OSS cache with its disabled default
 * user; the alarms on an alarm topic. The real AWS provider validates it and plans it offline.
 */
describeWithTerraform(
  'ElastiCache replication group and VPC interface endpoints against the AWS provider',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-elasticache-'));
    const stack = new TerraformStack(Testing.app(), 'elasticache');
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

    const synthesized = JSON.parse(Testing.synth(stack)) as {
      resource: Record<string, Record<string, unknown>>;
      provider: Record<string, Record<string, unknown>[]>;
    };
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
    writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
    const env = offlineEnv({});
    const expectedAddresses = Object.entries(synthesized.resource)
      .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
      .sort();

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('init and validate succeed without warnings', () => {
      const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
      expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
        status: 0,
        output: '',
      });
      const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
      const result = JSON.parse(validate.stdout) as {
        valid: boolean;
        warning_count: number;
        diagnostics: unknown[];
      };
      expect({
        valid: result.valid,
        warnings: result.warning_count,
        diagnostics: result.diagnostics,
      }).toEqual({
        valid: true,
        warnings: 0,
        diagnostics: [],
      });
    });

    describe('offline plan', () => {
      let changes: readonly PlanResourceChange[] = [];
      beforeAll(() => {
        const plan = runTerraform(
          ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
          dir,
          env,
        );
        if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
        const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
        changes = ((JSON.parse(show.stdout) as TerraformPlanJson).resource_changes ?? []).filter(
          (c) => c.mode === 'managed',
        );
      });
      const after = (type: string) =>
        changes.filter((c) => c.type === type).map((c) => c.change.after as Record<string, unknown>);

      it('creates every synthesized resource and nothing else', () => {
        expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
        expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
      });

      it('plans both caches encrypted, TLS-only and without an AUTH token', () => {
        const groups = after('aws_elasticache_replication_group');
        expect(
          groups.map((g) => [
            g.replication_group_id,
            g.engine,
            g.transit_encryption_mode,
            g.auth_token ?? null,
          ]),
        ).toEqual(
          expect.arrayContaining([
            ['ec-test-cache', 'valkey', 'required', null],
            ['ec-test-redis', 'redis', 'required', null],
          ]),
        );
      });

      it('plans the five interface endpoints with private DNS', () => {
        const endpoints = after('aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
        expect(endpoints.map((e) => [e.service_name, e.private_dns_enabled]).sort()).toEqual([
          ['com.amazonaws.us-east-1.ecr.api', true],
          ['com.amazonaws.us-east-1.ecr.dkr', true],
          ['com.amazonaws.us-east-1.logs', true],
          ['com.amazonaws.us-east-1.secretsmanager', true],
          ['com.amazonaws.us-east-1.sts', true],
        ]);
      });
    });
  },
);
