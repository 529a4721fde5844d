import {
  DEFAULT_STATE_BACKEND,
  isEndpointUrl,
  resolveStateBackendSettings,
  STATE_BACKEND_SOURCES,
  StateBackendSettings,
} from '../../backend/settings';
import { ValidationError, ValidationProblem } from '../../modules/core/validation';

type Env = Record<string, string | undefined>;

const noContext = (): unknown => undefined;
const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

function resolve(env: Env = {}, context: Record<string, unknown> = {}): StateBackendSettings {
  return resolveStateBackendSettings(contextOf(context), env);
}

function problemsOf(run: () => unknown): readonly ValidationProblem[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('defaults', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(resolveStateBackendSettings(noContext, {})).toEqual({
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

  it('DEFAULT_STATE_BACKEND is what an empty configuration resolves to', () => {
    expect(resolveStateBackendSettings(noContext, {})).toEqual(DEFAULT_STATE_BACKEND);
  });
});

/** One value per knob, valid, different from the default; and where it lands in the settings. */
const KNOB_VALUES: ReadonlyArray<{
  knob: keyof typeof STATE_BACKEND_SOURCES;
  raw: string;
  pick: (s: StateBackendSettings) => unknown;
  expected: unknown;
}> = [
  { knob: 'bucket', raw: 'acme-tf-state', pick: (s) => s.bucket, expected: 'acme-tf-state' },
  { knob: 'lockTable', raw: 'acme-locks', pick: (s) => s.lockTable, expected: 'acme-locks' },
  { knob: 'region', raw: 'eu-west-1', pick: (s) => s.region, expected: 'eu-west-1' },
  { knob: 'keyPrefix', raw: 'teams/ml/', pick: (s) => s.keyPrefix, expected: 'teams/ml/' },
  { knob: 'locking', raw: 'lockfile', pick: (s) => s.locking, expected: 'lockfile' },
  {
    knob: 'kmsKeyId',
    raw: 'alias/terraform-state',
    pick: (s) => s.kmsKeyId,
    expected: 'alias/terraform-state',
  },
  {
    knob: 's3Endpoint',
    raw: 'http://127.0.0.1:9000',
    pick: (s) => s.endpoints,
    expected: { s3: 'http://127.0.0.1:9000' },
  },
  {
    knob: 'dynamodbEndpoint',
    raw: 'http://localhost:4566',
    pick: (s) => s.endpoints,
    expected: { dynamodb: 'http://localhost:4566' },
  },
  {
    knob: 'stsEndpoint',
    raw: 'https://sts.example.com',
    pick: (s) => s.endpoints,
    expected: { sts: 'https://sts.example.com' },
  },
  {
    knob: 'iamEndpoint',
    raw: 'https://iam.example.com',
    pick: (s) => s.endpoints,
    expected: { iam: 'https://iam.example.com' },
  },
  { knob: 'usePathStyle', raw: 'true', pick: (s) => s.usePathStyle, expected: true },
  { knob: 'skipAwsChecks', raw: 'true', pick: (s) => s.skipAwsChecks, expected: true },
  { knob: 'bootstrapStateBackend', raw: 's3', pick: (s) => s.bootstrapStateBackend, expected: 's3' },
];

describe('every knob', () => {
  it('covers every source', () => {
    expect(KNOB_VALUES.map((k) => k.knob).sort()).toEqual(Object.keys(STATE_BACKEND_SOURCES).sort());
  });

  describe.each(KNOB_VALUES)('$knob', ({ knob, raw, pick, expected }) => {
    const [contextKey, envVar] = STATE_BACKEND_SOURCES[knob];

    it(`is read from the environment variable ${envVar}`, () => {
      expect(pick(resolve({ [envVar]: raw }))).toEqual(expected);
    });

    it(`is read from cdktf.json context.${contextKey}`, () => {
      expect(pick(resolve({}, { [contextKey]: raw }))).toEqual(expected);
    });

    it('takes the environment variable over the context', () => {
      expect(pick(resolve({ [envVar]: raw }, { [contextKey]: 'not-valid!' }))).toEqual(expected);
    });

    it('treats an empty environment variable as unset, falling back to the context', () => {
      expect(pick(resolve({ [envVar]: '' }, { [contextKey]: raw }))).toEqual(expected);
    });
  });
});

describe('booleans', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads %p as %p', (raw, expected) => {
    expect(resolve({ MLMON_STATE_USE_PATH_STYLE: raw }).usePathStyle).toBe(expected);
    expect(resolve({ MLMON_STATE_SKIP_AWS_CHECKS: raw }).skipAwsChecks).toBe(expected);
  });

  it('reads JSON booleans from cdktf.json context', () => {
    expect(resolve({}, { stateUsePathStyle: true, stateSkipAwsChecks: false })).toEqual(
      expect.objectContaining({ usePathStyle: true, skipAwsChecks: false }),
    );
  });
});

