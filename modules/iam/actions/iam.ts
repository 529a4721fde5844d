/** IAM actions behind `grantPassRole` helpers. */
export const IAM_SERVICE_ACTIONS = {
  /** Hand a role to a service (always with an `iam:PassedToService` condition). */
  passRole: ['iam:PassRole'],
} as const;
