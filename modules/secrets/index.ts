/**
 * Secrets Manager secrets: customer managed key, resource policy, replicas, rotation (Lambda or
 * managed), generated values that never reach Terraform state (ephemeral resource and write-only
 * argument), and grants. Import from `@ml-platform/cdktf-aws/secrets`.
 * @packageDocumentation
 */
export { Secret, DEFAULT_EXCLUDE_CHARACTERS } from './secret';
export type { GeneratedSecretString, SecretProps, SecretReplica, SecretRotation } from './secret';
export { SecretRotationSchedule, isValidScheduleExpression } from './secret-rotation-schedule';
export type { RotationSchedule, SecretRotationScheduleProps } from './secret-rotation-schedule';
export { EphemeralRandomPassword } from './ephemeral-random-password';
export type { EphemeralRandomPasswordConfig } from './ephemeral-random-password';
