/**
 * The access-log line of an HTTP API stage: one JSON object per request. Keys are what a reviewer
 * searches for in Logs Insights (`filter status >= 500 | stats count() by routeKey`); values are
 * API Gateway `$context` variables. Numbers are logged as strings by API Gateway either way.
 */
export const HTTP_API_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  jwtSubject: '$context.authorizer.claims.sub',
  iamPrincipal: '$context.identity.userArn',
  userAgent: '$context.identity.userAgent',
};

/** The access-log format string: the fields above as one JSON line. */
export function httpApiAccessLogFormat(
  fields: Readonly<Record<string, string>> = HTTP_API_ACCESS_LOG_FIELDS,
): string {
  return JSON.stringify(fields);
}
