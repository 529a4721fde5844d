/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './batch';
export * from './cloudfront';
export * from './ecr';
export * from './ecs';
export * from './iam';
export * from './logs';
export * from './secretsmanager';
export * from './ssm';
export * from './ssmmessages';
export * from './rds';
export * from './kms';
export * from './elasticache';
export * from './opensearch';
