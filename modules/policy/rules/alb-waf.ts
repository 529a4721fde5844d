import { isTrue } from '../json';
import { LB_TYPES, unlessApplication } from '../load-balancer';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

const ASSOCIATION_TYPES: readonly string[] = [
  'aws_wafv2_web_acl_association',
  'aws_wafregional_web_acl_association',
];

export const albWaf: PolicyRule = {
  id: 'MLM-ALB-008',
  checkovId: 'CKV2_AWS_28',
  title: 'Internet-facing Application Load Balancers are protected by a WAF web ACL',
  rationale:
    'A web ACL with the AWS managed rule groups (common exploits, known bad inputs, IP reputation) and a ' +
    'rate limit stops scanners and floods before they reach the application. It costs about USD 5 per ' +
    'ACL plus USD 1 per rule group a month and USD 0.60 per million requests, hence a warning.',
  level: 'warning',
  fix:
    'associate a regional WAFv2 web ACL (aws_wafv2_web_acl_association with resource_arn = the load ' +
    'balancer ARN; ApplicationLoadBalancer: webAclArn), or suppress MLM-ALB-008 with the reason',
  appliesTo: LB_TYPES,
  check: (ctx) => {
    const skip = unlessApplication(ctx.resource);
    if (skip) return skip;
    if (isTrue(ctx.resource.config.internal)) return notApplicable('internal load balancer');
    const associations = ASSOCIATION_TYPES.flatMap((t) =>
      ctx.stack.attachedTo(ctx.resource, t, 'resource_arn'),
    );
    return associations.length > 0
      ? compliant(`web ACL associated by ${associations[0].path}`)
      : nonCompliant('no web ACL association has resource_arn pointing at this load balancer');
  },
};
