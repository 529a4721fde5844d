import { AwsProvider, AwsProviderConfig, AwsProviderEndpoints } from '@cdktf/provider-aws/lib/provider';
import { StateBackendSettings } from './settings';

/** The part of an {@link AwsProviderConfig} that points the provider at custom endpoints. */
export type AwsProviderEndpointOverrides = Pick<
  AwsProviderConfig,
  | 'endpoints'
  | 's3UsePathStyle'
  | 'skipCredentialsValidation'
  | 'skipRegionValidation'
  | 'skipRequestingAccountId'
  | 'skipMetadataApiCheck'
>;

/**
 * The AWS provider settings that send the state backend's resources (bucket, lock table) to the
 * same custom endpoints the S3 backend uses: S3-compatible stores such as MinIO, Ceph RGW or
 * LocalStack. Empty when no custom endpoint or flag is configured, so spreading it into a provider
 * config changes nothing on AWS.
 *
 * ```ts
 * new AwsProvider(this, 'aws', { region: settings.region, ...awsProviderEndpointOverrides(settings) });
 * ```
 *
 * | setting           | provider argument                                                    |
 * |-------------------|----------------------------------------------------------------------|
 * | `endpoints.*`     | `endpoints { s3, dynamodb, sts, iam }`                               |
 * | `usePathStyle`    | `s3_use_path_style`                                                  |
 * | `skipAwsChecks`   | `skip_credentials_validation`, `skip_region_validation`,             |
 * |                   | `skip_requesting_account_id`, `skip_metadata_api_check`              |
 *
 * The backend's `skip_s3_checksum` has no provider counterpart: the provider only sends checksums
 * where an S3 API requires them.
 */
export function awsProviderEndpointOverrides(settings: StateBackendSettings): AwsProviderEndpointOverrides {
  const endpoints = providerEndpoints(settings);
  const skip = settings.skipAwsChecks === true;
  return {
    ...(endpoints ? { endpoints: [endpoints] } : {}),
    ...(settings.usePathStyle !== undefined ? { s3UsePathStyle: settings.usePathStyle } : {}),
    ...(skip
      ? {
          skipCredentialsValidation: true,
          skipRegionValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: 'true',
        }
      : {}),
  };
}

/**
 * Applies {@link awsProviderEndpointOverrides} to a provider that already exists (for instance
 * one created by a stack that doesn't take the overrides in its constructor). Settings without
 * custom endpoints or flags leave the provider as it is.
 */
export function applyAwsProviderEndpointOverrides(
  provider: AwsProvider,
  settings: StateBackendSettings,
): void {
  const overrides = awsProviderEndpointOverrides(settings);
  if (overrides.endpoints !== undefined) provider.endpoints = overrides.endpoints;
  if (overrides.s3UsePathStyle !== undefined) provider.s3UsePathStyle = overrides.s3UsePathStyle;
  if (overrides.skipCredentialsValidation !== undefined) {
    provider.skipCredentialsValidation = overrides.skipCredentialsValidation;
  }
  if (overrides.skipRegionValidation !== undefined)
    provider.skipRegionValidation = overrides.skipRegionValidation;
  if (overrides.skipRequestingAccountId !== undefined) {
    provider.skipRequestingAccountId = overrides.skipRequestingAccountId;
  }
  if (overrides.skipMetadataApiCheck !== undefined)
    provider.skipMetadataApiCheck = overrides.skipMetadataApiCheck;
}

function providerEndpoints(settings: StateBackendSettings): AwsProviderEndpoints | undefined {
  const e = settings.endpoints;
  if (!e) return undefined;
  const entries = Object.entries({ s3: e.s3, dynamodb: e.dynamodb, sts: e.sts, iam: e.iam }).filter(
    ([, value]) => value !== undefined,
  );
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as AwsProviderEndpoints);
}
