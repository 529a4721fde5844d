import { Token } from 'cdktf';
import { Validator, isUnresolved } from '../core/validation';
import { bucketNameProblems, isValidLogRetention, nearestLogRetention, isKmsKeyArn } from '../core/aws-rules';
import { secretKeyReason, secretValueReason } from '../core/secret-detection';
import { ROLE_NAME_RE } from '../iam/role';
import type { LambdaFunctionProps } from './lambda-function';
import { DEPRECATED_LAMBDA_RUNTIMES, LAMBDA_RUNTIMES, isSupportedRuntime } from './runtimes';

const FUNCTION_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ALIAS_NAME_RE = /^(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}$/;
const HANDLER_RE = /^[^\s]{1,128}$/;
const ENV_KEY_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
/** ECR image by digest or tag; Lambda accepts only ECR (private registry, or a pull-through cache). */
const ECR_IMAGE_RE =
  /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9]+([._/-][a-z0-9]+)*(@sha256:[a-f0-9]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;
const LAYER_ARN_RE = /^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]{1,140}:\d+$/;
const CSC_ARN_RE = /^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:\d{12}:code-signing-config:csc-[a-z0-9]{17}$/;
const VPC_ID_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SG_ID_RE = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Variables Lambda sets itself; a function may not set them. */
export const RESERVED_LAMBDA_ENVIRONMENT_KEYS: readonly string[] = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
];

/** Lambda's limit on the environment: 4 KB over all keys and values. */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

/** Problems with {@link LambdaFunctionProps}, collected into `v`. */
export function validateLambdaFunctionProps(v: Validator, props: LambdaFunctionProps): Validator {
  const name = props.functionName;
  v.check(
    typeof name === 'string' && FUNCTION_NAME_RE.test(name),
    'functionName',
    name,
    'must be 1-64 letters, digits, "-" or "_"',
    'use a name such as "mlnews-dev-inference"',
  );
  if (props.roleName === undefined && typeof name === 'string' && FUNCTION_NAME_RE.test(name)) {
    v.check(
      `${name}-role`.length <= 64,
      'roleName',
      `${name}-role`,
      'the default role name "<functionName>-role" is longer than 64 characters',
      'set roleName to a name of at most 64 characters',
    );
  }
  v.checkOptional(
    props.roleName,
    (r) => ROLE_NAME_RE.test(r),
    'roleName',
    'must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-',
    'use a name such as "mlnews-dev-inference-role"',
  );
  validateCode(v, props);
  v.checkIntRange(props.memorySizeInMb, 128, 10240, 'memorySizeInMb');
  v.checkIntRange(props.timeoutInSeconds, 1, 900, 'timeoutInSeconds');
  v.checkIntRange(props.ephemeralStorageInMb, 512, 10240, 'ephemeralStorageInMb');
  validateConcurrency(v, props);
  validateEnvironment(v, props);
  validateLogging(v, props);
  validateDeadLetter(v, props);
  validateVpc(v, props);
  validateAlias(v, props);
  v.checkIntRange(props.asyncInvoke?.retryAttempts, 0, 2, 'asyncInvoke.retryAttempts');
  v.checkIntRange(props.asyncInvoke?.maxEventAgeInSeconds, 60, 21600, 'asyncInvoke.maxEventAgeInSeconds');
  v.check(
    props.architecture === undefined || props.architecture === 'arm64' || props.architecture === 'x86_64',
    'architecture',
    props.architecture,
    'must be "arm64" or "x86_64"',
    'use "arm64" (the default, 20% cheaper) or "x86_64"',
  );
  v.check(
    props.tracing === undefined || props.tracing === 'Active' || props.tracing === 'PassThrough',
    'tracing',
    props.tracing,
    'must be "Active" or "PassThrough"',
    'use "Active" (the default) or "PassThrough" (follow upstream sampling only)',
  );
  return v;
}

