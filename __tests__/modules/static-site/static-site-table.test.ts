import { AnnotationMetadataEntryType, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  CloudFrontAccessLogs,
  type CloudFrontAccessLogsProps,
  StaticSite,
  type StaticSiteProps,
} from '../../../modules/static-site';
import { SecureBucket } from '../../../modules/s3';
import { Role } from '../../../modules/iam';
import { WebAcl } from '../../../modules/waf';
import { invalidMessage, outcomeOf, synthJson } from '../../support/synth-json';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/12345678-1234-1234-1234-123456789012';
const POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const DISTRIBUTION_ARN = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
interface Statement {
  sid?: string;
  effect?: string;
  principals?: unknown;
  actions?: string[];
  resources?: string[];
  condition?: unknown;
}

/** A value as error messages show it: strings quoted, other values as JSON cut to 200 characters. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

/** Table rows [label, value]: long values are named by their length in test names. */
function rows(...values: string[]): Array<[string, string]> {
  return values.map((v) => [v.length > 40 ? `${v.length} characters` : JSON.stringify(v), v]);
}

function newStack(region = 'us-east-1'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

function synthOf(stack: TerraformStack): { resources: Blocks; statements: Statement[] } {
  const { json } = synthJson(stack);
  const docs = Object.values((json.data ?? {}).aws_iam_policy_document ?? {}) as Array<{
    statement?: Statement[];
  }>;
  return { resources: (json.resource ?? {}) as Blocks, statements: docs.flatMap((d) => d.statement ?? []) };
}

/** The whole ValidationError message of building the site, or "accepted". */
const siteOutcome = (props: Partial<StaticSiteProps>, stack = newStack()): string =>
  outcomeOf(() => new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test', ...props }));
const site = (...problems: string[]) => invalidMessage('test/site', ...problems);

function siteResources(props: Partial<StaticSiteProps>): Blocks {
  const stack = newStack();
  new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test', ...props });
  return synthOf(stack).resources;
}
const only = (blocks: Blocks, type: string) => Object.values(blocks[type] ?? {});

describe('CloudFrontAccessLogs, built on its own', () => {
  function logs(props: Partial<CloudFrontAccessLogsProps>, bucketProps: { kmsKeyArn?: string } = {}) {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'logs', { bucketName: 'shop-logs-test', ...bucketProps });
    const destination =
      props.destination?.type === 'cloudWatchLogs'
        ? props.destination
        : { ...props.destination, type: 's3', bucket };
    const construct = new CloudFrontAccessLogs(stack, 'access', {
      name: 'shop',
      distributionArn: DISTRIBUTION_ARN,
      ...props,
      destination,
    } as CloudFrontAccessLogsProps);
    return { stack, bucket, construct };
  }
  const outcome = (
    props: Partial<CloudFrontAccessLogsProps>,
    bucketProps: { kmsKeyArn?: string } = {},
  ): string => outcomeOf(() => logs(props, bucketProps));
  const invalid = (...problems: string[]) => invalidMessage('test/access', ...problems);
  const cwl = (d: Record<string, unknown> = {}) =>
    ({ destination: { type: 'cloudWatchLogs', ...d } }) as Partial<CloudFrontAccessLogsProps>;

  it.each([['shop'], ['shop_prod-1'], ['a'.repeat(40)]])('accepts the name %j', (name) => {
    expect(outcome({ name })).toBe('accepted');
  });

  it.each([['shop.prod'], ['a'.repeat(41)], ['x shop'], ['shop x'], ['']])('refuses the name %j', (name) => {
    expect(outcome({ name })).toBe(
      invalid(
        `name = ${shown(name)}: must be 1-40 letters, digits, "-" or "_" (delivery source names are limited to 60 characters). Fix: use a short name such as "shop-prod"`,
      ),
    );
  });

  it('delivers under cloudfront/ by default, with the bucket check statement scoped to the source', () => {
    const { stack, construct } = logs({});
    expect(construct.location).toMatch(/^s3:\/\/\$\{TfToken\[TOKEN\.\d+\]\}\/cloudfront\/$/);
    const { statements } = synthOf(stack);
    const check = statements.find((s) => s.sid === 'AllowCloudFrontLogDeliveryCheck');
    expect(check).toEqual({
      sid: 'AllowCloudFrontLogDeliveryCheck',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [expect.stringMatching(/^\$\{aws_s3_bucket\.logs_bucket_[0-9A-F]+\.arn\}$/)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'aws:SourceAccount',
          values: [
            '${element(split(":", "arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"), 4)}',
          ],
        },
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [
            'arn:${element(split(":", "arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"), 1)}:logs:us-east-1:${element(split(":", "arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"), 4)}:delivery-source:shop-access-logs',
          ],
        },
      ],
    });
    const put = statements.find((s) => s.sid === 'AllowCloudFrontLogDelivery');
    expect(put?.resources).toEqual([
      expect.stringMatching(/^\$\{aws_s3_bucket\.logs_bucket_[0-9A-F]+\.arn\}\/cloudfront\/\*$/),
    ]);
  });

  it.each([['cloudfront/'], ['edge/shop/'], ["a!_.'()-/"]])('accepts the prefix %j', (prefix) => {
    const { construct } = logs({ destination: { type: 's3', prefix } as never });
    expect(construct.location.endsWith(`/${prefix}`)).toBe(true);
  });

  it.each([['cloudfront'], ['/cloudfront/'], ['x y/cloudfront/'], ['cloudfront/x'], ['edge//'], ['']])(
    'refuses the prefix %j',
    (prefix) => {
      expect(outcome({ destination: { type: 's3', prefix } as never })).toBe(
        invalid(
          `destination.prefix = ${JSON.stringify(prefix)}: is not a folder-style key prefix (segments of letters, digits and !_.'()-, each ending in "/"). Fix: use a prefix such as "cloudfront/"`,
        ),
      );
    },
  );

  it('refuses a KMS-encrypted bucket', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(outcome({}, { kmsKeyArn: key })).toBe(
      invalid(
        `destination.bucket = "${key}": is encrypted with a KMS key, which the log delivery service may not use. Fix: deliver to an SSE-S3 bucket (the default of SecureBucket)`,
      ),
    );
  });

  it.each([['json'], ['plain'], ['w3c'], ['parquet']])('delivers %j to S3', (outputFormat) => {
    const { stack } = logs({ outputFormat: outputFormat as 'json' });
    expect(only(synthOf(stack).resources, 'aws_cloudwatch_log_delivery_destination')).toEqual([
      expect.objectContaining({ name: 'shop-access-logs-s3', output_format: outputFormat }),
    ]);
  });

  it('refuses a format S3 delivery does not offer, listing the four', () => {
    expect(outcome({ outputFormat: 'csv' as 'json' })).toBe(
      invalid(
        'outputFormat = "csv": is not a format CloudFront delivers to S3. Fix: use one of json, plain, w3c, parquet',
      ),
    );
  });

  it.each([['w3c'], ['parquet']])(
    'refuses %j for CloudWatch Logs, listing json and plain',
    (outputFormat) => {
      expect(outcome({ ...cwl(), outputFormat: outputFormat as 'json' })).toBe(
        invalid(
          `outputFormat = "${outputFormat}": is not a format CloudFront delivers to CloudWatch Logs. Fix: use one of json, plain`,
        ),
      );
    },
  );

  it('creates the log group with its name, retention and tags', () => {
    const { stack } = logs({
      ...cwl({ logGroupName: '/aws/cloudfront/shop#1', retentionInDays: 7 }),
      tags: { team: 'web' },
    });
    const { resources } = synthOf(stack);
    expect(only(resources, 'aws_cloudwatch_log_group')).toEqual([
      {
        name: '/aws/cloudfront/shop#1',
        retention_in_days: 7,
        tags: { Name: '/aws/cloudfront/shop#1', team: 'web' },
      },
    ]);
    expect(only(resources, 'aws_cloudwatch_log_delivery')).toEqual([
      expect.objectContaining({ tags: { Name: 'shop-access-logs-delivery', team: 'web' } }),
    ]);
  });

  it.each(rows('/aws/cloudfront/shop', 'a', '/'.repeat(512)))(
    'accepts the log group name %s',
    (_label, logGroupName) => {
      expect(outcome(cwl({ logGroupName }))).toBe('accepted');
    },
  );

  it.each(rows(' /aws/cloudfront/shop', '/aws/cloudfront/shop ', '/aws/cloud front', 'a'.repeat(513), ''))(
    'refuses the log group name %s',
    (_label, logGroupName) => {
      expect(outcome(cwl({ logGroupName }))).toBe(
        invalid(
          `destination.logGroupName = ${shown(logGroupName)}: is not a log group name (1-512 of letters, digits and _-/.#). Fix: use a name such as "/aws/cloudfront/shop-prod"`,
        ),
      );
    },
  );

  it.each([
    [0, 1],
    [2, 3],
    [4, 5],
  ])('refuses a retention of %j days, suggesting %j', (retentionInDays, nearest) => {
    expect(outcome(cwl({ retentionInDays }))).toBe(
      invalid(
        `destination.retentionInDays = ${retentionInDays}: is not a retention CloudWatch Logs accepts (0, never expire, is refused). Fix: use an accepted value such as ${nearest}`,
      ),
    );
  });
});

