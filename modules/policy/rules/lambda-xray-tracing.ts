import { firstBlock, show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaXrayTracing: PolicyRule = {
  id: 'MLM-LAMBDA-001',
  checkovId: 'CKV_AWS_50',
  title: 'Lambda functions have active X-Ray tracing (tracing_config.mode = "Active")',
  rationale:
    'Active tracing samples requests at the function and records where their time goes (cold start, ' +
    'downstream calls to DynamoDB, S3, Bedrock), which logs alone do not show; PassThrough records ' +
    'only requests an upstream service already sampled. X-Ray costs USD 5 per million traces after ' +
    '100,000 free a month, so this is a warning.',
  level: 'warning',
  fix: 'set tracing_config { mode = "Active" } (LambdaFunction: tracing, default Active) and allow xray:PutTraceSegments',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    const mode = str(firstBlock(ctx.resource.config.tracing_config)?.mode);
    return mode === 'Active' ? compliant() : nonCompliant(`tracing_config.mode is ${show(mode)}`);
  },
};
