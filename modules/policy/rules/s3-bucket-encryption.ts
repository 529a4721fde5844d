import { blocks, firstBlock, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule } from '../types';

const ALGORITHMS: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse'];
const SSE_TYPE = 'aws_s3_bucket_server_side_encryption_configuration';

export const s3BucketEncryption: PolicyRule = {
  id: 'MLM-S3-001',
  checkovId: 'CKV_AWS_19',
  title: 'S3 buckets have a default server-side encryption configuration',
  rationale:
    'S3 has applied SSE-S3 to new objects since January 2023 even without configuration, but only an ' +
    'explicit configuration makes the choice (SSE-S3 or SSE-KMS) reviewable in code, keeps it from ' +
    'drifting in the console, and is where a KMS key is set.',
  level: 'error',
  fix:
    `add an ${SSE_TYPE} for the bucket with sse_algorithm "AES256" or "aws:kms" ` +
    '(SecureBucket in modules/s3 does this)',
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const configs = bucketResources(ctx, SSE_TYPE).map((c) => c.config.rule);
    const inline = firstBlock(ctx.resource.config.server_side_encryption_configuration);
    if (inline) configs.push(inline.rule);
    if (configs.length === 0) return nonCompliant(noneFound(SSE_TYPE));
    const algorithms = configs.flatMap((rule) =>
      blocks(rule).map((r) => str(firstBlock(r.apply_server_side_encryption_by_default)?.sse_algorithm)),
    );
    const good = algorithms.find((a) => a !== undefined && ALGORITHMS.includes(a));
    if (good) return compliant(`sse_algorithm = ${good}`);
    return nonCompliant(
      `the encryption configuration sets no valid sse_algorithm (found ${
        algorithms.map((a) => a ?? 'none').join(', ') || 'no rule'
      }; expected one of ${ALGORITHMS.join(', ')})`,
    );
  },
};
