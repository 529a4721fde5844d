import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Id as RandomId } from '@cdktf/provider-random/lib/id';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import {
  ModelMonitoringBucket,
  ModelMonitoringBucketProps,
} from '../../../stacks/mlmon/storage/model-monitoring-bucket';
import { BUCKET_LAYOUT, isValidKeyPrefix, layoutPrefixes } from '../../../stacks/mlmon/storage/bucket-layout';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const NAME = 'mlmon-dev-us-east-1';
const SOURCE_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const REPLICA_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';

interface BuildOptions {
  /** Add a RandomProvider to the stack. */
  readonly random?: boolean;
  /** Region of the replica provider alias (none: no alias provider). */
  readonly replicaRegion?: string;
  /** Region of the stack's default provider. */
  readonly region?: string;
}

interface Built {
  readonly stack: TerraformStack;
  readonly bucket: ModelMonitoringBucket;
  readonly text: string;
  readonly json: SynthJson;
}

function makeStack(options: BuildOptions = {}): { stack: TerraformStack; replica?: AwsProvider } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: options.region ?? 'us-east-1' });
  if (options.random) new RandomProvider(stack, 'random');
  const replica = options.replicaRegion
    ? new AwsProvider(stack, 'aws-replica', { alias: 'replica', region: options.replicaRegion })
    : undefined;
  return { stack, replica };
}

function build(
  props:
    | Partial<ModelMonitoringBucketProps>
    | ((replica?: AwsProvider) => Partial<ModelMonitoringBucketProps>) = {},
  options: BuildOptions = {},
): Built {
  const { stack, replica } = makeStack(options);
  const extra = typeof props === 'function' ? props(replica) : props;
  const bucket = new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, ...extra });
  const text = Testing.synth(stack, true);
  return { stack, bucket, text, json: JSON.parse(text) as SynthJson };
}

