import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  CLOUDFRONT_HOSTED_ZONE_ID,
  DEFAULT_CONTENT_SECURITY_POLICY,
  MANAGED_CACHE_POLICIES,
  MANAGED_ORIGIN_REQUEST_POLICIES,
  StaticSite,
  StaticSiteProps,
} from '../../../modules/static-site';
import { SecureBucket } from '../../../modules/s3';
import { Role } from '../../../modules/iam';
import { WebAcl } from '../../../modules/waf';
import { policyFindings, validationProblems } from '../../support/construct-checks';

type Block = Record<string, unknown>;
interface Synthesized {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
const DOMAIN = { domainNames: ['www.example.com', 'example.com'], certificateArn: CERT };
const REF = (type: string, id: string, attr: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${id}_[0-9A-F]+\\.${attr}\\}$`));

function build(
  props: Partial<StaticSiteProps> = {},
  region = 'us-east-1',
  extra?: (s: TerraformStack) => void,
) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  extra?.(stack);
  const site = new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test', ...props });
  return { stack, site };
}

function synth(props: Partial<StaticSiteProps> = {}) {
  const { stack, site } = build(props);
  const json = JSON.parse(Testing.synth(stack)) as Synthesized;
  const byId = (type: string, id: string) => {
    const key = Object.keys(json.resource[type] ?? {}).find((k) => new RegExp(`^${id}_[0-9A-F]+$`).test(k));
    return key === undefined ? undefined : json.resource[type][key];
  };
  const policy = (id: string) =>
    (Object.entries(json.data.aws_iam_policy_document).find(([k]) => k.startsWith(`${id}_`))?.[1].statement ??
      []) as DataAwsIamPolicyDocumentStatement[];
  return { stack, site, json, byId, policy };
}

describe('StaticSite defaults', () => {
  const { site, json, byId, policy, stack } = synth();
  const dist = byId('aws_cloudfront_distribution', 'site_distribution') as Block;

  it('keeps the files in a private SecureBucket that logs to the log bucket', () => {
    expect(byId('aws_s3_bucket', 'site_bucket')).toMatchObject({
      bucket: 'shop-web-test',
      force_destroy: false,
    });
    expect(byId('aws_s3_bucket_public_access_block', 'site_bucket_public-access-block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(byId('aws_s3_bucket_logging', 'site_bucket_access-logging')).toEqual({
      bucket: REF('aws_s3_bucket', 'site_bucket', 'id'),
      target_bucket: REF('aws_s3_bucket', 'site_log-bucket', 'bucket'),
      target_prefix: 's3-access/',
      target_object_key_format: { partitioned_prefix: { partition_date_source: 'EventTime' } },
    });
  });

  it('creates the log bucket "<bucketName>-logs", expiring logs after 90 days', () => {
    expect(byId('aws_s3_bucket', 'site_log-bucket')).toMatchObject({ bucket: 'shop-web-test-logs' });
    const rules = (byId('aws_s3_bucket_lifecycle_configuration', 'site_log-bucket_lifecycle') as Block)
      .rule as Block[];
    expect(rules.find((r) => r.id === 'expire-logs')).toEqual({
      id: 'expire-logs',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 90 }],
    });
    expect(byId('aws_s3_bucket_ownership_controls', 'site_log-bucket_ownership')).toMatchObject({
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('reads the bucket through an origin access control that always signs with SigV4', () => {
    expect(byId('aws_cloudfront_origin_access_control', 'site_origin-access-control')).toEqual({
      name: 'shop-s3',
      description: 'Signed reads of shop-web-test by the shop distribution',
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
    expect(dist.origin).toEqual([
      {
        origin_id: 's3-site',
        domain_name: REF('aws_s3_bucket', 'site_bucket', 'bucket_regional_domain_name'),
        origin_access_control_id: REF(
          'aws_cloudfront_origin_access_control',
          'site_origin-access-control',
          'id',
        ),
      },
    ]);
  });

  it('lets only this distribution read objects (AWS:SourceArn), after the TLS-only deny', () => {
    const statements = policy('site_bucket_policy-document');
    expect(statements.map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'AllowCloudFrontOriginAccessControlRead',
    ]);
    expect(statements[1]).toEqual({
      sid: 'AllowCloudFrontOriginAccessControlRead',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [expect.stringMatching(/^\$\{aws_s3_bucket\.site_bucket_[0-9A-F]+\.arn\}\/\*$/)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'AWS:SourceArn',
          values: [REF('aws_cloudfront_distribution', 'site_distribution', 'arn')],
        },
      ],
    });
  });

  it('redirects to HTTPS, compresses, and caches with CachingOptimized and the security headers', () => {
    expect(dist.default_cache_behavior).toEqual({
      target_origin_id: 's3-site',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
      cached_methods: ['GET', 'HEAD'],
      compress: true,
      cache_policy_id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      response_headers_policy_id: REF(
        'aws_cloudfront_response_headers_policy',
        'site_security-headers',
        'id',
      ),
    });
  });

  it('serves index.html for "/" and for 403/404 (SPA routes), over HTTP/2 and 3 and IPv6, from PriceClass_100', () => {
    expect(dist).toMatchObject({
      enabled: true,
      comment: 'shop static site',
      default_root_object: 'index.html',
      http_version: 'http2and3',
      is_ipv6_enabled: true,
      price_class: 'PriceClass_100',
      restrictions: { geo_restriction: { restriction_type: 'none' } },
      tags: { Name: 'shop' },
    });
    expect(dist.custom_error_response).toEqual([
      { error_code: 403, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
      { error_code: 404, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
    ]);
    expect(dist.aliases).toBeUndefined();
    expect(dist.web_acl_id).toBeUndefined();
  });

  it("uses CloudFront's default certificate without a domain, and warns that TLS is at CloudFront's default", () => {
    expect(dist.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    const warnings = site.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining("TLS is at CloudFront's default (TLSv1 minimum")]);
  });

  it('adds HSTS for a year with subdomains, nosniff, DENY framing, a referrer policy and a baseline CSP', () => {
    expect(byId('aws_cloudfront_response_headers_policy', 'site_security-headers')).toEqual({
      name: 'shop-security-headers',
      comment: 'Security headers of shop',
      security_headers_config: {
        strict_transport_security: {
          access_control_max_age_sec: 31536000,
          include_subdomains: true,
          preload: false,
          override: true,
        },
        content_type_options: { override: true },
        frame_options: { frame_option: 'DENY', override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        content_security_policy: {
          content_security_policy:
            "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
          override: true,
        },
      },
    });
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toBe(
      "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
  });

  it('delivers access logs (standard logging v2) as JSON to the log bucket under cloudfront/', () => {
    expect(byId('aws_cloudwatch_log_delivery_source', 'site_access-logs_source')).toEqual({
      name: 'shop-access-logs',
      log_type: 'ACCESS_LOGS',
      resource_arn: REF('aws_cloudfront_distribution', 'site_distribution', 'arn'),
      tags: { Name: 'shop-access-logs' },
    });
    expect(byId('aws_cloudwatch_log_delivery_destination', 'site_access-logs_destination')).toEqual({
      name: 'shop-access-logs-s3',
      output_format: 'json',
      delivery_destination_configuration: [
        {
          destination_resource_arn: expect.stringMatching(
            /^\$\{aws_s3_bucket\.site_log-bucket_[0-9A-F]+\.arn\}\/cloudfront$/,
          ),
        },
      ],
      tags: { Name: 'shop-access-logs-s3' },
    });
    expect(byId('aws_cloudwatch_log_delivery', 'site_access-logs_delivery')).toMatchObject({
      delivery_source_name: REF('aws_cloudwatch_log_delivery_source', 'site_access-logs_source', 'name'),
      delivery_destination_arn: REF(
        'aws_cloudwatch_log_delivery_destination',
        'site_access-logs_destination',
        'arn',
      ),
      s3_delivery_configuration: [
        { suffix_path: '{DistributionId}/{yyyy}/{MM}/{dd}/{HH}', enable_hive_compatible_path: false },
      ],
    });
    expect(site.accessLogs?.location).toMatch(/^s3:\/\/\$\{TfToken\[TOKEN\.\d+\]\}\/cloudfront\/$/);
  });

  it("scopes the log bucket's delivery statements to this account's delivery source and to the site bucket", () => {
    const statements = policy('site_log-bucket_policy-document');
    expect(statements.map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'AllowS3ServerAccessLogDelivery',
      'AllowCloudFrontLogDelivery',
      'AllowCloudFrontLogDeliveryCheck',
    ]);
    expect(statements[1].condition).toEqual([
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [REF('aws_s3_bucket', 'site_bucket', 'arn')] },
    ]);
    const delivery = statements[2];
    expect(delivery.principals).toEqual([{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }]);
    expect(delivery.actions).toEqual(['s3:PutObject']);
    expect(delivery.resources).toEqual([expect.stringMatching(/\.arn\}\/cloudfront\/\*$/)]);
    const dist = 'aws_cloudfront_distribution\\.site_distribution_[0-9A-F]+\\.arn';
    expect(delivery.condition).toEqual([
      { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
      {
        test: 'StringEquals',
        variable: 'aws:SourceAccount',
        values: [expect.stringMatching(new RegExp(`^\\$\\{element\\(split\\(":", ${dist}\\), 4\\)\\}$`))],
      },
      {
        test: 'ArnLike',
        variable: 'aws:SourceArn',
        values: [
          expect.stringMatching(/:logs:us-east-1:\$\{element\(.*\), 4\)\}:delivery-source:shop-access-logs$/),
        ],
      },
    ]);
  });

  it('exposes the distribution, the hosted zone id and the bucket', () => {
    expect(site.hostedZoneId).toBe('Z2FDTNDATAQYW2');
    expect(CLOUDFRONT_HOSTED_ZONE_ID).toBe('Z2FDTNDATAQYW2');
    expect(site.url).toMatch(/^https:\/\/\$\{TfToken/);
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
  });

  it('passes the policy pack, warning only about the missing WAF and the default certificate', () => {
    expect(policyFindings(stack)).toMatchObject({
      errors: [],
      warnings: ['MLM-CF-004 test/site/distribution', 'MLM-CF-009 test/site/distribution'],
    });
  });
});

describe('StaticSite with a domain, a web ACL and a us-east-1 provider', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const use1 = new AwsProvider(stack, 'use1', { region: 'us-east-1', alias: 'use1' });
  const waf = new WebAcl(stack, 'waf', { name: 'shop-edge', scope: 'CLOUDFRONT', provider: use1 });
  const site = new StaticSite(stack, 'site', {
    name: 'shop',
    bucketName: 'shop-web-test',
    domain: DOMAIN,
    webAclArn: waf.webAclArn,
    usEast1Provider: use1,
  });
  const json = JSON.parse(Testing.synth(stack)) as Synthesized;
  const dist = Object.values(json.resource.aws_cloudfront_distribution)[0];

  it('answers to the names with the ACM certificate, SNI and TLSv1.2_2021', () => {
    expect(dist.aliases).toEqual(['www.example.com', 'example.com']);
    expect(dist.viewer_certificate).toEqual({
      acm_certificate_arn: CERT,
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
    expect(site.url).toBe('https://www.example.com');
    expect(site.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });

  it('attaches the web ACL and creates the log delivery with the us-east-1 provider', () => {
    expect(dist.web_acl_id).toMatch(/^\$\{aws_wafv2_web_acl\.waf_web-acl_[0-9A-F]+\.arn\}$/);
    for (const type of [
      'aws_cloudwatch_log_delivery_source',
      'aws_cloudwatch_log_delivery_destination',
      'aws_cloudwatch_log_delivery',
    ]) {
      expect(Object.values(json.resource[type])[0].provider).toBe('aws.use1');
    }
    expect(dist.provider).toBeUndefined();
  });

  it('passes the policy pack with only the WAF log group KMS warning', () => {
    expect(policyFindings(stack)).toMatchObject({ errors: [], warnings: ['MLM-LOG-002 test/waf/log-group'] });
  });
});

describe('StaticSite options', () => {
  it('sets custom headers, cache and origin request policies, geo restriction, price class and HTTP version', () => {
    const { byId } = synth({
      securityHeaders: {
        hstsMaxAgeInSeconds: 63_072_000,
        hstsPreload: true,
        frameOptions: 'SAMEORIGIN',
        referrerPolicy: 'no-referrer',
        contentSecurityPolicy: "default-src 'self'",
      },
      cachePolicyId: MANAGED_CACHE_POLICIES.UseOriginCacheControlHeaders,
      originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICIES.CorsS3Origin,
      geoRestriction: { type: 'allow', countries: ['DE', 'FR'] },
      priceClass: 'PriceClass_All',
      httpVersion: 'http2',
      ipv6Enabled: false,
      defaultRootObject: 'home.html',
      comment: 'shop front end',
      errorCachingMinTtlInSeconds: 0,
    });
    const headers = (byId('aws_cloudfront_response_headers_policy', 'site_security-headers') as Block)
      .security_headers_config as Block;
    expect(headers).toMatchObject({
      strict_transport_security: {
        access_control_max_age_sec: 63072000,
        include_subdomains: true,
        preload: true,
      },
      frame_options: { frame_option: 'SAMEORIGIN' },
      referrer_policy: { referrer_policy: 'no-referrer' },
      content_security_policy: { content_security_policy: "default-src 'self'" },
    });
    const dist = byId('aws_cloudfront_distribution', 'site_distribution') as Block;
    expect(dist).toMatchObject({
      price_class: 'PriceClass_All',
      http_version: 'http2',
      is_ipv6_enabled: false,
      default_root_object: 'home.html',
      comment: 'shop front end',
      restrictions: { geo_restriction: { restriction_type: 'whitelist', locations: ['DE', 'FR'] } },
      default_cache_behavior: {
        cache_policy_id: '83da9c7e-98b4-4e11-a168-04f0df8e2c65',
        origin_request_policy_id: '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
      },
    });
    expect((dist.custom_error_response as Block[]).map((r) => r.error_caching_min_ttl)).toEqual([0, 0]);
  });

  it('denies countries with a blacklist', () => {
    const { byId } = synth({ geoRestriction: { type: 'deny', countries: ['KP'] } });
    expect((byId('aws_cloudfront_distribution', 'site_distribution') as Block).restrictions).toEqual({
      geo_restriction: { restriction_type: 'blacklist', locations: ['KP'] },
    });
  });

  it('drops the SPA fallback on request', () => {
    const { byId } = synth({ spaFallback: false });
    expect(
      (byId('aws_cloudfront_distribution', 'site_distribution') as Block).custom_error_response,
    ).toBeUndefined();
  });

  it('lets destroy empty the buckets with forceDestroy', () => {
    const { byId } = synth({ forceDestroy: true });
    expect(byId('aws_s3_bucket', 'site_bucket')).toMatchObject({ force_destroy: true });
    expect(byId('aws_s3_bucket', 'site_log-bucket')).toMatchObject({ force_destroy: true });
  });

  it('keeps the log bucket for S3 server access logs with access logs off, and MLM-CF-003 then fails', () => {
    const { json, byId, stack } = synth({ accessLogs: false });
    expect(json.resource.aws_cloudwatch_log_delivery_source).toBeUndefined();
    expect(byId('aws_s3_bucket_logging', 'site_bucket_access-logging')).toBeDefined();
    expect(policyFindings(stack).errors).toEqual(['MLM-CF-003 test/site/distribution']);
  });

  it('sends access logs to a us-east-1 log group with the CloudWatch Logs destination', () => {
    const { json, byId, site } = synth({
      accessLogs: { destination: 'cloudWatchLogs', outputFormat: 'plain' },
      logRetentionInDays: 30,
    });
    expect(byId('aws_cloudwatch_log_group', 'site_access-logs_log-group')).toEqual({
      name: '/aws/cloudfront/shop',
      retention_in_days: 30,
      tags: { Name: '/aws/cloudfront/shop' },
    });
    expect(byId('aws_cloudwatch_log_delivery_destination', 'site_access-logs_destination')).toMatchObject({
      name: 'shop-access-logs-cwl',
      output_format: 'plain',
      delivery_destination_configuration: [
        { destination_resource_arn: REF('aws_cloudwatch_log_group', 'site_access-logs_log-group', 'arn') },
      ],
    });
    expect(
      byId('aws_cloudwatch_log_delivery', 'site_access-logs_delivery')?.s3_delivery_configuration,
    ).toBeUndefined();
    const logBucketPolicy = Object.entries(json.data.aws_iam_policy_document).find(([k]) =>
      k.startsWith('site_log-bucket_policy'),
    )?.[1];
    expect(JSON.stringify(logBucketPolicy)).not.toContain('delivery.logs.amazonaws.com');
    expect(site.accessLogs?.logGroup).toBeDefined();
  });

  it('uses an existing log bucket, adding both delivery statements to its policy', () => {
    let logs: SecureBucket | undefined;
    const { stack, site } = build({}, 'us-east-1', (s) => {
      logs = new SecureBucket(s, 'central-logs', {
        bucketName: 'central-logs-test',
        accessLogging: { targetBucket: 'audit-logs' },
      });
    });
    const withLogBucket = new StaticSite(stack, 'site2', {
      name: 'shop2',
      bucketName: 'shop2-web-test',
      logBucket: logs,
    });
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    expect(site.logBucket).toBeDefined();
    expect(withLogBucket.logBucket).toBeUndefined();
    expect(Object.keys(json.resource.aws_s3_bucket).filter((k) => k.startsWith('site2_'))).toHaveLength(1);
    const statements = (Object.entries(json.data.aws_iam_policy_document).find(([k]) =>
      k.startsWith('central-logs_policy'),
    )?.[1].statement ?? []) as DataAwsIamPolicyDocumentStatement[];
    expect(statements.map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'AllowSiteServerAccessLogDelivery',
      'AllowCloudFrontLogDelivery',
      'AllowCloudFrontLogDeliveryCheck',
    ]);
    expect(statements[1]).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      resources: [expect.stringMatching(/\.arn\}\/s3-access\/\*$/)],
    });
    const logging = Object.entries(json.resource.aws_s3_bucket_logging).find(([k]) =>
      k.startsWith('site2_'),
    )?.[1];
    expect(logging?.target_bucket).toMatch(/^\$\{aws_s3_bucket\.central-logs_bucket_[0-9A-F]+\.bucket\}$/);
  });
});

describe('StaticSite.grantDeploy', () => {
  it('grants list, put and delete in the bucket and invalidations of this distribution only', () => {
    const { stack, site } = build();
    const role = new Role(stack, 'deployer', { name: 'deployer', assumedBy: ['codebuild.amazonaws.com'] });
    site.grantDeploy(role);
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    const statements = Object.entries(json.data.aws_iam_policy_document).find(([k]) =>
      k.startsWith('deployer_policy-document'),
    )?.[1].statement as DataAwsIamPolicyDocumentStatement[];
    expect(statements.map((s) => [s.sid, s.actions, s.resources])).toEqual([
      ['BucketList', ['s3:ListBucket'], [REF('aws_s3_bucket', 'site_bucket', 'arn')]],
      ['BucketBucket', ['s3:ListBucketMultipartUploads'], [REF('aws_s3_bucket', 'site_bucket', 'arn')]],
      [
        'BucketObjects',
        [
          's3:PutObject',
          's3:PutObjectTagging',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        [expect.stringMatching(/^\$\{aws_s3_bucket\.site_bucket_[0-9A-F]+\.arn\}\/\*$/)],
      ],
      [
        'CloudFrontInvalidate',
        ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation', 'cloudfront:ListInvalidations'],
        [REF('aws_cloudfront_distribution', 'site_distribution', 'arn')],
      ],
    ]);
  });
});

describe('StaticSite validation', () => {
  const REGIONAL_ACL =
    'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/12345678-1234-1234-1234-123456789012';
  it.each<[string, Partial<StaticSiteProps>, string, unknown, RegExp, RegExp]>([
    ['a name with a dot', { name: 'shop.web' }, 'name', 'shop.web', /1-40 letters/, /shop-prod-web/],
    ['a name of 41 characters', { name: 'a'.repeat(41) }, 'name', 'a'.repeat(41), /1-40/, /short name/],
    [
      'an upper-case bucket name',
      { bucketName: 'Shop' },
      'bucketName',
      'Shop',
      /lowercase letters/,
      /3-63 lowercase/,
    ],
    [
      'a bucket name too long for "-logs"',
      { bucketName: 'a'.repeat(59) },
      'bucketName',
      'a'.repeat(59),
      /"<bucketName>-logs"/,
      /58 characters or fewer, or pass logBucket/,
    ],
    [
      'a domain without names',
      { domain: { domainNames: [], certificateArn: CERT } },
      'domain.domainNames',
      [],
      /1 to 100 host names/,
      /www\.example\.com/,
    ],
    [
      'an upper-case host name',
      { domain: { domainNames: ['WWW.example.com'], certificateArn: CERT } },
      'domain.domainNames[0]',
      'WWW.example.com',
      /lower-case host name/,
      /\*\.example\.com/,
    ],
    [
      'a host name listed twice',
      { domain: { domainNames: ['a.example.com', 'a.example.com'], certificateArn: CERT } },
      'domain.domainNames',
      ['a.example.com'],
      /lists a name twice/,
      /once/,
    ],
    [
      'a certificate ARN from eu-west-1',
      {
        domain: { domainNames: ['www.example.com'], certificateArn: CERT.replace('us-east-1', 'eu-west-1') },
      },
      'domain.certificateArn',
      CERT.replace('us-east-1', 'eu-west-1'),
      /is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1/,
      /us-east-1/,
    ],
    [
      'an IAM certificate ARN',
      {
        domain: {
          domainNames: ['www.example.com'],
          certificateArn: 'arn:aws:iam::123456789012:server-certificate/x',
        },
      },
      'domain.certificateArn',
      'arn:aws:iam::123456789012:server-certificate/x',
      /not an ACM certificate ARN/,
      /acm:us-east-1/,
    ],
    [
      'HSTS max-age above 2 years',
      { securityHeaders: { hstsMaxAgeInSeconds: 63_072_001 } },
      'securityHeaders.hstsMaxAgeInSeconds',
      63_072_001,
      /0 to 63072000/,
      /0 to 63072000/,
    ],
    [
      'preload with a short max-age',
      { securityHeaders: { hstsPreload: true, hstsMaxAgeInSeconds: 86_400 } },
      'securityHeaders.hstsPreload',
      true,
      /at least 31536000 seconds and includeSubDomains/,
      /turn preload off/,
    ],
    [
      'preload without subdomains',
      { securityHeaders: { hstsPreload: true, hstsIncludeSubdomains: false } },
      'securityHeaders.hstsPreload',
      true,
      /includeSubDomains/,
      /hstsIncludeSubdomains true/,
    ],
    [
      'frame options ALLOW-FROM',
      { securityHeaders: { frameOptions: 'ALLOW-FROM' as never } },
      'securityHeaders.frameOptions',
      'ALLOW-FROM',
      /"DENY" or "SAMEORIGIN"/,
      /DENY/,
    ],
    [
      'an unknown referrer policy',
      { securityHeaders: { referrerPolicy: 'never' as never } },
      'securityHeaders.referrerPolicy',
      'never',
      /not a Referrer-Policy value/,
      /strict-origin/,
    ],
    [
      'a CSP over two lines',
      { securityHeaders: { contentSecurityPolicy: "default-src 'self';\nimg-src *" } },
      'securityHeaders.contentSecurityPolicy',
      "default-src 'self';\nimg-src *",
      /one line/,
      /directives separated/,
    ],
    [
      'an error TTL with the fallback off',
      { spaFallback: false, errorCachingMinTtlInSeconds: 5 },
      'errorCachingMinTtlInSeconds',
      5,
      /only applies to the SPA fallback/,
      /leave spaFallback on/,
    ],
    [
      'a negative error TTL',
      { errorCachingMinTtlInSeconds: -1 },
      'errorCachingMinTtlInSeconds',
      -1,
      /0 to 31536000/,
      /0 to 31536000/,
    ],
    [
      'a root object with a leading slash',
      { defaultRootObject: '/index.html' },
      'defaultRootObject',
      '/index.html',
      /no leading "\/"/,
      /index\.html/,
    ],
    [
      'an unknown price class',
      { priceClass: 'PriceClass_50' as never },
      'priceClass',
      'PriceClass_50',
      /not a CloudFront price class/,
      /PriceClass_100/,
    ],
    [
      'lower-case country codes',
      { geoRestriction: { type: 'allow', countries: ['de'] } },
      'geoRestriction.countries',
      ['de'],
      /ISO 3166-1 alpha-2/,
      /upper-case two-letter/,
    ],
    [
      'an empty country list',
      { geoRestriction: { type: 'deny', countries: [] } },
      'geoRestriction.countries',
      [],
      /is empty/,
      /two-letter/,
    ],
    [
      'a geo type "block"',
      { geoRestriction: { type: 'block' as never, countries: ['DE'] } },
      'geoRestriction.type',
      'block',
      /"allow" or "deny"/,
      /all but these/,
    ],
    [
      'a cache policy name instead of id',
      { cachePolicyId: 'CachingOptimized' },
      'cachePolicyId',
      'CachingOptimized',
      /not a CloudFront policy id/,
      /MANAGED_CACHE_POLICIES/,
    ],
    [
      'an origin request policy name',
      { originRequestPolicyId: 'CORS-S3Origin' },
      'originRequestPolicyId',
      'CORS-S3Origin',
      /policy id/,
      /MANAGED_ORIGIN_REQUEST_POLICIES/,
    ],
    [
      'a regional web ACL ARN',
      { webAclArn: REGIONAL_ACL },
      'webAclArn',
      REGIONAL_ACL,
      /REGIONAL web ACL/,
      /scope: 'CLOUDFRONT'/,
    ],
    [
      'something that is no web ACL ARN',
      { webAclArn: 'arn:aws:waf::123456789012:webacl/x' },
      'webAclArn',
      'arn:aws:waf::123456789012:webacl/x',
      /not a WAFv2 web ACL ARN/,
      /global\/webacl/,
    ],
    [
      'a comment of 129 characters',
      { comment: 'c'.repeat(129) },
      'comment',
      'c'.repeat(129),
      /longer than 128/,
      /shorten/,
    ],
    [
      'HTTP version 3 only spelled wrong',
      { httpVersion: 'h3' as never },
      'httpVersion',
      'h3',
      /not an HTTP version/,
      /http2and3/,
    ],
    [
      'an unknown log destination',
      { accessLogs: { destination: 'firehose' as never } },
      'accessLogs.destination',
      'firehose',
      /"s3" or "cloudWatchLogs"/,
      /s3/,
    ],
    [
      'a 2-day retention for a log group',
      { accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 2 },
      'logRetentionInDays',
      2,
      /CloudWatch Logs accepts/,
      /such as 3$/,
    ],
    [
      'a retention of 0 days for the log bucket',
      { logRetentionInDays: 0 },
      'logRetentionInDays',
      0,
      /1 to 36500/,
      /1 to 36500/,
    ],
  ])('refuses %s', (_n, props, field, value, problem, fix) => {
    expect(validationProblems(() => build(props))).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it('refuses a KMS-encrypted log bucket, and a retention for it', () => {
    const problems = validationProblems(() =>
      build({}, 'us-east-1', (s) => {
        const logs = new SecureBucket(s, 'logs', {
          bucketName: 'central-logs-test',
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        });
        new StaticSite(s, 'other', {
          name: 'other',
          bucketName: 'other-web-test',
          logBucket: logs,
          logRetentionInDays: 30,
        });
      }),
    );
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['logBucket', expect.stringMatching(/need SSE-S3/)],
      ['logRetentionInDays', expect.stringMatching(/no effect on an existing log bucket/)],
    ]);
  });

  it('refuses a REGIONAL WebAcl passed by reference', () => {
    const problems = validationProblems(() =>
      build({}, 'us-east-1', (s) => {
        const acl = new WebAcl(s, 'api-waf', { name: 'api', scope: 'REGIONAL' });
        new StaticSite(s, 'other', { name: 'other', bucketName: 'other-web-test', webAclArn: acl.webAclArn });
      }),
    );
    expect(problems).toEqual([
      {
        field: 'webAclArn',
        value: 'test/api-waf',
        problem: expect.stringMatching(/REGIONAL web ACL/),
        fix: expect.stringMatching(/CLOUDFRONT/),
      },
    ]);
  });

  it('refuses log delivery when the default provider is outside us-east-1 and no us-east-1 provider is given', () => {
    const problems = validationProblems(() => build({}, 'eu-west-1'));
    expect(problems).toEqual([
      {
        field: 'provider',
        value: 'eu-west-1',
        problem: expect.stringMatching(
          /not in us-east-1, where CloudFront log delivery sources must be created/,
        ),
        fix: expect.stringMatching(/provider for us-east-1/),
      },
    ]);
  });

  it.each<[string, Partial<StaticSiteProps>]>([
    ['a name of 40 characters', { name: 'a'.repeat(40) }],
    ['a bucket name of 58 characters', { bucketName: 'a'.repeat(58) }],
    ['a wildcard alias', { domain: { domainNames: ['*.example.com'], certificateArn: CERT } }],
    [
      'HSTS max-age of 2 years with preload',
      { securityHeaders: { hstsMaxAgeInSeconds: 63_072_000, hstsPreload: true } },
    ],
    ['HSTS max-age 0', { securityHeaders: { hstsMaxAgeInSeconds: 0 } }],
    ['an error TTL of 0', { errorCachingMinTtlInSeconds: 0 }],
    [
      'a global web ACL ARN',
      {
        webAclArn:
          'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/12345678-1234-1234-1234-123456789012',
      },
    ],
    ['a comment of 128 characters', { comment: 'c'.repeat(128) }],
    ['a 1-day retention', { logRetentionInDays: 1 }],
    ['a 3-day log group retention', { accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 3 }],
    ['parquet to S3', { accessLogs: { outputFormat: 'parquet' } }],
    ['a CLOUDFRONT WebAcl by reference', {}],
  ])('accepts %s', (_n, props) => {
    expect(() =>
      build(props, 'us-east-1', (s) => {
        if (_n.includes('WebAcl')) {
          const acl = new WebAcl(s, 'edge', { name: 'edge', scope: 'CLOUDFRONT' });
          new StaticSite(s, 'other', {
            name: 'other',
            bucketName: 'other-web-test',
            webAclArn: acl.webAclArn,
          });
        }
      }),
    ).not.toThrow();
  });

  it('refuses parquet for the CloudWatch Logs destination (reported by the log delivery)', () => {
    const problems = validationProblems(() =>
      build({ accessLogs: { destination: 'cloudWatchLogs', outputFormat: 'parquet' } }),
    );
    expect(problems).toEqual([
      {
        field: 'outputFormat',
        value: 'parquet',
        problem: expect.stringMatching(/CloudWatch Logs/),
        fix: 'use one of json, plain',
      },
    ]);
  });
});
