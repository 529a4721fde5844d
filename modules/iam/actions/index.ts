/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './bedrock';
export * from './cloudwatch';
export * from './dynamodb';
export * from './ec2';
export * from './ecr';
export * from './execute-api';
export * from './iam';
export * from './kms';
export * from './lambda';
export * from './logs';
export * from './s3';
export * from './sagemaker';
export * from './sqs';
export * from './xray';
