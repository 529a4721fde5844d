import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const rdsNotPubliclyAccessible: PolicyRule = {
  id: 'MLM-RDS-002',
  checkovId: 'CKV_AWS_17',
  title: 'RDS instances are not publicly accessible',
  rationale:
    'A publicly accessible instance gets a public DNS name and address; one security group rule too ' +
    'wide exposes the database port to the internet, where it is scanned and brute-forced within minutes.',
  level: 'error',
  fix:
    'set publicly_accessible = false, place the instance in private subnets, and reach it from inside ' +
    'the VPC (application security groups, SSM port forwarding)',
  appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (ctx) =>
    isTrue(ctx.resource.config.publicly_accessible)
      ? nonCompliant('publicly_accessible is true')
      : compliant(),
};
