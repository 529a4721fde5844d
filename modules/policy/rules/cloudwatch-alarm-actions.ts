import { isFalse, strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudwatchAlarmActions: PolicyRule = {
  id: 'MLM-CW-001',
  checkovId: 'CKV_AWS_319',
  title: 'CloudWatch alarms have alarm actions, and actions are enabled',
  rationale:
    'An alarm without an action, or with actions_enabled = false, changes state where nobody sees it: ' +
    'drift or error-rate alarms that notify no one are not alerting.',
  level: 'error',
  fix:
    'set alarm_actions to the alerting SNS topic ARN and leave actions_enabled unset (true); for an ' +
    'alarm that only feeds a composite alarm, suppress MLM-CW-001 with that reason',
  appliesTo: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (isFalse(c.actions_enabled)) return nonCompliant('actions_enabled is false');
    return strings(c.alarm_actions).length > 0 ? compliant() : nonCompliant('alarm_actions is empty');
  },
};
