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
  /** A SecureString parameter encrypted with a customer managed key, read and written through SSM. */
  secureStringReadWrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  /** Read data a service encrypted with a customer managed key (DynamoDB items, SQS messages, Lambda environment). */
  decrypt: ['kms:Decrypt'],
  /** Write through DynamoDB with a customer managed key: data keys, and decrypt to reuse them. */
  encrypt: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
  /** SQS producers on an SSE-KMS queue: a data key per reuse period, and Decrypt of the cached one. */
  generateDataKey: ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const;
