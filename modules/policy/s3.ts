/** Shared lookups for S3 rules. */
import { RuleContext, TfBlock } from './types';

/**
 * Resources of `type` that configure the bucket being checked, found by their `bucket` argument:
 * a reference to the bucket (`${aws_s3_bucket.b.id}` or `.bucket`) or its literal name.
 */
export function bucketResources(ctx: RuleContext, type: string): readonly TfBlock[] {
  return ctx.stack.attachedTo(ctx.resource, type, 'bucket', ['bucket']);
}

/** "no <type> points at this bucket": the detail when a bucket's companion resource is missing. */
export function noneFound(type: string): string {
  return `no ${type} points at this bucket`;
}
