import { blocks, show, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { engineOf, isMysqlEngine, isPostgresEngine, majorVersionOf } from '../rds';
import { PolicyRule, TfBlock } from '../types';

/** The parameter that makes each engine family refuse unencrypted connections, and its "on" values. */
const TLS_PARAMETERS = {
  postgres: { name: 'rds.force_ssl', on: ['1'] },
  mysql: { name: 'require_secure_transport', on: ['1', 'ON', 'on'] },
} as const;

/** RDS for PostgreSQL's default parameter groups set rds.force_ssl = 1 from this major version. */
const POSTGRES_FORCE_SSL_DEFAULT_MAJOR = 15;

export const rdsForceSsl: PolicyRule = {
  id: 'MLM-RDS-005',
  checkovId: 'CKV2_AWS_69',
  title: 'RDS PostgreSQL and MySQL instances refuse connections without TLS',
  rationale:
    'Without rds.force_ssl (PostgreSQL) or require_secure_transport (MySQL, MariaDB) a client that ' +
    'does not ask for TLS sends the password and every query in clear text across the VPC; ' +
    'encryption at rest does not cover data in transit.',
  level: 'error',
  fix:
    'attach an aws_db_parameter_group with rds.force_ssl = 1 (PostgreSQL) or ' +
    'require_secure_transport = 1 (MySQL, MariaDB)',
  appliesTo: ['aws_db_instance'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const engine = engineOf(c);
    const family = isPostgresEngine(engine) ? 'postgres' : isMysqlEngine(engine) ? 'mysql' : undefined;
    if (family === undefined) {
      return notApplicable(engine === undefined ? 'engine is inherited (replica)' : `engine ${engine}`);
    }
    const wanted = TLS_PARAMETERS[family];
    const groupName = c.parameter_group_name;
    if (groupName === undefined || groupName === null) {
      const major = majorVersionOf(c);
      if (family === 'postgres' && major !== undefined && major >= POSTGRES_FORCE_SSL_DEFAULT_MAJOR) {
        return compliant(`the default parameter group of PostgreSQL ${major} sets rds.force_ssl = 1`);
      }
      return nonCompliant(`no parameter_group_name: the default parameter group does not set ${wanted.name}`);
    }
    const group = ctx.stack
      .resources('aws_db_parameter_group')
      .find((g: TfBlock) => ctx.stack.pointsAt(groupName, g, ['name']));
    if (!group) return notApplicable(`parameter group ${show(groupName)} is not defined in this stack`);
    const parameter = blocks(group.config.parameter).find((p) => str(p.name) === wanted.name);
    const value = str(parameter?.value);
    if (value !== undefined && (wanted.on as readonly string[]).includes(value)) {
      return compliant(`${wanted.name} = ${value} in ${group.path}`);
    }
    return nonCompliant(
      value === undefined
        ? `${group.path} does not set ${wanted.name}`
        : `${wanted.name} is ${value} in ${group.path}`,
    );
  },
};
