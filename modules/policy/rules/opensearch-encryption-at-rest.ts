import { isTrue } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchEncryptionAtRest: PolicyRule = {
  id: 'MLM-OS-001',
  checkovId: 'CKV_AWS_5',
  title: 'OpenSearch domains encrypt data at rest',
  rationale:
    'Indexes, swap files and automated snapshots hold the searched documents (tickets, user text); ' +
    'without at-rest encryption they sit on disk in clear text. Fine-grained access control requires it.',
  level: 'error',
  fix: 'set encrypt_at_rest { enabled = true } (OpenSearchDomain in modules/opensearch always does)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    isTrue(domainBlock(ctx.resource.config, 'encrypt_at_rest')?.enabled)
      ? compliant()
      : nonCompliant('encrypt_at_rest.enabled is not true'),
};
