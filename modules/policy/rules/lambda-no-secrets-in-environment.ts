import { environmentSecretReason } from '../../core/secret-detection';
import { firstBlock, isObject } from '../json';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaNoSecretsInEnvironment: PolicyRule = {
  id: 'MLM-LAMBDA-006',
  checkovId: 'CKV_AWS_45',
  title: 'Lambda environment variables hold no secrets (by name or by value)',
  rationale:
    'Environment variables are stored in plain text in Terraform state and in the synthesized JSON, ' +
    'and anyone with lambda:GetFunctionConfiguration can read them. A secret belongs in Secrets ' +
    'Manager or SSM Parameter Store: the function gets its ARN and reads it at runtime.',
  level: 'error',
  fix:
    'replace the variable with the secret ARN (e.g. DB_SECRET_ARN), read the secret at runtime and grant ' +
    'secretsmanager:GetSecretValue on that ARN; for a name that only looks secret, suppress with the reason ' +
    '(LambdaFunction: nonSecretEnvironmentKeys)',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    const vars = firstBlock(ctx.resource.config.environment)?.variables;
    if (!isObject(vars) || Object.keys(vars).length === 0) return notApplicable('no environment variables');
    const problems: string[] = [];
    for (const [key, value] of Object.entries(vars)) {
      const reason = typeof value === 'string' ? environmentSecretReason(key, value) : undefined;
      if (reason) problems.push(`${key}: ${reason}`);
    }
    return fromProblems(problems);
  },
};
