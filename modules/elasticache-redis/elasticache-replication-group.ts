import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import {
  isKmsKeyArn,
  isSnsTopicArn,
  isValidLogRetention,
  isValidPort,
  nearestLogRetention,
} from '../core/aws-rules';
import {
  dailyWindowProblem,
  parseDailyWindow,
  parseWeeklyWindow,
  weeklyOverlapsDaily,
  weeklyWindowProblem,
} from '../core/windows';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { ELASTICACHE_ACTIONS } from '../iam/actions/elasticache';
import { SecurityGroup, ISecurityGroupRef } from '../security-group/security-group';
import { peerRuleKey } from '../security-group/peer-key';
import { IPrivateSubnetsRef } from '../vpc/vpc';
import {
  CACHE_ENGINES,
  CacheEngine,
  DEFAULT_CACHE_PORT,
  DEFAULT_ENGINE_VERSIONS,
  engineVersionProblem,
  isValidCacheNodeType,
  memberClusterIds,
  parameterGroupFamily,
  replicationGroupIdProblem,
} from './engine';

/** One ElastiCache user that authenticates with IAM (no password exists anywhere). */
export interface CacheIamUser {
  /**
   * Suffix of the user: its id and name (they must be equal for IAM authentication) are
   * `<name>-<suffix>`, e.g. `mlapp-dev-cache-app`. Lowercase letters, digits and hyphens,
   * starting with a letter; `default` is reserved.
   */
  readonly name: string;
  /**
   * Redis ACL rules of the user: `on` (enabled), key patterns (`~*`), channel patterns (`&*`)
   * and command categories (`+@all`, `-@dangerous`). Password directives (`>`, `<`, `#`,
   * `nopass`, `resetpass`, `reset`) are refused: IAM users have no password.
   * @default 'on ~* &* +@all' (every key, channel and command the service allows)
   */
  readonly accessString?: string;
}

/**
 * How clients authenticate. Every mode keeps secrets out of Terraform state; see the README for
 * the options that were rejected (AUTH token, password users).
 *
 * - `iam` (default): an RBAC user group with users whose authentication mode is `iam`. Clients
 *   sign a short-lived token (SigV4, valid 15 minutes) with their role's credentials and send it
 *   as the password in `AUTH <user> <token>` over TLS; {@link ElastiCacheReplicationGroup.grantConnect}
 *   gives a role `elasticache:Connect`.
 * - `existingUserGroup`: a user group managed outside Terraform (e.g. password users created and
 *   rotated by a Secrets Manager rotation function), attached by id.
 */
export type CacheAuthentication =
  | {
      readonly mode: 'iam';
      /** @default [{ name: 'app' }] */
      readonly users?: readonly CacheIamUser[];
    }
  | {
      readonly mode: 'existingUserGroup';
      /** Id of the user group, e.g. `payments-cache-users`. */
      readonly userGroupId: string;
    };

/** Delivery of the engine's slow log and engine log to CloudWatch Logs. */
export interface CacheLogDelivery {
  /**
   * Deliver the slow log (commands slower than `slowlog-log-slower-than`, 10 ms by default) to
   * the log group `/aws/elasticache/<name>/slow-log`.
   * @default true
   */
  readonly slowLog?: boolean;
  /**
   * Deliver the engine log (replication, failover, persistence and client errors) to the log
   * group `/aws/elasticache/<name>/engine-log`.
   * @default true
   */
  readonly engineLog?: boolean;
  /** Retention of both log groups, a value CloudWatch Logs accepts (never-expiring 0 is refused). @default 30 */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN that encrypts the log groups; its key policy must allow `logs.<region>.amazonaws.com`.
   * @default - CloudWatch Logs' own encryption (policy rule MLM-LOG-002 warns)
   */
  readonly kmsKeyArn?: string;
}

