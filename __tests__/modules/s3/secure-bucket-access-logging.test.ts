import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError } from '../../../modules/core/validation';
import { applyPolicyPack } from '../../../modules/policy';
import { SecureBucket, SecureBucketProps, accessLogBucketNameFor } from '../../../modules/s3';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}
const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MAIN = 'aws_s3_bucket.data_bucket_F0368B94';
const LOGS = 'aws_s3_bucket.data_access-logs_bucket_0595B1D7';

function stackWithProvider(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}
function build(props: Partial<SecureBucketProps> = {}) {
  const stack = stackWithProvider();
  const bucket = new SecureBucket(stack, 'data', { bucketName: 'acme-data', ...props });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return { stack, bucket, json };
}
const ofType = (json: SynthJson, type: string) => json.resource[type] ?? {};
const get = (json: SynthJson, type: string, id: string): Block => {
  const hit = ofType(json, type)[id];
  if (!hit) throw new Error(`no ${type}.${id}; have ${Object.keys(ofType(json, type)).join(', ')}`);
  return hit;
};
const bucketNames = (json: SynthJson) => Object.values(ofType(json, 'aws_s3_bucket')).map((b) => b.bucket);
/** Synthesizes the stack under the policy pack: the error message when it fails, '' when it passes. */
function policyErrors(stack: TerraformStack): string {
  applyPolicyPack(stack, { log: () => undefined });
  try {
    Testing.synth(stack, true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('SecureBucket access logging with defaults: a companion log bucket', () => {
  const { bucket, json } = build();

  it('creates <bucket name>-access-logs as a child construct', () => {
    expect(bucketNames(json)).toEqual(['acme-data-access-logs', 'acme-data']);
    expect(bucket.accessLogBucket?.node.path).toBe('test/data/access-logs');
    expect(get(json, 'aws_s3_bucket', 'data_access-logs_bucket_0595B1D7')).toEqual({
      bucket: 'acme-data-access-logs',
      force_destroy: false,
      tags: { Name: 'acme-data-access-logs' },
    });
  });

  it('logs the bucket, and only the bucket, into it under <bucket name>/', () => {
    expect(ofType(json, 'aws_s3_bucket_logging')).toEqual({
      'data_access-logging_22034676': {
        bucket: `\${${MAIN}.id}`,
        target_bucket: `\${${LOGS}.bucket}`,
        target_prefix: 'acme-data/',
      },
    });
  });

  it('encrypts the log bucket with SSE-S3, expires logs after 365 days and old versions after 30', () => {
    expect(
      get(json, 'aws_s3_bucket_server_side_encryption_configuration', 'data_access-logs_encryption_A6DA1435'),
    ).toEqual(
      expect.objectContaining({
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      }),
    );
    expect(
      get(json, 'aws_s3_bucket_lifecycle_configuration', 'data_access-logs_lifecycle_670AF58F').rule,
    ).toEqual([
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      },
      { id: 'expire-access-logs', status: 'Enabled', filter: [{}], expiration: [{ days: 365 }] },
    ]);
  });

  it('lets only the S3 logging service write, only under the prefix, only for this bucket', () => {
    const doc = json.data.aws_iam_policy_document['data_access-logs_policy-document_A9F56C8C'] as {
      statement: Block[];
    };
    expect(doc.statement[1]).toEqual({
      sid: 'AllowS3ServerAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`\${${LOGS}.arn}/acme-data/*`],
      condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [`\${${MAIN}.arn}`] }],
    });
  });

  it('does not log the log bucket (it receives logs: MLM-S3-005 exempts it)', () => {
    expect(bucket.accessLogBucket?.accessLogBucket).toBeUndefined();
    expect(Object.keys(ofType(json, 'aws_s3_bucket_logging'))).toHaveLength(1);
  });

  it('passes the policy pack with zero errors', () => {
    expect(policyErrors(build().stack)).toBe('');
  });
});

