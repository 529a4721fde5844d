import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Validator, requireProps } from '../core/validation';
import { isValidPort } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import {
  ANY_IPV4,
  ANY_IPV6,
  describeReach,
  exceedsPublicReach,
  isValidIpv4Cidr,
  isValidIpv6Cidr,
} from '../core/ip';
import { RESTRICTED_PORTS } from '../core/ports';

/** Who may connect: IPv4 blocks, IPv6 blocks, other security groups, managed prefix lists. */
export interface IngressSource {
  /** IPv4 blocks, e.g. `['203.0.113.0/24']`. Literal values only (a token cannot be checked). @default [] */
  readonly cidrs?: string[];
  /** IPv6 blocks, e.g. `['2001:db8::/32']`. Literal values only. @default [] */
  readonly ipv6Cidrs?: string[];
  /** Security groups whose members may connect (e.g. a load balancer's group). @default [] */
  readonly securityGroupIds?: string[];
  /** Managed prefix lists (e.g. CloudFront origin-facing). @default [] */
  readonly prefixListIds?: string[];
}

/** Where outbound traffic may go; same shape as {@link IngressSource} (tokens allowed). */
export type EgressDestination = IngressSource;

/** Protocols a rule can name. `all` covers every protocol and port. */
export type RuleProtocol = 'tcp' | 'udp' | 'all';

/** One inbound rule; it becomes one resource per source. */
export interface IngressRule {
  /** First (or only) port, 1-65535; unset with protocol `all`. */
  readonly port?: number;
  /** Last port of a range. @default - `port` */
  readonly toPort?: number;
  /** @default 'tcp' */
  readonly protocol?: RuleProtocol;
  /** Why the rule exists; shown in the console and in `terraform plan` (ASCII, 1-255 characters). */
  readonly description: string;
  readonly source: IngressSource;
  /**
   * Construct-id fragment of the rule's resources (`in-<key>-<peer>`). Keep it stable: it is part
   * of the Terraform address. @default - `<protocol>-<port>[-<toPort>]`
   */
  readonly key?: string;
}

/** One outbound rule. */
export interface EgressRule {
  /** First (or only) port, 1-65535; unset with protocol `all`. */
  readonly port?: number;
  /** Last port of a range. @default - `port` */
  readonly toPort?: number;
  /** @default 'tcp' */
  readonly protocol?: RuleProtocol;
  /** Why the rule exists. */
  readonly description: string;
  readonly destination: EgressDestination;
  /** Construct-id fragment (`out-<key>-<peer>`). @default - `<protocol>-<port>[-<toPort>]` */
  readonly key?: string;
}

/** Anything with a security group id, e.g. a {@link SecurityGroup} or another module's group. */
export interface ISecurityGroupRef {
  readonly securityGroupId: string;
}

