import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator } from '../core/validation';
import { CLOUDWATCH_ACTIONS } from './actions/cloudwatch';
import { EC2_ACTIONS } from './actions/ec2';
import { KMS_ACTIONS } from './actions/kms';
import { LOGS_ACTIONS } from './actions/logs';
import { S3_ACTIONS } from './actions/s3';
import { SSM_ACTIONS } from './actions/ssm';

/**
 * Anything that can receive IAM policy statements (an instance role, a task role, ...). Grant
 * helpers add least-privilege statements to it.
 */
export interface IGrantable {
  addStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void;
}

/** An S3 bucket as grants need it. */
export interface BucketRef {
  readonly bucketArn: string;
  readonly bucketName: string;
  /**
   * The bucket's SSE-KMS key; when set, read grants add `kms:Decrypt` and write grants
   * `kms:GenerateDataKey` on it (only via S3).
   * @default - SSE-S3, no key permissions needed
   */
  readonly kmsKeyArn?: string;
}

/**
 * Partition, region and account for ARNs the grants build (SSM parameters). `*` for region or
 * account is a wildcard: without an account id (the modules make no AWS API calls, so there is
 * no `aws_caller_identity`) the parameter ARN matches that path in any account, which grants
 * nothing outside this account because identity policies alone never reach another account's
 * parameters.
 */
export interface ArnScope {
  /** @default 'aws' */
  readonly partition?: string;
  /** @default '*' */
  readonly region?: string;
  /** @default '*' */
  readonly account?: string;
}

const BUCKET_ARN_RE = /^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY_ARN_RE = /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
const LOG_GROUP_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:logs:[a-z0-9-]+:\d{12}:log-group:[a-zA-Z0-9_\-/.#]{1,512}(:\*)?$/;
const SSM_ARN_RE = /^arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-*]+:(\d{12}|\*):parameter\/[a-zA-Z0-9_.\-/*]+$/;
const SSM_PATH_RE = /^\/([a-zA-Z0-9_.-]+\/)+$/;
/** Folder-style key prefixes: segments of S3's safe characters, each ending in '/', e.g. `models/v1/`. */
const S3_PREFIX_RE = /^([a-zA-Z0-9!_.'()-]+\/)+$/;
const NAMESPACE_RE = /^[^:][^:]{0,254}$/;

function validatorFor(grantee: IGrantable, fn: string): Validator {
  const node = (grantee as Partial<IConstruct>).node;
  return new Validator(node ? `${node.path} (${fn})` : fn);
}

/** Problems with S3 key prefixes: each must end with '/', not start with '/', and hold no wildcard. */
export function checkS3Prefixes(v: Validator, field: string, prefixes: readonly string[]): void {
  const bad = prefixes.filter((p) => !Token.isUnresolved(p) && !S3_PREFIX_RE.test(p));
  v.check(
    bad.length === 0,
    field,
    bad,
    'has key prefixes that do not end with "/", start with "/", or contain wildcards or unusual characters',
    'use folder-style prefixes such as "models/" (no leading "/", no "*")',
  );
  const dupes = prefixes.filter((p, i) => prefixes.indexOf(p) !== i);
  v.check(dupes.length === 0, field, dupes, 'lists a prefix more than once', 'list each prefix once');
}

function checkBucket(v: Validator, bucket: BucketRef): void {
  v.checkOptional(
    bucket.bucketArn,
    (a) => BUCKET_ARN_RE.test(a),
    'bucket.bucketArn',
    'is not an S3 bucket ARN',
    'pass "arn:aws:s3:::<bucket>" (no key part), e.g. SecureBucket.bucketArn',
  );
  v.checkOptional(
    bucket.kmsKeyArn,
    (a) => KMS_KEY_ARN_RE.test(a),
    'bucket.kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases are not accepted in key policies)',
  );
}

/** Object ARNs under prefixes (`<bucket>/*` when there are none). */
function objectArns(bucket: BucketRef, prefixes: readonly string[] | undefined): string[] {
  return prefixes === undefined
    ? [`${bucket.bucketArn}/*`]
    : prefixes.map((p) => `${bucket.bucketArn}/${p}*`);
}

function listStatement(sid: string, bucket: BucketRef, prefixes: readonly string[] | undefined) {
  const statement: DataAwsIamPolicyDocumentStatement = {
    sid,
    effect: 'Allow',
    actions: [...S3_ACTIONS.listBucket],
    resources: [bucket.bucketArn],
    condition:
      prefixes === undefined
        ? undefined
        : [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.flatMap((p) => [p, `${p}*`]) }],
  };
  return statement;
}

function kmsViaS3(
  sid: string,
  keyArn: string,
  actions: readonly string[],
): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: 'Allow',
    actions: [...actions],
    resources: [keyArn],
    condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['s3.*.amazonaws.com'] }],
  };
}

