import { ComposeFile } from '../../../modules/compose-host/compose-file';
import { ProjectFile } from '../../../modules/compose-host/host-spec';
import { API_PATHS, GRAFANA_PATHS, MLMON_PORTS } from '../contract';
import { renderCaddyfile } from './caddy';
import { renderMlmonCompose } from './compose';
import { MLMON_FILES, MlmonHostConfig, ResolvedMlmonHostConfig, resolveMlmonHostConfig } from './config';
import {
  renderGrafanaAlertRules,
  renderGrafanaContactPoints,
  renderGrafanaDashboard,
  renderGrafanaDashboardProvider,
  renderGrafanaDatasources,
  renderGrafanaNotificationPolicies,
} from './grafana';
import { renderPrometheusConfig } from './prometheus';

/** What the Compose host runs for the model-monitoring system. */
export interface MlmonProject {
  readonly config: ResolvedMlmonHostConfig;
  readonly compose: ComposeFile;
  readonly files: ProjectFile[];
  /** URLs the host checks before it counts as healthy: the API, Prometheus and Grafana. */
  readonly healthUrls: string[];
}

/** Renders the Compose file and every file it mounts. */
export function renderMlmonProject(input: MlmonHostConfig): MlmonProject {
  const cfg = resolveMlmonHostConfig(input);
  const f = MLMON_FILES;
  return {
    config: cfg,
    compose: renderMlmonCompose(cfg),
    files: [
      { path: f.prometheusConfig, content: renderPrometheusConfig(cfg) },
      { path: f.grafanaDatasources, content: renderGrafanaDatasources(cfg) },
      { path: f.grafanaDashboardProvider, content: renderGrafanaDashboardProvider() },
      { path: f.grafanaDashboard, content: renderGrafanaDashboard(cfg) },
      { path: f.grafanaAlertRules, content: renderGrafanaAlertRules(cfg) },
      { path: f.grafanaContactPoints, content: renderGrafanaContactPoints(cfg) },
      { path: f.grafanaNotificationPolicies, content: renderGrafanaNotificationPolicies() },
      { path: f.caddyfile, content: renderCaddyfile(cfg) },
    ],
    healthUrls: [
      `http://127.0.0.1:${MLMON_PORTS.api}${API_PATHS.metrics}`,
      `http://127.0.0.1:${MLMON_PORTS.prometheus}/-/ready`,
      `http://127.0.0.1:${MLMON_PORTS.grafana}${GRAFANA_PATHS.health}`,
    ],
  };
}
