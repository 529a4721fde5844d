import { Construct } from 'constructs';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';

/** A Cloud Map private DNS namespace as services need it. */
export interface PrivateDnsNamespaceRef {
  /** Namespace id (`ns-...`). */
  readonly namespaceId: string;
  /** The namespace's DNS name, e.g. `internal`; literal, so services can compute their names. */
  readonly namespaceName: string;
}

/** Props of {@link PrivateDnsNamespace}. */
export interface PrivateDnsNamespaceProps {
  /**
   * DNS name of the namespace, e.g. `internal` (services become `<service>.internal`) or
   * `svc.example.internal`. One or more labels of 1-63 lower-case letters, digits and hyphens,
   * at most 253 characters, literal. Route 53 creates a private hosted zone of this name.
   */
  readonly name: string;
  /** VPC whose resolver answers for the namespace (only clients in this VPC resolve the names). */
  readonly vpcId: string;
  /** Description of the namespace. @default - "Service discovery for <name>" */
  readonly description?: string;
  /** Tags for the namespace; `Name` is set to the namespace name. @default - none */
  readonly tags?: Tags;
}

/** Options of a service's Cloud Map registration (`FargateServiceProps.cloudMap`). */
export interface CloudMapOptions {
  /** Namespace to register in: a {@link PrivateDnsNamespace} or an existing one. */
  readonly namespace: PrivateDnsNamespaceRef;
  /**
   * Service name in the namespace: clients resolve `<name>.<namespace>`, e.g. `ml-service` in
   * `internal` gives `ml-service.internal`. One DNS label: 1-63 lower-case letters, digits and
   * hyphens, not starting or ending with a hyphen.
   */
  readonly name: string;
  /**
   * TTL of the A records, 0-86,400 seconds. Clients cache an address this long after ECS has
   * stopped the task behind it: short keeps deployments and scale-in clean, long saves resolver
   * queries (free inside a VPC).
   * @default 10
   */
  readonly dnsTtlInSeconds?: number;
}

const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Problems with a Cloud Map DNS name (`labels` of 1-63 characters, at most 253 characters). */
function dnsNameProblems(name: string, singleLabel: boolean): string[] {
  if (typeof name !== 'string' || name === '') return ['is empty'];
  const problems: string[] = [];
  if (name.length > 253) problems.push('is longer than 253 characters');
  const labels = name.split('.');
  if (singleLabel && labels.length > 1) problems.push('must be one DNS label (no dots)');
  const bad = labels.filter((l) => !LABEL_RE.test(l));
  if (bad.length > 0) {
    problems.push(
      `has invalid labels ${bad.map((l) => JSON.stringify(l)).join(', ')} (1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen)`,
    );
  }
  return problems;
}

/** Problems with {@link CloudMapOptions} at `field`, collected into `v`. */
export function validateCloudMapOptions(v: Validator, field: string, options: CloudMapOptions): Validator {
  v.check(
    options.namespace !== undefined && typeof options.namespace.namespaceId === 'string',
    `${field}.namespace`,
    options.namespace,
    'is required',
    'pass a PrivateDnsNamespace construct or { namespaceId, namespaceName }',
  );
  if (!isUnresolved(options.name)) {
    for (const problem of dnsNameProblems(options.name, true)) {
      v.add(`${field}.name`, options.name, problem, 'use a name such as "ml-service"');
    }
  }
  const namespaceName = options.namespace?.namespaceName;
  if (typeof options.name === 'string' && typeof namespaceName === 'string' && !isUnresolved(namespaceName)) {
    const fqdn = `${options.name}.${namespaceName}`;
    v.check(
      fqdn.length <= 253,
      `${field}.name`,
      options.name,
      `makes "${fqdn}" longer than 253 characters`,
      'use a shorter service or namespace name',
    );
  }
  v.checkIntRange(options.dnsTtlInSeconds, 0, 86400, `${field}.dnsTtlInSeconds`);
  return v;
}

/**
 * A Cloud Map private DNS namespace: services registered in it (`FargateServiceProps.cloudMap`)
 * get A records of their running tasks' addresses, resolvable from inside the VPC, e.g.
 * `http://ml-service.internal:5001`. ECS registers a task once it is running and healthy and
 * removes it when it stops; no load balancer is involved.
 *
 * Cost: Route 53 bills the namespace's private hosted zone (USD 0.50 a month) and Cloud Map
 * USD 0.10 per registered instance a month; DNS queries from inside the VPC are free.
 *
 * ```ts
 * const ns = new PrivateDnsNamespace(this, 'internal', { name: 'internal', vpcId: vpc.vpcId });
 * new FargateService(this, 'ml', { ..., cloudMap: { namespace: ns, name: 'ml-service' } });
 * ```
 */
export class PrivateDnsNamespace extends Construct implements PrivateDnsNamespaceRef {
  public readonly namespace: ServiceDiscoveryPrivateDnsNamespace;
  public readonly namespaceId: string;
  public readonly namespaceArn: string;
  public readonly namespaceName: string;
  /** The private hosted zone Route 53 created for the namespace. */
  public readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: PrivateDnsNamespaceProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      vpcId: 'string',
      'description?': 'string',
      'tags?': 'object',
    });
    const v = new Validator(this);
    if (isUnresolved(props.name)) {
      v.add('name', props.name, 'is an unresolved token', 'pass the namespace name as a literal string');
    } else {
      for (const problem of dnsNameProblems(props.name, false)) {
        v.add('name', props.name, problem, 'use a name such as "internal" or "svc.example.internal"');
      }
    }
    v.check(
      typeof props.vpcId === 'string' && props.vpcId.length > 0,
      'vpcId',
      props.vpcId,
      'is required',
      "pass the VPC id, e.g. the Vpc construct's vpcId",
    );
    v.throwIfInvalid();

    this.namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.name,
      vpc: props.vpcId,
      description: props.description ?? `Service discovery for ${props.name}`,
      tags: withName(props.name, props.tags),
    });
    this.namespaceId = this.namespace.id;
    this.namespaceArn = this.namespace.arn;
    this.namespaceName = props.name;
    this.hostedZoneId = this.namespace.hostedZone;
  }
}
