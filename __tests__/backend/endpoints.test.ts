import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyAwsProviderEndpointOverrides, awsProviderEndpointOverrides } from '../../backend/endpoints';
import {
  DEFAULT_STATE_BACKEND,
  resolveStateBackendSettings,
  StateBackendSettings,
} from '../../backend/settings';

const minio = resolveStateBackendSettings(() => undefined, {
  MLMON_STATE_S3_ENDPOINT: 'http://127.0.0.1:9000',
  MLMON_STATE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  MLMON_STATE_USE_PATH_STYLE: 'true',
  MLMON_STATE_SKIP_AWS_CHECKS: 'true',
});

function synthProvider(settings: StateBackendSettings, how: 'spread' | 'apply'): Record<string, unknown> {
  const stack = new TerraformStack(Testing.app(), 'mlmon-bootstrap');
  const base = { region: settings.region, defaultTags: [{ tags: { Project: 'mlmon' } }] };
  if (how === 'spread') {
    new AwsProvider(stack, 'aws', { ...base, ...awsProviderEndpointOverrides(settings) });
  } else {
    applyAwsProviderEndpointOverrides(new AwsProvider(stack, 'aws', base), settings);
  }
  const json = JSON.parse(Testing.synth(stack)) as { provider: { aws: Record<string, unknown>[] } };
  return json.provider.aws[0];
}

describe('awsProviderEndpointOverrides', () => {
  it('is empty on AWS, so spreading it into a provider changes nothing', () => {
    expect(awsProviderEndpointOverrides(DEFAULT_STATE_BACKEND)).toEqual({});
  });

  it('sends the provider to the custom endpoints, path-style, with the AWS checks skipped', () => {
    expect(awsProviderEndpointOverrides(minio)).toEqual({
      endpoints: [{ s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:8000' }],
      s3UsePathStyle: true,
      skipCredentialsValidation: true,
      skipRegionValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
    });
  });

  it('passes only what is set', () => {
    expect(
      awsProviderEndpointOverrides({ ...DEFAULT_STATE_BACKEND, endpoints: { sts: 'https://sts.local' } }),
    ).toEqual({
      endpoints: [{ sts: 'https://sts.local' }],
    });
    expect(awsProviderEndpointOverrides({ ...DEFAULT_STATE_BACKEND, usePathStyle: false })).toEqual({
      s3UsePathStyle: false,
    });
    expect(awsProviderEndpointOverrides({ ...DEFAULT_STATE_BACKEND, endpoints: {} })).toEqual({});
  });
});

describe.each(['spread', 'apply'] as const)('provider configuration (%s)', (how) => {
  it('renders the endpoints block, s3_use_path_style and the skip flags', () => {
    expect(synthProvider(minio, how)).toEqual({
      region: 'us-east-1',
      default_tags: [{ tags: { Project: 'mlmon' } }],
      endpoints: [{ s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:8000' }],
      s3_use_path_style: true,
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
  });

  it('leaves the provider as it is without custom endpoints', () => {
    expect(synthProvider(DEFAULT_STATE_BACKEND, how)).toEqual({
      region: 'us-east-1',
      default_tags: [{ tags: { Project: 'mlmon' } }],
    });
  });
});
