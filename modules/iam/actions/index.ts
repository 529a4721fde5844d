/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './autoscaling';
export * from './batch';
export * from './cloudfront';
export * from './cloudwatch';
export * from './ec2';
export * from './ec2messages';
export * from './ecr';
export * from './ecs';
export * from './elasticache';
export * from './iam';
export * from './kms';
export * from './logs';
export * from './opensearch';
export * from './rds';
export * from './s3';
export * from './secretsmanager';
export * from './sns';
export * from './ssm';
export * from './ssmmessages';
