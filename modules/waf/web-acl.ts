import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import {
  Wafv2WebAclLoggingConfiguration,
  Wafv2WebAclLoggingConfigurationRedactedFields,
} from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Validator } from '../core/validation';
import { isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { providerRegion } from '../core/providers';
import {
  AwsManagedRuleGroupName,
  INCLUDED_WEB_ACL_WCUS,
  MANAGED_RULE_GROUP_WCUS,
  RATE_BASED_RULE_WCUS,
} from './managed-rule-groups';

/**
 * Where the web ACL can be used: `REGIONAL` for Application Load Balancers, API Gateway REST
 * stages, AppSync, Cognito user pools, App Runner and Verified Access (in the provider's region);
 * `CLOUDFRONT` for distributions (the ACL must be created in us-east-1).
 */
export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

/** Actions a WAF log record can carry, for {@link WebAclLogging.keepOnly}. */
export type WafLogAction = 'ALLOW' | 'BLOCK' | 'COUNT' | 'CAPTCHA' | 'CHALLENGE' | 'EXCLUDED_AS_COUNT';
const WAF_LOG_ACTIONS: readonly WafLogAction[] = [
  'ALLOW',
  'BLOCK',
  'COUNT',
  'CAPTCHA',
  'CHALLENGE',
  'EXCLUDED_AS_COUNT',
];

/** Settings of one AWS managed rule group. */
export interface ManagedRuleGroupOptions {
  /**
   * Evaluate the group. Turning one of the default groups off removes its protection; say why in
   * a comment where you do it.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Count every match of the group instead of acting on it (`override_action { count {} }`), e.g.
   * for a week of observation before enforcing. Matches show in metrics, sampled requests and
   * logs; nothing is blocked.
   * @default false
   */
  readonly countOnly?: boolean;
  /**
   * Rules of the group to count instead of block (`rule_action_override` with `count`), the
   * successor of the removed `excluded_rule`: for rules that block legitimate traffic, such as
   * `SizeRestrictions_BODY` for an upload endpoint. Names are case-sensitive.
   * @default []
   */
  readonly countRules?: string[];
  /**
   * Pin a version of the group, e.g. `Version_1.12`. Unpinned, AWS moves the group to new default
   * versions as it releases them.
   * @default - the group's default version
   */
  readonly version?: string;
}

/** Another AWS managed rule group to evaluate after the default ones. */
export interface ExtraManagedRuleGroup extends ManagedRuleGroupOptions {
  /** The group, e.g. `AWSManagedRulesSQLiRuleSet`. */
  readonly name: AwsManagedRuleGroupName;
}

/** The rate-based rule: requests per IP over a sliding window. */
export interface RateLimitOptions {
  /** @default true */
  readonly enabled?: boolean;
  /**
   * Requests one IP address may send in the evaluation window before its further requests are
   * blocked, 10 to 2,000,000,000. A browser loading a single-page app makes tens of requests per
   * page view, so 2,000 per 5 minutes stops floods and scrapers without touching real users.
   * @default 2000
   */
  readonly limit?: number;
  /** Window over which requests are counted: 60, 120, 300 or 600 seconds. @default 300 */
  readonly evaluationWindowInSeconds?: 60 | 120 | 300 | 600;
  /** `block` enforces the limit; `count` only reports who would have been blocked. @default 'block' */
  readonly action?: 'block' | 'count';
}

/** Logging of the web ACL to CloudWatch Logs. */
export interface WebAclLogging {
  /**
   * Create the log group `aws-waf-logs-<name>` and send every request record to it. Turning it
   * off leaves blocked requests without a record of who sent them (MLM-WAF-001 fails).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days the records are kept (a value CloudWatch Logs accepts). WAF logs are large (one record
   * per request, about 1-2 KB each) and ingestion costs about USD 0.50 per GB, so keep this as
   * short as investigations allow.
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * KMS key that encrypts the log group. Its key policy must allow `logs.<region>.amazonaws.com`.
   * @default - encrypted by CloudWatch Logs with a service key
   */
  readonly kmsKeyArn?: string;
  /**
   * Request headers replaced by `REDACTED` in the records (lower case). Credentials and session
   * cookies would otherwise be readable by everyone who can read the logs.
   * @default ['authorization', 'cookie']
   */
  readonly redactedHeaders?: string[];
  /** Redact the query string too (e.g. when tokens travel in it). @default false */
  readonly redactQueryString?: boolean;
  /**
   * Keep only records whose terminating action is one of these; drop the rest (a logging
   * filter). Cuts cost on busy sites, at the price of losing the allowed requests' trail.
   * @default - every record is kept
   */
  readonly keepOnly?: WafLogAction[];
}

/** Props of {@link WebAcl}. */
export interface WebAclProps {
  /**
   * Web ACL name, 1-128 letters, digits, `-` and `_`; also the prefix of its metric names and
   * the suffix of its log group (`aws-waf-logs-<name>`).
   */
  readonly name: string;
  /** `REGIONAL` (load balancers, API Gateway, ...) or `CLOUDFRONT` (distributions, us-east-1). */
  readonly scope: WebAclScope;
  /** @default - "<name> (<scope>)" */
  readonly description?: string;
  /**
   * `AWSManagedRulesCommonRuleSet` (700 WCUs): the OWASP-style core rules (bad bots' user agents,
   * size limits, XSS, local file inclusion, SSRF to metadata endpoints, ...).
   * @default - on, blocking
   */
  readonly commonRuleSet?: ManagedRuleGroupOptions;
  /**
   * `AWSManagedRulesKnownBadInputsRuleSet` (200 WCUs): request patterns known to exploit
   * vulnerabilities, including Log4j (CVE-2021-44228) message lookups.
   * @default - on, blocking
   */
  readonly knownBadInputs?: ManagedRuleGroupOptions;
  /**
   * `AWSManagedRulesAmazonIpReputationList` (25 WCUs): addresses Amazon threat intelligence
   * marks as bots, scanners or sources of DDoS.
   * @default - on, blocking
   */
  readonly ipReputation?: ManagedRuleGroupOptions;
  /** The rate-based rule (2 WCUs). @default - on, 2,000 requests per 5 minutes per IP, blocking */
  readonly rateLimit?: RateLimitOptions;
  /**
   * More AWS managed rule groups, evaluated after the defaults in list order, e.g.
   * `[{ name: 'AWSManagedRulesSQLiRuleSet' }]` for an API in front of SQL. Each costs USD 1 a
   * month and WCUs (see {@link MANAGED_RULE_GROUP_WCUS}).
   * @default []
   */
  readonly extraManagedRuleGroups?: ExtraManagedRuleGroup[];
  /**
   * Allow rule groups totalling more than the 1,500 WCUs included in the web ACL price (up to
   * AWS's limit of 5,000). Above 1,500, AWS bills every inspected request extra.
   * @default false
   */
  readonly acceptExtraCapacityCharges?: boolean;
  /** Logging to CloudWatch Logs. @default - on, 90 days, authorization and cookie headers redacted */
  readonly logging?: WebAclLogging;
  /**
   * Provider the web ACL, its log group and associations are created with. A `CLOUDFRONT` ACL
   * must be in us-east-1: pass a provider for us-east-1 when the stack's default provider is
   * elsewhere (synthesis fails when the default provider is known to be in another region).
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Tags for the web ACL and log group; `Name` is set to `name`. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[\w-]{1,128}$/;
const RULE_NAME_RE = /^[\w-]{1,128}$/;
const VERSION_RE = /^Version_\d+(\.\d+)*$/;
const HEADER_RE = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** Resources a REGIONAL web ACL can protect. */
const ASSOCIABLE_ARN_RE =
  /^arn:aws[a-z-]*:(elasticloadbalancing|apigateway|appsync|cognito-idp|apprunner|ec2):[a-z0-9-]*:\d{0,12}:.+$/;
const RATE_WINDOWS = [60, 120, 300, 600];

/** The defaults of {@link RateLimitOptions}. */
export const DEFAULT_RATE_LIMIT = { limit: 2000, evaluationWindowInSeconds: 300 } as const;
/** Log record headers redacted by default. */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = ['authorization', 'cookie'];

interface GroupRule {
  readonly field: string;
  readonly groupName: AwsManagedRuleGroupName;
  readonly options: ManagedRuleGroupOptions;
}

/**
 * An AWS WAFv2 web ACL with AWS managed rule groups and a rate limit, default action allow,
 * CloudWatch metrics and sampled requests on every rule, and logging to CloudWatch Logs with
 * credentials redacted.
 *
 * | Priority | Rule (name = metric suffix)             | Default         | WCUs |
 * |----------|-----------------------------------------|-----------------|------|
 * | 0        | `AWSManagedRulesAmazonIpReputationList` | block           | 25   |
 * | 1        | `RateLimitPerIp`                         | block > 2,000 / 5 min per IP | 2 |
 * | 2        | `AWSManagedRulesKnownBadInputsRuleSet`  | block           | 200  |
 * | 3        | `AWSManagedRulesCommonRuleSet`          | block           | 700  |
 * | 10+      | `extraManagedRuleGroups`, in order      | block           | see table |
 *
 * Cheap checks come first: a request from a listed address or over the rate limit is blocked
 * before the expensive rule sets inspect it. The default total is 927 WCUs, within the 1,500 a
 * web ACL gets without extra charges; synthesis refuses more unless
 * {@link WebAclProps.acceptExtraCapacityCharges} is set.
 *
 * Attach it with {@link associate} (REGIONAL) or by passing {@link webAclArn} to a CloudFront
 * distribution (`StaticSite`'s `webAclArn`).
 */
export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  /** ARN of the web ACL (what a distribution's `web_acl_id` takes). */
  public readonly webAclArn: string;
  public readonly webAclId: string;
  public readonly webAclName: string;
  public readonly scope: WebAclScope;
  /** Sum of the known WCUs of the rules created (the real value is the ACL's `capacity`). */
  public readonly estimatedCapacity: number;
  /** CloudWatch metric names of the ACL and each rule (namespace `AWS/WAFV2`, dimension `Rule`). */
  public readonly metricNames: readonly string[];
  /** The log group, when logging is on. */
  public readonly logGroup?: CloudwatchLogGroup;
  public readonly logGroupName?: string;
  public readonly logGroupArn?: string;

  private readonly provider?: TerraformProvider;
  private readonly associations = new Set<string>();

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const groups: GroupRule[] = [
      {
        field: 'ipReputation',
        groupName: 'AWSManagedRulesAmazonIpReputationList',
        options: props.ipReputation ?? {},
      },
      {
        field: 'knownBadInputs',
        groupName: 'AWSManagedRulesKnownBadInputsRuleSet',
        options: props.knownBadInputs ?? {},
      },
      {
        field: 'commonRuleSet',
        groupName: 'AWSManagedRulesCommonRuleSet',
        options: props.commonRuleSet ?? {},
      },
      ...(props.extraManagedRuleGroups ?? []).map((g, i) => ({
        field: `extraManagedRuleGroups[${i}]`,
        groupName: g.name,
        options: g,
      })),
    ];
    const rate = props.rateLimit ?? {};
    const rateOn = rate.enabled ?? true;
    const logging = props.logging ?? {};
    const loggingOn = logging.enabled ?? true;

    const v = new Validator(this);
    validate(v, props, groups, this);
    const enabledGroups = groups.filter((g) => g.options.enabled ?? true);
    // Unknown and repeated groups are reported above; they add nothing here.
    const capacity =
      [...new Set(enabledGroups.map((g) => g.groupName))].reduce(
        (sum, name) => sum + (MANAGED_RULE_GROUP_WCUS[name] ?? 0),
        0,
      ) + (rateOn ? RATE_BASED_RULE_WCUS : 0);
    v.check(
      capacity <= INCLUDED_WEB_ACL_WCUS || props.acceptExtraCapacityCharges === true,
      'extraManagedRuleGroups',
      capacity,
      `brings the web ACL to about ${capacity} WCUs, above the ${INCLUDED_WEB_ACL_WCUS} included in its price`,
      'drop rule groups (see MANAGED_RULE_GROUP_WCUS), or set acceptExtraCapacityCharges: true',
    );
    v.throwIfInvalid();

    this.provider = props.provider;
    this.scope = props.scope;
    this.estimatedCapacity = capacity;
    const provider = props.provider;
    const metric = (suffix: string) => `${props.name}-${suffix}`.slice(0, 255);
    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    const rules: Wafv2WebAclRule[] = [];
    const metricNames = [metric('web-acl')];
    const addGroup = (g: GroupRule, priority: number) => {
      const o = g.options;
      const overrides = (o.countRules ?? []).map((name) => ({ name, action_to_use: { count: {} } }));
      metricNames.push(metric(g.groupName));
      rules.push({
        name: g.groupName,
        priority,
        overrideAction: o.countOnly ? { count: {} } : { none: {} },
        statement: {
          managed_rule_group_statement: {
            name: g.groupName,
            vendor_name: 'AWS',
            version: o.version,
            rule_action_override: overrides.length > 0 ? overrides : undefined,
          },
        },
        visibilityConfig: visibility(metric(g.groupName)),
      });
    };
    const [ipReputation, knownBad, common, ...extra] = groups;
    if (ipReputation.options.enabled ?? true) addGroup(ipReputation, 0);
    if (rateOn) {
      metricNames.push(metric(RATE_RULE_NAME));
      rules.push({
        name: RATE_RULE_NAME,
        priority: 1,
        action: rate.action === 'count' ? { count: {} } : { block: {} },
        statement: {
          rate_based_statement: {
            limit: rate.limit ?? DEFAULT_RATE_LIMIT.limit,
            evaluation_window_sec:
              rate.evaluationWindowInSeconds ?? DEFAULT_RATE_LIMIT.evaluationWindowInSeconds,
            aggregate_key_type: 'IP',
          },
        },
        visibilityConfig: visibility(metric(RATE_RULE_NAME)),
      });
    }
    if (knownBad.options.enabled ?? true) addGroup(knownBad, 2);
    if (common.options.enabled ?? true) addGroup(common, 3);
    extra.forEach((g, i) => {
      if (g.options.enabled ?? true) addGroup(g, 10 + i);
    });
    this.metricNames = metricNames;

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      provider,
      name: props.name,
      description: props.description ?? `${props.name} (${props.scope})`,
      scope: props.scope,
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(metric('web-acl')),
      tags: withName(props.name, props.tags),
    });
    this.webAclArn = this.webAcl.arn;
    this.webAclId = this.webAcl.id;
    this.webAclName = this.webAcl.name;

    if (loggingOn) {
      // WAF only delivers to log groups whose name starts with "aws-waf-logs-".
      const logGroupName = `${LOG_GROUP_PREFIX}${props.name}`;
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        provider,
        name: logGroupName,
        retentionInDays: logging.retentionInDays ?? 90,
        kmsKeyId: logging.kmsKeyArn,
        tags: withName(logGroupName, props.tags),
      });
      this.logGroupName = this.logGroup.name;
      this.logGroupArn = this.logGroup.arn;

      const redacted: Wafv2WebAclLoggingConfigurationRedactedFields[] = [
        ...(logging.redactedHeaders ?? DEFAULT_REDACTED_HEADERS).map((name) => ({ singleHeader: { name } })),
        ...(logging.redactQueryString ? [{ queryString: {} }] : []),
      ];
      const keep = logging.keepOnly;
      new Wafv2WebAclLoggingConfiguration(this, 'logging', {
        provider,
        resourceArn: this.webAcl.arn,
        logDestinationConfigs: [this.logGroup.arn],
        redactedFields: redacted.length > 0 ? redacted : undefined,
        loggingFilter:
          keep && keep.length > 0
            ? {
                defaultBehavior: 'DROP',
                filter: [
                  {
                    behavior: 'KEEP',
                    requirement: 'MEETS_ANY',
                    condition: keep.map((action) => ({ actionCondition: { action } })),
                  },
                ],
              }
            : undefined,
      });
    }
  }

  /**
   * Protects a regional resource (an Application Load Balancer, API Gateway stage, AppSync API,
   * Cognito user pool, App Runner service or Verified Access instance) with this ACL. A CloudFront
   * distribution takes {@link webAclArn} instead (its `web_acl_id`), and a `CLOUDFRONT` ACL
   * cannot be associated here.
   * @param resourceArn ARN of the resource, e.g. `Alb.loadBalancerArn`
   * @param id construct id of the association; defaults to `association-<n>`. Keep it stable:
   *   it is part of the Terraform address.
   */
  public associate(resourceArn: string, id?: string): Wafv2WebAclAssociation {
    const v = new Validator(`${this.node.path} (associate)`);
    v.check(
      this.scope === 'REGIONAL',
      'scope',
      this.scope,
      'is CLOUDFRONT: distributions are protected through their web_acl_id, not an association',
      "pass webAclArn to the distribution (StaticSite's webAclArn), or create a REGIONAL web ACL",
    );
    v.checkOptional(
      resourceArn,
      (a) => ASSOCIABLE_ARN_RE.test(a),
      'resourceArn',
      'is not the ARN of a resource a regional web ACL can protect',
      'pass the ARN of a load balancer, API Gateway stage, AppSync API, Cognito user pool, App Runner service or Verified Access instance',
    );
    const key = id ?? `association-${this.associations.size + 1}`;
    v.check(
      !this.associations.has(key),
      'id',
      key,
      'is already used by another association of this web ACL',
      'give each association its own id',
    );
    v.throwIfInvalid();
    this.associations.add(key);
    return new Wafv2WebAclAssociation(this, key, {
      provider: this.provider,
      resourceArn,
      webAclArn: this.webAcl.arn,
    });
  }
}

