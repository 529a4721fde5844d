/**
 * Amazon Cognito user pools for API authentication: `UserPool` (administrators create users, MFA,
 * threat protection, deletion protection) and public `UserPoolClient`s (no client secret, so none
 * lands in Terraform state), with the issuer and audience an HTTP API's JWT authorizer needs.
 * Import from `@ml-platform/cdktf-aws/cognito`.
 * @packageDocumentation
 */
export { UserPool } from './user-pool';
export type { ThreatProtectionMode, UserPoolFeaturePlan, UserPoolMfa, UserPoolProps } from './user-pool';
export { UserPoolClient } from './user-pool-client';
export type { UserPoolClientOAuth, UserPoolClientOptions, UserPoolClientProps } from './user-pool-client';
