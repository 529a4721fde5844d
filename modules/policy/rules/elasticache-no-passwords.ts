import { blocks, isNonBlank, strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheNoPasswords: PolicyRule = {
  id: 'MLM-EC-007',
  title: 'No ElastiCache AUTH token or user password is set in Terraform (they would be stored in state)',
  rationale:
    'auth_token (replication groups) and passwords (users) have no write-only form in the AWS provider, ' +
    'so Terraform writes them to state in clear text, where anyone who can read the state bucket can ' +
    'use them. IAM authentication (authentication_mode type "iam") needs no password at all.',
  level: 'error',
  fix:
    'remove auth_token / passwords; give users authentication_mode { type = "iam" } in a user group ' +
    '(ElastiCacheReplicationGroup does), or manage password users outside Terraform (e.g. a Secrets ' +
    'Manager rotation function) and attach their user group by id',
  appliesTo: ['aws_elasticache_replication_group', 'aws_elasticache_user'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_elasticache_replication_group') {
      return isNonBlank(c.auth_token) ? nonCompliant('auth_token is set') : compliant();
    }
    const inMode = blocks(c.authentication_mode).flatMap((m) => strings(m.passwords));
    const set = strings(c.passwords).length + inMode.length;
    return set > 0 ? nonCompliant(`${set} password(s) set`) : compliant();
  },
};
