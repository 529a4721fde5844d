import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Validator } from '../core/validation';
import { isValidCidr } from '../core/cidr';
import { isValidPort } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { ADMIN_PORTS, PORTS } from './ports';
import { ANY_IPV4, ANY_IPV6, isAnyIpv4, isAnyIpv6, isValidIpv6Cidr } from './ip-ranges';

/** Who may connect: IPv4 blocks, IPv6 blocks, other security groups, managed prefix lists. */
export interface IngressSource {
  /** IPv4 blocks, e.g. `['203.0.113.0/24']`. @default [] */
  readonly cidrs?: string[];
  /** IPv6 blocks, e.g. `['2001:db8::/32']`. @default [] */
  readonly ipv6Cidrs?: string[];
  /** Security groups whose members may connect (e.g. a load balancer's group). @default [] */
  readonly securityGroupIds?: string[];
  /** Managed prefix lists (e.g. CloudFront origin-facing). @default [] */
  readonly prefixListIds?: string[];
}

/** Where outbound traffic may go; same shape as {@link IngressSource}. */
export type EgressDestination = IngressSource;

/** An ingress rule beyond the named ports. */
export interface IngressRule {
  /** First (or only) port, 1-65535. */
  readonly port: number;
  /** Last port of a range. @default - `port` */
  readonly toPort?: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /** Why the rule exists; shown in the console and in `terraform plan`. */
  readonly description: string;
  readonly source: IngressSource;
}

/** An outbound rule. */
export interface EgressRule {
  /** First (or only) port, 1-65535; leave unset with protocol `all`. */
  readonly port?: number;
  /** Last port of a range. @default - `port` */
  readonly toPort?: number;
  /** `all` allows every protocol and port (then `port` must be unset). @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp' | 'all';
  /** Why the rule exists. */
  readonly description: string;
  readonly destination: EgressDestination;
}

/** Props of {@link AppSecurityGroup}. */
export interface AppSecurityGroupProps {
  /** Security group name and `Name` tag, e.g. `mlmon-dev-app`. Unique within the VPC. */
  readonly name: string;
  /** VPC the group belongs to. */
  readonly vpcId: string;
  /** Group description (changing it replaces the group). @default - names the ports it governs */
  readonly description?: string;
  /**
   * Operator networks allowed to reach the API (8000), Prometheus (9090) and Grafana (3000).
   * Per-port props (`api`, `prometheus`, `grafana`) override this for their port.
   * @default [] - admin ports closed
   */
  readonly adminCidrs?: string[];
  /**
   * Networks allowed to SSH (22). Empty means no port-22 rule at all: SSM Session Manager is the
   * admin path and needs no inbound port.
   * @default []
   */
  readonly sshCidrs?: string[];
  /** Sources for HTTP (80). `{}` closes the port. @default { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] } */
  readonly http?: IngressSource;
  /** Sources for HTTPS (443). `{}` closes the port. @default { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] } */
  readonly https?: IngressSource;
  /** Sources for the model API (8000), replacing `adminCidrs` for this port. @default { cidrs: adminCidrs } */
  readonly api?: IngressSource;
  /** Sources for Prometheus (9090), replacing `adminCidrs` for this port. @default { cidrs: adminCidrs } */
  readonly prometheus?: IngressSource;
  /** Sources for Grafana (3000), replacing `adminCidrs` for this port. @default { cidrs: adminCidrs } */
  readonly grafana?: IngressSource;
  /** Sources for the Prometheus node exporter (9100). @default {} - closed */
  readonly nodeExporter?: IngressSource;
  /** More ingress rules. @default [] */
  readonly extraIngress?: IngressRule[];
  /**
   * Outbound rules, replacing the default. Egress is never implicit: `[]` means the host can
   * open no connections at all. The default covers what the host needs to install packages,
   * pull images (ECR, Docker Hub, GHCR) and talk to SSM, CloudWatch and S3 over their public
   * endpoints. DNS (the VPC resolver), NTP (Amazon Time Sync) and the instance metadata service
   * are link-local services that security groups do not filter, so they need no rule.
   * @default HTTPS (443) and HTTP (80) to 0.0.0.0/0 and ::/0
   */
  readonly egress?: EgressRule[];
  /**
   * Allow 0.0.0.0/0 or ::/0 on the admin ports (22, 8000, 9090, 3000, 9100). Doing so exposes
   * a shell, the unauthenticated model API and metrics, and the Grafana login to every scanner
   * on the internet within minutes of launch; use a load balancer with authentication, a VPN or
   * SSM port forwarding instead.
   * @default false
   */
  readonly allowPublicAdminPorts?: boolean;
  /** Tags for the group and its rules; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/** The default outbound rules. */
export const DEFAULT_EGRESS: readonly EgressRule[] = [
  {
    port: PORTS.https,
    description: 'HTTPS to AWS APIs (SSM, CloudWatch, S3, ECR) and package and image registries',
    destination: { cidrs: [ANY_IPV4], ipv6Cidrs: [ANY_IPV6] },
  },
  {
    port: PORTS.http,
    description: 'HTTP to OS package mirrors',
    destination: { cidrs: [ANY_IPV4], ipv6Cidrs: [ANY_IPV6] },
  },
];

const PUBLIC_WEB: IngressSource = { cidrs: [ANY_IPV4], ipv6Cidrs: [ANY_IPV6] };
const SG_NAME_RE = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
const DESCRIPTION_RE = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
const SG_ID_RE = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
const PREFIX_LIST_RE = /^pl-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** One rule before it is expanded into one resource per source. */
interface RuleSpec {
  readonly key: string;
  readonly field: string;
  /** The prop path of one peer list, for error messages. */
  readonly peerField: (list: keyof IngressSource) => string;
  readonly label: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly protocol: string;
  readonly peers: IngressSource;
}

/**
 * The security group of the model-monitoring host. Web ports are public by default, admin ports
 * (API, Prometheus, Grafana, SSH, node exporter) are closed until given sources and can never
 * be opened to the internet by accident, and egress is an explicit list.
 *
 * Each rule is its own `aws_vpc_security_group_{ingress,egress}_rule` resource (no inline
 * rules), so adding a source changes one resource instead of rewriting the group, and every
 * rule carries a description.
 */
export class AppSecurityGroup extends Construct {
  public readonly securityGroupId: string;
  public readonly securityGroupArn: string;
  public readonly securityGroupName: string;

