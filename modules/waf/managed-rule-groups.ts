/**
 * AWS managed rule groups this module knows, with the web ACL capacity units (WCUs) each one
 * consumes. The numbers are those AWS publishes for each group ("Capacity" in the AWS WAF
 * developer guide's managed rule group list); AWS may change them, and `terraform apply` reports
 * the real total in the web ACL's `capacity` attribute.
 */
export const MANAGED_RULE_GROUP_WCUS = {
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesAnonymousIpList: 50,
  AWSManagedRulesAdminProtectionRuleSet: 100,
  AWSManagedRulesSQLiRuleSet: 200,
  AWSManagedRulesLinuxRuleSet: 200,
  AWSManagedRulesUnixRuleSet: 100,
  AWSManagedRulesWindowsRuleSet: 200,
  AWSManagedRulesPHPRuleSet: 100,
  AWSManagedRulesWordPressRuleSet: 100,
} as const;

/** Names of the AWS managed rule groups in {@link MANAGED_RULE_GROUP_WCUS}. */
export type AwsManagedRuleGroupName = keyof typeof MANAGED_RULE_GROUP_WCUS;

/** WCUs of a rate-based rule without a scope-down statement. */
export const RATE_BASED_RULE_WCUS = 2;

/**
 * The capacity a web ACL may use without extra charges. Above it AWS bills request inspection
 * extra, up to the hard limit {@link MAX_WEB_ACL_WCUS}.
 */
export const INCLUDED_WEB_ACL_WCUS = 1500;

/** The most WCUs one web ACL can use. */
export const MAX_WEB_ACL_WCUS = 5000;

/**
 * Rules of `AWSManagedRulesKnownBadInputsRuleSet` that block the Log4j (CVE-2021-44228)
 * message-lookup patterns; counting any of them instead of blocking reopens Log4Shell probes.
 */
export const LOG4J_RULES: readonly string[] = [
  'Log4JRCE_HEADER',
  'Log4JRCE_QUERYSTRING',
  'Log4JRCE_BODY',
  'Log4JRCE_URIPATH',
];
