/**
 * CloudFront values that are the same in every account, as constants, so no stack needs a data
 * source (and an AWS call) to look them up. Ids from the CloudFront developer guide: "Use managed
 * cache policies", "Use managed origin request policies", "Use managed response headers
 * policies".
 */

/** Managed cache policies (the `cache_policy_id` of a cache behavior). */
export const MANAGED_CACHE_POLICIES = {
  /** No query strings or cookies in the cache key; gzip and brotli cached. Static files. */
  CachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  /** Like CachingOptimized, without compressed variants. */
  CachingOptimizedForUncompressedObjects: 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d',
  /** TTL 0: every request goes to the origin. APIs, dynamic content. */
  CachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  /** Honours the origin's Cache-Control; no query strings in the key. */
  UseOriginCacheControlHeaders: '83da9c7e-98b4-4e11-a168-04f0df8e2c65',
  /** Honours the origin's Cache-Control; query strings in the key. */
  UseOriginCacheControlHeadersQueryStrings: '4cc15a8a-d715-48a4-82b8-cc0b614638fe',
  /** For AWS Amplify origins. */
  Amplify: '2e54312d-136d-493c-8eb9-b001f22f67d2',
  /** For AWS Elemental MediaPackage origins. */
  ElementalMediaPackage: '08627262-05a9-4f76-9ded-b50ca2e3a84f',
} as const;

/** Managed origin request policies (the `origin_request_policy_id` of a cache behavior). */
export const MANAGED_ORIGIN_REQUEST_POLICIES = {
  /** Every viewer header, cookie and query string. */
  AllViewer: '216adef6-5c7f-47e4-b989-5492eafa07d3',
  /** Every viewer value except Host (for origins that check Host, e.g. API Gateway, Lambda URLs). */
  AllViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  /** Every viewer value plus the CloudFront-* headers. */
  AllViewerAndCloudFrontHeaders: '33f36d7e-f396-46d9-90e0-52428a34d9dc',
  /** CORS headers (Origin, Access-Control-Request-*) for S3 origins. */
  CorsS3Origin: '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
  /** The Origin header for custom origins. */
  CorsCustomOrigin: '59781a5b-3903-41f3-afcb-af62929ccde1',
  /** User-Agent and Referer. */
  UserAgentRefererHeaders: 'acba4595-bd28-49b8-b9fe-13317c0390fa',
} as const;

/** Managed response headers policies (the `response_headers_policy_id` of a cache behavior). */
export const MANAGED_RESPONSE_HEADERS_POLICIES = {
  /** HSTS, X-Content-Type-Options, X-Frame-Options SAMEORIGIN, Referrer-Policy, X-XSS-Protection. */
  SecurityHeadersPolicy: '67f7725c-6f97-4210-82d7-5512b31e9d03',
  /** SimpleCORS plus the security headers. */
  CorsAndSecurityHeadersPolicy: 'e61eb60c-9c35-4d20-a928-2b84e02af89c',
  /** Access-Control-Allow-Origin: * on simple requests. */
  SimpleCors: '60669652-455b-4ae9-85a4-c4c02393f86c',
  /** CORS including preflight responses. */
  CorsWithPreflight: '5cc3b908-e619-4b99-88e5-2cf7f45965bd',
  /** CORS with preflight plus the security headers. */
  CorsWithPreflightAndSecurityHeadersPolicy: 'eaab4381-ed33-4a86-88ca-d9558dc6cd63',
} as const;

/**
 * The Route 53 hosted zone id of every CloudFront distribution, for alias records
 * (`alias { name = <distribution domain>, zone_id = "Z2FDTNDATAQYW2" }`).
 */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';
