import { compliant, nonCompliant } from '../outcome';
import { webAclRules } from '../wafv2';
import { PolicyRule } from '../types';
import { LOG4J_RULES } from '../../waf/managed-rule-groups';

const GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

export const wafv2Log4jProtection: PolicyRule = {
  id: 'MLM-WAF-002',
  checkovId: 'CKV_AWS_192',
  title: 'WAFv2 web ACLs block Log4j message lookups (KnownBadInputs rule set enforced)',
  rationale:
    'Log4Shell (CVE-2021-44228) probes still arrive daily. The AWS KnownBadInputs rule set blocks the ' +
    'lookup patterns in headers, query strings, bodies and paths, but only when it is evaluated with ' +
    'override_action none and its Log4JRCE rules are not overridden to count.',
  level: 'error',
  fix: `add a rule with managed_rule_group_statement ${GROUP} (vendor AWS), override_action { none {} }, and no count override of ${LOG4J_RULES.join(', ')}`,
  appliesTo: ['aws_wafv2_web_acl'],
  check: (ctx) => {
    const read = webAclRules(ctx.resource.config);
    if (!read.ok) return nonCompliant(`rules can't be checked: ${read.reason}`);
    const rule = read.rules.find((r) => r.managedGroup?.vendor === 'AWS' && r.managedGroup.name === GROUP);
    if (!rule) return nonCompliant(`no rule evaluates ${GROUP}`);
    if (rule.overrideAction === 'count')
      return nonCompliant(`rule ${rule.name} only counts (override_action count)`);
    const weakened = (rule.managedGroup?.overrides ?? [])
      .filter((o) => LOG4J_RULES.includes(o.name) || o.name === 'Log4JRCE')
      .filter((o) => o.action !== 'block')
      .map((o) => o.name);
    if (weakened.length > 0)
      return nonCompliant(`rule ${rule.name} overrides ${weakened.join(', ')} to count or allow`);
    return compliant();
  },
};
