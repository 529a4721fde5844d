import { fromProblems } from '../outcome';
import { worldIngressToPorts } from '../security-group-rules';
import { PolicyRule } from '../types';

/** Resource types that can carry ingress rules. */
export const INGRESS_TYPES: readonly string[] = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
];

export const sgNoWorldSsh: PolicyRule = {
  id: 'MLM-SG-001',
  checkovId: 'CKV_AWS_24',
  title: 'No security group admits SSH (TCP 22) from 0.0.0.0/0 or ::/0',
  rationale:
    'SSH open to the internet is scanned and brute-forced within minutes of launch. Use SSM Session ' +
    'Manager (no inbound port at all) or restrict the source to a VPN or bastion CIDR.',
  level: 'error',
  fix: 'remove the rule and use SSM Session Manager, or set the source to an admin CIDR / security group',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(worldIngressToPorts(ctx.resource, [22])),
};
