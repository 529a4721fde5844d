import { str, strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const acmNoWildcard: PolicyRule = {
  id: 'MLM-ACM-003',
  checkovId: 'CKV2_AWS_71',
  title: 'ACM certificates name hosts, not wildcards',
  rationale:
    'The key of a wildcard certificate can impersonate every host under the domain, including ones ' +
    'that do not exist yet; a certificate per service limits what one leaked key or misused listener ' +
    'exposes. ACM certificates are free, so naming hosts costs nothing but the list.',
  level: 'warning',
  fix: 'list the host names (subject_alternative_names) instead of "*.<domain>", or suppress MLM-ACM-003 with the reason',
  appliesTo: ['aws_acm_certificate'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const names = [str(c.domain_name), ...strings(c.subject_alternative_names)].filter(
      (n): n is string => n !== undefined,
    );
    const wildcards = names.filter((n) => n.includes('*'));
    return wildcards.length > 0 ? nonCompliant(`wildcard names: ${wildcards.join(', ')}`) : compliant();
  },
};
