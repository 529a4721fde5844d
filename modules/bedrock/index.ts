/**
 * Amazon Bedrock: model invocation logging (to S3 and CloudWatch Logs) and the grant to invoke
 * named foundation models. Import from `@ml-platform/cdktf-aws/bedrock`.
 * @packageDocumentation
 */
export { foundationModelArn, grantInvokeModel, parseModelArn } from './grant-invoke-model';
export type { BedrockModelArnKind, ParsedModelArn } from './grant-invoke-model';
export { ModelInvocationLogging } from './model-invocation-logging';
export type {
  InvocationLogBucket,
  InvocationLogCloudWatch,
  InvocationLogS3,
  ModelInvocationLoggingProps,
} from './model-invocation-logging';
