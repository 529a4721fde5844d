import { PORTS } from '../../security-group/ports';
import { AmiOs } from '../ami';

/** What runs on the host; rendered into the user data. */
export interface MonitoringStackConfig {
  /**
   * Image of the model API container (FastAPI serving `/metrics`), pinned by tag or digest,
   * e.g. `ghcr.io/acme/shill-bidding-api:1.4.2`.
   */
  readonly modelImage: string;
  /** Port the API listens on inside its container and on the host; it serves `/metrics`. @default 8000 */
  readonly apiPort?: number;
  /** Prometheus image. @default 'prom/prometheus:v2.53.0' */
  readonly prometheusImage?: string;
  /** Grafana image. @default 'grafana/grafana:11.1.0' */
  readonly grafanaImage?: string;
  /** Node exporter image (host CPU, memory and disk metrics for Prometheus). @default 'prom/node-exporter:v1.8.1' */
  readonly nodeExporterImage?: string;
  /** Prometheus scrape and rule evaluation interval, 5 to 300 seconds. @default 15 */
  readonly scrapeIntervalSeconds?: number;
  /** Days Prometheus keeps samples on the root volume, 1 to 365. @default 15 */
  readonly prometheusRetentionDays?: number;
  /** The Grafana alert fires when the drift metric stays above this value (0 to 1). @default 0.3 */
  readonly driftAlertThreshold?: number;
  /** Prometheus metric the API exports for data drift (0 = none, 1 = total). @default 'model_drift_score' */
  readonly driftMetricName?: string;
  /** Minutes the drift must stay above the threshold before the alert fires, 0 to 60. @default 5 */
  readonly driftAlertPendingMinutes?: number;
  /** Extra environment variables for the API container (no secrets: they end up in user data). @default - none */
  readonly apiEnvironment?: Readonly<Record<string, string>>;
}

/** Defaults of {@link MonitoringStackConfig}; images are pinned so a replacement host runs the same stack. */
export const MONITORING_STACK_DEFAULTS = {
  apiPort: PORTS.api,
  prometheusImage: 'prom/prometheus:v2.53.0',
  grafanaImage: 'grafana/grafana:11.1.0',
  nodeExporterImage: 'prom/node-exporter:v1.8.1',
  scrapeIntervalSeconds: 15,
  prometheusRetentionDays: 15,
  driftAlertThreshold: 0.3,
  driftMetricName: 'model_drift_score',
  driftAlertPendingMinutes: 5,
} as const;

/** {@link MonitoringStackConfig} with every default applied. */
export interface ResolvedMonitoringStackConfig {
  readonly modelImage: string;
  readonly apiPort: number;
  readonly prometheusImage: string;
  readonly grafanaImage: string;
  readonly nodeExporterImage: string;
  readonly scrapeIntervalSeconds: number;
  readonly prometheusRetentionDays: number;
  readonly driftAlertThreshold: number;
  readonly driftMetricName: string;
  readonly driftAlertPendingMinutes: number;
  readonly apiEnvironment: Readonly<Record<string, string>>;
}

/** Applies the defaults. */
export function resolveMonitoringStackConfig(cfg: MonitoringStackConfig): ResolvedMonitoringStackConfig {
  const d = MONITORING_STACK_DEFAULTS;
  return {
    modelImage: cfg.modelImage,
    apiPort: cfg.apiPort ?? d.apiPort,
    prometheusImage: cfg.prometheusImage ?? d.prometheusImage,
    grafanaImage: cfg.grafanaImage ?? d.grafanaImage,
    nodeExporterImage: cfg.nodeExporterImage ?? d.nodeExporterImage,
    scrapeIntervalSeconds: cfg.scrapeIntervalSeconds ?? d.scrapeIntervalSeconds,
    prometheusRetentionDays: cfg.prometheusRetentionDays ?? d.prometheusRetentionDays,
    driftAlertThreshold: cfg.driftAlertThreshold ?? d.driftAlertThreshold,
    driftMetricName: cfg.driftMetricName ?? d.driftMetricName,
    driftAlertPendingMinutes: cfg.driftAlertPendingMinutes ?? d.driftAlertPendingMinutes,
    apiEnvironment: cfg.apiEnvironment ?? {},
  };
}

/** CloudWatch log group names the containers write to through Docker's `awslogs` driver. */
export interface AppHostLogGroups {
  /** Model API container. */
  readonly api: string;
  /** Prometheus and node exporter containers. */
  readonly prometheus: string;
  /** Grafana container. */
  readonly grafana: string;
}

/** How the host runs: one EC2 instance, or an Auto Scaling group of at most one. */
export type AppHostMode = 'instance' | 'autoScaling';

/** Pinned Docker Compose CLI plugin for hosts whose OS has no package for it (Amazon Linux 2023). */
export interface ComposePluginSource {
  /** Release tag on github.com/docker/compose. @default 'v2.29.7' */
  readonly version?: string;
  /**
   * SHA-256 of the release binary per architecture (`x86_64`, `aarch64`). When omitted the
   * binary is checked against the `.sha256` file published with the release, which catches a
   * corrupted download but trusts the release host.
   * @default - the release's published checksum
   */
  readonly sha256?: Readonly<Partial<Record<'x86_64' | 'aarch64', string>>>;
}

/** Default Docker Compose plugin release. */
export const DEFAULT_COMPOSE_VERSION = 'v2.29.7';

/** Everything the renderers need, with defaults applied. Values may be Terraform tokens only where noted. */
export interface HostRenderContext {
  /** Host name (launch template / Auto Scaling group name); Prometheus `host` label. */
  readonly name: string;
  readonly region: string;
  readonly os: AmiOs;
  readonly mode: AppHostMode;
  /** App bucket; `s3://<bucket>/models/` is synced to the host. */
  readonly bucketName: string;
  readonly logGroups: AppHostLogGroups;
  /** SSM parameter that holds the Grafana admin password (created on the host if missing). */
  readonly grafanaAdminPasswordParameter: string;
  /** KMS key for the SecureString; undefined uses the account's `aws/ssm` key. */
  readonly grafanaAdminPasswordKmsKeyId?: string;
  /** Auto Scaling mode only: claim the Elastic IP named by the instance tag at boot. */
  readonly associateElasticIpAtBoot: boolean;
  readonly composePlugin: { readonly version: string; readonly sha256: ComposePluginSource['sha256'] };
  readonly stack: ResolvedMonitoringStackConfig;
}
