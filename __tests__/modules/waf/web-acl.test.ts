import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { WebAcl, WebAclProps } from '../../../modules/waf';
import { policyFindings, validationProblems } from '../../support/construct-checks';

interface Synthesized {
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function build(props: Partial<WebAclProps> = {}, region = 'us-east-1') {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  const acl = new WebAcl(stack, 'waf', { name: 'shop', scope: 'REGIONAL', ...props });
  return { stack, acl };
}

function synth(props: Partial<WebAclProps> = {}) {
  const { stack, acl } = build(props);
  const json = JSON.parse(Testing.synth(stack)) as Synthesized;
  const one = (type: string) => Object.values(json.resource[type] ?? {})[0];
  return { stack, acl, json, one };
}

interface RuleJson {
  name: string;
  priority: number;
  action?: Record<string, unknown>;
  override_action?: Record<string, unknown>;
  statement: {
    managed_rule_group_statement?: {
      name: string;
      vendor_name: string;
      version?: string;
      rule_action_override?: unknown;
    };
    rate_based_statement?: Record<string, unknown>;
  };
  visibility_config: Record<string, unknown>;
}

const rulesOf = (acl: Record<string, unknown>) => acl.rule as RuleJson[];

describe('WebAcl defaults', () => {
  const { acl, json, one, stack } = synth();
  const webAcl = one('aws_wafv2_web_acl');
  const rules = rulesOf(webAcl);

  it('allows by default, with metrics and sampled requests on the ACL', () => {
    expect(webAcl).toMatchObject({
      name: 'shop',
      scope: 'REGIONAL',
      description: 'shop (REGIONAL)',
      default_action: { allow: {} },
      visibility_config: {
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
        metric_name: 'shop-web-acl',
      },
      tags: { Name: 'shop' },
    });
  });

  it('evaluates IP reputation, the rate limit, known bad inputs and the common rule set, in that order', () => {
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [0, 'AWSManagedRulesAmazonIpReputationList'],
      [1, 'RateLimitPerIp'],
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [3, 'AWSManagedRulesCommonRuleSet'],
    ]);
  });

  it('enforces the managed groups (override none, vendor AWS, default version, no overrides)', () => {
    for (const r of rules.filter((x) => x.statement.managed_rule_group_statement)) {
      expect(r.override_action).toEqual({ none: {} });
      expect(r.statement.managed_rule_group_statement).toEqual({ name: r.name, vendor_name: 'AWS' });
    }
  });

  it('blocks more than 2,000 requests per IP in 5 minutes', () => {
    const rate = rules[1];
    expect(rate.action).toEqual({ block: {} });
    expect(rate.statement.rate_based_statement).toEqual({
      limit: 2000,
      evaluation_window_sec: 300,
      aggregate_key_type: 'IP',
    });
  });

  it('gives every rule metrics and sampled requests under "<name>-<rule>"', () => {
    expect(rules.map((r) => r.visibility_config)).toEqual(
      rules.map((r) => ({
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
        metric_name: `shop-${r.name}`,
      })),
    );
    expect(acl.metricNames).toEqual([
      'shop-web-acl',
      'shop-AWSManagedRulesAmazonIpReputationList',
      'shop-RateLimitPerIp',
      'shop-AWSManagedRulesKnownBadInputsRuleSet',
      'shop-AWSManagedRulesCommonRuleSet',
    ]);
  });

  it('estimates 927 WCUs (700 + 200 + 25 + 2)', () => {
    expect(acl.estimatedCapacity).toBe(927);
  });

  it('logs to aws-waf-logs-shop for 90 days, with authorization and cookie redacted and no filter', () => {
    expect(one('aws_cloudwatch_log_group')).toEqual({
      name: 'aws-waf-logs-shop',
      retention_in_days: 90,
      tags: { Name: 'aws-waf-logs-shop' },
    });
    const logging = one('aws_wafv2_web_acl_logging_configuration');
    expect(logging.log_destination_configs).toEqual([
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.waf_log-group_[0-9A-F]+\.arn\}$/),
    ]);
    expect(logging.resource_arn).toMatch(/^\$\{aws_wafv2_web_acl\.waf_web-acl_[0-9A-F]+\.arn\}$/);
    expect(logging.redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'cookie' } },
    ]);
    expect(logging.logging_filter).toBeUndefined();
  });

  it('associates nothing by itself', () => {
    expect(json.resource.aws_wafv2_web_acl_association).toBeUndefined();
  });

  it('passes the policy pack with only the log-group KMS warning', () => {
    expect(policyFindings(stack)).toMatchObject({ errors: [], warnings: ['MLM-LOG-002 test/waf/log-group'] });
  });
});