describe('StaticSite validation, in full', () => {
  it.each([
    ['no-referrer'],
    ['no-referrer-when-downgrade'],
    ['origin'],
    ['origin-when-cross-origin'],
    ['same-origin'],
    ['strict-origin'],
    ['strict-origin-when-cross-origin'],
    ['unsafe-url'],
  ])('sends the referrer policy %j', (referrerPolicy) => {
    const policy = only(
      siteResources({ securityHeaders: { referrerPolicy: referrerPolicy as 'origin' } }),
      'aws_cloudfront_response_headers_policy',
    )[0] as {
      security_headers_config: { referrer_policy: unknown };
    };
    expect(policy.security_headers_config.referrer_policy).toEqual({
      override: true,
      referrer_policy: referrerPolicy,
    });
  });

  it('refuses another referrer policy, listing the eight', () => {
    expect(siteOutcome({ securityHeaders: { referrerPolicy: 'never' as 'origin' } })).toBe(
      site(
        'securityHeaders.referrerPolicy = "never": is not a Referrer-Policy value. Fix: use one of no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url',
      ),
    );
  });

  it.each([['DENY'], ['SAMEORIGIN']])('accepts frame options %j', (frameOptions) => {
    expect(siteOutcome({ securityHeaders: { frameOptions: frameOptions as 'DENY' } })).toBe('accepted');
  });

  it('refuses other frame options', () => {
    expect(siteOutcome({ securityHeaders: { frameOptions: 'ALLOW-FROM' as 'DENY' } })).toBe(
      site(
        'securityHeaders.frameOptions = "ALLOW-FROM": must be "DENY" or "SAMEORIGIN". Fix: use "DENY" (default) or "SAMEORIGIN"',
      ),
    );
  });

  it.each([
    [{ hstsPreload: true, hstsMaxAgeInSeconds: 31_536_000 }, 'accepted'],
    [{ hstsPreload: true }, 'accepted'],
    [
      { hstsPreload: true, hstsMaxAgeInSeconds: 31_535_999 },
      site(
        'securityHeaders.hstsPreload = true: needs a max-age of at least 31536000 seconds and includeSubDomains (the preload list rejects the domain otherwise). Fix: keep hstsMaxAgeInSeconds >= 31536000 and hstsIncludeSubdomains true, or turn preload off',
      ),
    ],
  ])('HSTS preload with %j: %j', (securityHeaders, expected) => {
    expect(siteOutcome({ securityHeaders })).toBe(expected);
  });

  it.each(rows("default-src 'self'", 'x'.repeat(1783)))(
    'accepts the CSP %s',
    (_label, contentSecurityPolicy) => {
      expect(siteOutcome({ securityHeaders: { contentSecurityPolicy } })).toBe('accepted');
    },
  );

  it.each(
    rows('x'.repeat(1784), '   ', '', "default-src 'self';\nscript-src 'self'", "default-src 'self';\r"),
  )('refuses the CSP %s', (_label, contentSecurityPolicy) => {
    expect(siteOutcome({ securityHeaders: { contentSecurityPolicy } })).toBe(
      site(
        `securityHeaders.contentSecurityPolicy = ${shown(contentSecurityPolicy)}: must be one line of 1-1783 characters. Fix: write directives separated by '; ', e.g. "default-src 'self'"`,
      ),
    );
  });

  it.each(rows('index.html', 'app/index.html', 'a'.repeat(255)))(
    'accepts the root object %s',
    (_label, defaultRootObject) => {
      expect(siteOutcome({ defaultRootObject })).toBe('accepted');
    },
  );

  it.each(rows('/index.html', ' index.html', 'index.html ', 'a'.repeat(256)))(
    'refuses the root object %s',
    (_label, defaultRootObject) => {
      expect(siteOutcome({ defaultRootObject })).toBe(
        site(
          `defaultRootObject = ${shown(defaultRootObject)}: is not an object key (no leading "/", 1-255 characters). Fix: use a key such as "index.html"`,
        ),
      );
    },
  );

  it.each([['PriceClass_100'], ['PriceClass_200'], ['PriceClass_All']])(
    'uses the price class %j',
    (priceClass) => {
      expect(
        only(siteResources({ priceClass: priceClass as 'PriceClass_100' }), 'aws_cloudfront_distribution'),
      ).toEqual([expect.objectContaining({ price_class: priceClass })]);
    },
  );

  it('refuses another price class', () => {
    expect(siteOutcome({ priceClass: 'PriceClass_300' as 'PriceClass_100' })).toBe(
      site(
        'priceClass = "PriceClass_300": is not a CloudFront price class. Fix: use "PriceClass_100" (default), "PriceClass_200" or "PriceClass_All"',
      ),
    );
  });

  it.each([['http1.1'], ['http2'], ['http2and3'], ['http3']])('serves %j', (httpVersion) => {
    expect(
      only(siteResources({ httpVersion: httpVersion as 'http2' }), 'aws_cloudfront_distribution'),
    ).toEqual([expect.objectContaining({ http_version: httpVersion })]);
  });

  it('refuses another HTTP version', () => {
    expect(siteOutcome({ httpVersion: 'http4' as 'http2' })).toBe(
      site(
        'httpVersion = "http4": is not an HTTP version CloudFront offers. Fix: use "http2and3" (default), "http2", "http3" or "http1.1"',
      ),
    );
  });

  it.each([
    [{ type: 'allow', countries: [] }, 'geoRestriction.countries = []: is empty'],
    [{ type: 'allow' }, 'geoRestriction.countries = []: is empty'],
    [
      { type: 'deny', countries: ['DE', 'DEU', 'xDE', 'de'] },
      'geoRestriction.countries = ["DEU","xDE","de"]: has entries that are not ISO 3166-1 alpha-2 codes',
    ],
  ])('refuses the geo restriction %j', (geoRestriction, problem) => {
    expect(siteOutcome({ geoRestriction: geoRestriction as StaticSiteProps['geoRestriction'] })).toBe(
      site(`${problem}. Fix: list upper-case two-letter codes such as "DE" or "US"`),
    );
  });

  it.each([['cachePolicyId'], ['originRequestPolicyId']])('checks %j as a UUID at both ends', (field) => {
    expect(siteOutcome({ [field]: POLICY_ID })).toBe('accepted');
    for (const bad of [`x${POLICY_ID}`, `${POLICY_ID}x`]) {
      expect(siteOutcome({ [field]: bad })).toBe(
        site(
          `${field} = "${bad}": is not a CloudFront policy id (a UUID). Fix: use an id from MANAGED_CACHE_POLICIES / MANAGED_ORIGIN_REQUEST_POLICIES, or a created policy's id`,
        ),
      );
    }
  });

  it.each([['accessLogs.destination', { accessLogs: { destination: 'firehose' } }, '"firehose"']])(
    'refuses %j',
    (_field, props, shown) => {
      expect(siteOutcome(props as Partial<StaticSiteProps>)).toBe(
        site(
          `accessLogs.destination = ${shown}: must be "s3" or "cloudWatchLogs". Fix: use "s3" (default) or "cloudWatchLogs"`,
        ),
      );
    },
  );
});

