import { fromProblems } from '../outcome';
import { INGRESS_RULE_TYPES, publicPortFindings } from '../ingress-reach';
import { PolicyRule } from '../types';

/** Resource types that can carry ingress rules. */
export const INGRESS_TYPES: readonly string[] = INGRESS_RULE_TYPES;

export const sgNoWorldSsh: PolicyRule = {
  id: 'MLM-SG-001',
  checkovId: 'CKV_AWS_24',
  title: 'No security group admits SSH (port 22) from the internet, however the sources are split',
  rationale:
    'SSH open to the internet is scanned and brute-forced within minutes of launch. The sources of every ' +
    'ingress rule of the group that admits port 22 (inline blocks, aws_security_group_rule, ' +
    'aws_vpc_security_group_ingress_rule; protocol all included) are merged: together they may reach at ' +
    'most one /8 of public IPv4 and one /32 of global IPv6, so 0.0.0.0/1 plus 128.0.0.0/1 counts as ' +
    '0.0.0.0/0. A source that is a Terraform expression (a variable without a default, a computed ' +
    'attribute) cannot be checked and is a finding too.',
  level: 'error',
  fix:
    'remove the rule and use SSM Session Manager, or admit only an admin CIDR or security group; where ' +
    'exposure is really intended, suppress this rule on the group with the reason',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(publicPortFindings(ctx.stack, ctx.resource, [22])),
};
