/**
 * RDS for PostgreSQL: encrypted, Multi-AZ, managed master password (never in state), IAM
 * authentication, TLS forced, backups, Performance Insights, log exports. Import from
 * `@ml-platform/cdktf-aws/rds-postgres`.
 * @packageDocumentation
 */
export { PostgresInstance } from './postgres-instance';
export type {
  DatabaseInsightsMode,
  EnhancedMonitoringInterval,
  PostgresInstanceProps,
  PostgresLogExport,
} from './postgres-instance';
export {
  DEFAULT_POSTGRES_MAJOR_VERSION,
  POSTGRES_MAJOR_VERSIONS,
  isBurstableInstanceClass,
  isValidDbInstanceClass,
  parameterGroupFamily,
} from './postgres-engine';
export { OWNED_PARAMETERS } from './postgres-parameters';
export { isValidPerformanceInsightsRetention } from './postgres-instance-validation';
