import { strings } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { engineOf, isPostgresEngine } from '../rds';
import { PolicyRule } from '../types';

export const rdsLogExports: PolicyRule = {
  id: 'MLM-RDS-006',
  checkovId: 'CKV_AWS_129',
  title: 'RDS instances export their database logs to CloudWatch Logs (PostgreSQL: the postgresql log)',
  rationale:
    'Logs kept only on the instance rotate away within days and vanish with it; in CloudWatch Logs ' +
    'they survive, can be searched and alarmed on, and record connections and errors for incident ' +
    'response.',
  level: 'error',
  fix:
    'set enabled_cloudwatch_logs_exports (PostgreSQL: ["postgresql", "upgrade"]) and create the ' +
    '/aws/rds/instance/<id>/<log> log groups with a retention first',
  appliesTo: ['aws_db_instance'],
  check: (ctx) => {
    const exports = strings(ctx.resource.config.enabled_cloudwatch_logs_exports);
    const engine = engineOf(ctx.resource.config);
    if (isPostgresEngine(engine)) {
      return exports.includes('postgresql')
        ? compliant(exports.join(', '))
        : nonCompliant(
            `enabled_cloudwatch_logs_exports does not include "postgresql" (${exports.join(', ') || 'empty'})`,
          );
    }
    return exports.length > 0
      ? compliant(exports.join(', '))
      : nonCompliant('enabled_cloudwatch_logs_exports is empty');
  },
};
