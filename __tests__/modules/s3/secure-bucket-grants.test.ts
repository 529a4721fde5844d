import { TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SecureBucket } from '../../../modules/s3';
import { IGrantable } from '../../../modules/iam';

class Recorder implements IGrantable {
  public readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  addStatements(...s: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...s);
  }
}

function bucket(kmsKeyArn?: string) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const b = new SecureBucket(stack, 'model-store', { bucketName: 'example-models', kmsKeyArn });
  return { stack, b };
}

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('SecureBucket grants', () => {
  it('grantRead lists and reads under the prefixes, with statement ids named after the construct', () => {
    const { b } = bucket();
    const r = new Recorder();
    b.grantRead(r, 'models/');
    expect(r.statements.map((s) => [s.sid, s.actions])).toEqual([
      ['ModelStoreList', ['s3:ListBucket']],
      ['ModelStoreBucket', ['s3:GetBucketLocation']],
      // S3_ACTIONS.readObjects: the objects and their versions, not their tags.
      ['ModelStoreObjects', ['s3:GetObject', 's3:GetObjectVersion']],
    ]);
    expect(r.statements[0].condition).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['models/*'] },
    ]);
    expect(r.statements[2].resources).toEqual([`${b.bucketArn}/models/*`]);
  });

  it('grantWrite puts and deletes on the whole bucket when no prefix is given', () => {
    const { b } = bucket();
    const r = new Recorder();
    b.grantWrite(r);
    const objects = r.statements.find((s) => s.sid === 'ModelStoreObjects');
    expect(objects?.actions).toEqual([
      's3:PutObject',
      's3:PutObjectTagging',
      's3:DeleteObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
    ]);
    expect(objects?.resources).toEqual([`${b.bucketArn}/*`]);
  });

  it('grantPut puts only: no list, no read, no delete', () => {
    const { b } = bucket();
    const r = new Recorder();
    b.grantPut(r, 'logs/');
    expect(r.statements.map((s) => [s.sid, s.actions])).toEqual([
      ['ModelStoreObjects', ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']],
    ]);
  });

  it('grantReadWrite joins both, and adds the KMS key of an SSE-KMS bucket', () => {
    const { b } = bucket(KEY);
    const r = new Recorder();
    b.grantReadWrite(r, 'data/');
    const kms = r.statements.find((s) => s.sid === 'ModelStoreKms');
    expect(kms).toEqual({
      sid: 'ModelStoreKms',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [KEY],
      // Usable only through S3, as grantBucketRead has always limited it.
      condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['s3.*.amazonaws.com'] }],
    });
  });

  it('refuses a prefix that does not end with "/"', () => {
    const { b } = bucket();
    expect(() => b.grantRead(new Recorder(), 'models')).toThrow(
      'Invalid input for test/model-store (grant) (1 problem):\n  - prefixes = ["models"]',
    );
  });
});

describe('SecureBucket.addToResourcePolicy', () => {
  it('adds statements after construction, after the TLS-only statement', () => {
    const { stack, b } = bucket();
    b.addToResourcePolicy({
      sid: 'CloudFrontRead',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [`${b.bucketArn}/*`],
    });
    const json = JSON.parse(Testing.synth(stack));
    // The bucket's own policy, not its companion access-log bucket's (`model-store_access-logs_...`).
    const doc = Object.entries(json.data.aws_iam_policy_document).find(([id]) =>
      id.startsWith('model-store_policy-document_'),
    )?.[1] as { statement: { sid: string }[] };
    expect(doc.statement.map((s) => s.sid)).toEqual(['DenyInsecureTransport', 'CloudFrontRead']);
  });
});
