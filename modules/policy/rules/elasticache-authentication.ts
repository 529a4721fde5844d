import { isNonBlank, strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheAuthentication: PolicyRule = {
  id: 'MLM-EC-003',
  checkovId: 'CKV_AWS_31',
  title: 'ElastiCache replication groups require authentication (an RBAC user group or an AUTH token)',
  rationale:
    'Without authentication anything that reaches the port (a compromised container, a mis-scoped ' +
    'security group) can read, change or flush the cache. An RBAC user group with IAM-authenticated ' +
    'users is preferred: an AUTH token is a shared password stored in Terraform state (MLM-EC-007). ' +
    'Checkov CKV_AWS_31 accepts only an auth_token.',
  level: 'error',
  fix:
    'set user_group_ids to a user group whose users authenticate with IAM (ElastiCacheReplicationGroup ' +
    'does this by default)',
  appliesTo: ['aws_elasticache_replication_group'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (strings(c.user_group_ids).length > 0) return compliant('RBAC user group');
    if (isNonBlank(c.auth_token)) return compliant('AUTH token (see MLM-EC-007)');
    return nonCompliant(
      'neither user_group_ids nor auth_token is set: any client on the network can connect',
    );
  },
};
