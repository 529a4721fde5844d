/**
 * ECR: repositories with immutable tags, scanning, KMS encryption and lifecycle rules, grants to
 * pull and push; registry scanning. Import from `@ml-platform/cdktf-aws/ecr`.
 * @packageDocumentation
 */
export { Repository } from './repository';
export type { RepositoryEncryption, RepositoryProps, TagMutability } from './repository';
export { RegistryScanning } from './registry-scanning';
export type {
  RegistryScanningProps,
  RegistryScanningRule,
  ScanFrequency,
  ScanType,
} from './registry-scanning';
export type { LifecyclePolicyRule, LifecyclePolicySettings } from './lifecycle-policy';
