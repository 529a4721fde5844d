import { S3Backend, TerraformStack } from 'cdktf';
import { StateBackendSettings } from './settings';

/** The state object key of a stack: `<keyPrefix><stackName>/terraform.tfstate`. */
export function stateKey(settings: Pick<StateBackendSettings, 'keyPrefix'>, stackName: string): string {
  return `${settings.keyPrefix}${stackName}/terraform.tfstate`;
}

/**
 * Points a stack at the shared S3 state backend, under its own key, encrypted, with the
 * configured lock (DynamoDB table, S3-native lockfile, or both during a migration).
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
