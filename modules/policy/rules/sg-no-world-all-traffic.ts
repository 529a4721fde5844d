import { fromProblems } from '../outcome';
import { describeRule, securityGroupRules, worldCidrs } from '../security-group-rules';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

export const sgNoWorldAllTraffic: PolicyRule = {
  id: 'MLM-SG-004',
  checkovId: 'CKV_AWS_277',
  title: 'No security group admits all traffic (protocol -1, or every TCP/UDP port) from 0.0.0.0/0 or ::/0',
  rationale:
    'An all-ports ingress rule from anywhere exposes every service on the instance, including ones ' +
    'started later. Protocol -1 rules are reported here only; a TCP/UDP rule for every port also ' +
    'trips MLM-SG-001 to MLM-SG-003.',
  level: 'error',
  fix: 'replace it with rules for the specific ports the service needs, from the narrowest source',
  appliesTo: INGRESS_TYPES,
  check: (ctx) =>
    fromProblems(
      securityGroupRules(ctx.resource)
        .filter((r) => r.direction === 'ingress' && worldCidrs(r).length > 0)
        .filter(
          (r) =>
            r.protocol === 'all' ||
            ((r.protocol === 'tcp' || r.protocol === 'udp') &&
              (r.fromPort ?? 0) <= 1 &&
              (r.toPort ?? 65535) >= 65535),
        )
        .map((r) => `${describeRule(r)} admits every port`),
    ),
};
