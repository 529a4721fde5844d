import { firstBlock, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule } from '../types';

const OWNERSHIP_TYPE = 'aws_s3_bucket_ownership_controls';

export const s3AclsDisabled: PolicyRule = {
  id: 'MLM-S3-007',
  checkovId: 'CKV2_AWS_65',
  title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  rationale:
    'With ACLs disabled, access is decided by IAM and the bucket policy alone, and objects written by ' +
    'other accounts or services still belong to the bucket owner. New buckets default to it since ' +
    'April 2023; declaring it keeps older or imported buckets the same.',
  level: 'warning',
  fix: `add an ${OWNERSHIP_TYPE} for the bucket with rule { object_ownership = "BucketOwnerEnforced" }`,
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const owners = bucketResources(ctx, OWNERSHIP_TYPE).map(
      (o) => firstBlock(o.config.rule)?.object_ownership,
    );
    if (owners.includes('BucketOwnerEnforced')) return compliant();
    if (owners.length === 0) return nonCompliant(noneFound(OWNERSHIP_TYPE));
    return nonCompliant(`object_ownership is ${owners.map((o) => show(o)).join(', ')}`);
  },
};
