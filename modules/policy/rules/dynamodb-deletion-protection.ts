import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const dynamodbDeletionProtection: PolicyRule = {
  id: 'MLM-DDB-004',
  title: 'DynamoDB tables have deletion protection enabled',
  rationale:
    'Deletion protection makes DeleteTable fail from any client (console, CLI, a mistaken terraform ' +
    'destroy) until it is turned off explicitly. A deleted table can only be restored from a backup into ' +
    'a new table, with its streams, alarms and clients rewired. Scratch tables may turn it off, so this ' +
    'is a warning.',
  level: 'warning',
  fix: 'set deletion_protection_enabled = true (Table: deletionProtection, default true)',
  appliesTo: ['aws_dynamodb_table'],
  check: (ctx) =>
    isTrue(ctx.resource.config.deletion_protection_enabled)
      ? compliant()
      : nonCompliant('deletion_protection_enabled is not true'),
};
