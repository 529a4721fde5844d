/** AWS KMS actions the grants in this package use. */
export const KMS_ACTIONS = {
  /**
   * Publishing to a topic encrypted with a customer managed key: SNS generates a data key and
   * decrypts it on the publisher's behalf (limited with `kms:ViaService`).
   */
  encryptViaService: ['kms:GenerateDataKey*', 'kms:Decrypt'],
  /** A SecureString parameter encrypted with a customer managed key, read and written through SSM. */
  secureStringReadWrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
} as const;
