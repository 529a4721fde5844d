import { str } from '../json';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontOacSigning: PolicyRule = {
  id: 'MLM-CF-010',
  title: 'CloudFront origin access controls always sign requests with SigV4',
  rationale:
    'With signing_behavior "never" the origin gets anonymous requests, so the bucket must be public; ' +
    'with "no-override" a viewer\'s own Authorization header is forwarded unsigned instead. "always" ' +
    "makes every origin request carry the distribution's signature, which the bucket policy checks.",
  level: 'error',
  fix: 'set signing_behavior = "always" and signing_protocol = "sigv4"',
  appliesTo: ['aws_cloudfront_origin_access_control'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const problems: string[] = [];
    if (str(c.signing_behavior) !== 'always')
      problems.push(`signing_behavior is ${JSON.stringify(c.signing_behavior ?? null)}`);
    if (str(c.signing_protocol) !== 'sigv4')
      problems.push(`signing_protocol is ${JSON.stringify(c.signing_protocol ?? null)}`);
    return fromProblems(problems);
  },
};
