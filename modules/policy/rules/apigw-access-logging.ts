import { firstBlock, isNonBlank } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const apigwAccessLogging: PolicyRule = {
  id: 'MLM-APIGW-001',
  checkovId: 'CKV_AWS_76',
  title: 'API Gateway v2 stages write access logs (access_log_settings with destination and format)',
  rationale:
    'Access logs are the only record of who called which route, from which address, with which ' +
    'result and latency; without them an incident or an abuse of the API can not be reconstructed.',
  level: 'error',
  fix:
    'set access_log_settings { destination_arn = <log group ARN>, format = <JSON with $context.requestId, ' +
    '$context.identity.sourceIp, $context.routeKey, $context.status ...> } (HttpApi does)',
  appliesTo: ['aws_apigatewayv2_stage'],
  check: (ctx) => {
    const settings = firstBlock(ctx.resource.config.access_log_settings);
    if (!settings) return nonCompliant('access_log_settings is not set');
    if (!isNonBlank(settings.destination_arn))
      return nonCompliant('access_log_settings.destination_arn is empty');
    if (!isNonBlank(settings.format)) return nonCompliant('access_log_settings.format is empty');
    return compliant();
  },
};
