/**
 * The TLS-only checks of SQS queue policies (MLM-SQS-002) and S3 bucket policies (MLM-S3-004): a
 * statement counts only when every field matches (Deny, Principal "*", every action of the service,
 * Bool aws:SecureTransport = "false", a Resource covering the queue, or both the bucket and its
 * objects); one field off makes the policy non-compliant with the exact detail below.
 */
import { TerraformStack } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { s3TlsOnlyPolicy } from '../../modules/policy/rules/s3-tls-only-policy';
import { sqsTlsOnlyPolicy } from '../../modules/policy/rules/sqs-tls-only-policy';
import { PolicyRule } from '../../modules/policy/types';
import { evaluate } from './helpers';

type Statement = Record<string, unknown>;

const SQS_NO_DENY =
  'the queue policy has no Deny statement for Principal "*", Action "sqs:*" with Bool ' +
  'aws:SecureTransport = "false" covering the queue ARN';
const S3_NO_DENY =
  'the bucket policy has no Deny statement for Principal "*", Action "s3:*" with Bool ' +
  'aws:SecureTransport = "false" covering both the bucket ARN and "<bucket ARN>/*"';
const EXPRESSION = '${jsonencode({Statement = []})}';

/** Status and detail of the rule on the resource at construct path `test/<target>`. */
function outcome(
  rule: PolicyRule,
  build: (s: TerraformStack) => void,
  target: string,
): { status: string; detail?: string } {
  const found = evaluate(rule, build).filter((e) => e.resource.path === `test/${target}`);
  expect(found).toHaveLength(1);
  return { status: found[0].status, detail: found[0].detail };
}

const OK = { status: 'compliant', detail: undefined };
const failing = (detail: string) => ({ status: 'non-compliant', detail });

