import YAML from 'yaml';
import { PORTS } from '../../security-group/ports';
import { HostRenderContext } from './config';

/** Prometheus job names; the Grafana dashboard and alert rule select on them. */
export const PROMETHEUS_JOBS = {
  api: 'api',
  node: 'node',
  prometheus: 'prometheus',
  grafana: 'grafana',
} as const;

/**
 * `prometheus.yml`: scrapes the model API's `/metrics`, node exporter (host CPU, memory, disk),
 * Grafana and Prometheus itself over the compose network. Every series carries a `host` label with
 * the host name. The scrape timeout is capped at the interval, as Prometheus requires.
 */
export function renderPrometheusConfig(ctx: HostRenderContext): string {
  const interval = `${ctx.stack.scrapeIntervalSeconds}s`;
  const timeout = `${Math.min(10, ctx.stack.scrapeIntervalSeconds)}s`;
  // metrics_path defaults to /metrics for every job.
  const job = (name: string, target: string) => ({ job_name: name, static_configs: [{ targets: [target] }] });
  const config = {
    global: {
      scrape_interval: interval,
      scrape_timeout: timeout,
      evaluation_interval: interval,
      external_labels: { host: ctx.name },
    },
    scrape_configs: [
      job(PROMETHEUS_JOBS.api, `api:${ctx.stack.apiPort}`),
      job(PROMETHEUS_JOBS.node, `node-exporter:${PORTS.nodeExporter}`),
      job(PROMETHEUS_JOBS.grafana, `grafana:${PORTS.grafana}`),
      job(PROMETHEUS_JOBS.prometheus, `localhost:${PORTS.prometheus}`),
    ],
  };
  return YAML.stringify(config, { lineWidth: 0 });
}
