import { blocks, firstBlock, isNonBlank, str } from '../json';
import { s3OriginKind } from '../cloudfront';
import { compliant, fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontS3OriginAccess: PolicyRule = {
  id: 'MLM-CF-008',
  checkovId: 'CKV2_AWS_46',
  title: 'CloudFront S3 origins are private and read through origin access control',
  rationale:
    'With an origin access control, CloudFront signs its requests and the bucket policy can allow only ' +
    'this distribution, so the bucket stays private. A website endpoint or an unsigned REST origin ' +
    'needs a public bucket, which lets anyone bypass the CDN, its WAF and its headers. The legacy origin ' +
    'access identity passes (it keeps the bucket private) with a note.',
  level: 'error',
  fix:
    'use the bucket REST endpoint (bucket_regional_domain_name) with origin_access_control_id set to an ' +
    'aws_cloudfront_origin_access_control (origin type s3, signing always, sigv4)',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) => {
    const s3 = blocks(ctx.resource.config.origin)
      .map((o) => ({ o, kind: s3OriginKind(o, ctx.stack) }))
      .filter((x) => x.kind !== 'none');
    if (s3.length === 0) return notApplicable('no S3 origin');
    const problems: string[] = [];
    let legacy = false;
    for (const { o, kind } of s3) {
      const id = str(o.origin_id) ?? '(no id)';
      if (kind === 'website') {
        problems.push(`origin ${id} is an S3 website endpoint (the bucket must be public)`);
      } else if (!isNonBlank(o.origin_access_control_id)) {
        if (isNonBlank(firstBlock(o.s3_origin_config)?.origin_access_identity)) legacy = true;
        else problems.push(`origin ${id} has no origin_access_control_id`);
      }
    }
    if (problems.length > 0) return fromProblems(problems);
    return compliant(legacy ? 'legacy origin access identity; prefer origin access control' : undefined);
  },
};
