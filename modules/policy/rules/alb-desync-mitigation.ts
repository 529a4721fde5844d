import { str } from '../json';
import { LB_TYPES, unlessApplication } from '../load-balancer';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

const ACCEPTED: readonly string[] = ['defensive', 'strictest'];

export const albDesyncMitigation: PolicyRule = {
  id: 'MLM-ALB-002',
  checkovId: 'CKV_AWS_328',
  title: 'Application Load Balancers use the defensive or strictest desync mitigation mode',
  rationale:
    'Desync mitigation classifies requests by how ambiguous their framing is and blocks the ones that ' +
    'enable HTTP request smuggling (cache poisoning, request hijacking across clients). "monitor" only ' +
    "logs them. Unset means AWS's default, defensive.",
  level: 'error',
  fix: 'set desync_mitigation_mode to "defensive" (the default) or "strictest"',
  appliesTo: LB_TYPES,
  check: (ctx) => {
    const skip = unlessApplication(ctx.resource);
    if (skip) return skip;
    const mode = str(ctx.resource.config.desync_mitigation_mode);
    if (mode === undefined) return compliant('unset: AWS default defensive');
    return ACCEPTED.includes(mode)
      ? compliant(`desync_mitigation_mode = ${mode}`)
      : nonCompliant(`desync_mitigation_mode = ${mode}`);
  },
};
