/** Shared readers for CloudFront rules. */
import { blocks, firstBlock, isTrue, str } from './json';
import { JsonObject, StackView, TfBlock } from './types';

/** One cache behavior with a label for messages (`default_cache_behavior`, `ordered_cache_behavior "/api/*"`). */
export interface CacheBehavior {
  readonly label: string;
  readonly config: JsonObject;
}

/** The default and every ordered cache behavior of a distribution. */
export function cacheBehaviors(distribution: JsonObject): CacheBehavior[] {
  const out: CacheBehavior[] = [];
  const def = firstBlock(distribution.default_cache_behavior);
  if (def) out.push({ label: 'default_cache_behavior', config: def });
  blocks(distribution.ordered_cache_behavior).forEach((b, i) =>
    out.push({
      label: `ordered_cache_behavior ${typeof b.path_pattern === 'string' ? `"${b.path_pattern}"` : `#${i + 1}`}`,
      config: b,
    }),
  );
  return out;
}

/** True when the distribution uses CloudFront's default `*.cloudfront.net` certificate. */
export function usesDefaultCertificate(distribution: JsonObject): boolean {
  const vc = firstBlock(distribution.viewer_certificate);
  if (!vc) return true;
  return (
    isTrue(vc.cloudfront_default_certificate) ||
    (str(vc.acm_certificate_arn) === undefined && str(vc.iam_certificate_id) === undefined)
  );
}

/** S3 REST endpoints (`<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3.amazonaws.com`). */
const S3_REST_DOMAIN_RE = /\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
/** S3 website endpoints (`<bucket>.s3-website-<region>.amazonaws.com`, `.s3-website.<region>...`). */
const S3_WEBSITE_DOMAIN_RE = /\.s3-website[.-]/;

/** How an origin reaches S3, if it does. */
export type S3OriginKind = 'rest' | 'website' | 'none';

/**
 * Whether an origin is an S3 bucket: its domain refers to an `aws_s3_bucket` (regional domain name)
 * or an `aws_s3_bucket_website_configuration`, or is a literal S3 endpoint.
 */
export function s3OriginKind(origin: JsonObject, stack: StackView): S3OriginKind {
  const domain = origin.domain_name;
  const refs: readonly TfBlock[] = stack.referencedIn(domain);
  if (refs.some((r) => r.type === 'aws_s3_bucket_website_configuration')) return 'website';
  if (typeof domain === 'string' && S3_WEBSITE_DOMAIN_RE.test(domain)) return 'website';
  if (refs.some((r) => r.type === 'aws_s3_bucket')) return 'rest';
  if (typeof domain === 'string' && S3_REST_DOMAIN_RE.test(domain)) return 'rest';
  return 'none';
}
