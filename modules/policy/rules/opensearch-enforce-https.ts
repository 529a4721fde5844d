import { isTrue } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchEnforceHttps: PolicyRule = {
  id: 'MLM-OS-003',
  checkovId: 'CKV_AWS_83',
  title: 'OpenSearch domains accept HTTPS only (enforce_https)',
  rationale:
    'Without enforce_https the endpoint also answers plain HTTP, so SigV4-signed requests, basic-auth ' +
    'credentials and documents can cross the network unencrypted.',
  level: 'error',
  fix: 'set domain_endpoint_options { enforce_https = true }',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    isTrue(domainBlock(ctx.resource.config, 'domain_endpoint_options')?.enforce_https)
      ? compliant()
      : nonCompliant('domain_endpoint_options.enforce_https is not true'),
};
