/**
 * Names shared between the host's rendered files, the AppHost construct and other modules (the
 * monitoring module's memory and disk alarms use the CloudWatch agent names below).
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
 * Alarms must use exactly that one dimension ({@link AppHost.cloudWatchAgentDimensions}).
 */
export const CW_AGENT_DIMENSIONS = {
  instanceId: 'InstanceId',
  autoScalingGroupName: 'AutoScalingGroupName',
} as const;

/** Filesystem layout on the host. */
export const HOST_PATHS = {
  /** Compose project directory; everything the stack needs lives below it. */
  root: '/opt/mlmon',
  composeFile: '/opt/mlmon/docker-compose.yml',
  /** Variables for compose interpolation (`INSTANCE_ID`), written at boot. */
  composeEnvFile: '/opt/mlmon/.env',
  /** `GF_SECURITY_ADMIN_PASSWORD=...`, written at boot from SSM, mode 0600. Never in user data. */
  grafanaEnvFile: '/opt/mlmon/grafana.env',
  models: '/opt/mlmon/models',
  prometheusConfig: '/opt/mlmon/prometheus/prometheus.yml',
  grafanaDatasources: '/opt/mlmon/grafana/provisioning/datasources/prometheus.yml',
  grafanaDashboardProvider: '/opt/mlmon/grafana/provisioning/dashboards/mlmon.yml',
  grafanaAlertRules: '/opt/mlmon/grafana/provisioning/alerting/drift.yml',
  grafanaDashboards: '/opt/mlmon/grafana/dashboards',
  grafanaDashboard: '/opt/mlmon/grafana/dashboards/mlmon-overview.json',
  cloudWatchAgentConfig: '/opt/mlmon/cloudwatch-agent.json',
  bootstrapScript: '/opt/mlmon/bin/bootstrap.sh',
  systemdUnit: '/etc/systemd/system/mlmon.service',
} as const;

/** Paths inside the containers. */
export const CONTAINER_PATHS = {
  /** Where the API container sees the models synced from S3 (read-only). */
  models: '/opt/mlmon/models',
  prometheusConfig: '/etc/prometheus/prometheus.yml',
  prometheusData: '/prometheus',
  grafanaProvisioning: '/etc/grafana/provisioning',
  grafanaDashboards: '/etc/grafana/dashboards',
  grafanaData: '/var/lib/grafana',
} as const;

/** Key prefix in the app bucket that holds the model files synced to the host. */
export const MODELS_PREFIX = 'models/';

/** Grafana data source uid, referenced by the dashboard and the alert rule. */
export const GRAFANA_DATASOURCE_UID = 'prometheus';

/** Grafana folder for the provisioned dashboard and alert rules. */
export const GRAFANA_FOLDER = 'mlmon';

/**
 * Tag (propagated at launch, readable through instance metadata) that tells an Auto Scaling group
 * instance which Elastic IP to claim. No `:` or `/`, which instance-metadata tags do not allow.
 */
export const EIP_ALLOCATION_TAG = 'MlmonEipAllocationId';

/** EC2 limit on user data, in bytes, before base64 encoding. */
export const USER_DATA_LIMIT_BYTES = 16384;
