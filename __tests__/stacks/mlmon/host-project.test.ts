import YAML from 'yaml';
import { renderCaddyfile } from '../../../stacks/mlmon/host/caddy';
import { MLMON_IMAGES, resolveMlmonHostConfig } from '../../../stacks/mlmon/host/config';
import { renderMlmonProject } from '../../../stacks/mlmon/host/project';

const INPUT = {
  deployment: 'mlmon-dev',
  region: 'us-east-1',
  modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2',
  metricsLogGroupName: '/mlmon/dev/api-metrics',
  alertTopicArn: 'arn:aws:sns:us-east-1:111122223333:mlmon-dev-alarms',
};

type Obj = Record<string, unknown>;
const project = renderMlmonProject(INPUT);
const file = (path: string) => {
  const f = project.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return f.content;
};

describe('resolveMlmonHostConfig', () => {
  it('applies every documented default, with pinned images', () => {
    expect(resolveMlmonHostConfig(INPUT)).toEqual({
      ...INPUT,
      driftAlertThreshold: 0.3,
      driftAlertPendingMinutes: 5,
      scrapeIntervalSeconds: 15,
      prometheusRetentionDays: 15,
      trustedProxyCidrs: [],
      images: {
        prometheus: 'prom/prometheus:v2.53.0',
        grafana: 'grafana/grafana:11.6.0',
        nodeExporter: 'prom/node-exporter:v1.8.1',
        proxy: 'caddy:2.8.4',
      },
    });
    expect(MLMON_IMAGES.grafana).toBe('grafana/grafana:11.6.0');
  });
});

describe('the mlmon Compose file', () => {
  const s = project.compose.services as Record<string, Obj>;

  it('runs the API, the proxy, node exporter, Prometheus and Grafana', () => {
    expect(Object.keys(s)).toEqual(['api', 'proxy', 'node-exporter', 'prometheus', 'grafana']);
    for (const service of Object.values(s)) expect(service.restart).toBe('unless-stopped');
    expect(project.compose.volumes).toEqual({
      'prometheus-data': {},
      'grafana-data': {},
      'caddy-data': {},
      'caddy-config': {},
    });
  });

  it('gives the API its models read-only and its metrics destination, and no credentials', () => {
    expect(s.api).toMatchObject({
      image: 'ghcr.io/acme/shill-bidding-api:1.4.2',
      ports: ['8000:8000'],
      volumes: ['/opt/mlmon/models:/opt/mlmon/models:ro'],
      extra_hosts: ['host.docker.internal:host-gateway'],
    });
    expect(s.api.environment).toEqual({
      MODEL_DIR: '/opt/mlmon/models',
      PORT: '8000',
      AWS_REGION: 'us-east-1',
      METRICS_NAMESPACE: 'MLMon/Api',
      METRICS_DIMENSION_NAME: 'Deployment',
      METRICS_DIMENSION_VALUE: 'mlmon-dev',
      AWS_EMF_ENVIRONMENT: 'Agent',
      AWS_EMF_AGENT_ENDPOINT: 'tcp://host.docker.internal:25888',
      AWS_EMF_NAMESPACE: 'MLMon/Api',
      AWS_EMF_LOG_GROUP_NAME: '/mlmon/dev/api-metrics',
      AWS_EMF_SERVICE_NAME: 'api',
    });
    expect(s.api.network_mode).toBeUndefined();
  });

  it('publishes port 80 through the proxy, and 443 only with a domain', () => {
    expect(s.proxy.ports).toEqual(['80:80']);
    const withDomain = renderMlmonProject({ ...INPUT, domainName: 'api.example.com' });
    expect((withDomain.compose.services.proxy as Obj).ports).toEqual(['80:80', '443:443']);
  });

  it('runs Grafana on the host network with its password from the env file only', () => {
    expect(s.grafana).toMatchObject({ network_mode: 'host', env_file: ['grafana.env'] });
    expect(s.grafana.ports).toBeUndefined();
    expect(JSON.stringify(project.compose)).not.toContain('GF_SECURITY_ADMIN_PASSWORD');
  });
});

