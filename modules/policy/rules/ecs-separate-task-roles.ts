import { isNonBlank, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsSeparateTaskRoles: PolicyRule = {
  id: 'MLM-ECS-002',
  checkovId: 'CKV_AWS_249',
  title: 'ECS task definitions use different roles for execution and for the task',
  rationale:
    'The execution role pulls images, writes logs and reads every secret of the task; the task role is ' +
    'what the application code runs as. One role for both hands the application (and anyone who gets ' +
    'code execution in it) the secrets of every container and the registry credentials.',
  level: 'error',
  fix: 'create a separate task role (empty by default, grants added per need) and set task_role_arn to it',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const execution = str(c.execution_role_arn);
    const task = str(c.task_role_arn);
    if (!isNonBlank(execution) || !isNonBlank(task)) {
      return notApplicable('execution_role_arn or task_role_arn is not set');
    }
    return execution === task
      ? nonCompliant(`execution_role_arn and task_role_arn are both ${execution}`)
      : compliant();
  },
};
