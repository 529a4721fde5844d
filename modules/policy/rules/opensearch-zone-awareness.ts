import { isTrue, num } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchZoneAwareness: PolicyRule = {
  id: 'MLM-OS-012',
  title: 'OpenSearch domains spread data nodes over availability zones (zone awareness)',
  rationale:
    'With zone awareness OpenSearch keeps primary and replica shards in different AZs, so an AZ outage ' +
    'loses no data and the domain keeps serving; without it, all copies can sit in one AZ (AWS Security ' +
    'Hub Opensearch.6 asks for three data nodes with zone awareness). It needs several data nodes, so it ' +
    'is a warning.',
  level: 'warning',
  fix:
    'set cluster_config { zone_awareness_enabled = true, zone_awareness_config { availability_zone_count = 3 } } ' +
    'with a multiple of that many data nodes (OpenSearchDomain: availabilityZoneCount), or suppress MLM-OS-012',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const cluster = domainBlock(ctx.resource.config, 'cluster_config');
    if (!isTrue(cluster?.zone_awareness_enabled)) return nonCompliant('zone_awareness_enabled is not true');
    const azs = num(domainBlock(cluster ?? {}, 'zone_awareness_config')?.availability_zone_count) ?? 2;
    return compliant(`${azs} AZs`);
  },
};
