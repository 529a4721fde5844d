import YAML from 'yaml';
import { renderBootstrapScript } from './bootstrap';
import { renderCloudWatchAgentConfig } from './cloudwatch-agent';
import { HostRenderContext } from './context';
import { renderHealthTimer, renderHealthUnit, renderProjectUnit } from './systemd';

/** One file cloud-init writes before anything runs. */
export interface HostFile {
  /** Absolute path on the host. */
  readonly path: string;
  /** Octal mode, e.g. '0644'. */
  readonly permissions: string;
  readonly content: string;
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/** The Compose file as written to the host: `name` first, then the file as given. */
export function renderComposeYaml(ctx: HostRenderContext): string {
  return YAML.stringify({ name: ctx.project, ...ctx.compose }, { lineWidth: 0 });
}

/**
 * Every file the host needs, owned by root (cloud-init's default): the Compose file and the
 * project files under the project directory, the host's own files (bootstrap script 0700,
 * CloudWatch agent configuration) under `<project>/.compose-host/`, and the systemd units.
 */
export function renderHostFiles(ctx: HostRenderContext): HostFile[] {
  const p = ctx.paths;
  const file = (path: string, content: string, permissions = '0644'): HostFile => ({
    path,
    permissions,
    content: withNewline(content),
  });
  const files = [
    file(p.composeFile, renderComposeYaml(ctx)),
    ...ctx.files.map((f) => file(`${p.root}/${f.path}`, f.content, f.mode ?? '0644')),
    file(
      p.cloudWatchAgentConfig,
      renderCloudWatchAgentConfig(ctx.mode, ctx.embeddedMetricsLogGroup !== undefined),
    ),
    file(p.bootstrapScript, renderBootstrapScript(ctx), '0700'),
    file(p.unit, renderProjectUnit(ctx.project, p)),
  ];
  if (ctx.mode === 'autoScaling' && ctx.health) {
    files.push(
      file(p.healthUnit, renderHealthUnit(ctx.project, p)),
      file(p.healthTimer, renderHealthTimer(ctx.project, p)),
    );
  }
  return files;
}

/**
 * The user data: a `#cloud-config` document whose `write_files` lays down every file and whose
 * `runcmd` enables the project service (started without waiting: it may take minutes, and
 * systemd restarts it on failure) and, in Auto Scaling mode, the health timer. Nothing else runs
 * from cloud-init, so a failed first boot heals through systemd rather than staying failed.
 * File contents are YAML literal blocks, so the user data reads like the files themselves.
 */
export function renderCloudInit(ctx: HostRenderContext): string {
  const p = ctx.paths;
  const runcmd: string[][] = [
    ['systemctl', 'daemon-reload'],
    ['systemctl', 'enable', '--now', '--no-block', p.unitName],
  ];
  if (ctx.mode === 'autoScaling' && ctx.health) {
    runcmd.push(['systemctl', 'enable', '--now', p.healthTimerName]);
  }
  const doc = {
    write_files: renderHostFiles(ctx).map((f) => ({
      path: f.path,
      permissions: f.permissions,
      content: f.content,
    })),
    runcmd,
  };
  return `#cloud-config\n${YAML.stringify(doc, { lineWidth: 0, blockQuote: 'literal', indentSeq: false })}`;
}
