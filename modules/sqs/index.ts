/**
 * SQS queues: encrypted, TLS only, with a dead-letter queue, and the statements to send and
 * consume. Import from `@ml-platform/cdktf-aws/sqs`.
 * @packageDocumentation
 */
export { Queue, queueConsumeStatements, queueSendStatements } from './queue';
export type { IQueue, QueueDeadLetterTarget, QueueProps } from './queue';
