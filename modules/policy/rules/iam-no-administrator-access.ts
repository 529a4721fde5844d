import { strings } from '../json';
import { fromProblems } from '../outcome';
import { Json, PolicyRule, RuleContext } from '../types';

const ADMIN_RE = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** True when the value is the AdministratorAccess ARN or a data.aws_iam_policy that looks it up. */
function isAdministratorAccess(ctx: RuleContext, value: Json): boolean {
  if (typeof value !== 'string') return false;
  if (ADMIN_RE.test(value)) return true;
  const target = ctx.stack.resolve(value);
  if (target?.mode !== 'data' || target.type !== 'aws_iam_policy') return false;
  const arn = target.config.arn;
  return target.config.name === 'AdministratorAccess' || (typeof arn === 'string' && ADMIN_RE.test(arn));
}

export const iamNoAdministratorAccess: PolicyRule = {
  id: 'MLM-IAM-005',
  checkovId: 'CKV_AWS_274',
  title: 'No role, user or group has the AWS-managed AdministratorAccess policy attached',
  rationale:
    'AdministratorAccess is "*" on "*": a workload role with it turns any code-execution bug into ' +
    'account takeover.',
  level: 'error',
  fix: 'attach a policy with the actions and resources the principal needs instead',
  appliesTo: [
    'aws_iam_role',
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_role_policy_attachments_exclusive',
  ],
  check: (ctx) => {
    const c = ctx.resource.config;
    const arns = [...strings(c.managed_policy_arns), ...strings(c.policy_arn), ...strings(c.policy_arns)];
    return fromProblems(arns.filter((a) => isAdministratorAccess(ctx, a)).map((a) => `attaches ${a}`));
  },
};
