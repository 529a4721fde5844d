import {
  APP_METRICS,
  AlarmThresholds,
  CWAGENT_METRICS,
  EC2_METRICS,
  LOG_ERROR_LINES_METRIC,
} from './metric-contract';

/** The host the dashboard shows: one instance, or every instance of an Auto Scaling group. */
export interface DashboardTarget {
  readonly dimensionName: 'InstanceId' | 'AutoScalingGroupName';
  readonly value: string;
}

/** Everything {@link renderDashboardBody} needs; plain values, so it is testable without synthesis. */
export interface DashboardSpec {
  /** Heading of the dashboard, e.g. `mlmon-dev`. */
  readonly title: string;
  /** Region of every metric and log widget. */
  readonly region: string;
  readonly target: DashboardTarget;
  /** Namespace of the API's custom metrics. */
  readonly appNamespace: string;
  /** Dimensions of the API's custom metrics, e.g. `{ Deployment: 'mlmon-dev' }`. */
  readonly appDimensions: Readonly<Record<string, string>>;
  /** Thresholds, drawn as horizontal annotations. */
  readonly thresholds: Required<AlarmThresholds>;
  /** ARNs of the alarms shown in the alarm status widget (none: no widget). */
  readonly alarmArns: readonly string[];
  /** Log groups searched by the recent-errors Logs Insights widget (none: no widget). */
  readonly logGroupNames?: readonly string[];
  /** Error-line metrics from the log metric filters: one line per container (none: no widget). */
  readonly errorLineMetrics?: readonly { readonly label: string; readonly namespace: string }[];
}

/** One widget of a CloudWatch dashboard body. */
export interface DashboardWidget {
  readonly type: 'metric' | 'alarm' | 'log' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/** Period (seconds) of the host and API graphs; drift is published hourly. */
const PERIOD = 300;
const DRIFT_PERIOD = 3600;
const GRID_WIDTH = 24;

/**
 * The metric-math expression for the API 5xx error rate in percent, shared by the alarm and the
 * dashboard. `requests` and `errors` are the ids of the RequestCount and Http5xxCount sums; below
 * `minRequests` per period the rate counts as 0.
 */
export function errorRateExpression(minRequests: number): string {
  return `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`;
}

/** Logs Insights query over the given log groups for recent error lines. */
export function recentErrorsQuery(logGroupNames: readonly string[]): string {
  const sources = logGroupNames.map((n) => `SOURCE '${n}'`).join(' | ');
  return (
    `${sources} | fields @timestamp, @log, @message` +
    ' | filter @message like /(?i)(error|exception|traceback|critical)/' +
    ' | sort @timestamp desc | limit 100'
  );
}

function dims(d: Readonly<Record<string, string>>): string[] {
  return Object.entries(d).flatMap(([k, v]) => [k, v]);
}

/** Lays widgets out left to right; each row is closed explicitly with `newRow`. */
class Grid {
  private x = 0;
  private y = 0;
  private rowHeight = 0;
  public readonly widgets: DashboardWidget[] = [];

  public add(
    type: DashboardWidget['type'],
    width: number,
    height: number,
    properties: Record<string, unknown>,
  ): void {
    this.widgets.push({ type, x: this.x, y: this.y, width, height, properties });
    this.x += width;
    this.rowHeight = Math.max(this.rowHeight, height);
  }

