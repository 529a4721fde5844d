/**
 * A static site: private S3 bucket behind CloudFront with origin access control, HTTPS only
 * with TLS 1.2, security headers, access logs, optional WAF and custom domain. Import from
 * `@ml-platform/cdktf-aws/static-site`.
 * @packageDocumentation
 */
export { StaticSite, DEFAULT_CONTENT_SECURITY_POLICY, MINIMUM_PROTOCOL_VERSION } from './static-site';
export type {
  GeoRestriction,
  PriceClass,
  ReferrerPolicy,
  SecurityHeaders,
  StaticSiteAccessLogs,
  StaticSiteDomain,
  StaticSiteProps,
} from './static-site';
export { CloudFrontAccessLogs } from './cloudfront-access-logs';
export type {
  AccessLogFormat,
  AccessLogsToCloudWatchLogs,
  AccessLogsToS3,
  CloudFrontAccessLogsProps,
} from './cloudfront-access-logs';
export {
  CLOUDFRONT_HOSTED_ZONE_ID,
  MANAGED_CACHE_POLICIES,
  MANAGED_ORIGIN_REQUEST_POLICIES,
  MANAGED_RESPONSE_HEADERS_POLICIES,
} from './cloudfront-constants';
