import { CW_AGENT_DIMENSIONS, CW_AGENT_METRICS, CW_AGENT_NAMESPACE, EMF_PORT } from '../constants';

/** Seconds between CloudWatch agent samples (60 = standard-resolution metrics). */
export const CW_AGENT_INTERVAL_SECONDS = 60;

/**
 * CloudWatch agent configuration (JSON).
 *
 * - Memory and root-disk use under `CWAgent`. `append_dimensions` adds `InstanceId` (and
 *   `AutoScalingGroupName` in Auto Scaling mode); `aggregation_dimensions` also publishes one
 *   series per metric with only the mode's alarm dimension ({@link CW_AGENT_DIMENSIONS}), which is
 *   what alarms select.
 * - With `embeddedMetrics`: an embedded-metric-format listener on TCP {@link EMF_PORT} on
 *   every host address, so containers publish metrics without credentials of their own. Events
 *   name their log group in `_aws.LogGroupName`; the agent writes them there (the role may write
 *   only to the host's log groups) and CloudWatch extracts the metrics.
 *
 * `${aws:...}` placeholders are expanded by the agent on the host.
 */
export function renderCloudWatchAgentConfig(
  mode: 'instance' | 'autoScaling',
  embeddedMetrics = false,
): string {
  const { instanceId, autoScalingGroupName } = CW_AGENT_DIMENSIONS;
  const append: Record<string, string> = { [instanceId]: '${aws:InstanceId}' };
  if (mode === 'autoScaling') append[autoScalingGroupName] = '${aws:AutoScalingGroupName}';
  const config: Record<string, unknown> = {
    agent: { metrics_collection_interval: CW_AGENT_INTERVAL_SECONDS },
    metrics: {
      namespace: CW_AGENT_NAMESPACE,
      append_dimensions: append,
      aggregation_dimensions: [[mode === 'autoScaling' ? autoScalingGroupName : instanceId]],
      metrics_collected: {
        mem: { measurement: [CW_AGENT_METRICS.memUsedPercent] },
        disk: { measurement: ['used_percent'], resources: ['/'], drop_device: true },
      },
    },
  };
  if (embeddedMetrics) {
    config.logs = {
      metrics_collected: { emf: { service_address: `tcp://0.0.0.0:${EMF_PORT}` } },
    };
  }
  return JSON.stringify(config);
}
