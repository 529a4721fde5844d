/** KMS actions that grants add when a resource is encrypted with a customer managed key. */
export const KMS_ACTIONS = {
  decrypt: ['kms:Decrypt'],
  /** Producers of encrypted data (SQS senders, DynamoDB writers): data keys, and decrypt to reuse them. */
  encrypt: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
  /** SQS producers: a data key per reuse period (and Decrypt, which SendMessage calls on a cached key). */
  generateDataKey: ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const;