describe('StaticSite domain, in full', () => {
  const label = (c: string, n: number) => c.repeat(n);
  // 63 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 253 characters.
  const longest = `${label('a', 63)}.${label('b', 63)}.${label('c', 63)}.${label('d', 57)}.com`;

  it('accepts a host name of 253 characters and 100 names', () => {
    expect(longest).toHaveLength(253);
    expect(siteOutcome({ domain: { domainNames: [longest], certificateArn: CERT } })).toBe('accepted');
    const hundred = Array.from({ length: 100 }, (_, i) => `n${i}.example.com`);
    expect(siteOutcome({ domain: { domainNames: hundred, certificateArn: CERT } })).toBe('accepted');
  });

  it('refuses a host name of 254 characters and 101 names', () => {
    const tooLong = `${label('a', 63)}.${label('b', 63)}.${label('c', 63)}.${label('d', 58)}.com`;
    expect(siteOutcome({ domain: { domainNames: [tooLong], certificateArn: CERT } })).toBe(
      site(
        `domain.domainNames[0] = ${shown(tooLong)}: is not a lower-case host name (a leading "*." wildcard is allowed). Fix: use a name such as "www.example.com" or "*.example.com"`,
      ),
    );
    const names = Array.from({ length: 101 }, (_, i) => `n${i}.example.com`);
    expect(siteOutcome({ domain: { domainNames: names, certificateArn: CERT } })).toBe(
      site(
        `domain.domainNames = ${shown(names)}: must list 1 to 100 host names. Fix: list the names the site answers to, e.g. ["www.example.com"]`,
      ),
    );
  });

  it.each([['www.example.com!'], ['www.example.com.'], ['-www.example.com']])(
    'refuses the host name %j',
    (name) => {
      expect(siteOutcome({ domain: { domainNames: [name], certificateArn: CERT } })).toBe(
        site(
          `domain.domainNames[0] = "${name}": is not a lower-case host name (a leading "*." wildcard is allowed). Fix: use a name such as "www.example.com" or "*.example.com"`,
        ),
      );
    },
  );

  it.each([[`x${CERT}`], [`${CERT}x`]])('refuses the certificate ARN %j', (certificateArn) => {
    expect(siteOutcome({ domain: { domainNames: ['www.example.com'], certificateArn } })).toBe(
      site(
        `domain.certificateArn = "${certificateArn}": is not an ACM certificate ARN. Fix: pass "arn:aws:acm:us-east-1:<account>:certificate/<id>"`,
      ),
    );
  });

  it('refuses a certificate outside us-east-1, naming its region', () => {
    const euCert = CERT.replace('us-east-1', 'eu-west-1');
    expect(siteOutcome({ domain: { domainNames: ['www.example.com'], certificateArn: euCert } })).toBe(
      site(
        `domain.certificateArn = "${euCert}": is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1. Fix: request or import the certificate in us-east-1 (an aliased us-east-1 provider) and pass that ARN`,
      ),
    );
  });
});

