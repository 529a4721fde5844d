import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  BucketReplication,
  BucketReplicationProps,
  REPLICA_STORAGE_CLASSES,
  ReplicaStorageClass,
  SecureBucket,
  SecureBucketProps,
} from '../../../modules/s3';
import { errorOf } from '../../support/synth-json';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const SOURCE_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const REPLICA_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ff';
const SRC = 'aws_s3_bucket.src_bucket_5311448C';
const REPLICA = 'aws_s3_bucket.repl_replica_bucket_4851BCE2';

/** A source bucket in us-east-1 and its replication to eu-west-1 (aliased provider `west`). */
function build(
  source: Partial<SecureBucketProps> = {},
  replication: Partial<Omit<BucketReplicationProps, 'source' | 'provider'>> = {},
) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const west = new AwsProvider(stack, 'west', { region: 'eu-west-1', alias: 'west' });
  const src = new SecureBucket(stack, 'src', { bucketName: 'acme-src', accessLogging: false, ...source });
  const replicationConstruct = new BucketReplication(stack, 'repl', {
    source: src,
    destinationBucketName: 'acme-replica',
    provider: west,
    prefixes: ['models/'],
    storageClass: 'STANDARD_IA',
    replicationTimeControl: false,
    roleNamePrefix: 'acme-repl-',
    ...replication,
  });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return { stack, src, replication: replicationConstruct, json };
}
const ofType = (json: SynthJson, type: string) => json.resource[type] ?? {};
const only = (json: SynthJson, type: string): Block => {
  const all = Object.values(ofType(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
};
/** The one resource of `type` whose logical id starts with `idPrefix`. */
const byId = (json: SynthJson, type: string, idPrefix: string): Block => {
  const hits = Object.entries(ofType(json, type)).filter(([id]) => id.startsWith(idPrefix));
  if (hits.length !== 1) throw new Error(`expected one ${type} ${idPrefix}*, found ${hits.length}`);
  return hits[0][1];
};
const doc = (json: SynthJson, id: string) => json.data.aws_iam_policy_document[id] as { statement: Block[] };

describe('BucketReplication of an SSE-KMS bucket with Replication Time Control', () => {
  const kmsReplication = () =>
    build(
      { kmsKeyArn: SOURCE_KEY },
      {
        prefixes: ['models/', 'a.b/c/'],
        storageClass: 'GLACIER_IR',
        destinationKmsKeyArn: REPLICA_KEY,
        replicationTimeControl: true,
        noncurrentVersionExpirationInDays: 10,
        forceDestroy: true,
        tags: { Team: 'ml' },
      },
    );

  it('creates the replica bucket with the destination provider, key, expiry and tags, without access logs', () => {
    const { json, replication } = kmsReplication();
    expect(ofType(json, 'aws_s3_bucket')['repl_replica_bucket_4851BCE2']).toEqual({
      bucket: 'acme-replica',
      force_destroy: true,
      provider: 'aws.west',
      tags: { Name: 'acme-replica', Team: 'ml' },
    });
    expect(replication.destination.node.path).toBe('test/repl/replica');
    expect(replication.destination.accessLogBucket).toBeUndefined();
    expect(ofType(json, 'aws_s3_bucket_logging')).toEqual({});
    expect(
      byId(json, 'aws_s3_bucket_server_side_encryption_configuration', 'repl_replica_encryption_'),
    ).toEqual({
      provider: 'aws.west',
      bucket: `\${${REPLICA}.id}`,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: REPLICA_KEY,
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(
      (byId(json, 'aws_s3_bucket_lifecycle_configuration', 'repl_replica_lifecycle_').rule as Block[])[1],
    ).toEqual({
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrent_version_expiration: [{ noncurrent_days: 10 }],
    });
  });

  it('creates a role only S3 can assume, named by the prefix and tagged', () => {
    const { json, replication } = kmsReplication();
    expect(only(json, 'aws_iam_role')).toEqual({
      name_prefix: 'acme-repl-',
      description: 'Assumed by S3 to replicate objects to the replica bucket',
      assume_role_policy: '${data.aws_iam_policy_document.repl_assume-role_6BF80ABB.json}',
      tags: { Name: 'acme-repl-', Team: 'ml' },
    });
    expect(doc(json, 'repl_assume-role_6BF80ABB')).toEqual({
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
        },
      ],
    });
    expect(replication.roleArn).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  it('lets the role read the source and write replicas under the prefixes, and use each key only through S3', () => {
    const { json } = kmsReplication();
    expect(only(json, 'aws_iam_role_policy')).toEqual({
      name: 's3-replication',
      role: '${aws_iam_role.repl_role_C42FA2CF.id}',
      policy: '${data.aws_iam_policy_document.repl_policy-document_10C4E542.json}',
    });
    expect(doc(json, 'repl_policy-document_10C4E542').statement).toEqual([
      {
        sid: 'ReadReplicationConfiguration',
        effect: 'Allow',
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [`\${${SRC}.arn}`],
      },
      {
        sid: 'ReadSourceVersions',
        effect: 'Allow',
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [`\${${SRC}.arn}/models/*`, `\${${SRC}.arn}/a.b/c/*`],
      },
      {
        sid: 'WriteReplicas',
        effect: 'Allow',
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [`\${${REPLICA}.arn}/models/*`, `\${${REPLICA}.arn}/a.b/c/*`],
      },
      {
        sid: 'DecryptSourceObjects',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [SOURCE_KEY],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: [`s3.\${${SRC}.region}.amazonaws.com`],
          },
          {
            test: 'StringLike',
            variable: 'kms:EncryptionContext:aws:s3:arn',
            values: [`\${${SRC}.arn}`, `\${${SRC}.arn}/models/*`, `\${${SRC}.arn}/a.b/c/*`],
          },
        ],
      },
      {
        sid: 'EncryptReplicas',
        effect: 'Allow',
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [REPLICA_KEY],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: [`s3.\${${REPLICA}.region}.amazonaws.com`],
          },
          {
            test: 'StringLike',
            variable: 'kms:EncryptionContext:aws:s3:arn',
            values: [`\${${REPLICA}.arn}`, `\${${REPLICA}.arn}/models/*`, `\${${REPLICA}.arn}/a.b/c/*`],
          },
        ],
      },
    ]);
  });

  it('has one rule per prefix, in order, replicating delete markers and KMS objects with a 15-minute SLA', () => {
    const { json } = kmsReplication();
    const rule = (prefix: string, id: string, priority: number) => ({
      id,
      priority,
      status: 'Enabled',
      filter: { prefix },
      delete_marker_replication: { status: 'Enabled' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
      destination: {
        bucket: `\${${REPLICA}.arn}`,
        storage_class: 'GLACIER_IR',
        encryption_configuration: { replica_kms_key_id: REPLICA_KEY },
        replication_time: { status: 'Enabled', time: { minutes: 15 } },
        metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
      },
    });
    expect(only(json, 'aws_s3_bucket_replication_configuration')).toEqual({
      bucket: `\${${SRC}.id}`,
      role: '${aws_iam_role.repl_role_C42FA2CF.arn}',
      rule: [rule('models/', 'replicate-models', 1), rule('a.b/c/', 'replicate-a-b-c', 2)],
      depends_on: [
        'aws_s3_bucket_versioning.src_versioning_CE29A95B',
        'aws_iam_role_policy.repl_role-policy_C1648223',
        'aws_s3_bucket_versioning.repl_replica_versioning_87F40453',
      ],
    });
  });
});

describe('BucketReplication of an SSE-S3 bucket without Replication Time Control', () => {
  it('gives the role no KMS access and the rules no encryption, KMS selection, SLA or metrics', () => {
    const { json } = build({}, { prefixes: ['x/y/'] });
    expect(doc(json, 'repl_policy-document_10C4E542').statement.map((s) => s.sid)).toEqual([
      'ReadReplicationConfiguration',
      'ReadSourceVersions',
      'WriteReplicas',
    ]);
    expect(only(json, 'aws_s3_bucket_replication_configuration').rule).toEqual([
      {
        id: 'replicate-x-y',
        priority: 1,
        status: 'Enabled',
        filter: { prefix: 'x/y/' },
        delete_marker_replication: { status: 'Enabled' },
        destination: { bucket: `\${${REPLICA}.arn}`, storage_class: 'STANDARD_IA' },
      },
    ]);
  });

  it('keeps SSE-S3 objects as they are even when the replica bucket has a KMS key of its own', () => {
    const { json } = build({}, { destinationKmsKeyArn: REPLICA_KEY });
    expect(doc(json, 'repl_policy-document_10C4E542').statement).toHaveLength(3);
    const [rule] = only(json, 'aws_s3_bucket_replication_configuration').rule as Block[];
    expect(rule.source_selection_criteria).toBeUndefined();
    expect(rule.destination).toEqual({ bucket: `\${${REPLICA}.arn}`, storage_class: 'STANDARD_IA' });
    expect(
      byId(json, 'aws_s3_bucket_server_side_encryption_configuration', 'repl_replica_encryption_').rule,
    ).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: REPLICA_KEY },
        bucket_key_enabled: true,
      },
    ]);
  });
});

