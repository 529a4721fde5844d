import { isTrue } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchFineGrainedAccessControl: PolicyRule = {
  id: 'MLM-OS-006',
  checkovId: 'CKV2_AWS_52',
  title: 'OpenSearch domains enable fine-grained access control, without anonymous access',
  rationale:
    'Without fine-grained access control anyone admitted by the access policy may do anything to every ' +
    'index; with it, roles limit each principal to indexes, documents and fields, and audit logs ' +
    'become available. Anonymous authentication would let unauthenticated requests in again.',
  level: 'error',
  fix:
    'set advanced_security_options { enabled = true, anonymous_auth_enabled = false } with an IAM master ' +
    'user (master_user_options.master_user_arn)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const security = domainBlock(ctx.resource.config, 'advanced_security_options');
    if (!isTrue(security?.enabled)) return nonCompliant('advanced_security_options.enabled is not true');
    if (isTrue(security?.anonymous_auth_enabled)) return nonCompliant('anonymous_auth_enabled is true');
    return compliant();
  },
};
