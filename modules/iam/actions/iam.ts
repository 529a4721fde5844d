/**
 * AWS IAM actions granted to other principals. Named `IAM_ROLE_ACTIONS` because every action in
 * it concerns roles.
 */
export const IAM_ROLE_ACTIONS = {
  /**
   * Hand a role to a service (a deploy pipeline registering a task definition that names the
   * task and execution roles); scoped to the role ARNs and limited by `iam:PassedToService`.
   */
  passRole: ['iam:PassRole'],
} as const;
