import { Construct } from 'constructs';
import { BackupVault as AwsBackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupVaultNotifications } from '@cdktf/provider-aws/lib/backup-vault-notifications';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Validator, requireProps } from '../core/validation';
import { isKmsKeyArn, isSnsTopicArn } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { isBackupVaultName } from './vault-name';

/**
 * Vault lock mode.
 *
 * | mode         | who can remove or loosen the lock                                  | use it for                      |
 * |--------------|--------------------------------------------------------------------|---------------------------------|
 * | `governance` | principals allowed `backup:DeleteBackupVaultLockConfiguration`     | guarding against mistakes       |
 * | `compliance` | nobody once `changeableForDays` have passed: not the account root, not AWS | regulatory WORM retention |
 *
 * Compliance mode is irreversible after its cooling-off period (`changeableForDays`, at least 3
 * days): from then on the lock can't be changed or deleted, recovery points can't be deleted
 * before their retention ends, and the vault can't be deleted while it holds any. A retention
 * mistake then costs storage until the recovery points expire.
 */
export type VaultLockMode = 'governance' | 'compliance';

/** AWS Backup Vault Lock settings; see {@link VaultLockMode}. */
export interface BackupVaultLock {
  /** Lock mode. */
  readonly mode: VaultLockMode;
  /** Shortest retention (days, 1-36,500) a recovery point in the vault may have; shorter jobs fail. */
  readonly minRetentionInDays: number;
  /**
   * Longest retention (days, at least `minRetentionInDays`) a recovery point may have; longer jobs
   * fail. @default - no maximum
   */
  readonly maxRetentionInDays?: number;
  /**
   * Compliance mode only: days (at least 3) during which the lock can still be changed or deleted
   * before it becomes immutable. @default 3
   */
  readonly changeableForDays?: number;
}

/** Vault events AWS Backup can notify an SNS topic of (the deprecated ones are left out). */
export type BackupVaultEvent =
  | 'BACKUP_JOB_STARTED'
  | 'BACKUP_JOB_COMPLETED'
  | 'COPY_JOB_STARTED'
  | 'COPY_JOB_SUCCESSFUL'
  | 'COPY_JOB_FAILED'
  | 'RESTORE_JOB_STARTED'
  | 'RESTORE_JOB_COMPLETED'
  | 'RECOVERY_POINT_MODIFIED'
  | 'S3_BACKUP_OBJECT_FAILED'
  | 'S3_RESTORE_OBJECT_FAILED';

const VAULT_EVENTS: readonly BackupVaultEvent[] = [
  'BACKUP_JOB_STARTED',
  'BACKUP_JOB_COMPLETED',
  'COPY_JOB_STARTED',
  'COPY_JOB_SUCCESSFUL',
  'COPY_JOB_FAILED',
  'RESTORE_JOB_STARTED',
  'RESTORE_JOB_COMPLETED',
  'RECOVERY_POINT_MODIFIED',
  'S3_BACKUP_OBJECT_FAILED',
  'S3_RESTORE_OBJECT_FAILED',
];

/**
 * The events notified by default: every finished job (a failed backup or restore is a `*_COMPLETED`
 * event whose `State` is not `COMPLETED`) and the failure events.
 */
export const DEFAULT_VAULT_EVENTS: readonly BackupVaultEvent[] = [
  'BACKUP_JOB_COMPLETED',
  'RESTORE_JOB_COMPLETED',
  'COPY_JOB_FAILED',
  'S3_BACKUP_OBJECT_FAILED',
  'S3_RESTORE_OBJECT_FAILED',
];

