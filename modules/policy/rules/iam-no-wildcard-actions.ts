import { checkIdentityPolicies, IDENTITY_POLICY_TYPES } from '../iam-policy';
import { PolicyRule } from '../types';

export const iamNoWildcardActions: PolicyRule = {
  id: 'MLM-IAM-001',
  checkovId: 'CKV_AWS_63',
  title: 'No IAM policy, managed or inline, allows Action "*" (or "*:*")',
  rationale:
    'Action "*" grants every permission in AWS, including iam:* and the ability to disable logging; ' +
    'with Resource "*" it is full administrator access (checkov CKV_AWS_62). Inline policies on roles ' +
    'are checked too, since they are where such grants hide.',
  level: 'error',
  fix: 'list the actions the workload calls (e.g. s3:GetObject, s3:PutObject) on the resources it needs',
  appliesTo: IDENTITY_POLICY_TYPES,
  check: (ctx) =>
    checkIdentityPolicies(ctx, (st) =>
      st.effect === 'Allow' && st.actions.some((a) => a === '*' || a === '*:*')
        ? 'allows Action "*"'
        : undefined,
    ),
};
