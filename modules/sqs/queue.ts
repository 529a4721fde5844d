import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { isKmsKeyArn } from '../core/aws-rules';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { SQS_ACTIONS } from '../iam/actions/sqs';

/**
 * A queue as other constructs need it: a {@link Queue}, or an existing queue described by its
 * attributes (e.g. a dead-letter queue shared by several functions).
 */
export interface IQueue {
  /** Queue ARN, `arn:aws:sqs:<region>:<account>:<name>`. */
  readonly queueArn: string;
  /** Queue name (CloudWatch metrics are dimensioned by it). */
  readonly queueName: string;
  /**
   * The queue's SSE-KMS key ARN; producers then need `kms:GenerateDataKey` and consumers
   * `kms:Decrypt` on it.
   * @default - SQS-managed SSE, no key permissions needed
   */
  readonly kmsKeyArn?: string;
}

/** Where messages go after `maxReceiveCount` failed receives. */
export interface QueueDeadLetterTarget {
  /** The dead-letter queue (same account, region and type: FIFO with FIFO). */
  readonly queue: IQueue;
  /**
   * Receives after which a message moves to the dead-letter queue (1-1,000). Low values move
   * messages after a transient failure; high ones retry poison messages for a long time.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/** Props of {@link Queue}. */
export interface QueueProps {
  /**
   * Queue name: 1-80 letters, digits, '-' and '_'; FIFO queues end in `.fifo` (counted in the 80).
   */
  readonly queueName: string;
  /**
   * A FIFO queue (exactly-once processing, ordering per message group). The name must end in
   * `.fifo`.
   * @default false
   */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a SHA-256 of the body instead of an explicit id. @default false */
  readonly contentBasedDeduplication?: boolean;
  /**
   * KMS key ARN for SSE-KMS. The key policy must let every producer and consumer (and services
   * such as SNS or EventBridge that send to the queue) use it. Costs $1/month per key plus KMS
   * requests (fewer with a longer `kmsDataKeyReusePeriodInSeconds`).
   * @default - SQS-managed SSE (SSE-SQS): encrypted at rest with keys SQS owns, no cost, no key policy
   */
  readonly kmsKeyArn?: string;
  /** SSE-KMS only: how long SQS reuses a data key (60-86,400 s). @default 300 */
  readonly kmsDataKeyReusePeriodInSeconds?: number;
  /**
   * How long a received message stays hidden from other consumers (0-43,200 s). For a Lambda
   * event source, AWS recommends at least six times the function timeout.
   * @default 30
   */
  readonly visibilityTimeoutInSeconds?: number;
  /** How long SQS keeps an unprocessed message (60-1,209,600 s, i.e. 1 minute to 14 days). @default 345600 (4 days) */
  readonly messageRetentionInSeconds?: number;
  /**
   * Long-polling wait of ReceiveMessage (0-20 s). Long polling returns as soon as a message arrives
   * and cuts the number of empty (billed) receives; 0 is short polling.
   * @default 20
   */
  readonly receiveWaitTimeInSeconds?: number;
  /** Delay before a new message becomes visible (0-900 s). @default 0 */
  readonly deliveryDelayInSeconds?: number;
  /** Largest message accepted (1,024-262,144 bytes). @default 262144 */
  readonly maxMessageSizeInBytes?: number;
  /**
   * Redrive: move a message to this dead-letter queue after `maxReceiveCount` receives.
   * @default - no redrive: a message that always fails is retried until it expires
   */
  readonly deadLetterQueue?: QueueDeadLetterTarget;
  /** Extra queue policy statements, merged with the TLS-only Deny. @default - none */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Set Terraform's `prevent_destroy` on the queue, so a plan that would delete it (and the
   * messages in it) fails.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /** Tags for the queue; `Name` is set to the queue name. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME_RE = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/**
 * An SQS queue that is always encrypted at rest (SQS-managed SSE by default, SSE-KMS with a key),
 * refuses every request that is not made over TLS (queue policy), long-polls, and can redrive
 * failed messages to a dead-letter queue.
 *
 * | Setting                    | Default                  | AWS default |
 * | -------------------------- | ------------------------ | ----------- |
 * | encryption at rest         | SSE-SQS (or SSE-KMS)     | SSE-SQS     |
 * | TLS-only queue policy      | yes                      | no policy   |
 * | receive wait (long polling)| 20 s                     | 0 s         |
 * | retention                  | 4 days                   | 4 days      |
 * | visibility timeout         | 30 s                     | 30 s        |
 */
export class Queue extends Construct implements IQueue {
  public readonly queue: SqsQueue;
  public readonly queueArn: string;
  public readonly queueUrl: string;
  public readonly queueName: string;
  public readonly kmsKeyArn?: string;
  /** The rendered queue policy JSON. */
  public readonly policyJson: string;

  private readonly policyStatementList: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly policyDocument: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    requireProps(this, props, { queueName: 'string', 'deadLetterQueue?': 'object' });
    validateQueueProps(new Validator(this), props).throwIfInvalid();

    const dlq = props.deadLetterQueue;
    this.kmsKeyArn = props.kmsKeyArn;
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      fifoQueue: props.fifo === true ? true : undefined,
      contentBasedDeduplication: props.contentBasedDeduplication,
      sqsManagedSseEnabled: props.kmsKeyArn === undefined ? true : undefined,
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds:
        props.kmsKeyArn === undefined ? undefined : (props.kmsDataKeyReusePeriodInSeconds ?? 300),
      visibilityTimeoutSeconds: props.visibilityTimeoutInSeconds ?? 30,
      messageRetentionSeconds: props.messageRetentionInSeconds ?? 345600,
      receiveWaitTimeSeconds: props.receiveWaitTimeInSeconds ?? 20,
      delaySeconds: props.deliveryDelayInSeconds ?? 0,
      maxMessageSize: props.maxMessageSizeInBytes ?? 262144,
      redrivePolicy: dlq
        ? JSON.stringify({
            deadLetterTargetArn: dlq.queue.queueArn,
            maxReceiveCount: dlq.maxReceiveCount ?? 5,
          })
        : undefined,
      tags: withName(props.queueName, props.tags),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.queueArn = this.queue.arn;
    this.queueUrl = this.queue.url;
    this.queueName = this.queue.name;

