import YAML from 'yaml';
import { HOST_PATHS } from '../constants';
import { renderBootstrapScript, renderSystemdUnit } from './bootstrap';
import { renderCloudWatchAgentConfig } from './cloudwatch-agent';
import { renderComposeFile } from './compose';
import { HostRenderContext } from './config';
import {
  renderGrafanaAlertRules,
  renderGrafanaDashboard,
  renderGrafanaDashboardProvider,
  renderGrafanaDatasources,
} from './grafana';
import { renderPrometheusConfig } from './prometheus';

/** One file cloud-init writes before the bootstrap runs. */
export interface HostFile {
  readonly path: string;
  /** Octal mode, e.g. '0644'. */
  readonly permissions: string;
  readonly content: string;
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/**
 * Every file the host needs, rendered, owned by root (cloud-init's default). Configuration is
 * world-readable (the containers run as other users); the script is root-only.
 */
export function renderHostFiles(ctx: HostRenderContext): HostFile[] {
  const file = (path: string, content: string, permissions = '0644'): HostFile => ({
    path,
    permissions,
    content: withNewline(content),
  });
  return [
    file(HOST_PATHS.composeFile, renderComposeFile(ctx)),
    file(HOST_PATHS.prometheusConfig, renderPrometheusConfig(ctx)),
    file(HOST_PATHS.grafanaDatasources, renderGrafanaDatasources(ctx.stack)),
    file(HOST_PATHS.grafanaDashboardProvider, renderGrafanaDashboardProvider()),
    file(HOST_PATHS.grafanaDashboard, renderGrafanaDashboard(ctx.stack)),
    file(HOST_PATHS.grafanaAlertRules, renderGrafanaAlertRules(ctx.stack)),
    file(HOST_PATHS.cloudWatchAgentConfig, renderCloudWatchAgentConfig(ctx.mode)),
    file(HOST_PATHS.systemdUnit, renderSystemdUnit()),
    file(HOST_PATHS.bootstrapScript, renderBootstrapScript(ctx), '0700'),
  ];
}

/**
 * The user data: a `#cloud-config` document whose `write_files` lays down every rendered file
 * and whose `runcmd` runs `bootstrap.sh install` once. File contents are YAML literal blocks, so
 * the user data reads like the files themselves.
 */
export function renderCloudInit(ctx: HostRenderContext): string {
  const doc = {
    write_files: renderHostFiles(ctx).map((f) => ({
      path: f.path,
      permissions: f.permissions,
      content: f.content,
    })),
    runcmd: [[HOST_PATHS.bootstrapScript, 'install']],
  };
  return `#cloud-config\n${YAML.stringify(doc, { lineWidth: 0, blockQuote: 'literal', indentSeq: false })}`;
}
