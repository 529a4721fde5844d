import { isTrue } from '../json';
import { containerProperties, unreadable } from '../batch';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const batchReadonlyRootFilesystem: PolicyRule = {
  id: 'MLM-BATCH-002',
  title: 'Batch container jobs mount their root filesystem read-only',
  rationale:
    'A job that cannot write to its image cannot be made to plant a backdoor or tamper with its own ' +
    'binaries; scratch space goes to a writable volume such as /tmp. Some images need changes first, ' +
    'hence a warning.',
  level: 'warning',
  fix: 'set "readonlyRootFilesystem": true in container_properties and mount writable volumes where the job writes',
  appliesTo: ['aws_batch_job_definition'],
  check: (ctx) => {
    const props = containerProperties(ctx.resource.config);
    if (!props) return notApplicable(unreadable(ctx.resource.config));
    return isTrue(props.readonlyRootFilesystem)
      ? compliant()
      : nonCompliant(`readonlyRootFilesystem is ${JSON.stringify(props.readonlyRootFilesystem ?? null)}`);
  },
};
