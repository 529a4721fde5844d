import { isTrue, num, show } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchMasterQuorum: PolicyRule = {
  id: 'MLM-OS-011',
  checkovId: 'CKV_AWS_318',
  title: 'OpenSearch domains with dedicated masters run at least three of them',
  rationale:
    'Masters elect a leader by quorum: with one master its loss stops the cluster, with two the loss of ' +
    'either does. Three keep a quorum through one failure (five through two). Checkov CKV_AWS_318 also ' +
    'fails domains without dedicated masters; here that is MLM-OS-010.',
  level: 'warning',
  fix: 'set cluster_config { dedicated_master_count = 3 } (or 5)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const cluster = domainBlock(ctx.resource.config, 'cluster_config');
    if (!isTrue(cluster?.dedicated_master_enabled))
      return notApplicable('no dedicated masters (see MLM-OS-010)');
    const count = num(cluster?.dedicated_master_count);
    return count !== undefined && count >= 3
      ? compliant(`${count} masters`)
      : nonCompliant(`dedicated_master_count is ${show(cluster?.dedicated_master_count)}`);
  },
};
