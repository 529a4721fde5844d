/**
 * Security groups with explicit egress, descriptions on every rule, restricted ports (SSH, RDP,
 * databases, admin UIs) refused from public address ranges, and rules between groups
 * (`allowFrom`, `allowTo`). Import from `@ml-platform/cdktf-aws/security-group`.
 * @packageDocumentation
 */
export { SecurityGroup } from './security-group';
export type {
  EgressDestination,
  EgressRule,
  ISecurityGroupRef,
  IngressRule,
  IngressSource,
  RuleProtocol,
  RuleSpec,
  SecurityGroupProps,
} from './security-group';
export { ANY_IPV4, ANY_IPV6 } from './ip-ranges';
