import { Testing, TerraformStack } from 'cdktf';
import {
  DEFAULT_STATE_BACKEND,
  resolveStateBackendSettings,
  StateBackendSettings,
} from '../../backend/settings';
import {
  configureBootstrapStateBackend,
  configureStateBackend,
  stateKey,
  stateLocations,
} from '../../backend/state-backend';
import { lazy } from '../support/lazy';

type BackendJson = { terraform: { backend: Record<string, Record<string, unknown>> } };

function synthBackend(
  settings: StateBackendSettings,
  stackName = 'mlmon-dev',
  configure: (stack: TerraformStack, settings: StateBackendSettings) => unknown = configureStateBackend,
): Record<string, Record<string, unknown>> {
  const stack = new TerraformStack(Testing.app(), stackName);
  configure(stack, settings);
  return (JSON.parse(Testing.synth(stack)) as BackendJson).terraform.backend;
}

const emulatorSettings = resolveStateBackendSettings(() => undefined, {
  MLMON_STATE_S3_ENDPOINT: 'http://127.0.0.1:9000',
  MLMON_STATE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  MLMON_STATE_STS_ENDPOINT: 'http://127.0.0.1:9001',
  MLMON_STATE_IAM_ENDPOINT: 'http://127.0.0.1:9002',
  MLMON_STATE_USE_PATH_STYLE: 'true',
  MLMON_STATE_SKIP_AWS_CHECKS: 'true',
});

describe('key layout', () => {
  it.each([
    ['', 'mlmon-dev', 'mlmon-dev/terraform.tfstate'],
    ['', 'mlmon-bootstrap', 'mlmon-bootstrap/terraform.tfstate'],
    ['teams/ml/', 'mlmon-prod', 'teams/ml/mlmon-prod/terraform.tfstate'],
  ])('prefix %p and stack %p -> %p', (keyPrefix, stack, key) => {
    expect(stateKey({ keyPrefix }, stack)).toBe(key);
    expect(synthBackend({ ...DEFAULT_STATE_BACKEND, keyPrefix }, stack).s3.key).toBe(key);
  });

  it('gives every stack a different key', () => {
    const keys = ['mlmon-bootstrap', 'mlmon-dev', 'mlmon-staging', 'mlmon-prod'].map((s) =>
      stateKey(DEFAULT_STATE_BACKEND, s),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the state object, the DynamoDB lock and digest items, and the lock object of a stack', () => {
    expect(stateLocations({ bucket: 'acme-state', keyPrefix: 'teams/ml/' }, 'mlmon-dev')).toEqual({
      stateObjectKey: 'teams/ml/mlmon-dev/terraform.tfstate',
      dynamodbLockId: 'acme-state/teams/ml/mlmon-dev/terraform.tfstate',
      dynamodbDigestId: 'acme-state/teams/ml/mlmon-dev/terraform.tfstate-md5',
      lockfileKey: 'teams/ml/mlmon-dev/terraform.tfstate.tflock',
    });
  });
});

describe('configureStateBackend on AWS (defaults)', () => {
  const built = lazy(() => {
    const backend = synthBackend(DEFAULT_STATE_BACKEND);
    return { backend };
  });

  it('uses the S3 backend, encrypted, with the DynamoDB lock and nothing else', () => {
    const { backend } = built();
    expect(backend).toEqual({
      s3: {
        bucket: 'mlmon-terraform-state',
        key: 'mlmon-dev/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        dynamodb_table: 'mlmon-terraform-locks',
      },
    });
  });

  it('sets a KMS key when configured', () => {
    expect(synthBackend({ ...DEFAULT_STATE_BACKEND, kmsKeyId: 'alias/terraform-state' }).s3.kms_key_id).toBe(
      'alias/terraform-state',
    );
  });
});

describe('lock modes', () => {
  it.each([
    ['dynamodb', 'mlmon-terraform-locks', undefined],
    ['lockfile', undefined, true],
    ['both', 'mlmon-terraform-locks', true],
  ] as const)('%s: dynamodb_table = %p, use_lockfile = %p', (locking, table, lockfile) => {
    const s3 = synthBackend({ ...DEFAULT_STATE_BACKEND, locking }).s3;
    expect({ table: s3.dynamodb_table, lockfile: s3.use_lockfile }).toEqual({ table, lockfile });
  });
});

describe('custom endpoints (S3-compatible stores)', () => {
  it('passes the endpoints, path-style addressing and every skip flag to the backend', () => {
    expect(synthBackend(emulatorSettings).s3).toEqual({
      bucket: 'mlmon-terraform-state',
      key: 'mlmon-dev/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 'mlmon-terraform-locks',
      endpoints: {
        s3: 'http://127.0.0.1:9000',
        dynamodb: 'http://127.0.0.1:8000',
        sts: 'http://127.0.0.1:9001',
        iam: 'http://127.0.0.1:9002',
      },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_s3_checksum: true,
    });
  });

  it('writes only the endpoints that are set', () => {
    const s3 = synthBackend({ ...DEFAULT_STATE_BACKEND, endpoints: { s3: 'http://minio:9000' } }).s3;
    expect(s3.endpoints).toEqual({ s3: 'http://minio:9000' });
    expect(s3.skip_credentials_validation).toBeUndefined();
    expect(s3.use_path_style).toBeUndefined();
  });

  it('writes path-style false and no skip flags when they are turned off explicitly', () => {
    const s3 = synthBackend({ ...DEFAULT_STATE_BACKEND, usePathStyle: false, skipAwsChecks: false }).s3;
    expect(s3.use_path_style).toBe(false);
    expect(Object.keys(s3).filter((k) => k.startsWith('skip_'))).toEqual([]);
  });
});

describe('configureBootstrapStateBackend', () => {
  const localPath = '../../../terraform.mlmon-bootstrap.tfstate';

  it('keeps the bootstrap stack on a local file by default', () => {
    const configure = (stack: TerraformStack, s: StateBackendSettings): unknown =>
      configureBootstrapStateBackend(stack, s, localPath);
    expect(synthBackend(DEFAULT_STATE_BACKEND, 'mlmon-bootstrap', configure)).toEqual({
      local: { path: localPath },
    });
    expect(
      synthBackend(
        { ...DEFAULT_STATE_BACKEND, bootstrapStateBackend: 'local' },
        'mlmon-bootstrap',
        configure,
      ),
    ).toEqual({ local: { path: localPath } });
  });

  it('moves it into its own bucket, under its own key and with the configured lock, once set to s3', () => {
    const configure = (stack: TerraformStack, s: StateBackendSettings): unknown =>
      configureBootstrapStateBackend(stack, s, localPath);
    const settings: StateBackendSettings = {
      ...emulatorSettings,
      bootstrapStateBackend: 's3',
      locking: 'both',
    };
    expect(synthBackend(settings, 'mlmon-bootstrap', configure)).toEqual(
      synthBackend(settings, 'mlmon-bootstrap', configureStateBackend),
    );
    expect(synthBackend(settings, 'mlmon-bootstrap', configure).s3).toEqual(
      expect.objectContaining({
        key: 'mlmon-bootstrap/terraform.tfstate',
        dynamodb_table: 'mlmon-terraform-locks',
        use_lockfile: true,
      }),
    );
  });
});
