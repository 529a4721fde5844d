import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Trail } from '../../modules/cloudtrail';
import { RegistryScanning, Repository } from '../../modules/ecr';
import { BackupPlan, BackupVault } from '../../modules/backup';
import { AlarmTopic, BackupAlarms } from '../../modules/monitoring';
import { partitionOfRegion } from '../../modules/core/regions';
import { configureStateBackend } from '../../backend/state-backend';
import { StateBackendSettings } from '../../backend/settings';
import { ProjectConfig } from '../shared/project';
import { AccountConfig, validateAccountConfig } from './config';

/** Props of {@link AccountStack}. */
export interface AccountStackProps {
  readonly project: ProjectConfig;
  readonly account: AccountConfig;
  readonly stateBackend: StateBackendSettings;
}

/**
 * What the account needs once, whatever the systems and environments: the CloudTrail audit trail,
 * the ECR repository of the model image, and AWS Backup of the hosts' EBS volumes (one plan per
 * environment, selected by tag), with alarms on failed backup jobs.
 *
 * | Part        | Resources                                                                   |
 * |-------------|-----------------------------------------------------------------------------|
 * | audit       | multi-region trail, KMS key, trail bucket + access-log bucket, log group    |
 * | images      | ECR repository (immutable tags, scan on push, KMS, lifecycle); enhanced scanning when configured |
 * | backups     | vault (CMK, governance lock), a daily plan per environment, selection by tag |
 * | alerting    | alarm topic (CMK, e-mail), alarms on failed, aborted and expired backup jobs |
 *
 * The state lives in the shared S3 backend under `<stack>/terraform.tfstate`, like every
 * environment stack.
 */
export class AccountStack extends TerraformStack {
  public readonly trail: Trail;
  public readonly imageRepository: Repository;
  /** Registry-wide enhanced scanning, when `imageRepository.enhancedScanning` is on. */
  public readonly registryScanning?: RegistryScanning;
  public readonly vault: BackupVault;
  /** The backup plans by environment name. */
  public readonly backupPlans: Readonly<Record<string, BackupPlan>>;
  public readonly alarmTopic: AlarmTopic;
  public readonly backupAlarms: BackupAlarms;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const { account, project } = props;
    validateAccountConfig(account, project.sharedTags);
    const partition = partitionOfRegion(account.region) ?? 'aws';

    configureStateBackend(this, props.stateBackend);
    new AwsProvider(this, 'aws', {
      region: account.region,
      defaultTags: [{ tags: { ...project.tags, ...project.sharedTags, ...account.tags, System: 'account' } }],
    });

    // Audit
    this.trail = new Trail(this, 'trail', {
      trailName: account.trail.name,
      accountId: account.accountId,
      region: account.region,
      partition,
      bucketName: `${project.bucketPrefix}-cloudtrail-${account.accountId}`,
      accessLogging: {
        createLogBucket: true,
        bucketName: `${project.bucketPrefix}-ct-access-${account.accountId}`,
      },
      logExpirationInDays: account.trail.logExpirationInDays,
      glacierTransitionAfterDays: account.trail.glacierTransitionAfterDays,
      cloudWatchLogsRetentionInDays: account.trail.cloudWatchLogsRetentionInDays,
      logGroupName: `/${project.project}/account/cloudtrail`,
    });

    // Images
    this.imageRepository = new Repository(this, 'model-image', {
      repositoryName: account.imageRepository.repositoryName,
      maxTaggedImages: account.imageRepository.maxTaggedImages,
      untaggedImageExpirationInDays: account.imageRepository.untaggedImageExpirationInDays,
      partition,
    });
    if (account.imageRepository.enhancedScanning) {
      this.registryScanning = new RegistryScanning(this, 'registry-scanning');
    }

    // Backups
    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      topicName: `${id}-alarms`,
      emails: [...account.alarmEmails],
    });
    const lock = account.backup.lockRetentionInDays;
    this.vault = new BackupVault(this, 'backup-vault', {
      vaultName: account.backup.vaultName,
      lock: lock
        ? { mode: 'governance', minRetentionInDays: lock.min, maxRetentionInDays: lock.max }
        : undefined,
    });
    const plans: Record<string, BackupPlan> = {};
    for (const env of account.backup.environments) {
      plans[env.environment] = new BackupPlan(this, `backup-${env.environment}`, {
        planName: `${project.project}-${env.environment}-volumes`,
        vault: this.vault,
        rules: [
          { ruleName: 'daily', schedule: account.backup.schedule, retentionInDays: env.retentionInDays },
        ],
        selectionTag: { key: account.backup.tagKey, value: env.tagValue },
        // EBS volumes of this account and region only (an instance selection would make AMIs).
        resourceArns: [`arn:${partition}:ec2:${account.region}:${account.accountId}:volume/*`],
        partition,
      });
    }
    this.backupPlans = plans;
    this.backupAlarms = new BackupAlarms(this, 'backup-alarms', {
      name: id,
      vaultName: account.backup.vaultName,
      topicArn: this.alarmTopic.topicArn,
    });

    new TerraformOutput(this, 'trail_arn', {
      value: this.trail.trailArn,
      description: 'CloudTrail trail ARN',
    });
    new TerraformOutput(this, 'trail_bucket', {
      value: this.trail.bucketName,
      description: 'S3 bucket holding the CloudTrail log files (SSE-KMS)',
    });
    new TerraformOutput(this, 'trail_log_group', {
      value: this.trail.logGroupName ?? '',
      description: 'CloudWatch Logs log group receiving the trail events',
    });
    new TerraformOutput(this, 'model_image_repository_url', {
      value: this.imageRepository.repositoryUrl,
      description: 'ECR repository of the model image (docker push target)',
    });
    new TerraformOutput(this, 'backup_vault_name', {
      value: this.vault.vaultName,
      description: 'AWS Backup vault holding the EBS snapshots',
    });
    new TerraformOutput(this, 'backup_selection_tags', {
      value: Object.fromEntries(
        account.backup.environments.map((e) => [e.environment, `${account.backup.tagKey}=${e.tagValue}`]),
      ),
      description: 'Tag the EBS volumes of each environment must carry to be snapshotted daily',
    });
    new TerraformOutput(this, 'alarm_topic_arn', {
      value: this.alarmTopic.topicArn,
      description: 'SNS topic notified of failed, aborted and expired backup jobs',
    });
  }
}