/**
 * Lets the grantee list and read objects under `prefixes` (each ending in '/'):
 * `S3_ACTIONS.readObjects`, the same set as `SecureBucket.grantRead`. For a bucket this stack
 * does not create (another stack's or account's); for a `SecureBucket` (modules/s3), use its `grantRead`.
 * @param prefixes key prefixes; undefined means the whole bucket
 */
export function grantBucketRead(grantee: IGrantable, bucket: BucketRef, prefixes?: string[]): void {
  const v = validatorFor(grantee, 'grantBucketRead');
  checkBucket(v, bucket);
  if (prefixes !== undefined) {
    checkS3Prefixes(v, 'prefixes', prefixes);
    v.check(
      prefixes.length > 0,
      'prefixes',
      prefixes,
      'is empty',
      'list at least one prefix, or omit it for the whole bucket',
    );
  }
  v.throwIfInvalid();
  const statements = [
    listStatement('BucketList', bucket, prefixes),
    {
      sid: 'BucketRead',
      effect: 'Allow',
      actions: [...S3_ACTIONS.readObjects],
      resources: objectArns(bucket, prefixes),
    },
  ];
  if (bucket.kmsKeyArn)
    statements.push(kmsViaS3('BucketKeyDecrypt', bucket.kmsKeyArn, KMS_ACTIONS.s3ObjectRead));
  grantee.addStatements(...statements);
}

/**
 * Lets the grantee list and put objects under `prefixes` (each ending in '/'):
 * `S3_ACTIONS.putObjects`, the same set as `SecureBucket.grantPut`. It cannot delete: with
 * versioning, an overwrite is recoverable, a delete by a compromised host should not be possible.
 * (`SecureBucket.grantWrite` also deletes; use it where deleting is the grantee's job.)
 * @param prefixes key prefixes; undefined means the whole bucket
 */
export function grantBucketWrite(grantee: IGrantable, bucket: BucketRef, prefixes?: string[]): void {
  const v = validatorFor(grantee, 'grantBucketWrite');
  checkBucket(v, bucket);
  if (prefixes !== undefined) {
    checkS3Prefixes(v, 'prefixes', prefixes);
    v.check(
      prefixes.length > 0,
      'prefixes',
      prefixes,
      'is empty',
      'list at least one prefix, or omit it for the whole bucket',
    );
  }
  v.throwIfInvalid();
  const statements = [
    listStatement('BucketListForWrite', bucket, prefixes),
    {
      sid: 'BucketWrite',
      effect: 'Allow',
      actions: [...S3_ACTIONS.putObjects],
      resources: objectArns(bucket, prefixes),
    },
  ];
  if (bucket.kmsKeyArn)
    statements.push(kmsViaS3('BucketKeyEncrypt', bucket.kmsKeyArn, KMS_ACTIONS.s3ObjectWrite));
  grantee.addStatements(...statements);
}

/**
 * Lets the grantee create streams in and write events to existing log groups. Creating groups is
 * not granted: Terraform owns them (and their retention). ARNs may end in `:*` or not.
 */
export function grantLogsWrite(grantee: IGrantable, logGroupArns: string[]): void {
  const v = validatorFor(grantee, 'grantLogsWrite');
  const bad = logGroupArns.filter((a) => !Token.isUnresolved(a) && !LOG_GROUP_ARN_RE.test(a));
  v.check(
    bad.length === 0,
    'logGroupArns',
    bad,
    'has entries that are not CloudWatch log group ARNs',
    'pass "arn:aws:logs:<region>:<account>:log-group:<name>", e.g. CloudwatchLogGroup.arn',
  );
  v.throwIfInvalid();
  if (logGroupArns.length === 0) return;
  const groups = logGroupArns.map((a) => (!Token.isUnresolved(a) && a.endsWith(':*') ? a.slice(0, -2) : a));
  grantee.addStatements({
    sid: 'LogsWrite',
    effect: 'Allow',
    actions: [...LOGS_ACTIONS.writeEvents],
    resources: groups.flatMap((g) => [g, `${g}:*`]),
  });
}

/**
 * Lets the grantee read (or read and write) SSM parameters under a path such as `/orders/dev/`,
 * or one parameter ARN. SecureString parameters encrypted with the AWS managed `aws/ssm` key
 * need no KMS permission (that key's policy admits principals of the account via SSM); with a
 * customer managed key, grant `kms:Decrypt`/`kms:Encrypt` on it separately. Deleting is not
 * granted.
 * @param parameterArnOrPrefix a path starting and ending with '/', or a parameter ARN
 */
