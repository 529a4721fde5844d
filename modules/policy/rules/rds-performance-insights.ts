import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const rdsPerformanceInsights: PolicyRule = {
  id: 'MLM-RDS-010',
  checkovId: 'CKV_AWS_353',
  title: 'RDS instances have Performance Insights enabled',
  rationale:
    'Performance Insights records database load by wait event and query; without it a slowdown can ' +
    'only be investigated while it happens. Seven days of history are free.',
  level: 'warning',
  fix: 'set performance_insights_enabled = true (performance_insights_retention_period = 7 is free)',
  appliesTo: ['aws_db_instance'],
  check: (ctx) =>
    isTrue(ctx.resource.config.performance_insights_enabled)
      ? compliant()
      : nonCompliant('performance_insights_enabled is not true'),
};
