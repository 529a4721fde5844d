/**
 * The Terraform state backend every project needs before its first stack: the bootstrap stack
 * (S3 state bucket with its access-log bucket, DynamoDB lock table, both with `prevent_destroy`,
 * optional GitHub OIDC roles for CI) and the helpers that point each stack at it.
 *
 * ```ts
 * import { StateBackendBootstrapStack, configureStateBackend } from '@ml-platform/cdktf-aws/backend';
 * ```
 *
 * Resolving the settings from environment variables or cdktf.json context (`resolveStateBackendSettings`
 * in backend/settings.ts) stays in this repository: its variable names are this project's.
 * Import from `@ml-platform/cdktf-aws/backend`.
 * @packageDocumentation
 */
export { StateBackendBootstrapStack } from './bootstrap-stack';
export type { StateBackendBootstrapStackProps } from './bootstrap-stack';
export type {
  StateBackendSettings,
  StateLocking,
  BootstrapStateBackend,
  StateBackendEndpoints,
} from './settings';
export { STATE_LOCKING_MODES, BOOTSTRAP_STATE_BACKENDS } from './settings';
export {
  configureStateBackend,
  configureBootstrapStateBackend,
  stateKey,
  stateLocations,
} from './state-backend';
export type { StateLocations } from './state-backend';
export { awsProviderEndpointOverrides, applyAwsProviderEndpointOverrides } from './endpoints';
export type { AwsProviderEndpointOverrides } from './endpoints';
export {
  GithubActionsRole,
  GithubOidcRoles,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  PASSABLE_SERVICES,
  deployPolicyGroups,
} from './github-oidc';
export type { GithubActionsRoleProps, GithubOidcRolesProps, PolicyScope } from './github-oidc';
