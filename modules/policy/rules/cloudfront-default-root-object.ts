import { isNonBlank, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontDefaultRootObject: PolicyRule = {
  id: 'MLM-CF-006',
  checkovId: 'CKV_AWS_305',
  title: 'CloudFront distributions set a default root object',
  rationale:
    'Without it a request for "/" is passed to the origin as is; an S3 origin that allows listing then ' +
    'returns the bucket listing, and one that does not returns an error instead of the home page.',
  level: 'warning',
  fix: 'set default_root_object = "index.html"',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.default_root_object)
      ? compliant(str(ctx.resource.config.default_root_object))
      : nonCompliant('default_root_object is not set'),
};