/** Props of {@link BackupVault}. */
export interface BackupVaultProps {
  /** Vault name: 2-50 letters, digits, '-' and '_' (unique per account and region). */
  readonly vaultName: string;
  /**
   * KMS key ARN that encrypts recovery points of resources fully managed by AWS Backup (EFS,
   * DynamoDB, S3, ...). EBS snapshots and RDS snapshots keep the key of their source. AWS Backup
   * uses the key through grants it creates with the permissions of whoever creates the vault.
   * @default - a customer managed key created here ($1/month, rotation on, the default key policy)
   */
  readonly kmsKeyArn?: string;
  /** Waiting period (7-30 days) before the created key is deleted for good. Only without `kmsKeyArn`. @default 30 */
  readonly keyDeletionWindowInDays?: number;
  /**
   * AWS Backup Vault Lock: minimum and maximum retention enforced on every recovery point,
   * governance or compliance mode (read {@link VaultLockMode} before choosing compliance).
   * @default - no lock
   */
  readonly lock?: BackupVaultLock;
  /**
   * SNS topic ARN notified of `notificationEvents`. The topic policy must let
   * `backup.amazonaws.com` call `sns:Publish`, and an encrypted topic's key policy must let it use
   * the key (a topic that only CloudWatch alarms may publish to drops these). To receive failures
   * only, subscribe with the filter policy `{"State": [{"anything-but": "COMPLETED"}]}`.
   * @default - no notifications
   */
  readonly notificationTopicArn?: string;
  /** Events sent to `notificationTopicArn`. @default DEFAULT_VAULT_EVENTS */
  readonly notificationEvents?: BackupVaultEvent[];
  /**
   * Let `terraform destroy` delete the vault with its recovery points. Off, destroying a vault
   * that holds recovery points fails.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Tags of the vault and key; `Name` is set to the vault name. @default - none */
  readonly tags?: Tags;
}

/** A backup vault as plans need it. */
export interface IBackupVault {
  readonly vaultName: string;
  readonly vaultArn: string;
  /** Retention limits a vault lock enforces, so plans can be checked against them at synth. */
  readonly retentionLimits?: { readonly minDays: number; readonly maxDays?: number };
}

/**
 * An AWS Backup vault encrypted with a customer managed key, with optional Vault Lock and SNS
 * notifications.
 *
 * ```ts
 * const vault = new BackupVault(this, 'vault', {
 *   vaultName: 'workloads',
 *   lock: { mode: 'governance', minRetentionInDays: 7, maxRetentionInDays: 365 },
 * });
 * ```
 */
export class BackupVault extends Construct implements IBackupVault {
  /** The vault resource. */
  public readonly vault: AwsBackupVault;
  /** Vault name. */
  public readonly vaultName: string;
  /** Vault ARN. */
  public readonly vaultArn: string;
  /** KMS key ARN of the vault (created here or passed in). */
  public readonly kmsKeyArn: string;
  /** The key, when created here. */
  public readonly key?: KmsKey;
  /** Retention limits of the lock, when there is one. */
  public readonly retentionLimits?: { readonly minDays: number; readonly maxDays?: number };

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    requireProps(this, props, { vaultName: 'string' });
    validate(this, props);
    if (props.kmsKeyArn === undefined) {
      // The default key policy (the account's IAM policies decide): AWS Backup works through grants.
      this.key = new KmsKey(this, 'key', {
        description: `Encrypts the recovery points of backup vault ${props.vaultName}`,
        enableKeyRotation: true,
        deletionWindowInDays: props.keyDeletionWindowInDays ?? 30,
        tags: withName(props.vaultName, props.tags),
      });
      new KmsAlias(this, 'key-alias', { name: `alias/${props.vaultName}`, targetKeyId: this.key.keyId });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? (this.key as KmsKey).arn;

    this.vault = new AwsBackupVault(this, 'vault', {
      name: props.vaultName,
      kmsKeyArn: this.kmsKeyArn,
      forceDestroy: props.forceDestroy ?? false,
      tags: withName(props.vaultName, props.tags),
    });
    this.vaultName = this.vault.name;
    this.vaultArn = this.vault.arn;

    const lock = props.lock;
    if (lock) {
      new BackupVaultLockConfiguration(this, 'lock', {
        backupVaultName: this.vault.name,
        minRetentionDays: lock.minRetentionInDays,
        maxRetentionDays: lock.maxRetentionInDays,
        // Setting changeable_for_days is what makes a lock compliance mode.
        changeableForDays: lock.mode === 'compliance' ? (lock.changeableForDays ?? 3) : undefined,
      });
      this.retentionLimits = { minDays: lock.minRetentionInDays, maxDays: lock.maxRetentionInDays };
    }

    if (props.notificationTopicArn !== undefined) {
      new BackupVaultNotifications(this, 'notifications', {
        backupVaultName: this.vault.name,
        snsTopicArn: props.notificationTopicArn,
        backupVaultEvents: [...(props.notificationEvents ?? DEFAULT_VAULT_EVENTS)],
      });
    }
  }
}