  constructor(scope: Construct, id: string, props: AppSecurityGroupProps) {
    super(scope, id);
    const admin = props.adminCidrs ?? [];
    const ingress: RuleSpec[] = [
      tcp('ssh', 'sshCidrs', 'SSH', PORTS.ssh, { cidrs: props.sshCidrs ?? [] }, () => 'sshCidrs'),
      tcp('http', 'http', 'HTTP', PORTS.http, props.http ?? PUBLIC_WEB),
      tcp('https', 'https', 'HTTPS', PORTS.https, props.https ?? PUBLIC_WEB),
      tcp('api', props.api ? 'api' : 'adminCidrs', 'Model API', PORTS.api, props.api ?? { cidrs: admin }),
      tcp(
        'prometheus',
        props.prometheus ? 'prometheus' : 'adminCidrs',
        'Prometheus',
        PORTS.prometheus,
        props.prometheus ?? { cidrs: admin },
      ),
      tcp(
        'grafana',
        props.grafana ? 'grafana' : 'adminCidrs',
        'Grafana',
        PORTS.grafana,
        props.grafana ?? { cidrs: admin },
      ),
      tcp('node-exporter', 'nodeExporter', 'Node exporter', PORTS.nodeExporter, props.nodeExporter ?? {}),
      ...(props.extraIngress ?? []).map((r, i): RuleSpec => ({
        key: `extra-${i}`,
        field: `extraIngress[${i}]`,
        peerField: (list) => `extraIngress[${i}].source.${list}`,
        label: r.description,
        fromPort: r.port,
        toPort: r.toPort ?? r.port,
        protocol: r.protocol ?? 'tcp',
        peers: r.source,
      })),
    ];
    const egress: RuleSpec[] = (props.egress ?? DEFAULT_EGRESS).map((r, i) => {
      const protocol = r.protocol ?? 'tcp';
      return {
        key: `egress-${i}`,
        field: props.egress ? `egress[${i}]` : `egress (default)[${i}]`,
        peerField: (list: keyof IngressSource) => `egress[${i}].destination.${list}`,
        label: r.description,
        fromPort: protocol === 'all' ? undefined : r.port,
        toPort: protocol === 'all' ? undefined : (r.toPort ?? r.port),
        protocol: protocol === 'all' ? '-1' : protocol,
        peers: r.destination,
      };
    });

    validate(this, props, ingress, egress);

    const sg = new SecurityGroup(this, 'sg', {
      name: props.name,
      description: props.description ?? 'Model-monitoring host: web, API, Prometheus and Grafana',
      vpcId: props.vpcId,
      // Rules are separate resources; an inline block here would fight them on every apply.
      tags: withName(props.name, props.tags),
    });
    this.securityGroupId = sg.id;
    this.securityGroupArn = sg.arn;
    this.securityGroupName = sg.name;

    for (const spec of ingress) this.addRules('ingress', sg.id, spec, props);
    for (const spec of egress) this.addRules('egress', sg.id, spec, props);
  }

  /** One resource per peer; ids are keyed by the peer value so reordering a list changes nothing. */
  private addRules(
    direction: 'ingress' | 'egress',
    sgId: string,
    spec: RuleSpec,
    props: AppSecurityGroupProps,
  ) {
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
      const description = truncate(`${spec.label} (${traffic}) ${word} ${p.text}`);
      new Resource(this, `${direction === 'ingress' ? 'in' : 'out'}-${spec.key}-${p.id}`, {
        securityGroupId: sgId,
        ipProtocol: spec.protocol,
        fromPort: spec.fromPort,
        toPort: spec.toPort,
        description,
        ...p.peer,
        tags: withName(`${props.name}-${spec.key}`, props.tags),
      });
    }
  }
}

