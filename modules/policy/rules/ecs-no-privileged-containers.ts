import { isTrue } from '../json';
import { containerDefinitions, containerName } from '../ecs';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsNoPrivilegedContainers: PolicyRule = {
  id: 'MLM-ECS-005',
  checkovId: 'CKV_AWS_334',
  title: 'ECS containers do not run privileged',
  rationale:
    'A privileged container has every capability and the host devices: an escape from it is root on ' +
    'the host. (Fargate refuses privileged containers; on EC2 they are accepted.)',
  level: 'error',
  fix: 'remove "privileged": true; add single capabilities under linuxParameters.capabilities if really needed',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const { containers, unreadable } = containerDefinitions(ctx.resource);
    if (unreadable) return notApplicable(unreadable);
    return fromProblems(
      containers
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => isTrue(c.privileged))
        .map(({ c, i }) => `container "${containerName(c, i)}" is privileged`),
    );
  },
};
