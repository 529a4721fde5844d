/**
 * An EC2 host (instance or Auto Scaling group of one) that runs any Docker Compose project it is
 * given: launch template with IMDSv2 and an encrypted root volume, cloud-init with retries, log
 * shipping, health, and the IAM its boot needs. Import from `@ml-platform/cdktf-aws/compose-host`.
 * @packageDocumentation
 */
export { ComposeHost, COMPOSE_HOST_DEFAULTS } from './compose-host';
export type {
  AutoScalingComputeProps,
  ComposeHostAddress,
  ComposeHostComputeProps,
  ComposeHostGroup,
  ComposeHostInstance,
  ComposeHostProps,
  ComposeHostRuntime,
  EmbeddedMetricsProps,
  IHostRole,
  InstanceComputeProps,
} from './compose-host';
export type {
  ComposePluginSource,
  GeneratedSecret,
  HostHealthCheck,
  HostLogGroup,
  ProjectFile,
  RetryPolicy,
  S3Download,
} from './host-spec';
export { DEFAULT_COMPOSE_VERSION } from './host-spec';
export type {
  ComposeFile,
  ComposeLogging,
  ComposePortMapping,
  ComposeService,
  PublishedPort,
} from './compose-file';
export { publishedPorts } from './compose-file';
export type { AmiArchitecture, AmiFromId, AmiFromOs, AmiOs, AmiSource, ResolvedAmi } from './ami';
export type { UserDataSize } from './render/user-data';
export { AMI_SSM_PARAMETERS } from './ami';
export {
  CW_AGENT_DIMENSIONS,
  CW_AGENT_METRICS,
  CW_AGENT_NAMESPACE,
  EMF_ENDPOINT_FROM_CONTAINERS,
  EMF_PORT,
  HOST_GATEWAY_EXTRA_HOST,
  hostPaths,
} from './constants';
export type { HostPaths } from './constants';
