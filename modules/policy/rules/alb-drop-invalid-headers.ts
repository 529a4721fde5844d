import { isTrue } from '../json';
import { LB_TYPES, unlessApplication } from '../load-balancer';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const albDropInvalidHeaders: PolicyRule = {
  id: 'MLM-ALB-001',
  checkovId: 'CKV_AWS_131',
  title: 'Application Load Balancers drop HTTP headers with invalid names',
  rationale:
    'Headers whose names are not valid HTTP tokens are a request-smuggling and header-injection vector: ' +
    'the load balancer and the application may parse them differently. Dropping them costs nothing for ' +
    'well-behaved clients. Terraform and AWS leave it off by default.',
  level: 'error',
  fix: 'set drop_invalid_header_fields = true (ApplicationLoadBalancer does by default)',
  appliesTo: LB_TYPES,
  check: (ctx) =>
    unlessApplication(ctx.resource) ??
    (isTrue(ctx.resource.config.drop_invalid_header_fields)
      ? compliant()
      : nonCompliant('drop_invalid_header_fields is not true')),
};