describe('StaticSite web ACL, in full', () => {
  it('accepts a global web ACL in us-east-1', () => {
    expect(only(siteResources({ webAclArn: WEB_ACL }), 'aws_cloudfront_distribution')).toEqual([
      expect.objectContaining({ web_acl_id: WEB_ACL }),
    ]);
  });

  it.each([[`x${WEB_ACL}`], [`${WEB_ACL}x`]])('refuses the web ACL ARN %j', (webAclArn) => {
    expect(siteOutcome({ webAclArn })).toBe(
      site(
        `webAclArn = "${webAclArn}": is not a WAFv2 web ACL ARN. Fix: pass "arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>", e.g. WebAcl.webAclArn`,
      ),
    );
  });

  it.each([[WEB_ACL.replace('global', 'regional')], [WEB_ACL.replace('us-east-1', 'eu-west-1')]])(
    'refuses the web ACL %j (not CLOUDFRONT scope)',
    (webAclArn) => {
      expect(siteOutcome({ webAclArn })).toBe(
        site(
          `webAclArn = "${webAclArn}": names a REGIONAL web ACL; CloudFront only accepts web ACLs of scope CLOUDFRONT (global, us-east-1). Fix: create the WebAcl with scope: 'CLOUDFRONT' (in us-east-1)`,
        ),
      );
    },
  );

  it.each<[string, string]>([
    ['the CLOUDFRONT WebAcl', 'accepted'],
    ['a variable', 'accepted'],
    [
      'the REGIONAL WebAcl',
      site(
        `webAclArn = "test/api-waf": names a REGIONAL web ACL; CloudFront only accepts web ACLs of scope CLOUDFRONT. Fix: create the WebAcl with scope: 'CLOUDFRONT' (in us-east-1)`,
      ),
    ],
  ])(
    'judges a reference to %s by what it names, in a stack with a REGIONAL and a CLOUDFRONT WebAcl',
    (named, expected) => {
      const stack = newStack();
      const regional = new WebAcl(stack, 'api-waf', { name: 'api', scope: 'REGIONAL' });
      const edge = new WebAcl(stack, 'edge-waf', { name: 'edge', scope: 'CLOUDFRONT' });
      const variable = new TerraformVariable(stack, 'web_acl_arn', { type: 'string' });
      const arns: Record<string, string> = {
        'the CLOUDFRONT WebAcl': edge.webAclArn,
        'a variable': variable.stringValue,
        'the REGIONAL WebAcl': regional.webAclArn,
      };
      expect(siteOutcome({ webAclArn: arns[named] }, stack)).toBe(expected);
    },
  );

  it('accepts a web ACL reference that is not a WebAcl of this stack', () => {
    const stack = newStack();
    const arn = new TerraformVariable(stack, 'web_acl_arn', { type: 'string' });
    expect(siteOutcome({ webAclArn: arn.stringValue }, stack)).toBe('accepted');
  });
});