/** Props of {@link SecurityGroup}. */
export interface SecurityGroupProps {
  /** Group name and `Name` tag, e.g. `mlcicd-dev-alb`. Unique within the VPC; not starting with `sg-`. */
  readonly name: string;
  /** VPC the group belongs to. */
  readonly vpcId: string;
  /** Group description; changing it replaces the group. @default - "Security group <name>" */
  readonly description?: string;
  /** Inbound rules. More can be added with {@link SecurityGroup.addIngress}. @default [] */
  readonly ingress?: IngressRule[];
  /**
   * Outbound rules. Egress is never implicit: `[]` means members can open no connections. More
   * can be added with {@link SecurityGroup.addEgress}.
   * @default []
   */
  readonly egress?: EgressRule[];
  /**
   * Ports that must never be reachable from the internet: a rule covering one of them is refused
   * when its IPv4 and IPv6 sources, together with every other rule on that port, reach more
   * public address space than `PUBLIC_REACH_BOUND` (modules/core) (about one /8 of IPv4 or one /32 of
   * IPv6). Splitting 0.0.0.0/0 into halves does not get around it.
   * @default RESTRICTED_PORTS (SSH, RDP, databases, caches, search, Docker, monitoring UIs)
   */
  readonly restrictedPorts?: readonly number[];
  /**
   * Let the internet reach restricted ports. This exposes shells, databases or unauthenticated
   * metrics to every scanner within minutes; prefer a load balancer, a VPN or SSM port forwarding.
   * @default false
   */
  readonly allowPublicRestrictedPorts?: boolean;
  /** Tags for the group and each rule; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
const DESCRIPTION_RE = NAME_RE;
const SG_ID_RE = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
const PREFIX_LIST_RE = /^pl-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const KEY_RE = /^[a-zA-Z0-9-]{1,40}$/;

/**
 * One rule as the group stores it, with the prop names its problems are reported under (a
 * subclass such as a preset group reports its own prop names).
 */
export interface RuleSpec {
  readonly key: string;
  /** The prop the rule came from, e.g. `ingress[2]` or `adminCidrs`. */
  readonly field: string;
  /** The prop path of one peer list, for error messages. */
  readonly peerField: (list: keyof IngressSource) => string;
  /** Text before the traffic in the rule description, e.g. "Grafana". */
  readonly label: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** `tcp`, `udp` or `-1` (all). */
  readonly protocol: string;
  readonly peers: IngressSource;
  /** A preset port whose sources may be empty (`{}` closes it: no resource is created). */
  readonly optionalPeers?: boolean;
}

type PeerField = 'cidrIpv4' | 'cidrIpv6' | 'referencedSecurityGroupId' | 'prefixListId';

/**
 * A VPC security group whose rules are separate `aws_vpc_security_group_{ingress,egress}_rule`
 * resources (never inline), one per source, each with a description. Egress is explicit, and
 * restricted ports (SSH, RDP, databases, admin UIs) cannot be opened to the internet, however the
 * sources are split, unless {@link SecurityGroupProps.allowPublicRestrictedPorts} says so.
 *
 * Rule resources are addressed by rule key and peer value (`in-tcp-443-v4-any`), so reordering a
 * list changes no address.
 */
export class SecurityGroup extends Construct implements ISecurityGroupRef {
  public readonly securityGroup: AwsSecurityGroup;
  public readonly securityGroupId: string;
  public readonly securityGroupArn: string;
  public readonly securityGroupName: string;

  private readonly name: string;
  private readonly tags?: Tags;
  private readonly restrictedPorts: readonly number[];
  private readonly allowPublic: boolean;
  private readonly ingressSpecs: RuleSpec[] = [];
  private readonly ruleIds = new Set<string>();
  private readonly optOutProp: string;

  /**
   * @param preset for preset groups built on this class: rules named by the preset's own props,
   *   and the name of its opt-out prop for error messages
   */
  constructor(
    scope: Construct,
    id: string,
    props: SecurityGroupProps,
    preset: { readonly ingress?: RuleSpec[]; readonly optOutProp?: string } = {},
  ) {
    super(scope, id);
    requireProps(this, props, {
      'name?': 'string',
      'vpcId?': 'string',
      'ingress?': 'list',
      'egress?': 'list',
      'restrictedPorts?': 'list',
    });
    this.name = props.name;
    this.tags = props.tags;
    this.restrictedPorts = props.restrictedPorts ?? RESTRICTED_PORTS;
    this.allowPublic = props.allowPublicRestrictedPorts === true;

    this.optOutProp = preset.optOutProp ?? 'allowPublicRestrictedPorts';
    const ingress = [
      ...(preset.ingress ?? []),
      ...(props.ingress ?? []).map((r, i) => ingressSpec(r, `ingress[${i}]`)),
    ];
    const egress = (props.egress ?? []).map((r, i) => egressSpec(r, `egress[${i}]`));

    const v = new Validator(this);
    validateGroupProps(v, props);
    const checked = new Set<string>();
    for (const spec of ingress) checkSpec(v, spec, 'ingress', checked);
    for (const spec of egress) checkSpec(v, spec, 'egress', checked);
    if (!this.allowPublic) checkPublicReach(v, ingress, this.restrictedPorts, this.optOutProp);
    v.throwIfInvalid();

    this.securityGroup = new AwsSecurityGroup(this, 'sg', {
      name: props.name,
      description: props.description ?? `Security group ${props.name}`,
      vpcId: props.vpcId,
      // Rules are separate resources; an inline block here would fight them on every apply.
      tags: withName(props.name, props.tags),
    });
    this.securityGroupId = this.securityGroup.id;
    this.securityGroupArn = this.securityGroup.arn;
    this.securityGroupName = this.securityGroup.name;

    for (const spec of ingress) this.createRules('ingress', spec);
    for (const spec of egress) this.createRules('egress', spec);
  }

