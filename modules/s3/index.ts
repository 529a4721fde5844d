/**
 * S3: `SecureBucket` (versioning, encryption, public access blocked, ACLs off, TLS only,
 * lifecycle, access logs to a companion bucket; grants), cross-region replication, and the
 * statements of each access kind for buckets you reference by ARN. Import from
 * `@ml-platform/cdktf-aws/s3`.
 * @packageDocumentation
 */
export { SecureBucket, ACCESS_LOG_BUCKET_SUFFIX, accessLogBucketNameFor } from './secure-bucket';
export type {
  BucketAccessLogging,
  CompanionLogBucket,
  SecureBucketProps,
  ServerAccessLogsDelivery,
} from './secure-bucket';
export { BucketReplication, REPLICA_STORAGE_CLASSES } from './bucket-replication';
export type { BucketReplicationProps, ReplicaStorageClass } from './bucket-replication';
export { bucketAccessStatements } from './bucket-access';
export type { BucketAccess, BucketAccessStatementsInput } from './bucket-access';
