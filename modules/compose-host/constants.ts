/**
 * Names shared between the host's rendered files, the ComposeHost construct and whoever builds
 * alarms on the host's metrics.
 */

/** CloudWatch namespace the CloudWatch agent publishes host metrics to. */
export const CW_AGENT_NAMESPACE = 'CWAgent';

/** Metric names the CloudWatch agent publishes. */
export const CW_AGENT_METRICS = {
  /** Percentage of memory in use (`mem` plugin, `mem_used_percent`). */
  memUsedPercent: 'mem_used_percent',
  /** Percentage of the root filesystem in use (`disk` plugin, `used_percent` on `/`). */
  diskUsedPercent: 'disk_used_percent',
} as const;

/**
 * Dimension names on the CloudWatch agent metrics. The agent publishes, for each metric, one
 * aggregated series whose only dimension is:
 *
 * | mode          | dimension              | why                                                  |
 * |---------------|------------------------|------------------------------------------------------|
 * | `instance`    | `InstanceId`           | one long-lived instance                              |
 * | `autoScaling` | `AutoScalingGroupName` | survives instance replacement, so alarms stay valid |
 *
 * Alarms must use exactly that one dimension ({@link ComposeHost.cloudWatchAgentDimensions}).
 */
export const CW_AGENT_DIMENSIONS = {
  instanceId: 'InstanceId',
  autoScalingGroupName: 'AutoScalingGroupName',
} as const;

/**
 * Where the CloudWatch agent listens for embedded metric format (EMF) events when
 * `embeddedMetrics` is on: TCP port 25888 (the agent's default port) on every host address, so
 * containers on bridge networks reach it as `host.docker.internal` (with
 * `extra_hosts: ["host.docker.internal:host-gateway"]`). No security group rule opens it.
 */
export const EMF_PORT = 25888;

/** What a container sets as the EMF agent endpoint (e.g. `AWS_EMF_AGENT_ENDPOINT`). */
export const EMF_ENDPOINT_FROM_CONTAINERS = `tcp://host.docker.internal:${EMF_PORT}`;

/** The `extra_hosts` entry that makes `host.docker.internal` resolve to the host on Linux. */
export const HOST_GATEWAY_EXTRA_HOST = 'host.docker.internal:host-gateway';

/**
 * Tag (propagated at launch, readable through instance metadata) that tells an Auto Scaling group
 * instance which Elastic IP to claim. No `:` or `/`, which instance-metadata tags do not allow.
 */
export const EIP_ALLOCATION_TAG = 'ComposeHostEipAllocationId';

/** EC2 limit on user data, in bytes, before base64 encoding (here: the gzip bytes). */
export const USER_DATA_LIMIT_BYTES = 16384;

/** The host's own directory inside the project directory; project files may not use it. */
export const HOST_DIR_NAME = '.compose-host';

/** Filesystem layout on the host for a project. */
export interface HostPaths {
  /** Project directory: the Compose file, `.env` and every project file live below it. */
  readonly root: string;
  readonly composeFile: string;
  /** Compose interpolation variables written at boot (`INSTANCE_ID`). */
  readonly composeEnvFile: string;
  /** The host's own files (bootstrap script, agent configuration), root-only. */
  readonly hostDir: string;
  readonly bootstrapScript: string;
  readonly cloudWatchAgentConfig: string;
  /** Per-boot state (step markers, the health clock); on tmpfs, so a reboot starts afresh. */
  readonly runDir: string;
  /** The project service: installs, configures and starts the project at every boot. */
  readonly unit: string;
  readonly unitName: string;
  /** Health reporting (Auto Scaling mode). */
  readonly healthUnit: string;
  readonly healthUnitName: string;
  readonly healthTimer: string;
  readonly healthTimerName: string;
}

/** The paths of project `project`. */
export function hostPaths(project: string): HostPaths {
  const root = `/opt/${project}`;
  const hostDir = `${root}/${HOST_DIR_NAME}`;
  return {
    root,
    composeFile: `${root}/compose.yml`,
    composeEnvFile: `${root}/.env`,
    hostDir,
    bootstrapScript: `${hostDir}/bootstrap.sh`,
    cloudWatchAgentConfig: `${hostDir}/cloudwatch-agent.json`,
    runDir: `/run/compose-host/${project}`,
    unit: `/etc/systemd/system/${project}.service`,
    unitName: `${project}.service`,
    healthUnit: `/etc/systemd/system/${project}-health.service`,
    healthUnitName: `${project}-health.service`,
    healthTimer: `/etc/systemd/system/${project}-health.timer`,
    healthTimerName: `${project}-health.timer`,
  };
}
