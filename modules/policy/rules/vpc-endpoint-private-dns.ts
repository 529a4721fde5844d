import { isTrue, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const vpcEndpointPrivateDns: PolicyRule = {
  id: 'MLM-VPCE-002',
  title: 'Interface VPC endpoints for AWS services enable private DNS',
  rationale:
    'Without private DNS the service host name (logs.us-east-1.amazonaws.com) still resolves to the public ' +
    'endpoint, so SDKs keep going through the NAT gateway (paying NAT processing) unless every client is ' +
    'configured with the endpoint-specific name; the endpoint is then billed for nothing.',
  level: 'warning',
  fix:
    'set private_dns_enabled = true, or suppress MLM-VPCE-002 where a Route 53 private hosted zone shares ' +
    "another VPC's endpoint",
  appliesTo: ['aws_vpc_endpoint'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (str(c.vpc_endpoint_type) !== 'Interface') return notApplicable('not an interface endpoint');
    return isTrue(c.private_dns_enabled) ? compliant() : nonCompliant('private_dns_enabled is not true');
  },
};
