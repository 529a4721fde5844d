import { Testing } from 'cdktf';
import { BackupVault, BackupVaultProps, DEFAULT_VAULT_EVENTS } from '../../../modules/backup';
import { applyPolicyPack } from '../../../modules/policy';
import {
  ExpectedProblem,
  newStack,
  onlyResource,
  policyFindings,
  problemLike,
  synthJson,
  validationProblems,
} from '../../support/construct-test';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:backup-events';
const BASE: BackupVaultProps = { vaultName: 'workloads' };

function build(props: Partial<BackupVaultProps> = {}) {
  const stack = newStack();
  const vault = new BackupVault(stack, 'vault', { ...BASE, ...props });
  return { stack, vault, ...synthJson(stack) };
}

const make = (props: Partial<BackupVaultProps>) =>
  new BackupVault(newStack(), 'vault', { ...BASE, ...props });

describe('BackupVault with default props', () => {
  const { stack, vault, json } = build();

  it('encrypts with a created key (rotation on, 30-day window, alias/<vault>) and refuses force destroy', () => {
    expect(onlyResource(json, 'aws_kms_key')).toEqual({
      description: 'Encrypts the recovery points of backup vault workloads',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: { Name: 'workloads' },
    });
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/workloads');
    const v = onlyResource(json, 'aws_backup_vault');
    expect(v).toEqual(
      expect.objectContaining({ name: 'workloads', force_destroy: false, tags: { Name: 'workloads' } }),
    );
    expect(v.kms_key_arn).toMatch(/^\$\{aws_kms_key\.vault_key_[0-9A-F]+\.arn\}$/);
  });

  it('has no lock, no notifications and no retention limits', () => {
    expect(json.resource.aws_backup_vault_lock_configuration).toBeUndefined();
    expect(json.resource.aws_backup_vault_notifications).toBeUndefined();
    expect(vault.retentionLimits).toBeUndefined();
  });

  it('passes the policy pack with no finding at all', () => {
    expect(policyFindings(stack)).toEqual([]);
    const packed = newStack();
    new BackupVault(packed, 'vault', BASE);
    applyPolicyPack(packed, { log: () => undefined });
    expect(() => Testing.synth(packed, true)).not.toThrow();
  });
});

describe('BackupVault options', () => {
  it('uses a given key and creates none', () => {
    const { json, vault } = build({ kmsKeyArn: KEY });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(onlyResource(json, 'aws_backup_vault').kms_key_arn).toBe(KEY);
    expect(vault.kmsKeyArn).toBe(KEY);
  });

  it('locks in governance mode without changeable_for_days', () => {
    const { json, vault } = build({
      lock: { mode: 'governance', minRetentionInDays: 7, maxRetentionInDays: 35 },
    });
    const lock = onlyResource(json, 'aws_backup_vault_lock_configuration');
    expect(lock).toEqual(expect.objectContaining({ min_retention_days: 7, max_retention_days: 35 }));
    expect(lock.changeable_for_days).toBeUndefined();
    expect(vault.retentionLimits).toEqual({ minDays: 7, maxDays: 35 });
  });

  it('locks in compliance mode with a 3-day cooling-off period by default', () => {
    const { json } = build({ lock: { mode: 'compliance', minRetentionInDays: 30 } });
    const lock = onlyResource(json, 'aws_backup_vault_lock_configuration');
    expect(lock).toEqual(expect.objectContaining({ min_retention_days: 30, changeable_for_days: 3 }));
    expect(lock.max_retention_days).toBeUndefined();
  });

  it('takes a longer cooling-off period', () => {
    const { json } = build({ lock: { mode: 'compliance', minRetentionInDays: 30, changeableForDays: 14 } });
    expect(onlyResource(json, 'aws_backup_vault_lock_configuration').changeable_for_days).toBe(14);
  });

  it('notifies a topic of finished jobs and failures by default', () => {
    const { json } = build({ notificationTopicArn: TOPIC });
    const n = onlyResource(json, 'aws_backup_vault_notifications');
    expect(n).toEqual(expect.objectContaining({ sns_topic_arn: TOPIC }));
    expect(n.backup_vault_events).toEqual([
      'BACKUP_JOB_COMPLETED',
      'RESTORE_JOB_COMPLETED',
      'COPY_JOB_FAILED',
      'S3_BACKUP_OBJECT_FAILED',
      'S3_RESTORE_OBJECT_FAILED',
    ]);
    expect(n.backup_vault_events).toEqual([...DEFAULT_VAULT_EVENTS]);
  });

  it('notifies the events given', () => {
    const { json } = build({ notificationTopicArn: TOPIC, notificationEvents: ['COPY_JOB_FAILED'] });
    expect(onlyResource(json, 'aws_backup_vault_notifications').backup_vault_events).toEqual([
      'COPY_JOB_FAILED',
    ]);
  });

  it('allows force destroy, a short key window and tags when asked', () => {
    const { json } = build({ forceDestroy: true, keyDeletionWindowInDays: 7, tags: { Team: 'platform' } });
    expect(onlyResource(json, 'aws_backup_vault')).toEqual(
      expect.objectContaining({ force_destroy: true, tags: { Team: 'platform', Name: 'workloads' } }),
    );
    expect(onlyResource(json, 'aws_kms_key').deletion_window_in_days).toBe(7);
  });
});