  public newRow(): void {
    if (this.x === 0) return;
    this.y += this.rowHeight;
    this.x = 0;
    this.rowHeight = 0;
  }
}

/** The widgets of the monitoring dashboard, in layout order. */
export function dashboardWidgets(spec: DashboardSpec): DashboardWidget[] {
  const t = spec.thresholds;
  const target = [spec.target.dimensionName, spec.target.value];
  const app = dims(spec.appDimensions);
  const grid = new Grid();
  const percentAxis = { left: { min: 0, max: 100, label: '%', showUnits: false } };
  const line = (label: string, value: number) => ({ horizontal: [{ label, value }] });
  const metric = (title: string, metrics: unknown[], extra: Record<string, unknown>) => ({
    title,
    region: spec.region,
    view: 'timeSeries',
    stacked: false,
    period: PERIOD,
    metrics,
    ...extra,
  });

  grid.add('text', GRID_WIDTH, 2, {
    markdown:
      `# ${spec.title}\n` +
      `Host (${spec.target.dimensionName} \`${spec.target.value}\`), API and model drift in ${spec.region}. ` +
      `API metrics: namespace \`${spec.appNamespace}\`.`,
  });
  grid.newRow();

  if (spec.alarmArns.length > 0) {
    grid.add('alarm', GRID_WIDTH, 3, {
      title: 'Alarms',
      alarms: [...spec.alarmArns],
      sortBy: 'stateUpdatedTimestamp',
    });
    grid.newRow();
  }

  grid.add(
    'metric',
    8,
    6,
    metric(
      'CPU utilization (%)',
      [[EC2_METRICS.namespace, EC2_METRICS.cpuUtilization, ...target, { stat: 'Average' }]],
      {
        yAxis: percentAxis,
        annotations: line('alarm', t.cpuUtilizationPercent),
      },
    ),
  );
  grid.add(
    'metric',
    8,
    6,
    metric(
      'Memory used (%)',
      [[CWAGENT_METRICS.namespace, CWAGENT_METRICS.memUsedPercent, ...target, { stat: 'Average' }]],
      {
        yAxis: percentAxis,
        annotations: line('alarm', t.memoryUsedPercent),
      },
    ),
  );
  grid.add(
    'metric',
    8,
    6,
    metric(
      'Root disk used (%)',
      [[CWAGENT_METRICS.namespace, CWAGENT_METRICS.diskUsedPercent, ...target, { stat: 'Maximum' }]],
      { yAxis: percentAxis, annotations: line('alarm', t.diskUsedPercent) },
    ),
  );
  grid.newRow();

  grid.add(
    'metric',
    8,
    6,
    metric(
      'API requests and 5xx',
      [
        [spec.appNamespace, APP_METRICS.requestCount, ...app, { stat: 'Sum', label: 'requests' }],
        [spec.appNamespace, APP_METRICS.http5xxCount, ...app, { stat: 'Sum', label: '5xx' }],
      ],
      {},
    ),
  );
  grid.add(
    'metric',
    8,
    6,
    metric(
      'API 5xx error rate (%)',
      [
        [{ expression: errorRateExpression(t.apiMinRequestCount), label: '5xx rate', id: 'rate' }],
        [
          spec.appNamespace,
          APP_METRICS.requestCount,
          ...app,
          { stat: 'Sum', id: 'requests', visible: false },
        ],
        [spec.appNamespace, APP_METRICS.http5xxCount, ...app, { stat: 'Sum', id: 'errors', visible: false }],
      ],
      { yAxis: percentAxis, annotations: line('alarm', t.api5xxErrorRatePercent) },
    ),
  );
  grid.add(
    'metric',
    8,
    6,
    metric('Model drift score', [[spec.appNamespace, APP_METRICS.driftScore, ...app, { stat: 'Maximum' }]], {
      period: DRIFT_PERIOD,
      yAxis: { left: { min: 0, max: 1, showUnits: false } },
      annotations: line('alarm', t.driftScore),
    }),
  );
  grid.newRow();

  const errorLines = spec.errorLineMetrics ?? [];
  if (errorLines.length > 0) {
    grid.add(
      'metric',
      GRID_WIDTH,
      6,
      metric(
        'Error lines in container logs',
        errorLines.map((m) => [m.namespace, LOG_ERROR_LINES_METRIC, { stat: 'Sum', label: m.label }]),
        {},
      ),
    );
    grid.newRow();
  }

  const logGroups = spec.logGroupNames ?? [];
  if (logGroups.length > 0) {
    grid.add('log', GRID_WIDTH, 8, {
      title: 'Recent errors in container logs',
      region: spec.region,
      view: 'table',
      query: recentErrorsQuery(logGroups),
    });
  }
  return grid.widgets;
}

/**
 * The `dashboard_body` JSON of the monitoring dashboard: a heading, the alarm status, host CPU,
 * memory and disk, API traffic and error rate, drift score (each with its alarm threshold
 * drawn), and, when log groups are given, error-line counts and recent error lines.
 */
export function renderDashboardBody(spec: DashboardSpec): string {
  return JSON.stringify({ widgets: dashboardWidgets(spec) });
}
