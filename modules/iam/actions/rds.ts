/**
 * IAM actions for Amazon RDS data-plane access. `rds-db:connect` is granted on a database user's
 * ARN (`arn:<partition>:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<user>`), never on `*`.
 */
export const RDS_ACTIONS = {
  /** Sign an IAM authentication token for one database user (IAM database authentication). */
  connect: ['rds-db:connect'],
} as const;
