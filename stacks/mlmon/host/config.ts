/** What the model-monitoring host runs, as typed values; rendered by the files in this folder. */
import { Validator } from '../../../modules/core/validation';
import { isValidIpv4Cidr } from '../../../modules/core/ip';

/** Settings of the monitoring stack on the host. */
export interface MlmonHostConfig {
  /** Deployment name, e.g. `mlmon-dev`: the `Deployment` metric dimension and the Prometheus `host` label. */
  readonly deployment: string;
  /** Region of the stack (the API's `AWS_REGION`, Grafana's SNS client). */
  readonly region: string;
  /**
   * Image of the model API container (FastAPI serving `/metrics` on port 8000), pinned by tag or
   * digest, e.g. `ghcr.io/acme/shill-bidding-api:1.4.2`.
   */
  readonly modelImage: string;
  /** Log group the API's embedded-metric-format events land in (`AWS_EMF_LOG_GROUP_NAME`). */
  readonly metricsLogGroupName: string;
  /** SNS topic the Grafana contact point publishes to (the environment's alarm topic). */
  readonly alertTopicArn: string;
  /**
   * Public DNS name served over HTTPS by the reverse proxy (automatic certificate from Let's
   * Encrypt; ports 80 and 443 must reach the host and the name must resolve to its address).
   * @default - plain HTTP on port 80 only
   */
  readonly domainName?: string;
  /**
   * The address users reach Grafana at, when it is published behind a load balancer, e.g.
   * `https://grafana.mlmon-prod.example.com/` (ending in '/'). Grafana builds its links and
   * redirects from it, and with an `https` URL sends its session cookie only over TLS.
   * @default - `http://localhost:3000/`, Grafana's own default (reached directly on port 3000)
   */
  readonly grafanaRootUrl?: string;
  /**
   * Networks of the proxies in front of the host (e.g. the VPC block, where a load balancer's
   * nodes live). The reverse proxy then keeps the client address they send in
   * `X-Forwarded-For` instead of replacing it with the proxy's own, so the API logs and rate
   * limits see real clients.
   * @default - none: the reverse proxy trusts no forwarded header
   */
  readonly trustedProxyCidrs?: readonly string[];
  /** The Grafana alert fires when the drift metric stays above this value (0 to 1). @default 0.3 */
  readonly driftAlertThreshold?: number;
  /** Minutes the drift must stay above the threshold before the alert fires. @default 5 */
  readonly driftAlertPendingMinutes?: number;
  /** Prometheus scrape and rule evaluation interval, 5 to 300 seconds. @default 15 */
  readonly scrapeIntervalSeconds?: number;
  /** Days Prometheus keeps samples on the root volume. @default 15 */
  readonly prometheusRetentionDays?: number;
  /** Image overrides; defaults are pinned so a replacement host runs the same stack. @default MLMON_IMAGES */
  readonly images?: Partial<MlmonImages>;
}

/** Images of the supporting containers. */
export interface MlmonImages {
  readonly prometheus: string;
  readonly grafana: string;
  readonly nodeExporter: string;
  readonly proxy: string;
}

/**
 * Pinned images. Grafana is 11.6: the Amazon SNS contact point arrived in 11.1 and its default
 * message template was fixed in early 2025.
 */
export const MLMON_IMAGES: MlmonImages = {
  prometheus: 'prom/prometheus:v2.53.0',
  grafana: 'grafana/grafana:11.6.0',
  nodeExporter: 'prom/node-exporter:v1.8.1',
  proxy: 'caddy:2.8.4',
};

const ROOT_URL_RE =
  /^https?:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?(:\d{1,5})?\/(\S*\/)?$/;

const cidrPrefixOf = (cidr: string): number => Number(cidr.split('/')[1]);

/** The host name of a root URL (`https://grafana.example.com/` -> `grafana.example.com`). */
export function rootUrlHost(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
}

/** Defaults of {@link MlmonHostConfig}. */
export const MLMON_HOST_DEFAULTS = {
  driftAlertThreshold: 0.3,
  driftAlertPendingMinutes: 5,
  scrapeIntervalSeconds: 15,
  prometheusRetentionDays: 15,
} as const;

