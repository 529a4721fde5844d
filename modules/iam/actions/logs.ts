/**
 * CloudWatch Logs actions not covered by `IAM_ACTIONS.logsWrite` (modules/iam/grants.ts).
 */
export const LOGS_ACTIONS = {
  /**
   * The SSM agent checks that the ECS Exec log group exists before it writes session logs.
   * `DescribeLogGroups` is authorized against `*` only.
   */
  describeLogGroups: ['logs:DescribeLogGroups'],
  /** Write events to a group Terraform created (with its retention): no CreateLogGroup. */
  write: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  /** For services that create their own log group on first use (SageMaker training jobs). */
  createGroup: ['logs:CreateLogGroup'],
  /** Read-only listing of the streams of a group (SageMaker's log agent calls it). */
  describeStreams: ['logs:DescribeLogStreams'],
} as const;
