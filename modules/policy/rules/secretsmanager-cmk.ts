import { str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

/** The AWS managed Secrets Manager key, by alias or alias ARN. */
const AWS_MANAGED_KEY_RE = /(^|:)alias\/aws\/secretsmanager$/;

export const secretsmanagerCmk: PolicyRule = {
  id: 'MLM-SM-001',
  checkovId: 'CKV_AWS_149',
  title: 'Secrets Manager secrets are encrypted with a customer managed KMS key',
  rationale:
    'The AWS managed key aws/secretsmanager lets every principal of the account that may call ' +
    'GetSecretValue decrypt, and its policy cannot be changed (no cross-account sharing, no separate ' +
    'decrypt audit per key). A customer managed key costs about USD 1 per month, so it is a warning.',
  level: 'warning',
  fix: 'set kms_key_id to a customer managed key ARN (Secret creates one by default)',
  appliesTo: ['aws_secretsmanager_secret'],
  check: (ctx) => {
    const key = str(ctx.resource.config.kms_key_id);
    if (key === undefined || key.trim() === '')
      return nonCompliant('kms_key_id is not set (aws/secretsmanager)');
    if (AWS_MANAGED_KEY_RE.test(key)) return nonCompliant(`kms_key_id is the AWS managed key (${key})`);
    return compliant();
  },
};
