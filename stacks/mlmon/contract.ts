/**
 * The contract several pieces of the model-monitoring system share: ports, Compose service names,
 * the metrics the API exports and publishes, and the environment variables that tell the API
 * image where to publish. The security group, the Compose file, Prometheus, Grafana, the reverse
 * proxy, the health checks and the CloudWatch alarms all take their values from here, so they
 * cannot drift apart.
 */

/** Ports on the host. */
export const MLMON_PORTS = {
  /** The reverse proxy (Caddy): the API for the internet, and the ACME HTTP challenge with a domain. */
  http: 80,
  /** The reverse proxy with a domain: TLS with an automatic certificate. */
  https: 443,
  /** The model API (FastAPI): `/metrics`, predictions. Admin networks only. */
  api: 8000,
  /** Prometheus. Admin networks only. */
  prometheus: 9090,
  /** Grafana (runs on the host network). Admin networks only. */
  grafana: 3000,
  /** Node exporter, reachable only on the Compose network. */
  nodeExporter: 9100,
} as const;

/** Compose service names. */
export const MLMON_SERVICES = {
  api: 'api',
  proxy: 'proxy',
  nodeExporter: 'node-exporter',
  prometheus: 'prometheus',
  grafana: 'grafana',
} as const;

/** Compose project name: `/opt/mlmon` on the host, `mlmon.service`. */
export const MLMON_PROJECT = 'mlmon';

/**
 * CloudWatch metrics the API publishes (embedded metric format through the host's CloudWatch
 * agent), which the 5xx-rate and drift alarms read.
 *
 * | Metric         | Unit  | Statistic read | Meaning                                        |
 * |----------------|-------|----------------|------------------------------------------------|
 * | `RequestCount` | Count | Sum            | HTTP requests handled                          |
 * | `Http5xxCount` | Count | Sum            | responses with status 500-599 (publish 0 too)  |
 * | `DriftScore`   | None  | Maximum        | share of drifted features, 0..1 (Evidently)    |
 *
 * Every datum carries one dimension, `Deployment` = the deployment name (e.g. `mlmon-dev`), so
 * environments sharing an account and region don't mix.
 */
export const APP_METRICS = {
  namespace: 'MLMon/Api',
  dimensionName: 'Deployment',
  requestCount: 'RequestCount',
  http5xxCount: 'Http5xxCount',
  driftScore: 'DriftScore',
} as const;

/** Dimensions the API attaches to its metrics for the deployment `name`. */
export function appMetricDimensions(name: string): Record<string, string> {
  return { [APP_METRICS.dimensionName]: name };
}

/**
 * Prometheus metrics the API exports on `/metrics` (prometheus-fastapi-instrumentator names plus
 * the drift gauge); the Grafana dashboard and drift alert read them.
 */
export const API_PROMETHEUS_METRICS = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  drift: 'model_drift_score',
} as const;

/** Paths the API serves. */
export const API_PATHS = {
  /** Prometheus exposition; also the host's health probe of the API. Not served through the proxy. */
  metrics: '/metrics',
  /**
   * Liveness: `GET` answers 200 once the model is loaded, without touching anything outside the
   * container. Served through the proxy; the load balancer's target group checks it there, so a
   * dead proxy or a dead API both take the host out of service.
   */
  health: '/health',
} as const;

/** Paths Grafana serves that the system relies on. */
export const GRAFANA_PATHS = {
  /** 200 with the database status; the host's health probe and the load balancer's check. */
  health: '/api/health',
} as const;

/**
 * Environment variables the API container gets: its side of the contract. `AWS_EMF_*` are the
 * settings of the aws-embedded-metrics library (agent mode, no credentials needed).
 */
export const API_ENVIRONMENT = {
  /** CloudWatch namespace of the API's metrics ({@link APP_METRICS}.namespace). */
  metricsNamespace: 'METRICS_NAMESPACE',
  /** Name of the one dimension ({@link APP_METRICS}.dimensionName). */
  metricsDimensionName: 'METRICS_DIMENSION_NAME',
  /** Its value: the deployment name. */
  metricsDimensionValue: 'METRICS_DIMENSION_VALUE',
  /** `Agent`: send EMF to the CloudWatch agent rather than calling CloudWatch. */
  emfEnvironment: 'AWS_EMF_ENVIRONMENT',
  /** `tcp://host.docker.internal:25888`. */
  emfAgentEndpoint: 'AWS_EMF_AGENT_ENDPOINT',
  /** The same namespace, for the library. */
  emfNamespace: 'AWS_EMF_NAMESPACE',
  /** Log group the EMF events land in (the agent may write only to the host's log groups). */
  emfLogGroupName: 'AWS_EMF_LOG_GROUP_NAME',
  emfServiceName: 'AWS_EMF_SERVICE_NAME',
  region: 'AWS_REGION',
  /** Where the models synced from `s3://<bucket>/models/` are mounted (read-only). */
  modelDir: 'MODEL_DIR',
  port: 'PORT',
} as const;

/** Where the models live: the bucket prefix, the host directory below the project, the container path. */
export const MODELS = {
  prefix: 'models/',
  hostPath: 'models',
  containerPath: '/opt/mlmon/models',
} as const;