/** {@link MlmonHostConfig} with every default applied. */
export interface ResolvedMlmonHostConfig extends Required<
  Omit<MlmonHostConfig, 'domainName' | 'images' | 'grafanaRootUrl' | 'trustedProxyCidrs'>
> {
  readonly domainName?: string;
  readonly grafanaRootUrl?: string;
  readonly trustedProxyCidrs: readonly string[];
  readonly images: MlmonImages;
}

/** Applies the defaults. */
export function resolveMlmonHostConfig(cfg: MlmonHostConfig): ResolvedMlmonHostConfig {
  const d = MLMON_HOST_DEFAULTS;
  const v = new Validator(`mlmon host config ${cfg.deployment}`);
  v.checkOptional(
    cfg.grafanaRootUrl,
    (u) => typeof u === 'string' && ROOT_URL_RE.test(u),
    'grafanaRootUrl',
    "is not an absolute http(s) URL of a host name ending in '/'",
    'use a URL such as "https://grafana.example.com/"',
  );
  (cfg.trustedProxyCidrs ?? []).forEach((c, i) =>
    v.check(
      isValidIpv4Cidr(c) && cidrPrefixOf(c) >= 8,
      `trustedProxyCidrs[${i}]`,
      c,
      'is not an IPv4 CIDR block of /8 or narrower (a wider one would trust forged client addresses)',
      'list the networks of the proxies in front, e.g. the VPC block "10.20.0.0/16"',
    ),
  );
  v.throwIfInvalid();
  return {
    ...cfg,
    driftAlertThreshold: cfg.driftAlertThreshold ?? d.driftAlertThreshold,
    driftAlertPendingMinutes: cfg.driftAlertPendingMinutes ?? d.driftAlertPendingMinutes,
    scrapeIntervalSeconds: cfg.scrapeIntervalSeconds ?? d.scrapeIntervalSeconds,
    prometheusRetentionDays: cfg.prometheusRetentionDays ?? d.prometheusRetentionDays,
    trustedProxyCidrs: cfg.trustedProxyCidrs ?? [],
    images: { ...MLMON_IMAGES, ...(cfg.images ?? {}) },
  };
}

/** Project-relative paths of the files the host gets (the Compose file mounts them). */
export const MLMON_FILES = {
  prometheusConfig: 'prometheus/prometheus.yml',
  grafanaDatasources: 'grafana/provisioning/datasources/prometheus.yml',
  grafanaDashboardProvider: 'grafana/provisioning/dashboards/mlmon.yml',
  grafanaAlertRules: 'grafana/provisioning/alerting/drift-rules.yml',
  grafanaContactPoints: 'grafana/provisioning/alerting/contact-points.yml',
  grafanaNotificationPolicies: 'grafana/provisioning/alerting/notification-policies.yml',
  grafanaDashboard: 'grafana/dashboards/mlmon-overview.json',
  caddyfile: 'caddy/Caddyfile',
  /** Written at boot from the generated secret (0600); never in user data. */
  grafanaEnv: 'grafana.env',
} as const;

/** Paths inside the containers. */
export const CONTAINER_PATHS = {
  prometheusConfig: '/etc/prometheus/prometheus.yml',
  prometheusData: '/prometheus',
  grafanaProvisioning: '/etc/grafana/provisioning',
  grafanaDashboards: '/etc/grafana/dashboards',
  grafanaData: '/var/lib/grafana',
  caddyfile: '/etc/caddy/Caddyfile',
  caddyData: '/data',
  caddyConfig: '/config',
} as const;

/** Grafana names shared by the provisioning files. */
export const GRAFANA = {
  datasourceUid: 'prometheus',
  folder: 'mlmon',
  dashboardUid: 'mlmon-overview',
  driftRuleUid: 'mlmon-drift-high',
  /** Contact point that publishes to the alarm topic. */
  contactPoint: 'mlmon-oncall',
  contactPointUid: 'mlmon-oncall-sns',
  /** Label every mlmon alert rule carries; the notification policy routes on it. */
  teamLabel: { name: 'team', value: 'mlmon' },
} as const;