describe('StaticSite logs, in full', () => {
  it('sends no access logs with accessLogs: false', () => {
    const stack = newStack();
    const s = new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test', accessLogs: false });
    expect(s.accessLogs).toBeUndefined();
    expect(synthOf(stack).resources.aws_cloudwatch_log_delivery).toBeUndefined();
  });

  it('sends access logs to S3 by default', () => {
    const stack = newStack();
    const s = new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test' });
    expect(s.accessLogs?.location.endsWith('/cloudfront/')).toBe(true);
    expect(only(synthOf(stack).resources, 'aws_cloudwatch_log_delivery_destination')).toEqual([
      expect.objectContaining({ name: 'shop-access-logs-s3' }),
    ]);
  });

  it('checks the retention as a CloudWatch Logs retention only with the CloudWatch Logs destination', () => {
    expect(siteOutcome({ logRetentionInDays: 2 })).toBe('accepted');
    expect(siteOutcome({ accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 3 })).toBe(
      'accepted',
    );
    expect(siteOutcome({ accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 2 })).toBe(
      site(
        'logRetentionInDays = 2: is not a retention CloudWatch Logs accepts (the access logs go to a log group). Fix: use an accepted value such as 3',
      ),
    );
    expect(siteOutcome({ accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 0 })).toBe(
      site(
        'logRetentionInDays = 0: is not a retention CloudWatch Logs accepts (the access logs go to a log group). Fix: use an accepted value such as 1',
      ),
    );
    expect(siteOutcome({ accessLogs: false, logRetentionInDays: 0 })).toBe(
      site(
        'logRetentionInDays = 0: must be a whole number from 1 to 36500. Fix: set logRetentionInDays to a whole number from 1 to 36500',
      ),
    );
  });

  it('gives the log group the retention of the site', () => {
    expect(
      only(
        siteResources({ accessLogs: { destination: 'cloudWatchLogs' }, logRetentionInDays: 14 }),
        'aws_cloudwatch_log_group',
      ),
    ).toEqual([expect.objectContaining({ name: '/aws/cloudfront/shop', retention_in_days: 14 })]);
  });

  it('accepts a long bucket name with a log bucket given, and refuses it without one', () => {
    const stack = newStack();
    const logBucket = new SecureBucket(stack, 'central', { bucketName: 'central-logs-test' });
    expect(siteOutcome({ bucketName: 'a'.repeat(59), logBucket }, stack)).toBe('accepted');
    expect(siteOutcome({ bucketName: 'a'.repeat(59) })).toBe(
      site(
        `bucketName = "${'a'.repeat(59)}": is too long for the log bucket "<bucketName>-logs" (63 characters at most). Fix: use a bucket name of 58 characters or fewer, or pass logBucket`,
      ),
    );
  });

  it('refuses a KMS-encrypted log bucket and a retention for it, in full', () => {
    const stack = newStack();
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const logBucket = new SecureBucket(stack, 'central', { bucketName: 'central-logs-test', kmsKeyArn: key });
    expect(siteOutcome({ logBucket, logRetentionInDays: 30, accessLogs: false }, stack)).toBe(
      site(
        `logBucket = "${key}": is encrypted with a KMS key; S3 server access logs and CloudFront log delivery need SSE-S3. Fix: pass a log bucket with SSE-S3 (the SecureBucket default)`,
        'logRetentionInDays = 30: has no effect on an existing log bucket (its lifecycle rules decide). Fix: remove logRetentionInDays, or let the module create the log bucket',
      ),
    );
  });

  it("adds the site's server access log statement to a log bucket given", () => {
    const stack = newStack();
    const logBucket = new SecureBucket(stack, 'central', { bucketName: 'central-logs-test' });
    new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test', logBucket });
    const statement = synthOf(stack).statements.find((s) => s.sid === 'AllowSiteServerAccessLogDelivery');
    expect(statement).toEqual({
      sid: 'AllowSiteServerAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [
        expect.stringMatching(/^\$\{aws_s3_bucket\.central_bucket_[0-9A-F]+\.arn\}\/s3-access\/\*$/),
      ],
      condition: [
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [expect.stringMatching(/^\$\{aws_s3_bucket\.site_bucket_[0-9A-F]+\.arn\}$/)],
        },
      ],
    });
  });

  it("warns, with the site's name, that there is no domain", () => {
    const stack = newStack();
    const s = new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test' });
    expect(
      s.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data),
    ).toEqual([
      "shop: no domain, so viewers connect with CloudFront's default *.cloudfront.net certificate and TLS is at CloudFront's default (TLSv1 minimum, not configurable); set domain for TLSv1.2_2021",
    ]);
  });
});

