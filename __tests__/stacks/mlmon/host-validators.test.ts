import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { ENVIRONMENTS } from '../../../stacks/mlmon/environments';
import { describeWithTools } from '../../support/tool-gate';
import { synthEnv } from './synth-env';

/**
 * Every environment's user data, rendered and decoded as cloud-init reads it, checked by the real
 * tools: cloud-init's schema, shellcheck on every script, promtool on the Prometheus
 * configuration, docker-compose on the Compose file, yamllint on every YAML file.
 *
 * Terraform references (`${aws_sns_topic.x.arn}`, ...) are replaced by plausible literals first,
 * as Terraform does at apply time; left in place, Compose would read them as interpolation.
 */
const TOOLS = ['cloud-init', 'shellcheck', 'promtool', 'docker-compose', 'yamllint'];

/** Stand-ins for the values Terraform joins into the user data. */
function literalize(text: string): string {
  return text.replace(/\$\{((?:aws_|data\.|var\.)[^}]+)\}/g, (_m, expr: string) => {
    if (expr.endsWith('.arn')) return 'arn:aws:sns:us-east-1:123456789012:mlmon-alarms';
    if (expr.endsWith('.bucket')) return 'mlmon-dev-us-east-1';
    if (expr.endsWith('.name')) return '/mlmon/dev/logs';
    throw new Error(`no stand-in for the reference ${expr}`);
  });
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

describeWithTools('mlmon host files pass the real validators', TOOLS, () => {
  const base = mkdtempSync(join(tmpdir(), 'mlmon-validators-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('mlmon-%s', (name, cfg) => {
    const env = synthEnv(cfg);
    const dir = join(base, name);
    const files: Record<string, string> = {};
    for (const [path, content] of Object.entries(env.files)) {
      const local = join(dir, path);
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, literalize(content));
      files[path] = local;
    }
    writeFileSync(join(dir, 'user-data.yaml'), literalize(env.userData));
    const root = join(dir, 'opt', 'mlmon');

    it('is valid cloud-config (cloud-init schema)', () => {
      expect(run('cloud-init', ['schema', '--config-file', join(dir, 'user-data.yaml')], dir)).toEqual({
        status: 0,
        output: expect.stringContaining('Valid cloud-config'),
      });
    });

    it('has scripts shellcheck finds nothing in', () => {
      const scripts = Object.entries(env.files).filter(([, c]) => c.startsWith('#!/bin/bash'));
      expect(scripts.map(([p]) => p)).toEqual(['/opt/mlmon/.compose-host/bootstrap.sh']);
      for (const [path] of scripts) {
        expect({ path, ...run('shellcheck', ['-s', 'bash', files[path]], dir) }).toEqual({
          path,
          status: 0,
          output: '',
        });
      }
    });

    it('has a Prometheus configuration promtool accepts (no Prometheus rule files: the drift alert is Grafana-managed)', () => {
      const prometheus = YAML.parse(env.files['/opt/mlmon/prometheus/prometheus.yml']) as {
        rule_files?: unknown;
      };
      expect(prometheus.rule_files).toBeUndefined();
      expect(
        run('promtool', ['check', 'config', files['/opt/mlmon/prometheus/prometheus.yml']], dir),
      ).toMatchObject({
        status: 0,
      });
    });

    // Debian's docker-compose 1.29 predates the top-level `name` the host writes for Compose v2
    // (which Amazon Linux runs); v1 rejects it, so a copy without it is checked. The env file and
    // INSTANCE_ID are what the host writes at boot.
    it('has a Compose file docker-compose accepts (a copy without the top-level name, which v1.29 rejects)', () => {
      const compose = YAML.parse(literalize(env.files['/opt/mlmon/compose.yml'])) as Record<string, unknown>;
      expect(compose.name).toBe('mlmon');
      delete compose.name;
      writeFileSync(join(root, 'compose-v1.yml'), YAML.stringify(compose));
      writeFileSync(join(root, 'grafana.env'), 'GF_SECURITY_ADMIN_PASSWORD=stand-in\n');
      expect(
        run('docker-compose', ['-f', 'compose-v1.yml', 'config', '-q'], root, {
          INSTANCE_ID: 'i-0123456789abcdef0',
        }),
      ).toEqual({ status: 0, output: '' });
    });

    it('has YAML files yamllint accepts', () => {
      const yamlFiles = Object.keys(env.files).filter((p) => /\.ya?ml$/.test(p));
      expect(yamlFiles.length).toBeGreaterThanOrEqual(6);
      const config = '{extends: relaxed, rules: {line-length: disable}}';
      expect(run('yamllint', ['-d', config, ...yamlFiles.map((p) => files[p])], dir)).toEqual({
        status: 0,
        output: '',
      });
    });

    it('has a dashboard that is JSON', () => {
      expect(() => JSON.parse(env.files['/opt/mlmon/grafana/dashboards/mlmon-overview.json'])).not.toThrow();
    });
  });
});
