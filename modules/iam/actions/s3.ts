/**
 * S3 actions for service principals writing into a bucket through its bucket policy (Bedrock
 * invocation logs). Identity grants on buckets use `SecureBucket.grant*` (modules/s3).
 */
export const S3_ACTIONS = {
  servicePut: ['s3:PutObject'],
} as const;
