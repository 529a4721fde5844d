import { isNonBlank, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const sqsEncryption: PolicyRule = {
  id: 'MLM-SQS-001',
  checkovId: 'CKV_AWS_27',
  title: 'SQS queues are encrypted at rest (SQS-managed SSE or a KMS key)',
  rationale:
    'Messages wait in the queue for up to 14 days and often carry request payloads; SSE-SQS encrypts ' +
    'them at no cost, SSE-KMS adds a key policy and CloudTrail records.',
  level: 'error',
  fix: 'set sqs_managed_sse_enabled = true, or kms_master_key_id (Queue does one of them)',
  appliesTo: ['aws_sqs_queue'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (isNonBlank(c.kms_master_key_id)) return compliant('SSE-KMS');
    if (isTrue(c.sqs_managed_sse_enabled)) return compliant('SSE-SQS');
    return nonCompliant('neither sqs_managed_sse_enabled nor kms_master_key_id is set');
  },
};
