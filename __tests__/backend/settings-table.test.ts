import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StateBackendBootstrapStack, StateBackendBootstrapStackProps } from '../../backend/bootstrap-stack';
import { applyAwsProviderEndpointOverrides, awsProviderEndpointOverrides } from '../../backend/endpoints';
import {
  DEFAULT_STATE_BACKEND,
  isEndpointUrl,
  resolveStateBackendSettings,
  StateBackendSettings,
} from '../../backend/settings';
import { errorOf } from '../support/synth-json';

type Env = Record<string, string | undefined>;

describe('resolveStateBackendSettings: problem texts', () => {
  const oneProblem = (line: string): string =>
    `Invalid input for state backend configuration (1 problem):\n  - ${line}`;

  it.each<[string, Env, string]>([
    [
      'a bucket name with upper case and an underscore',
      { MLMON_STATE_BUCKET: 'Bad_Bucket' },
      'environment variable MLMON_STATE_BUCKET = "Bad_Bucket": is not a valid S3 bucket name (may contain only ' +
        'lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit). ' +
        'Fix: choose a globally unique name such as "acme-mlmon-terraform-state"',
    ],
    [
      'a bucket name of two characters',
      { MLMON_STATE_BUCKET: 'ab' },
      'environment variable MLMON_STATE_BUCKET = "ab": is not a valid S3 bucket name (must be 3 to 63 ' +
        'characters long). Fix: choose a globally unique name such as "acme-mlmon-terraform-state"',
    ],
    [
      'a lock table name with a space',
      { MLMON_STATE_LOCK_TABLE: 'a b' },
      'environment variable MLMON_STATE_LOCK_TABLE = "a b": is not a valid DynamoDB table name. ' +
        'Fix: use 3-255 characters of a-z, A-Z, 0-9, "_", "-" and "."',
    ],
    [
      'a key prefix without a trailing slash',
      { MLMON_STATE_KEY_PREFIX: 'teams/ml' },
      'environment variable MLMON_STATE_KEY_PREFIX = "teams/ml": must be empty or path segments each ending ' +
        'in "/". Fix: use a prefix such as "teams/ml/"',
    ],
    [
      'an unknown lock mode',
      { MLMON_STATE_LOCKING: 'consul' },
      'environment variable MLMON_STATE_LOCKING = "consul": is not a lock mode. ' +
        'Fix: use one of dynamodb, lockfile, both',
    ],
    [
      'a KMS key that is a bare name',
      { MLMON_STATE_KMS_KEY_ID: 'my-key' },
      'environment variable MLMON_STATE_KMS_KEY_ID = "my-key": is not a KMS key ARN, alias or key id. ' +
        'Fix: use a key ARN ("arn:aws:kms:us-east-1:111122223333:key/<id>"), "alias/<name>", or unset it for SSE-S3',
    ],
    [
      'a KMS alias with junk before it',
      { MLMON_STATE_KMS_KEY_ID: 'my alias/terraform-state' },
      'environment variable MLMON_STATE_KMS_KEY_ID = "my alias/terraform-state": is not a KMS key ARN, alias ' +
        'or key id. Fix: use a key ARN ("arn:aws:kms:us-east-1:111122223333:key/<id>"), "alias/<name>", ' +
        'or unset it for SSE-S3',
    ],
    [
      'a KMS alias with junk after it',
      { MLMON_STATE_KMS_KEY_ID: 'alias/terraform-state x' },
      'environment variable MLMON_STATE_KMS_KEY_ID = "alias/terraform-state x": is not a KMS key ARN, alias ' +
        'or key id. Fix: use a key ARN ("arn:aws:kms:us-east-1:111122223333:key/<id>"), "alias/<name>", ' +
        'or unset it for SSE-S3',
    ],
    [
      'an endpoint without a scheme',
      { MLMON_STATE_S3_ENDPOINT: '127.0.0.1:9000' },
      'environment variable MLMON_STATE_S3_ENDPOINT = "127.0.0.1:9000": is not an http(s) URL with a host and ' +
        'no query. Fix: use a URL such as "http://127.0.0.1:9000" or "https://minio.example.com"',
    ],
    [
      'an endpoint with a user name',
      { MLMON_STATE_DYNAMODB_ENDPOINT: 'http://user@localhost:8000' },
      'environment variable MLMON_STATE_DYNAMODB_ENDPOINT = "http://user@localhost:8000": is not an http(s) URL ' +
        'with a host and no query. Fix: use a URL such as "http://127.0.0.1:9000" or "https://minio.example.com"',
    ],
    [
      'a boolean that is neither true nor false',
      { MLMON_STATE_USE_PATH_STYLE: 'maybe' },
      'environment variable MLMON_STATE_USE_PATH_STYLE = "maybe": is not a boolean. Fix: use "true" or "false"',
    ],
    [
      'an unknown bootstrap backend',
      { MLMON_STATE_BOOTSTRAP_BACKEND: 'remote' },
      'environment variable MLMON_STATE_BOOTSTRAP_BACKEND = "remote": is not a bootstrap state backend. ' +
        'Fix: use one of local, s3',
    ],
  ])('refuses %s', (_case, env, line) => {
    expect(errorOf(() => resolveStateBackendSettings(() => undefined, env))).toBe(oneProblem(line));
  });

  it.each<[string, string]>([
    ['a user name only', 'http://user@host'],
    ['a password only', 'http://:pass@host'],
    ['a user name and a password', 'http://user:pass@host'],
  ])('refuses an endpoint URL with credentials: %s', (_case, url) => {
    expect(isEndpointUrl(url)).toBe(false);
  });

  it.each<[string, string]>([
    ['a key ARN', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['an alias ARN', 'arn:aws-cn:kms:cn-north-1:111122223333:alias/team/state_key'],
    ['an alias with a path', 'alias/team/state_key'],
    ['a multi-Region key id', 'mrk-0123456789abcdef0123456789abcdef'],
  ])('accepts a KMS key given as %s', (_case, id) => {
    expect(resolveStateBackendSettings(() => undefined, { MLMON_STATE_KMS_KEY_ID: id }).kmsKeyId).toBe(id);
  });

  it('treats a null cdktf.json context value as unset', () => {
    expect(resolveStateBackendSettings(() => null, {})).toEqual({
      bucket: 'mlmon-terraform-state',
      lockTable: 'mlmon-terraform-locks',
      region: 'us-east-1',
      keyPrefix: '',
      locking: 'dynamodb',
      kmsKeyId: undefined,
      endpoints: undefined,
      usePathStyle: undefined,
      skipAwsChecks: undefined,
      bootstrapStateBackend: undefined,
    });
  });
});

describe('awsProviderEndpointOverrides: keys', () => {
  it.each<[string, StateBackendSettings, string[]]>([
    ['the AWS defaults', DEFAULT_STATE_BACKEND, []],
    ['skipAwsChecks false', { ...DEFAULT_STATE_BACKEND, skipAwsChecks: false }, []],
    ['an empty endpoints object', { ...DEFAULT_STATE_BACKEND, endpoints: {} }, []],
    ['usePathStyle false', { ...DEFAULT_STATE_BACKEND, usePathStyle: false }, ['s3UsePathStyle']],
    [
      'skipAwsChecks true',
      { ...DEFAULT_STATE_BACKEND, skipAwsChecks: true },
      [
        'skipCredentialsValidation',
        'skipRegionValidation',
        'skipRequestingAccountId',
        'skipMetadataApiCheck',
      ],
    ],
  ])('has only the keys that are set, for %s', (_case, settings, keys) => {
    expect(Object.keys(awsProviderEndpointOverrides(settings))).toEqual(keys);
  });
});

describe('applyAwsProviderEndpointOverrides on a configured provider', () => {
  const CONFIGURED = {
    region: 'eu-west-1',
    endpoints: [{ s3: 'http://s3.local:9000' }],
    s3UsePathStyle: true,
    skipCredentialsValidation: true,
    skipRegionValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
  };

  const applied = (settings: StateBackendSettings): Record<string, unknown> => {
    const stack = new TerraformStack(Testing.app(), 'apply');
    applyAwsProviderEndpointOverrides(new AwsProvider(stack, 'aws', CONFIGURED), settings);
    const json = JSON.parse(Testing.synth(stack)) as { provider: { aws: Record<string, unknown>[] } };
    return json.provider.aws[0];
  };

  it('keeps every setting the overrides leave unset', () => {
    expect(applied(DEFAULT_STATE_BACKEND)).toEqual({
      region: 'eu-west-1',
      endpoints: [{ s3: 'http://s3.local:9000' }],
      s3_use_path_style: true,
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
  });

  it('replaces only what the settings name', () => {
    expect(
      applied({
        ...DEFAULT_STATE_BACKEND,
        usePathStyle: false,
        endpoints: { dynamodb: 'http://db.local:8000' },
      }),
    ).toEqual({
      region: 'eu-west-1',
      endpoints: [{ dynamodb: 'http://db.local:8000' }],
      s3_use_path_style: false,
      skip_credentials_validation: true,
      skip_region_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
  });
});

type Json = {
  output: Record<string, { value: string; description: string }>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

function synthBootstrap(props: Partial<StateBackendBootstrapStackProps> = {}): Json {
  const stack = new StateBackendBootstrapStack(Testing.app(), 'mlmon-bootstrap', {
    settings: DEFAULT_STATE_BACKEND,
    tags: { Project: 'mlmon' },
    ...props,
  });
  return JSON.parse(Testing.synth(stack)) as Json;
}

/** The lifecycle rules of the state bucket and of its access-log bucket. */
function lifecycleRules(json: Json): Record<'state' | 'logs', unknown[]> {
  const out: Record<'state' | 'logs', unknown[]> = { state: [], logs: [] };
  for (const [key, config] of Object.entries(json.resource.aws_s3_bucket_lifecycle_configuration)) {
    out[key.startsWith('state-bucket_access-logs_') ? 'logs' : 'state'].push(...(config.rule as unknown[]));
  }
  return out;
}

/** An enabled lifecycle rule over the whole bucket. */
const enabled = (id: string, rule: Record<string, unknown>): Record<string, unknown> => ({
  id,
  status: 'Enabled',
  filter: [{}],
  ...rule,
});

describe('StateBackendBootstrapStack: retention', () => {
  it.each<[string, Partial<StateBackendBootstrapStackProps>, number, number]>([
    ['the defaults', {}, 90, 365],
    ['custom retention', { noncurrentVersionExpirationInDays: 30, accessLogExpirationInDays: 14 }, 30, 14],
    ['one-day retention', { noncurrentVersionExpirationInDays: 1, accessLogExpirationInDays: 1 }, 1, 1],
  ])(
    'keeps noncurrent state versions and access logs as configured: %s',
    (_case, props, noncurrent, logs) => {
      const abort = enabled('abort-incomplete-multipart-uploads', {
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      });
      expect(lifecycleRules(synthBootstrap(props))).toEqual({
        state: [
          abort,
          enabled('expire-noncurrent-versions', {
            noncurrent_version_expiration: [{ noncurrent_days: noncurrent }],
          }),
        ],
        logs: [
          abort,
          enabled('expire-noncurrent-versions', { noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
          enabled('expire-access-logs', { expiration: [{ days: logs }] }),
        ],
      });
    },
  );

  it.each<[Partial<StateBackendBootstrapStackProps>, string]>([
    [
      { accessLogExpirationInDays: 0 },
      'accessLogExpirationInDays = 0: must be a whole number from 1 to 36500. ' +
        'Fix: set accessLogExpirationInDays to a whole number from 1 to 36500',
    ],
    [
      { accessLogExpirationInDays: 36501 },
      'accessLogExpirationInDays = 36501: must be a whole number from 1 to 36500. ' +
        'Fix: set accessLogExpirationInDays to a whole number from 1 to 36500',
    ],
    [
      { noncurrentVersionExpirationInDays: 0 },
      'noncurrentVersionExpirationInDays = 0: must be a whole number from 1 to 36500. ' +
        'Fix: set noncurrentVersionExpirationInDays to a whole number from 1 to 36500',
    ],
  ])('refuses %j', (props, line) => {
    expect(errorOf(() => synthBootstrap(props))).toBe(
      `Invalid input for mlmon-bootstrap (1 problem):\n  - ${line}`,
    );
  });
});

describe('StateBackendBootstrapStack: outputs', () => {
  it('outputs the backend coordinates and, with a repository, the two role ARNs with their descriptions', () => {
    const json = synthBootstrap({ githubRepository: 'acme/mlmon-infra', projectPrefix: 'mlmon' });
    expect(json.output).toEqual({
      state_bucket: {
        value: '${aws_s3_bucket.state-bucket_828F7150.bucket}',
        description: "S3 bucket that holds every stack's Terraform state",
      },
      state_bucket_arn: {
        value: '${aws_s3_bucket.state-bucket_828F7150.arn}',
        description: 'ARN of the state bucket',
      },
      lock_table: {
        value: '${aws_dynamodb_table.lock-table.name}',
        description: 'DynamoDB table that holds Terraform state locks',
      },
      region: { value: 'us-east-1', description: 'Region of the state backend' },
      github_plan_role_arn: {
        value: '${aws_iam_role.github_plan-role_98B75438.arn}',
        description: 'Role for pull-request plans: repository variable AWS_PLAN_ROLE_ARN',
      },
      github_deploy_role_arn: {
        value: '${aws_iam_role.github_deploy-role_469007E9.arn}',
        description: 'Role for deploys from main: repository variable AWS_DEPLOY_ROLE_ARN',
      },
    });
  });
});
