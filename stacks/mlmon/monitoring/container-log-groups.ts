import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Validator } from '../../../modules/core/validation';
import {
  LOG_RETENTION_DAYS,
  isValidLogRetention,
  nearestLogRetention,
} from '../../../modules/core/aws-rules';
import { Tags, withName } from '../../../modules/core/tags';

/** The containers the host runs, and so the default log groups. */
export const DEFAULT_CONTAINERS = ['api', 'prometheus', 'grafana'] as const;

/** Name and ARN of one log group. */
export interface LogGroupRef {
  /** Log group name (a reference to the resource, so users of it wait for its creation). */
  readonly name: string;
  /** Log group ARN (without the trailing `:*`). */
  readonly arn: string;
}

/** Props of {@link ContainerLogGroups}. */
export interface ContainerLogGroupsProps {
  /**
   * Name prefix: starts with '/', no trailing '/', e.g. `/mlmon/dev` gives `/mlmon/dev/api`,
   * `/mlmon/dev/prometheus` and `/mlmon/dev/grafana`.
   */
  readonly prefix: string;
  /**
   * Days to keep log events; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60,
   * 90, 120, 150, 180, 365, ...; 0 = never expire, which grows the bill forever).
   * @default 30
   */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN that encrypts the log groups. The key policy must allow the
   * `logs.<region>.amazonaws.com` principal.
   * @default - CloudWatch Logs service-owned encryption, no extra cost
   */
  readonly kmsKeyArn?: string;
  /** Containers to create a log group for (letters, digits, '.', '-', '_'). @default ['api', 'prometheus', 'grafana'] */
  readonly containers?: string[];
  /** Tags for every log group; `Name` is set per group. @default - none */
  readonly tags?: Tags;
}

const LOG_GROUP_CHARS = /^[A-Za-z0-9._\-/#]+$/;
const CONTAINER_RE = /^[A-Za-z0-9._-]+$/;
/** CloudWatch Logs caps log group names at 512 characters. */
const MAX_LOG_GROUP_NAME = 512;

/**
 * One CloudWatch Logs group per container of the host (`<prefix>/<container>`), which the
 * containers' `awslogs` driver writes to. Created before the host, so the groups exist at boot and
 * their retention applies from the first event (a group auto-created by the driver never expires).
 */
export class ContainerLogGroups extends Construct {
  /** The prefix the groups were created under. */
  public readonly prefix: string;
  /** Container names, in order. */
  public readonly containers: readonly string[];
  /** Log group name per container (references to the resources). */
  public readonly names: Readonly<Record<string, string>>;
  /** Log group ARN per container. */
  public readonly arns: Readonly<Record<string, string>>;
  /**
   * Log group name per container as plain strings, for places that need the literal before
   * apply (metric namespaces, base64-encoded files); they carry no dependency on the groups.
   */
  public readonly physicalNames: Readonly<Record<string, string>>;
  /** The log group resources per container. */
  public readonly logGroups: Readonly<Record<string, CloudwatchLogGroup>>;

  constructor(scope: Construct, id: string, props: ContainerLogGroupsProps) {
    super(scope, id);
    const containers = props.containers ?? [...DEFAULT_CONTAINERS];
    validate(new Validator(this), props, containers);

    this.prefix = props.prefix;
    this.containers = [...containers];
    const names: Record<string, string> = {};
    const arns: Record<string, string> = {};
    const physical: Record<string, string> = {};
    const groups: Record<string, CloudwatchLogGroup> = {};
    for (const container of containers) {
      const name = `${props.prefix}/${container}`;
      const group = new CloudwatchLogGroup(this, container, {
        name,
        retentionInDays: props.retentionInDays ?? 30,
        kmsKeyId: props.kmsKeyArn,
        tags: withName(name, props.tags),
      });
      groups[container] = group;
      names[container] = group.name;
      arns[container] = group.arn;
      physical[container] = name;
    }
    this.names = names;
    this.arns = arns;
    this.physicalNames = physical;
    this.logGroups = groups;
  }

  /** Log group of the API container. Throws if `containers` left it out. */
  public get api(): LogGroupRef {
    return this.get('api');
  }

  /** Log group of the Prometheus container. Throws if `containers` left it out. */
  public get prometheus(): LogGroupRef {
    return this.get('prometheus');
  }

  /** Log group of the Grafana container. Throws if `containers` left it out. */
  public get grafana(): LogGroupRef {
    return this.get('grafana');
  }

  /** True when a log group exists for `container`. */
  public has(container: string): boolean {
    return container in this.names;
  }

  /** Name and ARN of the log group of `container`. Throws if there is none. */
  public get(container: string): LogGroupRef {
    if (!this.has(container)) {
      throw new Error(
        `${this.node.path}: no log group for container "${container}" (containers: ${this.containers.join(', ')}). ` +
          `Fix: add "${container}" to the containers prop`,
      );
    }
    return { name: this.names[container], arn: this.arns[container] };
  }
}

function validate(v: Validator, props: ContainerLogGroupsProps, containers: readonly string[]): void {
  const prefix = props.prefix;
  v.check(
    prefix.startsWith('/') && !prefix.endsWith('/') && prefix.length > 1 && !prefix.includes('//'),
    'prefix',
    prefix,
    "must start with '/', not end with '/' and have no empty segment",
    'use a prefix such as "/mlmon/dev"',
  );
  v.check(
    LOG_GROUP_CHARS.test(prefix),
    'prefix',
    prefix,
    "may contain only letters, digits and '.', '-', '_', '/', '#'",
    'remove the other characters, e.g. "/mlmon/dev"',
  );
  const longest = Math.max(0, ...containers.map((c) => c.length));
  v.check(
    prefix.length + 1 + longest <= MAX_LOG_GROUP_NAME,
    'prefix',
    prefix,
    `is too long: log group names are limited to ${MAX_LOG_GROUP_NAME} characters`,
    `shorten the prefix to at most ${MAX_LOG_GROUP_NAME - 1 - longest} characters`,
  );
  v.checkOptional(
    props.retentionInDays,
    isValidLogRetention,
    'retentionInDays',
    `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    `use ${props.retentionInDays === undefined ? 30 : nearestLogRetention(props.retentionInDays)}, the nearest accepted value at or above it`,
  );
  v.check(
    containers.length > 0,
    'containers',
    containers,
    'is empty',
    'list at least one container, or leave containers unset for api, prometheus and grafana',
  );
  containers.forEach((c, i) =>
    v.check(
      CONTAINER_RE.test(c),
      `containers[${i}]`,
      c,
      "may contain only letters, digits, '.', '-' and '_'",
      'use the container name as in the compose file, e.g. "api"',
    ),
  );
  const duplicates = containers.filter((c, i) => containers.indexOf(c) !== i);
  v.check(
    duplicates.length === 0,
    'containers',
    containers,
    `lists ${[...new Set(duplicates)].join(', ')} more than once`,
    'list each container once',
  );
  v.throwIfInvalid();
}