function policyJson(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

describe('MLM-SQS-002: one field of the Deny statement changed', () => {
  const queue = (s: TerraformStack, id = 'queue') => new SqsQueue(s, id, { name: id });
  const deny = (q: SqsQueue, overrides: Statement = {}): Statement => ({
    Effect: 'Deny',
    Principal: '*',
    Action: 'sqs:*',
    Resource: q.arn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...overrides,
  });

  it.each<[string, (q: SqsQueue, other: SqsQueue) => Statement[], { status: string; detail?: string }]>([
    ['the statement as documented', (q) => [deny(q)], OK],
    ['Resource "*"', (q) => [deny(q, { Resource: '*' })], OK],
    ['Resource the queue and another queue', (q, o) => [deny(q, { Resource: [o.arn, q.arn] })], OK],
    ['Resource another queue only', (q, o) => [deny(q, { Resource: o.arn })], failing(SQS_NO_DENY)],
    [
      'Resource the literal ARN of the queue',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:us-east-1:111122223333:queue' })],
      OK,
    ],
    [
      'Resource the literal ARN with any region and account',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:*:*:queue' })],
      OK,
    ],
    [
      'Resource a literal GovCloud ARN of the queue',
      (q) => [deny(q, { Resource: 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:queue' })],
      OK,
    ],
    [
      'Resource the literal ARN of another queue name',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:us-east-1:111122223333:queue2' })],
      failing(SQS_NO_DENY),
    ],
    [
      'Resource a literal ARN of a name that only ends with the queue name',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:us-east-1:111122223333:my-queue' })],
      failing(SQS_NO_DENY),
    ],
    [
      'Resource a literal SNS ARN with the queue name',
      (q) => [deny(q, { Resource: 'arn:aws:sns:us-east-1:111122223333:queue' })],
      failing(SQS_NO_DENY),
    ],
    [
      'Resource a literal ARN with a short account',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:us-east-1:1111:queue' })],
      failing(SQS_NO_DENY),
    ],
    [
      'Resource a literal ARN with text before it',
      (q) => [deny(q, { Resource: 'x arn:aws:sqs:us-east-1:111122223333:queue' })],
      failing(SQS_NO_DENY),
    ],
    [
      'Resource a literal ARN with the region from a variable',
      (q) => [deny(q, { Resource: 'arn:aws:sqs:${var.region}:111122223333:queue' })],
      failing(SQS_NO_DENY),
    ],
    ['Resource the queue URL, not its ARN', (q) => [deny(q, { Resource: q.url })], failing(SQS_NO_DENY)],
    ['Effect Allow', (q) => [deny(q, { Effect: 'Allow' })], failing(SQS_NO_DENY)],
    ['Principal {"AWS": "*"}', (q) => [deny(q, { Principal: { AWS: '*' } })], OK],
    [
      'Principal {"AWS": "*"} next to a service principal',
      (q) => [deny(q, { Principal: { Service: 'sns.amazonaws.com', AWS: ['*'] } })],
      OK,
    ],
    [
      'Principal one account',
      (q) => [deny(q, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })],
      failing(SQS_NO_DENY),
    ],
    ['Principal {"Service": "*"}', (q) => [deny(q, { Principal: { Service: '*' } })], failing(SQS_NO_DENY)],
    ['Action "*"', (q) => [deny(q, { Action: '*' })], OK],
    ['Action "SQS:*" in capitals', (q) => [deny(q, { Action: 'SQS:*' })], OK],
    ['Action SendMessage and "sqs:*"', (q) => [deny(q, { Action: ['sqs:SendMessage', 'sqs:*'] })], OK],
    ['Action SendMessage only', (q) => [deny(q, { Action: 'sqs:SendMessage' })], failing(SQS_NO_DENY)],
    [
      'Bool aws:SecureTransport ["false"] as a list',
      (q) => [deny(q, { Condition: { Bool: { 'aws:SecureTransport': ['false'] } } })],
      OK,
    ],
    [
      'Bool aws:SecureTransport false as a JSON boolean',
      (q) => [deny(q, { Condition: { Bool: { 'aws:SecureTransport': false } } })],
      OK,
    ],
    [
      'Bool aws:SecureTransport "true"',
      (q) => [deny(q, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
      failing(SQS_NO_DENY),
    ],
    [
      'Bool on another key with the value "false"',
      (q) => [deny(q, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })],
      failing(SQS_NO_DENY),
    ],
    [
      'StringEquals instead of Bool on aws:SecureTransport',
      (q) => [deny(q, { Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } })],
      failing(SQS_NO_DENY),
    ],
    [
      'the Bool condition next to a StringEquals condition',
      (q) => [
        deny(q, {
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111122223333' },
            Bool: { 'aws:SecureTransport': 'false' },
          },
        }),
      ],
      OK,
    ],
    ['no Condition', (q) => [deny(q, { Condition: undefined })], failing(SQS_NO_DENY)],
    [
      'an Allow statement before the Deny statement',
      (q) => [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sqs:*' },
        deny(q),
      ],
      OK,
    ],
  ])('%s', (_name, statements, expected) => {
    const result = outcome(
      sqsTlsOnlyPolicy,
      (s) => {
        const q = queue(s);
        const other = queue(s, 'other');
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: policyJson(statements(q, other)) });
      },
      'queue',
    );
    expect(result).toEqual(expected);
  });
});

describe('MLM-SQS-002: a literal queue ARN names the queue only when the queue name is literal', () => {
  const literalDeny = (arn: string): Statement => ({
    Effect: 'Deny',
    Principal: '*',
    Action: 'sqs:*',
    Resource: arn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });

  it.each<
    [
      string,
      { name?: string; namePrefix?: string; fifoQueue?: boolean },
      string,
      { status: string; detail?: string },
    ]
  >([
    [
      'a FIFO queue by its full name',
      { name: 'orders.fifo', fifoQueue: true },
      'arn:aws:sqs:eu-west-1:111122223333:orders.fifo',
      OK,
    ],
    [
      'a FIFO queue by its name without .fifo',
      { name: 'orders.fifo', fifoQueue: true },
      'arn:aws:sqs:eu-west-1:111122223333:orders',
      failing(SQS_NO_DENY),
    ],
    [
      'a queue named by a prefix',
      { namePrefix: 'orders' },
      'arn:aws:sqs:eu-west-1:111122223333:orders',
      failing(SQS_NO_DENY),
    ],
  ])('%s', (_name, queueConfig, arn, expected) => {
    const result = outcome(
      sqsTlsOnlyPolicy,
      (s) => {
        const q = new SqsQueue(s, 'queue', queueConfig);
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: policyJson([literalDeny(arn)]) });
      },
      'queue',
    );
    expect(result).toEqual(expected);
  });
});

