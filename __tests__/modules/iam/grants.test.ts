import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  IGrantable,
  grantBucketRead,
  grantBucketWrite,
  grantCloudWatchAgentDescribe,
  grantKmsKeys,
  grantLogsWrite,
  grantPutMetricData,
  grantSsmParameters,
} from '../../../modules/iam';

/** A grantee that just records what it is given. */
class Recorder implements IGrantable {
  public readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  addStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...statements);
  }
  bySid(sid: string): DataAwsIamPolicyDocumentStatement {
    const s = this.statements.find((x) => x.sid === sid);
    if (!s) throw new Error(`no statement ${sid}`);
    return s;
  }
}

const BUCKET = { bucketArn: 'arn:aws:s3:::b-1', bucketName: 'b-1' };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/abcd-1234';

/** Every action a function of grants.ts can grant, read back from what it adds. */
function everythingGranted(): string[] {
  const r = new Recorder();
  grantBucketRead(r, { ...BUCKET, kmsKeyArn: KEY });
  grantBucketWrite(r, { ...BUCKET, kmsKeyArn: KEY });
  grantLogsWrite(r, ['arn:aws:logs:us-east-1:123456789012:log-group:/app/api']);
  grantSsmParameters(r, '/app/dev/', 'readWrite');
  grantPutMetricData(r, ['App']);
  grantKmsKeys(r, [KEY]);
  grantCloudWatchAgentDescribe(r);
  return r.statements.flatMap((s) => s.actions ?? []);
}

describe('the grant functions', () => {
  it('never grant S3 deletes, IAM, or log-group creation', () => {
    expect(
      everythingGranted().filter((a) => /Delete|^iam:|CreateLogGroup|PutRetentionPolicy/.test(a)),
    ).toEqual([]);
  });

  it('grant no wildcard actions', () => {
    expect(everythingGranted().filter((a) => a.includes('*'))).toEqual([]);
  });
});

describe('grantBucketRead', () => {
  it('covers the whole bucket without prefixes', () => {
    const r = new Recorder();
    grantBucketRead(r, BUCKET);
    expect(r.bySid('BucketList')).toEqual({
      sid: 'BucketList',
      effect: 'Allow',
      actions: ['s3:ListBucket'],
      resources: ['arn:aws:s3:::b-1'],
      condition: undefined,
    });
    expect(r.bySid('BucketRead').resources).toEqual(['arn:aws:s3:::b-1/*']);
    expect(r.statements).toHaveLength(2);
  });

  it('adds kms:Decrypt via S3 for an SSE-KMS bucket', () => {
    const r = new Recorder();
    grantBucketRead(r, { ...BUCKET, kmsKeyArn: KEY }, ['models/']);
    expect(r.bySid('BucketKeyDecrypt')).toEqual({
      sid: 'BucketKeyDecrypt',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [KEY],
      condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['s3.*.amazonaws.com'] }],
    });
  });

  it('refuses an empty prefix list (ambiguous: nothing or everything?)', () => {
    expect(() => grantBucketRead(new Recorder(), BUCKET, [])).toThrow(
      /grantBucketRead.*prefixes = \[\]: is empty\. Fix: list at least one prefix, or omit it/s,
    );
  });
});

describe('grantBucketWrite', () => {
  it('puts objects under the prefixes and lists them', () => {
    const r = new Recorder();
    grantBucketWrite(r, BUCKET, ['logs/']);
    expect(r.bySid('BucketWrite')).toEqual({
      sid: 'BucketWrite',
      effect: 'Allow',
      actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: ['arn:aws:s3:::b-1/logs/*'],
    });
    expect(r.bySid('BucketListForWrite').condition).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['logs/', 'logs/*'] },
    ]);
  });

  it('adds GenerateDataKey and Decrypt via S3 for an SSE-KMS bucket', () => {
    const r = new Recorder();
    grantBucketWrite(r, { ...BUCKET, kmsKeyArn: KEY });
    expect(r.bySid('BucketKeyEncrypt').actions).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  it('rejects a bad prefix, naming the grant', () => {
    expect(() => grantBucketWrite(new Recorder(), BUCKET, ['logs'])).toThrow(
      /Invalid input for grantBucketWrite .*prefixes = \["logs"\].*Fix: use folder-style prefixes/s,
    );
  });
});

