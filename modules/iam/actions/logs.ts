/** CloudWatch Logs actions for workloads that write to log groups Terraform created. */
export const LOGS_ACTIONS = {
  /** Write events; the log group itself is created (with its retention) by Terraform. */
  write: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  /** For services that create their own log group on first use (SageMaker training jobs). */
  createGroup: ['logs:CreateLogGroup'],
  /** Read-only listing of the streams of a group (SageMaker's log agent calls it). */
  describeStreams: ['logs:DescribeLogStreams'],
} as const;
