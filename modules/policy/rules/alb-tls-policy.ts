import { str } from '../json';
import { LISTENER_TYPES, listenerProtocol } from '../load-balancer';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

/**
 * Security policies whose lowest protocol is TLS 1.2, by name family: every TLS 1.3 policy of the
 * `-1-2` and `-1-3` families (plain, Res, Ext, FIPS, PQ), and the TLS 1.2-only `TLS-1-2` and
 * `FS-1-2` policies (Application and Network Load Balancers share the names).
 */
const TLS12_POLICY_RE = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

export const albTlsPolicy: PolicyRule = {
  id: 'MLM-ALB-007',
  checkovId: 'CKV_AWS_103',
  title: 'HTTPS and TLS listeners use a security policy with TLS 1.2 or newer only',
  rationale:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996), fail PCI DSS, and bring weak ciphers. When ssl_policy ' +
    'is unset, AWS picks ELBSecurityPolicy-2016-08, which still accepts TLS 1.0.',
  level: 'error',
  fix:
    'set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS13-1-2/-1-3, TLS-1-2 or FS-1-2 ' +
    'policy; ApplicationLoadBalancer defaults to it)',
  appliesTo: LISTENER_TYPES,
  check: (ctx) => {
    const protocol = listenerProtocol(ctx.resource);
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return notApplicable(`a ${protocol} listener`);
    const policy = str(ctx.resource.config.ssl_policy);
    if (policy === undefined)
      return nonCompliant('ssl_policy is unset: AWS uses ELBSecurityPolicy-2016-08 (TLS 1.0)');
    return TLS12_POLICY_RE.test(policy)
      ? compliant(`ssl_policy = ${policy}`)
      : nonCompliant(`ssl_policy = ${policy} accepts protocols older than TLS 1.2`);
  },
};
