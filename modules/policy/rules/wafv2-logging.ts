import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const wafv2Logging: PolicyRule = {
  id: 'MLM-WAF-001',
  checkovId: 'CKV2_AWS_31',
  title: 'WAFv2 web ACLs have a logging configuration',
  rationale:
    'Metrics say how many requests were blocked; only the logs say which client, which rule and which ' +
    'request, which is what tuning false positives and investigating an attack need.',
  level: 'error',
  fix:
    'add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL ARN and a destination ' +
    'named aws-waf-logs-* (WebAcl does this unless logging.enabled is false)',
  appliesTo: ['aws_wafv2_web_acl'],
  check: (ctx) =>
    ctx.stack.attachedTo(ctx.resource, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn').length > 0
      ? compliant()
      : nonCompliant('no aws_wafv2_web_acl_logging_configuration has resource_arn pointing at this web ACL'),
};
