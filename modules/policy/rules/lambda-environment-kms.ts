import { firstBlock, isNonBlank, isObject } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaEnvironmentKms: PolicyRule = {
  id: 'MLM-LAMBDA-004',
  checkovId: 'CKV_AWS_173',
  title: 'Lambda environment variables are encrypted with a customer-managed KMS key',
  rationale:
    'Lambda encrypts environment variables with its AWS managed key by default; a customer-managed ' +
    'key adds a key policy deciding who can read them and a CloudTrail record of each decrypt. Since ' +
    'secrets must not be in environment variables at all (MLM-LAMBDA-006), this is a warning.',
  level: 'warning',
  fix: 'set kms_key_arn (LambdaFunction: environmentKmsKeyArn), or suppress with the reason',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    const vars = firstBlock(ctx.resource.config.environment)?.variables;
    if (!isObject(vars) || Object.keys(vars).length === 0) return notApplicable('no environment variables');
    return isNonBlank(ctx.resource.config.kms_key_arn) ? compliant() : nonCompliant('kms_key_arn is not set');
  },
};