  /** Adds an inbound rule; it is checked on its own and against the rules already there. */
  public addIngress(rule: IngressRule): void {
    const spec = ingressSpec(rule, `addIngress(${rule.description})`);
    const v = new Validator(this);
    checkSpec(v, spec, 'ingress', new Set());
    if (!this.allowPublic) {
      checkPublicReach(v, [...this.ingressSpecs, spec], this.restrictedPorts, this.optOutProp, spec);
    }
    v.throwIfInvalid();
    this.createRules('ingress', spec);
  }

  /** Adds an outbound rule. */
  public addEgress(rule: EgressRule): void {
    const spec = egressSpec(rule, `addEgress(${rule.description})`);
    const v = new Validator(this);
    checkSpec(v, spec, 'egress', new Set());
    v.throwIfInvalid();
    this.createRules('egress', spec);
  }

  /** Lets members of `other` connect to this group on a TCP port (or range). */
  public allowFrom(other: ISecurityGroupRef, port: number, description: string, toPort?: number): void {
    this.addIngress({ port, toPort, description, source: { securityGroupIds: [other.securityGroupId] } });
  }

  /** Lets members of this group connect to `other` on a TCP port (or range). */
  public allowTo(other: ISecurityGroupRef, port: number, description: string, toPort?: number): void {
    this.addEgress({ port, toPort, description, destination: { securityGroupIds: [other.securityGroupId] } });
  }

  /** One resource per peer; ids are keyed by the peer value so reordering a list changes nothing. */
  private createRules(direction: 'ingress' | 'egress', spec: RuleSpec): void {
    if (direction === 'ingress') this.ingressSpecs.push(spec);
    const traffic =
      spec.protocol === '-1'
        ? 'all traffic'
        : `${spec.protocol} ${portText(spec.fromPort as number, spec.toPort)}`;
    const word = direction === 'ingress' ? 'from' : 'to';
    const Resource = direction === 'ingress' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
    const peers: { id: string; text: string; peer: Partial<Record<PeerField, string>> }[] = [
      ...(spec.peers.cidrs ?? []).map((c, i) => ({ id: idPart('v4', c, i), text: c, peer: { cidrIpv4: c } })),
      ...(spec.peers.ipv6Cidrs ?? []).map((c, i) => ({
        id: idPart('v6', c, i),
        text: c,
        peer: { cidrIpv6: c },
      })),
      ...(spec.peers.securityGroupIds ?? []).map((g, i) => ({
        id: idPart('sg', g, i),
        text: Token.isUnresolved(g) ? 'security group' : g,
        peer: { referencedSecurityGroupId: g },
      })),
      ...(spec.peers.prefixListIds ?? []).map((p, i) => ({
        id: idPart('pl', p, i),
        text: Token.isUnresolved(p) ? 'prefix list' : p,
        peer: { prefixListId: p },
      })),
    ];
    for (const p of peers) {
      const id = `${direction === 'ingress' ? 'in' : 'out'}-${spec.key}-${p.id}`;
      if (this.ruleIds.has(id)) {
        new Validator(this)
          .add(
            spec.field,
            p.text,
            `repeats a rule that already exists (${id})`,
            'give the rule its own key, or drop the duplicate source',
          )
          .throwIfInvalid();
      }
      this.ruleIds.add(id);
      new Resource(this, id, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: spec.protocol,
        // checkSpec has refused ports on protocol "all", so both are unset there; a spec with
        // only fromPort is that single port.
        fromPort: spec.fromPort,
        toPort: spec.toPort ?? spec.fromPort,
        description: truncate(`${spec.label} (${traffic}) ${word} ${p.text}`),
        ...p.peer,
        tags: withName(`${this.name}-${spec.key}`, this.tags),
      });
    }
  }
}

