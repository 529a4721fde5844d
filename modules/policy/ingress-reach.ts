/**
 * How much of the internet reaches each port of each security group, with the sources of every
 * ingress rule of the group taken together: inline `ingress` blocks, `aws_security_group_rule`
 * and `aws_vpc_security_group_ingress_rule` resources, matched to their group by the
 * `security_group_id` reference or literal id. The bound is the one `SecurityGroup` enforces at
 * synth ({@link PUBLIC_REACH_BOUND}: one /8 of public IPv4, one /32 of global IPv6), so that
 * splitting `0.0.0.0/0` into halves, over several rules or resources, changes nothing.
 */
import { describeReach, exceedsPublicReach, isValidIpv6Cidr, publicReach } from '../core/ip';
import { SecurityGroupRule, describeRule, securityGroupRules } from './security-group-rules';
import { StackView, TfBlock } from './types';

/** Resource types whose ingress rules are analysed. */
export const INGRESS_RULE_TYPES: readonly string[] = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
];

/** One ingress rule with its sources as far as they can be known at synth. */
export interface IngressEntry {
  /** The resource that defines the rule (the group itself for an inline block). */
  readonly resource: TfBlock;
  readonly rule: SecurityGroupRule;
  /** Identity of the group the rule belongs to (an address, `id:<sg-...>` or the expression). */
  readonly groupKey: string;
  /** The group for messages: its construct path, its literal id, or the expression. */
  readonly groupLabel: string;
  /** IPv4 and IPv6 blocks: literal, or resolved from a variable default or a literal argument. */
  readonly cidrs: readonly string[];
  /** Sources that are Terraform expressions the stack cannot resolve (known only at plan time). */
  readonly unresolved: readonly string[];
  /** How resolved sources were found, e.g. `var.admin = ["0.0.0.0/1"]`. */
  readonly resolvedFrom: readonly string[];
}

/** One finding on one resource, ready for a rule's detail. */
export type ReachFinding = string;

/** Where an exact `security_group_id` leads: the group in this stack, a literal id, or the expression. */
function groupOf(stack: StackView, resource: TfBlock): { key: string; label: string } {
  if (resource.type === 'aws_security_group') return { key: resource.address, label: resource.path };
  const id = resource.config.security_group_id;
  const group = stack.resolve(id);
  if (group) return { key: group.address, label: group.path };
  const text = typeof id === 'string' ? id : JSON.stringify(id ?? null);
  return text.includes('${') ? { key: `expr:${text}`, label: text } : { key: `id:${text}`, label: text };
}

function sourcesOf(
  stack: StackView,
  rule: SecurityGroupRule,
): { cidrs: string[]; unresolved: string[]; resolvedFrom: string[] } {
  const cidrs: string[] = [];
  const unresolved: string[] = [];
  const resolvedFrom: string[] = [];
  for (const value of [...rule.ipv4, ...rule.ipv6]) {
    if (!value.includes('${')) {
      cidrs.push(value);
      continue;
    }
    const literal = stack.literalValue(value);
    const list = typeof literal === 'string' ? [literal] : Array.isArray(literal) ? literal : undefined;
    if (list !== undefined && list.every((c): c is string => typeof c === 'string')) {
      cidrs.push(...list);
      resolvedFrom.push(`${value.slice(2, -1)} = ${JSON.stringify(literal)}`);
    } else {
      unresolved.push(value);
    }
  }
  return { cidrs, unresolved, resolvedFrom };
}

/** Every ingress rule of the stack, with its group and sources. Computed once per stack view. */
const cache = new WeakMap<StackView, readonly IngressEntry[]>();

export function ingressEntries(stack: StackView): readonly IngressEntry[] {
  const cached = cache.get(stack);
  if (cached) return cached;
  const entries: IngressEntry[] = [];
  for (const type of INGRESS_RULE_TYPES) {
    for (const resource of stack.resources(type)) {
      const group = groupOf(stack, resource);
      for (const rule of securityGroupRules(resource)) {
        if (rule.direction !== 'ingress') continue;
        entries.push({
          resource,
          rule,
          groupKey: group.key,
          groupLabel: group.label,
          ...sourcesOf(stack, rule),
        });
      }
    }
  }
  cache.set(stack, entries);
  return entries;
}

/** True when the rule admits `protocol` traffic to `port` (protocol `all` admits every port). */
export function admitsPort(rule: SecurityGroupRule, protocol: 'tcp' | 'udp', port: number): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== protocol) return false;
  // A range that is not a literal counts as covering the port: the check cannot prove otherwise.
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

const PROTOCOLS = ['tcp', 'udp'] as const;

