import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PostgresInstance } from '../../../modules/rds-postgres';
import { RdsInstanceAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';
import { SynthJson, secretValueFindings } from '../secrets/synth-helpers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const VPC = 'vpc-0123456789abcdef0';

/**
 * PostgresInstance with every feature on (customer managed keys everywhere, Multi-AZ, provisioned
 * gp3, a cron rotation window, every log export, extra parameters, a client security group, IAM
 * grants) and its alarms pass the AWS provider's `terraform validate` and an offline plan (mock
 * credentials, no refresh): no data source or argument needs AWS before apply.
 */
describeWithTerraform('rds-postgres module against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rds-postgres-'));
  const stack = new TerraformStack(Testing.app(), 'rds');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const db = new PostgresInstance(stack, 'db', {
    identifier: 'modelreg-prod',
    vpcId: VPC,
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    engineVersion: '17',
    instanceClass: 'db.m7g.large',
    allocatedStorageInGiB: 400,
    maxAllocatedStorageInGiB: 1000,
    storageIops: 12000,
    storageThroughputInMiBps: 500,
    storageKmsKeyArn: KEY,
    masterUserSecretKmsKeyArn: KEY,
    masterPasswordRotation: { scheduleExpression: 'cron(0 3 ? * SUN *)', windowInHours: 2 },
    databaseName: 'model_registry',
    multiAz: true,
    backupRetentionInDays: 14,
    performanceInsightsRetentionInDays: 465 + 31 - (465 % 31),
    databaseInsightsMode: 'advanced',
    enhancedMonitoringIntervalInSeconds: 15,
    logExports: ['postgresql', 'upgrade', 'iam-db-auth-error'],
    logRetentionInDays: 90,
    logKmsKeyArn: KEY,
    logMinDurationStatementInMs: 500,
    parameters: { work_mem: '65536', ssl_min_protocol_version: 'TLSv1.3' },
    tags: { Service: 'model-registry' },
  });
  const api = new SecurityGroup(stack, 'api-sg', { name: 'modelreg-prod-api', vpcId: VPC });
  db.allowFrom(api);
  const task = new Role(stack, 'task', {
    name: 'modelreg-prod-task',
    assumedBy: ['ecs-tasks.amazonaws.com'],
  });
  db.grantConnect(task, 'registry_app');
  db.grantMasterSecretRead(task);
  new RdsInstanceAlarms(stack, 'db-alarms', {
    instance: db,
    topicArn: 'arn:aws:sns:us-east-1:111122223333:modelreg-prod-alarms',
    thresholds: { readLatencyInMs: 20, writeLatencyInMs: 50 },
  });
  const policyLog: string[] = [];
  applyPolicyPack(stack, { log: (m) => policyLog.push(m) });
  const synthesized = JSON.parse(Testing.synth(stack, true)) as SynthJson & {
    provider: Record<string, Record<string, unknown>[]>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the policy pack without a finding, and holds no secret value', () => {
    expect(policyLog).toEqual([]);
    expect(secretValueFindings(synthesized)).toEqual([]);
  });

  it('init and validate succeed', () => {
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
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
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
      const json = JSON.parse(show.stdout) as TerraformPlanJson;
      changes = (json.resource_changes ?? []).filter((c) => c.mode === 'managed');
    });

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans the instance with a managed password and no password attribute', () => {
      const instance = changes.find((c) => c.type === 'aws_db_instance') as PlanResourceChange;
      expect(instance.change.after).toMatchObject({
        manage_master_user_password: true,
        password: null,
        publicly_accessible: false,
        storage_encrypted: true,
        multi_az: true,
        iops: 12000,
      });
    });
  });
});
