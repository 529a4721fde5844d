import { isNonBlank, show, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaPermissionSource: PolicyRule = {
  id: 'MLM-LAMBDA-007',
  checkovId: 'CKV_AWS_364',
  title: 'Lambda permissions for AWS services name the source (source_arn or source_account)',
  rationale:
    'A permission for a service principal such as apigateway.amazonaws.com without a source lets that ' +
    "service invoke the function on behalf of any account's resource (the confused-deputy problem); " +
    'source_arn limits it to one API, rule, topic or bucket.',
  level: 'error',
  fix: 'set source_arn to the invoking resource (and source_account for S3); LambdaFunction.grantInvoke requires it',
  appliesTo: ['aws_lambda_permission'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const principal = str(c.principal) ?? '';
    if (principal === '*') return nonCompliant('principal is "*": anyone may invoke the function');
    if (!/\.amazonaws\.com(\.cn)?$/.test(principal))
      return notApplicable(`principal ${show(principal)} is not a service`);
    if (isNonBlank(c.source_arn)) return compliant('source_arn');
    if (isNonBlank(c.source_account)) return compliant('source_account');
    return nonCompliant(`principal ${principal} without source_arn or source_account`);
  },
};