describe('endpoints', () => {
  it('collects every configured endpoint and leaves out the rest', () => {
    expect(
      resolve({
        MLMON_STATE_S3_ENDPOINT: 'http://127.0.0.1:9000',
        MLMON_STATE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      }).endpoints,
    ).toEqual({ s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:8000' });
  });

  it.each([
    'http://127.0.0.1:9000',
    'https://minio.example.com',
    'http://localstack:4566/',
    'https://s3.ceph.internal/rgw',
  ])('accepts %p', (url) => {
    expect(isEndpointUrl(url)).toBe(true);
  });

  it.each([
    '127.0.0.1:9000',
    'minio.example.com',
    'ftp://minio.example.com',
    'http://',
    'http://host:9000/?x=1',
    'http://host#frag',
    'http://user:pass@host',
    '',
  ])('rejects %p', (url) => {
    expect(isEndpointUrl(url)).toBe(false);
  });
});

describe('KMS keys', () => {
  it.each([
    'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    'arn:aws:kms:us-east-1:111122223333:alias/terraform-state',
    'alias/terraform-state',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'mrk-1234abcd12ab34cd56ef1234567890ab',
  ])('accepts %p', (id) => {
    expect(resolve({ MLMON_STATE_KMS_KEY_ID: id }).kmsKeyId).toBe(id);
  });
});

/** Every validation error: the field (naming where the value came from), the value, and the fix. */
const INVALID: ReadonlyArray<{
  env: Env;
  context?: Record<string, unknown>;
  field: string;
  value: unknown;
  fix: RegExp;
}> = [
  {
    env: { MLMON_STATE_BUCKET: 'Bad_Bucket' },
    field: 'environment variable MLMON_STATE_BUCKET',
    value: 'Bad_Bucket',
    fix: /globally unique name/,
  },
  {
    env: {},
    context: { stateBucket: 'ab' },
    field: 'cdktf.json context.stateBucket',
    value: 'ab',
    fix: /globally unique name/,
  },
  {
    env: { MLMON_STATE_LOCK_TABLE: 'a b' },
    field: 'environment variable MLMON_STATE_LOCK_TABLE',
    value: 'a b',
    fix: /3-255 characters/,
  },
  {
    env: { MLMON_STATE_REGION: 'us-east' },
    field: 'environment variable MLMON_STATE_REGION',
    value: 'us-east',
    fix: /"us-east-1"/,
  },
  {
    env: { MLMON_STATE_KEY_PREFIX: 'teams/ml' },
    field: 'environment variable MLMON_STATE_KEY_PREFIX',
    value: 'teams/ml',
    fix: /"teams\/ml\/"/,
  },
  {
    env: { MLMON_STATE_KEY_PREFIX: '/teams/' },
    field: 'environment variable MLMON_STATE_KEY_PREFIX',
    value: '/teams/',
    fix: /"teams\/ml\/"/,
  },
  {
    env: { MLMON_STATE_LOCKING: 'consul' },
    field: 'environment variable MLMON_STATE_LOCKING',
    value: 'consul',
    fix: /dynamodb, lockfile, both/,
  },
  {
    env: { MLMON_STATE_KMS_KEY_ID: 'my-key' },
    field: 'environment variable MLMON_STATE_KMS_KEY_ID',
    value: 'my-key',
    fix: /alias\/<name>/,
  },
  {
    env: { MLMON_STATE_S3_ENDPOINT: '127.0.0.1:9000' },
    field: 'environment variable MLMON_STATE_S3_ENDPOINT',
    value: '127.0.0.1:9000',
    fix: /http:\/\/127\.0\.0\.1:9000/,
  },
  {
    env: {},
    context: { stateDynamodbEndpoint: 'localhost:8000' },
    field: 'cdktf.json context.stateDynamodbEndpoint',
    value: 'localhost:8000',
    fix: /http:\/\/127\.0\.0\.1:9000/,
  },
  {
    env: { MLMON_STATE_STS_ENDPOINT: 'sts' },
    field: 'environment variable MLMON_STATE_STS_ENDPOINT',
    value: 'sts',
    fix: /http/,
  },
  {
    env: { MLMON_STATE_IAM_ENDPOINT: 'http://iam?x=1' },
    field: 'environment variable MLMON_STATE_IAM_ENDPOINT',
    value: 'http://iam?x=1',
    fix: /http/,
  },
  {
    env: { MLMON_STATE_USE_PATH_STYLE: 'maybe' },
    field: 'environment variable MLMON_STATE_USE_PATH_STYLE',
    value: 'maybe',
    fix: /"true" or "false"/,
  },
  {
    env: {},
    context: { stateSkipAwsChecks: 'sometimes' },
    field: 'cdktf.json context.stateSkipAwsChecks',
    value: 'sometimes',
    fix: /"true" or "false"/,
  },
  {
    env: { MLMON_STATE_BOOTSTRAP_BACKEND: 'remote' },
    field: 'environment variable MLMON_STATE_BOOTSTRAP_BACKEND',
    value: 'remote',
    fix: /local, s3/,
  },
];

describe('validation', () => {
  it.each(INVALID)('rejects $field = $value', ({ env, context, field, value, fix }) => {
    const problems = problemsOf(() => resolve(env, context ?? {}));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual(expect.objectContaining({ field, value, fix: expect.stringMatching(fix) }));
  });

  it('reports every problem at once, in one error naming the configuration', () => {
    const run = (): unknown =>
      resolve({
        MLMON_STATE_BUCKET: 'Bad_Bucket',
        MLMON_STATE_REGION: 'mars-1',
        MLMON_STATE_LOCKING: 'consul',
      });
    expect(problemsOf(run).map((p) => p.field)).toEqual([
      'environment variable MLMON_STATE_BUCKET',
      'environment variable MLMON_STATE_REGION',
      'environment variable MLMON_STATE_LOCKING',
    ]);
    expect(run).toThrow(/^Invalid input for state backend configuration \(3 problems\)/);
    expect(run).toThrow(
      'MLMON_STATE_REGION = "mars-1": is not an AWS region (checked against AWS\'s published region list). ' +
        'Fix: use a region name such as "us-east-1" (modules/core/regions.ts lists them)',
    );
  });

  it('names the regions a misspelt one is close to', () => {
    expect(() => resolve({ MLMON_STATE_REGION: 'us-east-9' })).toThrow(
      'environment variable MLMON_STATE_REGION = "us-east-9": is not an AWS region (checked against AWS\'s ' +
        'published region list). Fix: use "us-east-1" or "us-east-2"',
    );
  });

  it.each([
    ['stateBucket', 123, 'must be a JSON string, not a number', 'write it as "123" (quoted) in cdktf.json'],
    [
      'stateBucket',
      true,
      'must be a JSON string, not a boolean',
      'write it as "true" (quoted) in cdktf.json',
    ],
    ['stateRegion', ['us-east-1'], 'must be a JSON string, not an array', 'quoted'],
    ['stateLockTable', { name: 'x' }, 'must be a JSON string, not a object', 'quoted'],
    [
      'stateUsePathStyle',
      1,
      'must be a JSON boolean (true or false), not a number',
      'write it as true or false',
    ],
  ])('refuses cdktf.json context.%s of the wrong JSON type (%j)', (key, value, problem, fix) => {
    const run = (): unknown => resolveStateBackendSettings((k) => (k === key ? value : undefined), {});
    expect(run).toThrow(`cdktf.json context.${key} = ${JSON.stringify(value)}: ${problem}. Fix: `);
    expect(run).toThrow(fix);
  });

  it('takes JSON booleans for the boolean knobs', () => {
    const s = resolveStateBackendSettings((k) => (k === 'stateUsePathStyle' ? true : undefined), {});
    expect(s.usePathStyle).toBe(true);
  });

  it('names the bucket rule that failed', () => {
    expect(problemsOf(() => resolve({ MLMON_STATE_BUCKET: 'Bad_Bucket' }))[0].problem).toMatch(
      /may contain only lowercase letters, digits, dots and hyphens/,
    );
  });
});
