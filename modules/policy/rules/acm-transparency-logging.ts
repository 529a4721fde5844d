import { firstBlock, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const acmTransparencyLogging: PolicyRule = {
  id: 'MLM-ACM-002',
  checkovId: 'CKV_AWS_234',
  title: 'ACM certificates are recorded in Certificate Transparency logs',
  rationale:
    'Browsers reject public certificates that are not in CT logs, and CT monitoring is how a domain ' +
    'owner finds certificates issued for their names without their knowledge. Opting out only hides ' +
    'host names, which DNS reveals anyway.',
  level: 'error',
  fix: 'remove options { certificate_transparency_logging_preference = "DISABLED" } (or set it to "ENABLED")',
  appliesTo: ['aws_acm_certificate'],
  check: (ctx) => {
    const pref = str(firstBlock(ctx.resource.config.options)?.certificate_transparency_logging_preference);
    return pref === 'DISABLED'
      ? nonCompliant('certificate_transparency_logging_preference = DISABLED')
      : compliant(pref ? `certificate_transparency_logging_preference = ${pref}` : 'unset: ENABLED');
  },
};
