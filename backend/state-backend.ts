import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { StateBackendSettings } from './settings';

/** The state object key of a stack: `<keyPrefix><stackName>/terraform.tfstate`. */
export function stateKey(settings: Pick<StateBackendSettings, 'keyPrefix'>, stackName: string): string {
  return `${settings.keyPrefix}${stackName}/terraform.tfstate`;
}

/**
 * Where Terraform's S3 backend keeps a stack's state and locks, for runbooks (finding a stale
 * lock before `terraform force-unlock`) and tests.
 */
export interface StateLocations {
  /** The state object: `<keyPrefix><stack>/terraform.tfstate` in the state bucket. */
  readonly stateObjectKey: string;
  /** `LockID` of the DynamoDB lock item while an operation holds the lock (`dynamodb`, `both`). */
  readonly dynamodbLockId: string;
  /**
   * `LockID` of the DynamoDB item holding the MD5 digest of the last state written with DynamoDB
   * locking; Terraform refuses a state object that doesn't match it.
   */
  readonly dynamodbDigestId: string;
  /** The S3-native lock object while an operation holds the lock (`lockfile`, `both`). */
  readonly lockfileKey: string;
}

/** The state and lock locations of a stack; see {@link StateLocations}. */
export function stateLocations(
  settings: Pick<StateBackendSettings, 'bucket' | 'keyPrefix'>,
  stackName: string,
): StateLocations {
  const key = stateKey(settings, stackName);
  return {
    stateObjectKey: key,
    dynamodbLockId: `${settings.bucket}/${key}`,
    dynamodbDigestId: `${settings.bucket}/${key}-md5`,
    lockfileKey: `${key}.tflock`,
  };
}

/**
 * Points a stack at the shared S3 state backend, under its own key, encrypted, with the
 * configured lock (DynamoDB table, S3-native lockfile, or both during a migration), and at custom
 * endpoints when configured (S3-compatible stores).
 *
 * cdktf 0.21's `S3Backend` has no `useLockfile` field, so `use_lockfile` is added as an override.
 */
export function configureStateBackend(stack: TerraformStack, settings: StateBackendSettings): S3Backend {
  const stackName = stack.node.id;
  const endpoints = settings.endpoints;
  const skip = settings.skipAwsChecks === true;
  const backend = new S3Backend(stack, {
    bucket: settings.bucket,
    key: stateKey(settings, stackName),
    region: settings.region,
    encrypt: true,
    kmsKeyId: settings.kmsKeyId,
    dynamodbTable: settings.locking === 'lockfile' ? undefined : settings.lockTable,
    endpoints: endpoints
      ? { s3: endpoints.s3, dynamodb: endpoints.dynamodb, sts: endpoints.sts, iam: endpoints.iam }
      : undefined,
    usePathStyle: settings.usePathStyle,
    skipCredentialsValidation: skip || undefined,
    skipRegionValidation: skip || undefined,
    skipRequestingAccountId: skip || undefined,
    skipMetadataApiCheck: skip || undefined,
    skipS3Checksum: skip || undefined,
  });
  if (settings.locking !== 'dynamodb') backend.addOverride('use_lockfile', true);
  return backend;
}

/**
 * The backend of the bootstrap stack, which creates the state bucket and so can't start in it:
 * a local state file while `settings.bootstrapStateBackend` is `local` (the default), and the same
 * S3 backend as every other stack (its own key, the configured lock) once it is `s3`. Switching
 * from `local` to `s3` needs `terraform init -migrate-state` in the stack's directory, which copies
 * the local state into the bucket (see docs/state-backend.md).
 *
 * @param localStatePath the local state file, relative to the stack's directory in `cdktf.out`
 */
export function configureBootstrapStateBackend(
  stack: TerraformStack,
  settings: StateBackendSettings,
  localStatePath: string,
): LocalBackend | S3Backend {
  if (settings.bootstrapStateBackend === 's3') return configureStateBackend(stack, settings);
  return new LocalBackend(stack, { path: localStatePath });
}
