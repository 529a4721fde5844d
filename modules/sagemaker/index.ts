/**
 * SageMaker: the training-job role with exactly the bucket, log and key access a job needs.
 * Import from `@ml-platform/cdktf-aws/sagemaker`.
 * @packageDocumentation
 */
export * from './training-role';
