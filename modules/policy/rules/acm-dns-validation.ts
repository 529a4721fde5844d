import { isNonBlank, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const acmDnsValidation: PolicyRule = {
  id: 'MLM-ACM-004',
  title: 'ACM certificates requested here use DNS validation',
  rationale:
    'ACM renews a DNS-validated certificate by itself for as long as the validation record exists. An ' +
    'e-mail-validated one needs someone to click a link before every renewal, and an expired ' +
    'certificate takes the site down.',
  level: 'warning',
  fix: 'set validation_method = "DNS" and create the validation records (Certificate does both)',
  appliesTo: ['aws_acm_certificate'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (isNonBlank(c.certificate_body)) return notApplicable('imported certificate');
    if (isNonBlank(c.certificate_authority_arn)) return notApplicable('private certificate');
    const method = str(c.validation_method);
    return method === 'DNS' ? compliant() : nonCompliant(`validation_method = ${method ?? 'unset'}`);
  },
};
