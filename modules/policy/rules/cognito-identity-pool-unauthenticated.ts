import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cognitoIdentityPoolUnauthenticated: PolicyRule = {
  id: 'MLM-COG-004',
  checkovId: 'CKV_AWS_366',
  title: 'Cognito identity pools allow no unauthenticated (guest) identities',
  rationale:
    "A guest identity gives AWS credentials of the pool's unauthenticated role to anyone on the " +
    'internet who knows the pool id, which ships inside every web app that uses it.',
  level: 'error',
  fix: 'set allow_unauthenticated_identities = false',
  appliesTo: ['aws_cognito_identity_pool'],
  check: (ctx) =>
    isTrue(ctx.resource.config.allow_unauthenticated_identities)
      ? nonCompliant('allow_unauthenticated_identities is true')
      : compliant(),
};
