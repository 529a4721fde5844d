import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { RDS_DATABASE_TYPES } from '../rds';
import { PolicyRule } from '../types';

export const rdsCopyTagsToSnapshot: PolicyRule = {
  id: 'MLM-RDS-013',
  checkovId: 'CKV2_AWS_60',
  title: 'RDS instances and clusters copy their tags to snapshots',
  rationale:
    'Snapshots without the owner, environment and cost tags cannot be attributed, billed or cleaned ' +
    'up, and tag-based access policies do not apply to them.',
  level: 'warning',
  fix: 'set copy_tags_to_snapshot = true',
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) =>
    isTrue(ctx.resource.config.copy_tags_to_snapshot)
      ? compliant()
      : nonCompliant('copy_tags_to_snapshot is not true'),
};
