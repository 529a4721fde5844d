import { firstBlock, num } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const batchJobTimeout: PolicyRule = {
  id: 'MLM-BATCH-005',
  title: 'Batch job definitions set an attempt timeout',
  rationale:
    'Without a timeout a hung job runs, and is billed, until someone notices; with retries, each hung ' +
    'attempt holds its vCPUs and the queue behind it.',
  level: 'warning',
  fix: 'set timeout { attempt_duration_seconds = <seconds, at least 60> } (e.g. 900)',
  appliesTo: ['aws_batch_job_definition'],
  check: (ctx) => {
    const seconds = num(firstBlock(ctx.resource.config.timeout)?.attempt_duration_seconds);
    return seconds !== undefined && seconds >= 60
      ? compliant(`${seconds} seconds`)
      : nonCompliant('timeout.attempt_duration_seconds is not set');
  },
};
