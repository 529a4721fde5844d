import { num, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const rdsEnhancedMonitoring: PolicyRule = {
  id: 'MLM-RDS-014',
  checkovId: 'CKV_AWS_118',
  title: 'RDS instances have Enhanced Monitoring',
  rationale:
    'Enhanced Monitoring reports OS metrics (per-process CPU and memory, swap, disk I/O) from an agent ' +
    'on the host; CloudWatch metrics from the hypervisor cannot tell a runaway query from memory ' +
    'pressure.',
  level: 'warning',
  fix: 'set monitoring_interval (e.g. 60) and a monitoring_role_arn with AmazonRDSEnhancedMonitoringRole',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (ctx) => {
    const interval = num(ctx.resource.config.monitoring_interval);
    return interval !== undefined && interval > 0
      ? compliant(`every ${interval} s`)
      : nonCompliant(`monitoring_interval is ${show(ctx.resource.config.monitoring_interval)}`);
  },
};
