/**
 * Amazon S3 actions, by purpose: the one table behind `SecureBucket.grantRead/grantWrite/grantPut`
 * (modules/s3), `grantBucketRead`/`grantBucketWrite` (modules/iam) and the replication role
 * (modules/s3). Bucket-level actions are scoped to the bucket ARN, object-level ones to
 * `<bucket ARN>/<prefix>*`.
 */
export const S3_ACTIONS = {
  /** List keys; narrowed to prefixes with the `s3:prefix` condition (the only key it carries). */
  listBucket: ['s3:ListBucket'],
  /** The bucket's region, which SDKs and the AWS CLI ask for before the first request. */
  bucketLocation: ['s3:GetBucketLocation'],
  /**
   * Read objects and their older versions (HeadObject is authorized as GetObject). Not the
   * objects' tags or ACLs: a reader of data needs neither.
   */
  readObjects: ['s3:GetObject', 's3:GetObjectVersion'],
  /**
   * Put objects, multipart uploads included: no read, no delete. For writers that must never erase
   * what they (or others) wrote, such as log and report writers.
   */
  putObjects: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
  /**
   * Put, tag and delete objects. With versioning a delete only adds a delete marker, so what is
   * overwritten or deleted stays recoverable until noncurrent versions expire.
   */
  writeObjects: [
    's3:PutObject',
    's3:PutObjectTagging',
    's3:DeleteObject',
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
  ],
  /** List in-progress multipart uploads (writers resuming or cleaning up uploads). */
  listMultipartUploads: ['s3:ListBucketMultipartUploads'],
  /** What S3 replication reads on the source bucket. */
  replicationSourceBucket: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
  /** What S3 replication reads of each source object version. */
  replicationSourceObjects: [
    's3:GetObjectVersionForReplication',
    's3:GetObjectVersionAcl',
    's3:GetObjectVersionTagging',
  ],
  /** What S3 replication writes into the replica bucket (deletes as delete markers only). */
  replicationDestinationObjects: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
  /**
   * Service principals writing into a bucket through its bucket policy (CloudTrail log and digest
   * files, Bedrock invocation logs). Identity grants on buckets use `SecureBucket.grant*`.
   */
  servicePut: ['s3:PutObject'],
  /** CloudTrail checks the bucket ACL before it delivers (bucket policy of `Trail`'s bucket). */
  serviceAclCheck: ['s3:GetBucketAcl'],
} as const;
