import { fromProblems, nonCompliant } from '../outcome';
import { webAclRules } from '../wafv2';
import { PolicyRule } from '../types';

export const wafv2RuleActions: PolicyRule = {
  id: 'MLM-WAF-003',
  checkovId: 'CKV_AWS_342',
  title: 'Every WAFv2 rule has an action (action, or override_action for rule groups)',
  rationale:
    'A rule without an action does nothing, and the WAF API rejects it at apply time; a managed rule ' +
    'group needs override_action (none to enforce its own actions, count to observe).',
  level: 'error',
  fix: 'give each rule action { block {} } (or count, captcha, challenge, allow), and each rule group override_action { none {} }',
  appliesTo: ['aws_wafv2_web_acl'],
  check: (ctx) => {
    const read = webAclRules(ctx.resource.config);
    if (!read.ok) return nonCompliant(`rules can't be checked: ${read.reason}`);
    return fromProblems(
      read.rules
        .filter((r) => (r.managedGroup ? r.overrideAction === undefined : r.action === undefined))
        .map((r) => `rule ${r.name} has no ${r.managedGroup ? 'override_action' : 'action'}`),
    );
  },
};
