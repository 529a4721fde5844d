/**
 * IAM actions granted to other principals. Named `IAM_ROLE_ACTIONS`, not `IAM_ACTIONS`, because
 * `IAM_ACTIONS` in modules/iam/grants.ts is the older cross-service table.
 */
export const IAM_ROLE_ACTIONS = {
  /**
   * Hand a role to a service (a deploy pipeline registering a task definition that names the
   * task and execution roles); scoped to the role ARNs and limited by `iam:PassedToService`.
   */
  passRole: ['iam:PassRole'],
} as const;
