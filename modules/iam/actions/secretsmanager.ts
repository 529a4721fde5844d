/**
 * IAM actions for AWS Secrets Manager secrets. Grants scope them to one secret ARN; the KMS
 * actions a customer managed key needs come from `KMS_ACTIONS` (`secretRead`, `secretWrite`),
 * scoped to the key with `kms:ViaService` and the `SecretARN` encryption context.
 */
export const SECRETSMANAGER_ACTIONS = {
  /** Read the current (or a staged) value and the metadata. */
  read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  /**
   * Read the value only: what ECS and Batch execution roles need to inject a secret into a
   * container at start.
   */
  readValue: ['secretsmanager:GetSecretValue'],
  /**
   * Store a new value and move staging labels: what an operator or a rotation function does. No
   * delete, no policy or rotation changes.
   */
  write: [
    'secretsmanager:PutSecretValue',
    'secretsmanager:UpdateSecretVersionStage',
    'secretsmanager:DescribeSecret',
  ],
  /**
   * Generate a random password (rotation functions). It acts on no resource, so it can only be
   * granted on `Resource: "*"`; it reveals nothing stored.
   */
  generatePassword: ['secretsmanager:GetRandomPassword'],
} as const;
