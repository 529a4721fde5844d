/** Amazon EC2 Auto Scaling actions the grants in this package use. */
export const AUTOSCALING_ACTIONS = {
  /**
   * An instance reporting its own health (`aws autoscaling set-instance-health`). Scoped to the
   * group's ARN: `arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:*:autoScalingGroupName/<name>`.
   */
  setInstanceHealth: ['autoscaling:SetInstanceHealth'],
} as const;
