import { isNonBlank } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchKmsKey: PolicyRule = {
  id: 'MLM-OS-007',
  checkovId: 'CKV_AWS_247',
  title: 'OpenSearch domains encrypt at rest with a customer-managed KMS key',
  rationale:
    'The default aws/es key is AWS-managed: its policy cannot be restricted. A customer-managed key ' +
    'lets the key policy decide who may decrypt and can be disabled to cut off access, at about USD 1 ' +
    'per key per month, so it is a warning.',
  level: 'warning',
  fix: 'set encrypt_at_rest { kms_key_id = <key ARN> } (OpenSearchDomain: kmsKeyArn), or suppress MLM-OS-007 with the reason',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    isNonBlank(domainBlock(ctx.resource.config, 'encrypt_at_rest')?.kms_key_id)
      ? compliant()
      : nonCompliant('encrypt_at_rest.kms_key_id is not set: the AWS managed key aws/es is used'),
};
