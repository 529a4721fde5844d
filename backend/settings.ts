import { Validator } from '../modules/core/validation';
import { bucketNameProblems, isValidDynamoTableName, isValidRegion } from '../modules/core/aws-rules';
import { suggestRegions } from '../modules/core/regions';

/**
 * How Terraform locks state in the S3 backend.
 *
 * | mode       | lock                                   | use it when                                   |
 * |------------|----------------------------------------|-----------------------------------------------|
 * | `dynamodb` | DynamoDB table (`dynamodb_table`)      | default; works on every Terraform >= 1.5      |
 * | `lockfile` | S3-native lock object (`use_lockfile`) | Terraform >= 1.10 and no DynamoDB table       |
 * | `both`     | both locks taken                       | migrating from DynamoDB to the S3-native lock |
 *
 * The S3-native lock is a `<key>.tflock` object written with `If-None-Match: *`: it excludes a
 * second writer only on a store that enforces that conditional write (Amazon S3 does; check an
 * S3-compatible store before relying on it).
 */
export type StateLocking = 'dynamodb' | 'lockfile' | 'both';

/**
 * Where the bootstrap stack (which creates the state bucket) keeps its own state.
 *
 * | value   | state                                              | when                                   |
 * |---------|----------------------------------------------------|----------------------------------------|
 * | `local` | a file next to the project (the bucket may not exist yet) | the first apply                 |
 * | `s3`    | `<keyPrefix><bootstrap stack>/terraform.tfstate` in the bucket, locked like every stack | after `terraform init -migrate-state` |
 */
export type BootstrapStateBackend = 'local' | 's3';

/**
 * Custom endpoints for S3-compatible object stores (MinIO, Ceph RGW, LocalStack) and
 * DynamoDB-compatible servers. All optional; unset means the AWS public endpoints.
 */
export interface StateBackendEndpoints {
  /** S3 endpoint URL, e.g. `http://127.0.0.1:9000`. @default - AWS */
  readonly s3?: string;
  /** DynamoDB endpoint URL. @default - AWS */
  readonly dynamodb?: string;
  /** STS endpoint URL. @default - AWS */
  readonly sts?: string;
  /** IAM endpoint URL. @default - AWS */
  readonly iam?: string;
}

/** Where and how every stack keeps its Terraform state. */
export interface StateBackendSettings {
  /** State bucket name. */
  readonly bucket: string;
  /** DynamoDB lock table name (used when `locking` is `dynamodb` or `both`). */
  readonly lockTable: string;
  /** Region of the bucket and the table. */
  readonly region: string;
  /** Prefix before `<stack>/terraform.tfstate`, e.g. `teams/ml/`. Empty for none. */
  readonly keyPrefix: string;
  /** Lock mode; see {@link StateLocking}. */
  readonly locking: StateLocking;
  /**
   * KMS key for state encryption: a key ARN, an alias ARN, `alias/<name>` or a key id.
   * @default - SSE-S3
   */
  readonly kmsKeyId?: string;
  /**
   * Custom endpoints (S3-compatible stores). They also apply to the AWS provider of the bootstrap
   * stack, so the bucket and table are created where the backend looks for them.
   * @default - AWS
   */
  readonly endpoints?: StateBackendEndpoints;
  /**
   * Path-style S3 addressing (`http://host/bucket/key`), needed by most S3-compatible stores.
   * @default false
   */
  readonly usePathStyle?: boolean;
  /**
   * Skip the AWS-specific checks an S3-compatible store can't answer: credentials validation
   * (STS), region validation, account-id lookup, the EC2 metadata API and S3 checksums. On AWS
   * this costs the early "bad credentials" error and request checksums.
   * @default false
   */
  readonly skipAwsChecks?: boolean;
  /**
   * Where the bootstrap stack keeps its own state; see {@link BootstrapStateBackend}.
   * @default 'local'
   */
  readonly bootstrapStateBackend?: BootstrapStateBackend;
}

/** Defaults when neither cdktf.json context nor environment variables say otherwise. */
export const DEFAULT_STATE_BACKEND: StateBackendSettings = {
  bucket: 'mlmon-terraform-state',
  lockTable: 'mlmon-terraform-locks',
  region: 'us-east-1',
  keyPrefix: '',
  locking: 'dynamodb',
};