describe('CloudFrontAccessLogs required props and region', () => {
  const invalid = (...problems: string[]) => invalidMessage('test/access', ...problems);
  function outcome(props: Record<string, unknown>, stack = newStack()): string {
    const bucket = new SecureBucket(stack, 'logs', { bucketName: 'shop-logs-test' });
    return outcomeOf(
      () =>
        new CloudFrontAccessLogs(stack, 'access', {
          name: 'shop',
          distributionArn: DISTRIBUTION_ARN,
          destination: { type: 's3', bucket },
          ...props,
        } as CloudFrontAccessLogsProps),
    );
  }

  it.each<[string, Record<string, unknown>, string]>([
    ['no name', { name: undefined }, 'name = undefined: is required. Fix: pass name, a string'],
    ['a numeric name', { name: 7 }, 'name = 7: must be a string, not a number. Fix: pass name as a string'],
    [
      'no distribution ARN',
      { distributionArn: undefined },
      'distributionArn = undefined: is required. Fix: pass distributionArn, a string',
    ],
    [
      'a numeric distribution ARN',
      { distributionArn: 42 },
      'distributionArn = 42: must be a string, not a number. Fix: pass distributionArn as a string',
    ],
    [
      'no destination',
      { destination: undefined },
      'destination = undefined: is required. Fix: pass destination, an object',
    ],
    [
      'a destination given as a string',
      { destination: 's3' },
      'destination = "s3": must be an object, not a string. Fix: pass destination as an object',
    ],
    [
      'a destination without a type',
      { destination: {} },
      'destination.type = undefined: is required. Fix: pass destination.type, a string',
    ],
  ])('refuses %s', (_label, props, problem) => {
    expect(outcome(props)).toBe(invalid(problem));
  });

  it('refuses a provider outside us-east-1, naming its region', () => {
    const stack = newStack();
    const eu = new AwsProvider(stack, 'eu', { alias: 'eu', region: 'eu-west-1' });
    expect(outcome({ provider: eu }, stack)).toBe(
      invalid(
        `provider = "eu-west-1": is not in us-east-1, where CloudFront log delivery sources must be created. Fix: pass a provider for us-east-1, e.g. new AwsProvider(stack, 'us-east-1', { alias: 'us-east-1', region: 'us-east-1' })`,
      ),
    );
  });

  it('refuses a default provider outside us-east-1 when no provider is given', () => {
    expect(outcome({}, newStack('eu-west-1'))).toBe(
      invalid(
        `provider = "eu-west-1": is not in us-east-1, where CloudFront log delivery sources must be created. Fix: pass a provider for us-east-1, e.g. new AwsProvider(stack, 'us-east-1', { alias: 'us-east-1', region: 'us-east-1' })`,
      ),
    );
  });

  it('accepts a us-east-1 provider in a stack whose default provider is elsewhere', () => {
    const stack = newStack('eu-west-1');
    const use1 = new AwsProvider(stack, 'use1', { alias: 'use1', region: 'us-east-1' });
    expect(outcome({ provider: use1 }, stack)).toBe('accepted');
  });

  it.each<[string, (stack: TerraformStack) => void]>([
    ['a default provider without a region', (stack) => new AwsProvider(stack, 'aws', {})],
    [
      'a default provider whose region is a variable',
      (stack) =>
        new AwsProvider(stack, 'aws', {
          region: new TerraformVariable(stack, 'region', { type: 'string' }).stringValue,
        }),
    ],
  ])('accepts %s (the region is not known before apply)', (_label, addProvider) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    addProvider(stack);
    expect(outcome({}, stack)).toBe('accepted');
  });
});

