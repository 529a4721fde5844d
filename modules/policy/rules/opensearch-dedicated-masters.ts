import { isTrue } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchDedicatedMasters: PolicyRule = {
  id: 'MLM-OS-010',
  checkovId: 'CKV2_AWS_59',
  title: 'OpenSearch domains use dedicated master nodes',
  rationale:
    'Without dedicated masters, data nodes also keep the cluster state; a busy or failing data node can ' +
    'then stall the whole cluster, and blue/green changes strain it further. Three small masters cost ' +
    'extra, so it is a warning: single-node development domains can accept the risk.',
  level: 'warning',
  fix:
    'set cluster_config { dedicated_master_enabled = true, dedicated_master_count = 3, dedicated_master_type = ... } ' +
    '(OpenSearchDomain: dedicatedMasters), or suppress MLM-OS-010 with the reason',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    isTrue(domainBlock(ctx.resource.config, 'cluster_config')?.dedicated_master_enabled)
      ? compliant()
      : nonCompliant('dedicated_master_enabled is not true'),
};
