import { isTrue, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheEncryptionAtRest: PolicyRule = {
  id: 'MLM-EC-001',
  checkovId: 'CKV_AWS_29',
  title: 'ElastiCache replication groups encrypt data at rest',
  rationale:
    'Without at-rest encryption, snapshots, swap files and the disk used during replication and backups ' +
    'hold cache contents (sessions, tokens, queued jobs) in clear text. It can only be chosen when the ' +
    'group is created: turning it on later means a new replication group.',
  level: 'error',
  fix: 'set at_rest_encryption_enabled = true (ElastiCacheReplicationGroup in modules/elasticache-redis always does)',
  appliesTo: ['aws_elasticache_replication_group'],
  check: (ctx) => {
    const value = ctx.resource.config.at_rest_encryption_enabled;
    return isTrue(value) ? compliant() : nonCompliant(`at_rest_encryption_enabled is ${show(value)}`);
  },
};
