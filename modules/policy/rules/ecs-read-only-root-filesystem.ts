import { isTrue } from '../json';
import { containerDefinitions, containerName } from '../ecs';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsReadOnlyRootFilesystem: PolicyRule = {
  id: 'MLM-ECS-003',
  checkovId: 'CKV_AWS_336',
  title: 'ECS containers mount their root filesystem read-only',
  rationale:
    'A read-only root filesystem stops an attacker who gets code execution from dropping tools or ' +
    'changing the application, and makes containers reproducible. Some images must write (caches, ' +
    '/tmp): give them writable volumes for those paths. A warning, because a few images cannot run ' +
    'read-only at all, and ECS Exec needs a writable root in the container it enters.',
  level: 'warning',
  fix: 'set "readonlyRootFilesystem": true on every container, with writable volumes for the paths it writes',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const { containers, unreadable } = containerDefinitions(ctx.resource);
    if (unreadable) return notApplicable(unreadable);
    return fromProblems(
      containers
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => !isTrue(c.readonlyRootFilesystem))
        .map(({ c, i }) => `container "${containerName(c, i)}" has a writable root filesystem`),
    );
  },
};