function protocolOf(p: RuleProtocol | undefined): string {
  return p === 'all' ? '-1' : (p ?? 'tcp');
}

function defaultKey(protocol: string, from?: number, to?: number): string {
  if (protocol === '-1') return 'all';
  return to === undefined || to === from ? `${protocol}-${from}` : `${protocol}-${from}-${to}`;
}

/** The stored form of an inbound rule, reported under `field` (e.g. `ingress[2]`). */
export function ingressSpec(r: IngressRule, field: string): RuleSpec {
  const protocol = protocolOf(r.protocol);
  const from = r.port;
  const to = r.toPort ?? r.port;
  return {
    key: r.key ?? defaultKey(protocol, from, to),
    field,
    peerField: (list) => `${field}.source.${list}`,
    label: r.description,
    fromPort: from,
    toPort: to,
    protocol,
    peers: r.source ?? {},
  };
}

function egressSpec(r: EgressRule, field: string): RuleSpec {
  const protocol = protocolOf(r.protocol);
  const from = r.port;
  const to = r.toPort ?? r.port;
  return {
    key: r.key ?? defaultKey(protocol, from, to),
    field,
    peerField: (list) => `${field}.destination.${list}`,
    label: r.description,
    fromPort: from,
    toPort: to,
    protocol,
    peers: r.destination ?? {},
  };
}

/** Builds a TCP rule spec for a preset port (used by preset groups). */
export function tcpSpec(
  key: string,
  field: string,
  label: string,
  port: number,
  peers: IngressSource,
  peerField: (list: keyof IngressSource) => string = (list) => `${field}.${list}`,
): RuleSpec {
  return {
    key,
    field,
    peerField,
    label,
    fromPort: port,
    toPort: port,
    protocol: 'tcp',
    peers,
    optionalPeers: true,
  };
}

function portText(from: number, to: number | undefined): string {
  return to === undefined || to === from ? `${from}` : `${from}-${to}`;
}

/**
 * A construct-id fragment named after the peer (`v4-10-0-0-0-16`, `v6-any`), so reordering a
 * list does not re-address rules; unresolved ids fall back to their list position (`sg-0`).
 */
function idPart(kind: 'v4' | 'v6' | 'sg' | 'pl', value: string, index: number): string {
  if (Token.isUnresolved(value)) return `${kind}-${index}`;
  if (value === ANY_IPV4 || value === ANY_IPV6) return `${kind}-any`;
  return `${kind}-${value.replace(/[./:]/g, '-')}`;
}

function truncate(text: string): string {
  const clean = text.replace(/[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, '');
  return clean.length <= 255 ? clean : `${clean.slice(0, 252)}...`;
}

function validateGroupProps(v: Validator, props: SecurityGroupProps): void {
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name) && !props.name.startsWith('sg-'),
    'name',
    props.name,
    'is not a valid security group name (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-")',
    'use a name such as "orders-dev-app"',
  );
  v.checkOptional(
    props.vpcId,
    (id) => VPC_ID_RE.test(id),
    'vpcId',
    'is not a VPC id',
    'pass the id of a VPC ("vpc-0123456789abcdef0"), e.g. the Vpc construct\'s vpcId',
  );
  v.check(
    props.vpcId !== undefined && props.vpcId !== '',
    'vpcId',
    props.vpcId,
    'is required',
    "pass the id of a VPC, e.g. the Vpc construct's vpcId",
  );
  v.checkOptional(
    props.description,
    (d) => DESCRIPTION_RE.test(d),
    'description',
    'is not a valid security group description (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*)',
    'use plain ASCII letters, digits, spaces and basic punctuation',
  );
  const bad = (props.restrictedPorts ?? []).filter((p) => !isValidPort(p));
  v.check(
    bad.length === 0,
    'restrictedPorts',
    bad,
    'has entries that are not ports 1-65535',
    'list whole numbers from 1 to 65535',
  );
}

