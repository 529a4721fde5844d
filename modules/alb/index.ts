/**
 * Application Load Balancer: the load balancer with HTTPS listeners, access logs, WAF and
 * deletion protection on; target groups; listener rules; TLS policy lists; the ELB log-delivery
 * principals for log buckets. Import from `@ml-platform/cdktf-aws/alb`.
 * @packageDocumentation
 */
export { ApplicationLoadBalancer } from './application-load-balancer';
export type {
  AlbAccessLogs,
  AlbIpAddressType,
  AlbLogBucketOptions,
  AlbRuleProps,
  ApplicationLoadBalancerProps,
  ConnectToOptions,
  DesyncMitigationMode,
  XffHeaderProcessingMode,
} from './application-load-balancer';
export { TargetGroup } from './target-group';
export type {
  ITargetGroup,
  LoadBalancingAlgorithm,
  TargetGroupHealthCheck,
  TargetGroupProps,
  TargetGroupStickiness,
  TargetProtocol,
  TargetProtocolVersion,
  TargetType,
} from './target-group';
export { ListenerRule, LISTENER_RULE_LIMITS } from './listener-rule';
export type { HttpMethod, ListenerRuleConditions, ListenerRuleProps } from './listener-rule';
export { DEFAULT_SSL_POLICY, LEGACY_SSL_POLICIES, TLS12_SSL_POLICIES, isTls12Policy } from './ssl-policies';
export type { AlbSslPolicy } from './ssl-policies';
export {
  ELB_ACCOUNT_IDS,
  ELB_LOG_DELIVERY_SERVICE,
  elbLogDeliveryPrincipal,
  elbLogDeliveryStatement,
} from './log-delivery';
export type { ElbLogDeliveryOptions } from './log-delivery';
