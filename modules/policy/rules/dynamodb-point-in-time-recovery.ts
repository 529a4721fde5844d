import { firstBlock, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const dynamodbPointInTimeRecovery: PolicyRule = {
  id: 'MLM-DDB-001',
  checkovId: 'CKV_AWS_28',
  title: 'DynamoDB tables have point-in-time recovery enabled',
  rationale:
    'Point-in-time recovery restores a table to any second of the last 35 days after a bad write or ' +
    'an accidental delete; without it there is no way back.',
  level: 'error',
  fix: 'set point_in_time_recovery { enabled = true }',
  appliesTo: ['aws_dynamodb_table'],
  check: (ctx) =>
    isTrue(firstBlock(ctx.resource.config.point_in_time_recovery)?.enabled)
      ? compliant()
      : nonCompliant('point_in_time_recovery.enabled is not true'),
};
