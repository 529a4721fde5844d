/** Amazon CloudWatch (metrics) actions the grants in this package use. */
export const CLOUDWATCH_ACTIONS = {
  /**
   * Publish custom metrics. It has no resource-level permissions, so grants use `Resource: "*"`
   * and scope it with the `cloudwatch:namespace` condition.
   */
  putMetricData: ['cloudwatch:PutMetricData'],
} as const;
