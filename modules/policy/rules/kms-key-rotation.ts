import { isTrue, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const kmsKeyRotation: PolicyRule = {
  id: 'MLM-KMS-001',
  checkovId: 'CKV_AWS_7',
  title: 'Symmetric customer-managed KMS keys have automatic rotation enabled',
  rationale:
    'Yearly rotation limits how much data one key version protects, with no change for callers; AWS ' +
    'supports it only for symmetric encryption keys.',
  level: 'error',
  fix: 'set enable_key_rotation = true',
  appliesTo: ['aws_kms_key'],
  check: (ctx) => {
    const spec = str(ctx.resource.config.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT';
    const usage = str(ctx.resource.config.key_usage) ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') {
      return notApplicable(`${spec} / ${usage} keys can't rotate automatically`);
    }
    return isTrue(ctx.resource.config.enable_key_rotation)
      ? compliant()
      : nonCompliant('enable_key_rotation is not true');
  },
};
