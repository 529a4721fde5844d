import { ComposeFile } from '../../../modules/compose-host/compose-file';
import {
  EMF_ENDPOINT_FROM_CONTAINERS,
  HOST_GATEWAY_EXTRA_HOST,
  hostPaths,
} from '../../../modules/compose-host/constants';
import {
  API_ENVIRONMENT,
  APP_METRICS,
  MLMON_PORTS,
  MLMON_PROJECT,
  MLMON_SERVICES,
  MODELS,
  appMetricDimensions,
} from '../contract';
import { CONTAINER_PATHS, MLMON_FILES, ResolvedMlmonHostConfig, rootUrlHost } from './config';

const ROOT = hostPaths(MLMON_PROJECT).root;

/** The API container's environment: where it finds the models and where it publishes metrics. */
export function apiEnvironment(cfg: ResolvedMlmonHostConfig): Record<string, string> {
  const e = API_ENVIRONMENT;
  return {
    [e.modelDir]: MODELS.containerPath,
    [e.port]: String(MLMON_PORTS.api),
    [e.region]: cfg.region,
    [e.metricsNamespace]: APP_METRICS.namespace,
    [e.metricsDimensionName]: APP_METRICS.dimensionName,
    [e.metricsDimensionValue]: appMetricDimensions(cfg.deployment)[APP_METRICS.dimensionName],
    [e.emfEnvironment]: 'Agent',
    [e.emfAgentEndpoint]: EMF_ENDPOINT_FROM_CONTAINERS,
    [e.emfNamespace]: APP_METRICS.namespace,
    [e.emfLogGroupName]: cfg.metricsLogGroupName,
    [e.emfServiceName]: MLMON_SERVICES.api,
  };
}

/**
 * Grafana's public address when it is published behind a load balancer: links and redirects use
 * the root URL, and behind HTTPS the session cookie is marked Secure. Nothing when Grafana is
 * reached directly on its port.
 */
export function grafanaServerEnvironment(cfg: ResolvedMlmonHostConfig): Record<string, string> {
  if (cfg.grafanaRootUrl === undefined) return {};
  return {
    GF_SERVER_ROOT_URL: cfg.grafanaRootUrl,
    GF_SERVER_DOMAIN: rootUrlHost(cfg.grafanaRootUrl),
    GF_SECURITY_COOKIE_SECURE: String(cfg.grafanaRootUrl.startsWith('https://')),
  };
}

/**
 * The Compose file: the model API, the reverse proxy in front of it, node exporter, Prometheus and
 * Grafana. Every service restarts unless stopped; the host adds the CloudWatch logging.
 *
 * | service       | network | host ports                 | AWS credentials                                |
 * |---------------|---------|----------------------------|------------------------------------------------|
 * | api           | bridge  | 8000 (admin networks)      | none: metrics go as EMF to the host's agent    |
 * | proxy (Caddy) | bridge  | 80, and 443 with a domain  | none                                           |
 * | node-exporter | bridge  | none                       | none                                           |
 * | prometheus    | bridge  | 9090 (admin networks)      | none                                           |
 * | grafana       | host    | 3000 (admin networks)      | the instance role: its SNS contact point       |
 *
 * Who reaches those ports is the security group's business: the admin networks on a public host,
 * only the load balancer (80 and 3000) on a host behind one.
 *
 * Grafana runs on the host network because its Amazon SNS contact point signs requests with the
 * instance role, and the launch template's metadata hop limit of 1 keeps the role away from
 * every bridged container (the API above all, which the internet reaches through the proxy).
 */
export function renderMlmonCompose(cfg: ResolvedMlmonHostConfig): ComposeFile {
  const s = MLMON_SERVICES;
  const p = MLMON_PORTS;
  const proxyPorts = [`${p.http}:${p.http}`, ...(cfg.domainName ? [`${p.https}:${p.https}`] : [])];
  return {
    services: {
      [s.api]: {
        image: cfg.modelImage,
        restart: 'unless-stopped',
        ports: [`${p.api}:${p.api}`],
        environment: apiEnvironment(cfg),
        volumes: [`${ROOT}/${MODELS.hostPath}:${MODELS.containerPath}:ro`],
        extra_hosts: [HOST_GATEWAY_EXTRA_HOST],
      },
      [s.proxy]: {
        image: cfg.images.proxy,
        restart: 'unless-stopped',
        ports: proxyPorts,
        volumes: [
          `${ROOT}/${MLMON_FILES.caddyfile}:${CONTAINER_PATHS.caddyfile}:ro`,
          `caddy-data:${CONTAINER_PATHS.caddyData}`,
          `caddy-config:${CONTAINER_PATHS.caddyConfig}`,
        ],
        depends_on: [s.api],
      },
      [s.nodeExporter]: {
        image: cfg.images.nodeExporter,
        restart: 'unless-stopped',
        command: ['--path.rootfs=/host'],
        pid: 'host',
        volumes: ['/:/host:ro,rslave'],
      },
      [s.prometheus]: {
        image: cfg.images.prometheus,
        restart: 'unless-stopped',
        command: [
          `--config.file=${CONTAINER_PATHS.prometheusConfig}`,
          `--storage.tsdb.path=${CONTAINER_PATHS.prometheusData}`,
          `--storage.tsdb.retention.time=${cfg.prometheusRetentionDays}d`,
        ],
        ports: [`${p.prometheus}:${p.prometheus}`],
        volumes: [
          `${ROOT}/${MLMON_FILES.prometheusConfig}:${CONTAINER_PATHS.prometheusConfig}:ro`,
          `prometheus-data:${CONTAINER_PATHS.prometheusData}`,
        ],
        // Grafana is on the host network; Prometheus scrapes it through the host gateway.
        extra_hosts: [HOST_GATEWAY_EXTRA_HOST],
        depends_on: [s.api, s.nodeExporter],
      },
      [s.grafana]: {
        image: cfg.images.grafana,
        restart: 'unless-stopped',
        network_mode: 'host',
        env_file: [MLMON_FILES.grafanaEnv],
        environment: {
          GF_SERVER_HTTP_PORT: String(p.grafana),
          GF_SECURITY_ADMIN_USER: 'admin',
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_AUTH_ANONYMOUS_ENABLED: 'false',
          GF_ANALYTICS_REPORTING_ENABLED: 'false',
          GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
          GF_SECURITY_DISABLE_GRAVATAR: 'true',
          AWS_REGION: cfg.region,
          ...grafanaServerEnvironment(cfg),
        },
        volumes: [
          `${ROOT}/grafana/provisioning:${CONTAINER_PATHS.grafanaProvisioning}:ro`,
          `${ROOT}/grafana/dashboards:${CONTAINER_PATHS.grafanaDashboards}:ro`,
          `grafana-data:${CONTAINER_PATHS.grafanaData}`,
        ],
        depends_on: [s.prometheus],
      },
    },
    volumes: { 'prometheus-data': {}, 'grafana-data': {}, 'caddy-data': {}, 'caddy-config': {} },
  };
}