/**
 * Families in which `own` reaches public addresses (so the rule contributes to a public union).
 * Entries that are not valid IPv4 or IPv6 blocks (which Terraform itself refuses) count for nothing
 * here, as in every reach computed by `core/ip`.
 */
function publicFamilies(own: readonly string[]): Array<'IPv4' | 'IPv6'> {
  const reach = publicReach(own);
  const out: Array<'IPv4' | 'IPv6'> = [];
  if (reach.ipv4 > 0n) out.push('IPv4');
  if (reach.ipv6 > 0n) out.push('IPv6');
  return out;
}

function others(entries: readonly IngressEntry[], self: IngressEntry): string {
  const names = [
    ...new Set(
      entries
        .filter((e) => e !== self && publicFamilies(e.cidrs).length > 0)
        .map((e) => (e.resource === self.resource ? e.rule.label : e.resource.address)),
    ),
  ];
  return names.length === 0 ? '' : ` together with ${names.join(', ')}`;
}

function fromText(entry: IngressEntry): string {
  return entry.resolvedFrom.length > 0 ? ` (${entry.resolvedFrom.join('; ')})` : '';
}

function append(map: Map<number, string[]>, port: number, protocol: string): void {
  map.set(port, [...(map.get(port) ?? []), protocol]);
}

/** `22/tcp, 3389/tcp+udp` (ports in ascending order). */
function portText(map: ReadonlyMap<number, readonly string[]>): string {
  return [...map.entries()].map(([port, protocols]) => `${port}/${protocols.join('+')}`).join(', ');
}

const BOUND_TEXT = 'more than the limit of one /8 of public IPv4 or one /32 of global IPv6';

/**
 * Findings on `resource` for ports it helps open to the internet: for each port of `ports`
 * (TCP and UDP), the sources of every ingress rule of the resource's group that admits the port
 * are merged; when they reach more public space than the bound, each rule of `resource` that
 * contributes public sources is reported. A rule of `resource` that admits one of the ports from
 * an expression the stack cannot resolve is reported too: the range cannot be checked.
 */
export function publicPortFindings(
  stack: StackView,
  resource: TfBlock,
  ports: readonly number[],
): ReachFinding[] {
  const all = ingressEntries(stack);
  const own = all.filter((e) => e.resource === resource);
  if (own.length === 0) return [];
  const group = all.filter((e) => e.groupKey === own[0].groupKey);
  const findings: ReachFinding[] = [];
  for (const entry of own) {
    const exposed = new Map<number, string[]>();
    const unchecked = new Map<number, string[]>();
    let reach = '';
    const peers: IngressEntry[] = [];
    for (const port of [...ports].sort((a, b) => a - b)) {
      for (const protocol of PROTOCOLS) {
        if (!admitsPort(entry.rule, protocol, port)) continue;
        if (entry.unresolved.length > 0) append(unchecked, port, protocol);
        const covering = group.filter((e) => admitsPort(e.rule, protocol, port));
        const union = covering.flatMap((e) => e.cidrs);
        const families = exceedsPublicReach(union);
        if (!families.some((f) => publicFamilies(entry.cidrs).includes(f))) continue;
        append(exposed, port, protocol);
        reach = describeReach(union);
        covering.forEach((e) => peers.includes(e) || peers.push(e));
      }
    }
    if (exposed.size > 0) {
      findings.push(
        `${describeRule(entry.rule)}${fromText(entry)} opens port ${portText(exposed)} to ${reach}` +
          `${others(peers, entry)} in group ${entry.groupLabel}, ${BOUND_TEXT}`,
      );
    }
    if (unchecked.size > 0) {
      findings.push(
        `${describeRule(entry.rule)} admits port ${portText(unchecked)} from ${entry.unresolved.join(', ')}, ` +
          'a value known only at plan time: the range it opens cannot be checked',
      );
    }
  }
  return findings;
}

/**
 * Findings on `resource` for "all traffic from the internet": protocol `all` rules of the group
 * whose sources together exceed the bound, or TCP/UDP rules whose ranges together cover every
 * port (0/1 to 65535) with sources that exceed it on each part of the range.
 */
