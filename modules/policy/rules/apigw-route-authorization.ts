import { show, str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const apigwRouteAuthorization: PolicyRule = {
  id: 'MLM-APIGW-002',
  checkovId: 'CKV_AWS_309',
  title: 'API Gateway v2 routes require authorization (authorization_type JWT, AWS_IAM or CUSTOM)',
  rationale:
    'A route with authorization_type NONE can be called by anyone on the internet who finds the URL, ' +
    'and each call runs (and bills) the integration. Routes that must be open, such as a health check, ' +
    'are suppressed one by one with the reason. CORS preflight (OPTIONS) routes are exempt.',
  level: 'error',
  fix:
    'set authorization_type = "JWT" with an authorizer_id (e.g. a Cognito user pool), or "AWS_IAM"; for a ' +
    'public route, suppress MLM-APIGW-002 with the reason (HttpApi: auth { publicReason })',
  appliesTo: ['aws_apigatewayv2_route'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const key = str(c.route_key) ?? '';
    if (key.startsWith('OPTIONS ')) return notApplicable('CORS preflight route');
    const type = str(c.authorization_type) ?? 'NONE';
    if (type === 'NONE')
      return nonCompliant(`route ${show(key)} has authorization_type ${show(c.authorization_type)}`);
    if ((type === 'JWT' || type === 'CUSTOM') && !str(c.authorizer_id)) {
      return nonCompliant(`route ${show(key)} is ${type} without authorizer_id`);
    }
    return compliant(type);
  },
};
