/**
 * Amazon ECR actions, by purpose. Used by the ECS task execution role (modules/ecs-fargate) and
 * the Compose host's instance role (modules/compose-host) to pull images.
 */
export const ECR_ACTIONS = {
  /** Pull layers and manifests; scoped to repository ARNs. */
  pull: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
  /** Log in to the registry. Supports no resource-level permissions: `Resource: "*"`. */
  authorizationToken: ['ecr:GetAuthorizationToken'],
} as const;
