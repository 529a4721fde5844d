import { isNonBlank } from '../json';
import { fromProblems } from '../outcome';
import { SECURITY_GROUP_TYPES, securityGroupRules } from '../security-group-rules';
import { PolicyRule } from '../types';

export const sgRuleDescriptions: PolicyRule = {
  id: 'MLM-SG-005',
  checkovId: 'CKV_AWS_23',
  title: 'Security groups and every security group rule have a description',
  rationale:
    'A description says why a port is open and for whom; without it nobody dares to remove a stale ' +
    'rule. An unset group description becomes "Managed by Terraform".',
  level: 'error',
  fix: 'set description on the security group and on each ingress/egress rule (e.g. "Grafana from the ALB")',
  appliesTo: SECURITY_GROUP_TYPES,
  check: (ctx) => {
    const problems: string[] = [];
    if (ctx.resource.type === 'aws_security_group' && !isNonBlank(ctx.resource.config.description)) {
      problems.push('the security group has no description');
    }
    for (const rule of securityGroupRules(ctx.resource)) {
      if (!isNonBlank(rule.description)) problems.push(`${rule.label} has no description`);
    }
    return fromProblems(problems);
  },
};
