import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { ValidationError } from '../../../modules/core/validation';
import { SecureBucket, bucketAccessStatements } from '../../../modules/s3';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const SOURCE_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function makeStack(): { stack: TerraformStack } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { stack };
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

describe('bucketAccessStatements', () => {
  const arn = 'arn:aws:s3:::b';

  it('grants read on the whole bucket', () => {
    const s = bucketAccessStatements({ bucketArn: arn, access: 'read' });
    expect(s).toEqual([
      {
        sid: 'BucketList',
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: [arn],
        condition: undefined,
      },
      { sid: 'BucketBucket', effect: 'Allow', actions: ['s3:GetBucketLocation'], resources: [arn] },
      {
        sid: 'BucketObjects',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [`${arn}/*`],
      },
    ]);
  });

  it('narrows listing and objects to prefixes', () => {
    const s = bucketAccessStatements({
      bucketArn: arn,
      access: 'write',
      prefixes: ['logs/', 'data/'],
      sidPrefix: 'Logs',
    });
    expect(s[0]).toMatchObject({
      sid: 'LogsList',
      condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['logs/*', 'data/*'] }],
    });
    expect(s[2]).toMatchObject({
      resources: [`${arn}/logs/*`, `${arn}/data/*`],
      actions: [
        's3:PutObject',
        's3:PutObjectTagging',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ],
    });
  });

  it('merges read and write without duplicates, with KMS through S3', () => {
    const s = bucketAccessStatements({
      bucketArn: arn,
      access: 'readWrite',
      kmsKeyArn: SOURCE_KEY,
      region: 'us-east-1',
    });
    const kms = s.find((x) => x.sid === 'BucketKms');
    expect(kms).toEqual({
      sid: 'BucketKms',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [SOURCE_KEY],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.us-east-1.amazonaws.com'] },
      ],
    });
    const objects = s.find((x) => x.sid === 'BucketObjects');
    expect(objects?.actions).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:PutObjectTagging',
      's3:DeleteObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
    ]);
  });
});

describe('SecureBucket TLS-only policy', () => {
  const { stack } = makeStack();
  new SecureBucket(stack, 'models', { bucketName: 'example-models' });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  // The default companion access-log bucket has its own policy; this is the models bucket's.
  const bucketId = Object.entries(json.resource.aws_s3_bucket).find(
    ([, b]) => (b as Block).bucket === 'example-models',
  )![0];
  const arn = `\${aws_s3_bucket.${bucketId}.arn}`;

  it('denies every S3 action without TLS on the bucket itself and on every object', () => {
    expect(statement(policyDoc(json, 'models_policy-document'), 'DenyInsecureTransport')).toEqual({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [arn, `${arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });

  it('attaches that policy to the bucket', () => {
    const policy = Object.values(json.resource.aws_s3_bucket_policy).find(
      (p) => (p as Block).bucket === `\${aws_s3_bucket.${bucketId}.id}`,
    ) as Block;
    expect(policy.bucket).toBe(`\${aws_s3_bucket.${bucketId}.id}`);
    expect(policy.policy).toMatch(
      /^\$\{data\.aws_iam_policy_document\.models_policy-document_[0-9A-F]{8}\.json\}$/,
    );
  });
});

describe('SecureBucket log delivery guard', () => {
  it('rejects SSE-KMS on a bucket receiving server access logs', () => {
    const { stack } = makeStack();
    const err = validationError(
      () =>
        new SecureBucket(stack, 'logs', {
          bucketName: 'log-bucket',
          kmsKeyArn: SOURCE_KEY,
          serverAccessLogsDelivery: { sourceBucketArns: ['arn:aws:s3:::src'] },
        }),
    );
    expect(err.problems[0]).toMatchObject({ field: 'kmsKeyArn', value: SOURCE_KEY });
  });

  it('adds aws:SourceAccount when the source account is given', () => {
    const { stack } = makeStack();
    new SecureBucket(stack, 'logs', {
      bucketName: 'log-bucket',
      serverAccessLogsDelivery: {
        sourceBucketArns: ['arn:aws:s3:::src'],
        sourceAccountId: '111122223333',
        targetPrefix: 'p/',
      },
    });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const allow = statement(policyDoc(json, 'logs_policy-document'), 'AllowS3ServerAccessLogDelivery');
    expect(allow.condition).toEqual([
      { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:s3:::src'] },
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111122223333'] },
    ]);
    expect((allow.resources as string[])[0]).toMatch(/\/p\/\*$/);
    expect(JSON.stringify(json.data)).toContain('DenyInsecureTransport');
    expect(Testing.synth(stack)).toHaveDataSource(DataAwsIamPolicyDocument);
  });
});