describe('StaticSite names and log retention, in full', () => {
  const nameProblem = (shownName: string) =>
    `name = ${shownName}: must be 1-40 letters, digits, "-" or "_". Fix: use a short name such as "shop-prod-web"`;
  const bucketProblem = (shownName: string, problems: string) =>
    `bucketName = ${shownName}: is not a valid S3 bucket name (${problems}). Fix: use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit`;

  it.each<[string, Record<string, unknown>, string]>([
    ['no name', { name: undefined }, nameProblem('undefined')],
    ['an empty name', { name: '' }, nameProblem('""')],
    ['a numeric name', { name: 7 }, 'name = 7: must be a string, not a number. Fix: pass name as a string'],
    [
      'no bucket name',
      { bucketName: undefined },
      bucketProblem(
        'undefined',
        'must be 3 to 63 characters long; must begin and end with a letter or digit',
      ),
    ],
    [
      'a numeric bucket name',
      { bucketName: 123 },
      'bucketName = 123: must be a string, not a number. Fix: pass bucketName as a string',
    ],
    [
      'the bucket name "A"',
      { bucketName: 'A' },
      bucketProblem(
        '"A"',
        'must be 3 to 63 characters long; may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit',
      ),
    ],
    [
      'a bucket name of 64 upper-case letters (not also reported as too long for the log bucket)',
      { bucketName: 'A'.repeat(64) },
      bucketProblem(
        JSON.stringify('A'.repeat(64)),
        'must be 3 to 63 characters long; may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit',
      ),
    ],
  ])('refuses %s', (_label, props, problem) => {
    expect(siteOutcome(props as Partial<StaticSiteProps>)).toBe(site(problem));
  });

  it('refuses a domain without host names', () => {
    expect(siteOutcome({ domain: { certificateArn: CERT } as StaticSiteProps['domain'] })).toBe(
      site(
        'domain.domainNames = []: must list 1 to 100 host names. Fix: list the names the site answers to, e.g. ["www.example.com"]',
      ),
    );
  });

  it.each<[string, StaticSiteProps['accessLogs']]>([
    ['S3 named explicitly', { destination: 's3' }],
    ['S3 by default, with a format', { outputFormat: 'plain' }],
    ['logs off', false],
  ])('keeps any whole-day retention of 1-36500 days for the log bucket with %s', (_label, accessLogs) => {
    expect(siteOutcome({ accessLogs, logRetentionInDays: 2 })).toBe('accepted');
    const lifecycle = only(
      siteResources({ accessLogs, logRetentionInDays: 2 }),
      'aws_s3_bucket_lifecycle_configuration',
    ) as Array<{ bucket: string; rule: Array<{ id: string; expiration?: unknown }> }>;
    const expiry = lifecycle.flatMap((c) => c.rule).filter((r) => r.id === 'expire-logs');
    expect(expiry).toEqual([expect.objectContaining({ expiration: [{ days: 2 }] })]);
  });

  it('applies the retention to the log group when the logs go to CloudWatch Logs and a log bucket is given', () => {
    const stack = newStack();
    const logBucket = new SecureBucket(stack, 'central', { bucketName: 'central-logs-test' });
    new StaticSite(stack, 'site', {
      name: 'shop',
      bucketName: 'shop-web-test',
      logBucket,
      accessLogs: { destination: 'cloudWatchLogs' },
      logRetentionInDays: 14,
    });
    expect(only(synthOf(stack).resources, 'aws_cloudwatch_log_group')).toEqual([
      { name: '/aws/cloudfront/shop', retention_in_days: 14, tags: { Name: '/aws/cloudfront/shop' } },
    ]);
  });

  it.each<[string, StaticSiteProps['accessLogs']]>([
    ['S3 by default', undefined],
    ['S3 named explicitly', { destination: 's3' }],
    ['logs off', false],
  ])('refuses a retention for a log bucket given, with %s', (_label, accessLogs) => {
    const stack = newStack();
    const logBucket = new SecureBucket(stack, 'central', { bucketName: 'central-logs-test' });
    expect(siteOutcome({ logBucket, accessLogs, logRetentionInDays: 14 }, stack)).toBe(
      site(
        'logRetentionInDays = 14: has no effect on an existing log bucket (its lifecycle rules decide). Fix: remove logRetentionInDays, or let the module create the log bucket',
      ),
    );
  });
});

