import { show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoDeletionProtection: PolicyRule = {
  id: 'MLM-COG-005',
  title: 'Cognito user pools have deletion protection (deletion_protection ACTIVE)',
  rationale:
    'Deleting a user pool deletes every account, password and MFA registration with it, with no way ' +
    'back; a replacement forced by a changed argument does the same. The default is INACTIVE.',
  level: 'warning',
  fix: 'set deletion_protection = "ACTIVE" (UserPool: deletionProtection, default true)',
  appliesTo: ['aws_cognito_user_pool'],
  check: (ctx) =>
    str(ctx.resource.config.deletion_protection) === 'ACTIVE'
      ? compliant()
      : nonCompliant(`deletion_protection is ${show(ctx.resource.config.deletion_protection)}`),
};