describe('MLM-SQS-002: where the policy is and whether it can be read', () => {
  const DENY_DOC = (arn: string) =>
    policyJson([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: arn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);

  it.each<[string, (s: TerraformStack) => void, { status: string; detail?: string }]>([
    [
      'the policy argument of the queue itself',
      (s) => {
        const q = new SqsQueue(s, 'queue', { name: 'queue' });
        q.addOverride('policy', DENY_DOC('*'));
      },
      OK,
    ],
    [
      'a policy argument set to null',
      (s) => void new SqsQueue(s, 'queue', { name: 'queue' }).addOverride('policy', null),
      failing('no aws_sqs_queue_policy points at this queue'),
    ],
    [
      'a queue policy from a policy document with the value "true"',
      (s) => {
        const q = new SqsQueue(s, 'queue', { name: 'queue' });
        const doc = new DataAwsIamPolicyDocument(s, 'doc', {
          statement: [
            {
              effect: 'Deny',
              principals: [{ type: '*', identifiers: ['*'] }],
              actions: ['sqs:*'],
              resources: [q.arn],
              condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
            },
          ],
        });
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: doc.json });
      },
      failing(SQS_NO_DENY),
    ],
    [
      'a queue policy written as a Terraform expression',
      (s) => {
        const q = new SqsQueue(s, 'queue', { name: 'queue' });
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: EXPRESSION });
      },
      failing(`the queue policy can't be checked (policy is a Terraform expression (${EXPRESSION}))`),
    ],
    [
      'a queue policy and the policy argument both unreadable',
      (s) => {
        const q = new SqsQueue(s, 'queue', { name: 'queue', policy: 'not json' });
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: EXPRESSION });
      },
      failing(
        `the queue policy can't be checked (policy is a Terraform expression (${EXPRESSION}); ` +
          'policy is not valid JSON)',
      ),
    ],
    [
      'an unreadable queue policy next to a policy argument that denies plain HTTP',
      (s) => {
        const q = new SqsQueue(s, 'queue', { name: 'queue', policy: DENY_DOC('*') });
        new SqsQueuePolicy(s, 'policy', { queueUrl: q.url, policy: EXPRESSION });
      },
      OK,
    ],
  ])('%s', (_name, build, expected) => {
    expect(outcome(sqsTlsOnlyPolicy, build, 'queue')).toEqual(expected);
  });
});

