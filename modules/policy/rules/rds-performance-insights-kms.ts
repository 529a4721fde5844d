import { isNonBlank, isTrue } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const rdsPerformanceInsightsKms: PolicyRule = {
  id: 'MLM-RDS-011',
  checkovId: 'CKV_AWS_354',
  title: 'RDS Performance Insights data is encrypted with a customer managed KMS key',
  rationale:
    'Performance Insights stores query text, which can contain data. It is always encrypted; a ' +
    'customer managed key adds a key policy that decides who can read it and a CloudTrail record of ' +
    'each use. A key costs about USD 1 per month, so it is a warning.',
  level: 'warning',
  fix: 'set performance_insights_kms_key_id to a customer managed key ARN (the storage key works)',
  appliesTo: ['aws_db_instance'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (!isTrue(c.performance_insights_enabled)) return notApplicable('Performance Insights is off');
    return isNonBlank(c.performance_insights_kms_key_id)
      ? compliant()
      : nonCompliant('performance_insights_kms_key_id is not set (the AWS managed key aws/rds is used)');
  },
};