function validateCode(v: Validator, props: LambdaFunctionProps): void {
  const code: unknown = props.code;
  const isObject = typeof code === 'object' && code !== null;
  const hasS3 = isObject && 's3' in code;
  const hasImage = isObject && 'image' in code;
  if (hasS3 === hasImage) {
    v.add(
      'code',
      code,
      'must be exactly one of { s3: { bucketName, key } } or { image: { uri } }',
      'pass the prebuilt .zip in S3 or the image in ECR (nothing is built at synth)',
    );
    return;
  }
  if ('s3' in props.code) {
    const s3 = props.code.s3;
    if (!isUnresolved(s3.bucketName)) {
      const problems = bucketNameProblems(s3.bucketName);
      v.check(
        problems.length === 0,
        'code.s3.bucketName',
        s3.bucketName,
        `is not a valid S3 bucket name (${problems.join('; ')})`,
        'pass the name of the bucket CI uploads packages to',
      );
    }
    v.check(
      typeof s3.key === 'string' &&
        (isUnresolved(s3.key) || (s3.key.length > 0 && s3.key.length <= 1024 && !s3.key.startsWith('/'))),
      'code.s3.key',
      s3.key,
      'must be an object key of 1-1,024 characters not starting with "/"',
      'use a key such as "functions/inference/1.4.2.zip"',
    );
    v.checkOptional(
      s3.objectVersion,
      (o) => o.trim().length > 0,
      'code.s3.objectVersion',
      'is empty',
      'pass the version id S3 returned for the upload, or omit it',
    );
    validateRuntime(v, props.runtime);
    v.check(
      props.handler !== undefined,
      'handler',
      props.handler,
      'is required for a .zip function',
      'set the entry point, e.g. "app.handler"',
    );
    v.checkOptional(
      props.handler,
      (h) => HANDLER_RE.test(h),
      'handler',
      'must be 1-128 characters without spaces',
      'use e.g. "app.handler" or "index.handler"',
    );
    const layers = props.layers ?? [];
    v.check(
      layers.length <= 5,
      'layers',
      layers,
      `lists ${layers.length} layers; Lambda allows 5`,
      'merge layers',
    );
    const badLayers = layers.filter((l) => !Token.isUnresolved(l) && !LAYER_ARN_RE.test(l));
    v.check(
      badLayers.length === 0,
      'layers',
      badLayers,
      'has entries that are not layer version ARNs',
      'use "arn:aws:lambda:<region>:<account>:layer:<name>:<version>"',
    );
    v.checkOptional(
      props.codeSigningConfigArn,
      (a) => CSC_ARN_RE.test(a),
      'codeSigningConfigArn',
      'is not a code signing configuration ARN',
      'use "arn:aws:lambda:<region>:<account>:code-signing-config:csc-<17 characters>"',
    );
  } else {
    const image = props.code.image;
    v.check(
      typeof image.uri === 'string' && (isUnresolved(image.uri) || ECR_IMAGE_RE.test(image.uri)),
      'code.image.uri',
      image.uri,
      'is not an ECR image URI with a digest or tag',
      'use "<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>"',
    );
    for (const field of ['runtime', 'handler', 'layers', 'codeSigningConfigArn'] as const) {
      v.check(
        props[field] === undefined,
        field,
        props[field],
        'does not apply to an image function (the image carries its runtime, handler and dependencies)',
        field === 'handler' ? 'remove it; override the entry point with code.image.command' : 'remove it',
      );
    }
  }
}

function validateRuntime(v: Validator, runtime: string | undefined): void {
  if (runtime === undefined) {
    v.add('runtime', runtime, 'is required for a .zip function', `set one of ${LAMBDA_RUNTIMES.join(', ')}`);
    return;
  }
  const deprecated = DEPRECATED_LAMBDA_RUNTIMES[runtime];
  if (deprecated) {
    v.add(
      'runtime',
      runtime,
      `is deprecated since ${deprecated.since} (no more security patches; AWS then blocks updates)`,
      `use ${deprecated.use}`,
    );
    return;
  }
  v.check(
    isSupportedRuntime(runtime),
    'runtime',
    runtime,
    'is not a Lambda runtime this module supports',
    `use one of ${LAMBDA_RUNTIMES.join(', ')}`,
  );
}

