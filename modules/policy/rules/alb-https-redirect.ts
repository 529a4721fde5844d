import { blocks, str } from '../json';
import {
  actionsOf,
  LB_TYPES,
  listenerProtocol,
  listenersOf,
  redirectsToHttps,
  unlessApplication,
} from '../load-balancer';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const albHttpsRedirect: PolicyRule = {
  id: 'MLM-ALB-006',
  checkovId: 'CKV2_AWS_20',
  title: 'Application Load Balancers have an HTTPS listener and permanently redirect HTTP to it',
  rationale:
    'Clients that type a bare host name start on port 80; a permanent (301) redirect sends them to ' +
    'HTTPS and lets browsers remember it, where a temporary one (302) is asked again on every visit.',
  level: 'error',
  fix:
    'add an HTTPS listener, and give every HTTP listener the default action redirect { protocol = "HTTPS", ' +
    'port = "443", status_code = "HTTP_301" }',
  appliesTo: LB_TYPES,
  check: (ctx) => {
    const skip = unlessApplication(ctx.resource);
    if (skip) return skip;
    const listeners = listenersOf(ctx, ctx.resource);
    if (listeners.length === 0) return notApplicable('no listener of this stack is attached');
    const problems: string[] = [];
    if (!listeners.some((l) => listenerProtocol(l) === 'HTTPS')) problems.push('it has no HTTPS listener');
    for (const l of listeners.filter((x) => listenerProtocol(x) === 'HTTP')) {
      const actions = actionsOf(l);
      if (actions.length === 0 || !actions.every(redirectsToHttps)) {
        problems.push(`HTTP listener ${l.path} does not redirect to HTTPS`);
        continue;
      }
      const codes = actions.flatMap((a) => blocks(a.redirect).map((r) => str(r.status_code) ?? 'unset'));
      if (codes.some((c) => c !== 'HTTP_301')) {
        problems.push(`HTTP listener ${l.path} redirects with ${codes.join(', ')}, not HTTP_301`);
      }
    }
    return fromProblems(problems, 'HTTPS listener; HTTP redirects permanently');
  },
};
