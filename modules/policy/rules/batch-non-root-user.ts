import { str } from '../json';
import { containerProperties, unreadable } from '../batch';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const batchNonRootUser: PolicyRule = {
  id: 'MLM-BATCH-004',
  title: 'Batch container jobs run as a non-root user',
  rationale:
    'Without "user" the process runs as the image\'s user, which is root for most images; a code ' +
    'execution bug then starts with every permission inside the container, one step from the kernel.',
  level: 'warning',
  fix: 'set "user": "1000:1000" (or another non-zero uid) in container_properties',
  appliesTo: ['aws_batch_job_definition'],
  check: (ctx) => {
    const props = containerProperties(ctx.resource.config);
    if (!props) return notApplicable(unreadable(ctx.resource.config));
    const user = str(props.user);
    if (user === undefined) return nonCompliant("user is not set (the image's user, usually root)");
    const name = user.split(':')[0];
    return name === 'root' || name === '0' ? nonCompliant(`user is ${user}`) : compliant(user);
  },
};
