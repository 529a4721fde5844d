import { isNonBlank } from '../json';
import { cacheBehaviors } from '../cloudfront';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontResponseHeadersPolicy: PolicyRule = {
  id: 'MLM-CF-005',
  checkovId: 'CKV2_AWS_32',
  title: 'CloudFront cache behaviors attach a response headers policy',
  rationale:
    'A response headers policy is where HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy ' +
    'and a Content-Security-Policy are added at the edge; an S3 origin cannot send them itself.',
  level: 'warning',
  fix:
    'set response_headers_policy_id on every cache behavior (an aws_cloudfront_response_headers_policy, ' +
    'or the managed SecurityHeadersPolicy 67f7725c-6f97-4210-82d7-5512b31e9d03)',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) =>
    fromProblems(
      cacheBehaviors(ctx.resource.config)
        .filter((b) => !isNonBlank(b.config.response_headers_policy_id))
        .map((b) => `${b.label} has no response_headers_policy_id`),
    ),
};
