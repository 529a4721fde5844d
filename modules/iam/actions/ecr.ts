/**
 * Amazon ECR actions, by purpose: the grants of `Repository` (modules/ecr: `grantPull`,
 * `grantPush`, `grantPullPush`, the cross-account pull statement of a repository policy), the ECS
 * task execution role (modules/ecs-fargate) and the Compose host's instance role
 * (modules/compose-host).
 */
export const ECR_ACTIONS = {
  /** Pull layers and manifests; scoped to repository ARNs. */
  pull: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
  /**
   * Upload layers and put image manifests; scoped to repository ARNs. `BatchCheckLayerAvailability`
   * lets `docker push` skip layers the repository already has. No delete action: lifecycle
   * policies expire images.
   */
  push: [
    'ecr:BatchCheckLayerAvailability',
    'ecr:CompleteLayerUpload',
    'ecr:InitiateLayerUpload',
    'ecr:PutImage',
    'ecr:UploadLayerPart',
  ],
  /**
   * Log in to the registry (`docker login`). Supports no resource-level permissions:
   * `Resource: "*"`; the token alone reaches no repository the principal may not pull from or push to.
   */
  authorizationToken: ['ecr:GetAuthorizationToken'],
} as const;
