/**
 * CloudTrail: a multi-region trail with log file validation, KMS encryption, a protected bucket
 * with access logs, CloudWatch Logs delivery, data events and Insights. Import from
 * `@ml-platform/cdktf-aws/cloudtrail`.
 * @packageDocumentation
 */
export { Trail } from './trail';
export type {
  DataEventReadWriteType,
  InsightType,
  TrailAccessLogging,
  TrailCreatedAccessLogBucket,
  TrailExistingAccessLogBucket,
  TrailProps,
} from './trail';
