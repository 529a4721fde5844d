import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { LbListenerRule, LbListenerRuleCondition } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { Validator, requireProps } from '../core/validation';
import { isAnyAddress, isValidIpv4Cidr, isValidIpv6Cidr } from '../core/ip';
import { Tags, withName } from '../core/tags';
import { ITargetGroup } from './target-group';

/** HTTP methods a rule can match. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * What a request must match for a rule to forward it. Conditions combine with AND; the values of
 * one condition combine with OR. At least one condition is required.
 *
 * AWS limits, checked at synth: at most 3 values per condition, 5 values per rule (all conditions
 * together), and 5 wildcards (`*`, `?`) per rule.
 */
export interface ListenerRuleConditions {
  /**
   * Host names (case-insensitive, up to 128 characters of `A-Z a-z 0-9 - . * ?`, with at least
   * one '.' and only letters and digits after the last one), e.g. `['api.example.com']` or
   * `['*.example.com']`. @default - any host
   */
  readonly hostHeaders?: string[];
  /**
   * URL paths (case-sensitive, up to 128 characters, starting with '/' or '*'), e.g.
   * `['/grafana', '/grafana/*']`. The query string is not part of the path. @default - any path
   */
  readonly pathPatterns?: string[];
  /**
   * Client addresses (IPv4 or IPv6 CIDR blocks) the rule is limited to, e.g. an office range for an
   * admin UI; others fall through to later rules and the default action (404). Literal blocks only.
   * Behind a proxy or CDN this is the proxy's address, not the client's. @default - any address
   */
  readonly sourceCidrs?: string[];
  /** HTTP methods. @default - any method */
  readonly httpRequestMethods?: HttpMethod[];
}

/** Props of {@link ListenerRule}. */
export interface ListenerRuleProps extends ListenerRuleConditions {
  /** ARN of the listener the rule belongs to. */
  readonly listenerArn: string;
  /**
   * Evaluation order (1-50000, lowest first); unique per listener. Leave gaps (10, 20, ...) so
   * rules can be inserted later without renumbering.
   */
  readonly priority: number;
  /** Where matching requests go. */
  readonly targetGroup: ITargetGroup;
  /** Tags; `Name` is set to `<construct id>`. @default - none */
  readonly tags?: Tags;
}

