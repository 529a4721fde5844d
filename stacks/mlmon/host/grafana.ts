import YAML from 'yaml';
import { API_PROMETHEUS_METRICS, MLMON_PORTS } from '../contract';
import { CONTAINER_PATHS, GRAFANA, ResolvedMlmonHostConfig } from './config';
import { PROMETHEUS_JOBS } from './prometheus';

const yamlOptions = { lineWidth: 0 } as const;

/**
 * PromQL for the dashboard. Request metrics follow prometheus-fastapi-instrumentator's names
 * (`http_requests_total{status="2xx"}`, `http_request_duration_seconds_bucket`).
 */
export function dashboardQueries(): Readonly<Record<string, string>> {
  const api = `job="${PROMETHEUS_JOBS.api}"`;
  const node = `job="${PROMETHEUS_JOBS.node}"`;
  const requests = API_PROMETHEUS_METRICS.requests;
  const buckets = `${API_PROMETHEUS_METRICS.duration}_bucket`;
  return {
    requestRate: `sum(rate(${requests}{${api}}[5m]))`,
    errorRate: `sum(rate(${requests}{${api},status=~"5.."}[5m])) / clamp_min(sum(rate(${requests}{${api}}[5m])), 1e-9)`,
    latencyP50: `histogram_quantile(0.5, sum by (le) (rate(${buckets}{${api}}[5m])))`,
    latencyP95: `histogram_quantile(0.95, sum by (le) (rate(${buckets}{${api}}[5m])))`,
    latencyP99: `histogram_quantile(0.99, sum by (le) (rate(${buckets}{${api}}[5m])))`,
    drift: `max(${API_PROMETHEUS_METRICS.drift})`,
    cpu: `100 * (1 - avg(rate(node_cpu_seconds_total{${node},mode="idle"}[5m])))`,
    memory: `100 * (1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}})`,
    disk: `100 * (1 - node_filesystem_avail_bytes{${node},mountpoint="/"} / node_filesystem_size_bytes{${node},mountpoint="/"})`,
  };
}

/**
 * `provisioning/datasources/prometheus.yml`: the local Prometheus as the default, read-only data
 * source. Grafana runs on the host network, so it reaches Prometheus on its published port.
 */
export function renderGrafanaDatasources(cfg: ResolvedMlmonHostConfig): string {
  return YAML.stringify(
    {
      apiVersion: 1,
      datasources: [
        {
          name: 'Prometheus',
          uid: GRAFANA.datasourceUid,
          type: 'prometheus',
          access: 'proxy',
          url: `http://127.0.0.1:${MLMON_PORTS.prometheus}`,
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
          folder: GRAFANA.folder,
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
    datasource: { type: 'prometheus', uid: GRAFANA.datasourceUid },
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
export function renderGrafanaDashboard(cfg: ResolvedMlmonHostConfig): string {
  const q = dashboardQueries();
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
      title: `Model drift (${API_PROMETHEUS_METRICS.drift})`,
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
    uid: GRAFANA.dashboardUid,
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
 * `provisioning/alerting/drift-rules.yml`: one Grafana-managed alert rule (file provisioning
 * format, apiVersion 1). Query A reads the drift metric, B reduces it to its last value, C fires
 * when B > threshold for the pending period. No data (the API not exporting the metric yet) is
 * not an alert; a query error is. The `team` label routes it to the on-call contact point.
 */
export function renderGrafanaAlertRules(cfg: ResolvedMlmonHostConfig): string {
  const rule = {
    uid: GRAFANA.driftRuleUid,
    title: 'Model drift above threshold',
    condition: 'C',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: GRAFANA.datasourceUid,
        model: {
          refId: 'A',
          expr: `max(${API_PROMETHEUS_METRICS.drift})`,
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
      description: `${API_PROMETHEUS_METRICS.drift} has been above ${cfg.driftAlertThreshold} for ${cfg.driftAlertPendingMinutes} minutes.`,
    },
    labels: { severity: 'warning', [GRAFANA.teamLabel.name]: GRAFANA.teamLabel.value },
    isPaused: false,
  };
  return YAML.stringify(
    {
      apiVersion: 1,
      groups: [{ orgId: 1, name: 'model-drift', folder: GRAFANA.folder, interval: '1m', rules: [rule] }],
    },
    yamlOptions,
  );
}

/**
 * `provisioning/alerting/contact-points.yml`: the on-call contact point, an Amazon SNS
 * integration publishing to the environment's alarm topic, whose subscribers are the
 * environment's alarm e-mail addresses. Grafana signs the request with the default AWS
 * credential chain, i.e. the instance role (Grafana runs on the host network); the role holds
 * `sns:Publish` on that topic and the use of its key through SNS. The subject and message are
 * explicit templates, independent of Grafana's default ones.
 */
export function renderGrafanaContactPoints(cfg: ResolvedMlmonHostConfig): string {
  return YAML.stringify(
    {
      apiVersion: 1,
      contactPoints: [
        {
          orgId: 1,
          name: GRAFANA.contactPoint,
          receivers: [
            {
              uid: GRAFANA.contactPointUid,
              type: 'sns',
              disableResolveMessage: false,
              settings: {
                topic_arn: cfg.alertTopicArn,
                sigv4: { region: cfg.region },
                subject: `[${cfg.deployment}] Grafana: {{ .CommonLabels.alertname }} is {{ .Status }}`,
                message:
                  '{{ range .Alerts }}{{ .Status }}: {{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}',
              },
            },
          ],
        },
      ],
    },
    yamlOptions,
  );
}

/**
 * `provisioning/alerting/notification-policies.yml`: every Grafana alert goes to the on-call
 * contact point (the root receiver), and alerts labelled `team=mlmon` (the drift rule) match an
 * explicit route to it, grouped per rule, repeated every 4 hours while firing.
 */
export function renderGrafanaNotificationPolicies(): string {
  return YAML.stringify(
    {
      apiVersion: 1,
      policies: [
        {
          orgId: 1,
          receiver: GRAFANA.contactPoint,
          group_by: ['grafana_folder', 'alertname'],
          group_wait: '30s',
          group_interval: '5m',
          repeat_interval: '4h',
          routes: [
            {
              receiver: GRAFANA.contactPoint,
              object_matchers: [[GRAFANA.teamLabel.name, '=', GRAFANA.teamLabel.value]],
            },
          ],
        },
      ],
    },
    yamlOptions,
  );
}