describe('StaticSite policy statements, in full', () => {
  const distributionArn = expect.stringMatching(
    /^\$\{aws_cloudfront_distribution\.site_distribution_[0-9A-F]+\.arn\}$/,
  );

  it('allows the log delivery service to put objects under cloudfront/ only, with the owner-full-control ACL', () => {
    const stack = newStack();
    new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test' });
    const put = synthOf(stack).statements.find((s) => s.sid === 'AllowCloudFrontLogDelivery');
    const part = (i: number) =>
      `\\$\\{element\\(split\\(":", aws_cloudfront_distribution\\.site_distribution_[0-9A-F]+\\.arn\\), ${i}\\)\\}`;
    expect(put).toEqual({
      sid: 'AllowCloudFrontLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [
        expect.stringMatching(/^\$\{aws_s3_bucket\.site_log-bucket_[0-9A-F]+\.arn\}\/cloudfront\/\*$/),
      ],
      condition: [
        { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
        {
          test: 'StringEquals',
          variable: 'aws:SourceAccount',
          values: [expect.stringMatching(new RegExp(`^${part(4)}$`))],
        },
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [
            expect.stringMatching(
              new RegExp(`^arn:${part(1)}:logs:us-east-1:${part(4)}:delivery-source:shop-access-logs$`),
            ),
          ],
        },
      ],
    });
  });

  it('lets a deployer invalidate this distribution only', () => {
    const stack = newStack();
    const s = new StaticSite(stack, 'site', { name: 'shop', bucketName: 'shop-web-test' });
    const role = new Role(stack, 'deployer', { name: 'deployer', assumedBy: ['codebuild.amazonaws.com'] });
    s.grantDeploy(role);
    const statements = synthOf(stack).statements;
    expect(statements.find((st) => st.sid === 'CloudFrontInvalidate')).toEqual({
      sid: 'CloudFrontInvalidate',
      effect: 'Allow',
      actions: [
        'cloudfront:CreateInvalidation',
        'cloudfront:GetInvalidation',
        'cloudfront:ListInvalidations',
      ],
      resources: [distributionArn],
    });
    expect(statements.find((st) => st.sid === 'BucketObjects')).toEqual(
      expect.objectContaining({
        effect: 'Allow',
        resources: [expect.stringMatching(/site_bucket_[0-9A-F]+\.arn\}\/\*$/)],
      }),
    );
  });
});
