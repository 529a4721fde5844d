import { isTrue } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { RDS_DATABASE_TYPES, engineOf, isMysqlEngine, isPostgresEngine } from '../rds';
import { PolicyRule } from '../types';

export const rdsIamAuthentication: PolicyRule = {
  id: 'MLM-RDS-009',
  checkovId: 'CKV_AWS_161',
  title: 'RDS PostgreSQL and MySQL databases allow IAM database authentication',
  rationale:
    'With IAM authentication clients connect with a 15-minute token granted by IAM policy instead of ' +
    'a long-lived password; turning it on costs nothing and leaves password users working.',
  level: 'warning',
  fix: 'set iam_database_authentication_enabled = true and GRANT rds_iam to the users that should use it',
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) => {
    const engine = engineOf(ctx.resource.config);
    if (engine !== undefined && !isPostgresEngine(engine) && !isMysqlEngine(engine)) {
      return notApplicable(`engine ${engine} has no IAM database authentication`);
    }
    return isTrue(ctx.resource.config.iam_database_authentication_enabled)
      ? compliant()
      : nonCompliant('iam_database_authentication_enabled is not true');
  },
};
