import { blocks, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecrKmsEncryption: PolicyRule = {
  id: 'MLM-ECR-003',
  checkovId: 'CKV_AWS_136',
  title: 'ECR repositories are encrypted with KMS',
  rationale:
    'With KMS encryption every use of the key is logged in CloudTrail and a customer managed key can be ' +
    'disabled to lock the images; the default AES256 encryption uses keys nobody can audit or revoke.',
  level: 'warning',
  fix: 'set encryption_configuration { encryption_type = "KMS" } (Repository default; add kms_key for a customer managed key)',
  appliesTo: ['aws_ecr_repository'],
  check: (ctx) => {
    const config = blocks(ctx.resource.config.encryption_configuration)[0];
    const type = str(config?.encryption_type) ?? 'AES256';
    if (!type.startsWith('KMS')) return nonCompliant(`encryption_type is ${type}`);
    return compliant(str(config?.kms_key) ? 'customer managed key' : 'AWS managed key aws/ecr');
  },
};
