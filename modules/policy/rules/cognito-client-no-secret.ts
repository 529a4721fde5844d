import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoClientNoSecret: PolicyRule = {
  id: 'MLM-COG-007',
  title: 'Cognito app clients created by Terraform have no client secret (generate_secret not true)',
  rationale:
    'Cognito returns a generated client secret as the client_secret attribute, which Terraform keeps in ' +
    'plain text in its state: anyone who can read the state can act as the client (client-credentials ' +
    'tokens). Public clients (SRP, PKCE) need no secret; machine callers can use IAM (SigV4) instead.',
  level: 'error',
  fix: 'remove generate_secret (UserPoolClient never sets it); for machine-to-machine calls use IAM authorization',
  appliesTo: ['aws_cognito_user_pool_client'],
  check: (ctx) =>
    isTrue(ctx.resource.config.generate_secret)
      ? nonCompliant('generate_secret is true: the secret is stored in Terraform state')
      : compliant(),
};
