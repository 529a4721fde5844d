/**
 * ECS on Fargate: cluster (Container Insights, ECS Exec logged and encrypted), task definition
 * (containers non-root with read-only root file systems, secrets by ARN), service (circuit
 * breaker with rollback, load balancer, auto scaling, deployment-failure alerts). Import from
 * `@ml-platform/cdktf-aws/ecs-fargate`.
 * @packageDocumentation
 */
export { Cluster } from './cluster';
export type { ClusterProps, ClusterRef, ContainerInsightsMode, ExecuteCommandSettings } from './cluster';
export { FargateTaskDefinition } from './fargate-task-definition';
export type {
  CpuArchitecture,
  FargateTaskDefinitionOptions,
  FargateTaskDefinitionProps,
  LogDriverMode,
} from './fargate-task-definition';
export { FargateService } from './fargate-service';
export type {
  CircuitBreakerMode,
  DeploymentAlertOptions,
  FargateServiceProps,
  ImageTagOwner,
  ServiceLoadBalancer,
} from './fargate-service';
export { ServiceAutoScaling } from './service-auto-scaling';
export type {
  AutoScalingOptions,
  RequestCountScaling,
  ServiceAutoScalingProps,
} from './service-auto-scaling';
export {
  DeploymentFailureAlert,
  DEPLOYMENT_FAILED_EVENT,
  eventBridgePublishStatement,
} from './deployment-alert';
export type { DeploymentFailureAlertProps } from './deployment-alert';
export { DEFAULT_CONTAINER_USER } from './container-definition';
export type {
  ContainerDependency,
  ContainerDependencyCondition,
  ContainerHealthCheck,
  ContainerLogSettings,
  ContainerOptions,
  ContainerPortMapping,
  ContainerSecret,
  ScratchVolume,
  SecretsManagerSecret,
  SsmParameterSecret,
} from './container-definition';
export { DEFAULT_CAPACITY_PROVIDER_STRATEGY, FARGATE_CAPACITY_PROVIDERS } from './capacity-providers';
export type { CapacityProviderStrategyItem, FargateCapacityProvider } from './capacity-providers';
export {
  FARGATE_CPU_VALUES,
  FARGATE_TASK_SIZES,
  fargateCpuFor,
  fargateMemoryOptions,
  isValidFargateSize,
} from './fargate-sizes';
export type { FargateCpu, FargateMemoryRange } from './fargate-sizes';
export { ServiceRestartSchedule } from './service-restart-schedule';
export type { RestartTarget, ServiceRestartScheduleProps } from './service-restart-schedule';
export { PrivateDnsNamespace } from './service-discovery';
export type { CloudMapOptions, PrivateDnsNamespaceProps, PrivateDnsNamespaceRef } from './service-discovery';
