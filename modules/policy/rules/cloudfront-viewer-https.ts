import { str } from '../json';
import { cacheBehaviors } from '../cloudfront';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';

const SECURE = ['redirect-to-https', 'https-only'];

export const cloudfrontViewerHttps: PolicyRule = {
  id: 'MLM-CF-001',
  checkovId: 'CKV_AWS_34',
  title: 'CloudFront cache behaviors require HTTPS from viewers',
  rationale:
    'With allow-all, pages, cookies and tokens travel in clear text between the browser and the edge, ' +
    'and anyone on the path can read or rewrite them. Redirecting keeps old http:// links working.',
  level: 'error',
  fix: 'set viewer_protocol_policy = "redirect-to-https" (or "https-only") on every cache behavior',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) =>
    fromProblems(
      cacheBehaviors(ctx.resource.config)
        .filter((b) => !SECURE.includes(str(b.config.viewer_protocol_policy) ?? ''))
        .map(
          (b) =>
            `${b.label} has viewer_protocol_policy ${JSON.stringify(b.config.viewer_protocol_policy ?? null)}`,
        ),
    ),
};