function resources(json: SynthJson, type: string): Record<string, Block> {
  return json.resource[type] ?? {};
}
function byPrefix(json: SynthJson, type: string, idPrefix: string): { id: string; config: Block } {
  const hits = Object.entries(resources(json, type)).filter(([id]) => id.startsWith(idPrefix));
  if (hits.length !== 1) throw new Error(`expected one ${type} with id ${idPrefix}*, found ${hits.length}`);
  return { id: hits[0][0], config: hits[0][1] };
}
function policyDoc(json: SynthJson, idPrefix: string): { statement: Block[] } {
  const hits = Object.entries(json.data.aws_iam_policy_document ?? {}).filter(([id]) =>
    id.startsWith(idPrefix),
  );
  if (hits.length !== 1) throw new Error(`expected one policy document ${idPrefix}*, found ${hits.length}`);
  return hits[0][1] as { statement: Block[] };
}
function statement(doc: { statement: Block[] }, sid: string): Block {
  const s = doc.statement.find((x) => x.sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
}
function rules(json: SynthJson, idPrefix: string): Block[] {
  return byPrefix(json, 'aws_s3_bucket_lifecycle_configuration', idPrefix).config.rule as Block[];
}
function rule(json: SynthJson, idPrefix: string, id: string): Block | undefined {
  return rules(json, idPrefix).find((r) => r.id === id);
}
const ref = (type: string, id: string, attr: string) => `\${${type}.${id}.${attr}}`;

/** Runs `fn`, expecting a ValidationError; returns it. */
function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

describe('ModelMonitoringBucket with defaults', () => {
  const { bucket, text, json } = build();
  const main = byPrefix(json, 'aws_s3_bucket', 'storage_bucket_');

  it('creates one bucket named exactly bucketName, not force-destroyable', () => {
    expect(Object.keys(resources(json, 'aws_s3_bucket'))).toHaveLength(1);
    expect(main.config).toMatchObject({ bucket: NAME, force_destroy: false, tags: { Name: NAME } });
  });

  it('versions the bucket, encrypts with SSE-S3, blocks public access and disables ACLs', () => {
    expect(text).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies non-TLS requests in the bucket policy', () => {
    const deny = statement(policyDoc(json, 'storage_bucket_policy-document'), 'DenyInsecureTransport');
    expect(deny).toMatchObject({
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    // Both the bucket (ListBucket, policy calls) and every object under it.
    const arn = ref('aws_s3_bucket', main.id, 'arn');
    expect(deny.resources).toEqual([arn, `${arn}/*`]);
  });

  it('expires logs/ after 90 days', () => {
    expect(rule(json, 'storage_bucket_lifecycle', 'expire-logs')).toEqual({
      id: 'expire-logs',
      status: 'Enabled',
      filter: [{ prefix: 'logs/' }],
      expiration: [{ days: 90 }],
    });
  });

  it('moves data/ to INTELLIGENT_TIERING at once (day 0)', () => {
    expect(rule(json, 'storage_bucket_lifecycle', 'data-intelligent-tiering')).toEqual({
      id: 'data-intelligent-tiering',
      status: 'Enabled',
      filter: [{ prefix: 'data/' }],
      transition: [{ days: 0, storage_class: 'INTELLIGENT_TIERING' }],
    });
  });

  it('deletes noncurrent versions after 90 days, orphaned delete markers, and stale multipart uploads', () => {
    expect(rule(json, 'storage_bucket_lifecycle', 'expire-noncurrent-versions')).toMatchObject({
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
    expect(rule(json, 'storage_bucket_lifecycle', 'remove-expired-delete-markers')).toMatchObject({
      filter: [{}],
      expiration: [{ expired_object_delete_marker: true }],
    });
    expect(rule(json, 'storage_bucket_lifecycle', 'abort-incomplete-multipart-uploads')).toBeDefined();
  });

  it('has no rule for models/ or monitoring/ (kept, versions are the undo)', () => {
    const prefixes = rules(json, 'storage_bucket_lifecycle').map((r) => (r.filter as Block[])[0].prefix);
    expect(prefixes).not.toContain('models/');
    expect(prefixes).not.toContain('monitoring/');
  });

  it('creates an empty folder marker per layout prefix, encrypted, without provider default tags', () => {
    const objects = Object.values(resources(json, 'aws_s3_object'));
    expect(objects.map((o) => o.key).sort()).toEqual(layoutPrefixes());
    const encryption = byPrefix(
      json,
      'aws_s3_bucket_server_side_encryption_configuration',
      'storage_bucket_encryption',
    );
    for (const o of objects) {
      expect(o).toMatchObject({
        bucket: ref('aws_s3_bucket', main.id, 'id'),
        content: '',
        content_type: 'application/x-directory',
        override_provider: { default_tags: { tags: {} } },
        depends_on: [`aws_s3_bucket_server_side_encryption_configuration.${encryption.id}`],
      });
    }
  });

  it('has no random suffix, replication or access logging', () => {
    expect(text).not.toHaveResource(RandomId);
    expect(text).not.toHaveResource(S3BucketReplicationConfigurationA);
    expect(text).not.toHaveResource(S3BucketLoggingA);
    expect(text).not.toHaveResource(IamRole);
  });

  it('exposes the layout, the bucket attributes and no replica or log bucket', () => {
    expect(bucket.layout).toBe(BUCKET_LAYOUT);
    expect(bucket.bucket.bucketName).toBe(bucket.bucketName);
    expect(bucket.replicaBucketName).toBeUndefined();
    expect(bucket.replicaBucketArn).toBeUndefined();
    expect(bucket.accessLogBucketName).toBeUndefined();
    expect(bucket.kmsKeyArn).toBeUndefined();
  });

  it('arnForPrefix gives the object ARNs under a prefix', () => {
    expect(bucket.arnForPrefix(BUCKET_LAYOUT.models)).toBe(`${bucket.bucketArn}/models/*`);
  });
});

describe('ModelMonitoringBucket with custom days, SSE-KMS and forceDestroy', () => {
  const { bucket, text, json } = build({
    kmsKeyArn: SOURCE_KEY,
    logsExpirationInDays: 30,
    noncurrentVersionExpirationInDays: 14,
    dataIntelligentTieringAfterDays: 45,
    forceDestroy: true,
    tags: { Team: 'ml' },
  });

  it('encrypts with the key and S3 Bucket Keys', () => {
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: SOURCE_KEY,
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(bucket.kmsKeyArn).toBe(SOURCE_KEY);
  });

  it('uses the given lifecycle days', () => {
    expect(rule(json, 'storage_bucket_lifecycle', 'expire-logs')).toMatchObject({
      expiration: [{ days: 30 }],
    });
    expect(rule(json, 'storage_bucket_lifecycle', 'expire-noncurrent-versions')).toMatchObject({
      noncurrent_version_expiration: [{ noncurrent_days: 14 }],
    });
    expect(rule(json, 'storage_bucket_lifecycle', 'data-intelligent-tiering')).toMatchObject({
      transition: [{ days: 45, storage_class: 'INTELLIGENT_TIERING' }],
    });
  });

  it('lets destroy empty the bucket and merges tags with Name', () => {
    expect(text).toHaveResourceWithProperties(S3Bucket, {
      force_destroy: true,
      tags: { Team: 'ml', Name: NAME },
    });
  });

  it('grants KMS use through S3 only in policyStatements', () => {
    const statements = bucket.policyStatements('read', ['models/']);
    expect(statements.find((s) => s.sid === 'BucketKms')).toMatchObject({
      actions: ['kms:Decrypt'],
      resources: [SOURCE_KEY],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService' }],
    });
  });
});

describe('ModelMonitoringBucket with createPrefixes: false', () => {
  const { json } = build({ createPrefixes: false });

  it('creates no folder markers', () => {
    expect(resources(json, 'aws_s3_object')).toEqual({});
  });
});

describe('ModelMonitoringBucket with randomSuffix and a RandomProvider', () => {
  const { bucket, text, json } = build({ randomSuffix: true }, { random: true });
  const suffix = byPrefix(json, 'random_id', 'storage_suffix');

  it('draws 4 random bytes, redrawn when the base name changes', () => {
    expect(text).toHaveResourceWithProperties(RandomId, { byte_length: 4, keepers: { bucketName: NAME } });
  });

  it('names the bucket <bucketName>-<hex>', () => {
    const main = byPrefix(json, 'aws_s3_bucket', 'storage_bucket_');
    expect(main.config.bucket).toBe(`${NAME}-${ref('random_id', suffix.id, 'hex')}`);
    expect(bucket.bucketName).not.toBe(NAME);
  });
});

describe('ModelMonitoringBucket with randomSuffix but no RandomProvider', () => {
  it('fails synthesis with the fix', () => {
    const { stack } = makeStack();
    new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, randomSuffix: true });
    expect(() => Testing.synth(stack, true)).toThrow(
      /test\/storage: randomSuffix needs a RandomProvider.*RandomProvider\(stack, 'random'\)/s,
    );
  });

  it('accepts the same stack once a RandomProvider is added', () => {
    const { stack } = makeStack();
    new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, randomSuffix: true });
    new RandomProvider(stack, 'random');
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('ModelMonitoringBucket logging to an existing bucket', () => {
  it('writes partitioned logs under <bucket name>/ by default', () => {
    const { bucket, text } = build({ accessLogging: { targetBucketName: 'central-logs' } });
    expect(text).toHaveResourceWithProperties(S3BucketLoggingA, {
      target_bucket: 'central-logs',
      target_prefix: `${NAME}/`,
      target_object_key_format: { partitioned_prefix: { partition_date_source: 'EventTime' } },
    });
    expect(bucket.accessLogBucketName).toBe('central-logs');
    expect(bucket.accessLogBucketArn).toBeUndefined();
  });

  it('uses the given prefix and creates no bucket', () => {
    const { text, json } = build({
      accessLogging: { targetBucketName: 'central-logs', targetPrefix: 's3/app/' },
    });
    expect(text).toHaveResourceWithProperties(S3BucketLoggingA, { target_prefix: 's3/app/' });
    expect(Object.keys(resources(json, 'aws_s3_bucket'))).toHaveLength(1);
  });
});

describe('ModelMonitoringBucket with a created log bucket', () => {
  const { bucket, json } = build({ accessLogging: { createLogBucket: true } });
  const main = byPrefix(json, 'aws_s3_bucket', 'storage_bucket_');
  const logs = byPrefix(json, 'aws_s3_bucket', 'storage_access-logs_bucket');

  it('creates <name>-access-logs as a SecureBucket with SSE-S3', () => {
    expect(logs.config.bucket).toBe(`${NAME}-access-logs`);
    const sse = byPrefix(
      json,
      'aws_s3_bucket_server_side_encryption_configuration',
      'storage_access-logs_encryption',
    );
    expect(sse.config.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(byPrefix(json, 'aws_s3_bucket_public_access_block', 'storage_access-logs').config).toMatchObject({
      block_public_policy: true,
    });
    expect(byPrefix(json, 'aws_s3_bucket_versioning', 'storage_access-logs').config).toBeDefined();
  });

  it('lets only the S3 logging service write, only for the main bucket, only under the prefix', () => {
    const allow = statement(
      policyDoc(json, 'storage_access-logs_policy-document'),
      'AllowS3ServerAccessLogDelivery',
    );
    expect(allow).toEqual({
      sid: 'AllowS3ServerAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`${ref('aws_s3_bucket', logs.id, 'arn')}/${NAME}/*`],
      condition: [
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [ref('aws_s3_bucket', main.id, 'arn')] },
      ],
    });
  });

  it('keeps the TLS-only statement on the log bucket, over the bucket and its objects', () => {
    const deny = statement(policyDoc(json, 'storage_access-logs_policy-document'), 'DenyInsecureTransport');
    const arn = ref('aws_s3_bucket', logs.id, 'arn');
    expect(deny).toMatchObject({
      effect: 'Deny',
      actions: ['s3:*'],
      resources: [arn, `${arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });

  it('expires access logs after 90 days', () => {
    expect(rule(json, 'storage_access-logs_lifecycle', 'expire-access-logs')).toEqual({
      id: 'expire-access-logs',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 90 }],
    });
  });

  it('points the main bucket logging at it', () => {
    const logging = byPrefix(json, 'aws_s3_bucket_logging', 'storage_bucket_access-logging');
    expect(logging.config).toMatchObject({
      bucket: ref('aws_s3_bucket', main.id, 'id'),
      target_bucket: ref('aws_s3_bucket', logs.id, 'bucket'),
      target_prefix: `${NAME}/`,
    });
    expect(bucket.accessLogBucketName).toBe(bucket.accessLogBucketName);
    expect(bucket.accessLogBucketArn).toBeDefined();
  });

  it('takes a custom expiry and name', () => {
    const custom = build({
      accessLogging: { createLogBucket: true, expirationInDays: 400, bucketName: 'my-access-logs' },
    });
    expect(rule(custom.json, 'storage_access-logs_lifecycle', 'expire-access-logs')).toMatchObject({
      expiration: [{ days: 400 }],
    });
    expect(byPrefix(custom.json, 'aws_s3_bucket', 'storage_access-logs_bucket').config.bucket).toBe(
      'my-access-logs',
    );
  });
});

describe('ModelMonitoringBucket with replication (SSE-S3)', () => {
  const { bucket, json } = build(
    (replica) => ({ replication: { destinationRegion: 'eu-west-1', provider: replica as AwsProvider } }),
    {
      replicaRegion: 'eu-west-1',
    },
  );
  const main = byPrefix(json, 'aws_s3_bucket', 'storage_bucket_');
  const replica = byPrefix(json, 'aws_s3_bucket', 'storage_replication_replica_bucket');
  const config = byPrefix(json, 'aws_s3_bucket_replication_configuration', 'storage_replication').config;

  it('creates <name>-replica through the alias provider, with every SecureBucket resource', () => {
    expect(replica.config).toMatchObject({ bucket: `${NAME}-replica`, provider: 'aws.replica' });
    for (const type of [
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_policy',
    ]) {
      expect(byPrefix(json, type, 'storage_replication_replica').config.provider).toBe('aws.replica');
    }
    expect(bucket.replicaBucketName).toBeDefined();
    expect(bucket.replicaBucketArn).toBeDefined();
  });

  it('replicates models/ and data/ with delete markers to STANDARD_IA', () => {
    expect(config.rule).toEqual(
      ['models/', 'data/'].map((prefix, i) => ({
        id: `replicate-${prefix.slice(0, -1)}`,
        priority: i + 1,
        status: 'Enabled',
        filter: { prefix },
        delete_marker_replication: { status: 'Enabled' },
        destination: { bucket: ref('aws_s3_bucket', replica.id, 'arn'), storage_class: 'STANDARD_IA' },
      })),
    );
  });

  it('waits for versioning on both buckets and for the role policy', () => {
    const sourceVersioning = byPrefix(json, 'aws_s3_bucket_versioning', 'storage_bucket_versioning');
    const replicaVersioning = byPrefix(
      json,
      'aws_s3_bucket_versioning',
      'storage_replication_replica_versioning',
    );
    const rolePolicy = byPrefix(json, 'aws_iam_role_policy', 'storage_replication_role-policy');
    expect(config.depends_on).toEqual(
      expect.arrayContaining([
        `aws_s3_bucket_versioning.${sourceVersioning.id}`,
        `aws_s3_bucket_versioning.${replicaVersioning.id}`,
        `aws_iam_role_policy.${rolePolicy.id}`,
      ]),
    );
    expect(config.bucket).toBe(ref('aws_s3_bucket', main.id, 'id'));
  });

  it('uses a role only S3 can assume', () => {
    const assume = policyDoc(json, 'storage_replication_assume-role').statement[0];
    expect(assume).toMatchObject({
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
    });
    const role = byPrefix(json, 'aws_iam_role', 'storage_replication_role');
    expect(role.config.name_prefix).toBe('mlmon-dev-us-east-1-repl-');
    expect(String(role.config.name_prefix).length).toBeLessThanOrEqual(38);
  });

  it('scopes the role policy to the replicated prefixes, without KMS', () => {
    const doc = policyDoc(json, 'storage_replication_policy-document');
    const src = ref('aws_s3_bucket', main.id, 'arn');
    const dst = ref('aws_s3_bucket', replica.id, 'arn');
    expect(statement(doc, 'ReadReplicationConfiguration').resources).toEqual([src]);
    expect(statement(doc, 'ReadSourceVersions').resources).toEqual([`${src}/models/*`, `${src}/data/*`]);
    expect(statement(doc, 'WriteReplicas')).toMatchObject({
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      resources: [`${dst}/models/*`, `${dst}/data/*`],
    });
    expect(doc.statement.map((s) => s.sid)).not.toContain('DecryptSourceObjects');
  });
});

describe('ModelMonitoringBucket with replication of SSE-KMS objects', () => {
  const { json } = build(
    (replica) => ({
      kmsKeyArn: SOURCE_KEY,
      replication: {
        destinationRegion: 'eu-west-1',
        provider: replica as AwsProvider,
        destinationKmsKeyArn: REPLICA_KEY,
      },
    }),
    { replicaRegion: 'eu-west-1' },
  );
  const config = byPrefix(json, 'aws_s3_bucket_replication_configuration', 'storage_replication').config;

  it('replicates KMS-encrypted objects and re-encrypts them with the destination key', () => {
    for (const r of config.rule as Block[]) {
      expect(r).toMatchObject({
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: { encryption_configuration: { replica_kms_key_id: REPLICA_KEY } },
      });
    }
  });

  it('encrypts the replica bucket with the destination key', () => {
    const sse = byPrefix(
      json,
      'aws_s3_bucket_server_side_encryption_configuration',
      'storage_replication_replica',
    );
    expect(sse.config.rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: REPLICA_KEY },
        bucket_key_enabled: true,
      },
    ]);
  });

  it('lets the role use each key only through S3 in its region', () => {
    const doc = policyDoc(json, 'storage_replication_policy-document');
    const main = byPrefix(json, 'aws_s3_bucket', 'storage_bucket_');
    const replica = byPrefix(json, 'aws_s3_bucket', 'storage_replication_replica_bucket');
    expect(statement(doc, 'DecryptSourceObjects')).toMatchObject({
      actions: ['kms:Decrypt'],
      resources: [SOURCE_KEY],
      condition: [
        {
          test: 'StringEquals',
          variable: 'kms:ViaService',
          values: [`s3.${ref('aws_s3_bucket', main.id, 'region')}.amazonaws.com`],
        },
        { test: 'StringLike', variable: 'kms:EncryptionContext:aws:s3:arn' },
      ],
    });
    expect(statement(doc, 'EncryptReplicas')).toMatchObject({
      actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [REPLICA_KEY],
      condition: [
        { values: [`s3.${ref('aws_s3_bucket', replica.id, 'region')}.amazonaws.com`] },
        { variable: 'kms:EncryptionContext:aws:s3:arn' },
      ],
    });
  });
});

describe('ModelMonitoringBucket with customised replication', () => {
  const { json } = build(
    (replica) => ({
      replication: {
        destinationRegion: 'eu-west-1',
        provider: replica as AwsProvider,
        destinationBucketName: 'mlmon-dr-copy',
        prefixes: ['models/'],
        storageClass: 'GLACIER_IR',
        replicationTimeControl: true,
      },
    }),
    { replicaRegion: 'eu-west-1' },
  );

  it('uses the given name, prefixes, storage class and Replication Time Control', () => {
    expect(byPrefix(json, 'aws_s3_bucket', 'storage_replication_replica_bucket').config.bucket).toBe(
      'mlmon-dr-copy',
    );
    const config = byPrefix(json, 'aws_s3_bucket_replication_configuration', 'storage_replication').config;
    expect(config.rule).toHaveLength(1);
    expect((config.rule as Block[])[0]).toMatchObject({
      filter: { prefix: 'models/' },
      destination: {
        storage_class: 'GLACIER_IR',
        replication_time: { status: 'Enabled', time: { minutes: 15 } },
        metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
      },
    });
  });
});

describe('bucket layout helpers', () => {
  it.each([
    ['models/', true],
    ['monitoring/evidently-reports/', true],
    ['models', false],
    ['/models/', false],
    ['models//x/', false],
    ['data/*', false],
    ['', false],
  ])('isValidKeyPrefix(%j) is %s', (prefix, ok) => {
    expect(isValidKeyPrefix(prefix)).toBe(ok);
  });

  it('every layout prefix is a valid key prefix under a top-level folder of the seed layout', () => {
    for (const p of layoutPrefixes()) expect(isValidKeyPrefix(p)).toBe(true);
    expect(new Set(layoutPrefixes().map((p) => p.split('/')[0]))).toEqual(
      new Set(['models', 'monitoring', 'logs', 'data']),
    );
  });
});

describe('ModelMonitoringBucket validation', () => {
  // Each case: props (given the replica provider), field, value, part of the fix.
  type Case = [
    string,
    (replica: AwsProvider) => Partial<ModelMonitoringBucketProps>,
    string,
    unknown,
    RegExp,
  ];
  const repl = (replica: AwsProvider, extra: object = {}) => ({
    replication: { destinationRegion: 'eu-west-1', provider: replica, ...extra },
  });
  const name = (n: number) => 'a'.repeat(n);
  const cases: Case[] = [
    [
      'an invalid bucket name',
      () => ({ bucketName: 'Bad_Name' }),
      'bucketName',
      'Bad_Name',
      /lowercase letters/,
    ],
    [
      'a name too long for the random suffix',
      () => ({ bucketName: name(55), randomSuffix: true }),
      'bucketName',
      name(55),
      /at most 54/,
    ],
    [
      'a name too long for "-replica"',
      (r) => ({ bucketName: name(56), ...repl(r) }),
      'bucketName',
      name(56),
      /at most 55/,
    ],
    [
      'a name too long for "-access-logs"',
      () => ({ bucketName: name(52), accessLogging: { createLogBucket: true } }),
      'bucketName',
      name(52),
      /at most 51/,
    ],
    [
      'a KMS alias instead of a key ARN',
      () => ({ kmsKeyArn: 'alias/my-key' }),
      'kmsKeyArn',
      'alias/my-key',
      /key ARN/,
    ],
    [
      'logs expiring after 0 days',
      () => ({ logsExpirationInDays: 0 }),
      'logsExpirationInDays',
      0,
      /1 to 36500/,
    ],
    [
      'noncurrent versions kept 36501 days',
      () => ({ noncurrentVersionExpirationInDays: 36501 }),
      'noncurrentVersionExpirationInDays',
      36501,
      /1 to 36500/,
    ],
    [
      'a negative tiering delay',
      () => ({ dataIntelligentTieringAfterDays: -1 }),
      'dataIntelligentTieringAfterDays',
      -1,
      /from 0/,
    ],
    [
      'a fractional tiering delay',
      () => ({ dataIntelligentTieringAfterDays: 1.5 }),
      'dataIntelligentTieringAfterDays',
      1.5,
      /from 0/,
    ],
    [
      'both logging variants',
      () => ({ accessLogging: { targetBucketName: 'logs-bucket', createLogBucket: true } as never }),
      'accessLogging',
      { targetBucketName: 'logs-bucket', createLogBucket: true },
      /either/,
    ],
    [
      'an invalid log target',
      () => ({ accessLogging: { targetBucketName: 'X' } }),
      'accessLogging.targetBucketName',
      'X',
      /lowercase/,
    ],
    [
      'logging into itself',
      () => ({ accessLogging: { targetBucketName: NAME } }),
      'accessLogging.targetBucketName',
      NAME,
      /separate log bucket/,
    ],
    [
      'a log prefix starting with /',
      () => ({ accessLogging: { targetBucketName: 'logs-bucket', targetPrefix: '/x/' } }),
      'accessLogging.targetPrefix',
      '/x/',
      /s3-access-logs/,
    ],
    [
      'access logs expiring after 0 days',
      () => ({ accessLogging: { createLogBucket: true, expirationInDays: 0 } }),
      'accessLogging.expirationInDays',
      0,
      /1 to 36500/,
    ],
    [
      'an invalid log bucket name',
      () => ({ accessLogging: { createLogBucket: true, bucketName: 'a' } }),
      'accessLogging.bucketName',
      'a',
      /3-63/,
    ],
    ['an invalid region', () => ({ region: 'moon-1' }), 'region', 'moon-1', /us-east-1/],
    [
      'an invalid destination region',
      (r) => ({ replication: { destinationRegion: 'mars-north-1', provider: r } }),
      'replication.destinationRegion',
      'mars-north-1',
      /eu-west-1/,
    ],
    [
      'replication into the same region',
      (r) => ({ region: 'eu-west-1', ...repl(r) }),
      'replication.destinationRegion',
      'eu-west-1',
      /different region/,
    ],
    [
      'a provider for another region',
      (r) => ({ replication: { destinationRegion: 'eu-central-1', provider: r } }),
      'replication.provider',
      'eu-west-1',
      /provider alias created for destinationRegion/,
    ],
    [
      'an invalid replica name',
      (r) => repl(r, { destinationBucketName: 'Replica' }),
      'replication.destinationBucketName',
      'Replica',
      /lowercase/,
    ],
    [
      'the source name as replica name',
      (r) => repl(r, { destinationBucketName: NAME }),
      'replication.destinationBucketName',
      NAME,
      /different name/,
    ],
    ['no prefixes', (r) => repl(r, { prefixes: [] }), 'replication.prefixes', [], /at least one prefix/],
    [
      'a prefix with a leading /',
      (r) => repl(r, { prefixes: ['/models/'] }),
      'replication.prefixes[0]',
      '/models/',
      /"models\/"/,
    ],
    [
      'a prefix without trailing /',
      (r) => repl(r, { prefixes: ['data/', 'models'] }),
      'replication.prefixes[1]',
      'models',
      /"models\/"/,
    ],
    [
      'a prefix listed twice',
      (r) => repl(r, { prefixes: ['data/', 'data/'] }),
      'replication.prefixes',
      ['data/', 'data/'],
      /each prefix once/,
    ],
    [
      'an unknown storage class',
      (r) => repl(r, { storageClass: 'COLD' }),
      'replication.storageClass',
      'COLD',
      /STANDARD_IA/,
    ],
    [
      'SSE-KMS without a destination key',
      (r) => ({ kmsKeyArn: SOURCE_KEY, ...repl(r) }),
      'replication.destinationKmsKeyArn',
      undefined,
      /KMS key ARN in eu-west-1/,
    ],
    [
      'a destination key in the source region',
      (r) => ({ kmsKeyArn: SOURCE_KEY, ...repl(r, { destinationKmsKeyArn: SOURCE_KEY }) }),
      'replication.destinationKmsKeyArn',
      SOURCE_KEY,
      /KMS key in eu-west-1/,
    ],
    [
      'a destination key that is no ARN',
      (r) => repl(r, { destinationKmsKeyArn: 'alias/x' }),
      'replication.destinationKmsKeyArn',
      'alias/x',
      /arn:aws:kms:eu-west-1/,
    ],
  ];

  it.each(cases)('fails for %s', (_title, props, field, value, fix) => {
    const { stack, replica } = makeStack({ replicaRegion: 'eu-west-1' });
    const err = validationError(
      () =>
        new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, ...props(replica as AwsProvider) }),
    );
    expect(err.path).toBe('test/storage');
    const problem = err.problems.find((p: ValidationProblem) => p.field === field);
    expect(problem).toBeDefined();
    expect(problem?.value).toEqual(value);
    expect(problem?.fix).toMatch(fix);
    expect(err.message).toContain(`Invalid input for test/storage`);
  });

  // The accepted twins, at the boundary of each rule above.
  // Every row has all three elements: jest passes a `done` callback when the function takes more
  // arguments than the row has.
  const accepts: [string, (replica: AwsProvider) => Partial<ModelMonitoringBucketProps>, BuildOptions][] = [
    [
      'a 54-character name with the random suffix',
      () => ({ bucketName: name(54), randomSuffix: true }),
      { random: true },
    ],
    ['a 55-character name with a default replica name', (r) => ({ bucketName: name(55), ...repl(r) }), {}],
    [
      'a 63-character name with a named replica',
      (r) => ({ bucketName: name(63), ...repl(r, { destinationBucketName: 'replica-b' }) }),
      {},
    ],
    [
      'a 51-character name with a created log bucket',
      () => ({ bucketName: name(51), accessLogging: { createLogBucket: true } }),
      {},
    ],
    ['logs expiring after 1 day', () => ({ logsExpirationInDays: 1 }), {}],
    ['noncurrent versions kept 36500 days', () => ({ noncurrentVersionExpirationInDays: 36500 }), {}],
    ['tiering at day 0', () => ({ dataIntelligentTieringAfterDays: 0 }), {}],
    [
      'a log prefix without a leading /',
      () => ({ accessLogging: { targetBucketName: 'logs-bucket', targetPrefix: 'x/' } }),
      {},
    ],
    [
      'access logs expiring after 1 day',
      () => ({ accessLogging: { createLogBucket: true, expirationInDays: 1 } }),
      {},
    ],
    ['replication to another region', (r) => ({ region: 'us-east-1', ...repl(r) }), {}],
    [
      'SSE-KMS with a destination key in the destination region',
      (r) => ({ kmsKeyArn: SOURCE_KEY, ...repl(r, { destinationKmsKeyArn: REPLICA_KEY }) }),
      {},
    ],
    ['nested prefixes', (r) => repl(r, { prefixes: ['monitoring/evidently-reports/', 'models/'] }), {}],
  ];

  it.each(accepts)('accepts %s', (_title, props, options) => {
    const { stack, replica } = makeStack({ replicaRegion: 'eu-west-1', ...options });
    expect(() => {
      new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, ...props(replica as AwsProvider) });
      Testing.synth(stack, true);
    }).not.toThrow();
  });

  it('reports every problem at once', () => {
    const { stack } = makeStack();
    const err = validationError(
      () =>
        new ModelMonitoringBucket(stack, 'storage', {
          bucketName: 'Bad',
          logsExpirationInDays: 0,
          noncurrentVersionExpirationInDays: 0,
          kmsKeyArn: 'nope',
        }),
    );
    expect(err.problems.map((p) => p.field).sort()).toEqual(
      ['bucketName', 'kmsKeyArn', 'logsExpirationInDays', 'noncurrentVersionExpirationInDays'].sort(),
    );
  });

  it('uses the default provider region when region is not given', () => {
    const { stack, replica } = makeStack({ region: 'eu-west-1', replicaRegion: 'eu-west-1' });
    const err = validationError(
      () =>
        new ModelMonitoringBucket(stack, 'storage', { bucketName: NAME, ...repl(replica as AwsProvider) }),
    );
    expect(err.problems[0]).toMatchObject({ field: 'replication.destinationRegion', value: 'eu-west-1' });
  });

  it('skips checks on unresolved tokens', () => {
    const { stack } = makeStack();
    const bucketName = new TerraformVariable(stack, 'bucket_name', { type: 'string' }).stringValue;
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    expect(
      () =>
        new ModelMonitoringBucket(stack, 'storage', {
          bucketName,
          logsExpirationInDays: days,
          kmsKeyArn: bucketName,
        }),
    ).not.toThrow();
  });
});
