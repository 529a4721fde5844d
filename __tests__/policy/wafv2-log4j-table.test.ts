/**
 * MLM-WAF-002 on web ACL configurations given directly: the whole outcome for each way the
 * KnownBadInputs rule set can be missing, counted or have its Log4j rules overridden.
 */
import { createStackView } from '../../modules/policy/stack-view';
import { wafv2Log4jProtection } from '../../modules/policy/rules/wafv2-log4j-protection';
import { JsonObject, RuleResult } from '../../modules/policy/types';

const GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

function check(config: JsonObject): RuleResult {
  const resource = {
    mode: 'resource' as const,
    type: 'aws_wafv2_web_acl',
    name: 'acl',
    address: 'aws_wafv2_web_acl.acl',
    path: 'test/acl',
    config,
  };
  const result = wafv2Log4jProtection.check({ resource, stack: createStackView('test', {}) });
  return typeof result === 'string' ? { status: result } : { status: result.status, detail: result.detail };
}

/** A rule evaluating a managed group, with `override_action none` unless told. */
function group(
  name: string,
  opts: { vendor?: string | null; override?: string; overrides?: Array<[string, string]> } = {},
): JsonObject {
  return {
    name: `r-${name}`,
    override_action: [{ [opts.override ?? 'none']: {} }],
    statement: [
      {
        managed_rule_group_statement: [
          {
            name,
            ...(opts.vendor === null ? {} : { vendor_name: opts.vendor ?? 'AWS' }),
            rule_action_override: (opts.overrides ?? []).map(([rule, action]) => ({
              name: rule,
              action_to_use: [{ [action]: {} }],
            })),
          },
        ],
      },
    ],
  };
}

describe('MLM-WAF-002 outcome', () => {
  it.each<[string, JsonObject, RuleResult]>([
    ['the rule set enforced', { rule: [group(GROUP)] }, { status: 'compliant', detail: undefined }],
    [
      'the rule set after another rule',
      { rule: [{ name: 'rate', action: [{ block: {} }] }, group(GROUP)] },
      { status: 'compliant', detail: undefined },
    ],
    ['no rules at all', {}, { status: 'non-compliant', detail: `no rule evaluates ${GROUP}` }],
    [
      'the rule set from another vendor',
      { rule: [group(GROUP, { vendor: 'Acme' })] },
      { status: 'non-compliant', detail: `no rule evaluates ${GROUP}` },
    ],
    [
      'the rule set without a vendor',
      { rule: [group(GROUP, { vendor: null })] },
      { status: 'non-compliant', detail: `no rule evaluates ${GROUP}` },
    ],
    [
      'another AWS rule set only',
      { rule: [group('AWSManagedRulesCommonRuleSet')] },
      { status: 'non-compliant', detail: `no rule evaluates ${GROUP}` },
    ],
    [
      'the rule set counting only',
      { rule: [group(GROUP, { override: 'count' })] },
      { status: 'non-compliant', detail: `rule r-${GROUP} only counts (override_action count)` },
    ],
    [
      'two Log4j rules overridden to count and allow, one other rule to count',
      {
        rule: [
          group(GROUP, {
            overrides: [
              ['Log4JRCE_HEADER', 'count'],
              ['Host_localhost_HEADER', 'count'],
              ['Log4JRCE_URIPATH', 'allow'],
            ],
          }),
        ],
      },
      {
        status: 'non-compliant',
        detail: `rule r-${GROUP} overrides Log4JRCE_HEADER, Log4JRCE_URIPATH to count or allow`,
      },
    ],
    [
      'the older Log4JRCE rule overridden to count',
      { rule: [group(GROUP, { overrides: [['Log4JRCE', 'count']] })] },
      { status: 'non-compliant', detail: `rule r-${GROUP} overrides Log4JRCE to count or allow` },
    ],
    [
      'a Log4j rule overridden to block',
      { rule: [group(GROUP, { overrides: [['Log4JRCE_BODY', 'block']] })] },
      { status: 'compliant', detail: undefined },
    ],
    [
      'other rules of the set overridden to count',
      { rule: [group(GROUP, { overrides: [['Host_localhost_HEADER', 'count']] })] },
      { status: 'compliant', detail: undefined },
    ],
    [
      'rule_json that is not literal JSON',
      { rule_json: '${jsonencode(local.rules)}' },
      { status: 'non-compliant', detail: "rules can't be checked: rule_json is not literal JSON" },
    ],
  ])('%s', (_name, config, expected) => {
    expect(check(config)).toEqual(expected);
  });
});