describe('renderCaddyfile', () => {
  it('serves plain HTTP on port 80 without a domain, keeping /metrics internal', () => {
    expect(renderCaddyfile()).toBe(
      '{\n\tadmin off\n}\n\n:80 {\n\t@internal path /metrics /metrics/*\n\trespond @internal 404\n\treverse_proxy api:8000\n}\n',
    );
  });

  it('serves the domain over HTTPS with an automatic certificate', () => {
    expect(renderCaddyfile({ domainName: 'api.example.com' })).toContain(
      'api.example.com {\n\t@internal path /metrics',
    );
  });

  it('behind a load balancer, keeps the forwarded client address from the given networks only', () => {
    expect(renderCaddyfile({ trustedProxyCidrs: ['10.20.0.0/16'] })).toBe(
      '{\n\tadmin off\n\tservers {\n\t\ttrusted_proxies static 10.20.0.0/16\n\t}\n}\n\n' +
        ':80 {\n\t@internal path /metrics /metrics/*\n\trespond @internal 404\n\treverse_proxy api:8000\n}\n',
    );
  });
});

describe('Grafana behind a load balancer', () => {
  const behind = renderMlmonProject({
    ...INPUT,
    grafanaRootUrl: 'https://grafana.mlmon-staging.example.com/',
    trustedProxyCidrs: ['10.20.0.0/16'],
  });
  const grafana = (behind.compose.services.grafana as { environment: Record<string, string> }).environment;

  it('builds links from the public root URL and sends its session cookie over TLS only', () => {
    expect(grafana).toMatchObject({
      GF_SERVER_ROOT_URL: 'https://grafana.mlmon-staging.example.com/',
      GF_SERVER_DOMAIN: 'grafana.mlmon-staging.example.com',
      GF_SECURITY_COOKIE_SECURE: 'true',
      GF_SERVER_HTTP_PORT: '3000',
    });
  });

  it('keeps Grafana defaults when it is reached directly', () => {
    const direct = (project.compose.services.grafana as { environment: Record<string, string> }).environment;
    expect(Object.keys(direct).filter((k) => k.startsWith('GF_SERVER_'))).toEqual(['GF_SERVER_HTTP_PORT']);
    expect(direct.GF_SECURITY_COOKIE_SECURE).toBeUndefined();
  });

  it('marks the cookie Secure only for an https root URL', () => {
    const plain = renderMlmonProject({ ...INPUT, grafanaRootUrl: 'http://grafana.internal.example:3000/' });
    expect(
      (plain.compose.services.grafana as { environment: Record<string, string> }).environment,
    ).toMatchObject({
      GF_SERVER_DOMAIN: 'grafana.internal.example',
      GF_SECURITY_COOKIE_SECURE: 'false',
    });
  });

  it('writes the trusted networks into the Caddyfile it ships', () => {
    expect(behind.files.find((f) => f.path === 'caddy/Caddyfile')?.content).toContain(
      'trusted_proxies static 10.20.0.0/16',
    );
  });

  it.each([
    [
      'a root URL without a trailing slash',
      { grafanaRootUrl: 'https://grafana.example.com' },
      'grafanaRootUrl = "https://grafana.example.com"',
      'use a URL such as "https://grafana.example.com/"',
    ],
    [
      'a relative root URL',
      { grafanaRootUrl: '/grafana/' },
      'grafanaRootUrl = "/grafana/"',
      'use a URL such as "https://grafana.example.com/"',
    ],
    [
      'trusting every address',
      { trustedProxyCidrs: ['0.0.0.0/0'] },
      'trustedProxyCidrs[0] = "0.0.0.0/0"',
      'list the networks of the proxies in front',
    ],
    [
      'a proxy network that is not a CIDR block',
      { trustedProxyCidrs: ['10.20.0.0'] },
      'trustedProxyCidrs[0] = "10.20.0.0"',
      'list the networks of the proxies in front',
    ],
  ])('refuses %s', (_case, override, field, fix) => {
    let message = '';
    try {
      renderMlmonProject({ ...INPUT, ...override });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Invalid input for mlmon host config mlmon-dev');
    const line = message.split('\n').find((l) => l.includes(`${field}: `)) ?? '';
    expect(line.slice(line.indexOf('Fix: '))).toContain(fix);
  });

  it.each([
    ['a root URL with a sub-path', { grafanaRootUrl: 'https://ops.example.com/grafana/' }],
    ['a root URL with a port', { grafanaRootUrl: 'http://grafana.example.com:3000/' }],
    ['the widest trusted network, a /8', { trustedProxyCidrs: ['10.0.0.0/8'] }],
  ])('accepts %s', (_case, override) => {
    expect(() => renderMlmonProject({ ...INPUT, ...override })).not.toThrow();
  });
});

describe('the Prometheus configuration', () => {
  const config = YAML.parse(file('prometheus/prometheus.yml')) as {
    global: Obj;
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };

  it('scrapes the API, node exporter, Grafana through the host gateway, and itself', () => {
    expect(config.scrape_configs.map((j) => [j.job_name, j.static_configs[0].targets[0]])).toEqual([
      ['api', 'api:8000'],
      ['node', 'node-exporter:9100'],
      ['grafana', 'host.docker.internal:3000'],
      ['prometheus', 'localhost:9090'],
    ]);
    expect(config.global).toEqual({
      scrape_interval: '15s',
      scrape_timeout: '10s',
      evaluation_interval: '15s',
      external_labels: { host: 'mlmon-dev' },
    });
  });
});

describe('the Grafana provisioning', () => {
  it('reads Prometheus on its published port (Grafana is on the host network)', () => {
    const ds = YAML.parse(file('grafana/provisioning/datasources/prometheus.yml')) as { datasources: Obj[] };
    expect(ds.datasources[0]).toMatchObject({
      uid: 'prometheus',
      url: 'http://127.0.0.1:9090',
      isDefault: true,
    });
  });

  it('publishes to the alarm topic through an SNS contact point with explicit templates', () => {
    const cp = YAML.parse(file('grafana/provisioning/alerting/contact-points.yml')) as {
      contactPoints: { receivers: { settings: Obj }[] }[];
    };
    expect(cp.contactPoints[0].receivers[0].settings).toEqual({
      topic_arn: 'arn:aws:sns:us-east-1:111122223333:mlmon-dev-alarms',
      sigv4: { region: 'us-east-1' },
      subject: '[mlmon-dev] Grafana: {{ .CommonLabels.alertname }} is {{ .Status }}',
      message:
        '{{ range .Alerts }}{{ .Status }}: {{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}',
    });
  });

  it('fires the drift rule above the threshold for the pending period', () => {
    const custom = renderMlmonProject({ ...INPUT, driftAlertThreshold: 0.45, driftAlertPendingMinutes: 10 });
    const rules = YAML.parse(
      custom.files.find((f) => f.path === 'grafana/provisioning/alerting/drift-rules.yml')?.content ?? '',
    ) as { groups: { rules: { for: string; data: { model: Obj }[] }[] }[] };
    const rule = rules.groups[0].rules[0];
    expect(rule.for).toBe('10m');
    expect(rule.data[0].model.expr).toBe('max(model_drift_score)');
    expect(rule.data[2].model.conditions).toEqual([{ evaluator: { type: 'gt', params: [0.45] } }]);
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(file('grafana/dashboards/mlmon-overview.json')) as {
    uid: string;
    panels: { title: string; targets: { expr: string }[]; fieldConfig: { defaults: Obj } }[];
  };

  it('shows requests, errors, latency, drift with its threshold, and the host', () => {
    expect(dashboard.uid).toBe('mlmon-overview');
    expect(dashboard.panels.map((p) => p.title)).toEqual([
      'API request rate',
      'API error ratio (5xx)',
      'API latency',
      'Model drift (model_drift_score)',
      'Host CPU',
      'Host memory and root disk',
    ]);
    expect(dashboard.panels[0].targets[0].expr).toBe('sum(rate(http_requests_total{job="api"}[5m]))');
    expect(dashboard.panels[3].fieldConfig.defaults.thresholds).toEqual({
      mode: 'absolute',
      steps: [
        { color: 'green', value: null },
        { color: 'red', value: 0.3 },
      ],
    });
  });
});

describe('renderMlmonProject', () => {
  it('lists every file the Compose file mounts, and the health URLs', () => {
    expect(project.files.map((f) => f.path)).toEqual([
      'prometheus/prometheus.yml',
      'grafana/provisioning/datasources/prometheus.yml',
      'grafana/provisioning/dashboards/mlmon.yml',
      'grafana/dashboards/mlmon-overview.json',
      'grafana/provisioning/alerting/drift-rules.yml',
      'grafana/provisioning/alerting/contact-points.yml',
      'grafana/provisioning/alerting/notification-policies.yml',
      'caddy/Caddyfile',
    ]);
    expect(project.healthUrls).toEqual([
      'http://127.0.0.1:8000/metrics',
      'http://127.0.0.1:9090/-/ready',
      'http://127.0.0.1:3000/api/health',
    ]);
  });
});
