/**
 * AWS Secrets Manager actions, by purpose. Used by the ECS task execution role
 * (modules/ecs-fargate), which reads secrets to inject them into containers.
 */
export const SECRETSMANAGER_ACTIONS = {
  /** Read a secret's value; scoped to secret ARNs. */
  read: ['secretsmanager:GetSecretValue'],
} as const;
