import { fromProblems } from '../outcome';
import { allTrafficFindings } from '../ingress-reach';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

export const sgNoWorldAllTraffic: PolicyRule = {
  id: 'MLM-SG-004',
  checkovId: 'CKV_AWS_277',
  title: 'No security group admits all traffic (protocol -1, or every TCP/UDP port) from the internet',
  rationale:
    'An all-ports ingress rule from anywhere exposes every service on the instance, including ones ' +
    "started later. The group's protocol -1 rules are merged, and so are its TCP (UDP) rules whose ranges " +
    'together cover every port; beyond one /8 of public IPv4 or one /32 of global IPv6 they count as the ' +
    'internet. Where rules that each cover every port exceed that by themselves, only they are reported, ' +
    'not a narrower rule beside them. Such rules also trip MLM-SG-001 to MLM-SG-003 for the restricted ports they include.',
  level: 'error',
  fix:
    'replace it with rules for the specific ports the service needs, from the narrowest source; where ' +
    'exposure is really intended, suppress this rule on the group with the reason',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(allTrafficFindings(ctx.stack, ctx.resource)),
};
