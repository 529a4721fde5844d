import { blocks, isFalse, isTrue, strings } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, fromProblems, nonCompliant, notApplicable } from '../outcome';
import { Json, PolicyRule, RuleContext, TfBlock } from '../types';
import { LAUNCH_TYPES } from './ec2-imdsv2-required';

/** Subnets among `subnetIds` that give instances a public IP unless told otherwise. */
function publicSubnets(ctx: RuleContext, subnetIds: Json | undefined): TfBlock[] {
  return strings(subnetIds)
    .map((id) => ctx.stack.resolve(id))
    .filter((s): s is TfBlock => s?.type === 'aws_subnet' && isTrue(s.config.map_public_ip_on_launch));
}

/** True when a launch template sets associate_public_ip_address (either way) on an interface. */
function templateDecides(template: TfBlock | undefined): boolean {
  return blocks(template?.config.network_interfaces).some(
    (n) => isTrue(n.associate_public_ip_address) || isFalse(n.associate_public_ip_address),
  );
}

function publicInterfaces(template: TfBlock): string[] {
  return blocks(template.config.network_interfaces)
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => isTrue(n.associate_public_ip_address))
    .map(({ i }) => `network_interfaces[${i}].associate_public_ip_address is true`);
}

export const ec2NoPublicIp: PolicyRule = {
  id: 'MLM-EC2-003',
  checkovId: 'CKV_AWS_88',
  title: 'Instances, launch templates and Auto Scaling groups do not give instances a public IP address',
  rationale:
    'A public IP makes the instance reachable from the internet the moment a security group rule is ' +
    'too wide; traffic should come through the load balancer and admin access through SSM. Where a ' +
    'public instance is intended (a dev box without NAT), suppress with the reason. Auto Scaling ' +
    "groups are checked for subnets that map public IPs when their launch template doesn't decide.",
  level: 'error',
  fix:
    'launch in a private subnet with associate_public_ip_address = false and publish through the ALB, ' +
    'or suppress MLM-EC2-003 with the reason',
  appliesTo: [...LAUNCH_TYPES, 'aws_autoscaling_group'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_launch_template') return fromProblems(publicInterfaces(ctx.resource));
    if (ctx.resource.type === 'aws_autoscaling_group') {
      const template = instanceLaunchTemplate(ctx);
      if (templateDecides(template)) return notApplicable(`its launch template ${template?.path} decides`);
      return fromProblems(
        publicSubnets(ctx, c.vpc_zone_identifier).map(
          (s) => `launches into subnet ${s.path}, which has map_public_ip_on_launch = true`,
        ),
      );
    }
    if (isTrue(c.associate_public_ip_address)) return nonCompliant('associate_public_ip_address is true');
    if (isFalse(c.associate_public_ip_address)) return compliant();
    const template = instanceLaunchTemplate(ctx);
    const inherited = template ? publicInterfaces(template) : [];
    if (inherited.length > 0) return nonCompliant(`${inherited.join('; ')}${fromTemplate(template)}`);
    if (templateDecides(template)) return compliant(fromTemplate(template).trim());
    const [subnet] = publicSubnets(ctx, c.subnet_id);
    if (subnet) {
      return nonCompliant(
        `associate_public_ip_address is unset and subnet ${subnet.path} has map_public_ip_on_launch = true`,
      );
    }
    return compliant();
  },
};