    this.policyStatementList.push(
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: [...SQS_ACTIONS.all],
        resources: [this.queue.arn],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      ...(props.policyStatements ?? []),
    );
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: this.policyStatementList,
    });
    this.policyJson = this.policyDocument.json;
    new SqsQueuePolicy(this, 'policy', { queueUrl: this.queue.url, policy: this.policyDocument.json });
  }

  /**
   * Adds statements to the queue policy after construction, e.g. an SNS topic's `sqs:SendMessage`
   * scoped by `aws:SourceArn`.
   */
  public addToResourcePolicy(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.policyStatementList.push(...statements);
    this.policyDocument.putStatement(this.policyStatementList);
  }

  /** Lets the grantee send messages (and use the queue's KMS key to encrypt them). */
  public grantSendMessages(grantee: IGrantable): void {
    grantee.addStatements(...queueSendStatements(this));
  }

  /** Lets the grantee receive, delete and change the visibility of messages (and decrypt them). */
  public grantConsumeMessages(grantee: IGrantable): void {
    grantee.addStatements(...queueConsumeStatements(this));
  }
}

/** The statement id prefix for a queue: letters and digits of its construct id, or `Queue`. */
function sidFor(queue: IQueue): string {
  const id = (queue as Partial<Construct>).node?.id ?? '';
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const sid = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return sid === '' ? 'Queue' : sid;
}

/**
 * Statements that let a principal send to `queue`: SQS send actions on the queue ARN, and
 * `kms:GenerateDataKey`/`kms:Decrypt` on its key when it uses SSE-KMS.
 */
export function queueSendStatements(queue: IQueue): DataAwsIamPolicyDocumentStatement[] {
  const sid = sidFor(queue);
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    { sid: `${sid}Send`, effect: 'Allow', actions: [...SQS_ACTIONS.send], resources: [queue.queueArn] },
  ];
  if (queue.kmsKeyArn) {
    statements.push({
      sid: `${sid}KeyEncrypt`,
      effect: 'Allow',
      actions: [...KMS_ACTIONS.generateDataKey],
      resources: [queue.kmsKeyArn],
    });
  }
  return statements;
}

/** Statements that let a principal consume from `queue` (and decrypt with its key). */
export function queueConsumeStatements(queue: IQueue): DataAwsIamPolicyDocumentStatement[] {
  const sid = sidFor(queue);
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    { sid: `${sid}Consume`, effect: 'Allow', actions: [...SQS_ACTIONS.consume], resources: [queue.queueArn] },
  ];
  if (queue.kmsKeyArn) {
    statements.push({
      sid: `${sid}KeyDecrypt`,
      effect: 'Allow',
      actions: [...KMS_ACTIONS.decrypt],
      resources: [queue.kmsKeyArn],
    });
  }
  return statements;
}

/** Problems with {@link QueueProps}, collected into `v`. */
export function validateQueueProps(v: Validator, props: QueueProps): Validator {
  const fifo = props.fifo === true;
  v.check(
    fifo ? FIFO_NAME_RE.test(props.queueName) : NAME_RE.test(props.queueName),
    'queueName',
    props.queueName,
    fifo
      ? 'is not a FIFO queue name (1-75 letters, digits, "-" or "_", then ".fifo")'
      : 'is not a queue name (1-80 letters, digits, "-" or "_")',
    fifo ? 'use a name such as "orders.fifo"' : 'use a name such as "orders-dlq"',
  );
  v.check(
    fifo || props.contentBasedDeduplication !== true,
    'contentBasedDeduplication',
    props.contentBasedDeduplication,
    'applies to FIFO queues only',
    'set fifo: true, or remove contentBasedDeduplication',
  );
  v.checkOptional(
    props.kmsKeyArn,
    (a) => isKmsKeyArn(a),
    'kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (grants need the key ARN, not an alias), or omit it for SSE-SQS',
  );
  v.check(
    props.kmsKeyArn !== undefined || props.kmsDataKeyReusePeriodInSeconds === undefined,
    'kmsDataKeyReusePeriodInSeconds',
    props.kmsDataKeyReusePeriodInSeconds,
    'applies to SSE-KMS only',
    'set kmsKeyArn, or remove kmsDataKeyReusePeriodInSeconds',
  );
  v.checkIntRange(props.kmsDataKeyReusePeriodInSeconds, 60, 86400, 'kmsDataKeyReusePeriodInSeconds');
  v.checkIntRange(props.visibilityTimeoutInSeconds, 0, 43200, 'visibilityTimeoutInSeconds');
  v.checkIntRange(props.messageRetentionInSeconds, 60, 1209600, 'messageRetentionInSeconds');
  v.checkIntRange(props.receiveWaitTimeInSeconds, 0, 20, 'receiveWaitTimeInSeconds');
  v.checkIntRange(props.deliveryDelayInSeconds, 0, 900, 'deliveryDelayInSeconds');
  v.checkIntRange(props.maxMessageSizeInBytes, 1024, 262144, 'maxMessageSizeInBytes');
  v.checkIntRange(props.deadLetterQueue?.maxReceiveCount, 1, 1000, 'deadLetterQueue.maxReceiveCount');
  return v;
}