describe('BackupVault validation', () => {
  const cases: [string, Partial<BackupVaultProps>, ExpectedProblem][] = [
    [
      'a one-character name',
      { vaultName: 'a' },
      { field: 'vaultName', value: 'a', problem: /2-50/, fix: /workloads-backup/ },
    ],
    [
      'a name with a dot',
      { vaultName: 'work.loads' },
      {
        field: 'vaultName',
        value: 'work.loads',
        problem: /not a backup vault name/,
        fix: /workloads-backup/,
      },
    ],
    [
      'a key alias',
      { kmsKeyArn: 'alias/aws/backup' },
      { field: 'kmsKeyArn', value: 'alias/aws/backup', problem: /not a KMS key ARN/, fix: /create a key/ },
    ],
    [
      'a 31-day key window',
      { keyDeletionWindowInDays: 31 },
      { field: 'keyDeletionWindowInDays', value: 31, problem: /from 7 to 30/, fix: /7 to 30/ },
    ],
    [
      'a key window with a given key',
      { keyDeletionWindowInDays: 10, kmsKeyArn: KEY },
      { field: 'keyDeletionWindowInDays', value: 10, problem: /no effect with kmsKeyArn/, fix: /remove/ },
    ],
    [
      'an unknown lock mode',
      { lock: { mode: 'strict' as never, minRetentionInDays: 1 } },
      { field: 'lock.mode', value: 'strict', problem: /"governance" or "compliance"/, fix: /irreversible/ },
    ],
    [
      'a 0-day minimum retention',
      { lock: { mode: 'governance', minRetentionInDays: 0 } },
      { field: 'lock.minRetentionInDays', value: 0, problem: /from 1 to 36500/, fix: /1 to 36500/ },
    ],
    [
      'a maximum below the minimum',
      { lock: { mode: 'governance', minRetentionInDays: 30, maxRetentionInDays: 7 } },
      {
        field: 'lock.maxRetentionInDays',
        value: 7,
        problem: /less than lock.minRetentionInDays \(30\)/,
        fix: /at least 30/,
      },
    ],
    [
      'a 2-day cooling-off period',
      { lock: { mode: 'compliance', minRetentionInDays: 7, changeableForDays: 2 } },
      {
        field: 'lock.changeableForDays',
        value: 2,
        problem: /from 3 to 36500/,
        fix: /cooling-off period AWS requires/,
      },
    ],
    [
      'a cooling-off period in governance mode',
      { lock: { mode: 'governance', minRetentionInDays: 7, changeableForDays: 3 } },
      {
        field: 'lock.changeableForDays',
        value: 3,
        problem: /compliance mode only/,
        fix: /irreversible lock is intended/,
      },
    ],
    [
      'a FIFO topic',
      { notificationTopicArn: `${TOPIC}.fifo` },
      {
        field: 'notificationTopicArn',
        value: `${TOPIC}.fifo`,
        problem: /does not support FIFO topics/,
        fix: /arn:aws:sns/,
      },
    ],
    [
      'events without a topic',
      { notificationEvents: ['COPY_JOB_FAILED'] },
      {
        field: 'notificationEvents',
        value: ['COPY_JOB_FAILED'],
        problem: /no effect without notificationTopicArn/,
        fix: /set notificationTopicArn/,
      },
    ],
    [
      'a deprecated event',
      { notificationTopicArn: TOPIC, notificationEvents: ['BACKUP_JOB_FAILED' as never] },
      {
        field: 'notificationEvents',
        value: ['BACKUP_JOB_FAILED'],
        problem: /distinct supported events/,
        fix: /BACKUP_JOB_COMPLETED/,
      },
    ],
    [
      'no events',
      { notificationTopicArn: TOPIC, notificationEvents: [] },
      {
        field: 'notificationEvents',
        value: [],
        problem: /distinct supported events/,
        fix: /each event once/,
      },
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(validationProblems(() => make(props))).toContainEqual(problemLike(expected));
  });

  it.each<[string, Partial<BackupVaultProps>]>([
    ['a two-character name', { vaultName: 'ab' }],
    ['a 50-character name', { vaultName: 'a'.repeat(50) }],
    ['a 7-day key window', { keyDeletionWindowInDays: 7 }],
    [
      'a maximum equal to the minimum',
      { lock: { mode: 'governance', minRetentionInDays: 7, maxRetentionInDays: 7 } },
    ],
    [
      'a 1-day minimum and a 36500-day maximum',
      { lock: { mode: 'governance', minRetentionInDays: 1, maxRetentionInDays: 36500 } },
    ],
    [
      'a 3-day cooling-off period',
      { lock: { mode: 'compliance', minRetentionInDays: 7, changeableForDays: 3 } },
    ],
    [
      'every supported event',
      { notificationTopicArn: TOPIC, notificationEvents: ['BACKUP_JOB_STARTED', 'RECOVERY_POINT_MODIFIED'] },
    ],
  ])('accepts %s', (_name, props) => {
    expect(validationProblems(() => make(props))).toEqual([]);
  });
});
