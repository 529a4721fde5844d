import { firstBlock, isNonBlank, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecsExecLogging: PolicyRule = {
  id: 'MLM-ECS-006',
  checkovId: 'CKV_AWS_224',
  title: 'ECS clusters log ECS Exec sessions to a dedicated CloudWatch log group or S3 bucket',
  rationale:
    'An ECS Exec session is a shell in a production task. With logging NONE nothing is recorded; with ' +
    "DEFAULT the transcript goes to each task's own awslogs group, if it has one, mixed with " +
    'application logs and kept only as long as they are. OVERRIDE to a dedicated destination gives an ' +
    'audit trail with its own retention.',
  level: 'error',
  fix:
    'set configuration.execute_command_configuration { logging = "OVERRIDE", log_configuration { ' +
    'cloud_watch_log_group_name = <group> } } (or s3_bucket_name)',
  appliesTo: ['aws_ecs_cluster'],
  check: (ctx) => {
    const exec = firstBlock(firstBlock(ctx.resource.config.configuration)?.execute_command_configuration);
    const logging = str(exec?.logging) ?? 'DEFAULT';
    if (logging !== 'OVERRIDE') {
      return nonCompliant(`execute_command_configuration.logging is ${logging}`);
    }
    const log = firstBlock(exec?.log_configuration);
    if (isNonBlank(log?.cloud_watch_log_group_name) || isNonBlank(log?.s3_bucket_name)) return compliant();
    return nonCompliant('logging is OVERRIDE but log_configuration names no log group or bucket');
  },
};
