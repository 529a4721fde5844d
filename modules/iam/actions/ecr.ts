/** Amazon ECR actions the grants in this package use. */
export const ECR_ACTIONS = {
  /** Registry login token; has no resource-level permissions (`Resource: "*"`). */
  authorizationToken: ['ecr:GetAuthorizationToken'],
  /** Pulling images, scoped to repository ARNs. */
  pull: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
} as const;
