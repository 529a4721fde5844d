import YAML from 'yaml';
import { PORTS } from '../../security-group/ports';
import { CONTAINER_PATHS, GRAFANA_DATASOURCE_UID, GRAFANA_FOLDER } from '../constants';
import { ResolvedMonitoringStackConfig } from './config';
import { PROMETHEUS_JOBS } from './prometheus';

const yamlOptions = { lineWidth: 0 } as const;

/** Uid of the provisioned dashboard (stable, so links and bookmarks survive host replacement). */
export const GRAFANA_DASHBOARD_UID = 'mlmon-overview';

/** Uid of the drift alert rule. */
export const GRAFANA_DRIFT_RULE_UID = 'mlmon-drift-high';

/**
 * PromQL for the dashboard. Request metrics follow prometheus-fastapi-instrumentator's names
 * (`http_requests_total{status="2xx"}`, `http_request_duration_seconds_bucket`).
 */
export function dashboardQueries(cfg: ResolvedMonitoringStackConfig): Readonly<Record<string, string>> {
  const api = `job="${PROMETHEUS_JOBS.api}"`;
  const node = `job="${PROMETHEUS_JOBS.node}"`;
  return {
    requestRate: `sum(rate(http_requests_total{${api}}[5m]))`,
    errorRate: `sum(rate(http_requests_total{${api},status=~"5.."}[5m])) / clamp_min(sum(rate(http_requests_total{${api}}[5m])), 1e-9)`,
    latencyP50: `histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{${api}}[5m])))`,
    latencyP95: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${api}}[5m])))`,
    latencyP99: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${api}}[5m])))`,
    drift: `max(${cfg.driftMetricName})`,
    cpu: `100 * (1 - avg(rate(node_cpu_seconds_total{${node},mode="idle"}[5m])))`,
    memory: `100 * (1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}})`,
    disk: `100 * (1 - node_filesystem_avail_bytes{${node},mountpoint="/"} / node_filesystem_size_bytes{${node},mountpoint="/"})`,
  };
}

/** `provisioning/datasources/prometheus.yml`: the local Prometheus as the default, read-only data source. */
export function renderGrafanaDatasources(cfg: ResolvedMonitoringStackConfig): string {
  return YAML.stringify(
    {
      apiVersion: 1,
      datasources: [
        {
          name: 'Prometheus',
          uid: GRAFANA_DATASOURCE_UID,
          type: 'prometheus',
          access: 'proxy',
          url: `http://prometheus:${PORTS.prometheus}`,
          isDefault: true,
          editable: false,
          jsonData: { timeInterval: `${cfg.scrapeIntervalSeconds}s` },
        },
      ],
    },
    yamlOptions,
  );
}

/** `provisioning/dashboards/mlmon.yml`: loads the dashboards directory into the `mlmon` folder, read-only. */
export function renderGrafanaDashboardProvider(): string {
  return YAML.stringify(
    {
      apiVersion: 1,
      providers: [
        {
          name: 'mlmon',
          orgId: 1,
          folder: GRAFANA_FOLDER,
          type: 'file',
          disableDeletion: true,
          allowUiUpdates: false,
          updateIntervalSeconds: 60,
          options: { path: CONTAINER_PATHS.grafanaDashboards },
        },
      ],
    },
    yamlOptions,
  );
}

interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly targets: ReadonlyArray<readonly [refId: string, expr: string, legend: string]>;
  readonly threshold?: number;
  readonly max?: number;
}

