import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { JsonObject, PolicyRule } from '../types';

const PAB_TYPE = 'aws_s3_bucket_public_access_block';
const FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

function missingFlags(config: JsonObject): string[] {
  return FLAGS.filter((f) => !isTrue(config[f]));
}

export const s3PublicAccessBlock: PolicyRule = {
  id: 'MLM-S3-003',
  checkovId: 'CKV2_AWS_6',
  title: 'S3 buckets block all public access (all four public-access-block settings on)',
  rationale:
    'The public access block overrides any ACL or bucket policy that would make objects public, so a ' +
    'mistaken grant cannot expose model files or logs. All four settings are needed (checkov ' +
    'CKV_AWS_53 to CKV_AWS_56 check them one by one).',
  level: 'error',
  fix:
    `add an ${PAB_TYPE} for the bucket with block_public_acls, block_public_policy, ignore_public_acls ` +
    'and restrict_public_buckets all true (or an aws_s3_account_public_access_block with all four)',
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const account = ctx.stack.resources('aws_s3_account_public_access_block');
    if (account.some((a) => missingFlags(a.config).length === 0)) {
      return compliant('blocked account-wide by aws_s3_account_public_access_block');
    }
    const blocks = bucketResources(ctx, PAB_TYPE);
    if (blocks.length === 0) return nonCompliant(noneFound(PAB_TYPE));
    if (blocks.some((b) => missingFlags(b.config).length === 0)) return compliant();
    return nonCompliant(`${PAB_TYPE} leaves ${missingFlags(blocks[0].config).join(', ')} off`);
  },
};