/** Name (and metric suffix) of the rate-based rule. */
export const RATE_RULE_NAME = 'RateLimitPerIp';
/** Prefix WAF requires of a CloudWatch Logs destination. */
export const LOG_GROUP_PREFIX = 'aws-waf-logs-';

function validate(v: Validator, props: WebAclProps, groups: GroupRule[], scope: Construct): void {
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-128 letters, digits, "-" or "_"',
    'use a name such as "shop-prod-edge"',
  );
  v.check(
    props.scope === 'REGIONAL' || props.scope === 'CLOUDFRONT',
    'scope',
    props.scope,
    'must be "REGIONAL" or "CLOUDFRONT"',
    'use "REGIONAL" for load balancers and APIs, "CLOUDFRONT" for distributions',
  );
  if (props.scope === 'CLOUDFRONT') {
    const region = providerRegion(scope, props.provider);
    v.check(
      region === undefined || region === 'us-east-1',
      'provider',
      region,
      'is in another region than us-east-1, where CLOUDFRONT web ACLs must be created',
      "pass a provider configured for us-east-1 (new AwsProvider(stack, 'us-east-1', { alias: 'us-east-1', region: 'us-east-1' }))",
    );
  }
  v.checkOptional(
    props.description,
    (d) => d.length >= 1 && d.length <= 256 && /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]*$/.test(d),
    'description',
    'must be 1-256 characters of letters, digits, spaces and +=:#@/-,.',
    'use plain ASCII, e.g. "Edge protection for the shop"',
  );

  const names = new Set<string>();
  for (const g of groups) {
    const o = g.options;
    if (g.field.startsWith('extra')) {
      v.check(
        Object.prototype.hasOwnProperty.call(MANAGED_RULE_GROUP_WCUS, g.groupName),
        `${g.field}.name`,
        g.groupName,
        'is not an AWS managed rule group this module knows',
        `use one of ${Object.keys(MANAGED_RULE_GROUP_WCUS).join(', ')}`,
      );
      v.check(
        !names.has(g.groupName),
        `${g.field}.name`,
        g.groupName,
        'is already evaluated (a default group or an earlier entry)',
        'list each rule group once; configure a default group through its own prop',
      );
    }
    names.add(g.groupName);
    v.checkOptional(
      o.version,
      (ver) => VERSION_RE.test(ver),
      `${g.field}.version`,
      'is not a managed rule group version',
      'use a version such as "Version_1.12", or leave it unset for the default version',
    );
    const countRules = o.countRules ?? [];
    const bad = countRules.filter((r) => !isUnresolvedString(r) && !RULE_NAME_RE.test(r));
    v.check(
      bad.length === 0,
      `${g.field}.countRules`,
      bad,
      'has entries that are not rule names (1-128 letters, digits, "-", "_")',
      'use rule names from the group, e.g. "SizeRestrictions_BODY"',
    );
    const dupes = countRules.filter((r, i) => countRules.indexOf(r) !== i);
    v.check(dupes.length === 0, `${g.field}.countRules`, dupes, 'lists a rule twice', 'list each rule once');
    v.check(
      countRules.length <= 100,
      `${g.field}.countRules`,
      countRules.length,
      'has more than 100 entries (the rule_action_override limit)',
      'use countOnly: true to count the whole group',
    );
  }

  const rate = props.rateLimit ?? {};
  v.checkIntRange(rate.limit, 10, 2_000_000_000, 'rateLimit.limit');
  v.check(
    rate.evaluationWindowInSeconds === undefined || RATE_WINDOWS.includes(rate.evaluationWindowInSeconds),
    'rateLimit.evaluationWindowInSeconds',
    rate.evaluationWindowInSeconds,
    'must be 60, 120, 300 or 600',
    'use 300 (5 minutes, the default)',
  );
  v.check(
    rate.action === undefined || rate.action === 'block' || rate.action === 'count',
    'rateLimit.action',
    rate.action,
    'must be "block" or "count"',
    'use "block" (default) or "count"',
  );

  const logging = props.logging ?? {};
  v.checkOptional(
    logging.retentionInDays,
    (d) => d !== 0 && isValidLogRetention(d),
    'logging.retentionInDays',
    'is not a retention CloudWatch Logs accepts (0, "never expire", is refused: WAF logs grow with every request)',
    `use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... e.g. ${nearestLogRetention(logging.retentionInDays ?? 1)}`,
  );
  const headers = logging.redactedHeaders ?? [];
  const badHeaders = headers.filter((h) => !isUnresolvedString(h) && !HEADER_RE.test(h));
  v.check(
    badHeaders.length === 0,
    'logging.redactedHeaders',
    badHeaders,
    'has entries that are not lower-case header names',
    'use names such as "authorization" or "x-api-key"',
  );
  v.check(
    headers.length + (logging.redactQueryString ? 1 : 0) <= 100,
    'logging.redactedHeaders',
    headers.length,
    'redacts more than 100 fields (the WAF limit)',
    'redact at most 100 fields',
  );
  const keep = logging.keepOnly;
  if (keep !== undefined) {
    const badActions = keep.filter((a) => !WAF_LOG_ACTIONS.includes(a));
    v.check(
      badActions.length === 0 && keep.length > 0,
      'logging.keepOnly',
      keep,
      keep.length === 0
        ? 'is empty, which would drop every record'
        : `has unknown actions ${badActions.join(', ')}`,
      `list one or more of ${WAF_LOG_ACTIONS.join(', ')}, or leave it unset to keep every record`,
    );
  }
  v.check(
    !(logging.enabled === false && hasLoggingSettings(logging)),
    'logging.enabled',
    false,
    'is false while other logging settings are given',
    'remove the other logging settings, or turn logging on',
  );
}

function hasLoggingSettings(l: WebAclLogging): boolean {
  return (
    l.retentionInDays !== undefined ||
    l.kmsKeyArn !== undefined ||
    l.redactedHeaders !== undefined ||
    l.redactQueryString !== undefined ||
    l.keepOnly !== undefined
  );
}

function isUnresolvedString(value: string): boolean {
  return Token.isUnresolved(value);
}
