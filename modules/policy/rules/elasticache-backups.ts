import { isNonBlank, num, show, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheBackups: PolicyRule = {
  id: 'MLM-EC-005',
  checkovId: 'CKV_AWS_134',
  title: 'Valkey and Redis OSS caches keep automatic snapshots (snapshot_retention_limit > 0)',
  rationale:
    'Without snapshots a lost node, an accidental FLUSHALL or a bad deployment loses the data for good; ' +
    'for a queue broker or session store that is user-visible. Retention is 0 (off) unless set.',
  level: 'error',
  fix: 'set snapshot_retention_limit to 1-35 days (ElastiCacheReplicationGroup: snapshotRetentionInDays, default 7)',
  appliesTo: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_elasticache_cluster') {
      if (isNonBlank(c.replication_group_id)) return notApplicable('member of a replication group');
      if (str(c.engine) === 'memcached') return notApplicable('Memcached has no snapshots');
    }
    const days = num(c.snapshot_retention_limit);
    return days !== undefined && days > 0
      ? compliant(`${days} days`)
      : nonCompliant(`snapshot_retention_limit is ${show(c.snapshot_retention_limit)}`);
  },
};
