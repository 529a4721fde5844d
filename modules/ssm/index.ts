/**
 * SSM Parameter Store: `StringParameter` for plain configuration values (never secrets: those
 * go to `@ml-platform/cdktf-aws/secrets`), with read grants. Import from
 * `@ml-platform/cdktf-aws/ssm`.
 * @packageDocumentation
 */
export * from './string-parameter';
