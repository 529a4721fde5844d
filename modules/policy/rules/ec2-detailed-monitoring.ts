import { firstBlock, isFalse, isTrue } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';
import { LAUNCH_TYPES } from './ec2-imdsv2-required';

export const ec2DetailedMonitoring: PolicyRule = {
  id: 'MLM-EC2-004',
  checkovId: 'CKV_AWS_126',
  title: 'Instances and launch templates enable detailed (1-minute) CloudWatch monitoring',
  rationale:
    'Basic monitoring samples every 5 minutes, too coarse for CPU or status-check alarms on a ' +
    'single instance; detailed monitoring costs about USD 2 per instance per month.',
  level: 'warning',
  fix: 'set monitoring = true (launch templates: monitoring { enabled = true })',
  appliesTo: LAUNCH_TYPES,
  check: (ctx) => {
    const c = ctx.resource.config;
    switch (ctx.resource.type) {
      case 'aws_launch_template':
        return isTrue(firstBlock(c.monitoring)?.enabled)
          ? compliant()
          : nonCompliant('monitoring.enabled is not true');
      case 'aws_launch_configuration': // enable_monitoring defaults to true
        return isFalse(c.enable_monitoring) ? nonCompliant('enable_monitoring is false') : compliant();
      default: {
        if (isTrue(c.monitoring)) return compliant();
        const template =
          c.monitoring === undefined || c.monitoring === null ? instanceLaunchTemplate(ctx) : undefined;
        if (template && isTrue(firstBlock(template.config.monitoring)?.enabled)) {
          return compliant(fromTemplate(template).trim());
        }
        return nonCompliant(`monitoring is not true${fromTemplate(template)}`);
      }
    }
  },
};
