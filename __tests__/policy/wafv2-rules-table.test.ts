/**
 * The rules of a web ACL as the WAFv2 policy rules read them: `rule` blocks as Terraform writes
 * them (snake_case) and `rule_json` as the WAF API writes it (PascalCase) give the same rules.
 */
import { webAclRules } from '../../modules/policy/wafv2';
import { JsonObject } from '../../modules/policy/types';

/** The managed-group rule and the rate rule both tables describe, as the rules read them. */
const COMMON_AND_RATE = [
  {
    name: 'common',
    action: undefined,
    overrideAction: 'none',
    managedGroup: {
      vendor: 'AWS',
      name: 'AWSManagedRulesCommonRuleSet',
      overrides: [
        { name: 'SizeRestrictions_BODY', action: 'count' },
        { name: '', action: '' },
      ],
    },
    rateBased: false,
    metricsEnabled: true,
    sampledRequestsEnabled: true,
  },
  {
    name: 'rate',
    action: 'block',
    overrideAction: undefined,
    managedGroup: undefined,
    rateBased: true,
    metricsEnabled: false,
    sampledRequestsEnabled: false,
  },
];

describe('webAclRules: rule blocks', () => {
  it('reads a managed rule group with overrides, a rate rule and an unnamed rule', () => {
    const acl: JsonObject = {
      rule: [
        {
          name: 'common',
          override_action: [{ none: {} }],
          statement: [
            {
              managed_rule_group_statement: [
                {
                  vendor_name: 'AWS',
                  name: 'AWSManagedRulesCommonRuleSet',
                  rule_action_override: [
                    { name: 'SizeRestrictions_BODY', action_to_use: [{ count: {} }] },
                    { action_to_use: [{}] },
                  ],
                },
              ],
            },
          ],
          visibility_config: [{ cloudwatch_metrics_enabled: true, sampled_requests_enabled: 'true' }],
        },
        {
          name: 'rate',
          action: { Block: {} },
          statement: { rate_based_statement: { limit: 2000 } },
          visibility_config: { cloudwatch_metrics_enabled: 'false', sampled_requests_enabled: false },
        },
        { action: [{ allow: null, block: {} }], statement: [{ managed_rule_group_statement: [{}] }] },
      ],
    };
    expect(webAclRules(acl)).toEqual({
      ok: true,
      rules: [
        ...COMMON_AND_RATE,
        {
          name: '(unnamed)',
          action: 'block',
          overrideAction: undefined,
          managedGroup: { vendor: '', name: '', overrides: [] },
          rateBased: false,
          metricsEnabled: false,
          sampledRequestsEnabled: false,
        },
      ],
    });
  });

  it.each<[string, JsonObject, string | undefined]>([
    ['the only key of the block', { action: [{ count: {} }] }, 'count'],
    ['the first key whose value is set, past a null', { action: [{ allow: null, block: {} }] }, 'block'],
    ['no key when every value is null', { action: [{ allow: null }] }, undefined],
    ['no action when the block is empty', { action: [{}] }, undefined],
    ['no action when there is no block', { action: 'block' }, undefined],
  ])('reads the action as %s', (_name, rule, action) => {
    const read = webAclRules({ rule: [{ name: 'r', ...rule }] });
    expect(read.ok && read.rules[0].action).toBe(action);
  });

  it('reads no rules from an ACL without rule blocks', () => {
    expect(webAclRules({ name: 'acl' })).toEqual({ ok: true, rules: [] });
  });

  it('reads the blocks when rule_json is blank', () => {
    expect(webAclRules({ rule_json: '  ', rule: [{ name: 'r' }] })).toEqual({
      ok: true,
      rules: [
        {
          name: 'r',
          action: undefined,
          overrideAction: undefined,
          managedGroup: undefined,
          rateBased: false,
          metricsEnabled: false,
          sampledRequestsEnabled: false,
        },
      ],
    });
  });
});

describe('webAclRules: rule_json', () => {
  it('reads the same rules from the WAF API JSON, ignoring the rule blocks', () => {
    const json = [
      {
        Name: 'common',
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: {
            VendorName: 'AWS',
            Name: 'AWSManagedRulesCommonRuleSet',
            RuleActionOverrides: [
              { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
              { ActionToUse: 'count' },
            ],
          },
        },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
      },
      {
        Name: 'rate',
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 2000 } },
        VisibilityConfig: { CloudWatchMetricsEnabled: 'true', SampledRequestsEnabled: false },
      },
      { Action: 'block', Statement: { ManagedRuleGroupStatement: {} } },
    ];
    expect(webAclRules({ rule_json: JSON.stringify(json), rule: [{ name: 'ignored' }] })).toEqual({
      ok: true,
      rules: [
        ...COMMON_AND_RATE,
        {
          name: '(unnamed)',
          action: undefined,
          overrideAction: undefined,
          managedGroup: { vendor: '', name: '', overrides: [] },
          rateBased: false,
          metricsEnabled: false,
          sampledRequestsEnabled: false,
        },
      ],
    });
  });

  it('reads a single rule object as one rule', () => {
    const read = webAclRules({ rule_json: JSON.stringify({ Name: 'one', Action: { Allow: {} } }) });
    expect(read.ok && read.rules.map((r) => [r.name, r.action])).toEqual([['one', 'allow']]);
  });

  it.each([
    ['a Terraform expression', '${jsonencode(local.rules)}'],
    ['truncated JSON', '[{"Name": "a"'],
  ])('cannot read %s', (_name, ruleJson) => {
    expect(webAclRules({ rule_json: ruleJson })).toEqual({
      ok: false,
      reason: 'rule_json is not literal JSON',
    });
  });
});