/**
 * The configuration knobs: each may be set in `cdktf.json` under `context` (key on the left) or
 * by an environment variable (right), which wins. An empty environment variable counts as unset.
 */
export const STATE_BACKEND_SOURCES = {
  bucket: ['stateBucket', 'MLMON_STATE_BUCKET'],
  lockTable: ['stateLockTable', 'MLMON_STATE_LOCK_TABLE'],
  region: ['stateRegion', 'MLMON_STATE_REGION'],
  keyPrefix: ['stateKeyPrefix', 'MLMON_STATE_KEY_PREFIX'],
  locking: ['stateLocking', 'MLMON_STATE_LOCKING'],
  kmsKeyId: ['stateKmsKeyId', 'MLMON_STATE_KMS_KEY_ID'],
  s3Endpoint: ['stateS3Endpoint', 'MLMON_STATE_S3_ENDPOINT'],
  dynamodbEndpoint: ['stateDynamodbEndpoint', 'MLMON_STATE_DYNAMODB_ENDPOINT'],
  stsEndpoint: ['stateStsEndpoint', 'MLMON_STATE_STS_ENDPOINT'],
  iamEndpoint: ['stateIamEndpoint', 'MLMON_STATE_IAM_ENDPOINT'],
  usePathStyle: ['stateUsePathStyle', 'MLMON_STATE_USE_PATH_STYLE'],
  skipAwsChecks: ['stateSkipAwsChecks', 'MLMON_STATE_SKIP_AWS_CHECKS'],
  bootstrapStateBackend: ['stateBootstrapBackend', 'MLMON_STATE_BOOTSTRAP_BACKEND'],
} as const;

type Knob = keyof typeof STATE_BACKEND_SOURCES;

/** The accepted lock modes. */
export const STATE_LOCKING_MODES: readonly StateLocking[] = ['dynamodb', 'lockfile', 'both'];
/** The accepted bootstrap state backends. */
export const BOOTSTRAP_STATE_BACKENDS: readonly BootstrapStateBackend[] = ['local', 's3'];

const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

/** Key ARN, alias ARN, `alias/<name>`, key id (UUID) or multi-Region key id (`mrk-...`). */
const KMS_KEY_RE =
  /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** True for an absolute http(s) URL with a host and no query or fragment. */
export function isEndpointUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * Resolves the backend settings from cdktf.json context and the environment (environment wins),
 * validates them and throws one error listing every problem.
 *
 * @param context reads a cdktf.json context key (e.g. `app.node.tryGetContext`)
 * @param env the environment (e.g. `process.env`)
 */
