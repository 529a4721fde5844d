import { firstBlock, num, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

/** The shortest password the rule accepts (NIST SP 800-63B's minimum for memorized secrets). */
export const MIN_COGNITO_PASSWORD_LENGTH = 8;

export const cognitoPasswordLength: PolicyRule = {
  id: 'MLM-COG-003',
  title: `Cognito user pools require passwords of at least ${MIN_COGNITO_PASSWORD_LENGTH} characters`,
  rationale:
    'Cognito accepts passwords down to 6 characters, which fall to online guessing; NIST SP 800-63B asks ' +
    `for at least ${MIN_COGNITO_PASSWORD_LENGTH}. Without a password_policy block Cognito uses 8.`,
  level: 'error',
  fix: 'set password_policy { minimum_length = 12 } (UserPool: passwordMinimumLength, default 12)',
  appliesTo: ['aws_cognito_user_pool'],
  check: (ctx) => {
    const policy = firstBlock(ctx.resource.config.password_policy);
    if (policy === undefined) return compliant("no password_policy: Cognito's default of 8");
    if (policy.minimum_length === undefined || policy.minimum_length === null) {
      return compliant("minimum_length unset: Cognito's default of 8");
    }
    const length = num(policy.minimum_length);
    return length !== undefined && length >= MIN_COGNITO_PASSWORD_LENGTH
      ? compliant(`${length} characters`)
      : nonCompliant(`password_policy.minimum_length is ${show(policy.minimum_length)}`);
  },
};
