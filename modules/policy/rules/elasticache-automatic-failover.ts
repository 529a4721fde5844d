import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheAutomaticFailover: PolicyRule = {
  id: 'MLM-EC-006',
  title: 'ElastiCache replication groups fail over automatically across AZs (Multi-AZ)',
  rationale:
    'With automatic failover and Multi-AZ a replica in another AZ is promoted within about a minute when ' +
    'the primary or its AZ fails; without them the primary is replaced in place and writes stop until ' +
    'then. It needs a second node (twice the cost), so it is a warning: single-node development caches ' +
    'can accept the risk.',
  level: 'warning',
  fix:
    'set automatic_failover_enabled = true and multi_az_enabled = true with num_cache_clusters >= 2 ' +
    '(ElastiCacheReplicationGroup: nodeCount 2, multiAz true), or suppress MLM-EC-006 with the reason',
  appliesTo: ['aws_elasticache_replication_group'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const missing = [
      isTrue(c.automatic_failover_enabled) ? undefined : 'automatic_failover_enabled',
      isTrue(c.multi_az_enabled) ? undefined : 'multi_az_enabled',
    ].filter((x): x is string => x !== undefined);
    return missing.length === 0 ? compliant() : nonCompliant(`${missing.join(' and ')} not true`);
  },
};
