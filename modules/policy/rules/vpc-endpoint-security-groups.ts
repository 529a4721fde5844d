import { str, strings } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const vpcEndpointSecurityGroups: PolicyRule = {
  id: 'MLM-VPCE-001',
  title: 'Interface VPC endpoints have their own security groups',
  rationale:
    'An interface endpoint without security_group_ids gets the VPC default security group: closed (and ' +
    'the endpoint unusable) where the default group is locked down (MLM-VPC-002), open to whatever the ' +
    'default group allows elsewhere. A dedicated group admitting 443 from the VPC says what is intended.',
  level: 'warning',
  fix: 'set security_group_ids to a group admitting TCP 443 from the VPC block (Vpc: interfaceEndpoints creates one)',
  appliesTo: ['aws_vpc_endpoint'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (str(c.vpc_endpoint_type) !== 'Interface') return notApplicable('not an interface endpoint');
    return strings(c.security_group_ids).length > 0
      ? compliant()
      : nonCompliant('security_group_ids is empty: the VPC default security group applies');
  },
};