/** Checks one rule: key, description, protocol, ports and peers. */
export function checkSpec(
  v: Validator,
  spec: RuleSpec,
  direction: 'ingress' | 'egress',
  checked: Set<string>,
): void {
  v.check(
    KEY_RE.test(spec.key),
    `${spec.field}.key`,
    spec.key,
    'must be 1-40 letters, digits or hyphens',
    'use a short key such as "https" or "grafana"',
  );
  v.check(
    typeof spec.label === 'string' && DESCRIPTION_RE.test(spec.label),
    `${spec.field}.description`,
    spec.label,
    'must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*',
    'say why the rule exists in plain ASCII, e.g. "HTTPS from the load balancer"',
  );
  v.check(
    ['tcp', 'udp', '-1'].includes(spec.protocol),
    `${spec.field}.protocol`,
    spec.protocol,
    'must be "tcp", "udp" or "all"',
    'use "tcp" (default), "udp" or "all"',
  );
  if (spec.protocol !== '-1') {
    checkPorts(v, spec);
  } else {
    v.check(
      spec.fromPort === undefined && spec.toPort === undefined,
      `${spec.field}.port`,
      spec.fromPort ?? spec.toPort,
      'is set, but protocol "all" covers every port',
      'remove port/toPort, or use protocol "tcp" or "udp"',
    );
  }
  checkPeers(v, spec, direction, checked);
  const p = spec.peers;
  const count =
    (p.cidrs?.length ?? 0) +
    (p.ipv6Cidrs?.length ?? 0) +
    (p.securityGroupIds?.length ?? 0) +
    (p.prefixListIds?.length ?? 0);
  v.check(
    count > 0 || spec.optionalPeers === true,
    spec.field,
    p,
    `has no ${direction === 'ingress' ? 'source' : 'destination'}`,
    'list at least one CIDR block, security group or prefix list, or drop the rule',
  );
}

function checkPorts(v: Validator, spec: RuleSpec): void {
  const from = spec.fromPort;
  const to = spec.toPort ?? from;
  v.check(
    from !== undefined && isValidPort(from),
    `${spec.field}.port`,
    from,
    'must be a whole number from 1 to 65535',
    'use a port such as 443',
  );
  v.check(
    to !== undefined && isValidPort(to),
    `${spec.field}.toPort`,
    to,
    'must be a whole number from 1 to 65535',
    'use a port such as 443, or leave toPort unset for a single port',
  );
  if (from !== undefined && to !== undefined && isValidPort(from) && isValidPort(to)) {
    v.check(
      from <= to,
      `${spec.field}.toPort`,
      to,
      `is below port ${from}`,
      `set toPort to ${from} or more, or swap the two`,
    );
  }
}

