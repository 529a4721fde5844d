import { blocks } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const cloudfrontOriginFailover: PolicyRule = {
  id: 'MLM-CF-007',
  checkovId: 'CKV_AWS_310',
  title: 'CloudFront distributions with several origins configure origin failover',
  rationale:
    'An origin group sends requests to a second origin when the first one fails. With a single origin ' +
    'there is nothing to fail over to (a static site would need a replica bucket in another region), ' +
    'so such distributions are not applicable; checkov flags every distribution.',
  level: 'warning',
  fix: 'add an origin_group with failover_criteria (e.g. 500, 502, 503, 504) and two member origins',
  appliesTo: ['aws_cloudfront_distribution'],
  check: (ctx) => {
    const origins = blocks(ctx.resource.config.origin);
    if (origins.length < 2) return notApplicable('one origin: nothing to fail over to');
    return blocks(ctx.resource.config.origin_group).length > 0
      ? compliant()
      : nonCompliant(`${origins.length} origins and no origin_group`);
  },
};
