import { firstBlock, show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoThreatProtection: PolicyRule = {
  id: 'MLM-COG-002',
  title: 'Cognito user pools enforce threat protection (advanced_security_mode ENFORCED)',
  rationale:
    'Threat protection blocks sign-ins with credentials known to be leaked and challenges risky ones ' +
    '(new device, impossible travel); AUDIT only records the risk. It needs the Plus feature plan ' +
    '(USD 0.02 per monthly active user).',
  level: 'warning',
  fix: 'set user_pool_tier = "PLUS" and user_pool_add_ons { advanced_security_mode = "ENFORCED" } (UserPool: threatProtection, default "enforced")',
  appliesTo: ['aws_cognito_user_pool'],
  check: (ctx) => {
    const mode = str(firstBlock(ctx.resource.config.user_pool_add_ons)?.advanced_security_mode);
    return mode === 'ENFORCED' ? compliant() : nonCompliant(`advanced_security_mode is ${show(mode)}`);
  },
};
