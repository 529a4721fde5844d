/**
 * Security-group rules in one shape, whichever way they are written: inline `ingress`/`egress` blocks
 * of `aws_security_group` (and `aws_default_security_group`), `aws_security_group_rule`, or
 * `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`.
 */
import { blocks, num, strings } from './json';
import { Json, JsonObject, TfBlock } from './types';

export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  /** Where the rule is, for messages: `ingress[0]`, or `rule` for a standalone rule resource. */
  readonly label: string;
  /** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the protocol as written. */
  readonly protocol: string;
  /** Port range; undefined when not given as a literal number. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** The description as synthesized (`null` or absent when unset). */
  readonly description: Json | undefined;
}

/** Types that {@link securityGroupRules} understands. */
export const SECURITY_GROUP_TYPES: readonly string[] = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  '-1': 'all',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

export function normaliseProtocol(value: Json | undefined): string {
  const p = String(value ?? '').toLowerCase();
  return PROTOCOL_NUMBERS[p] ?? p;
}

function fromInline(direction: 'ingress' | 'egress', b: JsonObject, i: number): SecurityGroupRule {
  return {
    direction,
    label: `${direction}[${i}]`,
    protocol: normaliseProtocol(b.protocol),
    fromPort: num(b.from_port),
    toPort: num(b.to_port),
    ipv4: strings(b.cidr_blocks),
    ipv6: strings(b.ipv6_cidr_blocks),
    description: b.description,
  };
}

/** The rules a resource defines (none for types not in {@link SECURITY_GROUP_TYPES}). */
export function securityGroupRules(resource: TfBlock): SecurityGroupRule[] {
  const c = resource.config;
  switch (resource.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return [
        ...blocks(c.ingress).map((b, i) => fromInline('ingress', b, i)),
        ...blocks(c.egress).map((b, i) => fromInline('egress', b, i)),
      ];
    case 'aws_security_group_rule':
      return [{ ...fromInline(c.type === 'egress' ? 'egress' : 'ingress', c, 0), label: 'rule' }];
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule':
      return [
        {
          direction: resource.type.endsWith('ingress_rule') ? 'ingress' : 'egress',
          label: 'rule',
          protocol: normaliseProtocol(c.ip_protocol),
          fromPort: num(c.from_port),
          toPort: num(c.to_port),
          ipv4: strings(c.cidr_ipv4),
          ipv6: strings(c.cidr_ipv6),
          description: c.description,
        },
      ];
    default:
      return [];
  }
}

/** The "anywhere" CIDRs (`0.0.0.0/0`, `::/0`) a rule admits. */
export function worldCidrs(rule: SecurityGroupRule): string[] {
  return [...rule.ipv4.filter((c) => c === '0.0.0.0/0'), ...rule.ipv6.filter((c) => c === '::/0')];
}

/** `tcp 22-22 from 0.0.0.0/0`: a rule for messages. */
export function describeRule(rule: SecurityGroupRule): string {
  const ports =
    rule.protocol === 'all'
      ? 'all traffic'
      : `${rule.protocol} ${rule.fromPort ?? '?'}${rule.toPort !== rule.fromPort ? `-${rule.toPort ?? '?'}` : ''}`;
  const sources = [...rule.ipv4, ...rule.ipv6];
  return `${rule.label} (${ports}${sources.length ? ` from ${sources.join(', ')}` : ''})`;
}