function validateConcurrency(v: Validator, props: LambdaFunctionProps): void {
  const limit = props.accountConcurrencyLimit ?? 1000;
  v.checkIntRange(props.accountConcurrencyLimit, 100, 1_000_000, 'accountConcurrencyLimit');
  const max = Math.max(0, limit - 100);
  v.checkIntRange(
    props.reservedConcurrentExecutions,
    0,
    max,
    'reservedConcurrentExecutions',
    `reserve at most ${max} (the account quota ${limit} minus the 100 AWS keeps unreserved), ` +
      'or raise accountConcurrencyLimit after a quota increase',
  );
}

function validateEnvironment(v: Validator, props: LambdaFunctionProps): void {
  const env = props.environment ?? {};
  const keys = Object.keys(env);
  const badKeys = keys.filter((k) => !ENV_KEY_RE.test(k));
  v.check(
    badKeys.length === 0,
    'environment',
    badKeys,
    'has keys that are not variable names (a letter, then letters, digits or "_")',
    'rename them, e.g. "MODEL_BUCKET"',
  );
  const reserved = keys.filter((k) => RESERVED_LAMBDA_ENVIRONMENT_KEYS.includes(k));
  v.check(
    reserved.length === 0,
    'environment',
    reserved,
    'sets variables Lambda reserves for itself',
    'remove them: Lambda sets them at runtime',
  );
  const literal = Object.entries(env).filter(([, value]) => !isUnresolved(value));
  const bytes = literal.reduce(
    (n, [k, value]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(value)),
    0,
  );
  v.check(
    bytes <= LAMBDA_ENVIRONMENT_MAX_BYTES,
    'environment',
    `${bytes} bytes`,
    `is larger than Lambda's ${LAMBDA_ENVIRONMENT_MAX_BYTES}-byte limit for all keys and values`,
    'move large configuration to S3 or SSM Parameter Store and pass its name',
  );
  const exempt = props.nonSecretEnvironmentKeys ?? [];
  const unknown = exempt.filter((k) => !keys.includes(k));
  v.check(
    unknown.length === 0,
    'nonSecretEnvironmentKeys',
    unknown,
    'lists keys that are not in environment',
    'list only keys of environment (check the spelling)',
  );
  for (const [key, value] of Object.entries(env)) {
    const byValue = typeof value === 'string' ? secretValueReason(value) : undefined;
    const reason = byValue
      ? `its value looks like ${byValue}`
      : exempt.includes(key)
        ? undefined
        : secretKeyReason(key);
    if (reason === undefined) continue;
    // The value is never echoed: it may be a real secret, and error messages end up in CI logs.
    v.add(
      `environment.${key}`,
      '(value hidden)',
      `looks like a secret (${reason}); environment variables are stored in plain text in ` +
        'Terraform state and are readable with lambda:GetFunctionConfiguration',
      'store the secret in Secrets Manager, pass its ARN instead (e.g. DB_SECRET_ARN = secret.secretArn), ' +
        'read it at runtime, and grant access with secret.grantRead(fn); if the name only looks secret, ' +
        'list the key in nonSecretEnvironmentKeys',
    );
  }
  v.checkOptional(
    props.environmentKmsKeyArn,
    (a) => isKmsKeyArn(a),
    'environmentKmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );
}

function validateLogging(v: Validator, props: LambdaFunctionProps): void {
  v.checkOptional(
    props.logRetentionInDays,
    (d) => isValidLogRetention(d) && d !== 0,
    'logRetentionInDays',
    'is not a retention CloudWatch Logs accepts (0, "never expire", is refused)',
    `use e.g. ${nearestLogRetention(props.logRetentionInDays ?? 30)}`,
  );
  v.checkOptional(
    props.logKmsKeyArn,
    (a) => isKmsKeyArn(a),
    'logKmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );
  v.check(
    props.logFormat === undefined || props.logFormat === 'Text' || props.logFormat === 'JSON',
    'logFormat',
    props.logFormat,
    'must be "Text" or "JSON"',
    'use "Text" or "JSON"',
  );
  for (const field of ['applicationLogLevel', 'systemLogLevel'] as const) {
    v.check(
      props[field] === undefined || props.logFormat === 'JSON',
      field,
      props[field],
      'applies to the JSON log format only',
      'set logFormat: "JSON", or remove it',
    );
  }
  v.checkOptional(
    props.applicationLogLevel,
    (l) => ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].includes(l),
    'applicationLogLevel',
    'is not a log level',
    'use TRACE, DEBUG, INFO, WARN, ERROR or FATAL',
  );
  v.checkOptional(
    props.systemLogLevel,
    (l) => ['DEBUG', 'INFO', 'WARN'].includes(l),
    'systemLogLevel',
    'is not a system log level',
    'use DEBUG, INFO or WARN',
  );
}

function validateDeadLetter(v: Validator, props: LambdaFunctionProps): void {
  v.check(
    !(props.deadLetterQueue !== undefined && props.createDeadLetterQueue !== undefined),
    'createDeadLetterQueue',
    props.createDeadLetterQueue,
    'conflicts with deadLetterQueue',
    'set only deadLetterQueue (to use that queue) or only createDeadLetterQueue',
  );
}

function validateVpc(v: Validator, props: LambdaFunctionProps): void {
  const vpc = props.vpc;
  if (!vpc) return;
  // Network placement: tokens are accepted for ids (they come from other constructs).
  v.checkOptional(
    vpc.vpcId,
    (id) => VPC_ID_RE.test(id),
    'vpc.vpcId',
    'is not a VPC id',
    'use e.g. "vpc-0123456789abcdef0"',
  );
  v.check(
    isUnresolved(vpc.subnetIds) || vpc.subnetIds.length > 0,
    'vpc.subnetIds',
    vpc.subnetIds,
    'is empty',
    'list private subnets in at least two Availability Zones',
  );
  const badSubnets = vpc.subnetIds.filter((s) => !Token.isUnresolved(s) && !SUBNET_ID_RE.test(s));
  v.check(
    badSubnets.length === 0,
    'vpc.subnetIds',
    badSubnets,
    'has entries that are not subnet ids',
    'use e.g. "subnet-0123456789abcdef0"',
  );
  v.check(
    isUnresolved(vpc.subnetIds) || new Set(vpc.subnetIds).size === vpc.subnetIds.length,
    'vpc.subnetIds',
    vpc.subnetIds,
    'lists a subnet more than once',
    'list each subnet once',
  );
  const badGroups = (vpc.additionalSecurityGroupIds ?? []).filter(
    (s) => !Token.isUnresolved(s) && !SG_ID_RE.test(s),
  );
  v.check(
    badGroups.length === 0,
    'vpc.additionalSecurityGroupIds',
    badGroups,
    'has entries that are not security group ids',
    'use e.g. "sg-0123456789abcdef0"',
  );
  v.check(
    (vpc.additionalSecurityGroupIds ?? []).length <= 4,
    'vpc.additionalSecurityGroupIds',
    vpc.additionalSecurityGroupIds,
    "lists more than 4 groups (Lambda allows 5, one is the function's own)",
    'merge groups',
  );
}

function validateAlias(v: Validator, props: LambdaFunctionProps): void {
  const alias = props.alias;
  if (!alias) return;
  v.check(
    ALIAS_NAME_RE.test(alias.name),
    'alias.name',
    alias.name,
    'must be 1-128 letters, digits, "-" or "_", and not only digits',
    'use e.g. "live"',
  );
  v.check(
    props.publish !== false,
    'publish',
    props.publish,
    'is false, but an alias needs a published version',
    'remove publish: false (an alias publishes versions)',
  );
  v.checkIntRange(alias.provisionedConcurrentExecutions, 1, 100000, 'alias.provisionedConcurrentExecutions');
  const reserved = props.reservedConcurrentExecutions;
  const provisioned = alias.provisionedConcurrentExecutions;
  if (reserved !== undefined && provisioned !== undefined) {
    v.check(
      provisioned <= reserved,
      'alias.provisionedConcurrentExecutions',
      provisioned,
      `exceeds reservedConcurrentExecutions (${reserved})`,
      'provision at most the reserved concurrency',
    );
  }
}
