/** Well-known ports of the model-monitoring host, shared by security groups, checks and docs. */
export const PORTS = {
  ssh: 22,
  http: 80,
  https: 443,
  api: 8000,
  prometheus: 9090,
  grafana: 3000,
  nodeExporter: 9100,
} as const;

/** Name of a port in {@link PORTS}. */
export type PortName = keyof typeof PORTS;

/**
 * Ports that give administrative access or expose internals (shell, unauthenticated metrics,
 * dashboards, the model API). They are never opened to the whole internet unless a security
 * group explicitly opts out.
 */
export const ADMIN_PORTS: readonly number[] = [
  PORTS.ssh,
  PORTS.api,
  PORTS.prometheus,
  PORTS.grafana,
  PORTS.nodeExporter,
];
