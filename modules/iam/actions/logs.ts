/** Amazon CloudWatch Logs actions, by purpose. */
export const LOGS_ACTIONS = {
  /**
   * Write events into log groups that exist: create streams, put events, and find a stream's
   * sequence state. Not `CreateLogGroup`: Terraform owns the groups and their retention. Scoped to
   * `<group ARN>` and `<group ARN>:*` (`grantLogsWrite`, `LogGroup.grantWrite`, flow-log delivery).
   */
  writeEvents: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  /**
   * The SSM agent checks that the ECS Exec log group exists before it writes session logs.
   * `DescribeLogGroups` is authorized against `*` only.
   */
  describeLogGroups: ['logs:DescribeLogGroups'],
} as const;