describe('MLM-S3-004: one field of the Deny statement changed', () => {
  const NAME = 'mlmon-tls-bucket';
  const bucket = (s: TerraformStack, id = 'bucket', name = NAME) => new S3Bucket(s, id, { bucket: name });
  const deny = (b: S3Bucket, overrides: Statement = {}): Statement => ({
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [b.arn, `${b.arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...overrides,
  });

  it.each<[string, (b: S3Bucket, other: S3Bucket) => Statement[], { status: string; detail?: string }]>([
    ['the statement as documented', (b) => [deny(b)], OK],
    ['Resource "*"', (b) => [deny(b, { Resource: '*' })], OK],
    [
      'Resource the literal ARNs of the bucket and its objects',
      (b) => [deny(b, { Resource: [`arn:aws:s3:::${NAME}/*`, `arn:aws:s3:::${NAME}`] })],
      OK,
    ],
    [
      'Resource the literal bucket ARN and the referenced objects',
      (b) => [deny(b, { Resource: [`${b.arn}/*`, `arn:aws:s3:::${NAME}`] })],
      OK,
    ],
    ['Resource the bucket only', (b) => [deny(b, { Resource: [b.arn] })], failing(S3_NO_DENY)],
    ['Resource the objects only', (b) => [deny(b, { Resource: `${b.arn}/*` })], failing(S3_NO_DENY)],
    [
      'Resource the bucket and the objects of another bucket',
      (b, o) => [deny(b, { Resource: [b.arn, `${o.arn}/*`] })],
      failing(S3_NO_DENY),
    ],
    [
      'Resource the bucket id instead of its ARN',
      (b) => [deny(b, { Resource: [b.id, `${b.id}/*`] })],
      failing(S3_NO_DENY),
    ],
    [
      'Resource the literal ARNs of another bucket name',
      (b) => [deny(b, { Resource: ['arn:aws:s3:::mlmon-other', 'arn:aws:s3:::mlmon-other/*'] })],
      failing(S3_NO_DENY),
    ],
    ['Effect Allow', (b) => [deny(b, { Effect: 'Allow' })], failing(S3_NO_DENY)],
    ['Principal {"AWS": "*"}', (b) => [deny(b, { Principal: { AWS: '*' } })], OK],
    [
      'Principal {"AWS": "*"} next to a service principal',
      (b) => [deny(b, { Principal: { Service: 'logging.s3.amazonaws.com', AWS: '*' } })],
      OK,
    ],
    [
      'Principal one account',
      (b) => [deny(b, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })],
      failing(S3_NO_DENY),
    ],
    ['Principal {"Service": "*"}', (b) => [deny(b, { Principal: { Service: '*' } })], failing(S3_NO_DENY)],
    ['Action "*"', (b) => [deny(b, { Action: '*' })], OK],
    ['Action "S3:*" in capitals', (b) => [deny(b, { Action: ['S3:*'] })], OK],
    ['Action GetObject and "s3:*"', (b) => [deny(b, { Action: ['s3:GetObject', 's3:*'] })], OK],
    ['Action GetObject only', (b) => [deny(b, { Action: 's3:GetObject' })], failing(S3_NO_DENY)],
    [
      'Bool aws:SecureTransport "true"',
      (b) => [deny(b, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
      failing(S3_NO_DENY),
    ],
    [
      'Bool on another key with the value "false"',
      (b) => [deny(b, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })],
      failing(S3_NO_DENY),
    ],
    [
      'StringEquals instead of Bool on aws:SecureTransport',
      (b) => [deny(b, { Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } })],
      failing(S3_NO_DENY),
    ],
    [
      'the Bool condition next to a StringEquals condition',
      (b) => [
        deny(b, {
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111122223333' },
            Bool: { 'aws:SecureTransport': ['false'] },
          },
        }),
      ],
      OK,
    ],
    [
      'an Allow statement before the Deny statement',
      (b) => [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*' },
        deny(b),
      ],
      OK,
    ],
  ])('%s', (_name, statements, expected) => {
    const result = outcome(
      s3TlsOnlyPolicy,
      (s) => {
        const b = bucket(s);
        const other = bucket(s, 'other', 'mlmon-other');
        new S3BucketPolicy(s, 'policy', { bucket: b.id, policy: policyJson(statements(b, other)) });
      },
      'bucket',
    );
    expect(result).toEqual(expected);
  });

  it('does not match a literal ARN to a bucket without a name', () => {
    const build = (s: TerraformStack) => {
      const b = new S3Bucket(s, 'bucket', {});
      new S3BucketPolicy(s, 'policy', {
        bucket: b.id,
        policy: policyJson([deny(b, { Resource: ['arn:aws:s3:::undefined', 'arn:aws:s3:::undefined/*'] })]),
      });
    };
    expect(outcome(s3TlsOnlyPolicy, build, 'bucket')).toEqual(failing(S3_NO_DENY));
  });

  it('lists every bucket policy that cannot be read', () => {
    const build = (s: TerraformStack) => {
      const b = bucket(s);
      new S3BucketPolicy(s, 'a', { bucket: b.id, policy: EXPRESSION });
      new S3BucketPolicy(s, 'b', { bucket: NAME, policy: '[]' });
    };
    expect(outcome(s3TlsOnlyPolicy, build, 'bucket')).toEqual(
      failing(
        "the bucket policy can't be checked (aws_s3_bucket_policy.a: policy is a Terraform expression " +
          `(${EXPRESSION}); aws_s3_bucket_policy.b: policy JSON is not an object)`,
      ),
    );
  });
});
