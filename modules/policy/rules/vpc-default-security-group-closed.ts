import { blocks } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

const DEFAULT_SG = 'aws_default_security_group';

export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'MLM-VPC-002',
  checkovId: 'CKV2_AWS_12',
  title: 'The default security group of every VPC is managed and has no rules',
  rationale:
    "AWS creates each VPC's default security group with allow-all rules between its members and all " +
    'egress; anything launched without an explicit group lands in it. Adopting it with no rules closes it.',
  level: 'error',
  fix: `add an ${DEFAULT_SG} with vpc_id set to the VPC and no ingress or egress blocks`,
  appliesTo: ['aws_vpc', DEFAULT_SG],
  check: (ctx) => {
    if (ctx.resource.type === 'aws_vpc') {
      const managed = ctx.stack.attachedTo(ctx.resource, DEFAULT_SG, 'vpc_id');
      return managed.length > 0
        ? compliant()
        : nonCompliant(
            `no ${DEFAULT_SG} manages this VPC's default security group, so it keeps the AWS rules`,
          );
    }
    const ingress = blocks(ctx.resource.config.ingress).length;
    const egress = blocks(ctx.resource.config.egress).length;
    if (ingress + egress === 0) return compliant();
    return nonCompliant(`the default security group has ${ingress} ingress and ${egress} egress rule(s)`);
  },
};
