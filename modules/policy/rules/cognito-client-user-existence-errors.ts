import { show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoClientUserExistenceErrors: PolicyRule = {
  id: 'MLM-COG-006',
  title: 'Cognito app clients hide whether a user exists (prevent_user_existence_errors ENABLED)',
  rationale:
    'With LEGACY errors, sign-in, confirmation and password-reset answers differ for unknown users, ' +
    'which lets anyone enumerate the accounts of the pool before guessing their passwords.',
  level: 'warning',
  fix: 'set prevent_user_existence_errors = "ENABLED" (UserPoolClient does)',
  appliesTo: ['aws_cognito_user_pool_client'],
  check: (ctx) =>
    str(ctx.resource.config.prevent_user_existence_errors) === 'ENABLED'
      ? compliant()
      : nonCompliant(
          `prevent_user_existence_errors is ${show(ctx.resource.config.prevent_user_existence_errors)}`,
        ),
};
