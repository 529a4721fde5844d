import { firstBlock, isNonBlank, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontAccessLogging: PolicyRule = {
  id: 'MLM-CF-003',
  checkovId: 'CKV_AWS_86',
  title: 'CloudFront distributions have access logging (standard logging v2 or legacy)',
  rationale:
    'Access logs are the only record of which client requested which path and got which status at ' +
    'the edge; CloudTrail does not see viewer requests. Standard logging v2 (a CloudWatch Logs delivery ' +
    'source of type ACCESS_LOGS) counts as well as the legacy logging_config.',
  level: 'error',
  fix:
    'add an aws_cloudwatch_log_delivery_source (log_type ACCESS_LOGS, resource_arn = the distribution ARN) ' +
    'with an aws_cloudwatch_log_delivery (StaticSite does this), or suppress MLM-CF-003 with the reason',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) => {
    const legacy = firstBlock(ctx.resource.config.logging_config);
    if (legacy && isNonBlank(legacy.bucket)) return compliant('legacy logging_config');
    const sources = ctx.stack
      .attachedTo(ctx.resource, 'aws_cloudwatch_log_delivery_source', 'resource_arn')
      .filter((s) => str(s.config.log_type) === 'ACCESS_LOGS');
    if (sources.length === 0) {
      return nonCompliant('no logging_config and no ACCESS_LOGS delivery source points at this distribution');
    }
    const delivered = sources.filter(
      (s) =>
        ctx.stack.attachedTo(s, 'aws_cloudwatch_log_delivery', 'delivery_source_name', ['name']).length > 0,
    );
    return delivered.length > 0
      ? compliant('standard logging v2')
      : nonCompliant(`delivery source ${sources[0].path} has no aws_cloudwatch_log_delivery`);
  },
};
