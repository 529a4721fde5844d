/**
 * VPC: public and private subnets per AZ with CIDRs computed at synth, internet gateway, NAT
 * (none, single, per AZ), flow logs on, gateway and interface endpoints, the default security
 * group locked down. Import from `@ml-platform/cdktf-aws/vpc`.
 * @packageDocumentation
 */
export { Vpc, MAX_VPC_NAME_LENGTH } from './vpc';
export type { GatewayEndpointService, IPrivateSubnetsRef, NatGatewayMode, VpcProps } from './vpc';
export { VpcFlowLog, DEFAULT_FLOW_LOG_RETENTION_DAYS } from './vpc-flow-log';
export type {
  CloudWatchFlowLogsConfig,
  FlowLogTrafficType,
  FlowLogsConfig,
  NoFlowLogsConfig,
  S3FlowLogsConfig,
  VpcFlowLogProps,
} from './vpc-flow-log';
export { MAX_AZS, MAX_VPC_PREFIX, MIN_SUBNET_PREFIX, MIN_VPC_PREFIX } from './subnet-layout';
export type { SubnetLayout } from './subnet-layout';
export { KNOWN_INTERFACE_ENDPOINT_SERVICES, isKnownInterfaceEndpointService } from './interface-endpoints';
export type {
  InterfaceEndpointOptions,
  InterfaceEndpointSpec,
  KnownInterfaceEndpointService,
} from './interface-endpoints';
