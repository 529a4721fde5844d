import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const rdsMultiAz: PolicyRule = {
  id: 'MLM-RDS-007',
  checkovId: 'CKV_AWS_157',
  title: 'RDS instances are Multi-AZ',
  rationale:
    'A single-AZ instance is down for the whole of an AZ outage or a host failure (a restore takes ' +
    'tens of minutes); Multi-AZ fails over to a synchronous standby in one to two minutes. It doubles ' +
    'the instance cost, so development environments commonly accept the warning.',
  level: 'warning',
  fix: 'set multi_az = true for production, or accept the warning for development',
  appliesTo: ['aws_db_instance'],
  check: (ctx) => (isTrue(ctx.resource.config.multi_az) ? compliant() : nonCompliant('multi_az is not true')),
};
