/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './autoscaling';
export * from './ec2';
export * from './ecr';
export * from './kms';
export * from './sns';
export * from './ssm';
