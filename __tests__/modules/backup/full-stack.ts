import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BackupPlan, BackupVault } from '../../../modules/backup';
import { AlarmTopic, BackupAlarms } from '../../../modules/monitoring';
import { FullStack } from '../../support/full-stack';

const ACCOUNT = '111122223333';

/**
 * A vault with a compliance lock and notifications, a plan with a daily rule and a monthly rule
 * (custom windows, cold storage, a cross-region copy, recovery point tags) selecting by tag and
 * ARN, and the backup job alarms on an alarm topic.
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'backup');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
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
  return stack;
}

export const fullStack: FullStack = {
  name: 'backup',
  description: 'vault with a compliance lock, plan with daily and monthly rules and a copy, job alarms',
  build,
  expectations: {
    'plans the compliance lock with its cooling-off period': (plan) => {
      expect(plan.afterOf('aws_backup_vault_lock_configuration')).toEqual([
        expect.objectContaining({ changeable_for_days: 3, min_retention_days: 7, max_retention_days: 400 }),
      ]);
    },
    'plans four backup alarms': (plan) => {
      expect(plan.afterOf('aws_cloudwatch_metric_alarm')).toHaveLength(4);
    },
  },
};
