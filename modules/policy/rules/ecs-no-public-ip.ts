import { firstBlock, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecsNoPublicIp: PolicyRule = {
  id: 'MLM-ECS-004',
  checkovId: 'CKV_AWS_333',
  title: 'ECS services do not assign public IP addresses to their tasks',
  rationale:
    'A task with a public IP is an internet host whose only protection is its security group; one ' +
    'rule too wide exposes the container directly. Tasks belong in private subnets behind a load ' +
    'balancer, reaching AWS through a NAT gateway or VPC endpoints.',
  level: 'error',
  fix: 'set network_configuration.assign_public_ip = false and run the tasks in private subnets',
  appliesTo: ['aws_ecs_service'],
  check: (ctx) => {
    const network = firstBlock(ctx.resource.config.network_configuration);
    return isTrue(network?.assign_public_ip)
      ? nonCompliant('network_configuration.assign_public_ip is true')
      : compliant();
  },
};
