import { firstBlock, isNonBlank, isTrue, str } from '../json';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsExecEncryption: PolicyRule = {
  id: 'MLM-ECS-007',
  checkovId: 'CKV_AWS_224',
  title: 'ECS Exec sessions and their logs are encrypted with a customer-managed KMS key',
  rationale:
    'Sessions are TLS-encrypted anyway; a customer-managed key adds a second layer whose use is ' +
    'logged in CloudTrail and can be revoked, and encrypts the session transcripts at rest under a ' +
    'key policy. About USD 1 per key per month, so a warning.',
  level: 'warning',
  fix:
    'set execute_command_configuration.kms_key_id and, with CloudWatch logging, ' +
    'log_configuration.cloud_watch_encryption_enabled = true (the log group encrypted with a KMS key)',
  appliesTo: ['aws_ecs_cluster'],
  check: (ctx) => {
    const exec = firstBlock(firstBlock(ctx.resource.config.configuration)?.execute_command_configuration);
    if (str(exec?.logging) === 'NONE') return notApplicable('ECS Exec logging is NONE (see MLM-ECS-006)');
    const problems: string[] = [];
    if (!isNonBlank(exec?.kms_key_id)) problems.push('execute_command_configuration.kms_key_id is not set');
    const log = firstBlock(exec?.log_configuration);
    if (isNonBlank(log?.cloud_watch_log_group_name) && !isTrue(log?.cloud_watch_encryption_enabled)) {
      problems.push('cloud_watch_encryption_enabled is not true');
    }
    if (isNonBlank(log?.s3_bucket_name) && !isTrue(log?.s3_bucket_encryption_enabled)) {
      problems.push('s3_bucket_encryption_enabled is not true');
    }
    return fromProblems(problems);
  },
};
