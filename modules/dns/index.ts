/**
 * Route 53 alias records for load balancers and CloudFront, and the domain-name rules the other
 * modules check names with. Import from `@ml-platform/cdktf-aws/dns`.
 * @packageDocumentation
 */
export { AliasRecord, cloudFrontAliasTarget, loadBalancerAliasTarget } from './alias-record';
export type { AliasRecordProps, AliasRecordType, AliasTarget, LoadBalancerAliasSource } from './alias-record';
export { CLOUDFRONT_HOSTED_ZONE_ID, domainNameProblems, isInZone, isValidHostedZoneId } from './domain-names';
export type { DomainNameRules } from './domain-names';
