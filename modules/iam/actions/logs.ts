/**
 * CloudWatch Logs actions not covered by `IAM_ACTIONS.logsWrite` (modules/iam/grants.ts).
 */
export const LOGS_ACTIONS = {
  /**
   * The SSM agent checks that the ECS Exec log group exists before it writes session logs.
   * `DescribeLogGroups` is authorized against `*` only.
   */
  describeLogGroups: ['logs:DescribeLogGroups'],
} as const;
