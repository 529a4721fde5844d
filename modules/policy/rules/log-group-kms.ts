import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const logGroupKms: PolicyRule = {
  id: 'MLM-LOG-002',
  checkovId: 'CKV_AWS_158',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
  rationale:
    'CloudWatch Logs always encrypts at rest; a customer-managed key adds a key policy that decides ' +
    'who can read the logs and a CloudTrail record of every decrypt. It costs about USD 1 per key per ' +
    'month, so it is a warning.',
  level: 'warning',
  fix:
    'set kms_key_id to a KMS key whose policy allows logs.<region>.amazonaws.com, or suppress ' +
    'MLM-LOG-002 with the reason',
  appliesTo: ['aws_cloudwatch_log_group'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.kms_key_id) ? compliant() : nonCompliant('kms_key_id is not set'),
};
