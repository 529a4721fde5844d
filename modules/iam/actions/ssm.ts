/**
 * AWS Systems Manager Parameter Store actions, by purpose. Used by the ECS task execution role
 * (modules/ecs-fargate).
 */
export const SSM_ACTIONS = {
  /**
   * What ECS calls to inject parameters into containers (`secrets` with an SSM parameter ARN);
   * scoped to parameter ARNs. Not `GetParametersByPath`: ECS reads named parameters only.
   */
  injectParameters: ['ssm:GetParameters'],
} as const;
