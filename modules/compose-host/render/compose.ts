import YAML from 'yaml';
import { PORTS } from '../../security-group/ports';
import { CONTAINER_PATHS, HOST_PATHS } from '../constants';
import { HostRenderContext } from './config';

/** Services in the compose file, in start order. */
export const COMPOSE_SERVICES = ['api', 'node-exporter', 'prometheus', 'grafana'] as const;

/** Name of a service in the compose file. */
export type ComposeService = (typeof COMPOSE_SERVICES)[number];

/**
 * `awslogs` driver options for one service. The stream is `<service>/<instance id>`; compose
 * reads `INSTANCE_ID` from the project's `.env`, written at boot. `non-blocking` mode keeps a
 * CloudWatch Logs outage from stalling the containers (up to 4 MB is buffered, then dropped).
 */
function awslogs(region: string, group: string, service: ComposeService): Record<string, unknown> {
  return {
    driver: 'awslogs',
    options: {
      'awslogs-region': region,
      'awslogs-group': group,
      'awslogs-stream': `${service}/$INSTANCE_ID`,
      'awslogs-create-group': 'false',
      mode: 'non-blocking',
      'max-buffer-size': '4m',
    },
  };
}

const yamlOptions = { lineWidth: 0 } as const;

/**
 * `docker-compose.yml`: the model API, Prometheus, Grafana and node exporter. Every service restarts
 * unless stopped and logs to CloudWatch. The Grafana admin password comes from an env file written
 * at boot ({@link HOST_PATHS.grafanaEnvFile}), never from this file. Node exporter is reachable
 * only on the compose network (Prometheus scrapes it); the API, Prometheus and Grafana ports are
 * published on the host and guarded by the security group.
 */
export function renderComposeFile(ctx: HostRenderContext): string {
  const s = ctx.stack;
  const g = ctx.logGroups;
  const port = s.apiPort;
  const compose = {
    name: 'mlmon',
    services: {
      api: {
        image: s.modelImage,
        restart: 'unless-stopped',
        ports: [`${port}:${port}`],
        environment: {
          ...s.apiEnvironment,
          MODEL_DIR: CONTAINER_PATHS.models,
          PORT: String(port),
        },
        volumes: [`${HOST_PATHS.models}:${CONTAINER_PATHS.models}:ro`],
        logging: awslogs(ctx.region, g.api, 'api'),
      },
      'node-exporter': {
        image: s.nodeExporterImage,
        restart: 'unless-stopped',
        command: ['--path.rootfs=/host'],
        pid: 'host',
        volumes: ['/:/host:ro,rslave'],
        logging: awslogs(ctx.region, g.prometheus, 'node-exporter'),
      },
      prometheus: {
        image: s.prometheusImage,
        restart: 'unless-stopped',
        command: [
          `--config.file=${CONTAINER_PATHS.prometheusConfig}`,
          `--storage.tsdb.path=${CONTAINER_PATHS.prometheusData}`,
          `--storage.tsdb.retention.time=${s.prometheusRetentionDays}d`,
        ],
        ports: [`${PORTS.prometheus}:${PORTS.prometheus}`],
        volumes: [
          `${HOST_PATHS.prometheusConfig}:${CONTAINER_PATHS.prometheusConfig}:ro`,
          `prometheus-data:${CONTAINER_PATHS.prometheusData}`,
        ],
        depends_on: ['api', 'node-exporter'],
        logging: awslogs(ctx.region, g.prometheus, 'prometheus'),
      },
      grafana: {
        image: s.grafanaImage,
        restart: 'unless-stopped',
        ports: [`${PORTS.grafana}:${PORTS.grafana}`],
        env_file: [HOST_PATHS.grafanaEnvFile],
        environment: {
          GF_SECURITY_ADMIN_USER: 'admin',
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_AUTH_ANONYMOUS_ENABLED: 'false',
          GF_ANALYTICS_REPORTING_ENABLED: 'false',
          GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
          GF_SECURITY_DISABLE_GRAVATAR: 'true',
        },
        volumes: [
          `${HOST_PATHS.root}/grafana/provisioning:${CONTAINER_PATHS.grafanaProvisioning}:ro`,
          `${HOST_PATHS.grafanaDashboards}:${CONTAINER_PATHS.grafanaDashboards}:ro`,
          `grafana-data:${CONTAINER_PATHS.grafanaData}`,
        ],
        depends_on: ['prometheus'],
        logging: awslogs(ctx.region, g.grafana, 'grafana'),
      },
    },
    volumes: { 'prometheus-data': {}, 'grafana-data': {} },
  };
  return YAML.stringify(compose, yamlOptions);
}
