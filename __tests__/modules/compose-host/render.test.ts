import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  CONTAINER_PATHS,
  CW_AGENT_DIMENSIONS,
  CW_AGENT_METRICS,
  CW_AGENT_NAMESPACE,
  DEFAULT_COMPOSE_VERSION,
  GRAFANA_DATASOURCE_UID,
  HOST_PATHS,
  HostRenderContext,
  MONITORING_STACK_DEFAULTS,
  MonitoringStackConfig,
  USER_DATA_LIMIT_BYTES,
  ecrRegistries,
  imageReferenceProblems,
  parseImageReference,
  renderBootstrapScript,
  renderCloudInit,
  renderCloudWatchAgentConfig,
  renderComposeFile,
  renderGrafanaAlertRules,
  renderGrafanaDashboard,
  renderGrafanaDashboardProvider,
  renderGrafanaDatasources,
  renderHostFiles,
  renderPrometheusConfig,
  renderSystemdUnit,
  resolveMonitoringStackConfig,
  shellQuote,
} from '../../../modules/compose-host';

type Obj = Record<string, unknown>;

function ctx(
  overrides: Partial<HostRenderContext> = {},
  stack: Partial<MonitoringStackConfig> = {},
): HostRenderContext {
  return {
    name: 'mlmon-dev-app',
    region: 'eu-west-1',
    os: 'al2023',
    mode: 'instance',
    bucketName: 'mlmon-dev-bucket',
    logGroups: { api: '/mlmon/dev/api', prometheus: '/mlmon/dev/prometheus', grafana: '/mlmon/dev/grafana' },
    grafanaAdminPasswordParameter: '/mlmon/dev/grafana/admin-password',
    associateElasticIpAtBoot: false,
    composePlugin: { version: DEFAULT_COMPOSE_VERSION, sha256: undefined },
    stack: resolveMonitoringStackConfig({ modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2', ...stack }),
    ...overrides,
  };
}

describe('resolveMonitoringStackConfig', () => {
  it('applies every documented default', () => {
    expect(resolveMonitoringStackConfig({ modelImage: 'a/b:1' })).toEqual({
      modelImage: 'a/b:1',
      apiPort: 8000,
      prometheusImage: 'prom/prometheus:v2.53.0',
      grafanaImage: 'grafana/grafana:11.1.0',
      nodeExporterImage: 'prom/node-exporter:v1.8.1',
      scrapeIntervalSeconds: 15,
      prometheusRetentionDays: 15,
      driftAlertThreshold: 0.3,
      driftMetricName: 'model_drift_score',
      driftAlertPendingMinutes: 5,
      apiEnvironment: {},
    });
    expect(MONITORING_STACK_DEFAULTS.apiPort).toBe(8000);
  });
});

describe('renderComposeFile', () => {
  const compose = YAML.parse(renderComposeFile(ctx())) as {
    services: Record<string, Obj>;
    volumes: Obj;
    name: string;
  };
  const s = compose.services;

  it('defines the four services and the two data volumes', () => {
    expect(Object.keys(s)).toEqual(['api', 'node-exporter', 'prometheus', 'grafana']);
    expect(compose.volumes).toEqual({ 'prometheus-data': {}, 'grafana-data': {} });
    expect(compose.name).toBe('mlmon');
  });

  it('runs the model image on port 8000 with the models mounted read-only', () => {
    expect(s.api.image).toBe('ghcr.io/acme/shill-bidding-api:1.4.2');
    expect(s.api.ports).toEqual(['8000:8000']);
    expect(s.api.volumes).toEqual([`${HOST_PATHS.models}:${CONTAINER_PATHS.models}:ro`]);
    expect(s.api.environment).toEqual({ MODEL_DIR: '/opt/mlmon/models', PORT: '8000' });
  });

  it('restarts every service unless stopped', () => {
    for (const service of Object.values(s)) expect(service.restart).toBe('unless-stopped');
  });

  it('logs every service to its CloudWatch group through awslogs, per-instance streams, without creating groups', () => {
    const expected: Record<string, [string, string]> = {
      api: ['/mlmon/dev/api', 'api/$INSTANCE_ID'],
      'node-exporter': ['/mlmon/dev/prometheus', 'node-exporter/$INSTANCE_ID'],
      prometheus: ['/mlmon/dev/prometheus', 'prometheus/$INSTANCE_ID'],
      grafana: ['/mlmon/dev/grafana', 'grafana/$INSTANCE_ID'],
    };
    for (const [name, [group, stream]] of Object.entries(expected)) {
      expect(s[name].logging).toEqual({
        driver: 'awslogs',
        options: {
          'awslogs-region': 'eu-west-1',
          'awslogs-group': group,
          'awslogs-stream': stream,
          'awslogs-create-group': 'false',
          mode: 'non-blocking',
          'max-buffer-size': '4m',
        },
      });
    }
  });

  it('gives Grafana its admin password only through the env file', () => {
    expect(s.grafana.env_file).toEqual([HOST_PATHS.grafanaEnvFile]);
    expect(JSON.stringify(compose)).not.toContain('GF_SECURITY_ADMIN_PASSWORD');
    expect(s.grafana.environment).toMatchObject({
      GF_SECURITY_ADMIN_USER: 'admin',
      GF_USERS_ALLOW_SIGN_UP: 'false',
    });
  });

  it('mounts the provisioning and dashboard directories read-only where the provider looks', () => {
    expect(s.grafana.volumes).toEqual([
      '/opt/mlmon/grafana/provisioning:/etc/grafana/provisioning:ro',
      '/opt/mlmon/grafana/dashboards:/etc/grafana/dashboards:ro',
      'grafana-data:/var/lib/grafana',
    ]);
    const provider = YAML.parse(renderGrafanaDashboardProvider()) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(provider.providers[0].options.path).toBe(CONTAINER_PATHS.grafanaDashboards);
  });

  it('keeps Prometheus data in a volume for the retention period and publishes 9090 and 3000', () => {
    expect(s.prometheus.command).toContain('--storage.tsdb.retention.time=15d');
    expect(s.prometheus.volumes).toContain('prometheus-data:/prometheus');
    expect(s.prometheus.ports).toEqual(['9090:9090']);
    expect(s.grafana.ports).toEqual(['3000:3000']);
  });

  it('keeps node exporter off the host network ports, reading the host root read-only', () => {
    expect(s['node-exporter'].ports).toBeUndefined();
    expect(s['node-exporter'].volumes).toEqual(['/:/host:ro,rslave']);
    expect(s['node-exporter'].command).toEqual(['--path.rootfs=/host']);
  });

  it('follows a custom API port, retention and extra environment', () => {
    const custom = YAML.parse(
      renderComposeFile(
        ctx({}, { apiPort: 8080, prometheusRetentionDays: 30, apiEnvironment: { LOG_LEVEL: 'info' } }),
      ),
    ) as { services: Record<string, Obj> };
    expect(custom.services.api.ports).toEqual(['8080:8080']);
    expect(custom.services.api.environment).toEqual({
      LOG_LEVEL: 'info',
      MODEL_DIR: '/opt/mlmon/models',
      PORT: '8080',
    });
    expect(custom.services.prometheus.command).toContain('--storage.tsdb.retention.time=30d');
  });
});

describe('renderPrometheusConfig', () => {
  const prom = YAML.parse(renderPrometheusConfig(ctx())) as {
    global: Obj;
    scrape_configs: Array<{
      job_name: string;
      metrics_path?: string;
      static_configs: Array<{ targets: string[] }>;
    }>;
  };

  it('scrapes the API, node exporter, Grafana and itself', () => {
    expect(prom.scrape_configs.map((j) => [j.job_name, j.static_configs[0].targets])).toEqual([
      ['api', ['api:8000']],
      ['node', ['node-exporter:9100']],
      ['grafana', ['grafana:3000']],
      ['prometheus', ['localhost:9090']],
    ]);
    // /metrics is Prometheus' default path.
    expect(prom.scrape_configs.every((j) => j.metrics_path === undefined)).toBe(true);
  });

  it('uses the scrape interval, a timeout no longer than it, and a host label', () => {
    expect(prom.global).toEqual({
      scrape_interval: '15s',
      scrape_timeout: '10s',
      evaluation_interval: '15s',
      external_labels: { host: 'mlmon-dev-app' },
    });
    const fast = YAML.parse(
      renderPrometheusConfig(ctx({}, { scrapeIntervalSeconds: 5, apiPort: 8080 })),
    ) as typeof prom;
    expect(fast.global.scrape_timeout).toBe('5s');
    expect(fast.scrape_configs[0].static_configs[0].targets).toEqual(['api:8080']);
  });
});

describe('renderGrafanaDatasources', () => {
  it('provisions the local Prometheus as the default, read-only data source', () => {
    const ds = YAML.parse(renderGrafanaDatasources(ctx().stack)) as {
      apiVersion: number;
      datasources: Obj[];
    };
    expect(ds.apiVersion).toBe(1);
    expect(ds.datasources).toEqual([
      {
        name: 'Prometheus',
        uid: GRAFANA_DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
        editable: false,
        jsonData: { timeInterval: '15s' },
      },
    ]);
  });
});

describe('renderGrafanaDashboardProvider', () => {
  it('loads dashboards from files into the mlmon folder, without UI edits or deletion', () => {
    const p = YAML.parse(renderGrafanaDashboardProvider()) as { apiVersion: number; providers: Obj[] };
    expect(p.apiVersion).toBe(1);
    expect(p.providers[0]).toMatchObject({
      type: 'file',
      folder: 'mlmon',
      disableDeletion: true,
      allowUiUpdates: false,
    });
  });
});

describe('renderGrafanaDashboard', () => {
  interface Panel {
    title: string;
    datasource: { uid: string };
    gridPos: { x: number; y: number; w: number; h: number };
    targets: Array<{ expr: string }>;
    fieldConfig: { defaults: { thresholds?: { steps: Array<{ value: number | null }> } } };
  }
  const dash = JSON.parse(
    renderGrafanaDashboard(ctx({}, { driftMetricName: 'drift_psi', driftAlertThreshold: 0.25 }).stack),
  ) as {
    uid: string;
    panels: Panel[];
  };
  const byTitle = (fragment: string) => dash.panels.find((p) => p.title.includes(fragment)) as Panel;

  it('has request rate, error ratio, latency, drift, CPU and memory panels', () => {
    expect(dash.uid).toBe('mlmon-overview');
    expect(dash.panels.map((p) => p.title)).toEqual([
      'API request rate',
      'API error ratio (5xx)',
      'API latency',
      'Model drift (drift_psi)',
      'Host CPU',
      'Host memory and root disk',
    ]);
  });

  it('queries the configured drift metric and draws the threshold', () => {
    const drift = byTitle('Model drift');
    expect(drift.targets.map((t) => t.expr)).toEqual(['max(drift_psi)']);
    expect(drift.fieldConfig.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 0.25]);
  });

  it('uses API and node exporter metrics scoped to their jobs', () => {
    expect(byTitle('request rate').targets[0].expr).toBe('sum(rate(http_requests_total{job="api"}[5m]))');
    expect(byTitle('error ratio').targets[0].expr).toContain('status=~"5.."');
    expect(byTitle('latency').targets).toHaveLength(3);
    expect(byTitle('CPU').targets[0].expr).toContain('node_cpu_seconds_total{job="node",mode="idle"}');
    expect(
      byTitle('memory')
        .targets.map((t) => t.expr)
        .join(' '),
    ).toContain('node_memory_MemAvailable_bytes');
  });

  it('points every panel at the provisioned data source and lays panels out without overlap', () => {
    const cells = new Set<string>();
    for (const p of dash.panels) {
      expect(p.datasource.uid).toBe(GRAFANA_DATASOURCE_UID);
      const cell = `${p.gridPos.x},${p.gridPos.y}`;
      expect(cells.has(cell)).toBe(false);
      cells.add(cell);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });
});

describe('renderGrafanaAlertRules', () => {
  interface Query {
    refId: string;
    datasourceUid: string;
    relativeTimeRange?: { from: number; to: number };
    model: Obj & { conditions?: Array<{ evaluator: { type: string; params: number[] } }> };
  }
  const doc = YAML.parse(
    renderGrafanaAlertRules(ctx({}, { driftAlertThreshold: 0.4, driftAlertPendingMinutes: 10 }).stack),
  ) as {
    apiVersion: number;
    groups: Array<{ name: string; folder: string; interval: string; rules: Array<Obj & { data: Query[] }> }>;
  };
  const rule = doc.groups[0].rules[0];

  it('is a unified-alerting provisioning file with one group and one rule', () => {
    expect(doc.apiVersion).toBe(1);
    expect(doc.groups).toHaveLength(1);
    expect(doc.groups[0]).toMatchObject({ name: 'model-drift', folder: 'mlmon', interval: '1m' });
    expect(rule).toMatchObject({
      uid: 'mlmon-drift-high',
      condition: 'C',
      for: '10m',
      noDataState: 'OK',
      execErrState: 'Error',
    });
  });

  it('queries the drift metric, reduces it and fires above the threshold', () => {
    expect(rule.data.map((q) => q.refId)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = rule.data;
    expect(a.datasourceUid).toBe(GRAFANA_DATASOURCE_UID);
    expect(a.model.expr).toBe('max(model_drift_score)');
    expect(a.relativeTimeRange).toEqual({ from: 600, to: 0 });
    expect(b).toMatchObject({
      datasourceUid: '__expr__',
      model: { type: 'reduce', expression: 'A', reducer: 'last' },
    });
    expect(c.datasourceUid).toBe('__expr__');
    expect(c.model).toMatchObject({ type: 'threshold', expression: 'B' });
    expect(c.model.conditions).toEqual([{ evaluator: { type: 'gt', params: [0.4] } }]);
  });
});

describe('renderCloudWatchAgentConfig', () => {
  type Cfg = {
    metrics: {
      namespace: string;
      append_dimensions: Record<string, string>;
      aggregation_dimensions: string[][];
      metrics_collected: {
        mem: { measurement: string[] };
        disk: { measurement: string[]; resources: string[] };
      };
    };
  };

  it('publishes memory and root-disk use under CWAgent, aggregated by InstanceId in instance mode', () => {
    const cfg = JSON.parse(renderCloudWatchAgentConfig('instance')) as Cfg;
    expect(cfg.metrics.namespace).toBe(CW_AGENT_NAMESPACE);
    expect(cfg.metrics.append_dimensions).toEqual({ InstanceId: '${aws:InstanceId}' });
    expect(cfg.metrics.aggregation_dimensions).toEqual([[CW_AGENT_DIMENSIONS.instanceId]]);
    expect(cfg.metrics.metrics_collected.mem.measurement).toEqual([CW_AGENT_METRICS.memUsedPercent]);
    expect(`disk_${cfg.metrics.metrics_collected.disk.measurement[0]}`).toBe(
      CW_AGENT_METRICS.diskUsedPercent,
    );
    expect(cfg.metrics.metrics_collected.disk.resources).toEqual(['/']);
  });

  it('adds AutoScalingGroupName and aggregates by it in Auto Scaling mode', () => {
    const cfg = JSON.parse(renderCloudWatchAgentConfig('autoScaling')) as Cfg;
    expect(cfg.metrics.append_dimensions).toEqual({
      InstanceId: '${aws:InstanceId}',
      AutoScalingGroupName: '${aws:AutoScalingGroupName}',
    });
    expect(cfg.metrics.aggregation_dimensions).toEqual([['AutoScalingGroupName']]);
  });
});

/**
 * Finds `$` expansions outside double quotes (single-quoted text is skipped). Allowed unquoted:
 * `$(` right after `=` (assignment, no word splitting) and `$((` arithmetic inside quotes only.
 */
function unquotedExpansions(script: string): string[] {
  const found: string[] = [];
  for (const line of script.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    let inSingle = false;
    let inDouble = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '\\' && !inSingle) {
        i++;
        continue;
      }
      if (ch === "'" && !inDouble) inSingle = !inSingle;
      else if (ch === '"' && !inSingle) inDouble = !inDouble;
      else if (ch === '$' && !inSingle && !inDouble) {
        const assignment = line[i - 1] === '=' && line[i + 1] === '(';
        if (!assignment) found.push(line.trim());
      }
    }
  }
  return found;
}

describe('renderBootstrapScript', () => {
  const al = renderBootstrapScript(ctx());
  const ubuntu = renderBootstrapScript(ctx({ os: 'ubuntu-24.04' }));
  const asg = renderBootstrapScript(ctx({ mode: 'autoScaling', associateElasticIpAtBoot: true }));

  it('is strict bash without tracing', () => {
    for (const script of [al, ubuntu, asg]) {
      expect(script.startsWith('#!/bin/bash\n')).toBe(true);
      expect(script).toContain('\nset -euo pipefail\n');
      expect(script).not.toMatch(/set -[a-z]*x/);
    }
  });

  it('single-quotes every prop value and double-quotes every expansion', () => {
    expect(al).toContain("readonly REGION='eu-west-1'");
    expect(al).toContain("readonly BUCKET='mlmon-dev-bucket'");
    expect(al).toContain("readonly GRAFANA_PARAM='/mlmon/dev/grafana/admin-password'");
    for (const script of [al, ubuntu, asg]) expect(unquotedExpansions(script)).toEqual([]);
  });

  it('the quoting check catches an unquoted expansion', () => {
    expect(unquotedExpansions('aws s3 sync s3://$BUCKET/ /x')).toEqual(['aws s3 sync s3://$BUCKET/ /x']);
    expect(unquotedExpansions('echo \'$NOT_EXPANDED\' "$OK"')).toEqual([]);
  });

  it('quotes values containing single quotes safely', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const r = spawnSync('bash', ['-c', `printf %s ${shellQuote('a\'b $(id) "c"')}`], { encoding: 'utf8' });
    expect(r.stdout).toBe(`a'b $(id) "c"`);
  });

  it('contains no secret: the password is generated and stored on the host', () => {
    for (const script of [al, ubuntu, asg]) {
      expect(script).toContain('openssl rand -hex 24');
      expect(script).toContain('--type SecureString');
      expect(script).toContain('--value "file://$file"');
      expect(script).not.toMatch(/GF_SECURITY_ADMIN_PASSWORD=(?!%s)/);
      expect(script).not.toMatch(/password\s*=\s*['"][^'"$]/i);
    }
  });

  it('installs Docker from dnf and the checksum-verified compose binary on Amazon Linux 2023', () => {
    expect(al).toContain('retry dnf install -y docker amazon-cloudwatch-agent');
    expect(al).toContain(`readonly COMPOSE_VERSION='${DEFAULT_COMPOSE_VERSION}'`);
    expect(al).toContain(
      'https://github.com/docker/compose/releases/download/$COMPOSE_VERSION/docker-compose-linux-$arch',
    );
    expect(al).toContain('sha256sum -c -');
    expect(al).toContain('sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1)');
    expect(al).toContain('systemctl enable --now amazon-ssm-agent');
    expect(al).not.toContain('apt-get');
  });

  it('uses pinned compose checksums when given', () => {
    const pinned = renderBootstrapScript(
      ctx({
        composePlugin: { version: 'v2.29.7', sha256: { x86_64: 'a'.repeat(64), aarch64: 'b'.repeat(64) } },
      }),
    );
    expect(pinned).toContain(`    x86_64) sum='${'a'.repeat(64)}' ;;`);
    expect(pinned).toContain(`    aarch64) sum='${'b'.repeat(64)}' ;;`);
  });

  it('installs Docker and compose from the Ubuntu archive, the AWS CLI and the CloudWatch agent on Ubuntu', () => {
    expect(ubuntu).toContain('retry apt-get install -y -q docker.io docker-compose-v2 curl');
    expect(ubuntu).toContain('snap install aws-cli --classic');
    expect(ubuntu).toContain(
      'amazoncloudwatch-agent-$REGION.s3.$REGION.amazonaws.com/ubuntu/$arch/latest/amazon-cloudwatch-agent.deb',
    );
    expect(ubuntu).toContain('snap.amazon-ssm-agent.amazon-ssm-agent.service');
    expect(ubuntu).not.toContain('dnf');
    expect(ubuntu).not.toContain('COMPOSE_VERSION');
  });

  it('syncs the models, configures the agent and starts the stack', () => {
    expect(al).toContain('retry aws s3 sync "s3://$BUCKET/$MODELS_PREFIX" "$ROOT/models/"');
    expect(al).toContain("-c 'file:/opt/mlmon/cloudwatch-agent.json'");
    expect(al).toContain('docker compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" up -d');
  });

  it('claims the Elastic IP only in Auto Scaling mode with an Elastic IP', () => {
    expect(al).not.toContain('claim_address');
    expect(asg).toContain("readonly EIP_TAG='MlmonEipAllocationId'");
    expect(asg.match(/^ {2}claim_address$/gm)).toHaveLength(2);
  });

  it('passes bash -n for every OS and mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlmon-bash-'));
    try {
      for (const [i, script] of [al, ubuntu, asg].entries()) {
        const file = join(dir, `s${i}.sh`);
        writeFileSync(file, script);
        const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
        expect({ i, status: r.status, stderr: r.stderr }).toEqual({ i, status: 0, stderr: '' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderSystemdUnit', () => {
  it('runs bootstrap start once per boot after Docker and the network', () => {
    const unit = renderSystemdUnit();
    expect(unit).toContain('Type=oneshot');
    expect(unit).toContain(`ExecStart=${HOST_PATHS.bootstrapScript} start`);
    expect(unit).toContain('After=network-online.target docker.service');
    expect(unit).toContain('WantedBy=multi-user.target');
  });
});

describe('renderCloudInit', () => {
  const text = renderCloudInit(ctx());
  const doc = YAML.parse(text) as {
    write_files: Array<{ path: string; permissions: string; content: string }>;
    runcmd: string[][];
  };

  it('is a #cloud-config document', () => {
    expect(text.startsWith('#cloud-config\n')).toBe(true);
  });

  it('writes every rendered file verbatim with its permissions', () => {
    const files = renderHostFiles(ctx());
    expect(doc.write_files.map((f) => [f.path, f.permissions])).toEqual(
      files.map((f) => [f.path, f.permissions]),
    );
    for (const [i, f] of files.entries()) expect(doc.write_files[i].content).toBe(f.content);
    expect(doc.write_files.find((f) => f.path === HOST_PATHS.bootstrapScript)?.permissions).toBe('0700');
    expect(doc.write_files.find((f) => f.path === HOST_PATHS.composeFile)?.permissions).toBe('0644');
  });

  it('runs the bootstrap install once', () => {
    expect(doc.runcmd).toEqual([[HOST_PATHS.bootstrapScript, 'install']]);
  });

  it('writes each YAML and JSON file in a form its reader parses back', () => {
    for (const f of doc.write_files) {
      if (f.path.endsWith('.yml')) expect(() => YAML.parse(f.content)).not.toThrow();
      if (f.path.endsWith('.json')) expect(() => JSON.parse(f.content)).not.toThrow();
    }
  });

  it.each([
    ['al2023 instance', ctx()],
    [
      'ubuntu-22.04 Auto Scaling with EIP',
      ctx({ os: 'ubuntu-22.04', mode: 'autoScaling', associateElasticIpAtBoot: true }),
    ],
    [
      'al2023 Auto Scaling with EIP, KMS and pins',
      ctx({
        mode: 'autoScaling',
        associateElasticIpAtBoot: true,
        grafanaAdminPasswordKmsKeyId:
          'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666',
        composePlugin: { version: 'v2.29.7', sha256: { x86_64: 'a'.repeat(64), aarch64: 'b'.repeat(64) } },
      }),
    ],
  ])('stays under the 16 KB user-data limit with room to spare: %s', (_name, c) => {
    const size = Buffer.byteLength(renderCloudInit(c));
    expect(size).toBeLessThan(USER_DATA_LIMIT_BYTES - 1024);
  });
});

describe('image references', () => {
  it.each([
    [
      'prom/prometheus:v2.53.0',
      { registry: undefined, repository: 'prom/prometheus', tag: 'v2.53.0', digest: undefined },
    ],
    [
      'ghcr.io/acme/api:1.4.2',
      { registry: 'ghcr.io', repository: 'acme/api', tag: '1.4.2', digest: undefined },
    ],
    ['localhost:5000/api:1', { registry: 'localhost:5000', repository: 'api', tag: '1', digest: undefined }],
    [
      `a/b@sha256:${'0'.repeat(64)}`,
      { registry: undefined, repository: 'a/b', tag: undefined, digest: `sha256:${'0'.repeat(64)}` },
    ],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it.each([
    ['', 'is empty'],
    ['a b:1', 'contains whitespace'],
    ['Acme/api:1', 'is not a valid image reference'],
    ['acme/api', 'is not pinned'],
    ['acme/api:latest', 'pinned to "latest"'],
  ])('rejects %j', (image, problem) => {
    expect(imageReferenceProblems(image).join()).toContain(problem);
  });

  it('accepts latest when a digest pins it', () => {
    expect(imageReferenceProblems(`acme/api:latest@sha256:${'1'.repeat(64)}`)).toEqual([]);
  });

  it('finds ECR registries and their repositories', () => {
    expect(
      ecrRegistries([
        '123456789012.dkr.ecr.us-east-1.amazonaws.com/mlmon/api:1',
        '123456789012.dkr.ecr.us-east-1.amazonaws.com/mlmon/worker:2',
        '210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/x:1',
        'prom/prometheus:v2.53.0',
      ]),
    ).toEqual([
      {
        host: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
        accountId: '123456789012',
        region: 'us-east-1',
        repositories: ['mlmon/api', 'mlmon/worker'],
      },
      {
        host: '210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn',
        accountId: '210987654321',
        region: 'cn-north-1',
        repositories: ['x'],
      },
    ]);
  });
});
