import { checkIdentityPolicies, IDENTITY_POLICY_TYPES } from '../iam-policy';
import { PolicyRule } from '../types';
import { RESOURCE_UNSCOPED_SERVICES } from './iam-no-wildcard-resource-for-write';

export const iamNoServiceWildcards: PolicyRule = {
  id: 'MLM-IAM-004',
  title: 'No IAM policy allows a whole service ("s3:*", "dynamodb:*")',
  rationale:
    'A service wildcard includes the destructive and permission-changing actions (s3:DeleteBucket, ' +
    's3:PutBucketPolicy) along with the ones the workload needs, and every action AWS adds later. ' +
    'The SSM agent channels and X-Ray are exempt.',
  level: 'warning',
  fix: 'list the actions the workload calls, or use an action-prefix wildcard such as "s3:Get*"',
  appliesTo: IDENTITY_POLICY_TYPES,
  check: (ctx) =>
    checkIdentityPolicies(ctx, (st) => {
      if (st.effect !== 'Allow') return undefined;
      const wild = st.actions.filter((a) => {
        const m = /^([a-z0-9-]+):\*$/i.exec(a);
        return m !== null && !RESOURCE_UNSCOPED_SERVICES.includes(m[1].toLowerCase());
      });
      return wild.length > 0 ? `allows ${wild.join(', ')}` : undefined;
    }),
};