describe('grantLogsWrite', () => {
  it('adds nothing for no log groups', () => {
    const r = new Recorder();
    grantLogsWrite(r, []);
    expect(r.statements).toEqual([]);
  });

  it('covers each group and its streams', () => {
    const r = new Recorder();
    const a = 'arn:aws:logs:eu-west-1:123456789012:log-group:/a';
    grantLogsWrite(r, [a]);
    expect(r.bySid('LogsWrite').resources).toEqual([a, `${a}:*`]);
  });
});

describe('grantSsmParameters', () => {
  it('grants read only for read', () => {
    const r = new Recorder();
    grantSsmParameters(r, '/mlmon/prod/', 'read');
    expect(r.bySid('SsmParametersRead')).toEqual({
      sid: 'SsmParametersRead',
      effect: 'Allow',
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      resources: ['arn:aws:ssm:*:*:parameter/mlmon/prod', 'arn:aws:ssm:*:*:parameter/mlmon/prod/*'],
    });
  });

  it('uses a parameter ARN as given', () => {
    const r = new Recorder();
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/mlmon/dev/grafana-admin';
    grantSsmParameters(r, arn, 'readWrite');
    expect(r.bySid('SsmParametersReadWrite').resources).toEqual([arn]);
    expect(r.bySid('SsmParametersReadWrite').actions).toContain('ssm:PutParameter');
  });

  it.each([
    ['/', 'not "/" alone'],
    ['mlmon/dev/', 'such as "/orders/dev/"'],
    ['/mlmon//dev/', 'such as "/orders/dev/"'],
    ['arn:aws:ssm:us-east-1:123456789012:secret/x', 'arn:aws:ssm:<region>:<account>:parameter/<path>'],
  ])('rejects %s', (value, fix) => {
    expect(() => grantSsmParameters(new Recorder(), value, 'read')).toThrow(fix);
  });

  it('rejects an unknown access level', () => {
    expect(() => grantSsmParameters(new Recorder(), '/a/', 'write' as 'read')).toThrow(
      'access = "write": must be "read" or "readWrite"',
    );
  });
});

describe('grantPutMetricData', () => {
  it('scopes by namespace condition', () => {
    const r = new Recorder();
    grantPutMetricData(r, ['MLMon']);
    expect(r.bySid('PutMetricData').condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['MLMon'] },
    ]);
  });

  it.each([['AWS/EC2'], ['a:b'], ['']])('rejects namespace %j', (ns) => {
    expect(() => grantPutMetricData(new Recorder(), [ns])).toThrow('namespaces = ');
  });

  it('adds nothing for no namespaces', () => {
    const r = new Recorder();
    grantPutMetricData(r, []);
    expect(r.statements).toEqual([]);
  });
});

describe('grantKmsKeys and grantCloudWatchAgentDescribe', () => {
  it('adds nothing for no keys', () => {
    const r = new Recorder();
    grantKmsKeys(r, []);
    expect(r.statements).toEqual([]);
  });

  it('rejects a key id that is not an ARN', () => {
    expect(() => grantKmsKeys(new Recorder(), ['abcd-1234'])).toThrow('kmsKeyArns = ["abcd-1234"]');
  });

  it('grants the three EC2 Describe calls on *', () => {
    const r = new Recorder();
    grantCloudWatchAgentDescribe(r);
    expect(r.statements).toEqual([
      {
        sid: 'CloudWatchAgentDescribe',
        effect: 'Allow',
        actions: ['ec2:DescribeTags', 'ec2:DescribeVolumes', 'ec2:DescribeInstances'],
        resources: ['*'],
      },
    ]);
  });
});