function panel(id: number, spec: PanelSpec): Record<string, unknown> {
  const col = (id - 1) % 2;
  const row = Math.floor((id - 1) / 2);
  const steps: Array<{ color: string; value: number | null }> = [{ color: 'green', value: null }];
  if (spec.threshold !== undefined) steps.push({ color: 'red', value: spec.threshold });
  return {
    id,
    type: 'timeseries',
    title: spec.title,
    datasource: { type: 'prometheus', uid: GRAFANA_DATASOURCE_UID },
    gridPos: { h: 8, w: 12, x: col * 12, y: row * 8 },
    fieldConfig: {
      defaults: {
        unit: spec.unit,
        min: 0,
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        ...(spec.threshold !== undefined
          ? {
              thresholds: { mode: 'absolute', steps },
              custom: { thresholdsStyle: { mode: 'line' } },
            }
          : {}),
      },
    },
    targets: spec.targets.map(([refId, expr, legendFormat]) => ({ refId, expr, legendFormat })),
  };
}

/**
 * The overview dashboard (JSON): API request rate, error ratio, latency percentiles, drift score
 * with the alert threshold drawn as a line, host CPU, memory and root-disk use. Rendered compact
 * to keep the user data small.
 */
export function renderGrafanaDashboard(cfg: ResolvedMonitoringStackConfig): string {
  const q = dashboardQueries(cfg);
  const specs: PanelSpec[] = [
    { title: 'API request rate', unit: 'reqps', targets: [['A', q.requestRate, 'requests/s']] },
    { title: 'API error ratio (5xx)', unit: 'percentunit', targets: [['A', q.errorRate, '5xx']] },
    {
      title: 'API latency',
      unit: 's',
      targets: [
        ['A', q.latencyP50, 'p50'],
        ['B', q.latencyP95, 'p95'],
        ['C', q.latencyP99, 'p99'],
      ],
    },
    {
      title: `Model drift (${cfg.driftMetricName})`,
      unit: 'none',
      targets: [['A', q.drift, 'drift']],
      threshold: cfg.driftAlertThreshold,
      max: 1,
    },
    { title: 'Host CPU', unit: 'percent', targets: [['A', q.cpu, 'cpu']], max: 100 },
    {
      title: 'Host memory and root disk',
      unit: 'percent',
      targets: [
        ['A', q.memory, 'memory'],
        ['B', q.disk, 'disk /'],
      ],
      max: 100,
    },
  ];
  const dashboard = {
    uid: GRAFANA_DASHBOARD_UID,
    title: 'Model monitoring overview',
    tags: ['mlmon'],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: false,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    panels: specs.map((spec, i) => panel(i + 1, spec)),
  };
  return JSON.stringify(dashboard);
}

/**
 * `provisioning/alerting/drift.yml`: one Grafana-managed alert rule (file provisioning format,
 * apiVersion 1). Query A reads the drift metric, B reduces it to its last value, C fires when
 * B > threshold for the pending period. No data (the API not exporting the metric yet) is not an
 * alert; a query error is.
 */
export function renderGrafanaAlertRules(cfg: ResolvedMonitoringStackConfig): string {
  const rule = {
    uid: GRAFANA_DRIFT_RULE_UID,
    title: 'Model drift above threshold',
    condition: 'C',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: GRAFANA_DATASOURCE_UID,
        model: {
          refId: 'A',
          expr: `max(${cfg.driftMetricName})`,
          instant: true,
          intervalMs: 1000,
          maxDataPoints: 43200,
        },
      },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        model: { refId: 'B', type: 'reduce', expression: 'A', reducer: 'last' },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'B',
          conditions: [{ evaluator: { type: 'gt', params: [cfg.driftAlertThreshold] } }],
        },
      },
    ],
    noDataState: 'OK',
    execErrState: 'Error',
    for: `${cfg.driftAlertPendingMinutes}m`,
    annotations: {
      summary: `Model drift is above ${cfg.driftAlertThreshold}`,
      description: `${cfg.driftMetricName} has been above ${cfg.driftAlertThreshold} for ${cfg.driftAlertPendingMinutes} minutes.`,
    },
    labels: { severity: 'warning', team: 'mlmon' },
    isPaused: false,
  };
  return YAML.stringify(
    {
      apiVersion: 1,
      groups: [{ orgId: 1, name: 'model-drift', folder: GRAFANA_FOLDER, interval: '1m', rules: [rule] }],
    },
    yamlOptions,
  );
}
