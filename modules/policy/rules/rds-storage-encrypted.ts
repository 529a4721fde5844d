import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { RDS_DATABASE_TYPES } from '../rds';
import { PolicyRule } from '../types';

export const rdsStorageEncrypted: PolicyRule = {
  id: 'MLM-RDS-001',
  checkovId: 'CKV_AWS_16',
  title: 'RDS instances and clusters encrypt their storage',
  rationale:
    'Unencrypted storage leaves data, automated backups, snapshots and read replicas readable to anyone ' +
    'who gets hold of a volume or a shared snapshot; encryption cannot be turned on later without a ' +
    'snapshot-and-restore migration.',
  level: 'error',
  fix: 'set storage_encrypted = true (with kms_key_id for a customer managed key)',
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) =>
    isTrue(ctx.resource.config.storage_encrypted)
      ? compliant()
      : nonCompliant('storage_encrypted is not true'),
};
