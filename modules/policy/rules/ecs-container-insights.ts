import { blocks, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecsContainerInsights: PolicyRule = {
  id: 'MLM-ECS-001',
  checkovId: 'CKV_AWS_65',
  title: 'ECS clusters have Container Insights enabled',
  rationale:
    'Without Container Insights there are no per-service task counts, so an alarm on running tasks ' +
    'below the minimum has no data, and CPU and memory are known only as service averages. It costs ' +
    'custom-metric charges (roughly USD 1-3 per service per month), so it is a warning.',
  level: 'warning',
  fix: 'add setting { name = "containerInsights", value = "enabled" } (or "enhanced") to the cluster',
  appliesTo: ['aws_ecs_cluster'],
  check: (ctx) => {
    const setting = blocks(ctx.resource.config.setting).find((s) => str(s.name) === 'containerInsights');
    const value = str(setting?.value);
    if (value === 'enabled' || value === 'enhanced') return compliant(`containerInsights is ${value}`);
    return nonCompliant(
      value === undefined ? 'setting containerInsights is not set' : `containerInsights is "${value}"`,
    );
  },
};
