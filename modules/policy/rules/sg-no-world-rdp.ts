import { fromProblems } from '../outcome';
import { worldIngressToPorts } from '../security-group-rules';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

export const sgNoWorldRdp: PolicyRule = {
  id: 'MLM-SG-002',
  checkovId: 'CKV_AWS_25',
  title: 'No security group admits RDP (port 3389) from 0.0.0.0/0 or ::/0',
  rationale: 'RDP open to the internet is a top ransomware entry point and is brute-forced continuously.',
  level: 'error',
  fix: 'remove the rule and use SSM Session Manager / Fleet Manager, or set the source to an admin CIDR',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(worldIngressToPorts(ctx.resource, [3389])),
};
