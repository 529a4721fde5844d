/** SQS actions behind `Queue.grantSendMessages` / `grantConsumeMessages` and Lambda dead-letter queues. */
export const SQS_ACTIONS = {
  /** Producers: send, and look up the queue's URL and attributes. */
  send: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
  /** Consumers: receive, delete after processing, extend the visibility timeout. */
  consume: [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ],
  /** Everything, for the TLS-only Deny statement of the queue policy (a Deny, never an Allow). */
  all: ['sqs:*'],
} as const;
