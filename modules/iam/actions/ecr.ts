/**
 * Amazon ECR actions: pulling images (the execution role of a container job or task).
 */
export const ECR_ACTIONS = {
  /** Fetch image layers and manifests; scoped to repository ARNs. */
  pull: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
  /**
   * Get a registry login token. It has no resource-level permissions, so it takes `Resource: "*"`;
   * the token alone reads nothing without `pull` on a repository.
   */
  authorizationToken: ['ecr:GetAuthorizationToken'],
} as const;
