import { isNonBlank, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaCodeSigning: PolicyRule = {
  id: 'MLM-LAMBDA-005',
  checkovId: 'CKV_AWS_272',
  title: 'Lambda .zip functions validate code signatures (code_signing_config_arn set)',
  rationale:
    'With a code signing configuration, Lambda deploys only packages signed by an approved AWS Signer ' +
    'profile, so a package swapped in the artifact bucket is refused. It needs a signing step in CI, ' +
    'so it is a warning. Container images are verified differently (ECR image signing) and are exempt.',
  level: 'warning',
  fix: 'set code_signing_config_arn (LambdaFunction: codeSigningConfigArn), or suppress with the reason',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    if (str(ctx.resource.config.package_type) === 'Image') return notApplicable('container image');
    return isNonBlank(ctx.resource.config.code_signing_config_arn)
      ? compliant()
      : nonCompliant('code_signing_config_arn is not set');
  },
};
