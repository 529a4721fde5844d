import { firstBlock, isTrue } from '../json';
import { fromProblems, nonCompliant } from '../outcome';
import { webAclRules } from '../wafv2';
import { PolicyRule } from '../types';

export const wafv2Visibility: PolicyRule = {
  id: 'MLM-WAF-004',
  title: 'WAFv2 web ACLs and each of their rules publish metrics and sample requests',
  rationale:
    'Per-rule CloudWatch metrics show which rule blocks how much (the basis of alarms and of tuning), and ' +
    'sampled requests show what a blocked request looked like without digging through logs.',
  level: 'warning',
  fix: 'set visibility_config { cloudwatch_metrics_enabled = true, sampled_requests_enabled = true } on the web ACL and every rule',
  appliesTo: ['aws_wafv2_web_acl'],
  check: (ctx) => {
    const read = webAclRules(ctx.resource.config);
    if (!read.ok) return nonCompliant(`rules can't be checked: ${read.reason}`);
    const problems: string[] = [];
    const acl = firstBlock(ctx.resource.config.visibility_config);
    if (!isTrue(acl?.cloudwatch_metrics_enabled) || !isTrue(acl?.sampled_requests_enabled)) {
      problems.push('the web ACL visibility_config turns metrics or sampled requests off');
    }
    for (const r of read.rules) {
      if (!r.metricsEnabled || !r.sampledRequestsEnabled)
        problems.push(`rule ${r.name} turns metrics or sampled requests off`);
    }
    return fromProblems(problems);
  },
};
