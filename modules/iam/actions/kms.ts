/**
 * AWS KMS actions, by purpose. Grants scope them to one key ARN, and where a service uses the key
 * on the caller's behalf, to that service with `kms:ViaService`.
 */
export const KMS_ACTIONS = {
  /** Decrypt values a service (Secrets Manager, SSM) stored with the key. */
  secretRead: ['kms:Decrypt'],
  /** Encrypt new values through a service; Decrypt too, for multipart and re-encryption. */
  secretWrite: ['kms:GenerateDataKey', 'kms:Decrypt'],
  /**
   * Publishing to an SNS topic encrypted with a customer managed key: SNS generates a data key to
   * encrypt the message and decrypts it for delivery, on the publisher's behalf.
   */
  publishViaSns: ['kms:GenerateDataKey', 'kms:Decrypt'],
  /** Read SSE-KMS objects through S3 (grants add `kms:ViaService` for S3). */
  s3ObjectRead: ['kms:Decrypt'],
  /**
   * Write SSE-KMS objects through S3: a data key per object, and Decrypt because multipart uploads
   * read back the data key of the earlier parts.
   */
  s3ObjectWrite: ['kms:GenerateDataKey', 'kms:Decrypt'],
  /** Replicate SSE-KMS objects: S3 re-encrypts each replica with the destination region's key. */
  s3ReplicaWrite: ['kms:Encrypt', 'kms:GenerateDataKey'],
  /**
   * Use a key only through the services that store data with it (S3 objects, SSM SecureStrings),
   * limited by `kms:ViaService`: decrypt what is read, generate data keys for what is written.
   */
  useViaStorageServices: ['kms:Decrypt', 'kms:GenerateDataKey'],
  /** Decrypt ECS Exec session data encrypted with the cluster's key. */
  execSessionDecrypt: ['kms:Decrypt'],
  /** A SecureString parameter encrypted with a customer managed key, read and written through SSM. */
  secureStringReadWrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  /** Read data a service encrypted with a customer managed key (DynamoDB items, SQS messages, Lambda environment). */
  decrypt: ['kms:Decrypt'],
  /** Write through DynamoDB with a customer managed key: data keys, and decrypt to reuse them. */
  encrypt: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
  /** SQS producers on an SSE-KMS queue: a data key per reuse period, and Decrypt of the cached one. */
  generateDataKey: ['kms:Decrypt', 'kms:GenerateDataKey'],
  /** CloudTrail encrypts log files with data keys of the trail key (key policy of `Trail`). */
  cloudTrailEncrypt: ['kms:GenerateDataKey*'],
  /** A service checks the key when a resource that uses it is created or updated (key policy). */
  describeKey: ['kms:DescribeKey'],
  /** CloudWatch Logs encrypts a log group with the key (key policy). */
  logsEncryption: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
} as const;
