import { strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const iamNoUserPolicies: PolicyRule = {
  id: 'MLM-IAM-006',
  checkovId: 'CKV_AWS_40',
  title: 'IAM policies are attached to roles or groups, not directly to users',
  rationale:
    'Per-user grants drift apart and are forgotten when people leave; workloads should use roles and ' +
    'people should get permissions through groups or SSO permission sets.',
  level: 'warning',
  fix: 'attach the policy to a group (and add the user to it) or to a role the user assumes',
  appliesTo: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_policy_attachment'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_iam_policy_attachment') {
      const users = strings(c.users);
      return users.length > 0
        ? nonCompliant(`attaches the policy to users ${users.join(', ')}`)
        : compliant();
    }
    return nonCompliant(`attaches a policy directly to user ${strings(c.user).join('') || '(unknown)'}`);
  },
};
