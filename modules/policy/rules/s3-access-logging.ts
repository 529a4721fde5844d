import { firstBlock } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule } from '../types';

const LOGGING_TYPE = 'aws_s3_bucket_logging';

export const s3AccessLogging: PolicyRule = {
  id: 'MLM-S3-005',
  checkovId: 'CKV_AWS_18',
  title: 'S3 buckets have server access logging, unless they receive access logs themselves',
  rationale:
    'Server access logs record every request to the bucket (who read or deleted which model file), ' +
    'which CloudTrail management events do not. A bucket that receives access logs is exempt: logging ' +
    'it as well would only log the log deliveries.',
  level: 'error',
  fix:
    `add an ${LOGGING_TYPE} for the bucket with target_bucket set to the log bucket (SecureBucket: ` +
    'accessLogging), or suppress MLM-S3-005 with the reason (e.g. CloudTrail S3 data events cover it)',
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const own = bucketResources(ctx, LOGGING_TYPE);
    const selfTargeted = own.some((l) =>
      ctx.stack.pointsAt(l.config.target_bucket, ctx.resource, ['bucket']),
    );
    if (selfTargeted) {
      return nonCompliant(
        'the bucket delivers its access logs into itself; send them to a separate log bucket',
      );
    }
    if (own.length > 0 || firstBlock(ctx.resource.config.logging)) return compliant();
    const sources = ctx.stack
      .resources(LOGGING_TYPE)
      .filter((l) => ctx.stack.pointsAt(l.config.target_bucket, ctx.resource, ['bucket']));
    if (sources.length > 0) {
      return notApplicable(`receives the access logs of ${sources.map((s) => s.path).join(', ')}`);
    }
    return nonCompliant(noneFound(LOGGING_TYPE));
  },
};
