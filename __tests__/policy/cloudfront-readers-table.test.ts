/**
 * The CloudFront readers the distribution rules share: cache behaviors and their labels, whether a
 * distribution uses the default certificate, and how an origin reaches S3 (REST endpoint, website
 * endpoint, or not at all), by reference and by literal domain.
 */
import {
  cacheBehaviors,
  S3OriginKind,
  s3OriginKind,
  usesDefaultCertificate,
} from '../../modules/policy/cloudfront';
import { createStackView } from '../../modules/policy/stack-view';
import { Json, JsonObject } from '../../modules/policy/types';

describe('cacheBehaviors', () => {
  it.each<[string, JsonObject, [label: string, targetOriginId: Json | undefined][]]>([
    ['none', {}, []],
    [
      'the default behavior',
      { default_cache_behavior: { target_origin_id: 'web' } },
      [['default_cache_behavior', 'web']],
    ],
    [
      'the default behavior in a one-element list',
      { default_cache_behavior: [{ target_origin_id: 'web' }] },
      [['default_cache_behavior', 'web']],
    ],
    [
      'ordered behaviors by path pattern, or by position without one',
      {
        default_cache_behavior: { target_origin_id: 'web' },
        ordered_cache_behavior: [
          { path_pattern: '/api/*', target_origin_id: 'api' },
          { target_origin_id: 'other' },
          { path_pattern: 7, target_origin_id: 'odd' },
        ],
      },
      [
        ['default_cache_behavior', 'web'],
        ['ordered_cache_behavior "/api/*"', 'api'],
        ['ordered_cache_behavior #2', 'other'],
        ['ordered_cache_behavior #3', 'odd'],
      ],
    ],
    [
      'ordered behaviors without a default',
      { ordered_cache_behavior: [{ path_pattern: '*.png', target_origin_id: 'img' }] },
      [['ordered_cache_behavior "*.png"', 'img']],
    ],
  ])('%s', (_name, distribution, expected) => {
    expect(cacheBehaviors(distribution).map((b) => [b.label, b.config.target_origin_id])).toEqual(expected);
  });
});

describe('usesDefaultCertificate', () => {
  const ACM = 'arn:aws:acm:us-east-1:123456789012:certificate/0b6e2f2c-1f2d-4e8a-9a55-6c8a3f7e1d20';
  it.each<[string, JsonObject, boolean]>([
    ['no viewer_certificate', {}, true],
    ['an empty viewer_certificate', { viewer_certificate: {} }, true],
    [
      'cloudfront_default_certificate true',
      { viewer_certificate: { cloudfront_default_certificate: true } },
      true,
    ],
    [
      'cloudfront_default_certificate true next to an ACM certificate',
      { viewer_certificate: { cloudfront_default_certificate: true, acm_certificate_arn: ACM } },
      true,
    ],
    [
      'cloudfront_default_certificate false alone',
      { viewer_certificate: { cloudfront_default_certificate: false } },
      true,
    ],
    [
      'an ACM certificate',
      { viewer_certificate: [{ acm_certificate_arn: ACM, ssl_support_method: 'sni-only' }] },
      false,
    ],
    ['an IAM server certificate', { viewer_certificate: { iam_certificate_id: 'ASCAEXAMPLE123' } }, false],
  ])('%s', (_name, distribution, expected) => {
    expect(usesDefaultCertificate(distribution)).toBe(expected);
  });
});

describe('s3OriginKind', () => {
  const view = createStackView('test', {
    resource: {
      aws_s3_bucket: { site: { bucket: 'site' } },
      aws_s3_bucket_website_configuration: { site: { bucket: '${aws_s3_bucket.site.id}' } },
      aws_lb: { web: { name: 'web' } },
    },
  });
  it.each<[string, Json, S3OriginKind]>([
    [
      'a reference to a website configuration',
      '${aws_s3_bucket_website_configuration.site.website_endpoint}',
      'website',
    ],
    ['a literal website endpoint (dash region)', 'site.s3-website-us-east-1.amazonaws.com', 'website'],
    ['a literal website endpoint (dot region)', 'site.s3-website.eu-central-1.amazonaws.com', 'website'],
    [
      'a bucket reference with a website suffix',
      '${aws_s3_bucket.site.bucket}.s3-website-us-east-1.amazonaws.com',
      'website',
    ],
    ['a reference to a bucket', '${aws_s3_bucket.site.bucket_regional_domain_name}', 'rest'],
    ['a literal regional REST endpoint', 'site.s3.us-east-1.amazonaws.com', 'rest'],
    ['a literal dash-region REST endpoint', 'site.s3-us-west-2.amazonaws.com', 'rest'],
    ['a literal global REST endpoint', 'site.s3.amazonaws.com', 'rest'],
    ['a literal China REST endpoint', 'site.s3.cn-north-1.amazonaws.com.cn', 'rest'],
    ['an S3 endpoint inside another domain', 'site.s3.amazonaws.com.example.org', 'none'],
    ['a load balancer reference', '${aws_lb.web.dns_name}', 'none'],
    ['a custom domain', 'api.example.org', 'none'],
    ['no domain', 7, 'none'],
  ])('%s', (_name, domain, expected) => {
    expect(s3OriginKind({ domain_name: domain, origin_id: 'o' }, view)).toBe(expected);
  });
});