describe('BucketReplication refusals', () => {
  it('refuses an unversioned source bucket', () => {
    expect(errorOf(() => build({ versioned: false }))).toBe(
      'test/repl: replication needs a versioned source bucket',
    );
  });

  it('refuses an SSE-KMS source bucket without a destination key', () => {
    expect(errorOf(() => build({ kmsKeyArn: SOURCE_KEY }))).toBe(
      'test/repl: an SSE-KMS source bucket needs destinationKmsKeyArn',
    );
  });

  it('names every missing prop of an untyped caller', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(errorOf(() => new BucketReplication(stack, 'repl', {} as BucketReplicationProps))).toBe(
      'Invalid input for test/repl (7 problems):\n' +
        '  - source = undefined: is required. Fix: pass source, an object\n' +
        '  - destinationBucketName = undefined: is required. Fix: pass destinationBucketName, a string\n' +
        '  - provider = undefined: is required. Fix: pass provider, an object\n' +
        '  - prefixes = undefined: is required. Fix: pass prefixes, a list\n' +
        '  - storageClass = undefined: is required. Fix: pass storageClass, a string\n' +
        '  - replicationTimeControl = undefined: is required. Fix: pass replicationTimeControl, true or false\n' +
        '  - roleNamePrefix = undefined: is required. Fix: pass roleNamePrefix, a string',
    );
  });
});

describe('Replica storage classes', () => {
  it('REPLICA_STORAGE_CLASSES lists every storage class a replica can be written in', () => {
    expect(REPLICA_STORAGE_CLASSES).toEqual([
      'STANDARD',
      'STANDARD_IA',
      'ONEZONE_IA',
      'INTELLIGENT_TIERING',
      'GLACIER_IR',
      'GLACIER',
      'DEEP_ARCHIVE',
    ]);
  });

  it.each<ReplicaStorageClass>(['STANDARD', 'ONEZONE_IA', 'DEEP_ARCHIVE'])(
    'writes replicas in %s',
    (storageClass) => {
      const { json } = build({}, { storageClass });
      const [rule] = only(json, 'aws_s3_bucket_replication_configuration').rule as { destination: Block }[];
      expect(rule.destination.storage_class).toBe(storageClass);
    },
  );
});
