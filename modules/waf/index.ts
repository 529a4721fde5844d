/**
 * WAFv2 web ACLs: AWS managed rule groups (common, known bad inputs, Log4j, IP reputation), a
 * rate limit, logging with redacted headers, within the capacity budget. Import from
 * `@ml-platform/cdktf-aws/waf`.
 * @packageDocumentation
 */
export { WebAcl, DEFAULT_RATE_LIMIT, DEFAULT_REDACTED_HEADERS } from './web-acl';
export type {
  ExtraManagedRuleGroup,
  ManagedRuleGroupOptions,
  RateLimitOptions,
  WafLogAction,
  WebAclLogging,
  WebAclProps,
  WebAclScope,
} from './web-acl';
export { MANAGED_RULE_GROUP_WCUS, MAX_WEB_ACL_WCUS } from './managed-rule-groups';
export type { AwsManagedRuleGroupName } from './managed-rule-groups';
