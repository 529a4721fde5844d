import { isTrue } from '../json';
import { LB_TYPES } from '../load-balancer';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const albDeletionProtection: PolicyRule = {
  id: 'MLM-ALB-004',
  checkovId: 'CKV_AWS_150',
  title: 'Load balancers have deletion protection enabled',
  rationale:
    'Deleting a load balancer drops all traffic at once, and its DNS name (which records and clients ' +
    'point at) cannot be recovered. Protection makes deletion a two-step change. For throwaway ' +
    'environments, suppress with that reason.',
  level: 'warning',
  fix: 'set enable_deletion_protection = true (ApplicationLoadBalancer: deletionProtection, on by default)',
  appliesTo: LB_TYPES,
  check: (ctx) =>
    isTrue(ctx.resource.config.enable_deletion_protection)
      ? compliant()
      : nonCompliant('enable_deletion_protection is not true'),
};
