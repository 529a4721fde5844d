/**
 * IAM action tables, one file per service (`<service>.ts`, exporting `<SERVICE>_ACTIONS`). Every
 * grant method of every construct takes its actions from here, so a reviewer reads each
 * permission set once.
 */
export * from './cloudtrail';
export * from './ecr';