describe('WebAcl options', () => {
  it('counts a whole group, counts single rules and pins a version', () => {
    const { one } = synth({
      commonRuleSet: { countRules: ['SizeRestrictions_BODY', 'NoUserAgent_HEADER'], version: 'Version_1.12' },
      knownBadInputs: { countOnly: true },
    });
    const [, , bad, common] = rulesOf(one('aws_wafv2_web_acl'));
    expect(bad.override_action).toEqual({ count: {} });
    expect(common.statement.managed_rule_group_statement).toEqual({
      name: 'AWSManagedRulesCommonRuleSet',
      vendor_name: 'AWS',
      version: 'Version_1.12',
      rule_action_override: [
        { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
        { name: 'NoUserAgent_HEADER', action_to_use: { count: {} } },
      ],
    });
  });

  it('leaves out disabled groups and the rate limit, keeping the other priorities', () => {
    const { one, acl } = synth({ ipReputation: { enabled: false }, rateLimit: { enabled: false } });
    expect(rulesOf(one('aws_wafv2_web_acl')).map((r) => [r.priority, r.name])).toEqual([
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [3, 'AWSManagedRulesCommonRuleSet'],
    ]);
    expect(acl.estimatedCapacity).toBe(900);
  });

  it('takes a custom rate limit, window and count action', () => {
    const { one } = synth({ rateLimit: { limit: 500, evaluationWindowInSeconds: 60, action: 'count' } });
    const rate = rulesOf(one('aws_wafv2_web_acl'))[1];
    expect(rate.action).toEqual({ count: {} });
    expect(rate.statement.rate_based_statement).toEqual({
      limit: 500,
      evaluation_window_sec: 60,
      aggregate_key_type: 'IP',
    });
  });

  it('adds extra managed groups from priority 10 and counts their WCUs', () => {
    const { one, acl } = synth({
      extraManagedRuleGroups: [
        { name: 'AWSManagedRulesSQLiRuleSet' },
        { name: 'AWSManagedRulesLinuxRuleSet', countOnly: true },
      ],
    });
    const rules = rulesOf(one('aws_wafv2_web_acl'));
    expect(rules.slice(4).map((r) => [r.priority, r.name, r.override_action])).toEqual([
      [10, 'AWSManagedRulesSQLiRuleSet', { none: {} }],
      [11, 'AWSManagedRulesLinuxRuleSet', { count: {} }],
    ]);
    expect(acl.estimatedCapacity).toBe(1327);
  });

  it('accepts more than 1,500 WCUs with acceptExtraCapacityCharges', () => {
    const { acl } = build({
      acceptExtraCapacityCharges: true,
      extraManagedRuleGroups: [
        { name: 'AWSManagedRulesSQLiRuleSet' },
        { name: 'AWSManagedRulesLinuxRuleSet' },
        { name: 'AWSManagedRulesWindowsRuleSet' },
      ],
    });
    expect(acl.estimatedCapacity).toBe(1527);
  });

  it('filters, redacts more and encrypts the logs on request', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { one } = synth({
      logging: {
        retentionInDays: 30,
        kmsKeyArn: key,
        redactedHeaders: ['authorization', 'x-api-key'],
        redactQueryString: true,
        keepOnly: ['BLOCK', 'COUNT'],
      },
    });
    expect(one('aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 30, kms_key_id: key });
    const logging = one('aws_wafv2_web_acl_logging_configuration');
    expect(logging.redacted_fields).toEqual([
      { single_header: { name: 'authorization' } },
      { single_header: { name: 'x-api-key' } },
      { query_string: {} },
    ]);
    expect(logging.logging_filter).toEqual({
      default_behavior: 'DROP',
      filter: [
        {
          behavior: 'KEEP',
          requirement: 'MEETS_ANY',
          condition: [{ action_condition: { action: 'BLOCK' } }, { action_condition: { action: 'COUNT' } }],
        },
      ],
    });
  });

  it('creates no log group or logging configuration with logging off, which fails MLM-WAF-001', () => {
    const { json, stack } = synth({ logging: { enabled: false } });
    expect(json.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(json.resource.aws_wafv2_web_acl_logging_configuration).toBeUndefined();
    expect(policyFindings(stack).errors).toEqual(['MLM-WAF-001 test/waf/web-acl']);
  });

  it('builds a CLOUDFRONT ACL with a us-east-1 provider when the default provider is elsewhere', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const use1 = new AwsProvider(stack, 'use1', { region: 'us-east-1', alias: 'use1' });
    new WebAcl(stack, 'waf', { name: 'edge', scope: 'CLOUDFRONT', provider: use1 });
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    for (const type of [
      'aws_wafv2_web_acl',
      'aws_cloudwatch_log_group',
      'aws_wafv2_web_acl_logging_configuration',
    ]) {
      expect(Object.values(json.resource[type])[0].provider).toBe('aws.use1');
    }
  });
});

describe('WebAcl.associate', () => {
  const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188';

  it('associates regional resources, numbering ids or taking given ones', () => {
    const { stack, acl } = build();
    acl.associate(ALB);
    acl.associate('arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod', 'api');
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    const assoc = json.resource.aws_wafv2_web_acl_association;
    expect(Object.keys(assoc).map((k) => k.replace(/_[0-9A-F]+$/, ''))).toEqual([
      'waf_api',
      'waf_association-1',
    ]);
    expect(Object.values(assoc)[1]).toEqual({
      resource_arn: ALB,
      web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.waf_web-acl_[0-9A-F]+\.arn\}$/),
    });
  });

  it.each([
    [
      'a CLOUDFRONT ACL',
      { scope: 'CLOUDFRONT' as const },
      ALB,
      undefined,
      'scope',
      /is CLOUDFRONT/,
      /web_acl_id|webAclArn/,
    ],
    [
      'a non-associable ARN',
      {},
      'arn:aws:s3:::bucket',
      undefined,
      'resourceArn',
      /not the ARN of a resource/,
      /load balancer/,
    ],
    ['a repeated id', {}, ALB, 'association-1', 'id', /already used/, /own id/],
  ])('refuses %s', (_n, props, arn, id, field, problem, fix) => {
    const { acl } = build(props);
    if (field === 'id') acl.associate(ALB);
    const problems = validationProblems(() => acl.associate(arn, id));
    expect(problems).toEqual([
      expect.objectContaining({
        field,
        problem: expect.stringMatching(problem),
        fix: expect.stringMatching(fix),
      }),
    ]);
  });
});

