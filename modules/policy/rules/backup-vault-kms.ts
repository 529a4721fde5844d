import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const backupVaultKms: PolicyRule = {
  id: 'MLM-BAK-001',
  checkovId: 'CKV_AWS_166',
  title: 'Backup vaults are encrypted with a customer managed KMS key',
  rationale:
    'Without kms_key_arn the vault uses the AWS managed key aws/backup, whose policy nobody can change: ' +
    'restores and copies then can be limited only through IAM, and cross-account copies are impossible.',
  level: 'error',
  fix: 'set kms_key_arn to a customer managed key (BackupVault creates one)',
  appliesTo: ['aws_backup_vault'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.kms_key_arn) ? compliant() : nonCompliant('kms_key_arn is not set'),
};