export function grantSsmParameters(
  grantee: IGrantable,
  parameterArnOrPrefix: string,
  access: 'read' | 'readWrite',
  scope: ArnScope = {},
): void {
  const v = validatorFor(grantee, 'grantSsmParameters');
  const value = parameterArnOrPrefix;
  const isArn = !Token.isUnresolved(value) && value.startsWith('arn:');
  if (isArn) {
    v.check(
      SSM_ARN_RE.test(value),
      'parameterArnOrPrefix',
      value,
      'is not an SSM parameter ARN',
      'use "arn:aws:ssm:<region>:<account>:parameter/<path>"',
    );
  } else {
    v.checkOptional(
      value,
      (p) => SSM_PATH_RE.test(p),
      'parameterArnOrPrefix',
      'is not a parameter path: it must start and end with "/" and hold at least one segment of ' +
        'letters, digits, "_", "." or "-"',
      'use a path such as "/orders/dev/" (not "/" alone: that would cover every parameter)',
    );
  }
  v.check(
    access === 'read' || access === 'readWrite',
    'access',
    access,
    'must be "read" or "readWrite"',
    'use "read" or "readWrite"',
  );
  v.throwIfInvalid();

  let resources: string[];
  if (isArn) {
    resources = [value];
  } else {
    const base = `arn:${scope.partition ?? 'aws'}:ssm:${scope.region ?? '*'}:${scope.account ?? '*'}:parameter`;
    // GetParametersByPath is authorized against the path itself (no trailing slash), the others
    // against each parameter below it.
    const path = Token.isUnresolved(value) ? value : value.slice(0, -1);
    resources = [`${base}${path}`, `${base}${path}/*`];
  }
  const actions =
    access === 'read'
      ? [...SSM_ACTIONS.readParameters]
      : [...SSM_ACTIONS.readParameters, ...SSM_ACTIONS.writeParameters];
  grantee.addStatements({
    sid: access === 'read' ? 'SsmParametersRead' : 'SsmParametersReadWrite',
    effect: 'Allow',
    actions,
    resources,
  });
}

/**
 * Lets the grantee publish metrics to the given namespaces only. `cloudwatch:PutMetricData` has
 * no resource-level permissions, so the resource is `*` and the `cloudwatch:namespace`
 * condition does the scoping.
 */
export function grantPutMetricData(grantee: IGrantable, namespaces: string[]): void {
  const v = validatorFor(grantee, 'grantPutMetricData');
  const bad = namespaces.filter(
    (n) => !Token.isUnresolved(n) && (!NAMESPACE_RE.test(n) || n.startsWith('AWS/')),
  );
  v.check(
    bad.length === 0,
    'namespaces',
    bad,
    'has invalid namespaces (1-255 characters, no ":", and "AWS/" is reserved)',
    'use namespaces such as "Orders" or "CWAgent"',
  );
  v.throwIfInvalid();
  if (namespaces.length === 0) return;
  grantee.addStatements({
    sid: 'PutMetricData',
    effect: 'Allow',
    actions: [...CLOUDWATCH_ACTIONS.putMetricData],
    resources: ['*'],
    condition: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: [...namespaces] }],
  });
}

/**
 * Lets the grantee decrypt with and generate data keys from KMS keys, only when called through
 * S3 or SSM (so the host cannot use the key directly on arbitrary data).
 */
export function grantKmsKeys(grantee: IGrantable, keyArns: string[]): void {
  const v = validatorFor(grantee, 'grantKmsKeys');
  const bad = keyArns.filter((a) => !Token.isUnresolved(a) && !KMS_KEY_ARN_RE.test(a));
  v.check(
    bad.length === 0,
    'kmsKeyArns',
    bad,
    'has entries that are not KMS key ARNs',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases do not work in IAM resources)',
  );
  v.throwIfInvalid();
  if (keyArns.length === 0) return;
  grantee.addStatements({
    sid: 'KmsUseViaS3AndSsm',
    effect: 'Allow',
    actions: [...KMS_ACTIONS.useViaStorageServices],
    resources: [...keyArns],
    condition: [
      {
        test: 'StringLike',
        variable: 'kms:ViaService',
        values: ['s3.*.amazonaws.com', 'ssm.*.amazonaws.com'],
      },
    ],
  });
}

/**
 * Lets the CloudWatch agent read the instance metadata it labels metrics with. The only `*`
 * resource in this module besides PutMetricData: EC2 Describe* actions cannot be scoped.
 */
export function grantCloudWatchAgentDescribe(grantee: IGrantable): void {
  grantee.addStatements({
    sid: 'CloudWatchAgentDescribe',
    effect: 'Allow',
    actions: [...EC2_ACTIONS.cloudWatchAgentDescribe],
    resources: ['*'],
  });
}