type PeerField = 'cidrIpv4' | 'cidrIpv6' | 'referencedSecurityGroupId' | 'prefixListId';

function tcp(
  key: string,
  field: string,
  label: string,
  port: number,
  peers: IngressSource,
  peerField: (list: keyof IngressSource) => string = (list) =>
    field === 'adminCidrs' ? field : `${field}.${list}`,
): RuleSpec {
  return { key, field, peerField, label, fromPort: port, toPort: port, protocol: 'tcp', peers };
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

function validate(
  scope: Construct,
  props: AppSecurityGroupProps,
  ingress: RuleSpec[],
  egress: RuleSpec[],
): void {
  const v = new Validator(scope);
  v.check(
    typeof props.name === 'string' && SG_NAME_RE.test(props.name) && !props.name.startsWith('sg-'),
    'name',
    props.name,
    'is not a valid security group name (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-")',
    'use a name such as "mlmon-dev-app"',
  );
  v.checkOptional(
    props.vpcId,
    (id) => VPC_ID_RE.test(id),
    'vpcId',
    'is not a VPC id',
    'pass the id of a VPC ("vpc-0123456789abcdef0"), e.g. the Vpc construct\'s vpcId',
  );
  v.checkOptional(
    props.description,
    (d) => DESCRIPTION_RE.test(d),
    'description',
    'is not a valid security group description (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*)',
    'use plain ASCII letters, digits, spaces and basic punctuation',
  );

  for (const [i, r] of (props.extraIngress ?? []).entries()) {
    checkDescription(v, `extraIngress[${i}].description`, r.description);
    v.check(
      r.protocol === undefined || r.protocol === 'tcp' || r.protocol === 'udp',
      `extraIngress[${i}].protocol`,
      r.protocol,
      'must be "tcp" or "udp"',
      'use "tcp" (default) or "udp"',
    );
  }
  for (const [i, r] of (props.egress ?? []).entries()) {
    checkDescription(v, `egress[${i}].description`, r.description);
    v.check(
      r.protocol === undefined || ['tcp', 'udp', 'all'].includes(r.protocol),
      `egress[${i}].protocol`,
      r.protocol,
      'must be "tcp", "udp" or "all"',
      'use "tcp" (default), "udp" or "all"',
    );
    if (r.protocol === 'all') {
      v.check(
        r.port === undefined && r.toPort === undefined,
        `egress[${i}].port`,
        r.port ?? r.toPort,
        'is set, but protocol "all" covers every port',
        'remove port/toPort, or use protocol "tcp" or "udp"',
      );
    }
  }

  const checkedPeerFields = new Set<string>();
  for (const spec of [...ingress, ...egress]) {
    if (spec.protocol !== '-1') checkPorts(v, spec);
    checkPeers(v, spec, checkedPeerFields);
  }

  if (props.allowPublicAdminPorts !== true) {
    for (const spec of ingress) {
      if (spec.fromPort === undefined) continue;
      const to = spec.toPort ?? spec.fromPort;
      const hit = ADMIN_PORTS.filter((p) => p >= (spec.fromPort as number) && p <= to);
      if (hit.length === 0) continue;
      const open = [
        ...(spec.peers.cidrs ?? []).filter((c) => !Token.isUnresolved(c) && isAnyIpv4(c)),
        ...(spec.peers.ipv6Cidrs ?? []).filter((c) => !Token.isUnresolved(c) && isAnyIpv6(c)),
      ];
      v.check(
        open.length === 0,
        spec.field,
        open,
        `opens admin port ${hit.join(', ')} (${spec.label}) to the whole internet`,
        'restrict it to operator networks (e.g. ["203.0.113.0/24"]), use SSM Session Manager or port ' +
          'forwarding, or set allowPublicAdminPorts: true if exposure is really intended',
      );
    }
  }
  v.throwIfInvalid();
}

function checkDescription(v: Validator, field: string, description: string): void {
  v.check(
    typeof description === 'string' && DESCRIPTION_RE.test(description),
    field,
    description,
    'must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*',
    'say why the rule exists in plain ASCII, e.g. "Loki push from the logging host"',
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

/** Checks a rule's peers; `checked` skips lists already checked (adminCidrs feeds three ports). */
function checkPeers(v: Validator, spec: RuleSpec, checked: Set<string>): void {
  const p = spec.peers;
  const list = (name: keyof IngressSource, ok: (s: string) => boolean, problem: string, fix: string) => {
    if (checked.has(spec.peerField(name))) return;
    checked.add(spec.peerField(name));
    const values = p[name] ?? [];
    const bad = values.filter((s) => !Token.isUnresolved(s) && !ok(s));
    v.check(bad.length === 0, spec.peerField(name), bad, problem, fix);
    const literal = values.filter((s) => !Token.isUnresolved(s));
    const dupes = literal.filter((s, i) => literal.indexOf(s) !== i);
    v.check(
      dupes.length === 0,
      spec.peerField(name),
      dupes,
      'lists a value more than once',
      'list each value once',
    );
  };
  list(
    'cidrs',
    isValidCidr,
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
