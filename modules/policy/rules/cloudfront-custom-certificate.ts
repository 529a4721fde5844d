import { usesDefaultCertificate } from '../cloudfront';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontCustomCertificate: PolicyRule = {
  id: 'MLM-CF-009',
  title: 'CloudFront distributions serve their own domain and certificate',
  rationale:
    "On the default *.cloudfront.net certificate TLS is at CloudFront's default: the minimum protocol is " +
    'TLSv1 and cannot be raised (checkov CKV_AWS_174 fails it), and the site address changes whenever ' +
    'the distribution is replaced. Fine for a preview environment, hence a warning.',
  level: 'warning',
  fix:
    'set aliases and viewer_certificate.acm_certificate_arn (a us-east-1 ACM certificate) with ' +
    'minimum_protocol_version "TLSv1.2_2021" (StaticSite: domain)',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) =>
    usesDefaultCertificate(ctx.resource.config)
      ? nonCompliant("uses the default *.cloudfront.net certificate: TLS is at CloudFront's default (TLSv1)")
      : compliant(),
};
