import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheKmsKey: PolicyRule = {
  id: 'MLM-EC-004',
  checkovId: 'CKV_AWS_191',
  title: 'ElastiCache replication groups encrypt at rest with a customer-managed KMS key',
  rationale:
    'The default at-rest key is AWS-owned: invisible in the account, with no key policy to restrict ' +
    'and no CloudTrail record of its use. A customer-managed key adds both, at about USD 1 per key ' +
    'per month, so it is a warning.',
  level: 'warning',
  fix: 'set kms_key_id to a KMS key ARN (ElastiCacheReplicationGroup: kmsKeyArn), or suppress MLM-EC-004 with the reason',
  appliesTo: ['aws_elasticache_replication_group'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.kms_key_id)
      ? compliant()
      : nonCompliant('kms_key_id is not set: the AWS-owned key is used'),
};
