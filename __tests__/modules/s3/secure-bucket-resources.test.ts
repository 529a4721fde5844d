import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SecureBucket, SecureBucketProps, accessLogBucketNameFor } from '../../../modules/s3';
import { IGrantable } from '../../../modules/iam';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const BUCKET = 'aws_s3_bucket.data_bucket_F0368B94';
const BUCKET_ID = `\${${BUCKET}.id}`;
const BUCKET_ARN = `\${${BUCKET}.arn}`;

function stackWithProvider(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}
/** A bucket without a companion log bucket, so that every resource in the JSON is the bucket's own. */
function build(props: Partial<SecureBucketProps> = {}) {
  const stack = stackWithProvider();
  const bucket = new SecureBucket(stack, 'data', { bucketName: 'acme-data', accessLogging: false, ...props });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return { stack, bucket, json };
}
const ofType = (json: SynthJson, type: string) => json.resource[type] ?? {};
const policyStatements = (json: SynthJson) =>
  (
    Object.entries(json.data.aws_iam_policy_document).find(([id]) =>
      id.startsWith('data_policy-document_'),
    )![1] as {
      statement: Block[];
    }
  ).statement;

const ABORT_UPLOADS_RULE = {
  id: 'abort-incomplete-multipart-uploads',
  status: 'Enabled',
  filter: [{}],
  abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
};
const noncurrentRule = (days: number) => ({
  id: 'expire-noncurrent-versions',
  status: 'Enabled',
  filter: [{}],
  noncurrent_version_expiration: [{ noncurrent_days: days }],
});

