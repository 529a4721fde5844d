/**
 * API Gateway HTTP APIs: routes to Lambda, JWT or IAM authorization, throttling, access logs,
 * custom domain with TLS 1.2. Import from `@ml-platform/cdktf-aws/http-api`.
 * @packageDocumentation
 */
export { HttpApi, cognitoIssuer } from './http-api';
export type {
  HttpApiCors,
  HttpApiDomain,
  HttpApiJwtAuthorizer,
  HttpApiProps,
  HttpApiThrottle,
  HttpMethod,
  HttpRoute,
  RouteAuth,
} from './http-api';
export { HTTP_API_ACCESS_LOG_FIELDS, httpApiAccessLogFormat } from './access-log-format';
export { MAX_ROUTES_PER_API } from './validation';