/** Checks a rule's peers; `checked` skips lists already checked (one list can feed several ports). */
function checkPeers(
  v: Validator,
  spec: RuleSpec,
  direction: 'ingress' | 'egress',
  checked: Set<string>,
): void {
  const p = spec.peers;
  const list = (name: keyof IngressSource, ok: (s: string) => boolean, problem: string, fix: string) => {
    const field = spec.peerField(name);
    if (checked.has(field)) return;
    checked.add(field);
    const values = p[name] ?? [];
    if (!Array.isArray(values)) {
      v.add(
        field,
        values,
        'must be a list',
        `pass a list, e.g. ${name === 'cidrs' ? '["203.0.113.0/24"]' : '[]'}`,
      );
      return;
    }
    const tokenRanges = (name === 'cidrs' || name === 'ipv6Cidrs') && direction === 'ingress';
    const tokens = values.filter((s) => Token.isUnresolved(s));
    if (tokenRanges && tokens.length > 0) {
      v.add(
        field,
        tokens,
        'holds an unresolved value (a Terraform reference or variable): the range it opens cannot be checked at synth',
        'pass literal CIDR blocks, or admit a security group or prefix list instead',
      );
    }
    const bad = values.filter((s) => !Token.isUnresolved(s) && !ok(s));
    v.check(bad.length === 0, field, bad, problem, fix);
    const literal = values.filter((s) => !Token.isUnresolved(s));
    const dupes = literal.filter((s, i) => literal.indexOf(s) !== i);
    v.check(dupes.length === 0, field, dupes, 'lists a value more than once', 'list each value once');
  };
  list(
    'cidrs',
    isValidIpv4Cidr,
    'has entries that are not IPv4 CIDR blocks with zero host bits',
    'use blocks such as "203.0.113.0/24"; for one address use /32 (e.g. "203.0.113.7/32")',
  );
  list(
    'ipv6Cidrs',
    isValidIpv6Cidr,
    'has entries that are not IPv6 CIDR blocks with zero host bits',
    'use blocks such as "2001:db8::/32"; for one address use /128',
  );
  list(
    'securityGroupIds',
    (s) => SG_ID_RE.test(s),
    'has entries that are not security group ids',
    'use ids such as "sg-0123456789abcdef0" or another construct\'s securityGroupId',
  );
  list(
    'prefixListIds',
    (s) => PREFIX_LIST_RE.test(s),
    'has entries that are not prefix list ids',
    'use ids such as "pl-0123456789abcdef0"',
  );
}

/** True when the spec's traffic includes TCP or UDP `port`. */
function coversPort(spec: RuleSpec, port: number): boolean {
  if (spec.protocol === '-1') return true;
  if (spec.fromPort === undefined) return false;
  return port >= spec.fromPort && port <= (spec.toPort ?? spec.fromPort);
}

/** The list an untyped caller passed, or none when it is not a list (checkSpec reports that). */
function listOf(values: readonly string[] | undefined): readonly string[] {
  return Array.isArray(values) ? values : [];
}

/**
 * For every restricted port, the union of the IPv4 and IPv6 sources of all rules that cover it
 * must stay within {@link PUBLIC_REACH_BOUND}. With `only`, problems are reported for that rule
 * alone (a rule added later).
 */
export function checkPublicReach(
  v: Validator,
  ingress: readonly RuleSpec[],
  restrictedPorts: readonly number[],
  optOutProp: string,
  only?: RuleSpec,
): void {
  const reported = new Set<string>();
  for (const port of restrictedPorts) {
    const covering = ingress.filter((s) => coversPort(s, port));
    const cidrs = covering.flatMap((s) => [
      ...listOf(s.peers.cidrs).filter((c) => !Token.isUnresolved(c)),
      ...listOf(s.peers.ipv6Cidrs).filter((c) => !Token.isUnresolved(c)),
    ]);
    const families = exceedsPublicReach(cidrs);
    if (families.length === 0) continue;
    for (const spec of covering) {
      if (only && spec !== only) continue;
      const own = [...listOf(spec.peers.cidrs), ...listOf(spec.peers.ipv6Cidrs)];
      if (own.length === 0) continue;
      const ports = restrictedPorts.filter((p) => coversPort(spec, p)).sort((a, b) => a - b);
      const key = `${spec.field}|${ports.join(',')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      v.add(
        spec.field,
        own,
        `opens restricted ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')} (${spec.label}) to ${describeReach(cidrs)} ` +
          `(together with the other sources of that port), more than the limit of one /8 of IPv4 or one /32 of IPv6`,
        'admit only operator networks (e.g. ["203.0.113.0/24"]) or a load balancer security group, use SSM ' +
          `Session Manager or port forwarding instead, or set ${optOutProp}: true if exposure is really intended`,
      );
    }
  }
}
