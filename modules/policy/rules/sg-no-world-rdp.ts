import { fromProblems } from '../outcome';
import { publicPortFindings } from '../ingress-reach';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

export const sgNoWorldRdp: PolicyRule = {
  id: 'MLM-SG-002',
  checkovId: 'CKV_AWS_25',
  title: 'No security group admits RDP (port 3389) from the internet, however the sources are split',
  rationale:
    'RDP open to the internet is a top ransomware entry point and is brute-forced continuously. Sources ' +
    'are merged over every ingress rule of the group as for MLM-SG-001 (one /8 of IPv4, one /32 of IPv6 at ' +
    'most); an expression that cannot be resolved is a finding.',
  level: 'error',
  fix:
    'remove the rule and use SSM Session Manager / Fleet Manager, or admit only an admin CIDR; where ' +
    'exposure is really intended, suppress this rule on the group with the reason',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(publicPortFindings(ctx.stack, ctx.resource, [3389])),
};
