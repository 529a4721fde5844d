import { Construct } from 'constructs';
import { ANY_IPV4, ANY_IPV6 } from '../../modules/core/ip';
import { RESTRICTED_PORTS } from '../../modules/core/ports';
import { Tags } from '../../modules/core/tags';
import { requireProps } from '../../modules/core/validation';
import {
  EgressRule,
  IngressRule,
  IngressSource,
  RuleSpec,
  SecurityGroup,
  ingressSpec,
  tcpSpec,
} from '../../modules/security-group/security-group';
import { MLMON_PORTS } from './contract';

/** The ports of the model-monitoring host's security group. */
export const PORTS = { ssh: 22, ...MLMON_PORTS } as const;

/**
 * Ports that give administrative access or expose internals (shell, unauthenticated metrics,
 * dashboards, the model API). They are never opened to the whole internet unless the group
 * explicitly opts out.
 */
export const ADMIN_PORTS: readonly number[] = [
  PORTS.ssh,
  PORTS.api,
  PORTS.prometheus,
  PORTS.grafana,
  PORTS.nodeExporter,
];

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

/**
 * The security group of the model-monitoring host: a {@link SecurityGroup} preset. Web ports are
 * public by default, admin ports (API, Prometheus, Grafana, SSH, node exporter) are closed until
 * given sources and can never be opened to the internet by accident, and egress is an explicit
 * list.
 */
export class AppSecurityGroup extends SecurityGroup {
  constructor(scope: Construct, id: string, props: AppSecurityGroupProps) {
    requireProps(`${scope.node.path}/${id}`, props, {
      'name?': 'string',
      'vpcId?': 'string',
      'adminCidrs?': 'list',
      'sshCidrs?': 'list',
      'http?': 'object',
      'https?': 'object',
      'api?': 'object',
      'prometheus?': 'object',
      'grafana?': 'object',
      'nodeExporter?': 'object',
      'extraIngress?': 'list',
      'egress?': 'list',
    });
    const admin = props.adminCidrs ?? [];
    const preset: RuleSpec[] = [
      tcpSpec('ssh', 'sshCidrs', 'SSH', PORTS.ssh, { cidrs: props.sshCidrs ?? [] }, () => 'sshCidrs'),
      tcpSpec('http', 'http', 'HTTP', PORTS.http, props.http ?? PUBLIC_WEB),
      tcpSpec('https', 'https', 'HTTPS', PORTS.https, props.https ?? PUBLIC_WEB),
      adminSpec('api', 'api', 'Model API', PORTS.api, props.api, admin),
      adminSpec('prometheus', 'prometheus', 'Prometheus', PORTS.prometheus, props.prometheus, admin),
      adminSpec('grafana', 'grafana', 'Grafana', PORTS.grafana, props.grafana, admin),
      tcpSpec('node-exporter', 'nodeExporter', 'Node exporter', PORTS.nodeExporter, props.nodeExporter ?? {}),
      ...(props.extraIngress ?? []).map((r, i) =>
        ingressSpec({ ...r, key: r.key ?? `extra-${i}` }, `extraIngress[${i}]`),
      ),
    ];
    super(
      scope,
      id,
      {
        name: props.name,
        vpcId: props.vpcId,
        description: props.description ?? 'Model-monitoring host: web, API, Prometheus and Grafana',
        egress: (props.egress ?? DEFAULT_EGRESS).map((r, i) => ({ ...r, key: r.key ?? `egress-${i}` })),
        restrictedPorts: [...new Set([...RESTRICTED_PORTS, ...ADMIN_PORTS])],
        allowPublicRestrictedPorts: props.allowPublicAdminPorts,
        tags: props.tags,
      },
      { ingress: preset, optOutProp: 'allowPublicAdminPorts' },
    );
  }
}

/** An admin port fed by `adminCidrs` unless its own prop is set. */
function adminSpec(
  key: string,
  prop: string,
  label: string,
  port: number,
  own: IngressSource | undefined,
  admin: string[],
): RuleSpec {
  return own
    ? tcpSpec(key, prop, label, port, own)
    : tcpSpec(key, 'adminCidrs', label, port, { cidrs: admin }, () => 'adminCidrs');
}
