import YAML from 'yaml';
import { MLMON_PORTS, MLMON_SERVICES } from '../contract';
import { ResolvedMlmonHostConfig } from './config';

/** Prometheus job names; the Grafana dashboard and alert rule select on them. */
export const PROMETHEUS_JOBS = {
  api: 'api',
  node: 'node',
  prometheus: 'prometheus',
  grafana: 'grafana',
} as const;

/**
 * `prometheus.yml`: scrapes the model API's `/metrics`, node exporter (host CPU, memory, disk),
 * Grafana (on the host network, through the host gateway) and Prometheus itself. Every series
 * carries a `host` label with the deployment name. The scrape timeout is capped at the interval,
 * as Prometheus requires.
 */
export function renderPrometheusConfig(cfg: ResolvedMlmonHostConfig): string {
  const interval = `${cfg.scrapeIntervalSeconds}s`;
  const timeout = `${Math.min(10, cfg.scrapeIntervalSeconds)}s`;
  // metrics_path defaults to /metrics for every job.
  const job = (name: string, target: string) => ({ job_name: name, static_configs: [{ targets: [target] }] });
  const config = {
    global: {
      scrape_interval: interval,
      scrape_timeout: timeout,
      evaluation_interval: interval,
      external_labels: { host: cfg.deployment },
    },
    scrape_configs: [
      job(PROMETHEUS_JOBS.api, `${MLMON_SERVICES.api}:${MLMON_PORTS.api}`),
      job(PROMETHEUS_JOBS.node, `${MLMON_SERVICES.nodeExporter}:${MLMON_PORTS.nodeExporter}`),
      job(PROMETHEUS_JOBS.grafana, `host.docker.internal:${MLMON_PORTS.grafana}`),
      job(PROMETHEUS_JOBS.prometheus, `localhost:${MLMON_PORTS.prometheus}`),
    ],
  };
  return YAML.stringify(config, { lineWidth: 0 });
}
