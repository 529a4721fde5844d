export * from './lambda-function';
export * from './runtimes';
export { RESERVED_LAMBDA_ENVIRONMENT_KEYS, LAMBDA_ENVIRONMENT_MAX_BYTES } from './validation';