describe('SecureBucket companion log bucket options', () => {
  it('keeps the log bucket on SSE-S3 when the bucket uses SSE-KMS', () => {
    const { json } = build({ kmsKeyArn: KMS });
    const encryption = Object.values(ofType(json, 'aws_s3_bucket_server_side_encryption_configuration')).map(
      (e) => (e.rule as Block[])[0],
    );
    expect(encryption).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KMS },
        bucket_key_enabled: true,
      },
    ]);
  });

  it('takes a name, an expiry, a prefix and partitioned keys', () => {
    const { json } = build({
      accessLogging: {
        createLogBucket: true,
        logBucketName: 'acme-audit-logs',
        expirationInDays: 30,
        targetPrefix: 'data/',
        partitionedPrefix: true,
      },
    });
    expect(bucketNames(json)).toEqual(['acme-audit-logs', 'acme-data']);
    expect(Object.values(ofType(json, 'aws_s3_bucket_logging'))[0]).toEqual({
      bucket: `\${${MAIN}.id}`,
      target_bucket: '${aws_s3_bucket.data_access-logs_bucket_0595B1D7.bucket}',
      target_prefix: 'data/',
      target_object_key_format: { partitioned_prefix: { partition_date_source: 'EventTime' } },
    });
    expect(
      get(json, 'aws_s3_bucket_lifecycle_configuration', 'data_access-logs_lifecycle_670AF58F').rule,
    ).toContainEqual({
      id: 'expire-access-logs',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 30 }],
    });
  });

  it('passes preventDestroy, forceDestroy and tags on to the log bucket', () => {
    const kept = build({ preventDestroy: true, tags: { Team: 'data' } }).json;
    expect(get(kept, 'aws_s3_bucket', 'data_access-logs_bucket_0595B1D7')).toEqual({
      bucket: 'acme-data-access-logs',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      tags: { Name: 'acme-data-access-logs', Team: 'data' },
    });
    const throwaway = build({ forceDestroy: true }).json;
    expect(get(throwaway, 'aws_s3_bucket', 'data_access-logs_bucket_0595B1D7').force_destroy).toBe(true);
  });

  it('shortens a long bucket name so that <name>-access-logs fits 63 characters', () => {
    expect(accessLogBucketNameFor('a'.repeat(63))).toBe(`${'a'.repeat(51)}-access-logs`);
    expect(accessLogBucketNameFor(`${'a'.repeat(50)}-b`)).toBe(`${'a'.repeat(50)}-access-logs`);
    expect(accessLogBucketNameFor('acme-data')).toBe('acme-data-access-logs');
    const { json } = build({ bucketName: 'b'.repeat(63) });
    expect(bucketNames(json)).toContain(`${'b'.repeat(51)}-access-logs`);
  });
});

describe('SecureBucket access logging to an existing bucket, or none', () => {
  it('logs into a named bucket without creating one', () => {
    const { bucket, json } = build({ accessLogging: { targetBucket: 'acme-central-logs' } });
    expect(bucket.accessLogBucket).toBeUndefined();
    expect(bucketNames(json)).toEqual(['acme-data']);
    expect(Object.values(ofType(json, 'aws_s3_bucket_logging'))).toEqual([
      { bucket: `\${${MAIN}.id}`, target_bucket: 'acme-central-logs', target_prefix: 'acme-data/' },
    ]);
  });

  it('false creates no logging, and the policy pack then reports MLM-S3-005', () => {
    const { stack, json } = build({ accessLogging: false });
    expect(bucketNames(json)).toEqual(['acme-data']);
    expect(ofType(json, 'aws_s3_bucket_logging')).toEqual({});
    expect(policyErrors(stack)).toMatch(/MLM-S3-005 \[error\] test\/data\/bucket/);
  });

  it('a bucket that receives server access logs gets no companion by default, and passes the pack', () => {
    const stack = stackWithProvider();
    const logs = new SecureBucket(stack, 'logs', {
      bucketName: 'acme-logs',
      serverAccessLogsDelivery: { sourceBucketArns: ['arn:aws:s3:::acme-data'] },
    });
    new SecureBucket(stack, 'data', {
      bucketName: 'acme-data',
      accessLogging: { targetBucket: logs.bucketName },
    });
    expect(logs.accessLogBucket).toBeUndefined();
    expect(policyErrors(stack)).toBe('');
  });
});

describe('SecureBucket access logging validation', () => {
  function problems(props: Partial<SecureBucketProps>) {
    try {
      build(props);
    } catch (e) {
      if (e instanceof ValidationError) return e.problems;
      throw e;
    }
    throw new Error('expected a ValidationError');
  }

  it.each([
    [
      'a log bucket name S3 refuses',
      { accessLogging: { createLogBucket: true, logBucketName: 'Acme_Logs' } },
      'accessLogging.logBucketName',
      'Acme_Logs',
      /^is not a valid S3 bucket name/,
      /^use 3-63 lowercase letters/,
    ],
    [
      'the bucket itself as the log bucket',
      { accessLogging: { createLogBucket: true, logBucketName: 'acme-data' } },
      'accessLogging.logBucketName',
      'acme-data',
      /^is the bucket itself/,
      /^leave logBucketName unset/,
    ],
    [
      'the bucket itself as the target',
      { accessLogging: { targetBucket: 'acme-data' } },
      'accessLogging.targetBucket',
      'acme-data',
      /^is the bucket itself/,
      /^send the logs to a separate bucket/,
    ],
    [
      'no expiry',
      { accessLogging: { createLogBucket: true, expirationInDays: 0 } },
      'accessLogging.expirationInDays',
      0,
      /^must be a whole number from 1 to 36500$/,
      /^set accessLogging.expirationInDays to a whole number from 1 to 36500$/,
    ],
    [
      'an expiry past 100 years',
      { accessLogging: { createLogBucket: true, expirationInDays: 36501 } },
      'accessLogging.expirationInDays',
      36501,
      /^must be a whole number/,
      /^set accessLogging.expirationInDays/,
    ],
    [
      'createLogBucket that is not true (untyped callers)',
      { accessLogging: { createLogBucket: false } as never },
      'accessLogging.createLogBucket',
      false,
      /^must be true$/,
      /^set createLogBucket: true/,
    ],
  ] as const)('refuses %s', (_name, props, field, value, problem, fix) => {
    expect(problems(props as Partial<SecureBucketProps>)).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it.each([1, 36500])('accepts the boundary expirationInDays = %d', (days) => {
    expect(() => build({ accessLogging: { createLogBucket: true, expirationInDays: days } })).not.toThrow();
  });
});
