/**
 * Lambda functions: a role of their own, logs with a retention, X-Ray, VPC access, dead-letter and
 * async settings, aliases, and invoke grants. Import from `@ml-platform/cdktf-aws/lambda`.
 * @packageDocumentation
 */
export * from './lambda-function';
export * from './runtimes';
export { RESERVED_LAMBDA_ENVIRONMENT_KEYS, LAMBDA_ENVIRONMENT_MAX_BYTES } from './validation';
