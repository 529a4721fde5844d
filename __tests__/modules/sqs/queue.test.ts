import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Queue, QueueProps } from '../../../modules/sqs';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import { statements, synthJson } from '../../support/synth-json';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function synth(props: Partial<QueueProps> = {}, after?: (stack: TerraformStack, q: Queue) => void) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const queue = new Queue(stack, 'jobs', { queueName: 'jobs', ...props });
  after?.(stack, queue);
  return { stack, queue, ...synthJson(stack) };
}

describe('Queue defaults', () => {
  const { text, json } = synth();

  it('encrypts with SQS-managed SSE, long-polls, keeps 4 days, 30 s visibility', () => {
    expect(text).toHaveResourceWithProperties(SqsQueue, {
      name: 'jobs',
      sqs_managed_sse_enabled: true,
      receive_wait_time_seconds: 20,
      message_retention_seconds: 345600,
      visibility_timeout_seconds: 30,
      delay_seconds: 0,
      max_message_size: 262144,
      tags: { Name: 'jobs' },
    });
    const q = Object.values(json.resource.aws_sqs_queue)[0];
    expect(q.kms_master_key_id).toBeUndefined();
    expect(q.redrive_policy).toBeUndefined();
    expect(q.fifo_queue).toBeUndefined();
    expect(q.lifecycle).toBeUndefined();
  });

  it('denies every request that is not over TLS', () => {
    expect(text).toHaveResource(SqsQueuePolicy);
    expect(statements(json, 'jobs_policy-document')).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['sqs:*'],
        resources: ['${aws_sqs_queue.jobs_queue_1C1A0084.arn}'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
  });
});

describe('Queue options', () => {
  it('uses SSE-KMS with a 300 s data-key reuse period when a key is given', () => {
    const { text, json } = synth({ kmsKeyArn: KEY });
    expect(text).toHaveResourceWithProperties(SqsQueue, {
      kms_master_key_id: KEY,
      kms_data_key_reuse_period_seconds: 300,
    });
    expect(Object.values(json.resource.aws_sqs_queue)[0].sqs_managed_sse_enabled).toBeUndefined();
  });

  it('redrives to a dead-letter queue after 5 receives by default, or maxReceiveCount', () => {
    const { json } = synth({}, (stack, q) => {
      new Queue(stack, 'work', { queueName: 'work', deadLetterQueue: { queue: q } });
      new Queue(stack, 'work2', { queueName: 'work2', deadLetterQueue: { queue: q, maxReceiveCount: 1 } });
    });
    const queues = json.resource.aws_sqs_queue;
    const work = Object.values(queues).find((q) => q.name === 'work');
    const work2 = Object.values(queues).find((q) => q.name === 'work2');
    expect(JSON.parse(String(work?.redrive_policy))).toEqual({
      deadLetterTargetArn: '${aws_sqs_queue.jobs_queue_1C1A0084.arn}',
      maxReceiveCount: 5,
    });
    expect(JSON.parse(String(work2?.redrive_policy)).maxReceiveCount).toBe(1);
  });

  it('creates a FIFO queue with content-based deduplication and prevent_destroy', () => {
    const { text } = synth({
      queueName: 'orders.fifo',
      fifo: true,
      contentBasedDeduplication: true,
      preventDestroy: true,
    });
    expect(text).toHaveResourceWithProperties(SqsQueue, {
      name: 'orders.fifo',
      fifo_queue: true,
      content_based_deduplication: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('adds resource policy statements given as props and later', () => {
    const statement = {
      sid: 'AllowTopic',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
      actions: ['sqs:SendMessage'],
      resources: ['*'],
    };
    const { json } = synth({ policyStatements: [statement] }, (_s, q) =>
      q.addToResourcePolicy({ ...statement, sid: 'Later' }),
    );
    expect(statements(json, 'jobs_policy-document').map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'AllowTopic',
      'Later',
    ]);
  });
});

describe('Queue grants', () => {
  const build = (props: Partial<QueueProps>) =>
    synth(props, (stack, q) => {
      const producer = new Role(stack, 'producer', { name: 'producer', assumedBy: ['lambda.amazonaws.com'] });
      const consumer = new Role(stack, 'consumer', { name: 'consumer', assumedBy: ['lambda.amazonaws.com'] });
      q.grantSendMessages(producer);
      q.grantConsumeMessages(consumer);
    });

  it('lets producers send and consumers receive/delete, on this queue only', () => {
    const { json } = build({});
    expect(statements(json, 'producer_policy-document')).toEqual([
      {
        sid: 'JobsSend',
        effect: 'Allow',
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resources: ['${aws_sqs_queue.jobs_queue_1C1A0084.arn}'],
      },
    ]);
    expect(statements(json, 'consumer_policy-document')).toEqual([
      {
        sid: 'JobsConsume',
        effect: 'Allow',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        resources: ['${aws_sqs_queue.jobs_queue_1C1A0084.arn}'],
      },
    ]);
  });

  it('adds the KMS key permissions when the queue uses SSE-KMS', () => {
    const { json } = build({ kmsKeyArn: KEY });
    expect(statements(json, 'producer_policy-document')[1]).toEqual({
      sid: 'JobsKeyEncrypt',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [KEY],
    });
    expect(statements(json, 'consumer_policy-document')[1]).toEqual({
      sid: 'JobsKeyDecrypt',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [KEY],
    });
  });
});

describe('Queue validation', () => {
  it.each<[string, Partial<QueueProps>, string, string]>([
    ['queueName', { queueName: 'has space' }, 'is not a queue name', 'use a name such as'],
    ['queueName', { queueName: 'a'.repeat(81) }, 'is not a queue name', 'use a name such as'],
    ['queueName', { queueName: 'orders', fifo: true }, 'is not a FIFO queue name', '"orders.fifo"'],
    [
      'contentBasedDeduplication',
      { contentBasedDeduplication: true },
      'applies to FIFO queues only',
      'set fifo: true',
    ],
    ['kmsKeyArn', { kmsKeyArn: 'alias/aws/sqs' }, 'is not a KMS key ARN', 'omit it for SSE-SQS'],
    [
      'kmsDataKeyReusePeriodInSeconds',
      { kmsDataKeyReusePeriodInSeconds: 600 },
      'applies to SSE-KMS only',
      'set kmsKeyArn',
    ],
    [
      'kmsDataKeyReusePeriodInSeconds',
      { kmsKeyArn: KEY, kmsDataKeyReusePeriodInSeconds: 59 },
      'from 60 to 86400',
      'set',
    ],
    ['visibilityTimeoutInSeconds', { visibilityTimeoutInSeconds: 43201 }, 'from 0 to 43200', 'set'],
    ['messageRetentionInSeconds', { messageRetentionInSeconds: 59 }, 'from 60 to 1209600', 'set'],
    ['messageRetentionInSeconds', { messageRetentionInSeconds: 1209601 }, 'from 60 to 1209600', 'set'],
    ['receiveWaitTimeInSeconds', { receiveWaitTimeInSeconds: 21 }, 'from 0 to 20', 'set'],
    ['deliveryDelayInSeconds', { deliveryDelayInSeconds: 901 }, 'from 0 to 900', 'set'],
    ['maxMessageSizeInBytes', { maxMessageSizeInBytes: 1023 }, 'from 1024 to 262144', 'set'],
  ])('refuses %s = %j', (field, props, problem, fix) => {
    expect(() => synth(props)).toThrow(
      new RegExp(`Invalid input for test/jobs[^]*  - ${field} = .*${escape(problem)}.*Fix: .*${escape(fix)}`),
    );
  });

  it('refuses a maxReceiveCount outside 1-1,000', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const dlq = new Queue(stack, 'dlq', { queueName: 'dlq' });
    expect(
      () => new Queue(stack, 'q', { queueName: 'q', deadLetterQueue: { queue: dlq, maxReceiveCount: 0 } }),
    ).toThrow('deadLetterQueue.maxReceiveCount = 0: must be a whole number from 1 to 1000');
  });

  it.each<[string, Partial<QueueProps>]>([
    ['the longest standard name', { queueName: 'a'.repeat(80) }],
    ['the longest FIFO name', { queueName: `${'a'.repeat(75)}.fifo`, fifo: true }],
    [
      'the boundary values',
      {
        kmsKeyArn: KEY,
        kmsDataKeyReusePeriodInSeconds: 86400,
        visibilityTimeoutInSeconds: 43200,
        messageRetentionInSeconds: 1209600,
        receiveWaitTimeInSeconds: 0,
        deliveryDelayInSeconds: 900,
        maxMessageSizeInBytes: 1024,
      },
    ],
  ])('accepts %s', (_case, props) => {
    expect(() => synth(props)).not.toThrow();
  });

  it('lists every problem at once', () => {
    expect(() => synth({ queueName: 'bad name', receiveWaitTimeInSeconds: 30 })).toThrow(/\(2 problems\)/);
  });
});

describe('Queue and the policy pack', () => {
  it('passes with default props (no error findings)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new Queue(stack, 'jobs', { queueName: 'jobs' });
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(log.join('\n')).not.toMatch(/MLM-SQS/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
