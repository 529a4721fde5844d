/** ECR actions behind image pulls. */
export const ECR_ACTIONS = {
  /** Pull layers and manifests of the given repositories. */
  pull: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  /** The registry login token: supports no resource-level permission, so IAM only accepts `*`. */
  authorizationToken: ['ecr:GetAuthorizationToken'],
} as const;
