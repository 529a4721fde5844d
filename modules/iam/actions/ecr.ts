/**
 * Amazon ECR actions behind every ECR grant (`Repository.grantPull`, `grantPush`,
 * `grantPullPush`) and the cross-account pull statement of a repository policy.
 */
export const ECR_ACTIONS = {
  /** Read image manifests and layers from one repository. */
  pull: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  /**
   * Upload layers and put image manifests. `BatchCheckLayerAvailability` lets `docker push` skip
   * layers the repository already has; no delete action is granted (lifecycle policies expire
   * images).
   */
  push: [
    'ecr:BatchCheckLayerAvailability',
    'ecr:CompleteLayerUpload',
    'ecr:InitiateLayerUpload',
    'ecr:PutImage',
    'ecr:UploadLayerPart',
  ],
  /**
   * The registry login token (`docker login`). It supports no resource-level permissions, so it is
   * granted on `*`; the token alone reaches no repository the principal has no pull or push
   * permission on.
   */
  authToken: ['ecr:GetAuthorizationToken'],
} as const;
