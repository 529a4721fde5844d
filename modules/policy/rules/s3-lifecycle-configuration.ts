import { blocks } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule } from '../types';

const LIFECYCLE_TYPE = 'aws_s3_bucket_lifecycle_configuration';

export const s3LifecycleConfiguration: PolicyRule = {
  id: 'MLM-S3-006',
  checkovId: 'CKV2_AWS_61',
  title:
    'S3 buckets have a lifecycle configuration with an enabled rule that aborts incomplete multipart uploads',
  rationale:
    'Without lifecycle rules, noncurrent versions and the parts of failed multipart uploads are kept ' +
    '(and billed) forever; an abort rule is the cheapest one to have (checkov CKV_AWS_300).',
  level: 'warning',
  fix:
    `add an ${LIFECYCLE_TYPE} for the bucket with an enabled rule that has ` +
    'abort_incomplete_multipart_upload { days_after_initiation = 7 } (SecureBucket adds one)',
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const configs = bucketResources(ctx, LIFECYCLE_TYPE);
    if (configs.length === 0) return nonCompliant(noneFound(LIFECYCLE_TYPE));
    const enabled = configs.flatMap((c) => blocks(c.config.rule)).filter((r) => r.status === 'Enabled');
    if (enabled.length === 0)
      return nonCompliant('the lifecycle configuration has no rule with status "Enabled"');
    if (!enabled.some((r) => blocks(r.abort_incomplete_multipart_upload).length > 0)) {
      return nonCompliant('no enabled lifecycle rule sets abort_incomplete_multipart_upload');
    }
    return compliant();
  },
};
