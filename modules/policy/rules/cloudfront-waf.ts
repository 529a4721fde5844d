import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontWaf: PolicyRule = {
  id: 'MLM-CF-004',
  checkovId: 'CKV_AWS_68',
  title: 'CloudFront distributions are protected by a WAF web ACL',
  rationale:
    'A web ACL at the edge blocks known exploit patterns, reputation-listed addresses and floods before ' +
    'they reach the cache or the origin. It costs about USD 5 a month plus USD 1 per rule and USD 0.60 ' +
    'per million requests, so for a small static site it is a judgement call: a warning.',
  level: 'warning',
  fix: "set web_acl_id to the ARN of a CLOUDFRONT-scope web ACL (WebAcl with scope 'CLOUDFRONT'; StaticSite's webAclArn)",
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.web_acl_id) ? compliant() : nonCompliant('web_acl_id is not set'),
};
