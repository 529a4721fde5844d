import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Trail } from '../../modules/cloudtrail';
import { RegistryScanning, Repository } from '../../modules/ecr';
import { BackupPlan, BackupVault } from '../../modules/backup';
import { AlarmTopic, BackupAlarms } from '../../modules/monitoring';
import { Role } from '../../modules/iam';
import { runTerraform } from '../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../review/plan-json';
import { describeWithTerraform } from '../support/terraform-gate';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/**
 * The cloudtrail, ecr and backup modules (and the backup alarms) with every feature on pass the
 * real AWS provider's `terraform validate` and an offline `terraform plan` (mock credentials, no
 * refresh): the arguments, blocks and policy documents they write are ones the provider accepts.
 */
describeWithTerraform('cloudtrail, ecr and backup modules against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-account-modules-'));
  const stack = new TerraformStack(Testing.app(), 'account-modules');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });

  // CloudTrail: everything on, and a variant with a given key, an existing log bucket, no CloudWatch Logs.
  new Trail(stack, 'trail', {
    trailName: 'audit',
    accountId: ACCOUNT,
    region: 'us-east-1',
    s3KeyPrefix: 'cloudtrail',
    glacierTransitionAfterDays: 90,
    logExpirationInDays: 400,
    s3DataEventBucketArns: ['arn:aws:s3:::models-bucket'],
    s3DataEventReadWriteType: 'WriteOnly',
    insightTypes: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
    snsTopicName: 'cloudtrail-deliveries',
  });
  new Trail(stack, 'lean-trail', {
    trailName: 'lean',
    accountId: ACCOUNT,
    region: 'us-east-1',
    kmsKeyArn: KEY,
    cloudWatchLogs: false,
    multiRegion: false,
    preventDestroy: false,
    accessLogging: { targetBucketName: 'existing-access-logs', targetPrefix: 'lean/' },
  });

  // ECR
  const repo = new Repository(stack, 'repo', {
    repositoryName: 'team/model-api',
    kmsKeyArn: KEY,
    tagPrefixes: ['v', 'release-'],
    maxTaggedImages: 10,
    untaggedImageExpirationInDays: 3,
    pullAccountIds: ['444455556666'],
    policyStatements: [
      {
        sid: 'LambdaPull',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ],
  });
  new Repository(stack, 'plain-repo', {
    repositoryName: 'scratch',
    encryption: 'AES256',
    imageTagMutability: 'MUTABLE',
    lifecyclePolicy: false,
  });
  new RegistryScanning(stack, 'scanning', {
    rules: [
      { repositoryFilters: ['team/*'], scanFrequency: 'CONTINUOUS_SCAN' },
      { repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' },
    ],
  });
  const ci = new Role(stack, 'ci', { name: 'ci-builder', assumedBy: ['codebuild.amazonaws.com'] });
  repo.grantPullPush(ci);

  // Backup
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'backup-alarms',
    emails: ['oncall@example.com'],
  });
  const vault = new BackupVault(stack, 'vault', {
    vaultName: 'workloads',
    lock: { mode: 'compliance', minRetentionInDays: 7, maxRetentionInDays: 400, changeableForDays: 3 },
    notificationTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:backup-events`,
  });
  new BackupPlan(stack, 'plan', {
    planName: 'volumes',
    vault,
    rules: [
      { ruleName: 'daily', retentionInDays: 14, scheduleTimezone: 'Europe/Berlin' },
      {
        ruleName: 'monthly',
        schedule: 'cron(0 3 1 * ? *)',
        startWindowInMinutes: 120,
        completionWindowInMinutes: 1440,
        retentionInDays: 365,
        coldStorageAfterDays: 30,
        copyToVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:workloads-replica`,
        copyRetentionInDays: 180,
        recoveryPointTags: { Source: 'aws-backup' },
      },
    ],
    selectionTag: { key: 'BackupPlan', value: 'volumes' },
    resourceArns: ['arn:aws:ec2:*:*:volume/*'],
  });
  new BackupAlarms(stack, 'backup-alarms', {
    name: 'workloads',
    vaultName: 'workloads',
    topicArn: topic.topicArn,
    kinds: ['jobsFailed', 'jobsAborted', 'jobsExpired', 'copyJobsFailed'],
  });

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
    const after = (type: string) => changes.filter((c) => c.type === type).map((c) => c.change.after);

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans two trails, both validating log files with a KMS key', () => {
      const trails = after('aws_cloudtrail') as { name: string }[];
      expect([...trails].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        expect.objectContaining({
          name: 'audit',
          enable_log_file_validation: true,
          is_multi_region_trail: true,
        }),
        expect.objectContaining({ name: 'lean', enable_log_file_validation: true, kms_key_id: KEY }),
      ]);
    });

    it('plans the compliance lock with its cooling-off period', () => {
      expect(after('aws_backup_vault_lock_configuration')).toEqual([
        expect.objectContaining({ changeable_for_days: 3, min_retention_days: 7, max_retention_days: 400 }),
      ]);
    });

    it('plans four backup alarms and the repository lifecycle policy', () => {
      expect(after('aws_cloudwatch_metric_alarm')).toHaveLength(4);
      expect(after('aws_ecr_lifecycle_policy')).toHaveLength(1);
    });
  });
});
