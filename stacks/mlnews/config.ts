import { Validator } from '../../modules/core/validation';
import { BaseEnvironmentConfig, checkBaseEnvironment } from '../shared/environment';
import { MLNEWS_FUNCTION_NAMES, MlnewsFunctionName } from './contract';

/** Where one function's prebuilt .zip lives (CI builds and uploads it; nothing is built at synth). */
export interface MlnewsArtifact {
  /** Object key of the .zip in {@link MlnewsEnvironmentConfig.artifactBucket}, e.g. `inference/1.0.0.zip`. */
  readonly key: string;
  /**
   * S3 object version of the .zip: a new upload under the same key then shows in the plan. CI
   * passes it; unset, the function keeps whatever code it has until the key changes.
   * @default - none
   */
  readonly objectVersion?: string;
}

/** API throttling of the stage (a flood becomes 429s, not a Lambda bill). */
export interface MlnewsThrottle {
  /** Requests that may arrive at once, 1-5,000. */
  readonly burstLimit: number;
  /** Steady requests per second, 1-10,000. */
  readonly rateLimit: number;
}

/** Alarm thresholds (seed: 5xx > 10 per 5 minutes, accuracy < 0.75). */
export interface MlnewsAlarmThresholds {
  /** API 5xx responses per 5 minutes above which the API alarm fires. */
  readonly api5xxPer5Minutes: number;
  /** Hourly average model accuracy (0-1) below which the accuracy alarm fires. */
  readonly minimumModelAccuracy: number;
}

/**
 * Everything that differs between environments of the serverless ML news system (seed 003,
 * option 1). One object per environment lives in `environments.ts`;
 * {@link validateMlnewsEnvironment} checks it once at startup. There is no VPC (see README).
 */
export interface MlnewsEnvironmentConfig extends BaseEnvironmentConfig {
  /** Bucket holding the functions' prebuilt .zip files (in the stack's region), managed by CI. */
  readonly artifactBucket: string;
  /** The .zip of each function. */
  readonly artifacts: Readonly<Record<MlnewsFunctionName, MlnewsArtifact>>;
  /**
   * Browser origins allowed to call the API (CORS): `https://host[:port]`, or `http://localhost`
   * for local development. The seed's `*` is refused: any site could then call the API with a
   * signed-in user's token.
   */
  readonly corsAllowOrigins: readonly string[];
  /** Stage throttling. */
  readonly throttle: MlnewsThrottle;
  /** Cognito MFA for the users: `required` or `optional` (never off). */
  readonly mfa: 'required' | 'optional';
  /** Alarm thresholds. */
  readonly alarms: MlnewsAlarmThresholds;
  /** Days noncurrent versions of models and data are kept (the undo window), 1-3,650. */
  readonly noncurrentVersionExpirationInDays: number;
  /**
   * Deletion protection of the tables and the user pool. Off only in disposable environments:
   * with it on, `terraform destroy` fails until an apply has turned it off.
   */
  readonly deletionProtection: boolean;
}

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KEY_RE = /^[A-Za-z0-9!_.*'()/-]{1,1024}$/;
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';

function originProblem(origin: unknown): string | undefined {
  if (typeof origin !== 'string') return 'is not a string';
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return 'is not an origin (scheme://host[:port])';
  }
  if (u.pathname !== '/' || u.search !== '' || u.hash !== '' || origin.endsWith('/')) {
    return 'has a path, query or trailing slash (an origin is scheme://host[:port] only)';
  }
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
    return 'is not https:// (plain http only for localhost)';
  }
  return undefined;
}

/**
 * Checks one environment and throws a ValidationError listing every problem. Untyped callers get
 * the same messages as typed ones, never a TypeError.
 */
