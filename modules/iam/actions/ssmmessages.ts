/**
 * Session Manager message-channel actions. ECS Exec (modules/ecs-fargate) needs them on the task
 * role: the SSM agent in the task opens the channels the `aws ecs execute-command` session uses.
 */
export const SSMMESSAGES_ACTIONS = {
  /** The four channel actions. `ssmmessages` has no resource types: `Resource: "*"`. */
  sessionChannels: [
    'ssmmessages:CreateControlChannel',
    'ssmmessages:CreateDataChannel',
    'ssmmessages:OpenControlChannel',
    'ssmmessages:OpenDataChannel',
  ],
} as const;
