import { isObject } from '../json';
import { containerProperties, isFargate, unreadable } from '../batch';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const batchNoPublicIp: PolicyRule = {
  id: 'MLM-BATCH-003',
  title: 'Fargate Batch jobs get no public IP address',
  rationale:
    'A job with a public IP in a public subnet is reachable from the internet through any port its ' +
    'security group opens, and its egress skips the NAT and its logs. Jobs belong in private subnets, ' +
    'reaching AWS through a NAT gateway or VPC endpoints.',
  level: 'error',
  fix: 'set "networkConfiguration": { "assignPublicIp": "DISABLED" } (the default) and run the compute environment in private subnets',
  appliesTo: ['aws_batch_job_definition'],
  check: (ctx) => {
    if (!isFargate(ctx.resource.config)) return notApplicable('not a Fargate job definition');
    const props = containerProperties(ctx.resource.config);
    if (!props) return notApplicable(unreadable(ctx.resource.config));
    const network = isObject(props.networkConfiguration) ? props.networkConfiguration : undefined;
    return network?.assignPublicIp === 'ENABLED'
      ? nonCompliant('networkConfiguration.assignPublicIp is ENABLED')
      : compliant();
  },
};
