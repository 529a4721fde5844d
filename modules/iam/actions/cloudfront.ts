/**
 * CloudFront actions behind the grants of the static-site module. CloudFront is a global service:
 * its resources are named `arn:<partition>:cloudfront::<account>:distribution/<id>` (no region).
 */
export const CLOUDFRONT_ACTIONS = {
  /**
   * What a deploy pipeline needs after uploading new files: start an invalidation and wait for it
   * (`aws cloudfront wait invalidation-completed` polls GetInvalidation). Scoped to one
   * distribution ARN.
   */
  invalidate: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
} as const;
