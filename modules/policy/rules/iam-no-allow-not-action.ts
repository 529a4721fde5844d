import { checkIdentityPolicies, IDENTITY_POLICY_TYPES } from '../iam-policy';
import { PolicyRule } from '../types';

export const iamNoAllowNotAction: PolicyRule = {
  id: 'MLM-IAM-002',
  title: 'No IAM policy uses NotAction or NotResource in an Allow statement',
  rationale:
    'Allow with NotAction grants every action except those listed, including ones AWS adds later; Allow ' +
    'with NotResource grants on every resource but a few. Both are near-administrator grants that ' +
    'evade a search for "*".',
  level: 'error',
  fix: 'rewrite the statement with Action and Resource lists; keep NotAction/NotResource for Deny statements',
  appliesTo: IDENTITY_POLICY_TYPES,
  check: (ctx) =>
    checkIdentityPolicies(ctx, (st) => {
      if (st.effect !== 'Allow') return undefined;
      const used = [
        st.notActions.length > 0 ? 'NotAction' : '',
        st.notResources.length > 0 ? 'NotResource' : '',
      ];
      const names = used.filter(Boolean);
      return names.length > 0 ? `is an Allow with ${names.join(' and ')}` : undefined;
    }),
};
