/**
 * IAM actions for AWS Secrets Manager secrets, and the KMS actions their keys need when a caller
 * reaches them through Secrets Manager. Grants scope the secret actions to one secret ARN and the
 * KMS actions to the secret's key, with `kms:ViaService` and the `SecretARN` encryption context.
 */
export const SECRETSMANAGER_ACTIONS = {
  /** Read the current (or a staged) value and the metadata. */
  read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
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
  /** On the secret's customer managed key, through Secrets Manager: decrypt values. */
  kmsRead: ['kms:Decrypt'],
  /** On the secret's customer managed key, through Secrets Manager: encrypt new values. */
  kmsWrite: ['kms:GenerateDataKey', 'kms:Decrypt'],
} as const;
