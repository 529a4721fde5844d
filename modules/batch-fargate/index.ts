/**
 * AWS Batch on Fargate: a job queue with its compute environment, job definition, roles, log
 * group, retries and failure notifications. Import from `@ml-platform/cdktf-aws/batch-fargate`.
 * @packageDocumentation
 */
export { FargateJobQueue } from './fargate-job-queue';
export type { FargateJobContainer, FargateJobQueueProps } from './fargate-job-queue';
export { FARGATE_MEMORY_BY_VCPU, isFargateCombination } from './fargate-resources';
export type { FargateVcpu } from './fargate-resources';
export { DEFAULT_RETRY_CONDITIONS } from './retry-conditions';
export type { JobRetryCondition } from './retry-conditions';
