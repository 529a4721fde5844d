export * from './fargate-job-queue';
export * from './fargate-resources';
export * from './retry-conditions';