describe('WebAcl validation', () => {
  const long = 'a'.repeat(128);
  it.each<[string, Partial<WebAclProps>, string, unknown, RegExp, RegExp]>([
    ['a name with spaces', { name: 'shop acl' }, 'name', 'shop acl', /1-128 letters/, /shop-prod-edge/],
    ['a name of 129 characters', { name: `${long}a` }, 'name', `${long}a`, /1-128/, /name such as/],
    [
      'an unknown scope',
      { scope: 'GLOBAL' as never },
      'scope',
      'GLOBAL',
      /REGIONAL" or "CLOUDFRONT/,
      /distributions/,
    ],
    [
      'a description with a quote',
      { description: 'say "hi"' },
      'description',
      'say "hi"',
      /1-256 characters/,
      /plain ASCII/,
    ],
    [
      'an unknown extra group',
      { extraManagedRuleGroups: [{ name: 'AWSManagedRulesFooRuleSet' as never }] },
      'extraManagedRuleGroups[0].name',
      'AWSManagedRulesFooRuleSet',
      /not an AWS managed rule group this module knows/,
      /AWSManagedRulesSQLiRuleSet/,
    ],
    [
      'an extra group that is already a default',
      { extraManagedRuleGroups: [{ name: 'AWSManagedRulesCommonRuleSet' }] },
      'extraManagedRuleGroups[0].name',
      'AWSManagedRulesCommonRuleSet',
      /already evaluated/,
      /list each rule group once/,
    ],
    [
      'a malformed version',
      { commonRuleSet: { version: 'v1' } },
      'commonRuleSet.version',
      'v1',
      /not a managed rule group version/,
      /Version_1\.12/,
    ],
    [
      'a rule name with a space',
      { knownBadInputs: { countRules: ['Log4JRCE HEADER'] } },
      'knownBadInputs.countRules',
      ['Log4JRCE HEADER'],
      /not rule names/,
      /SizeRestrictions_BODY/,
    ],
    [
      'a rule listed twice',
      { commonRuleSet: { countRules: ['A', 'A'] } },
      'commonRuleSet.countRules',
      ['A'],
      /lists a rule twice/,
      /once/,
    ],
    [
      '101 count rules',
      { commonRuleSet: { countRules: Array.from({ length: 101 }, (_, i) => `r${i}`) } },
      'commonRuleSet.countRules',
      101,
      /more than 100/,
      /countOnly/,
    ],
    [
      'a rate limit of 9',
      { rateLimit: { limit: 9 } },
      'rateLimit.limit',
      9,
      /10 to 2000000000/,
      /10 to 2000000000/,
    ],
    [
      'a 30-second window',
      { rateLimit: { evaluationWindowInSeconds: 30 as never } },
      'rateLimit.evaluationWindowInSeconds',
      30,
      /60, 120, 300 or 600/,
      /300/,
    ],
    [
      'a rate action allow',
      { rateLimit: { action: 'allow' as never } },
      'rateLimit.action',
      'allow',
      /"block" or "count"/,
      /block/,
    ],
    [
      'retention 0',
      { logging: { retentionInDays: 0 } },
      'logging.retentionInDays',
      0,
      /0, "never expire", is refused/,
      /1, 3, 5/,
    ],
    [
      'retention 2',
      { logging: { retentionInDays: 2 } },
      'logging.retentionInDays',
      2,
      /not a retention/,
      /e\.g\. 3$/,
    ],
    [
      'an upper-case header',
      { logging: { redactedHeaders: ['Authorization'] } },
      'logging.redactedHeaders',
      ['Authorization'],
      /lower-case header names/,
      /x-api-key/,
    ],
    [
      'an empty keepOnly',
      { logging: { keepOnly: [] } },
      'logging.keepOnly',
      [],
      /drop every record/,
      /keep every record/,
    ],
    [
      'an unknown keepOnly action',
      { logging: { keepOnly: ['DROP' as never] } },
      'logging.keepOnly',
      ['DROP'],
      /unknown actions DROP/,
      /BLOCK/,
    ],
    [
      'logging off with settings',
      { logging: { enabled: false, retentionInDays: 30 } },
      'logging.enabled',
      false,
      /other logging settings/,
      /turn logging on/,
    ],
    [
      'more than 1,500 WCUs',
      {
        extraManagedRuleGroups: [
          { name: 'AWSManagedRulesSQLiRuleSet' },
          { name: 'AWSManagedRulesLinuxRuleSet' },
          { name: 'AWSManagedRulesWindowsRuleSet' },
        ],
      },
      'extraManagedRuleGroups',
      1527,
      /about 1527 WCUs, above the 1500 included/,
      /acceptExtraCapacityCharges/,
    ],
  ])('refuses %s', (_n, props, field, value, problem, fix) => {
    const problems = validationProblems(() => build(props));
    expect(problems).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it('refuses a CLOUDFRONT ACL on a provider outside us-east-1', () => {
    expect(validationProblems(() => build({ scope: 'CLOUDFRONT' }, 'eu-west-1'))).toEqual([
      {
        field: 'provider',
        value: 'eu-west-1',
        problem: expect.stringMatching(/us-east-1, where CLOUDFRONT web ACLs must be created/),
        fix: expect.stringMatching(/provider configured for us-east-1/),
      },
    ]);
  });

  it('lists every problem at once', () => {
    expect(
      validationProblems(() => build({ name: 'a b', rateLimit: { limit: 1 } })).map((p) => p.field),
    ).toEqual(['name', 'rateLimit.limit']);
  });

  it.each<[string, Partial<WebAclProps>]>([
    ['a name of 128 characters', { name: long }],
    ['the lowest rate limit (10)', { rateLimit: { limit: 10 } }],
    ['the highest rate limit', { rateLimit: { limit: 2_000_000_000 } }],
    ['a 600-second window', { rateLimit: { evaluationWindowInSeconds: 600 } }],
    ['retention of 1 day', { logging: { retentionInDays: 1 } }],
    ['100 count rules', { commonRuleSet: { countRules: Array.from({ length: 100 }, (_, i) => `r${i}`) } }],
    [
      'exactly 1,327 WCUs with two extra groups',
      {
        extraManagedRuleGroups: [
          { name: 'AWSManagedRulesSQLiRuleSet' },
          { name: 'AWSManagedRulesLinuxRuleSet' },
        ],
      },
    ],
    ['a CLOUDFRONT ACL on a us-east-1 default provider', { scope: 'CLOUDFRONT' }],
    ['a header with digits and dashes', { logging: { redactedHeaders: ['x-api-key-2'] } }],
  ])('accepts %s', (_n, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
