import { blocks, firstBlock, isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaDeadLetterQueue: PolicyRule = {
  id: 'MLM-LAMBDA-002',
  checkovId: 'CKV_AWS_116',
  title:
    'Lambda functions keep failed asynchronous invocations (dead-letter queue or on-failure destination)',
  rationale:
    'An asynchronous invocation (S3, SNS, EventBridge, scheduled) that still fails after two retries ' +
    'is dropped without a trace unless a dead-letter queue or an on-failure destination keeps the ' +
    'event for inspection and replay. Functions only invoked synchronously (API Gateway) gain little, ' +
    'so this is a warning.',
  level: 'warning',
  fix:
    'set dead_letter_config { target_arn = <SQS queue or SNS topic ARN> } (LambdaFunction creates an ' +
    'encrypted queue by default), or an aws_lambda_function_event_invoke_config with an on_failure destination',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    if (isNonBlank(firstBlock(ctx.resource.config.dead_letter_config)?.target_arn)) {
      return compliant('dead-letter queue');
    }
    const configs = ctx.stack.attachedTo(
      ctx.resource,
      'aws_lambda_function_event_invoke_config',
      'function_name',
      ['function_name'],
    );
    const onFailure = configs.some((c) =>
      blocks(firstBlock(c.config.destination_config)?.on_failure).some((f) => isNonBlank(f.destination)),
    );
    if (onFailure) return compliant('on-failure destination');
    return nonCompliant('no dead_letter_config.target_arn and no on-failure destination');
  },
};
