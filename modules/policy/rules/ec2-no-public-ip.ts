import { blocks, isFalse, isTrue } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, fromProblems, nonCompliant } from '../outcome';
import { PolicyRule, TfBlock } from '../types';
import { LAUNCH_TYPES } from './ec2-imdsv2-required';

function publicInterfaces(template: TfBlock): string[] {
  return blocks(template.config.network_interfaces)
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => isTrue(n.associate_public_ip_address))
    .map(({ i }) => `network_interfaces[${i}].associate_public_ip_address is true`);
}

export const ec2NoPublicIp: PolicyRule = {
  id: 'MLM-EC2-003',
  checkovId: 'CKV_AWS_88',
  title: 'Instances and launch templates do not get a public IP address',
  rationale:
    'A public IP makes the instance reachable from the internet the moment a security group rule is ' +
    'too wide; traffic should come through the load balancer and admin access through SSM. Where a ' +
    'public instance is intended (a dev box without NAT), suppress with the reason.',
  level: 'error',
  fix:
    'launch in a private subnet with associate_public_ip_address = false and publish through the ALB, ' +
    'or suppress MLM-EC2-003 with the reason',
  appliesTo: LAUNCH_TYPES,
  check: (ctx) => {
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_launch_template') return fromProblems(publicInterfaces(ctx.resource));
    if (isTrue(c.associate_public_ip_address)) return nonCompliant('associate_public_ip_address is true');
    if (isFalse(c.associate_public_ip_address)) return compliant();
    const template = instanceLaunchTemplate(ctx);
    const inherited = template ? publicInterfaces(template) : [];
    if (inherited.length > 0) return nonCompliant(`${inherited.join('; ')}${fromTemplate(template)}`);
    const subnet = ctx.stack.resolve(c.subnet_id);
    if (subnet?.type === 'aws_subnet' && isTrue(subnet.config.map_public_ip_on_launch)) {
      return nonCompliant(
        `associate_public_ip_address is unset and subnet ${subnet.path} has map_public_ip_on_launch = true`,
      );
    }
    return compliant();
  },
};
