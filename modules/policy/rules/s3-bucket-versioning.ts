import { firstBlock, isTrue, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule } from '../types';

const VERSIONING_TYPE = 'aws_s3_bucket_versioning';

export const s3BucketVersioning: PolicyRule = {
  id: 'MLM-S3-002',
  checkovId: 'CKV_AWS_21',
  title: 'S3 buckets have versioning enabled',
  rationale:
    'Versioning keeps every overwritten or deleted object recoverable (model files, reports, Terraform ' +
    'state), and replication requires it.',
  level: 'error',
  fix: `add an ${VERSIONING_TYPE} for the bucket with versioning_configuration { status = "Enabled" }`,
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const statuses = bucketResources(ctx, VERSIONING_TYPE).map(
      (v) => firstBlock(v.config.versioning_configuration)?.status,
    );
    if (statuses.includes('Enabled')) return compliant();
    if (isTrue(firstBlock(ctx.resource.config.versioning)?.enabled))
      return compliant('inline versioning block');
    if (statuses.length === 0) return nonCompliant(noneFound(VERSIONING_TYPE));
    return nonCompliant(`versioning status is ${statuses.map((s) => show(s)).join(', ')}, not "Enabled"`);
  },
};