export function allTrafficFindings(stack: StackView, resource: TfBlock): ReachFinding[] {
  const all = ingressEntries(stack);
  const own = all.filter((e) => e.resource === resource);
  if (own.length === 0) return [];
  const group = all.filter((e) => e.groupKey === own[0].groupKey);
  const findings: ReachFinding[] = [];
  for (const entry of own) {
    const wide = widePublicSpan(group, entry);
    if (wide !== undefined) {
      findings.push(
        `${describeRule(entry.rule)}${fromText(entry)} admits ${wide.what} from ${wide.reach}` +
          `${others(wide.peers, entry)} in group ${entry.groupLabel}, ${BOUND_TEXT}`,
      );
    }
    if (entry.unresolved.length > 0 && coversEverything(entry.rule)) {
      findings.push(
        `${describeRule(entry.rule)} admits every port from ${entry.unresolved.join(', ')}, a value known only ` +
          'at plan time: the range it opens cannot be checked',
      );
    }
  }
  return findings;
}

function coversEverything(rule: SecurityGroupRule): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return false;
  return (rule.fromPort ?? 0) <= 1 && (rule.toPort ?? 65535) >= 65535;
}

/**
 * Whether `entry` is part of an all-traffic exposure of its group: returns what is exposed, the
 * reach and the rules involved, or undefined. Rules that open every port by themselves carry the
 * finding alone when, together, they exceed the bound in a family: a rule for 443 next to them is
 * not at fault in that family. When the group's protocol `all` rules exceed the bound, the finding
 * is "all traffic"; otherwise it is "every TCP (UDP) port", with every rule that helps cover the
 * ports in the families the whole-range rules leave within the bound.
 */
function widePublicSpan(
  group: readonly IngressEntry[],
  entry: IngressEntry,
): { what: string; reach: string; peers: IngressEntry[] } | undefined {
  const mine = publicFamilies(entry.cidrs);
  if (mine.length === 0) return undefined;
  const allRules = group.filter((e) => e.rule.protocol === 'all');
  const allUnion = allRules.flatMap((e) => e.cidrs);
  const allCarried = exceedsPublicReach(allUnion);
  if (entry.rule.protocol === 'all' && allCarried.some((f) => mine.includes(f))) {
    return { what: 'all traffic', reach: describeReach(allUnion), peers: allRules };
  }
  // A span names `entry` only where the rule covers a port of it, so a TCP rule never carries a UDP
  // span (nor an ICMP rule either).
  for (const protocol of PROTOCOLS) {
    const whole = group.filter(
      (e) => (e.rule.protocol === protocol || e.rule.protocol === 'all') && coversEverything(e.rule),
    );
    const wholeUnion = whole.flatMap((e) => e.cidrs);
    const carried = exceedsPublicReach(wholeUnion);
    if (whole.includes(entry) && carried.some((f) => mine.includes(f))) {
      return { what: `every ${protocol.toUpperCase()} port`, reach: describeReach(wholeUnion), peers: whole };
    }
    const rest = mine.filter((f) => !carried.includes(f));
    const span = rest.length === 0 ? undefined : everyPortSpan(group, entry, protocol, rest, carried);
    if (span) return { what: `every ${protocol.toUpperCase()} port`, ...span };
  }
  return undefined;
}

/**
 * Whether every port from 1 to 65535 of `protocol` is open beyond the bound, counting only the
 * sources outside the `carried` families, with `entry` among the rules that open it in one of
 * `mine`. The ranges' edges split the span into parts on which the set of covering rules is
 * constant; each part is checked once.
 */
function everyPortSpan(
  group: readonly IngressEntry[],
  entry: IngressEntry,
  protocol: 'tcp' | 'udp',
  mine: ReadonlyArray<'IPv4' | 'IPv6'>,
  carried: ReadonlyArray<'IPv4' | 'IPv6'>,
): { reach: string; peers: IngressEntry[] } | undefined {
  const rules = group.filter((e) => e.rule.protocol === protocol || e.rule.protocol === 'all');
  const edges = new Set<number>([1]);
  for (const e of rules) {
    edges.add(Math.max(1, e.rule.fromPort ?? 0));
    edges.add((e.rule.toPort ?? 65535) + 1);
  }
  const starts = [...edges].filter((p) => p >= 1 && p <= 65535).sort((a, b) => a - b);
  const inScope = (cidr: string) => !carried.includes(isValidIpv6Cidr(cidr) ? 'IPv6' : 'IPv4');
  let reach: string | undefined;
  const peers: IngressEntry[] = [];
  for (const start of starts) {
    const covering = rules.filter((e) => admitsPort(e.rule, protocol, start));
    const union = covering.flatMap((e) => e.cidrs.filter(inScope));
    const families = exceedsPublicReach(union);
    if (families.length === 0) return undefined;
    if (covering.includes(entry) && families.some((f) => mine.includes(f))) reach = describeReach(union);
    covering.forEach((e) => peers.includes(e) || !e.cidrs.some(inScope) || peers.push(e));
  }
  return reach === undefined ? undefined : { reach, peers };
}
