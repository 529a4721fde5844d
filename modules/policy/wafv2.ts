/**
 * Shared readers for WAFv2 rules. A web ACL's rules come either as `rule` blocks (snake_case) or
 * as `rule_json` (the WAF API's PascalCase JSON); both are normalised to {@link WafRule}.
 */
import { blocks, firstBlock, isObject, isTrue, str } from './json';
import { Json, JsonObject } from './types';

/** A managed rule group statement. */
export interface ManagedGroupStatement {
  readonly vendor: string;
  readonly name: string;
  /** Rules overridden inside the group, with the action they now take. */
  readonly overrides: readonly { readonly name: string; readonly action: string }[];
}

/** One rule of a web ACL, as far as the rules need it. */
export interface WafRule {
  readonly name: string;
  /** The rule's own action (`block`, `count`, ...); undefined when none is set. */
  readonly action?: string;
  /** The override action of a rule group reference (`none`, `count`); undefined when none is set. */
  readonly overrideAction?: string;
  /** The managed rule group the rule evaluates, if any (top-level statement only). */
  readonly managedGroup?: ManagedGroupStatement;
  /** True when the top-level statement is rate-based. */
  readonly rateBased: boolean;
  readonly metricsEnabled: boolean;
  readonly sampledRequestsEnabled: boolean;
}

/** The first key of a one-key block such as `action { block {} }` (`block`), lower-case. */
function choice(value: Json | undefined): string | undefined {
  const b = firstBlock(value);
  if (!b) return undefined;
  const key = Object.keys(b).find((k) => b[k] !== null && b[k] !== undefined);
  return key?.toLowerCase();
}

function fromBlock(rule: JsonObject): WafRule {
  const statement = firstBlock(rule.statement);
  const managed = firstBlock(statement?.managed_rule_group_statement);
  const visibility = firstBlock(rule.visibility_config);
  return {
    name: str(rule.name) ?? '(unnamed)',
    action: choice(rule.action),
    overrideAction: choice(rule.override_action),
    managedGroup: managed
      ? {
          vendor: str(managed.vendor_name) ?? '',
          name: str(managed.name) ?? '',
          overrides: blocks(managed.rule_action_override).map((o) => ({
            name: str(o.name) ?? '',
            action: choice(o.action_to_use) ?? '',
          })),
        }
      : undefined,
    rateBased: firstBlock(statement?.rate_based_statement) !== undefined,
    metricsEnabled: isTrue(visibility?.cloudwatch_metrics_enabled),
    sampledRequestsEnabled: isTrue(visibility?.sampled_requests_enabled),
  };
}

function fromApiJson(rule: JsonObject): WafRule {
  const statement = isObject(rule.Statement) ? rule.Statement : undefined;
  const managed = isObject(statement?.ManagedRuleGroupStatement)
    ? statement.ManagedRuleGroupStatement
    : undefined;
  const visibility = isObject(rule.VisibilityConfig) ? rule.VisibilityConfig : undefined;
  const key = (v: Json | undefined) => (isObject(v) ? Object.keys(v)[0]?.toLowerCase() : undefined);
  return {
    name: str(rule.Name) ?? '(unnamed)',
    action: key(rule.Action),
    overrideAction: key(rule.OverrideAction),
    managedGroup: managed
      ? {
          vendor: str(managed.VendorName) ?? '',
          name: str(managed.Name) ?? '',
          overrides: blocks(managed.RuleActionOverrides).map((o) => ({
            name: str(o.Name) ?? '',
            action: key(o.ActionToUse) ?? '',
          })),
        }
      : undefined,
    rateBased: isObject(statement?.RateBasedStatement),
    metricsEnabled: visibility?.CloudWatchMetricsEnabled === true,
    sampledRequestsEnabled: visibility?.SampledRequestsEnabled === true,
  };
}

/** The rules of a web ACL, or a reason they can't be read. */
export function webAclRules(acl: JsonObject): { ok: true; rules: WafRule[] } | { ok: false; reason: string } {
  const json = acl.rule_json;
  if (typeof json === 'string' && json.trim() !== '') {
    try {
      const parsed = JSON.parse(json) as Json;
      return { ok: true, rules: blocks(parsed).map(fromApiJson) };
    } catch {
      return { ok: false, reason: 'rule_json is not literal JSON' };
    }
  }
  return { ok: true, rules: blocks(acl.rule).map(fromBlock) };
}