export function resolveStateBackendSettings(
  context: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>>,
): StateBackendSettings {
  const v = new Validator('state backend configuration');
  // Booleans may be JSON booleans in cdktf.json; every other knob must be a JSON string there (a
  // number would otherwise become a bucket named "123").
  const BOOLEAN_KNOBS: readonly Knob[] = ['usePathStyle', 'skipAwsChecks'];
  const read = (knob: Knob): { value: string | undefined; field: string } => {
    const [ctxKey, envKey] = STATE_BACKEND_SOURCES[knob];
    const fromEnv = env[envKey];
    if (fromEnv !== undefined && fromEnv !== '')
      return { value: fromEnv, field: `environment variable ${envKey}` };
    const field = `cdktf.json context.${ctxKey}`;
    const fromCtx = context(ctxKey);
    if (fromCtx === undefined || fromCtx === null) return { value: undefined, field };
    if (typeof fromCtx === 'boolean' && BOOLEAN_KNOBS.includes(knob))
      return { value: String(fromCtx), field };
    if (typeof fromCtx !== 'string') {
      const expected = BOOLEAN_KNOBS.includes(knob) ? 'a JSON boolean (true or false)' : 'a JSON string';
      v.add(
        field,
        fromCtx,
        `must be ${expected}, not ${Array.isArray(fromCtx) ? 'an array' : `a ${typeof fromCtx}`}`,
        `write it as ${BOOLEAN_KNOBS.includes(knob) ? 'true or false' : `"${String(fromCtx)}" (quoted)`} in cdktf.json`,
      );
      return { value: undefined, field };
    }
    return { value: fromCtx, field };
  };
  const readBool = (knob: Knob): boolean | undefined => {
    const { value, field } = read(knob);
    if (value === undefined) return undefined;
    if (TRUE_WORDS.includes(value.toLowerCase())) return true;
    if (FALSE_WORDS.includes(value.toLowerCase())) return false;
    v.add(field, value, 'is not a boolean', 'use "true" or "false"');
    return undefined;
  };
  const readUrl = (knob: Knob): string | undefined => {
    const { value, field } = read(knob);
    if (value === undefined) return undefined;
    v.check(
      isEndpointUrl(value),
      field,
      value,
      'is not an http(s) URL with a host and no query',
      'use a URL such as "http://127.0.0.1:9000" or "https://minio.example.com"',
    );
    return value;
  };

  const bucket = read('bucket');
  const lockTable = read('lockTable');
  const region = read('region');
  const keyPrefix = read('keyPrefix');
  const locking = read('locking');
  const kms = read('kmsKeyId');
  const bootstrap = read('bootstrapStateBackend');

  const settings: StateBackendSettings = {
    bucket: bucket.value ?? DEFAULT_STATE_BACKEND.bucket,
    lockTable: lockTable.value ?? DEFAULT_STATE_BACKEND.lockTable,
    region: region.value ?? DEFAULT_STATE_BACKEND.region,
    keyPrefix: keyPrefix.value ?? DEFAULT_STATE_BACKEND.keyPrefix,
    locking: (locking.value ?? DEFAULT_STATE_BACKEND.locking) as StateLocking,
    kmsKeyId: kms.value,
    endpoints: compact({
      s3: readUrl('s3Endpoint'),
      dynamodb: readUrl('dynamodbEndpoint'),
      sts: readUrl('stsEndpoint'),
      iam: readUrl('iamEndpoint'),
    }),
    usePathStyle: readBool('usePathStyle'),
    skipAwsChecks: readBool('skipAwsChecks'),
    bootstrapStateBackend: bootstrap.value as BootstrapStateBackend | undefined,
  };

  const bucketProblems = bucketNameProblems(settings.bucket);
  v.check(
    bucketProblems.length === 0,
    bucket.field,
    settings.bucket,
    `is not a valid S3 bucket name (${bucketProblems.join('; ')})`,
    'choose a globally unique name such as "acme-mlmon-terraform-state"',
  );
  v.check(
    isValidDynamoTableName(settings.lockTable),
    lockTable.field,
    settings.lockTable,
    'is not a valid DynamoDB table name',
    'use 3-255 characters of a-z, A-Z, 0-9, "_", "-" and "."',
  );
  v.check(
    isValidRegion(settings.region),
    region.field,
    settings.region,
    "is not an AWS region (checked against AWS's published region list)",
    regionFix(settings.region),
  );
  v.check(
    /^([A-Za-z0-9!_.*'()-]+\/)*$/.test(settings.keyPrefix),
    keyPrefix.field,
    settings.keyPrefix,
    'must be empty or path segments each ending in "/"',
    'use a prefix such as "teams/ml/"',
  );
  v.check(
    STATE_LOCKING_MODES.includes(settings.locking),
    locking.field,
    settings.locking,
    'is not a lock mode',
    `use one of ${STATE_LOCKING_MODES.join(', ')}`,
  );
  v.checkOptional(
    settings.kmsKeyId,
    (id) => KMS_KEY_RE.test(id),
    kms.field,
    'is not a KMS key ARN, alias or key id',
    'use a key ARN ("arn:aws:kms:us-east-1:111122223333:key/<id>"), "alias/<name>", or unset it for SSE-S3',
  );
  v.checkOptional(
    settings.bootstrapStateBackend,
    (b) => BOOTSTRAP_STATE_BACKENDS.includes(b),
    bootstrap.field,
    'is not a bootstrap state backend',
    `use one of ${BOOTSTRAP_STATE_BACKENDS.join(', ')}`,
  );
  v.throwIfInvalid();
  return settings;
}

function compact(endpoints: StateBackendEndpoints): StateBackendEndpoints | undefined {
  const entries = Object.entries(endpoints).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as StateBackendEndpoints);
}

/** "use us-east-1 or us-east-2" for a misspelt region, a generic hint otherwise. */
export function regionFix(region: string): string {
  const near = suggestRegions(region);
  return near.length > 0
    ? `use ${near.map((r) => `"${r}"`).join(' or ')}`
    : 'use a region name such as "us-east-1" (modules/core/regions.ts lists them)';
}
