import { isFalse } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const rdsAutoMinorUpgrade: PolicyRule = {
  id: 'MLM-RDS-012',
  checkovId: 'CKV_AWS_226',
  title: 'RDS instances take minor version upgrades automatically',
  rationale:
    'Minor versions carry the engine security fixes; applied automatically in the maintenance window ' +
    'they reach the database without anyone having to notice a release.',
  level: 'error',
  fix:
    'leave auto_minor_version_upgrade unset or true, and give engine_version as a major version only ' +
    'so Terraform does not fight the upgrades',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (ctx) =>
    isFalse(ctx.resource.config.auto_minor_version_upgrade)
      ? nonCompliant('auto_minor_version_upgrade is false')
      : compliant(),
};
