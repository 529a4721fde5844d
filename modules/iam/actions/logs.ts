/** Amazon CloudWatch Logs actions, by purpose. */
export const LOGS_ACTIONS = {
  /**
   * Write events into log groups that exist: create streams, put events, and find a stream's
   * sequence state. Not `CreateLogGroup`: Terraform owns the groups and their retention. Scoped to
   * `<group ARN>` and `<group ARN>:*` (`grantLogsWrite`, `LogGroup.grantWrite`, flow-log delivery).
   */
  writeEvents: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  /** A service's delivery role writing events into a group (CloudTrail's CloudWatch Logs role). */
  deliverEvents: ['logs:CreateLogStream', 'logs:PutLogEvents'],
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
