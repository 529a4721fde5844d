import { isTrue } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchNodeToNodeEncryption: PolicyRule = {
  id: 'MLM-OS-002',
  checkovId: 'CKV_AWS_6',
  title: 'OpenSearch domains encrypt traffic between nodes',
  rationale:
    'Shard replication and query fan-out between nodes carry documents and credentials; node-to-node ' +
    'TLS keeps them encrypted inside the VPC. Fine-grained access control requires it, and it cannot be ' +
    'turned off once on.',
  level: 'error',
  fix: 'set node_to_node_encryption { enabled = true }',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    isTrue(domainBlock(ctx.resource.config, 'node_to_node_encryption')?.enabled)
      ? compliant()
      : nonCompliant('node_to_node_encryption.enabled is not true'),
};