const HOST_RE = /^[A-Za-z0-9*?.-]{1,128}$/;
const PATH_RE = /^[/*][A-Za-z0-9_\-.$/~"'@:+&*?]{0,127}$/;

/** Most values per condition, per rule, and wildcards per rule (Elastic Load Balancing limits). */
export const LISTENER_RULE_LIMITS = {
  valuesPerCondition: 3,
  valuesPerRule: 5,
  wildcardsPerRule: 5,
  priorityMin: 1,
  priorityMax: 50000,
  /** Rules per load balancer, excluding default rules (default quota; raisable). */
  rulesPerLoadBalancer: 100,
} as const;

function isValidHost(h: string): boolean {
  if (!HOST_RE.test(h) || !h.includes('.')) return false;
  return /^[A-Za-z0-9]+$/.test(h.slice(h.lastIndexOf('.') + 1));
}

/**
 * Checks a rule's priority and conditions, reporting fields under `prefix` (e.g. `addRule(admin)`
 * or the props themselves when empty).
 */
export function checkListenerRule(
  v: Validator,
  rule: ListenerRuleConditions & { readonly priority: number },
  prefix = '',
): void {
  const f = (name: string) => (prefix ? `${prefix}.${name}` : name);
  v.checkIntRange(
    rule.priority,
    LISTENER_RULE_LIMITS.priorityMin,
    LISTENER_RULE_LIMITS.priorityMax,
    f('priority'),
    'use a whole number from 1 to 50000, leaving gaps (10, 20, ...) for later rules',
  );
  v.check(
    rule.priority !== undefined,
    f('priority'),
    rule.priority,
    'is required',
    'set a priority from 1 to 50000 (lowest is evaluated first)',
  );
  const lists: [keyof ListenerRuleConditions, readonly string[] | undefined][] = [
    ['hostHeaders', rule.hostHeaders],
    ['pathPatterns', rule.pathPatterns],
    ['sourceCidrs', rule.sourceCidrs],
    ['httpRequestMethods', rule.httpRequestMethods],
  ];
  const present = lists.filter(([, values]) => values !== undefined && values.length > 0);
  v.check(
    present.length > 0,
    prefix || 'conditions',
    {},
    'has no condition (a rule without one would catch every request)',
    'give at least one of hostHeaders, pathPatterns, sourceCidrs, httpRequestMethods; use the listener default action for "everything else"',
  );
  for (const [name, values] of lists) {
    if (values === undefined) continue;
    v.check(
      values.length > 0,
      f(name),
      values,
      'is empty',
      `list at least one value, or leave ${name} unset`,
    );
    v.check(
      values.length <= LISTENER_RULE_LIMITS.valuesPerCondition,
      f(name),
      values,
      `has ${values.length} values; a condition takes at most ${LISTENER_RULE_LIMITS.valuesPerCondition}`,
      'split the values over several rules (each with its own priority)',
    );
    const dupes = values.filter((x, i) => values.indexOf(x) !== i);
    v.check(dupes.length === 0, f(name), dupes, 'lists a value more than once', 'list each value once');
  }
  const total = lists.reduce((n, [, values]) => n + (values?.length ?? 0), 0);
  v.check(
    total <= LISTENER_RULE_LIMITS.valuesPerRule,
    prefix || 'conditions',
    total,
    `has ${total} condition values in all; a rule takes at most ${LISTENER_RULE_LIMITS.valuesPerRule}`,
    'split the rule into several rules',
  );
  const literal = (values: readonly string[] | undefined) =>
    (values ?? []).filter((x) => !Token.isUnresolved(x));
  const wildcards = [...literal(rule.hostHeaders), ...literal(rule.pathPatterns)].reduce(
    (n, x) => n + (x.match(/[*?]/g)?.length ?? 0),
    0,
  );
  v.check(
    wildcards <= LISTENER_RULE_LIMITS.wildcardsPerRule,
    prefix || 'conditions',
    wildcards,
    `uses ${wildcards} wildcards; a rule takes at most ${LISTENER_RULE_LIMITS.wildcardsPerRule}`,
    'use fewer "*" and "?" or split the rule',
  );
  const badHosts = literal(rule.hostHeaders).filter((h) => !isValidHost(h));
  v.check(
    badHosts.length === 0,
    f('hostHeaders'),
    badHosts,
    'has entries that are not host patterns (up to 128 of A-Z a-z 0-9 - . * ?, with a "." and only letters or digits after the last one)',
    'use names such as "api.example.com" or "*.example.com"',
  );
  const badPaths = literal(rule.pathPatterns).filter((p) => !PATH_RE.test(p));
  v.check(
    badPaths.length === 0,
    f('pathPatterns'),
    badPaths,
    "has entries that are not path patterns (start with '/' or '*', up to 128 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?)",
    'use patterns such as "/grafana/*"',
  );
  const cidrs = rule.sourceCidrs ?? [];
  const tokens = cidrs.filter((c) => Token.isUnresolved(c));
  if (tokens.length > 0) {
    v.add(
      f('sourceCidrs'),
      tokens,
      'holds an unresolved value: who the rule admits cannot be checked at synth',
      'pass literal CIDR blocks',
    );
  }
  const badCidrs = literal(cidrs).filter((c) => !isValidIpv4Cidr(c) && !isValidIpv6Cidr(c));
  v.check(
    badCidrs.length === 0,
    f('sourceCidrs'),
    badCidrs,
    'has entries that are not IPv4 or IPv6 CIDR blocks with zero host bits',
    'use blocks such as "203.0.113.0/24" or "2001:db8::/32" (one address: /32 or /128)',
  );
  const anyAddress = literal(cidrs).filter((c) => isAnyAddress(c));
  v.check(
    anyAddress.length === 0,
    f('sourceCidrs'),
    anyAddress,
    'admits every address, so the condition restricts nothing',
    'list the client ranges the rule is for, or leave sourceCidrs unset',
  );
  const badMethods = (rule.httpRequestMethods ?? []).filter((m) => !HTTP_METHODS.includes(m));
  v.check(
    badMethods.length === 0,
    f('httpRequestMethods'),
    badMethods,
    `has entries that are not among ${HTTP_METHODS.join(', ')}`,
    'use upper-case method names such as "GET"',
  );
}

/** The `condition` blocks of a rule. */
export function ruleConditions(rule: ListenerRuleConditions): LbListenerRuleCondition[] {
  const conditions: LbListenerRuleCondition[] = [];
  if (rule.hostHeaders?.length) conditions.push({ hostHeader: { values: rule.hostHeaders } });
  if (rule.pathPatterns?.length) conditions.push({ pathPattern: { values: rule.pathPatterns } });
  if (rule.sourceCidrs?.length) conditions.push({ sourceIp: { values: rule.sourceCidrs } });
  if (rule.httpRequestMethods?.length)
    conditions.push({ httpRequestMethod: { values: rule.httpRequestMethods } });
  return conditions;
}

/**
 * A listener rule that forwards requests matching host, path, source-address and method
 * conditions to a target group. {@link ApplicationLoadBalancer.addRule} creates these on the
 * load balancer's main listener and checks priorities are unique; use this class directly for a
 * listener created elsewhere.
 */
export class ListenerRule extends Construct {
  public readonly rule: LbListenerRule;
  public readonly ruleArn: string;
  public readonly priority: number;

  constructor(scope: Construct, id: string, props: ListenerRuleProps) {
    super(scope, id);
    requireProps(this, props, {
      listenerArn: 'string',
      priority: 'number',
      targetGroup: 'object',
      'hostHeaders?': 'list',
      'pathPatterns?': 'list',
      'sourceCidrs?': 'list',
      'httpRequestMethods?': 'list',
    });
    const v = new Validator(this);
    checkListenerRule(v, props);
    v.check(
      props.listenerArn !== '',
      'listenerArn',
      props.listenerArn,
      'is required',
      "pass the listener's ARN, e.g. ApplicationLoadBalancer.listener.arn",
    );
    v.throwIfInvalid();
    this.priority = props.priority;
    this.rule = new LbListenerRule(this, 'rule', {
      listenerArn: props.listenerArn,
      priority: props.priority,
      action: [{ type: 'forward', targetGroupArn: props.targetGroup.targetGroupArn }],
      condition: ruleConditions(props),
      tags: withName(id, props.tags),
    });
    this.ruleArn = this.rule.arn;
  }
}
