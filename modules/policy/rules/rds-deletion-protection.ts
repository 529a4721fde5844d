import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { RDS_DATABASE_TYPES } from '../rds';
import { PolicyRule } from '../types';

export const rdsDeletionProtection: PolicyRule = {
  id: 'MLM-RDS-008',
  checkovId: 'CKV_AWS_293',
  title: 'RDS instances and clusters have deletion protection',
  rationale:
    'Deletion protection makes RDS refuse a delete (a mistaken terraform destroy, a replacement ' +
    'forced by a changed argument) until it is turned off in a separate change.',
  level: 'warning',
  fix: 'set deletion_protection = true (turn it off in its own apply before an intended delete)',
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) =>
    isTrue(ctx.resource.config.deletion_protection)
      ? compliant()
      : nonCompliant('deletion_protection is not true'),
};
