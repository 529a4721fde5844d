import { readPolicyDocument, statementLabel } from '../iam-policy';
import { OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchAccessPolicy: PolicyRule = {
  id: 'MLM-OS-013',
  title: 'OpenSearch access policies name their principals (no Allow for "*" without a condition)',
  rationale:
    'A statement that allows Principal "*" admits every AWS account (and, outside a VPC, anonymous ' +
    'callers); fine-grained access control is then the only barrier. Naming roles, or at least ' +
    'constraining "*" with a condition (aws:SourceIp, aws:PrincipalOrgID), keeps the policy meaningful.',
  level: 'error',
  fix: 'list role ARNs as principals (OpenSearchDomain: masterUserArn, accessPrincipalArns), or add a Condition to the statement',
  appliesTo: [...OPENSEARCH_DOMAIN_TYPES, 'aws_opensearch_domain_policy', 'aws_elasticsearch_domain_policy'],
  check: (ctx) => {
    const value = ctx.resource.config.access_policies;
    if (value === undefined || value === null) return notApplicable('no access policy on this resource');
    const doc = readPolicyDocument(value, ctx.stack);
    if (!doc.ok) return fromProblems([`access_policies can't be checked: ${doc.reason}`]);
    const problems = doc.statements.flatMap((st, i) => {
      const open = st.principals.some((p) => p.identifiers.includes('*'));
      return st.effect === 'Allow' && open && st.conditions.length === 0
        ? [`${statementLabel(st, i)} allows Principal "*" without a condition`]
        : [];
    });
    return fromProblems(problems, `${doc.statements.length} statement(s), principals named`);
  },
};
