import { secretValueReason } from '../../core/secret-detection';
import { blocks, str } from '../json';
import { containerDefinitions, containerName } from '../ecs';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsNoSecretsInEnvironment: PolicyRule = {
  id: 'MLM-ECS-009',
  title: 'ECS container environment values hold no credentials',
  rationale:
    'Environment values are stored in clear text in the task definition (readable with ' +
    'ecs:DescribeTaskDefinition), in Terraform state and in the synthesized JSON. Values that are ' +
    'credentials (AWS access key ids, private keys, user:password@ in URLs, JWTs, GitHub, Slack or ' +
    'Stripe tokens) must come from Secrets Manager or SSM through the secrets block, which holds only ' +
    'an ARN.',
  level: 'error',
  fix: 'move the value to Secrets Manager or SSM Parameter Store and reference it under "secrets" (name, valueFrom = ARN)',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const { containers, unreadable } = containerDefinitions(ctx.resource);
    if (unreadable) return notApplicable(unreadable);
    const problems: string[] = [];
    containers.forEach((c, i) => {
      for (const e of blocks(c.environment)) {
        const value = str(e.value);
        const reason = value === undefined ? undefined : secretValueReason(value);
        // The value is not repeated in the finding: it may be the secret.
        if (reason)
          problems.push(`container "${containerName(c, i)}" sets ${str(e.name) ?? '?'} to ${reason}`);
      }
    });
    return fromProblems(problems);
  },
};
