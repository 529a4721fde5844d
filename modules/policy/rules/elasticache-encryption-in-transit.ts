import { isTrue, show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const elasticacheEncryptionInTransit: PolicyRule = {
  id: 'MLM-EC-002',
  checkovId: 'CKV_AWS_30',
  title: 'ElastiCache replication groups require TLS (transit encryption on, mode "required")',
  rationale:
    'Without TLS every command, key and value, and any AUTH password or IAM token, crosses the VPC in ' +
    'clear text. Mode "preferred" (used while migrating) still accepts plain-text clients, so only ' +
    '"required" counts; IAM authentication needs TLS as well.',
  level: 'error',
  fix: 'set transit_encryption_enabled = true and leave transit_encryption_mode unset or "required"',
  appliesTo: ['aws_elasticache_replication_group'],
  check: (ctx) => {
    const c = ctx.resource.config;
    if (!isTrue(c.transit_encryption_enabled)) {
      return nonCompliant(`transit_encryption_enabled is ${show(c.transit_encryption_enabled)}`);
    }
    const mode = str(c.transit_encryption_mode);
    if (mode !== undefined && mode !== 'required') {
      return nonCompliant(`transit_encryption_mode is "${mode}", which still accepts plain-text connections`);
    }
    return compliant();
  },
};
