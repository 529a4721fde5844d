import { num } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const lambdaReservedConcurrency: PolicyRule = {
  id: 'MLM-LAMBDA-003',
  checkovId: 'CKV_AWS_115',
  title: 'Lambda functions set reserved concurrency',
  rationale:
    'Reserved concurrency caps how many copies of a function run at once: a runaway client or retry ' +
    'storm then costs a bounded amount and cannot starve the other functions of the account ' +
    '(1,000 concurrent executions by default). It also takes capacity from the shared pool, so it is a ' +
    'warning.',
  level: 'warning',
  fix: 'set reserved_concurrent_executions (LambdaFunction: reservedConcurrentExecutions), or suppress with the reason',
  appliesTo: ['aws_lambda_function'],
  check: (ctx) => {
    const n = num(ctx.resource.config.reserved_concurrent_executions);
    if (n !== undefined && n >= 0) return compliant(`${n} reserved`);
    return nonCompliant('reserved_concurrent_executions is not set');
  },
};
