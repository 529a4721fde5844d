/** CloudWatch (metrics) actions. */
export const CLOUDWATCH_ACTIONS = {
  /** No resource-level permission: scope with the `cloudwatch:namespace` condition. */
  putMetricData: ['cloudwatch:PutMetricData'],
} as const;
