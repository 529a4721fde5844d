import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const snsTopicEncryption: PolicyRule = {
  id: 'MLM-SNS-001',
  checkovId: 'CKV_AWS_26',
  title: 'SNS topics are encrypted at rest (kms_master_key_id set)',
  rationale:
    'Alert messages carry hostnames, metric values and sometimes payload excerpts; SNS stores them ' +
    'unencrypted unless a KMS key is set.',
  level: 'error',
  fix:
    'set kms_master_key_id; for topics that CloudWatch alarms publish to, use a customer-managed key ' +
    'whose policy allows cloudwatch.amazonaws.com (see MLM-SNS-002)',
  appliesTo: ['aws_sns_topic'],
  check: (ctx) =>
    isNonBlank(ctx.resource.config.kms_master_key_id)
      ? compliant()
      : nonCompliant('kms_master_key_id is not set'),
};
