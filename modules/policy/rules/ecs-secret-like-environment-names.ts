import { secretKeyReason } from '../../core/secret-detection';
import { blocks, str } from '../json';
import { containerDefinitions, containerName } from '../ecs';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsSecretLikeEnvironmentNames: PolicyRule = {
  id: 'MLM-ECS-010',
  title: 'ECS container environment variables are not named like secrets',
  rationale:
    'A variable named DB_PASSWORD, API_TOKEN or CLIENT_SECRET in the plain environment almost always ' +
    'holds the secret itself, in clear text in the task definition and Terraform state. Names ending ' +
    'in _ARN, _NAME, _PATH, _FILE, _URL and similar references are not flagged. A warning, because ' +
    'names are a heuristic: suppress with the reason when the value is not a secret (the ecs-fargate ' +
    'module does that for keys listed in notSecrets).',
  level: 'warning',
  fix: 'move the value to Secrets Manager or SSM Parameter Store and reference it under "secrets"',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const { containers, unreadable } = containerDefinitions(ctx.resource);
    if (unreadable) return notApplicable(unreadable);
    const problems: string[] = [];
    containers.forEach((c, i) => {
      for (const e of blocks(c.environment)) {
        const name = str(e.name);
        const reason = name === undefined ? undefined : secretKeyReason(name);
        if (reason) problems.push(`container "${containerName(c, i)}" sets ${name}: ${reason}`);
      }
    });
    return fromProblems(problems);
  },
};
