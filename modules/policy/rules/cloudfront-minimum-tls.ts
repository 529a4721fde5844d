import { firstBlock, str } from '../json';
import { usesDefaultCertificate } from '../cloudfront';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

/** TLSv1.2_2021 and the newer TLS 1.2/1.3 policies (2018 and 2019 still allow CBC-SHA ciphers). */
const STRONG_RE = /^TLSv1\.[23]_20(2[1-9]|[3-9]\d)$/;

export const cloudfrontMinimumTls: PolicyRule = {
  id: 'MLM-CF-002',
  checkovId: 'CKV_AWS_174',
  title: 'CloudFront distributions with their own certificate require TLSv1.2_2021 or newer',
  rationale:
    'Older security policies accept TLS 1.0/1.1 or CBC ciphers with SHA-1, which downgrade attacks and ' +
    'compliance scans (PCI DSS) reject. Distributions on the default *.cloudfront.net certificate cannot ' +
    'set a policy; MLM-CF-009 covers them.',
  level: 'error',
  fix: 'set viewer_certificate.minimum_protocol_version = "TLSv1.2_2021"',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) => {
    if (usesDefaultCertificate(ctx.resource.config)) {
      return notApplicable("default certificate: TLS is at CloudFront's default (TLSv1) and can't be raised");
    }
    const version = str(firstBlock(ctx.resource.config.viewer_certificate)?.minimum_protocol_version);
    if (version !== undefined && STRONG_RE.test(version)) return compliant(version);
    return nonCompliant(`minimum_protocol_version is ${version ?? 'unset (TLSv1)'}`);
  },
};
