/**
 * What every module here is built with, for teams writing their own constructs in the same
 * style: `Validator` (collect every problem, throw once, each with field, value and fix), tags,
 * AWS naming and format rules, CIDR and public-reach arithmetic, regions and partitions, and the
 * check that the library and the app share one copy of cdktf. Import from
 * `@ml-platform/cdktf-aws/core`.
 * @packageDocumentation
 */
export { Validator, ValidationError, isUnresolved, requireProps } from './validation';
export type { FieldKind, ValidationProblem } from './validation';
export { addPlanChecks, matchesPattern, numberInRange } from './plan-checks';
export type { PlanCheck, PlanCheckRule } from './plan-checks';
export { withName } from './tags';
export type { Tags } from './tags';
export { DuplicateCdktfError, checkSingleCdktf } from './cdktf-copies';
export {
  LOG_RETENTION_DAYS,
  bucketNameProblems,
  isAzInRegion,
  isIamPrincipalArn,
  isKmsKeyArn,
  isSnsTopicArn,
  isValidDynamoTableName,
  isValidEmail,
  isValidInstanceType,
  isValidLogRetention,
  isValidPort,
  isValidRegion,
  nearestLogRetention,
  regionOfArn,
} from './aws-rules';
export {
  cidrContains,
  cidrPrefix,
  cidrSize,
  cidrSubnet,
  cidrsOverlap,
  formatCidr,
  isValidCidr,
  parseCidr,
} from './cidr';
export type { Ipv4Cidr } from './cidr';
export {
  ANY_IPV4,
  ANY_IPV6,
  PUBLIC_REACH_BOUND,
  describeReach,
  exceedsPublicReach,
  isAnyAddress,
  isValidIpv4Cidr,
  isValidIpv6Cidr,
  publicReach,
} from './ip';
export type { PublicReach } from './ip';
export { RESTRICTED_PORTS } from './ports';
export { REGIONS_BY_PARTITION, isKnownRegion, partitionOfRegion, suggestRegions } from './regions';
export type { Partition } from './regions';
export { ACCOUNT_ID_RE, PARTITIONS, arnComponents, isAccountId, isPartition } from './arn';
export type { ArnComponents } from './arn';
