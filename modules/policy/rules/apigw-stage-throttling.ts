import { firstBlock, num, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const apigwStageThrottling: PolicyRule = {
  id: 'MLM-APIGW-003',
  title: 'API Gateway v2 stages throttle requests (default_route_settings burst and rate limits)',
  rationale:
    'Without stage throttling an API accepts up to the account limit (10,000 requests per second), and ' +
    'every accepted request invokes and bills the backend: a flood or a client bug becomes a bill. A ' +
    'limit sized to the expected traffic turns the excess into 429 responses. It can cut legitimate ' +
    'peaks, so it is a warning.',
  level: 'warning',
  fix: 'set default_route_settings { throttling_burst_limit, throttling_rate_limit } (HttpApi: throttle)',
  appliesTo: ['aws_apigatewayv2_stage'],
  check: (ctx) => {
    const s = firstBlock(ctx.resource.config.default_route_settings);
    const burst = num(s?.throttling_burst_limit);
    const rate = typeof s?.throttling_rate_limit === 'number' ? s.throttling_rate_limit : undefined;
    if (burst === undefined || rate === undefined) {
      return nonCompliant(
        `default_route_settings throttling_burst_limit is ${show(s?.throttling_burst_limit)} and ` +
          `throttling_rate_limit is ${show(s?.throttling_rate_limit)}`,
      );
    }
    return compliant(`burst ${burst}, rate ${rate}/s`);
  },
};
