import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudtrailKmsEncryption: PolicyRule = {
  id: 'MLM-CT-003',
  checkovId: 'CKV_AWS_35',
  title: 'CloudTrail log files are encrypted with a KMS key',
  rationale:
    'With SSE-KMS, reading the audit log needs kms:Decrypt on the trail key as well as s3:GetObject, ' +
    'and every decryption is itself logged; with the default SSE-S3, read access to the bucket is enough.',
  level: 'error',
  fix: 'set kms_key_id to a key whose policy lets cloudtrail.amazonaws.com encrypt for the trail (Trail creates one)',
  appliesTo: ['aws_cloudtrail'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.kms_key_id) ? compliant() : nonCompliant('kms_key_id is not set'),
};