/** Props of {@link ElastiCacheReplicationGroup}. */
export interface ElastiCacheReplicationGroupProps {
  /**
   * Replication group id and prefix of every physical name: the subnet group, the security group
   * `<name>-cache`, the users `<name>-<user>`, the log groups `/aws/elasticache/<name>/...`.
   * 1-40 lowercase letters, digits and hyphens, starting with a letter.
   */
  readonly name: string;
  /**
   * The VPC: the subnet group spans its private subnets, which must cover at least two
   * availability zones (ElastiCache requires it for Multi-AZ, and it keeps a replacement node
   * placeable when one AZ fails). A `Vpc` (modules/vpc) fits.
   */
  readonly vpc: IPrivateSubnetsRef;
  /**
   * Security groups whose members may connect on {@link port}. More can be admitted later with
   * {@link ElastiCacheReplicationGroup.allowFrom}. The cache's own group has no egress rules.
   * @default [] (nobody can connect until a group is admitted)
   */
  readonly allowFrom?: readonly ISecurityGroupRef[];
  /** Engine; see {@link CacheEngine} for the comparison. @default 'valkey' */
  readonly engine?: CacheEngine;
  /**
   * Engine version `major.minor`: Valkey 7.2 or later, Redis OSS 7.0 or later for IAM
   * authentication (6.0 or later with an existing user group). Minor upgrades are applied in the
   * maintenance window when {@link autoMinorVersionUpgrade} is on.
   * @default '8.0' for Valkey, '7.1' for Redis OSS
   */
  readonly engineVersion?: string;
  /**
   * Node type. Burstable `cache.t4g.*` nodes suit development and light production; use
   * `cache.r7g.*` (memory optimized) for large data sets. cache.t4g.micro has 0.5 GiB of memory.
   * @default 'cache.t4g.micro' ($0.0128/hour Valkey, $0.016/hour Redis OSS, us-east-1)
   */
  readonly nodeType?: string;
  /**
   * Nodes: one primary plus `nodeCount - 1` read replicas (cluster mode disabled), 1 to 6. Each
   * node is billed at the node-type price.
   * @default 1
   */
  readonly nodeCount?: number;
  /**
   * Multi-AZ with automatic failover: replicas are placed in other AZs than the primary and one
   * is promoted within about a minute when the primary or its AZ fails. Requires `nodeCount` of
   * at least 2. Without it, a failed primary is replaced in place and the data since the last
   * snapshot is lost.
   * @default false (policy rule MLM-EC-006 warns)
   */
  readonly multiAz?: boolean;
  /** Port clients connect to, 1024-65535. @default 6379 */
  readonly port?: number;
  /**
   * KMS key ARN that encrypts data at rest (snapshots, swap, replication). Encryption at rest is
   * always on; without a key it uses an AWS-owned key that does not appear in the account.
   * @default - AWS-owned key (policy rule MLM-EC-004 warns)
   */
  readonly kmsKeyArn?: string;
  /** Client authentication; see {@link CacheAuthentication}. @default { mode: 'iam', users: [{ name: 'app' }] } */
  readonly authentication?: CacheAuthentication;
  /**
   * Engine parameters, e.g. `{ 'maxmemory-policy': 'noeviction' }` for a queue broker. Creates a
   * parameter group `<name>-<family>` (a new one per engine major version, so upgrades do not
   * collide). Exclusive with {@link parameterGroupName}.
   * @default - the engine's default parameter group
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Name of an existing parameter group of the right family. Exclusive with {@link parameters}.
   * @default - the engine's default parameter group
   */
  readonly parameterGroupName?: string;
  /**
   * Days of automatic daily snapshots kept, 0 to 35. `0` turns backups off (policy rule
   * MLM-EC-005 fails): a lost node then loses its data. Snapshot storage beyond one free
   * snapshot per node is billed ($0.085/GB-month).
   * @default 7
   */
  readonly snapshotRetentionInDays?: number;
  /** Daily UTC window `hh24:mi-hh24:mi` of at least 60 minutes for snapshots. @default '03:00-04:00' */
  readonly snapshotWindow?: string;
  /**
   * Weekly UTC window `ddd:hh24:mi-ddd:hh24:mi` (60 minutes to 24 hours) for patches and minor
   * upgrades; it must not overlap the snapshot window.
   * @default 'sun:05:00-sun:06:00'
   */
  readonly maintenanceWindow?: string;
  /**
   * Name of a snapshot taken when the replication group is deleted.
   * @default - no final snapshot (deleting the group deletes its data)
   */
  readonly finalSnapshotName?: string;
  /** Slow-log and engine-log delivery to CloudWatch Logs. @default { slowLog: true, engineLog: true, retentionInDays: 30 } */
  readonly logs?: CacheLogDelivery;
  /** Apply minor engine upgrades automatically in the maintenance window. @default true */
  readonly autoMinorVersionUpgrade?: boolean;
  /**
   * Apply changes immediately instead of in the next maintenance window. Some changes (node
   * type, engine version) restart nodes.
   * @default false
   */
  readonly applyImmediately?: boolean;
  /** SNS topic ARN for ElastiCache events (failover, node replacement). @default - no event notifications */
  readonly notificationTopicArn?: string;
  /** Description, 1-255 characters. @default - "<engine> cache <name>" */
  readonly description?: string;
  /** Tags of every resource; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/** A user created for IAM authentication. */
export interface CacheUserInfo {
  /** The user id, equal to the user name clients send in `AUTH`, e.g. `mlapp-dev-cache-app`. */
  readonly userName: string;
  /** The user's ARN (`elasticache:Connect` is checked against it). */
  readonly userArn: string;
  /** Its access string. */
  readonly accessString: string;
}

const DEFAULT_ACCESS_STRING = 'on ~* &* +@all';
const USER_ID_RE = /^[a-z][a-z0-9-]{0,39}$/;
const USER_SUFFIX_RE = /^[a-z][a-z0-9-]*$/;
/** ACL directives that set or clear passwords, refused in access strings (IAM users have none). */
const PASSWORD_DIRECTIVE_RE = /(^|\s)(>|<|#|!|nopass\b|resetpass\b|reset\b)/;
const PARAMETER_NAME_RE = /^[a-z0-9-]{1,255}$/;
const PARAMETER_GROUP_NAME_RE = /^[a-zA-Z][a-zA-Z0-9.-]{0,254}$/;
const SNAPSHOT_NAME_RE = /^[a-zA-Z][a-zA-Z0-9-]{0,254}$/;
const DEFAULT_SNAPSHOT_WINDOW = '03:00-04:00';
const DEFAULT_MAINTENANCE_WINDOW = 'sun:05:00-sun:06:00';
const DEFAULT_LOG_RETENTION_DAYS = 30;

/**
 * A Valkey or Redis OSS replication group (cluster mode disabled) in private subnets: encrypted
 * at rest and in transit (TLS required), IAM authentication through an RBAC user group (no
 * password or AUTH token exists, so none reaches Terraform state), its own security group that
 * admits only given groups on the cache port and has no egress, daily snapshots, slow and engine
 * logs in CloudWatch Logs, and optional Multi-AZ failover.
 *
 * ```ts
 * const cache = new ElastiCacheReplicationGroup(this, 'cache', {
 *   name: 'sentiment-prod-cache',
 *   vpc: network,
 *   allowFrom: [apiService.securityGroup],
 *   nodeCount: 2,
 *   multiAz: true,
 * });
 * cache.grantConnect(apiTaskRole);
 * ```
 */
export class ElastiCacheReplicationGroup extends Construct {
  /** The replication group resource. */
  public readonly replicationGroup: ElasticacheReplicationGroup;
  /** Replication group id (= `name`). */
  public readonly replicationGroupId: string;
  public readonly replicationGroupArn: string;
  /** Address of the primary: writes (and reads) go here. */
  public readonly primaryEndpointAddress: string;
  /** Address that spreads reads over the replicas (the primary when there are none). */
  public readonly readerEndpointAddress: string;
  public readonly port: number;
  public readonly engine: CacheEngine;
  public readonly engineVersion: string;
  public readonly nodeCount: number;
  public readonly multiAz: boolean;
  /** Ids of the nodes (`<name>-001`, ...), known at synth: the `CacheClusterId` dimension of their metrics. */
  public readonly memberClusterIds: readonly string[];
  /** The cache's security group (ingress on the port from admitted groups only, no egress). */
  public readonly securityGroup: SecurityGroup;
  public readonly securityGroupId: string;
  public readonly subnetGroupName: string;
  /** The parameter group created from `parameters`, or the one named by `parameterGroupName`. */
  public readonly parameterGroupName?: string;
  /** Id of the RBAC user group clients authenticate against. */
  public readonly userGroupId: string;
  /** Users created for IAM authentication (empty with an existing user group). */
  public readonly users: readonly CacheUserInfo[];
  /** Log group names by log type (`slow-log`, `engine-log`), for the types delivered. */
  public readonly logGroupNames: Readonly<Partial<Record<'slow-log' | 'engine-log', string>>>;
  /** KMS key encrypting data at rest, when one was given. */
  public readonly kmsKeyArn?: string;

  private readonly ingressKeys = new Set<string>();
  private readonly authMode: CacheAuthentication['mode'];

  constructor(scope: Construct, id: string, props: ElastiCacheReplicationGroupProps) {
    super(scope, id);
    requireProps(this, props, { name: 'string', vpc: 'object' });
    const engine = props.engine ?? 'valkey';
    const engineVersion = props.engineVersion ?? DEFAULT_ENGINE_VERSIONS[engine] ?? '';
    const nodeCount = props.nodeCount ?? 1;
    const multiAz = props.multiAz ?? false;
    const port = props.port ?? DEFAULT_CACHE_PORT;
    const auth: CacheAuthentication = props.authentication ?? { mode: 'iam' };
    const iamUsers = auth.mode === 'iam' ? (auth.users ?? [{ name: 'app' }]) : [];
    const logs = props.logs ?? {};
    const snapshotWindow = props.snapshotWindow ?? DEFAULT_SNAPSHOT_WINDOW;
    const maintenanceWindow = props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW;

    validate(this, props, {
      engine,
      engineVersion,
      nodeCount,
      multiAz,
      port,
      auth,
      iamUsers,
      logs,
      snapshotWindow,
      maintenanceWindow,
    });

    const name = props.name;
    const tags = props.tags;
    this.engine = engine;
    this.engineVersion = engineVersion;
    this.nodeCount = nodeCount;
    this.multiAz = multiAz;
    this.port = port;
    this.kmsKeyArn = props.kmsKeyArn;
    this.authMode = auth.mode;
    this.memberClusterIds = memberClusterIds(name, nodeCount);

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${name}-cache`,
      vpcId: props.vpc.vpcId,
      description: `Clients of the ${engine} cache ${name}`,
      tags,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;
    (props.allowFrom ?? []).forEach((peer, i) => this.allowFrom(peer, undefined, `client-${i}`));

    const subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name,
      description: `Private subnets of the ${name} cache`,
      subnetIds: [...props.vpc.privateSubnetIds],
      tags: withName(name, tags),
    });
    this.subnetGroupName = subnetGroup.name;

    let parameterGroupName = props.parameterGroupName;
    if (props.parameters !== undefined) {
      const family = parameterGroupFamily(engine, engineVersion);
      const group = new ElasticacheParameterGroup(this, 'parameter-group', {
        name: `${name}-${family.replace(/\./g, '-')}`,
        family,
        description: `Parameters of the ${name} cache (${family})`,
        parameter: Object.entries(props.parameters)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([parameterName, value]) => ({ name: parameterName, value })),
        tags: withName(`${name}-${family}`, tags),
        // A new major version gets a new group; the old one goes once the cache has moved.
        lifecycle: { createBeforeDestroy: true },
      });
      parameterGroupName = group.name;
    }
    this.parameterGroupName = parameterGroupName;

    const logGroupNames: Partial<Record<'slow-log' | 'engine-log', string>> = {};
    const deliveries = (['slow-log', 'engine-log'] as const)
      .filter((type) => (type === 'slow-log' ? logs.slowLog : logs.engineLog) ?? true)
      .map((type) => {
        const group = new CloudwatchLogGroup(this, `${type}-group`, {
          name: `/aws/elasticache/${name}/${type}`,
          retentionInDays: logs.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS,
          kmsKeyId: logs.kmsKeyArn,
          tags: withName(`${name}-${type}`, tags),
        });
        logGroupNames[type] = group.name;
        return {
          destination: group.name,
          destinationType: 'cloudwatch-logs',
          logFormat: 'json',
          logType: type,
        };
      });
    this.logGroupNames = logGroupNames;

    const users: CacheUserInfo[] = [];
    let userGroupId: string;
    if (auth.mode === 'iam') {
      const userIds: string[] = [];
      if (engine === 'redis') {
        // Redis OSS user groups must contain a user named "default". This one is switched off, so
        // a connection that does not authenticate as an IAM user can run no command.
        const disabledDefault = new ElasticacheUser(this, 'default-user', {
          userId: `${name}-default`,
          userName: 'default',
          engine: 'redis',
          accessString: 'off -@all',
          authenticationMode: { type: 'no-password-required' },
          tags: withName(`${name}-default`, tags),
        });
        userIds.push(disabledDefault.userId);
      }
      for (const u of iamUsers) {
        const userName = `${name}-${u.name}`;
        const accessString = u.accessString ?? DEFAULT_ACCESS_STRING;
        const user = new ElasticacheUser(this, `user-${u.name}`, {
          userId: userName,
          userName,
          engine,
          accessString,
          authenticationMode: { type: 'iam' },
          tags: withName(userName, tags),
        });
        userIds.push(user.userId);
        users.push({ userName, userArn: user.arn, accessString });
      }
      const userGroup = new ElasticacheUserGroup(this, 'user-group', {
        userGroupId: name,
        engine,
        userIds,
        tags: withName(name, tags),
      });
      userGroupId = userGroup.userGroupId;
    } else {
      userGroupId = auth.userGroupId;
    }
    this.userGroupId = userGroupId;
    this.users = users;

    const azs = props.vpc.availabilityZones;
    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: name,
      description: props.description ?? `${engine} cache ${name}`,
      engine,
      engineVersion,
      nodeType: props.nodeType ?? 'cache.t4g.micro',
      numCacheClusters: nodeCount,
      port,
      automaticFailoverEnabled: multiAz,
      multiAzEnabled: multiAz,
      // The primary in the first AZ, replicas round-robin over the others (ignored after creation).
      preferredCacheClusterAzs: multiAz
        ? this.memberClusterIds.map(
            (_, i) => azs[i % Math.min(azs.length, props.vpc.privateSubnetIds.length)],
          )
        : undefined,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.securityGroupId],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      userGroupIds: [userGroupId],
      parameterGroupName,
      snapshotRetentionLimit: props.snapshotRetentionInDays ?? 7,
      snapshotWindow,
      maintenanceWindow: maintenanceWindow.toLowerCase(),
      finalSnapshotIdentifier: props.finalSnapshotName,
      autoMinorVersionUpgrade: String(props.autoMinorVersionUpgrade ?? true),
      applyImmediately: props.applyImmediately ?? false,
      notificationTopicArn: props.notificationTopicArn,
      logDeliveryConfiguration: deliveries.length > 0 ? deliveries : undefined,
      tags: withName(name, tags),
    });
    this.replicationGroupId = this.replicationGroup.replicationGroupId;
    this.replicationGroupArn = this.replicationGroup.arn;
    this.primaryEndpointAddress = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpointAddress = this.replicationGroup.readerEndpointAddress;
  }

  /**
   * Lets members of `other` connect on the cache port.
   * @param description rule description @default "<engine> clients"
   * @param fallbackKey rule key when `other` is neither a construct nor a literal id @default - `client-<n>`
   */
  public allowFrom(other: ISecurityGroupRef, description?: string, fallbackKey?: string): void {
    const key = peerRuleKey(
      'from',
      other,
      fallbackKey ?? `client-${this.ingressKeys.size}`,
      this.ingressKeys,
    );
    this.securityGroup.addIngress({
      key,
      port: this.port,
      description: description ?? `${this.engine} clients`,
      source: { securityGroupIds: [other.securityGroupId] },
    });
  }

  /**
   * Lets the grantee authenticate with IAM (`elasticache:Connect`) as the given users of this
   * replication group: the statement names the replication group ARN and the user ARNs, which
   * IAM checks together. The client signs a token with the grantee's credentials (SigV4, service
   * `elasticache`, 15-minute validity) and sends `AUTH <user> <token>` over TLS; connections are
   * closed after 12 hours and must re-authenticate.
   * @param userNames user ids (= names) to allow; with IAM authentication they must be users
   *   created here (default: all of them); with an existing user group they are required
   */
  public grantConnect(grantee: IGrantable, ...userNames: string[]): void {
    const v = new Validator(`${this.node.path} (grantConnect)`);
    let userArns: string[];
    if (this.authMode === 'iam') {
      const known = this.users.map((u) => u.userName);
      const unknown = userNames.filter((n) => !known.includes(n));
      v.check(
        unknown.length === 0,
        'userNames',
        unknown,
        `are not users of this replication group (it has ${known.join(', ')})`,
        'pass user names from the users attribute, or none for all of them',
      );
      v.throwIfInvalid();
      const chosen =
        userNames.length === 0 ? this.users : this.users.filter((u) => userNames.includes(u.userName));
      userArns = chosen.map((u) => u.userArn);
    } else {
      v.check(
        userNames.length > 0,
        'userNames',
        userNames,
        'is empty, but the user group is managed outside this construct',
        'pass the ids of the IAM-authenticated users of that user group',
      );
      const bad = userNames.filter((n) => !Token.isUnresolved(n) && !USER_ID_RE.test(n));
      v.check(
        bad.length === 0,
        'userNames',
        bad,
        'are not ElastiCache user ids',
        'use ids such as "payments-app"',
      );
      v.throwIfInvalid();
      // arn:<partition>:elasticache:<region>:<account>:user:<id>, from the group's own ARN.
      const parts = Fn.split(':', this.replicationGroupArn);
      const prefix = [0, 1, 2, 3, 4].map((i) => Token.asString(Fn.element(parts, i))).join(':');
      userArns = userNames.map((n) => `${prefix}:user:${n}`);
    }
    grantee.addStatements({
      sid: 'ElastiCacheConnect',
      effect: 'Allow',
      actions: [...ELASTICACHE_ACTIONS.connect],
      resources: [this.replicationGroupArn, ...userArns],
    });
  }
}

interface Resolved {
  readonly engine: CacheEngine;
  readonly engineVersion: string;
  readonly nodeCount: number;
  readonly multiAz: boolean;
  readonly port: number;
  readonly auth: CacheAuthentication;
  readonly iamUsers: readonly CacheIamUser[];
  readonly logs: CacheLogDelivery;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
}

function validate(scope: Construct, props: ElastiCacheReplicationGroupProps, r: Resolved): void {
  const v = new Validator(scope);

  const nameProblem = isUnresolved(props.name)
    ? 'is an unresolved value'
    : replicationGroupIdProblem(String(props.name));
  v.check(
    nameProblem === undefined,
    'name',
    props.name,
    `${nameProblem ?? ''} (it is the replication group id and prefixes the other physical names)`,
    'use a literal name such as "sentiment-dev-cache"',
  );

  // Network: a subnet group over private subnets in at least two AZs.
  const vpc = props.vpc;
  const subnets = vpc?.privateSubnetIds ?? [];
  const azs = vpc?.availabilityZones ?? [];
  v.check(
    vpc !== undefined && typeof vpc.vpcId === 'string' && vpc.vpcId !== '',
    'vpc.vpcId',
    vpc?.vpcId,
    'is required',
    'pass the Vpc construct (or { vpcId, privateSubnetIds, availabilityZones })',
  );
  if (Token.isUnresolved(subnets) || isUnresolved(azs)) {
    v.add(
      'vpc',
      '<token>',
      'has an unresolved privateSubnetIds list or availabilityZones; the subnets and their AZs must be known at synth',
      'pass a literal list of subnet ids (each id may be a reference) and literal AZ names, e.g. the Vpc construct',
    );
  } else {
    const covered = new Set(azs.slice(0, subnets.length));
    v.check(
      subnets.length >= 2 && covered.size >= 2,
      'vpc.privateSubnetIds',
      subnets.length === 0 ? [] : `${subnets.length} subnet(s) in ${[...covered].join(', ') || 'no AZ'}`,
      subnets.length === 0
        ? 'is empty: the VPC has no private subnets'
        : 'covers fewer than two availability zones; the subnet group needs private subnets in at least two',
      'use a VPC with private subnets in two or more AZs (Vpc: availabilityZones with 2+ entries, createPrivateSubnets true)',
    );
    v.check(
      azs.length >= subnets.length,
      'vpc.availabilityZones',
      azs,
      `names ${azs.length} AZs for ${subnets.length} private subnets`,
      'list the AZ of every private subnet, in the same order',
    );
  }

  // Engine.
  v.check(
    CACHE_ENGINES.includes(r.engine),
    'engine',
    props.engine,
    'is not a supported engine',
    'use "valkey" (default) or "redis"',
  );
  if (CACHE_ENGINES.includes(r.engine)) {
    const problem = engineVersionProblem(r.engine, r.engineVersion, r.auth.mode === 'iam');
    v.check(
      problem === undefined || isUnresolved(r.engineVersion),
      'engineVersion',
      r.engineVersion,
      problem ?? '',
      r.engine === 'valkey' ? 'use "8.0" (default), "8.1" or "7.2"' : 'use "7.1" (default) or "7.0"',
    );
  }
  v.checkOptional(
    props.nodeType,
    isValidCacheNodeType,
    'nodeType',
    'is not an ElastiCache node type',
    'use a type such as "cache.t4g.micro", "cache.t4g.small" or "cache.r7g.large"',
  );
  v.checkIntRange(props.nodeCount, 1, 6, 'nodeCount', 'use 1 (no replica) to 6 (a primary and 5 replicas)');
  v.check(
    !r.multiAz || r.nodeCount >= 2 || !Number.isInteger(r.nodeCount),
    'multiAz',
    props.multiAz,
    `needs at least 2 nodes to fail over to, but nodeCount is ${r.nodeCount}`,
    'set nodeCount to 2 or more, or leave multiAz off',
  );
  v.check(
    isUnresolved(r.port) || (isValidPort(r.port) && r.port >= 1024),
    'port',
    props.port,
    'must be a whole number from 1024 to 65535',
    'use 6379 (default) or another unprivileged port',
  );
  v.checkOptional(
    props.kmsKeyArn,
    isKmsKeyArn,
    'kmsKeyArn',
    'is not a KMS key ARN',
    'use "arn:aws:kms:<region>:<account>:key/<key-id>" (not an alias)',
  );

  // Authentication.
  const auth = r.auth;
  if (auth.mode === 'iam') {
    v.check(
      r.iamUsers.length > 0,
      'authentication.users',
      r.iamUsers,
      'is empty: nobody could authenticate',
      'list at least one user, or omit users for the default { name: "app" }',
    );
    r.iamUsers.forEach((u, i) => {
      const field = `authentication.users[${i}]`;
      const userId = `${props.name}-${u.name}`;
      v.check(
        typeof u.name === 'string' && USER_SUFFIX_RE.test(u.name) && u.name !== 'default',
        `${field}.name`,
        u.name,
        'must be lowercase letters, digits and hyphens, starting with a letter, and not "default"',
        'use a short role name such as "app" or "worker"',
      );
      v.check(
        typeof u.name !== 'string' ||
          !USER_SUFFIX_RE.test(u.name) ||
          (USER_ID_RE.test(userId) && !/--|-$/.test(userId)),
        `${field}.name`,
        u.name,
        `makes the user id "${userId}", which is longer than 40 characters or has a double or trailing hyphen`,
        'shorten the user name or the replication group name',
      );
      v.checkOptional(
        u.accessString,
        (a) => a.trim().length > 0 && !PASSWORD_DIRECTIVE_RE.test(a),
        `${field}.accessString`,
        'is empty or holds a password directive (>, <, #, !, nopass, resetpass, reset); IAM users have no password',
        'use ACL rules only, e.g. "on ~app:* &* +@read +@write"',
      );
    });
    const names = r.iamUsers.map((u) => u.name);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    v.check(
      dupes.length === 0,
      'authentication.users',
      names,
      `lists ${[...new Set(dupes)].join(', ')} more than once`,
      'give each user its own name',
    );
  } else if (auth.mode === 'existingUserGroup') {
    v.checkOptional(
      auth.userGroupId,
      (g) => USER_ID_RE.test(g) && !/--|-$/.test(g),
      'authentication.userGroupId',
      'is not an ElastiCache user group id (1-40 lowercase letters, digits and hyphens, starting with a letter)',
      'pass the id of the existing user group, e.g. "payments-cache-users"',
    );
    v.check(
      auth.userGroupId !== undefined && auth.userGroupId !== '',
      'authentication.userGroupId',
      auth.userGroupId,
      'is required with mode "existingUserGroup"',
      'pass the id of the existing user group',
    );
  } else {
    v.add(
      'authentication.mode',
      (auth as { mode: unknown }).mode,
      'is not an authentication mode',
      'use "iam" (default) or "existingUserGroup"',
    );
  }

  // Parameters.
  v.check(
    props.parameters === undefined || props.parameterGroupName === undefined,
    'parameterGroupName',
    props.parameterGroupName,
    'is set together with parameters; a replication group has one parameter group',
    'pass parameters (a group is created) or parameterGroupName (an existing group), not both',
  );
  const badParams = Object.entries(props.parameters ?? {}).filter(
    ([k, val]) => !PARAMETER_NAME_RE.test(k) || typeof val !== 'string' || val === '',
  );
  v.check(
    badParams.length === 0,
    'parameters',
    badParams.map(([k]) => k),
    'has entries with invalid names (lowercase letters, digits, hyphens) or empty values',
    'use engine parameter names such as "maxmemory-policy" with non-empty string values',
  );
  v.checkOptional(
    props.parameterGroupName,
    (n) => PARAMETER_GROUP_NAME_RE.test(n),
    'parameterGroupName',
    'is not a parameter group name',
    'pass the name of an existing group, e.g. "default.valkey8"',
  );

  // Backups and windows.
  v.checkIntRange(
    props.snapshotRetentionInDays,
    0,
    35,
    'snapshotRetentionInDays',
    'use 1 to 35 (0 turns backups off)',
  );
  const dailyProblem = dailyWindowProblem(r.snapshotWindow, 60);
  v.check(
    dailyProblem === undefined || isUnresolved(r.snapshotWindow),
    'snapshotWindow',
    r.snapshotWindow,
    dailyProblem ?? '',
    'use a UTC window such as "03:00-04:00"',
  );
  const weeklyProblem = weeklyWindowProblem(r.maintenanceWindow, 60, 24 * 60);
  v.check(
    weeklyProblem === undefined || isUnresolved(r.maintenanceWindow),
    'maintenanceWindow',
    r.maintenanceWindow,
    weeklyProblem ?? '',
    'use a UTC window such as "sun:05:00-sun:06:00"',
  );
  const daily = parseDailyWindow(r.snapshotWindow);
  const weekly = parseWeeklyWindow(r.maintenanceWindow);
  if (daily && weekly) {
    v.check(
      !weeklyOverlapsDaily(weekly, daily),
      'maintenanceWindow',
      r.maintenanceWindow,
      `overlaps the daily snapshot window ${r.snapshotWindow}`,
      'move one of the two windows so they do not overlap',
    );
  }
  v.checkOptional(
    props.finalSnapshotName,
    (n) => SNAPSHOT_NAME_RE.test(n) && !/--|-$/.test(n),
    'finalSnapshotName',
    'is not a snapshot name (letters, digits and hyphens, starting with a letter)',
    'use a name such as "sentiment-prod-cache-final"',
  );

  // Logs.
  const retention = r.logs.retentionInDays;
  v.checkOptional(
    retention,
    (d) => d !== 0 && isValidLogRetention(d),
    'logs.retentionInDays',
    'is not a retention period CloudWatch Logs accepts, or is 0 (never expire, refused by policy rule MLM-LOG-001)',
    `use one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365, ... (nearest: ${nearestLogRetention(retention ?? 30)})`,
  );
  v.checkOptional(
    r.logs.kmsKeyArn,
    isKmsKeyArn,
    'logs.kmsKeyArn',
    'is not a KMS key ARN',
    'use "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );
  v.checkOptional(
    props.notificationTopicArn,
    isSnsTopicArn,
    'notificationTopicArn',
    'is not an SNS topic ARN',
    'use "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
  );
  v.checkOptional(
    props.description,
    (d) => d.length >= 1 && d.length <= 255,
    'description',
    'must be 1-255 characters',
    'shorten the description',
  );

  v.throwIfInvalid();
}
