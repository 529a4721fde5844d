import { isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudtrailCloudwatchLogs: PolicyRule = {
  id: 'MLM-CT-004',
  checkovId: 'CKV2_AWS_10',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  rationale:
    'Events in CloudWatch Logs can drive metric filters and alarms within minutes (root sign-ins, IAM ' +
    'policy changes, trail changes); events only in S3 are found when someone looks.',
  level: 'warning',
  fix: 'set cloud_watch_logs_group_arn ("<log group ARN>:*") and cloud_watch_logs_role_arn (Trail: cloudWatchLogs, on by default)',
  appliesTo: ['aws_cloudtrail'],
  check: (ctx) => {
    const group = ctx.resource.config.cloud_watch_logs_group_arn;
    const role = ctx.resource.config.cloud_watch_logs_role_arn;
    if (isNonBlank(group) && isNonBlank(role)) return compliant();
    if (isNonBlank(group))
      return nonCompliant('cloud_watch_logs_role_arn is not set, so nothing is delivered');
    return nonCompliant('cloud_watch_logs_group_arn is not set');
  },
};
