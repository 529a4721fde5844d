import { show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoMfa: PolicyRule = {
  id: 'MLM-COG-001',
  title: 'Cognito user pools use multi-factor authentication (mfa_configuration ON or OPTIONAL)',
  rationale:
    'With MFA off, a phished, reused or leaked password is the whole account, and every API route that ' +
    "trusts the pool's tokens trusts whoever holds it. The pool default is OFF.",
  level: 'error',
  fix: 'set mfa_configuration = "ON" (or "OPTIONAL") with software_token_mfa_configuration { enabled = true } (UserPool: mfa, default "required")',
  appliesTo: ['aws_cognito_user_pool'],
  check: (ctx) => {
    const mode = str(ctx.resource.config.mfa_configuration);
    return mode === 'ON' || mode === 'OPTIONAL'
      ? compliant(mode)
      : nonCompliant(`mfa_configuration is ${show(ctx.resource.config.mfa_configuration)}`);
  },
};
