import { Construct } from 'constructs';
import { Annotations, Lazy, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { bucketNameProblems, isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { CLOUDFRONT_ACTIONS } from '../iam/actions/cloudfront';
import { SecureBucket } from '../s3/secure-bucket';
import { WebAcl } from '../waf/web-acl';
import { AccessLogFormat, CloudFrontAccessLogs } from './cloudfront-access-logs';
import { CLOUDFRONT_HOSTED_ZONE_ID, MANAGED_CACHE_POLICIES } from './cloudfront-constants';

/** A custom domain: the names the site answers to and their certificate. */
export interface StaticSiteDomain {
  /**
   * Host names (CloudFront aliases), e.g. `['www.example.com', 'example.com']`; a leading `*.`
   * wildcard is allowed. Each needs a DNS record (an alias to {@link StaticSite.distributionDomainName}
   * in zone {@link CLOUDFRONT_HOSTED_ZONE_ID}) created elsewhere.
   */
  readonly domainNames: string[];
  /**
   * ACM certificate covering every name. CloudFront only uses certificates from us-east-1, so
   * the ARN must name that region.
   */
  readonly certificateArn: string;
}

/** CloudFront's edge-location price classes (which edges serve the site). */
export type PriceClass = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';

/**
 * The minimum viewer TLS policy with a custom domain: the strongest one AWS provider 5.100
 * accepts (`TLSv1.2_2025` and `TLSv1.3_2025` exist in CloudFront but the provider's validation
 * predates them). TLS 1.2 and 1.3 only, with forward-secret AEAD ciphers.
 */
export const MINIMUM_PROTOCOL_VERSION = 'TLSv1.2_2021';

/** Values of the `Referrer-Policy` header. */
export type ReferrerPolicy =
  | 'no-referrer'
  | 'no-referrer-when-downgrade'
  | 'origin'
  | 'origin-when-cross-origin'
  | 'same-origin'
  | 'strict-origin'
  | 'strict-origin-when-cross-origin'
  | 'unsafe-url';
const REFERRER_POLICIES: readonly ReferrerPolicy[] = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

/** The security headers CloudFront adds to every response (overriding the origin's). */
export interface SecurityHeaders {
  /** `Strict-Transport-Security` max-age, 0 to 63,072,000 (2 years). @default 31536000 (1 year) */
  readonly hstsMaxAgeInSeconds?: number;
  /** HSTS `includeSubDomains`: every subdomain is HTTPS-only too. @default true */
  readonly hstsIncludeSubdomains?: boolean;
  /**
   * HSTS `preload`: lets the domain be submitted to the browsers' built-in HSTS list. Hard to
   * undo (removal takes months) and needs max-age of 1 year or more and includeSubDomains.
   * @default false
   */
  readonly hstsPreload?: boolean;
  /** `X-Frame-Options`. `DENY` stops every site (including this one) from framing pages. @default 'DENY' */
  readonly frameOptions?: 'DENY' | 'SAMEORIGIN';
  /** `Referrer-Policy`. @default 'strict-origin-when-cross-origin' */
  readonly referrerPolicy?: ReferrerPolicy;
  /**
   * `Content-Security-Policy`. The default forbids plugins, `<base>` hijacking and framing, and
   * upgrades HTTP subresources, without limiting where scripts, styles or API calls come from
   * (the module can't know the app's sources). Set a full policy with `default-src` for real XSS
   * protection, e.g. `default-src 'self'; connect-src 'self' https://api.example.com; ...`.
   * @default DEFAULT_CONTENT_SECURITY_POLICY
   */
  readonly contentSecurityPolicy?: string;
}

/** Geographic restriction by viewer country. */
export interface GeoRestriction {
  /** `allow`: only these countries; `deny`: everyone except these countries. */
  readonly type: 'allow' | 'deny';
  /** ISO 3166-1 alpha-2 country codes, e.g. `['DE', 'FR']`. */
  readonly countries: string[];
}

/** CloudFront standard logging (v2); see {@link CloudFrontAccessLogs}. */
export interface StaticSiteAccessLogs {
  /**
   * `s3`: the log bucket, under `cloudfront/`; `cloudWatchLogs`: a log group
   * `/aws/cloudfront/<name>` in us-east-1 (queryable with Logs Insights, dearer to store).
   * @default 's3'
   */
  readonly destination?: 's3' | 'cloudWatchLogs';
  /** Record format (`parquet` for S3 only). @default 'json' */
  readonly outputFormat?: AccessLogFormat;
}

/** Props of {@link StaticSite}. */
export interface StaticSiteProps {
  /**
   * Name of the site's CloudFront resources (origin access control, response headers policy,
   * log delivery): 1-40 letters, digits, `-` or `_`, unique in the account, e.g. `shop-prod-web`.
   */
  readonly name: string;
  /** Name of the private bucket holding the files (globally unique, S3 naming rules). */
  readonly bucketName: string;
  /**
   * Custom domain names and their us-east-1 ACM certificate. Without it the site is served at
   * `<id>.cloudfront.net` with CloudFront's default certificate, whose TLS policy (TLSv1) can't be
   * raised (synthesis warns).
   * @default - the cloudfront.net domain and certificate
   */
  readonly domain?: StaticSiteDomain;
  /** Security headers of the response headers policy. @default - see {@link SecurityHeaders} */
  readonly securityHeaders?: SecurityHeaders;
  /**
   * Single-page-app fallback: origin 403 and 404 responses (a missing object: the bucket grants
   * no `s3:ListBucket`, so S3 answers 403) become `/index.html` with status 200, so client-side
   * routes such as `/orders/42` load the app. Turn it off for a plain static site with its own
   * error pages.
   * @default true
   */
  readonly spaFallback?: boolean;
  /** Seconds CloudFront caches those fallback responses. @default 10 */
  readonly errorCachingMinTtlInSeconds?: number;
  /** Object served for `/`. @default 'index.html' */
  readonly defaultRootObject?: string;
  /**
   * Which edge locations serve the site: `PriceClass_100` (North America, Europe, Israel) is the
   * cheapest; viewers elsewhere get a farther edge.
   * @default 'PriceClass_100'
   */
  readonly priceClass?: PriceClass;
  /** Allow or deny viewers by country. @default - no restriction */
  readonly geoRestriction?: GeoRestriction;
  /**
   * Cache policy of the default behavior, by id (see {@link MANAGED_CACHE_POLICIES}).
   * @default MANAGED_CACHE_POLICIES.CachingOptimized
   */
  readonly cachePolicyId?: string;
  /**
   * Origin request policy of the default behavior, by id (see MANAGED_ORIGIN_REQUEST_POLICIES),
   * e.g. `CorsS3Origin` when the bucket serves CORS requests.
   * @default - none: S3 needs no viewer headers
   */
  readonly originRequestPolicyId?: string;
  /**
   * ARN of a WAFv2 web ACL of scope `CLOUDFRONT` (e.g. `WebAcl.webAclArn`), which filters every
   * request before it reaches the cache.
   * @default - no web ACL (policy rule MLM-CF-004 warns)
   */
  readonly webAclArn?: string;
  /**
   * Access logs (CloudFront standard logging v2). `false` turns them off: the site then has no
   * record of who requested what, and policy rule MLM-CF-003 fails until suppressed with a reason.
   * @default - S3, a log bucket created here, 90 days, JSON
   */
  readonly accessLogs?: StaticSiteAccessLogs | false;
  /**
   * An existing log bucket (SSE-S3) for the site bucket's S3 server access logs (under
   * `s3-access/`) and, with the S3 destination, the CloudFront logs (under `cloudfront/`). The
   * delivery statements are added to its policy. Its own lifecycle rules decide retention.
   * @default - a SecureBucket `<bucketName>-logs` is created, expiring objects after
   *   `logRetentionInDays`
   */
  readonly logBucket?: SecureBucket;
  /**
   * Days logs are kept: the expiry of the created log bucket, and the retention of the
   * CloudWatch Logs destination.
   * @default 90
   */
  readonly logRetentionInDays?: number;
  /**
   * Provider for us-east-1, used for the log delivery resources (and a log group destination).
   * Needed when the stack's default provider is in another region; synthesis fails when it is
   * known to be and this is missing. The distribution itself is global and uses the default
   * provider.
   * @default - the stack's default AWS provider
   */
  readonly usEast1Provider?: TerraformProvider;
  /** Serve over IPv6 too. @default true */
  readonly ipv6Enabled?: boolean;
  /** HTTP versions offered to viewers. @default 'http2and3' */
  readonly httpVersion?: 'http1.1' | 'http2' | 'http2and3' | 'http3';
  /** Distribution comment (shown in the console). @default - "<name> static site" */
  readonly comment?: string;
  /**
   * Let `terraform destroy` delete the buckets with their files and logs. For throwaway
   * environments only.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Tags for every resource; each also gets `Name`. @default - none */
  readonly tags?: Tags;
}

/** The Content-Security-Policy used when none is given. */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

const NAME_RE = /^[\w-]{1,40}$/;
const HOST_RE = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERT_ARN_RE = /^arn:aws(-cn|-us-gov)?:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
const WEB_ACL_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:wafv2:([a-z0-9-]+):\d{12}:(global|regional)\/webacl\/[\w-]+\/[0-9a-f-]{36}$/;
const POLICY_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;
const OBJECT_KEY_RE = /^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,254}$/;
const COMMENT_MAX = 128;
const CSP_MAX = 1783;

/**
 * A static website on a private S3 bucket behind CloudFront.
 *
 * - The bucket is a {@link SecureBucket} (versioned, encrypted, public access blocked, ACLs off,
 *   TLS-only). CloudFront reads it through an origin access control that signs every request
 *   (SigV4, `always`); the bucket policy statement allows `s3:GetObject` only to
 *   `cloudfront.amazonaws.com` with `AWS:SourceArn` = this distribution, so no other
 *   distribution, in this or any account, can read it.
 * - Viewers are redirected to HTTPS; with a domain, the minimum TLS policy is TLSv1.2_2021.
 * - A response headers policy adds HSTS (1 year, includeSubDomains), X-Content-Type-Options,
 *   X-Frame-Options DENY, Referrer-Policy and a Content-Security-Policy.
 * - 403/404 from the bucket become `/index.html` (SPA routing), `/` serves `index.html`;
 *   compression, HTTP/2 and HTTP/3, IPv6; PriceClass_100.
 * - Access logs through CloudFront standard logging v2 into a log bucket that keeps ACLs disabled
 *   (see {@link CloudFrontAccessLogs} for why not legacy logging); the same bucket receives the
 *   site bucket's S3 server access logs.
 *
 * Deploy with a role that has {@link grantDeploy}: `aws s3 sync ./dist s3://<bucket> --delete`,
 * then `aws cloudfront create-invalidation --distribution-id <id> --paths '/index.html'`.
 */
export class StaticSite extends Construct {
  public readonly distribution: CloudfrontDistribution;
  public readonly distributionId: string;
  public readonly distributionArn: string;
  /** `<id>.cloudfront.net`: the target of DNS alias records. */
  public readonly distributionDomainName: string;
  /** Hosted zone of every distribution, for Route 53 alias records ({@link CLOUDFRONT_HOSTED_ZONE_ID}). */
  public readonly hostedZoneId: string = CLOUDFRONT_HOSTED_ZONE_ID;
  /** The bucket holding the files. */
  public readonly bucket: SecureBucket;
  /** The log bucket created here (undefined when `logBucket` was passed). */
  public readonly logBucket?: SecureBucket;
  /** The access log delivery, when logs are on. */
  public readonly accessLogs?: CloudFrontAccessLogs;
  public readonly originAccessControlId: string;
  public readonly responseHeadersPolicyId: string;
  /** `https://<first domain name>`, or `https://<id>.cloudfront.net` without a domain. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    requireProps(this, props, { 'name?': 'string', 'bucketName?': 'string' });
    const v = new Validator(this);
    validateStaticSite(v, props, this);
    v.throwIfInvalid();

    const tags = props.tags;
    const logs = props.accessLogs ?? {};
    const retention = props.logRetentionInDays ?? 90;
    const forceDestroy = props.forceDestroy ?? false;
    // The site bucket is created below; its ARN is resolved at synthesis.
    const siteBucketArn = Lazy.stringValue({ produce: () => this.bucket.bucketArn });

    let logBucket: SecureBucket;
    if (props.logBucket) {
      logBucket = props.logBucket;
      logBucket.addToResourcePolicy(serverAccessLogStatement(logBucket, siteBucketArn));
    } else {
      this.logBucket = new SecureBucket(this, 'log-bucket', {
        bucketName: `${props.bucketName}-logs`,
        serverAccessLogsDelivery: {
          sourceBucketArns: [siteBucketArn],
          targetPrefix: SERVER_ACCESS_LOG_PREFIX,
        },
        lifecycleRules: [
          { id: 'expire-logs', status: 'Enabled', filter: [{}], expiration: [{ days: retention }] },
        ],
        noncurrentVersionExpirationInDays: 7,
        forceDestroy,
        tags,
      });
      logBucket = this.logBucket;
    }

    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      forceDestroy,
      accessLogging: {
        targetBucket: logBucket.bucketName,
        targetPrefix: SERVER_ACCESS_LOG_PREFIX,
        partitionedPrefix: true,
      },
      tags,
    });

    const oac = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
      name: `${props.name}-s3`,
      description: `Signed reads of ${props.bucketName} by the ${props.name} distribution`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    this.originAccessControlId = oac.id;

    const h = props.securityHeaders ?? {};
    const headers = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: `${props.name}-security-headers`,
      comment: `Security headers of ${props.name}`,
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: h.hstsMaxAgeInSeconds ?? 31_536_000,
          includeSubdomains: h.hstsIncludeSubdomains ?? true,
          preload: h.hstsPreload ?? false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: h.frameOptions ?? 'DENY', override: true },
        referrerPolicy: {
          referrerPolicy: h.referrerPolicy ?? 'strict-origin-when-cross-origin',
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: h.contentSecurityPolicy ?? DEFAULT_CONTENT_SECURITY_POLICY,
          override: true,
        },
      },
    });
    this.responseHeadersPolicyId = headers.id;

    const spa = props.spaFallback ?? true;
    const ttl = props.errorCachingMinTtlInSeconds ?? 10;
    const geo = props.geoRestriction;
    const domain = props.domain;
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: props.comment ?? `${props.name} static site`,
      aliases: domain ? [...domain.domainNames] : undefined,
      defaultRootObject: props.defaultRootObject ?? 'index.html',
      httpVersion: props.httpVersion ?? 'http2and3',
      isIpv6Enabled: props.ipv6Enabled ?? true,
      priceClass: props.priceClass ?? 'PriceClass_100',
      webAclId: props.webAclArn,
      origin: [
        {
          originId: ORIGIN_ID,
          domainName: this.bucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: props.cachePolicyId ?? MANAGED_CACHE_POLICIES.CachingOptimized,
        originRequestPolicyId: props.originRequestPolicyId,
        responseHeadersPolicyId: headers.id,
      },
      customErrorResponse: spa
        ? [403, 404].map((errorCode) => ({
            errorCode,
            responseCode: 200,
            responsePagePath: '/index.html',
            errorCachingMinTtl: ttl,
          }))
        : undefined,
      restrictions: {
        geoRestriction: geo
          ? {
              restrictionType: geo.type === 'allow' ? 'whitelist' : 'blacklist',
              locations: [...geo.countries],
            }
          : { restrictionType: 'none' },
      },
      viewerCertificate: domain
        ? {
            acmCertificateArn: domain.certificateArn,
            sslSupportMethod: 'sni-only',
            minimumProtocolVersion: MINIMUM_PROTOCOL_VERSION,
          }
        : { cloudfrontDefaultCertificate: true },
      tags: withName(props.name, tags),
    });
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.distributionDomainName = this.distribution.domainName;
    this.url = domain ? `https://${domain.domainNames[0]}` : `https://${this.distribution.domainName}`;

    // Only this distribution may read the files (confused-deputy protection: AWS:SourceArn).
    this.bucket.addToResourcePolicy({
      sid: 'AllowCloudFrontOriginAccessControlRead',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [`${this.bucket.bucketArn}/*`],
      condition: [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [this.distribution.arn] }],
    });

    if (logs) {
      this.accessLogs = new CloudFrontAccessLogs(this, 'access-logs', {
        name: props.name,
        distributionArn: this.distribution.arn,
        destination:
          (logs.destination ?? 's3') === 's3'
            ? { type: 's3', bucket: logBucket, prefix: CLOUDFRONT_LOG_PREFIX }
            : { type: 'cloudWatchLogs', retentionInDays: retention },
        outputFormat: logs.outputFormat,
        provider: props.usEast1Provider,
        tags,
      });
    }

    if (!domain) {
      Annotations.of(this).addWarning(
        `${props.name}: no domain, so viewers connect with CloudFront's default *.cloudfront.net certificate ` +
          "and TLS is at CloudFront's default (TLSv1 minimum, not configurable); set domain for TLSv1.2_2021",
      );
    }
  }

  /**
   * What a deploy pipeline needs: list, put and delete objects in the bucket (`aws s3 sync
   * --delete`), and create and follow invalidations of this distribution only.
   */
  public grantDeploy(grantee: IGrantable): void {
    this.bucket.grantWrite(grantee);
    grantee.addStatements({
      sid: 'CloudFrontInvalidate',
      effect: 'Allow',
      actions: [...CLOUDFRONT_ACTIONS.invalidate],
      resources: [this.distributionArn],
    });
  }
}

/** Origin id of the bucket in the distribution. */
export const ORIGIN_ID = 's3-site';
/** Key prefix of CloudFront access logs in the log bucket. */
export const CLOUDFRONT_LOG_PREFIX = 'cloudfront/';
/** Key prefix of the site bucket's S3 server access logs in the log bucket. */
export const SERVER_ACCESS_LOG_PREFIX = 's3-access/';

function validateStaticSite(v: Validator, props: StaticSiteProps, scope: Construct): void {
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-40 letters, digits, "-" or "_"',
    'use a short name such as "shop-prod-web"',
  );
  const nameProblems = bucketNameProblems(props.bucketName ?? '');
  v.check(
    nameProblems.length === 0,
    'bucketName',
    props.bucketName,
    `is not a valid S3 bucket name (${nameProblems.join('; ')})`,
    'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
  );
  const toCloudWatch = props.accessLogs ? props.accessLogs.destination === 'cloudWatchLogs' : false;
  if (props.logBucket === undefined && nameProblems.length === 0) {
    v.check(
      props.bucketName.length <= 58,
      'bucketName',
      props.bucketName,
      'is too long for the log bucket "<bucketName>-logs" (63 characters at most)',
      'use a bucket name of 58 characters or fewer, or pass logBucket',
    );
  }
  v.check(
    props.logBucket === undefined || props.logBucket.kmsKeyArn === undefined,
    'logBucket',
    props.logBucket?.kmsKeyArn,
    'is encrypted with a KMS key; S3 server access logs and CloudFront log delivery need SSE-S3',
    'pass a log bucket with SSE-S3 (the SecureBucket default)',
  );
  v.check(
    !(props.logBucket !== undefined && props.logRetentionInDays !== undefined && !toCloudWatch),
    'logRetentionInDays',
    props.logRetentionInDays,
    'has no effect on an existing log bucket (its lifecycle rules decide)',
    'remove logRetentionInDays, or let the module create the log bucket',
  );
  if (toCloudWatch) {
    v.checkOptional(
      props.logRetentionInDays,
      (d) => isValidLogRetention(d) && d !== 0,
      'logRetentionInDays',
      'is not a retention CloudWatch Logs accepts (the access logs go to a log group)',
      `use an accepted value such as ${nearestLogRetention(props.logRetentionInDays ?? 1)}`,
    );
  } else {
    v.checkIntRange(props.logRetentionInDays, 1, 36_500, 'logRetentionInDays');
  }

  const domain = props.domain;
  if (domain) {
    const names = domain.domainNames ?? [];
    v.check(
      names.length >= 1 && names.length <= 100,
      'domain.domainNames',
      names,
      'must list 1 to 100 host names',
      'list the names the site answers to, e.g. ["www.example.com"]',
    );
    names.forEach((n, i) =>
      v.checkOptional(
        n,
        (x) => x.length <= 253 && HOST_RE.test(x),
        `domain.domainNames[${i}]`,
        'is not a lower-case host name (a leading "*." wildcard is allowed)',
        'use a name such as "www.example.com" or "*.example.com"',
      ),
    );
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    v.check(dupes.length === 0, 'domain.domainNames', dupes, 'lists a name twice', 'list each name once');
    const cert = domain.certificateArn;
    v.checkOptional(
      cert,
      (a) => CERT_ARN_RE.test(a),
      'domain.certificateArn',
      'is not an ACM certificate ARN',
      'pass "arn:aws:acm:us-east-1:<account>:certificate/<id>"',
    );
    const certRegion = typeof cert === 'string' ? CERT_ARN_RE.exec(cert)?.[2] : undefined;
    v.check(
      certRegion === undefined || certRegion === 'us-east-1',
      'domain.certificateArn',
      cert,
      `is in ${certRegion}, but CloudFront only uses ACM certificates from us-east-1`,
      'request or import the certificate in us-east-1 (an aliased us-east-1 provider) and pass that ARN',
    );
  }
  const h = props.securityHeaders ?? {};
  v.checkIntRange(h.hstsMaxAgeInSeconds, 0, 63_072_000, 'securityHeaders.hstsMaxAgeInSeconds');
  if (h.hstsPreload) {
    v.check(
      (h.hstsMaxAgeInSeconds ?? 31_536_000) >= 31_536_000 && (h.hstsIncludeSubdomains ?? true),
      'securityHeaders.hstsPreload',
      true,
      'needs a max-age of at least 31536000 seconds and includeSubDomains (the preload list rejects the domain otherwise)',
      'keep hstsMaxAgeInSeconds >= 31536000 and hstsIncludeSubdomains true, or turn preload off',
    );
  }
  v.check(
    h.frameOptions === undefined || h.frameOptions === 'DENY' || h.frameOptions === 'SAMEORIGIN',
    'securityHeaders.frameOptions',
    h.frameOptions,
    'must be "DENY" or "SAMEORIGIN"',
    'use "DENY" (default) or "SAMEORIGIN"',
  );
  v.check(
    h.referrerPolicy === undefined || REFERRER_POLICIES.includes(h.referrerPolicy),
    'securityHeaders.referrerPolicy',
    h.referrerPolicy,
    'is not a Referrer-Policy value',
    `use one of ${REFERRER_POLICIES.join(', ')}`,
  );
  v.checkOptional(
    h.contentSecurityPolicy,
    (c) => c.trim().length > 0 && c.length <= CSP_MAX && !/[\r\n]/.test(c),
    'securityHeaders.contentSecurityPolicy',
    `must be one line of 1-${CSP_MAX} characters`,
    "write directives separated by '; ', e.g. \"default-src 'self'\"",
  );

  v.checkIntRange(props.errorCachingMinTtlInSeconds, 0, 31_536_000, 'errorCachingMinTtlInSeconds');
  v.check(
    !(props.spaFallback === false && props.errorCachingMinTtlInSeconds !== undefined),
    'errorCachingMinTtlInSeconds',
    props.errorCachingMinTtlInSeconds,
    'only applies to the SPA fallback, which is off',
    'remove it, or leave spaFallback on',
  );
  v.checkOptional(
    props.defaultRootObject,
    (o) => OBJECT_KEY_RE.test(o),
    'defaultRootObject',
    'is not an object key (no leading "/", 1-255 characters)',
    'use a key such as "index.html"',
  );
  v.check(
    props.priceClass === undefined ||
      ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'].includes(props.priceClass),
    'priceClass',
    props.priceClass,
    'is not a CloudFront price class',
    'use "PriceClass_100" (default), "PriceClass_200" or "PriceClass_All"',
  );
  const geo = props.geoRestriction;
  if (geo) {
    v.check(
      geo.type === 'allow' || geo.type === 'deny',
      'geoRestriction.type',
      geo.type,
      'must be "allow" or "deny"',
      'use "allow" (only these countries) or "deny" (all but these)',
    );
    const countries = geo.countries ?? [];
    const bad = countries.filter((c) => !Token.isUnresolved(c) && !COUNTRY_RE.test(c));
    v.check(
      countries.length > 0 && bad.length === 0,
      'geoRestriction.countries',
      bad,
      countries.length === 0 ? 'is empty' : 'has entries that are not ISO 3166-1 alpha-2 codes',
      'list upper-case two-letter codes such as "DE" or "US"',
    );
  }
  for (const field of ['cachePolicyId', 'originRequestPolicyId'] as const) {
    v.checkOptional(
      props[field],
      (p) => POLICY_ID_RE.test(p),
      field,
      'is not a CloudFront policy id (a UUID)',
      "use an id from MANAGED_CACHE_POLICIES / MANAGED_ORIGIN_REQUEST_POLICIES, or a created policy's id",
    );
  }
  checkWebAcl(v, props.webAclArn, scope);
  v.checkOptional(
    props.comment,
    (c) => c.length <= COMMENT_MAX,
    'comment',
    `is longer than ${COMMENT_MAX} characters`,
    'shorten the comment',
  );
  v.check(
    props.httpVersion === undefined || ['http1.1', 'http2', 'http2and3', 'http3'].includes(props.httpVersion),
    'httpVersion',
    props.httpVersion,
    'is not an HTTP version CloudFront offers',
    'use "http2and3" (default), "http2", "http3" or "http1.1"',
  );

  const l = props.accessLogs;
  if (l) {
    v.check(
      l.destination === undefined || l.destination === 's3' || l.destination === 'cloudWatchLogs',
      'accessLogs.destination',
      l.destination,
      'must be "s3" or "cloudWatchLogs"',
      'use "s3" (default) or "cloudWatchLogs"',
    );
  }
}

