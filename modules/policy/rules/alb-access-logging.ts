import { blocks, isNonBlank, isTrue } from '../json';
import { LB_TYPES, lbType } from '../load-balancer';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const albAccessLogging: PolicyRule = {
  id: 'MLM-ALB-003',
  checkovId: 'CKV_AWS_91',
  title: 'Application and Network Load Balancers write access logs to S3',
  rationale:
    'Access logs are the only record of each request (client address, path, status, TLS version, ' +
    'target and timings): needed to investigate abuse, to find clients before tightening the TLS ' +
    'policy, and to debug 5xx. Note that an access_logs block without enabled = true logs nothing.',
  level: 'error',
  fix:
    'add access_logs { bucket = <SSE-S3 bucket that allows ELB log delivery>, enabled = true } ' +
    '(ApplicationLoadBalancer creates such a bucket by default)',
  appliesTo: LB_TYPES,
  check: (ctx) => {
    if (lbType(ctx.resource) === 'gateway')
      return notApplicable('gateway load balancers have no access logs');
    const logs = blocks(ctx.resource.config.access_logs);
    if (logs.length === 0) return nonCompliant('no access_logs block');
    const on = logs.find((l) => isTrue(l.enabled) && isNonBlank(l.bucket));
    return on ? compliant() : nonCompliant('access_logs is not enabled (enabled = true with a bucket)');
  },
};
