import { compliant, nonCompliant } from '../outcome';
import { webAclRules } from '../wafv2';
import { PolicyRule } from '../types';

export const wafv2RateLimit: PolicyRule = {
  id: 'MLM-WAF-005',
  title: 'WAFv2 web ACLs have a rate-based rule that blocks',
  rationale:
    'Managed rule groups match known-bad requests; only a rate-based rule stops one address from sending ' +
    'thousands of well-formed ones (credential stuffing, scraping, application-layer floods).',
  level: 'warning',
  fix: 'add a rule with a rate_based_statement (e.g. limit 2000 per 300 seconds, aggregate_key_type IP) and action { block {} }',
  appliesTo: ['aws_wafv2_web_acl'],
  check: (ctx) => {
    const read = webAclRules(ctx.resource.config);
    if (!read.ok) return nonCompliant(`rules can't be checked: ${read.reason}`);
    const rate = read.rules.filter((r) => r.rateBased);
    if (rate.length === 0) return nonCompliant('no rate-based rule');
    return rate.some((r) => r.action === 'block')
      ? compliant()
      : nonCompliant(`rate-based rule ${rate[0].name} does not block (action ${rate[0].action ?? 'unset'})`);
  },
};
