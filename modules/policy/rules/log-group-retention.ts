import { num, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const logGroupRetention: PolicyRule = {
  id: 'MLM-LOG-001',
  checkovId: 'CKV_AWS_66',
  title: 'CloudWatch log groups set a retention period',
  rationale:
    'Without retention_in_days (or with 0) log events are kept, and billed, forever; retention is also ' +
    'how a data-retention policy is enforced.',
  level: 'error',
  fix: 'set retention_in_days to an accepted value (e.g. 30 for dev, 365 for prod; see LOG_RETENTION_DAYS)',
  appliesTo: ['aws_cloudwatch_log_group'],
  check: (ctx) => {
    const days = num(ctx.resource.config.retention_in_days);
    if (days !== undefined && days > 0) return compliant(`${days} days`);
    return nonCompliant(
      `retention_in_days is ${show(ctx.resource.config.retention_in_days)}, so events never expire`,
    );
  },
};
