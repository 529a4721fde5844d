import { actionsOf, LISTENER_TYPES, listenerProtocol, redirectsToHttps, rulesOf } from '../load-balancer';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const albListenerHttps: PolicyRule = {
  id: 'MLM-ALB-005',
  checkovId: 'CKV_AWS_2',
  title: 'Load balancer HTTP listeners serve nothing but a redirect to HTTPS',
  rationale:
    'Over plain HTTP, session cookies, tokens and request bodies cross the internet readable and ' +
    'alterable by anyone on the path. An HTTP listener may exist only to send clients to HTTPS: its ' +
    'default action and every rule on it must redirect.',
  level: 'error',
  fix:
    'use protocol "HTTPS" with a certificate, or make the port-80 listener\'s default action a redirect ' +
    'to protocol "HTTPS" (status HTTP_301) with no forwarding rules (ApplicationLoadBalancer does this)',
  appliesTo: LISTENER_TYPES,
  check: (ctx) => {
    const protocol = listenerProtocol(ctx.resource);
    if (protocol === 'HTTPS') return compliant('HTTPS listener');
    if (protocol !== 'HTTP')
      return notApplicable(`a ${protocol} listener (network or gateway load balancer)`);
    const serving = actionsOf(ctx.resource).filter((a) => !redirectsToHttps(a));
    if (serving.length > 0 || actionsOf(ctx.resource).length === 0) {
      return nonCompliant(
        `the HTTP listener's default action is ${serving.map((a) => String(a.type)).join(', ') || 'missing'}, not a redirect to HTTPS`,
      );
    }
    const rules = rulesOf(ctx, ctx.resource).filter((r) => actionsOf(r).some((a) => !redirectsToHttps(a)));
    if (rules.length > 0) {
      return nonCompliant(`rules on the HTTP listener serve content: ${rules.map((r) => r.path).join(', ')}`);
    }
    return compliant('redirects to HTTPS');
  },
};
