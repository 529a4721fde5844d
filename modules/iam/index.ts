/**
 * IAM: `Role` (service principals, one inline policy built from grants), `IGrantable`, grant
 * functions for resources this stack does not create, and the one table of actions per service
 * (`<SERVICE>_ACTIONS`) every grant of the package takes its actions from. Import from
 * `@ml-platform/cdktf-aws/iam`.
 * @packageDocumentation
 */
export { Role } from './role';
export type { RoleProps } from './role';
export {
  grantBucketRead,
  grantBucketWrite,
  grantCloudWatchAgentDescribe,
  grantKmsKeys,
  grantLogsWrite,
  grantPutMetricData,
  grantSsmParameters,
} from './grants';
export type { ArnScope, BucketRef, IGrantable } from './grants';
export * from './actions';