function validate(scope: Construct, props: BackupVaultProps): void {
  const v = new Validator(scope);
  v.checkOptional(
    props.vaultName,
    (n) => isBackupVaultName(n),
    'vaultName',
    "is not a backup vault name (2-50 letters, digits, '-' and '_')",
    'use a name such as "workloads-backup"',
  );
  v.checkOptional(
    props.kmsKeyArn,
    (a) => isKmsKeyArn(a),
    'kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>", or leave it unset to create a key',
  );
  v.checkIntRange(props.keyDeletionWindowInDays, 7, 30, 'keyDeletionWindowInDays');
  v.check(
    !(props.keyDeletionWindowInDays !== undefined && props.kmsKeyArn !== undefined),
    'keyDeletionWindowInDays',
    props.keyDeletionWindowInDays,
    'has no effect with kmsKeyArn (no key is created)',
    'remove keyDeletionWindowInDays, or remove kmsKeyArn to create a key',
  );
  const lock = props.lock;
  if (lock) {
    v.check(
      lock.mode === 'governance' || lock.mode === 'compliance',
      'lock.mode',
      lock.mode,
      'is not "governance" or "compliance"',
      'use "governance" (removable) or "compliance" (irreversible after changeableForDays)',
    );
    v.checkIntRange(lock.minRetentionInDays, 1, 36500, 'lock.minRetentionInDays');
    v.checkIntRange(lock.maxRetentionInDays, 1, 36500, 'lock.maxRetentionInDays');
    v.check(
      lock.maxRetentionInDays === undefined || lock.maxRetentionInDays >= lock.minRetentionInDays,
      'lock.maxRetentionInDays',
      lock.maxRetentionInDays,
      `is less than lock.minRetentionInDays (${lock.minRetentionInDays})`,
      `use at least ${lock.minRetentionInDays}, or remove it for no maximum`,
    );
    if (lock.mode === 'compliance') {
      v.checkIntRange(
        lock.changeableForDays,
        3,
        36500,
        'lock.changeableForDays',
        'use at least 3 days (the cooling-off period AWS requires before a compliance lock becomes immutable)',
      );
    } else {
      v.check(
        lock.changeableForDays === undefined,
        'lock.changeableForDays',
        lock.changeableForDays,
        'applies to compliance mode only (setting it is what makes a lock compliance mode)',
        'remove it, or use mode "compliance" if an irreversible lock is intended',
      );
    }
  }
  v.checkOptional(
    props.notificationTopicArn,
    (a) => isSnsTopicArn(a),
    'notificationTopicArn',
    'is not an SNS standard topic ARN (AWS Backup does not support FIFO topics)',
    'pass "arn:aws:sns:<region>:<account>:<topic>"',
  );
  const events = props.notificationEvents;
  if (events !== undefined) {
    v.check(
      props.notificationTopicArn !== undefined,
      'notificationEvents',
      events,
      'has no effect without notificationTopicArn',
      'set notificationTopicArn, or remove notificationEvents',
    );
    v.check(
      events.length > 0 &&
        events.every((e) => VAULT_EVENTS.includes(e)) &&
        new Set(events).size === events.length,
      'notificationEvents',
      events,
      `must list distinct supported events (${VAULT_EVENTS.join(', ')})`,
      'list each event once, e.g. ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"]',
    );
  }
  v.throwIfInvalid();
}