describe('SecureBucket resources with defaults', () => {
  const { json, bucket } = build();

  it('creates exactly the bucket and its settings resources', () => {
    expect(json.resource).toEqual({
      aws_s3_bucket: {
        data_bucket_F0368B94: { bucket: 'acme-data', force_destroy: false, tags: { Name: 'acme-data' } },
      },
      aws_s3_bucket_ownership_controls: {
        data_ownership_A26A5643: { bucket: BUCKET_ID, rule: { object_ownership: 'BucketOwnerEnforced' } },
      },
      aws_s3_bucket_public_access_block: {
        'data_public-access-block_508A49BB': {
          bucket: BUCKET_ID,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      },
      aws_s3_bucket_versioning: {
        data_versioning_005AE1DC: { bucket: BUCKET_ID, versioning_configuration: { status: 'Enabled' } },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        data_encryption_BAF4D4CD: {
          bucket: BUCKET_ID,
          rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
        },
      },
      aws_s3_bucket_lifecycle_configuration: {
        data_lifecycle_BB7F186C: {
          bucket: BUCKET_ID,
          rule: [ABORT_UPLOADS_RULE, noncurrentRule(90)],
          depends_on: ['aws_s3_bucket_versioning.data_versioning_005AE1DC'],
        },
      },
      aws_s3_bucket_policy: {
        data_policy_7F633534: {
          bucket: BUCKET_ID,
          policy: '${data.aws_iam_policy_document.data_policy-document_7CAE52E0.json}',
          depends_on: ['aws_s3_bucket_public_access_block.data_public-access-block_508A49BB'],
        },
      },
    });
  });

  it('has only the TLS-only statement in its policy', () => {
    expect(policyStatements(json).map((s) => s.sid)).toEqual(['DenyInsecureTransport']);
  });

  it('exposes the versioning resource and no KMS key', () => {
    expect(bucket.versioning).toBeDefined();
    expect(bucket.kmsKeyArn).toBeUndefined();
  });
});

describe('SecureBucket versioning and noncurrent-version expiry', () => {
  it('expires noncurrent versions after the given number of days', () => {
    const { json } = build({ noncurrentVersionExpirationInDays: 7 });
    expect(Object.values(ofType(json, 'aws_s3_bucket_lifecycle_configuration'))[0].rule).toEqual([
      ABORT_UPLOADS_RULE,
      noncurrentRule(7),
    ]);
  });

  it.each([1, 36500])('accepts the boundary noncurrentVersionExpirationInDays = %d', (days) => {
    const { json } = build({ noncurrentVersionExpirationInDays: days });
    expect(
      (Object.values(ofType(json, 'aws_s3_bucket_lifecycle_configuration'))[0].rule as Block[])[1],
    ).toEqual(noncurrentRule(days));
  });

  it('an unversioned bucket has no versioning resource, no noncurrent rule and no lifecycle dependency', () => {
    const { json, bucket } = build({ versioned: false });
    expect(bucket.versioning).toBeUndefined();
    expect(ofType(json, 'aws_s3_bucket_versioning')).toEqual({});
    expect(Object.values(ofType(json, 'aws_s3_bucket_lifecycle_configuration'))).toEqual([
      { bucket: BUCKET_ID, rule: [ABORT_UPLOADS_RULE] },
    ]);
  });

  it('versioned: true may set the noncurrent expiry', () => {
    const { json } = build({ versioned: true, noncurrentVersionExpirationInDays: 5 });
    expect(Object.keys(ofType(json, 'aws_s3_bucket_versioning'))).toEqual(['data_versioning_005AE1DC']);
  });

  it('appends extra lifecycle rules after the built-in ones', () => {
    const { json } = build({
      lifecycleRules: [
        { id: 'expire-tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 1 }] },
      ],
    });
    expect(Object.values(ofType(json, 'aws_s3_bucket_lifecycle_configuration'))[0].rule).toEqual([
      ABORT_UPLOADS_RULE,
      noncurrentRule(90),
      { id: 'expire-tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 1 }] },
    ]);
  });
});

describe('SecureBucket bucket settings', () => {
  it('preventDestroy sets prevent_destroy on the bucket', () => {
    const { json } = build({ preventDestroy: true });
    expect(ofType(json, 'aws_s3_bucket')['data_bucket_F0368B94']).toEqual({
      bucket: 'acme-data',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      tags: { Name: 'acme-data' },
    });
  });

  it('forceDestroy alone is accepted', () => {
    const { json } = build({ forceDestroy: true, preventDestroy: false });
    expect(ofType(json, 'aws_s3_bucket')['data_bucket_F0368B94'].force_destroy).toBe(true);
  });

  it('adds policy statements after the TLS-only statement', () => {
    const extra: DataAwsIamPolicyDocumentStatement = {
      sid: 'ReadFromCi',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::acme-data/*'],
    };
    const { json } = build({ policyStatements: [extra] });
    expect(policyStatements(json).map((s) => s.sid)).toEqual(['DenyInsecureTransport', 'ReadFromCi']);
  });
});

describe('SecureBucket receiving server access logs', () => {
  it('admits the logging service for the source buckets on the whole bucket by default', () => {
    const { json } = build({
      serverAccessLogsDelivery: { sourceBucketArns: ['arn:aws:s3:::acme-a', 'arn:aws:s3:::acme-b'] },
    });
    expect(policyStatements(json)[1]).toEqual({
      sid: 'AllowS3ServerAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`${BUCKET_ARN}/*`],
      condition: [
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: ['arn:aws:s3:::acme-a', 'arn:aws:s3:::acme-b'],
        },
      ],
    });
  });

  it('puts the delivery statement between the TLS-only statement and the caller statements', () => {
    const { json } = build({
      serverAccessLogsDelivery: { sourceBucketArns: ['arn:aws:s3:::acme-a'] },
      policyStatements: [{ sid: 'Extra', effect: 'Deny', actions: ['s3:DeleteObject'], resources: ['*'] }],
    });
    expect(policyStatements(json).map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'AllowS3ServerAccessLogDelivery',
      'Extra',
    ]);
  });
});

describe('SecureBucket companion log bucket names', () => {
  it.each([
    ['a short name', 'acme-data', 'acme-data-access-logs'],
    [
      'a name cut before a run of hyphens',
      `${'a'.repeat(49)}--${'b'.repeat(12)}`,
      `${'a'.repeat(49)}-access-logs`,
    ],
    [
      'a name cut before a run of dots and hyphens',
      `${'a'.repeat(48)}.-.${'b'.repeat(12)}`,
      `${'a'.repeat(48)}-access-logs`,
    ],
    ['a name of exactly 51 characters', 'c'.repeat(51), `${'c'.repeat(51)}-access-logs`],
    ['a name of 52 characters', 'c'.repeat(52), `${'c'.repeat(51)}-access-logs`],
  ])('%s', (_name, bucketName, expected) => {
    expect(accessLogBucketNameFor(bucketName)).toBe(expected);
  });

  it('appends the suffix to a name known only at apply time, without cutting it', () => {
    const stack = stackWithProvider();
    const suffix = new TerraformVariable(stack, 'suffix', { type: 'string' });
    new SecureBucket(stack, 'data', { bucketName: `${'a'.repeat(50)}-${suffix.stringValue}` });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect(Object.values(ofType(json, 'aws_s3_bucket')).map((b) => b.bucket)).toEqual([
      `${'a'.repeat(50)}-\${var.suffix}-access-logs`,
      `${'a'.repeat(50)}-\${var.suffix}`,
    ]);
  });
});

class Recorder implements IGrantable {
  public readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  addStatements(...s: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...s);
  }
}

describe('SecureBucket grant statement ids', () => {
  it.each([
    ['model-store', 'ModelStore'],
    ['models', 'Models'],
    ['a--b', 'AB'],
    ['-raw.data_v2-', 'RawDataV2'],
    ['_', 'Bucket'],
  ])('a bucket with construct id %j names its statements %s...', (id, sid) => {
    const b = new SecureBucket(new TerraformStack(Testing.app(), 'test'), id, { bucketName: 'acme-data' });
    const r = new Recorder();
    b.grantRead(r);
    expect(r.statements.map((s) => s.sid)).toEqual([`${sid}List`, `${sid}Bucket`, `${sid}Objects`]);
  });
});
