import { blocks, firstBlock, isTrue } from '../json';
import { containerProperties } from '../batch';
import { fromProblems, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const batchNoPrivileged: PolicyRule = {
  id: 'MLM-BATCH-001',
  checkovId: 'CKV_AWS_210',
  title: 'Batch job definitions do not run privileged containers',
  rationale:
    'A privileged container has every capability and the host devices: a compromised job owns the ' +
    'instance and every other job on it. (Fargate refuses privileged mode; EC2 and EKS jobs do not.)',
  level: 'error',
  fix: 'remove "privileged": true from container_properties (and privileged from the EKS security_context)',
  appliesTo: ['aws_batch_job_definition'],
  check: (ctx) => {
    const config = ctx.resource.config;
    const problems: string[] = [];
    const props = containerProperties(config);
    if (typeof config.container_properties === 'string' && !props) {
      return nonCompliant("container_properties can't be checked: it is not literal JSON");
    }
    if (props && isTrue(props.privileged)) problems.push('container_properties sets "privileged": true');
    const pod = firstBlock(firstBlock(config.eks_properties)?.pod_properties);
    for (const c of [...blocks(pod?.containers), ...blocks(pod?.init_containers)]) {
      if (isTrue(firstBlock(c.security_context)?.privileged)) {
        problems.push(`EKS container ${typeof c.name === 'string' ? c.name : String(c.image)} is privileged`);
      }
    }
    if (!props && !pod) return notApplicable('no container_properties or eks_properties (multi-node job)');
    return fromProblems(problems);
  },
};
