/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './autoscaling';
export * from './batch';
export * from './bedrock';
export * from './cloudfront';
export * from './cloudtrail';
export * from './cloudwatch';
export * from './dynamodb';
export * from './ec2';
export * from './ec2messages';
export * from './ecr';
export * from './ecs';
export * from './elasticache';
export * from './execute-api';
export * from './iam';
export * from './kms';
export * from './lambda';
export * from './logs';
export * from './opensearch';
export * from './rds';
export * from './s3';
export * from './sagemaker';
export * from './secretsmanager';
export * from './sns';
export * from './sqs';
export * from './ssm';
export * from './ssmmessages';
export * from './xray';
