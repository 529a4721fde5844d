import { readPolicyDocument, statementLabel } from '../iam-policy';
import { fromProblems, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecrPolicyNotPublic: PolicyRule = {
  id: 'MLM-ECR-004',
  checkovId: 'CKV_AWS_32',
  title: 'ECR repository policies do not allow everyone',
  rationale:
    'A statement that allows Principal "*" without a condition lets any AWS account pull (or, with push ' +
    'actions, replace) the images, which may carry code, model weights and credentials baked in by ' +
    'mistake.',
  level: 'error',
  fix:
    'name the accounts (arn:aws:iam::<account>:root) or services allowed, or narrow "*" with a condition ' +
    'such as aws:PrincipalOrgID (Repository: pullAccountIds)',
  appliesTo: ['aws_ecr_repository_policy'],
  check: (ctx) => {
    const doc = readPolicyDocument(ctx.resource.config.policy, ctx.stack);
    if (!doc.ok) return nonCompliant(`the policy can't be checked: ${doc.reason}`);
    const problems = doc.statements.flatMap((st, i) => {
      if (st.effect !== 'Allow' || st.conditions.length > 0) return [];
      const everyone = st.principals.some(
        (p) => p.type === '*' || (p.type === 'AWS' && p.identifiers.includes('*')),
      );
      return everyone ? [`${statementLabel(st, i)} allows Principal "*" with no condition`] : [];
    });
    return fromProblems(problems);
  },
};