/** What SecureBucket's serverAccessLogsDelivery adds, for a log bucket passed in. */
function serverAccessLogStatement(
  logBucket: SecureBucket,
  sourceBucketArn: string,
): DataAwsIamPolicyDocumentStatement {
  return {
    sid: 'AllowSiteServerAccessLogDelivery',
    effect: 'Allow',
    principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
    actions: ['s3:PutObject'],
    resources: [`${logBucket.bucketArn}/${SERVER_ACCESS_LOG_PREFIX}*`],
    condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceBucketArn] }],
  };
}

/** The web ACL must be a CLOUDFRONT (global, us-east-1) one. */
function checkWebAcl(v: Validator, arn: string | undefined, scope: Construct): void {
  if (arn === undefined) return;
  if (Token.isUnresolved(arn)) {
    // A reference: when it is a WebAcl of this stack, its scope is known.
    const acl = TerraformStack.of(scope)
      .node.findAll()
      .find((c): c is WebAcl => c instanceof WebAcl && c.webAclArn === arn);
    v.check(
      acl === undefined || acl.scope === 'CLOUDFRONT',
      'webAclArn',
      acl?.node.path,
      'names a REGIONAL web ACL; CloudFront only accepts web ACLs of scope CLOUDFRONT',
      "create the WebAcl with scope: 'CLOUDFRONT' (in us-east-1)",
    );
    return;
  }
  const m = WEB_ACL_ARN_RE.exec(arn);
  v.check(
    m !== null,
    'webAclArn',
    arn,
    'is not a WAFv2 web ACL ARN',
    'pass "arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>", e.g. WebAcl.webAclArn',
  );
  v.check(
    m === null || (m[3] === 'global' && m[2] === 'us-east-1'),
    'webAclArn',
    arn,
    'names a REGIONAL web ACL; CloudFront only accepts web ACLs of scope CLOUDFRONT (global, us-east-1)',
    "create the WebAcl with scope: 'CLOUDFRONT' (in us-east-1)",
  );
}
