import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { AccountStack } from '../../../stacks/account/account-stack';
import { ACCOUNT, AccountConfig } from '../../../stacks/account/config';
import { PROJECT } from '../../../stacks/shared/project';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import { applyPolicyPack } from '../../../modules/policy';
import { policyFindings, resourcesOf, StackJson } from '../../support/construct-test';

interface AccountJson extends StackJson {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  output: Record<string, { value: unknown; description: string }>;
}

function synthAccount(account: AccountConfig = ACCOUNT) {
  const stack = new AccountStack(Testing.app(), 'mlmon-account', {
    project: PROJECT,
    account,
    stateBackend: DEFAULT_STATE_BACKEND,
  });
  const out = Testing.synth(stack);
  return { stack, out, json: JSON.parse(out) as AccountJson };
}

const byName = <T extends Record<string, unknown>>(items: T[], key: string) =>
  Object.fromEntries(items.map((i) => [String(i[key]), i]));

describe('account stack mlmon-account', () => {
  const { stack, out, json } = synthAccount();

  it('keeps its state in the shared S3 backend under mlmon-account/terraform.tfstate, locked', () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'mlmon-terraform-state',
        key: 'mlmon-account/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        dynamodb_table: 'mlmon-terraform-locks',
      },
    });
  });

  it('configures the provider in us-east-1 with the shared mandatory tags', () => {
    expect(out).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-east-1',
      default_tags: [
        {
          tags: {
            Project: 'mlmon',
            ManagedBy: 'cdktf',
            Repository: 'mlmon-infra',
            Owner: 'ml-platform',
            CostCenter: 'ml-research',
            Environment: 'shared',
            System: 'account',
          },
        },
      ],
    });
  });

  it('records every region into an encrypted, validated trail with its own buckets and log group', () => {
    expect(out).toHaveResourceWithProperties(Cloudtrail, {
      name: 'mlmon-audit',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(
      resourcesOf(json, 'aws_s3_bucket')
        .map((b) => b.bucket)
        .sort(),
    ).toEqual(['mlmon-cloudtrail-111122223333', 'mlmon-ct-access-111122223333']);
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/mlmon/account/cloudtrail',
      retention_in_days: 90,
    });
    const trailPolicy = Object.entries(json.data?.aws_iam_policy_document ?? {}).find(([k]) =>
      k.startsWith('trail_bucket_policy-document'),
    )?.[1] as { statement: { sid: string; condition?: { values: string[] }[] }[] };
    expect(trailPolicy.statement.find((s) => s.sid === 'CloudTrailWrite')?.condition?.[1].values).toEqual([
      'arn:aws:cloudtrail:us-east-1:111122223333:trail/mlmon-audit',
    ]);
  });

  it('keeps the model image in mlmon/shill-bidding-api: immutable, scanned on push, KMS, lifecycle', () => {
    expect(out).toHaveResourceWithProperties(EcrRepository, {
      name: 'mlmon/shill-bidding-api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
      force_delete: false,
    });
    const policy = JSON.parse(resourcesOf(json, 'aws_ecr_lifecycle_policy')[0].policy as string);
    expect(policy.rules.map((r: { selection: { countNumber: number } }) => r.selection.countNumber)).toEqual([
      7, 30,
    ]);
    expect(out).not.toHaveResource(EcrRegistryScanningConfiguration);
  });

  it('backs up to one vault, encrypted and locked in governance mode for 7 to 35 days', () => {
    expect(out).toHaveResourceWithProperties(BackupVault, { name: 'mlmon-backup', force_destroy: false });
    expect(out).toHaveResourceWithProperties(BackupVaultLockConfiguration, {
      min_retention_days: 7,
      max_retention_days: 35,
    });
    const lock = resourcesOf(json, 'aws_backup_vault_lock_configuration')[0];
    expect(lock.changeable_for_days).toBeUndefined();
  });

  it('snapshots each environment daily at 03:00 UTC with its own retention (dev 7, staging 14, prod 35)', () => {
    const plans = byName(resourcesOf(json, 'aws_backup_plan'), 'name');
    expect(Object.keys(plans).sort()).toEqual([
      'mlmon-dev-volumes',
      'mlmon-prod-volumes',
      'mlmon-staging-volumes',
    ]);
    const rule = (name: string) => (plans[name].rule as Record<string, unknown>[])[0];
    for (const [name, days] of [
      ['mlmon-dev-volumes', 7],
      ['mlmon-staging-volumes', 14],
      ['mlmon-prod-volumes', 35],
    ] as const) {
      expect(rule(name)).toEqual(
        expect.objectContaining({
          rule_name: 'daily',
          schedule: 'cron(0 3 ? * * *)',
          start_window: 60,
          completion_window: 480,
          lifecycle: { delete_after: days },
        }),
      );
    }
  });

  it('selects the EBS volumes of this account and region tagged Backup = mlmon-<env>', () => {
    const selections = byName(resourcesOf(json, 'aws_backup_selection'), 'name');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(selections[`mlmon-${env}-volumes`]).toEqual(
        expect.objectContaining({
          resources: ['arn:aws:ec2:us-east-1:111122223333:volume/*'],
          condition: [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: `mlmon-${env}` }] }],
        }),
      );
    }
    expect(
      resourcesOf(json, 'aws_iam_role')
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      'mlmon-audit-logs',
      'mlmon-dev-volumes-backup',
      'mlmon-prod-volumes-backup',
      'mlmon-staging-volumes-backup',
    ]);
  });

  it('alarms on failed, aborted and expired backup jobs to an encrypted topic with the platform address', () => {
    expect(out).toHaveResourceWithProperties(SnsTopic, { name: 'mlmon-account-alarms' });
    expect(out).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'ml-platform@example.com',
    });
    expect(
      resourcesOf(json, 'aws_cloudwatch_metric_alarm')
        .map((a) => a.alarm_name)
        .sort(),
    ).toEqual([
      'mlmon-account-backup-jobs-aborted',
      'mlmon-account-backup-jobs-expired',
      'mlmon-account-backup-jobs-failed',
    ]);
  });

  it('outputs the trail, the repository, the vault and the tag each environment needs', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'alarm_topic_arn',
      'backup_selection_tags',
      'backup_vault_name',
      'model_image_repository_url',
      'trail_arn',
      'trail_bucket',
      'trail_log_group',
    ]);
    expect(json.output.backup_selection_tags.value).toEqual({
      dev: 'Backup=mlmon-dev',
      staging: 'Backup=mlmon-staging',
      prod: 'Backup=mlmon-prod',
    });
  });

  it('passes the policy pack with no finding at all', () => {
    expect(policyFindings(stack)).toEqual([]);
    const packed = new AccountStack(Testing.app(), 'mlmon-account', {
      project: PROJECT,
      account: ACCOUNT,
      stateBackend: DEFAULT_STATE_BACKEND,
    });
    applyPolicyPack(packed, { log: () => undefined });
    expect(() => Testing.synth(packed, true)).not.toThrow();
  });

  it('matches the snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});

describe('account stack options', () => {
  it('turns on registry-wide enhanced scanning when configured', () => {
    const { out } = synthAccount({
      ...ACCOUNT,
      imageRepository: { ...ACCOUNT.imageRepository, enhancedScanning: true },
    });
    expect(out).toHaveResourceWithProperties(EcrRegistryScanningConfiguration, { scan_type: 'ENHANCED' });
  });

  it('creates no vault lock without lockRetentionInDays, and moves old log files to Glacier when asked', () => {
    const { out, json } = synthAccount({
      ...ACCOUNT,
      trail: { ...ACCOUNT.trail, glacierTransitionAfterDays: 90 },
      backup: { ...ACCOUNT.backup, lockRetentionInDays: undefined },
    });
    expect(out).not.toHaveResource(BackupVaultLockConfiguration);
    const rules = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').flatMap(
      (l) => l.rule as Record<string, unknown>[],
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        id: 'trail-log-retention',
        transition: [{ days: 90, storage_class: 'GLACIER' }],
      }),
    );
  });

  it('uses the partition of a GovCloud region in the selection and policies', () => {
    const { json } = synthAccount({ ...ACCOUNT, region: 'us-gov-west-1' });
    expect(resourcesOf(json, 'aws_backup_selection')[0].resources).toEqual([
      'arn:aws-us-gov:ec2:us-gov-west-1:111122223333:volume/*',
    ]);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toContain(
      'arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
    );
  });

  it('refuses an invalid configuration before creating anything', () => {
    expect(() => synthAccount({ ...ACCOUNT, accountId: '1234' })).toThrow(
      /Invalid input for account \(1 problem\):\n {2}- accountId = "1234": is not a 12-digit AWS account id/,
    );
  });
});
