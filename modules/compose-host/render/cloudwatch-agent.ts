import { CW_AGENT_DIMENSIONS, CW_AGENT_NAMESPACE } from '../constants';
import { AppHostMode } from './config';

/** Seconds between CloudWatch agent samples (60 = standard-resolution metrics). */
export const CW_AGENT_INTERVAL_SECONDS = 60;

/**
 * CloudWatch agent configuration (JSON): memory and root-disk use under the `CWAgent`
 * namespace. `append_dimensions` adds `InstanceId` (and `AutoScalingGroupName` in Auto Scaling
 * mode); `aggregation_dimensions` makes the agent also publish one series per metric with only
 * the mode's alarm dimension (see {@link CW_AGENT_DIMENSIONS}), which is what alarms select.
 * `${aws:...}` placeholders are expanded by the agent on the host.
 */
export function renderCloudWatchAgentConfig(mode: AppHostMode): string {
  const { instanceId, autoScalingGroupName } = CW_AGENT_DIMENSIONS;
  const append: Record<string, string> = { [instanceId]: '${aws:InstanceId}' };
  if (mode === 'autoScaling') append[autoScalingGroupName] = '${aws:AutoScalingGroupName}';
  const config = {
    agent: { metrics_collection_interval: CW_AGENT_INTERVAL_SECONDS },
    metrics: {
      namespace: CW_AGENT_NAMESPACE,
      append_dimensions: append,
      aggregation_dimensions: [[mode === 'autoScaling' ? autoScalingGroupName : instanceId]],
      metrics_collected: {
        mem: { measurement: ['mem_used_percent'] },
        disk: { measurement: ['used_percent'], resources: ['/'], drop_device: true },
      },
    },
  };
  return JSON.stringify(config);
}
