import { blocks, firstBlock, isFalse } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { Json, PolicyRule, RuleContext, TfBlock } from '../types';

const LOGGING_TYPE = 'aws_s3_bucket_logging';

/**
 * Resources that deliver logs into a bucket, and where they name it: a bucket any of these point
 * at receives logs and is exempt. `block` is a nested block (its `enabled` must not be false).
 */
export const LOG_DELIVERY_SOURCES: readonly { type: string; block?: string; attribute: string }[] = [
  { type: LOGGING_TYPE, attribute: 'target_bucket' },
  { type: 'aws_lb', block: 'access_logs', attribute: 'bucket' },
  { type: 'aws_lb', block: 'connection_logs', attribute: 'bucket' },
  { type: 'aws_alb', block: 'access_logs', attribute: 'bucket' },
];

/** The values that name a destination bucket in one resource of a log-delivery source. */
function destinations(resource: TfBlock, block: string | undefined, attribute: string): Json[] {
  if (block === undefined) return [resource.config[attribute]];
  return blocks(resource.config[block])
    .filter((b) => !isFalse(b.enabled))
    .map((b) => b[attribute]);
}

/** Paths of the resources that deliver logs into the bucket being checked. */
function logSources(ctx: RuleContext): string[] {
  const found: string[] = [];
  for (const source of LOG_DELIVERY_SOURCES) {
    for (const r of ctx.stack.resources(source.type)) {
      const hit = destinations(r, source.block, source.attribute).some((d) =>
        ctx.stack.pointsAt(d, ctx.resource, ['bucket']),
      );
      if (hit && !found.includes(r.path)) found.push(r.path);
    }
  }
  return found;
}

export const s3AccessLogging: PolicyRule = {
  id: 'MLM-S3-005',
  checkovId: 'CKV_AWS_18',
  title: 'S3 buckets have server access logging, unless they receive access logs themselves',
  rationale:
    'Server access logs record every request to the bucket (who read or deleted which model file), ' +
    'which CloudTrail management events do not. A bucket that receives logs (S3 server access logs, ' +
    'load balancer access or connection logs) is exempt: logging it as well would only log the log ' +
    'deliveries.',
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
    const sources = logSources(ctx);
    if (sources.length > 0) {
      return notApplicable(`receives the logs of ${sources.join(', ')}`);
    }
    return nonCompliant(noneFound(LOGGING_TYPE));
  },
};
