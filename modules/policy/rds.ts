/** Shared readers for RDS rules. */
import { str } from './json';
import { JsonObject } from './types';

/** Resource types of RDS DB instances and clusters. */
export const RDS_DATABASE_TYPES: readonly string[] = ['aws_db_instance', 'aws_rds_cluster'];

/** The `engine` of a DB instance or cluster; undefined when inherited (read replicas). */
export function engineOf(config: JsonObject): string | undefined {
  return str(config.engine);
}

/** True for `postgres` and `aurora-postgresql`. */
export function isPostgresEngine(engine: string | undefined): boolean {
  return engine === 'postgres' || engine === 'aurora-postgresql';
}

/** True for `mysql`, `mariadb` and `aurora-mysql`. */
export function isMysqlEngine(engine: string | undefined): boolean {
  return engine === 'mysql' || engine === 'mariadb' || engine === 'aurora-mysql' || engine === 'aurora';
}

/** The major version of a literal `engine_version` (`"17"`, `"16.4"`), or undefined. */
export function majorVersionOf(config: JsonObject): number | undefined {
  const m = /^(\d+)/.exec(str(config.engine_version) ?? '');
  return m ? Number(m[1]) : undefined;
}
