/**
 * AWS Backup: an encrypted vault (optional vault lock, failure notifications) and backup plans
 * that select resources by tag. Import from `@ml-platform/cdktf-aws/backup`.
 * @packageDocumentation
 */
export { BackupVault, DEFAULT_VAULT_EVENTS } from './backup-vault';
export type {
  BackupVaultEvent,
  BackupVaultLock,
  BackupVaultProps,
  IBackupVault,
  VaultLockMode,
} from './backup-vault';
export { BackupPlan, DEFAULT_BACKUP_RULE } from './backup-plan';
export type { BackupPlanProps, BackupRule, BackupSelectionTag } from './backup-plan';
