/**
 * Amazon ECS actions, by purpose. Used by `FargateService.grantDeploy` and `ServiceRestartSchedule` (modules/ecs-fargate).
 */
export const ECS_ACTIONS = {
  /** Roll a service to another task definition revision and watch it; scoped to the service ARN. */
  deployService: ['ecs:UpdateService', 'ecs:DescribeServices'],
  /** Restart a service's tasks (`forceNewDeployment`) without changing it; scoped to the service ARN. */
  restartService: ['ecs:UpdateService'],
  /**
   * Register a new revision and read the current one. Neither action supports resource-level
   * permissions, so these need `Resource: "*"`; what the revision may do is bounded by
   * `iam:PassRole` on the two roles.
   */
  registerTaskDefinition: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'],
  /**
   * Tag a revision while registering it (the registration carries tags); limited to
   * `RegisterTaskDefinition` by the `ecs:CreateAction` condition.
   */
  tagOnRegister: ['ecs:TagResource'],
} as const;
