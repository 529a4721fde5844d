import YAML from 'yaml';
import { renderContext as ctx } from './fixtures';
import { hostPaths } from '../../../modules/compose-host';
import { renderBootstrapScript, shellQuote } from '../../../modules/compose-host/render/bootstrap';
import { renderCloudInit } from '../../../modules/compose-host/render/cloud-init';
import { renderCloudWatchAgentConfig } from '../../../modules/compose-host/render/cloudwatch-agent';
import {
  renderHealthTimer,
  renderHealthUnit,
  renderProjectUnit,
} from '../../../modules/compose-host/render/systemd';

describe('hostPaths', () => {
  it('puts the project under /opt, the host files in .compose-host and per-boot state under /run', () => {
    expect(hostPaths('shop')).toEqual({
      root: '/opt/shop',
      composeFile: '/opt/shop/compose.yml',
      composeEnvFile: '/opt/shop/.env',
      hostDir: '/opt/shop/.compose-host',
      bootstrapScript: '/opt/shop/.compose-host/bootstrap.sh',
      cloudWatchAgentConfig: '/opt/shop/.compose-host/cloudwatch-agent.json',
      runDir: '/run/compose-host/shop',
      unit: '/etc/systemd/system/shop.service',
      unitName: 'shop.service',
      healthUnit: '/etc/systemd/system/shop-health.service',
      healthUnitName: 'shop-health.service',
      healthTimer: '/etc/systemd/system/shop-health.timer',
      healthTimerName: 'shop-health.timer',
    });
  });
});

describe('renderProjectUnit', () => {
  it('is a oneshot that restarts on failure within limits and does not need Docker to exist yet', () => {
    expect(renderProjectUnit('shop', hostPaths('shop'))).toBe(
      [
        '[Unit]',
        'Description=Compose project shop: install, configure and start it',
        'Wants=network-online.target',
        'After=network-online.target docker.service',
        'StartLimitIntervalSec=3600',
        'StartLimitBurst=5',
        '',
        '[Service]',
        'Type=oneshot',
        'RemainAfterExit=yes',
        'ExecStart=/opt/shop/.compose-host/bootstrap.sh run',
        'Restart=on-failure',
        'RestartSec=30',
        'TimeoutStartSec=1200',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    );
  });
});

describe('renderHealthUnit and renderHealthTimer', () => {
  it('runs the health check every minute from a minute after boot', () => {
    expect(renderHealthUnit('shop', hostPaths('shop'))).toContain(
      'ExecStart=/opt/shop/.compose-host/bootstrap.sh health\n',
    );
    const timer = renderHealthTimer('shop', hostPaths('shop'));
    expect(timer).toContain('OnBootSec=60\nOnUnitActiveSec=60\n');
    expect(timer).toContain('Unit=shop-health.service\n');
    expect(timer).toContain('WantedBy=timers.target\n');
  });
});

describe('renderCloudWatchAgentConfig', () => {
  it('instance mode: memory and root disk under CWAgent, aggregated by InstanceId, no EMF', () => {
    expect(JSON.parse(renderCloudWatchAgentConfig('instance'))).toEqual({
      agent: { metrics_collection_interval: 60 },
      metrics: {
        namespace: 'CWAgent',
        append_dimensions: { InstanceId: '${aws:InstanceId}' },
        aggregation_dimensions: [['InstanceId']],
        metrics_collected: {
          mem: { measurement: ['mem_used_percent'] },
          disk: { measurement: ['used_percent'], resources: ['/'], drop_device: true },
        },
      },
    });
  });

  it('Auto Scaling mode with EMF: aggregated by group name, EMF listener on every address', () => {
    const config = JSON.parse(renderCloudWatchAgentConfig('autoScaling', true));
    expect(config.metrics.append_dimensions).toEqual({
      InstanceId: '${aws:InstanceId}',
      AutoScalingGroupName: '${aws:AutoScalingGroupName}',
    });
    expect(config.metrics.aggregation_dimensions).toEqual([['AutoScalingGroupName']]);
    expect(config.logs).toEqual({ metrics_collected: { emf: { service_address: 'tcp://0.0.0.0:25888' } } });
  });
});

describe('renderCloudInit in instance mode', () => {
  it('writes no health units and enables only the project unit', () => {
    const doc = YAML.parse(renderCloudInit(ctx())) as { write_files: { path: string }[]; runcmd: string[][] };
    expect(doc.write_files.map((f) => f.path)).toEqual([
      '/opt/shop/compose.yml',
      '/opt/shop/.compose-host/cloudwatch-agent.json',
      '/opt/shop/.compose-host/bootstrap.sh',
      '/etc/systemd/system/shop.service',
    ]);
    expect(doc.runcmd).toEqual([
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'enable', '--now', '--no-block', 'shop.service'],
    ]);
  });
});

describe('renderBootstrapScript', () => {
  it('quotes every prop value for bash', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const script = renderBootstrapScript(
      ctx({ downloads: [{ bucketName: 'b', prefix: "we'ird/", path: 'p' }] }),
    );
    expect(script).toContain(`retry aws s3 sync 's3://b/we'\\''ird/' "$ROOT/"'p/'`);
  });

  it('never traces (set -x would print secrets) and fails on any error', () => {
    const script = renderBootstrapScript(ctx());
    expect(script).toContain('set -euo pipefail\nshopt -s inherit_errexit\n');
    expect(script).not.toMatch(/set -[a-z]*x/);
  });

  it('pins Compose checksums per architecture when given', () => {
    const sha = 'a'.repeat(64);
    const script = renderBootstrapScript(
      ctx({ composePlugin: { version: 'v2.30.0', sha256: { x86_64: sha } } }),
    );
    expect(script).toContain("readonly COMPOSE_VERSION='v2.30.0'");
    expect(script).toContain(
      `    x86_64) sum='${sha}' ;;\n    *) sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1) ;;`,
    );
  });

  it('installs from the Ubuntu archive, the snap store and the agent .deb on Ubuntu', () => {
    const script = renderBootstrapScript(ctx({ os: 'ubuntu-24.04' }));
    expect(script).toContain('retry apt-get install -y -q docker.io docker-compose-v2 curl');
    expect(script).toContain('retry snap install aws-cli --classic');
    expect(script).not.toContain('COMPOSE_PLUGIN');
  });

  it('uses the retry policy it is given', () => {
    const script = renderBootstrapScript(ctx({ retry: { attempts: 3, baseDelayInSeconds: 2 } }));
    expect(script).toContain('readonly RETRY_ATTEMPTS=3\nreadonly RETRY_BASE_SECONDS=2\n');
  });
});
