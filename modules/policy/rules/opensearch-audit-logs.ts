import { OPENSEARCH_DOMAIN_TYPES, publishedLogTypes } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchAuditLogs: PolicyRule = {
  id: 'MLM-OS-009',
  checkovId: 'CKV_AWS_317',
  title: 'OpenSearch domains publish audit logs to CloudWatch Logs',
  rationale:
    'Audit logs record who authenticated and which indexes and documents they read or changed: the ' +
    'evidence an incident response needs. They require fine-grained access control, and the events to ' +
    'log are chosen in the security plugin.',
  level: 'error',
  fix: 'add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... } (OpenSearchDomain does)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) =>
    publishedLogTypes(ctx.resource.config).includes('AUDIT_LOGS')
      ? compliant()
      : nonCompliant('AUDIT_LOGS is not published'),
};
