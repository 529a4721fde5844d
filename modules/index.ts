/**
 * @ml-platform/cdktf-aws: every module as a namespace (`import { vpc, s3 } from
 * '@ml-platform/cdktf-aws'`). Loading the root loads every module; import the module you use
 * instead (`import { Vpc } from '@ml-platform/cdktf-aws/vpc'`) to load only that one.
 *
 * Generated from the folders under modules/ by scripts/package-exports.ts
 * (`npm run package:exports`). Do not edit.
 */
export * as alb from './alb';
export * as backup from './backup';
export * as batchFargate from './batch-fargate';
export * as bedrock from './bedrock';
export * as certificate from './certificate';
export * as cloudtrail from './cloudtrail';
export * as cognito from './cognito';
export * as composeHost from './compose-host';
export * as core from './core';
export * as dns from './dns';
export * as dynamodbTable from './dynamodb-table';
export * as ecr from './ecr';
export * as ecsFargate from './ecs-fargate';
export * as elasticacheRedis from './elasticache-redis';
export * as httpApi from './http-api';
export * as iam from './iam';
export * as lambda from './lambda';
export * as monitoring from './monitoring';
export * as opensearch from './opensearch';
export * as policy from './policy';
export * as rdsPostgres from './rds-postgres';
export * as s3 from './s3';
export * as sagemaker from './sagemaker';
export * as secrets from './secrets';
export * as securityGroup from './security-group';
export * as sqs from './sqs';
export * as ssm from './ssm';
export * as staticSite from './static-site';
export * as vpc from './vpc';
export * as waf from './waf';