export function validateMlnewsEnvironment(
  cfg: MlnewsEnvironmentConfig,
  path = `mlnews.environments.${isObject(cfg) ? String(cfg.name) : '?'}`,
): void {
  const v = new Validator(path);
  if (!isObject(cfg)) {
    v.add('(environment)', cfg, 'is not an object', 'pass an environment object (see environments.ts)');
    v.throwIfInvalid();
  }
  // Serverless: no subnets, so no availability zones are needed.
  checkBaseEnvironment(v, cfg, 0);
  v.check(
    cfg.vpcCidr === undefined,
    'vpcCidr',
    cfg.vpcCidr,
    'is set, but mlnews has no VPC (its functions call only AWS APIs)',
    'remove vpcCidr (the address plan reserves 10.70-10.72 should a VPC ever be needed)',
  );

  v.check(
    typeof cfg.artifactBucket === 'string' &&
      BUCKET_RE.test(cfg.artifactBucket) &&
      !cfg.artifactBucket.includes('..'),
    'artifactBucket',
    cfg.artifactBucket,
    'is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)',
    'use the bucket CI uploads the function packages to, e.g. "acme-mlnews-artifacts"',
  );
  const artifacts = isObject(cfg.artifacts) ? cfg.artifacts : ({} as Record<string, unknown>);
  for (const fn of MLNEWS_FUNCTION_NAMES) {
    const a = artifacts[fn] as Partial<MlnewsArtifact> | undefined;
    v.check(
      isObject(a) && typeof a.key === 'string' && KEY_RE.test(a.key) && a.key.endsWith('.zip'),
      `artifacts.${fn}.key`,
      isObject(a) ? a.key : a,
      'is not the key of a .zip object',
      `use the key CI uploaded, e.g. "${fn}/1.0.0.zip"`,
    );
    if (isObject(a) && a.objectVersion !== undefined) {
      v.check(
        typeof a.objectVersion === 'string' && /^[A-Za-z0-9._-]{1,1024}$/.test(a.objectVersion),
        `artifacts.${fn}.objectVersion`,
        a.objectVersion,
        'is not an S3 version id',
        'use the VersionId S3 returned for the upload, or remove it',
      );
    }
  }
  const unknown = Object.keys(artifacts).filter(
    (k) => !(MLNEWS_FUNCTION_NAMES as readonly string[]).includes(k),
  );
  v.check(
    unknown.length === 0,
    'artifacts',
    unknown,
    'names functions the system does not have',
    `use only ${MLNEWS_FUNCTION_NAMES.join(', ')}`,
  );

  const origins = Array.isArray(cfg.corsAllowOrigins) ? cfg.corsAllowOrigins : [];
  v.check(
    Array.isArray(cfg.corsAllowOrigins) && origins.length > 0,
    'corsAllowOrigins',
    cfg.corsAllowOrigins,
    'must list at least one origin: the web app that calls the API',
    'list it, e.g. ["https://news.example.com"]',
  );
  origins.forEach((o, i) => {
    const problem = originProblem(o);
    if (problem)
      v.add(`corsAllowOrigins[${i}]`, o, problem, 'use an origin such as "https://news.example.com"');
  });

  const t = isObject(cfg.throttle) ? cfg.throttle : ({} as Partial<MlnewsThrottle>);
  const int = (value: unknown, min: number, max: number, field: string) =>
    v.check(
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      field,
      value,
      value === undefined ? 'is required' : `must be a whole number from ${min} to ${max}`,
      `set ${field} to a whole number from ${min} to ${max}`,
    );
  int(t.burstLimit, 1, 5000, 'throttle.burstLimit');
  int(t.rateLimit, 1, 10000, 'throttle.rateLimit');
  v.check(
    cfg.mfa === 'required' || cfg.mfa === 'optional',
    'mfa',
    cfg.mfa,
    'must be "required" or "optional"',
    'use "required" (every sign-in asks for an authenticator code)',
  );
  const alarms = isObject(cfg.alarms) ? cfg.alarms : ({} as Partial<MlnewsAlarmThresholds>);
  int(alarms.api5xxPer5Minutes, 1, 100000, 'alarms.api5xxPer5Minutes');
  v.check(
    typeof alarms.minimumModelAccuracy === 'number' &&
      alarms.minimumModelAccuracy > 0 &&
      alarms.minimumModelAccuracy < 1,
    'alarms.minimumModelAccuracy',
    alarms.minimumModelAccuracy,
    'must be a number between 0 and 1 (exclusive)',
    "use the seed's 0.75",
  );
  int(cfg.noncurrentVersionExpirationInDays, 1, 3650, 'noncurrentVersionExpirationInDays');
  v.check(
    typeof cfg.deletionProtection === 'boolean',
    'deletionProtection',
    cfg.deletionProtection,
    'must be true or false',
    'set true for environments whose data must survive a mistaken destroy',
  );
  v.throwIfInvalid();
}
