import { str } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

/** TLS policies that allow TLS 1.2 and later only. */
export const TLS12_POLICIES: readonly string[] = [
  'Policy-Min-TLS-1-2-PFS-2023-10',
  'Policy-Min-TLS-1-2-2019-07',
];

export const opensearchTlsPolicy: PolicyRule = {
  id: 'MLM-OS-004',
  checkovId: 'CKV_AWS_228',
  title: 'OpenSearch domains allow TLS 1.2 or later only',
  rationale:
    'Policy-Min-TLS-1-0-2019-07 also accepts TLS 1.0 and 1.1, which have known weaknesses and are ' +
    'deprecated (RFC 8996). Left unset, the service picks the policy, so it must be explicit. ' +
    'Policy-Min-TLS-1-2-PFS-2023-10 additionally requires forward secrecy.',
  level: 'error',
  fix: 'set domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" } (or Policy-Min-TLS-1-2-2019-07)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const policy = str(domainBlock(ctx.resource.config, 'domain_endpoint_options')?.tls_security_policy);
    if (policy === undefined) return nonCompliant('tls_security_policy is not set');
    return TLS12_POLICIES.includes(policy)
      ? compliant(policy)
      : nonCompliant(`tls_security_policy is "${policy}"`);
  },
};
