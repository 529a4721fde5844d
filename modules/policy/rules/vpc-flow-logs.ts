import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const vpcFlowLogs: PolicyRule = {
  id: 'MLM-VPC-001',
  checkovId: 'CKV2_AWS_11',
  title: 'VPCs have flow logs',
  rationale:
    'Flow logs are the only record of which addresses talked to the instances; incident response and ' +
    'security-group tuning depend on them.',
  level: 'error',
  fix: 'add an aws_flow_log with vpc_id set to this VPC (to CloudWatch Logs with a retention, or to S3)',
  appliesTo: ['aws_vpc'],
  check: (ctx) => {
    const logs = ctx.stack.attachedTo(ctx.resource, 'aws_flow_log', 'vpc_id');
    return logs.length > 0 ? compliant() : nonCompliant('no aws_flow_log has vpc_id pointing at this VPC');
  },
};
