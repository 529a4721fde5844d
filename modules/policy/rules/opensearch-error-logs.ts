import { OPENSEARCH_DOMAIN_TYPES, publishedLogTypes } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchErrorLogs: PolicyRule = {
  id: 'MLM-OS-008',
  checkovId: 'CKV_AWS_84',
  title: 'OpenSearch domains publish their error (application) logs to CloudWatch Logs',
  rationale:
    'Error logs are the only record of shard failures, mapping errors, out-of-memory kills and ' +
    'snapshot problems; without them a red cluster is diagnosed blind. Checkov CKV_AWS_84 accepts any ' +
    'log type; this rule wants the error log specifically (slow logs are tuning aids).',
  level: 'error',
  fix:
    'add log_publishing_options { log_type = "ES_APPLICATION_LOGS", cloudwatch_log_group_arn = ... } and a ' +
    'CloudWatch Logs resource policy for es.amazonaws.com (OpenSearchDomain does both)',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const types = publishedLogTypes(ctx.resource.config);
    return types.includes('ES_APPLICATION_LOGS')
      ? compliant()
      : nonCompliant(`ES_APPLICATION_LOGS is not published (published: ${types.join(', ') || 'none'})`);
  },
};
