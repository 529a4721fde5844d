import { firstBlock, isFalse, isNonBlank, str } from '../json';
import { TARGET_GROUP_TYPES } from '../load-balancer';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const albTargetGroupHealthCheck: PolicyRule = {
  id: 'MLM-ALB-009',
  checkovId: 'CKV_AWS_261',
  title: 'HTTP and HTTPS target groups define an enabled health check with a path',
  rationale:
    'The health check decides which targets get traffic. Left implicit it probes "/" with AWS\'s slow ' +
    "defaults, which often hits a redirect or a login page instead of the service's own health " +
    'endpoint; disabled, dead targets keep receiving requests.',
  level: 'warning',
  fix: 'add health_check { enabled = true, path = "/health", matcher = "200" } (TargetGroup: healthCheck)',
  appliesTo: TARGET_GROUP_TYPES,
  check: (ctx) => {
    const c = ctx.resource.config;
    if (str(c.target_type) === 'lambda') return notApplicable('lambda target group');
    const protocol = (str(c.protocol) ?? '').toUpperCase();
    if (protocol !== 'HTTP' && protocol !== 'HTTPS')
      return notApplicable(`a ${protocol || 'non-HTTP'} target group`);
    const hc = firstBlock(c.health_check);
    if (!hc) return nonCompliant('no health_check block');
    if (isFalse(hc.enabled)) return nonCompliant('health_check.enabled is false');
    if (!isNonBlank(hc.path)) return nonCompliant('health_check sets no path');
    return compliant(`health check on ${String(hc.path)}`);
  },
};
