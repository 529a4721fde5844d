import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { Role } from '../iam/role';
import { RDS_ACTIONS } from '../iam/actions/rds';
import { SECRETSMANAGER_ACTIONS } from '../iam/actions/secretsmanager';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { ISecurityGroupRef, SecurityGroup } from '../security-group/security-group';
import { RotationSchedule, SecretRotationSchedule } from '../secrets/secret-rotation-schedule';
import {
  DEFAULT_POSTGRES_MAJOR_VERSION,
  parameterGroupFamily,
  parsePostgresVersion,
} from './postgres-engine';
import { validatePostgresInstanceProps } from './postgres-instance-validation';
import { postgresParameters } from './postgres-parameters';

/** Logs RDS can export to CloudWatch Logs for PostgreSQL. */
export type PostgresLogExport = 'postgresql' | 'upgrade' | 'iam-db-auth-error';

/** Enhanced Monitoring granularity in seconds; 0 turns it off. */
export type EnhancedMonitoringInterval = 0 | 1 | 5 | 10 | 15 | 30 | 60;

/** CloudWatch Database Insights mode. */
export type DatabaseInsightsMode = 'standard' | 'advanced';

/** Props of {@link PostgresInstance}. */
export interface PostgresInstanceProps {
  /**
   * DB instance identifier, 1-63 lowercase letters, digits and hyphens, starting with a letter,
   * no `--`, not ending with `-`, e.g. `modelreg-prod`. Also the prefix of the subnet group,
   * parameter group, security group, monitoring role and the log group names. Changing it
   * replaces the instance.
   */
  readonly identifier: string;
  /** VPC of the instance and its security group. */
  readonly vpcId: string;
  /**
   * Private subnets of the DB subnet group, at least two, in at least two availability zones
   * (RDS's rule; Multi-AZ and a later switch to it need them), e.g. `vpc.privateSubnetIds`.
   */
  readonly subnetIds: string[];
  /**
   * Availability zone of each subnet in {@link subnetIds}, in the same order, e.g.
   * `vpc.availabilityZones`. Used to check the two-AZ rule at synth rather than at apply.
   */
  readonly availabilityZones: string[];
  /**
   * PostgreSQL version: a major (`'17'`) or major.minor (`'17.6'`); majors 13 to 18. With a major
   * only, RDS picks its default minor and {@link autoMinorVersionUpgrade} keeps it current without
   * Terraform seeing drift; a pinned minor conflicts with automatic minor upgrades (Terraform would
   * try to downgrade after each one), so pin only with `autoMinorVersionUpgrade: false`. The
   * parameter group family (`postgres<major>`) follows the major.
   * @default '17'
   */
  readonly engineVersion?: string;
  /**
   * Instance class. `db.t4g.micro` (2 vCPU burstable, 1 GiB) costs ~$11.68/month in us-east-1
   * single-AZ; `db.t4g.small` ~$23.36; `db.t3.micro` ~$12.41.
   * @default 'db.t4g.micro'
   */
  readonly instanceClass?: string;
  /** Initial gp3 storage in GiB, 20 to 65,536 ($0.115/GB-month in us-east-1). @default 20 */
  readonly allocatedStorageInGiB?: number;
  /**
   * Storage autoscaling ceiling in GiB: RDS grows storage (when free space stays below 10%) up to
   * this size, so a full disk does not stop the database. At least 10% above
   * {@link allocatedStorageInGiB}; `0` turns autoscaling off. You pay only for what is allocated.
   * @default - 5 x allocatedStorageInGiB (100 GiB for the default 20)
   */
  readonly maxAllocatedStorageInGiB?: number;
  /**
   * Provisioned gp3 IOPS, 12,000 to 64,000; only from 400 GiB (below that gp3 gives a fixed
   * 3,000 IOPS baseline).
   * @default - the gp3 baseline (3,000 below 400 GiB, 12,000 from 400 GiB)
   */
  readonly storageIops?: number;
  /**
   * Provisioned gp3 throughput in MiB/s, 500 to 4,000; only from 400 GiB.
   * @default - the gp3 baseline (125 MiB/s below 400 GiB, 500 MiB/s from 400 GiB)
   */
  readonly storageThroughputInMiBps?: number;
  /**
   * Customer managed KMS key ARN for storage, snapshots and (unless set separately) Performance
   * Insights. Storage is always encrypted; this only chooses the key. A snapshot encrypted with
   * the AWS managed key cannot be shared with another account.
   * @default - the AWS managed key `aws/rds`
   */
  readonly storageKmsKeyArn?: string;
  /**
   * Master user name: 1-63 letters, digits and `_`, starting with a letter; not `rdsadmin` or a
   * `pg_`/`rds_` name. Its password is generated and kept by RDS in Secrets Manager
   * (`manage_master_user_password`): there is no password prop, and the password is never in
   * Terraform state.
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /**
   * Customer managed KMS key ARN for the master user secret.
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly masterUserSecretKmsKeyArn?: string;
  /**
   * Rotation of the RDS-managed master user secret. RDS turns on managed rotation every 7 days
   * when it creates the secret (the rotation users of terraform-aws-rds were surprised by). By
   * default this construct manages that same schedule explicitly, so the plan shows it and drift
   * is reverted:
   *
   * | value                                   | Terraform creates                          | effect                                                                    |
   * |-----------------------------------------|--------------------------------------------|---------------------------------------------------------------------------|
   * | unset                                   | rotation schedule, 7 days                  | the AWS default, visible and enforced                                     |
   * | `{ automaticallyAfterDays: 30 }`        | rotation schedule, 30 days                 | rotates every 30 days                                                     |
   * | `{ scheduleExpression: 'cron(0 3 ? * SUN *)', windowInHours: 2 }` | rotation schedule | Sundays 03:00-05:00 UTC, off-peak                                   |
   * | `'unmanaged'`                           | nothing                                    | AWS's 7 days; changes made in the console persist                          |
   *
   * No value turns rotation off on the first apply: RDS enables it. Changing from a schedule to
   * `'unmanaged'` destroys the schedule resource, which cancels rotation (the two-step way to stop
   * it). Schedule changes never rotate immediately. Clients must read the secret at connect time
   * (or use IAM authentication), not cache the password.
   * @default { automaticallyAfterDays: 7 }
   */
  readonly masterPasswordRotation?: RotationSchedule | 'unmanaged';
  /**
   * Name of a database to create, 1-63 letters, digits and `_`, starting with a letter.
   * @default - none (only the `postgres` database exists)
   */
  readonly databaseName?: string;
  /** Port, 1150 to 65535. @default 5432 */
  readonly port?: number;
  /**
   * Multi-AZ: a synchronous standby in another AZ with automatic failover (1-2 minutes). Doubles
   * the instance and storage cost. Production should turn it on (policy rule MLM-RDS-007 warns
   * without it).
   * @default false
   */
  readonly multiAz?: boolean;
  /**
   * AZ of a single-AZ instance; one of {@link availabilityZones}. Not allowed with `multiAz`.
   * @default - RDS chooses
   */
  readonly availabilityZone?: string;
  /**
   * Refuse deletion (also by `terraform destroy`) until this is turned off in a separate apply.
   * Turn it off only for throwaway environments.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Days of automated backups (point-in-time restore), 7 to 35. @default 7 */
  readonly backupRetentionInDays?: number;
  /**
   * Daily backup window, `hh24:mi-hh24:mi` UTC, at least 30 minutes, not overlapping the
   * maintenance window.
   * @default '03:00-04:00'
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 30 minutes. Minor version
   * upgrades and pending changes are applied here.
   * @default 'sun:04:30-sun:05:30'
   */
  readonly maintenanceWindow?: string;
  /**
   * Delete without a final snapshot. The automated backups are kept either way
   * (`delete_automated_backups = false`) until their retention ends; without the final snapshot,
   * nothing older is left. Only for throwaway environments.
   * @default false
   */
  readonly skipFinalSnapshot?: boolean;
  /**
   * Name of the final snapshot taken on deletion. It must not exist yet: delete or rename an
   * earlier one before deleting a recreated instance of the same name.
   * @default '<identifier>-final'
   */
  readonly finalSnapshotIdentifier?: string;
  /**
   * Performance Insights retention: 7 (free), 731, or a multiple of 31 up to 713 (billed per
   * vCPU-month).
   * @default 7
   */
  readonly performanceInsightsRetentionInDays?: number;
  /**
   * KMS key ARN for Performance Insights data (it is always encrypted).
   * @default - {@link storageKmsKeyArn}, else the AWS managed key `aws/rds`
   */
  readonly performanceInsightsKmsKeyArn?: string;
  /**
   * CloudWatch Database Insights: `standard` (free, Performance Insights' 7-day history) or
   * `advanced` (fleet views, execution plans; billed per vCPU-hour; needs 465 days of
   * Performance Insights retention).
   * @default 'standard'
   */
  readonly databaseInsightsMode?: DatabaseInsightsMode;
  /**
   * Enhanced Monitoring interval (OS metrics: processes, memory, I/O). 60 s costs cents per month
   * in CloudWatch Logs; `0` turns it off.
   * @default 60
   */
  readonly enhancedMonitoringIntervalInSeconds?: EnhancedMonitoringInterval;
  /**
   * Existing Enhanced Monitoring role (trusting `monitoring.rds.amazonaws.com`, with
   * `AmazonRDSEnhancedMonitoringRole`).
   * @default - a role `<identifier>-rds-monitoring` is created
   */
  readonly monitoringRoleArn?: string;
  /**
   * Logs exported to CloudWatch Logs, each into a log group created beforehand
   * (`/aws/rds/instance/<identifier>/<log>`) with {@link logRetentionInDays}. Without
   * `postgresql`, policy rule MLM-RDS-006 fails.
   * @default ['postgresql', 'upgrade']
   */
  readonly logExports?: PostgresLogExport[];
  /** Retention of the exported logs; a value CloudWatch Logs accepts, not 0. @default 30 */
  readonly logRetentionInDays?: number;
  /**
   * KMS key ARN for the log groups; its key policy must allow `logs.<region>.amazonaws.com`.
   * @default - CloudWatch Logs service-owned encryption
   */
  readonly logKmsKeyArn?: string;
  /**
   * Log statements running at least this many milliseconds (`log_min_duration_statement`); 0
   * logs every statement. Logged statements include their literal values, which may be personal
   * data: they land in CloudWatch Logs.
   * @default - off (-1)
   */
  readonly logMinDurationStatementInMs?: number;
  /**
   * Log every connection and disconnection (`log_connections`, `log_disconnections`): who
   * connected from where, for incident response.
   * @default true
   */
  readonly logConnections?: boolean;
  /**
   * More parameters for the parameter group (name to value), applied at the next reboot (RDS
   * applies all of them when it creates the instance). `rds.force_ssl` cannot be set (it is always
   * 1), nor the parameters that have their own prop; `ssl_min_protocol_version` (TLSv1.2 by
   * default) may only be raised to `TLSv1.3`.
   * @default - none
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * IAM database authentication: clients connect with a 15-minute token from
   * `rds-db:connect` (see {@link PostgresInstance.grantConnect}) instead of a password. Turning it
   * on costs nothing and changes nothing for password users; a database user needs
   * `GRANT rds_iam TO <user>` to use it.
   * @default true
   */
  readonly iamAuthentication?: boolean;
  /** Apply minor version upgrades in the maintenance window (security fixes). @default true */
  readonly autoMinorVersionUpgrade?: boolean;
  /** Allow Terraform to change the major version (set when upgrading 16 to 17). @default false */
  readonly allowMajorVersionUpgrade?: boolean;
  /**
   * Apply changes at once instead of in the next maintenance window. Some changes restart the
   * instance; leave it off and apply in the window.
   * @default false
   */
  readonly applyImmediately?: boolean;
  /** Certificate authority of the server certificate. @default 'rds-ca-rsa2048-g1' */
  readonly caCertIdentifier?: string;
  /**
   * RDS Extended Support after the major version's end of standard support: on, the instance
   * keeps running that major, billed per vCPU-hour; off, RDS upgrades it to a supported major
   * (which can break an application that was not tested on it).
   * @default true (the AWS default)
   */
  readonly extendedSupport?: boolean;
  /**
   * Partition of the account (`aws`, `aws-cn`, `aws-us-gov`), for the managed policy ARN of the
   * monitoring role.
   * @default 'aws'
   */
  readonly partition?: string;
  /** Tags for every resource; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

/** The Enhanced Monitoring service policy, attached to the monitoring role. */
const ENHANCED_MONITORING_POLICY = 'policy/service-role/AmazonRDSEnhancedMonitoringRole';

/** A short, stable construct-id fragment for a peer: its id plus a hash of its path. */
function peerKey(prefix: string, peer: ISecurityGroupRef): string {
  if (peer instanceof Construct) {
    const id = peer.node.id.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 20);
    const hash = createHash('sha256').update(peer.node.path).digest('hex').slice(0, 8);
    return `${prefix}-${id}-${hash}`;
  }
  if (!Token.isUnresolved(peer.securityGroupId)) return `${prefix}-${peer.securityGroupId}`;
  throw new Error(
    'allowFrom: a security group given by an unresolved id needs a construct (e.g. a SecurityGroup): ' +
      'its construct path keys the rule',
  );
}

/**
 * An RDS for PostgreSQL instance with the settings a production database should have, most of
 * them fixed:
 *
 * - storage: gp3, encrypted (AWS managed key or yours), autoscaling up to 5x;
 * - credentials: the master password is generated and kept by RDS in Secrets Manager, never in
 *   Terraform state; its rotation schedule is explicit ({@link PostgresInstanceProps.masterPasswordRotation});
 * - network: a DB subnet group over private subnets in two or more AZs, never publicly
 *   accessible, its own security group that admits 5432 only from groups given to
 *   {@link allowFrom} and allows no egress;
 * - TLS required (`rds.force_ssl = 1`, TLS 1.2+) by its own parameter group (family from the
 *   major version, replaced before destroy on a major upgrade);
 * - backups 7-35 days, copied tags, a final snapshot on deletion, automated backups kept;
 * - Performance Insights (7 days free), Enhanced Monitoring (60 s), `postgresql` and `upgrade`
 *   logs exported into log groups created beforehand with retention;
 * - deletion protection and IAM database authentication on, Multi-AZ a prop.
 */
export class PostgresInstance extends Construct {
  public readonly instance: DbInstance;
  /** DB instance identifier (literal: it is fixed at synth). */
  public readonly instanceId: string;
  /** DB instance ARN. */
  public readonly instanceArn: string;
  /** The instance's resource id (`db-...`), used in IAM authentication ARNs and Performance Insights. */
  public readonly resourceId: string;
  /** Endpoint host name. */
  public readonly endpointAddress: string;
  /** Port (literal). */
  public readonly port: number;
  /**
   * ARN of the RDS-managed Secrets Manager secret holding `{"username", "password"}` of the master
   * user. Give it to clients by ARN (ECS `secrets[].valueFrom`), never its value.
   */
  public readonly masterUserSecretArn: string;
  /** Customer managed key of the master user secret; undefined for `aws/secretsmanager`. */
  public readonly masterUserSecretKmsKeyArn?: string;
  /** Master user name. */
  public readonly masterUsername: string;
  /** The instance's security group: no rules until {@link allowFrom} adds some. */
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroupName: string;
  public readonly parameterGroupName: string;
  /** `postgres<major>`. */
  public readonly parameterGroupFamily: string;
  public readonly engineMajorVersion: number;
  public readonly instanceClass: string;
  public readonly allocatedStorageInGiB: number;
  /** 0 when storage autoscaling is off. */
  public readonly maxAllocatedStorageInGiB: number;
  /** Exported log groups by log type. */
  public readonly logGroups: Readonly<Partial<Record<PostgresLogExport, CloudwatchLogGroup>>>;
  /** The Enhanced Monitoring role created here, if any. */
  public readonly monitoringRole?: Role;
  /** The master password rotation schedule, unless `'unmanaged'`. */
  public readonly masterPasswordRotation?: SecretRotationSchedule;
  /** Whether IAM database authentication is on. */
  public readonly iamAuthentication: boolean;

  constructor(scope: Construct, id: string, props: PostgresInstanceProps) {
    super(scope, id);
    requireProps(this, props, {
      identifier: 'string',
      vpcId: 'string',
      subnetIds: 'list',
      availabilityZones: 'list',
    });
    validatePostgresInstanceProps(new Validator(this), props).throwIfInvalid();

    const identifier = props.identifier;
    const version = parsePostgresVersion(props.engineVersion ?? String(DEFAULT_POSTGRES_MAJOR_VERSION));
    const major = version?.major ?? DEFAULT_POSTGRES_MAJOR_VERSION;
    const port = props.port ?? 5432;
    const allocated = props.allocatedStorageInGiB ?? 20;
    const maxAllocated = props.maxAllocatedStorageInGiB ?? Math.min(65536, allocated * 5);
    const monitoringInterval = props.enhancedMonitoringIntervalInSeconds ?? 60;
    const logExports = props.logExports ?? ['postgresql', 'upgrade'];
    const tags = (name: string) => withName(name, props.tags);

    this.instanceId = identifier;
    this.port = port;
    this.engineMajorVersion = major;
    this.parameterGroupFamily = parameterGroupFamily(major);
    this.instanceClass = props.instanceClass ?? 'db.t4g.micro';
    this.allocatedStorageInGiB = allocated;
    this.maxAllocatedStorageInGiB = maxAllocated;
    this.masterUsername = props.masterUsername ?? 'postgres';
    this.masterUserSecretKmsKeyArn = props.masterUserSecretKmsKeyArn;
    this.iamAuthentication = props.iamAuthentication ?? true;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${identifier}-db`,
      vpcId: props.vpcId,
      description: `PostgreSQL ${identifier}: clients admitted one security group at a time`,
      // A database opens no connections; replication and backups do not use its ENIs' egress.
      egress: [],
      tags: props.tags,
    });

    const subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: identifier,
      description: `Private subnets of PostgreSQL ${identifier}`,
      subnetIds: props.subnetIds,
      tags: tags(identifier),
    });
    this.subnetGroupName = subnetGroup.name;

    const parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      // A prefix, and create-before-destroy: a major upgrade needs a group of the new family,
      // which must exist before the instance moves to it and the old one can go.
      namePrefix: `${identifier}-${this.parameterGroupFamily}-`,
      family: this.parameterGroupFamily,
      description: `PostgreSQL ${major} settings of ${identifier} (TLS required)`,
      parameter: postgresParameters(props),
      tags: tags(`${identifier}-${this.parameterGroupFamily}`),
      lifecycle: { createBeforeDestroy: true },
    });
    this.parameterGroupName = parameterGroup.name;

    const logGroups: Partial<Record<PostgresLogExport, CloudwatchLogGroup>> = {};
    for (const log of logExports) {
      // Created before the instance: RDS would otherwise create the group itself, without
      // retention (kept forever) and outside Terraform.
      const name = `/aws/rds/instance/${identifier}/${log}`;
      logGroups[log] = new CloudwatchLogGroup(this, `log-${log}`, {
        name,
        retentionInDays: props.logRetentionInDays ?? 30,
        kmsKeyId: props.logKmsKeyArn,
        tags: tags(name),
      });
    }
    this.logGroups = logGroups;

    let monitoringRoleArn = props.monitoringRoleArn;
    if (monitoringInterval > 0 && monitoringRoleArn === undefined) {
      const partition = props.partition ?? 'aws';
      this.monitoringRole = new Role(this, 'monitoring-role', {
        name: `${identifier}-rds-monitoring`,
        assumedBy: ['monitoring.rds.amazonaws.com'],
        description: `Enhanced Monitoring of RDS instance ${identifier}`,
        // Confused deputy: only this instance (by name, in any account or region this role is
        // in; the account id is not known at synth) may make RDS assume the role.
        trustConditions: [
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:${partition}:rds:*:*:db:${identifier}`],
          },
        ],
        managedPolicyArns: [`arn:${partition}:iam::aws:${ENHANCED_MONITORING_POLICY}`],
        tags: props.tags,
      });
      monitoringRoleArn = this.monitoringRole.roleArn;
    }

    const skipFinalSnapshot = props.skipFinalSnapshot ?? false;
    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion: props.engineVersion ?? String(DEFAULT_POSTGRES_MAJOR_VERSION),
      engineLifecycleSupport:
        props.extendedSupport === false
          ? 'open-source-rds-extended-support-disabled'
          : 'open-source-rds-extended-support',
      instanceClass: this.instanceClass,
      allocatedStorage: allocated,
      maxAllocatedStorage: maxAllocated,
      storageType: 'gp3',
      iops: props.storageIops,
      storageThroughput: props.storageThroughputInMiBps,
      storageEncrypted: true,
      kmsKeyId: props.storageKmsKeyArn,
      username: this.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.masterUserSecretKmsKeyArn,
      dbName: props.databaseName,
      port,
      multiAz: props.multiAz ?? false,
      availabilityZone: props.availabilityZone,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      caCertIdentifier: props.caCertIdentifier ?? 'rds-ca-rsa2048-g1',
      iamDatabaseAuthenticationEnabled: this.iamAuthentication,
      backupRetentionPeriod: props.backupRetentionInDays ?? 7,
      backupWindow: props.backupWindow ?? '03:00-04:00',
      maintenanceWindow: props.maintenanceWindow ?? 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      skipFinalSnapshot,
      finalSnapshotIdentifier: skipFinalSnapshot
        ? undefined
        : (props.finalSnapshotIdentifier ?? `${identifier}-final`),
      deletionProtection: props.deletionProtection ?? true,
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: props.performanceInsightsRetentionInDays ?? 7,
      performanceInsightsKmsKeyId: props.performanceInsightsKmsKeyArn ?? props.storageKmsKeyArn,
      databaseInsightsMode: props.databaseInsightsMode ?? 'standard',
      monitoringInterval,
      monitoringRoleArn: monitoringInterval > 0 ? monitoringRoleArn : undefined,
      enabledCloudwatchLogsExports: [...logExports],
      autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? true,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      applyImmediately: props.applyImmediately ?? false,
      tags: tags(identifier),
      dependsOn: Object.values(logGroups),
    });
    this.instanceArn = this.instance.arn;
    this.resourceId = this.instance.resourceId;
    this.endpointAddress = this.instance.address;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;

    const rotation = props.masterPasswordRotation ?? { automaticallyAfterDays: 7 };
    if (rotation !== 'unmanaged') {
      this.masterPasswordRotation = new SecretRotationSchedule(this, 'master-password-rotation', {
        secretArn: this.masterUserSecretArn,
        schedule: rotation,
        rotateImmediately: false,
      });
    }
  }

  /**
   * Lets members of `client` connect on the database port: an ingress rule on this instance's
   * group and, when `client` is a {@link SecurityGroup} of this library, the matching egress rule
   * on it (its egress is explicit). Rules are keyed by the client's construct path, so the order of
   * calls does not change Terraform addresses.
   */
  public allowFrom(client: ISecurityGroupRef, description = 'PostgreSQL clients'): void {
    this.securityGroup.addIngress({
      port: this.port,
      description,
      key: peerKey('pg', client),
      source: { securityGroupIds: [client.securityGroupId] },
    });
    if (client instanceof SecurityGroup) {
      client.addEgress({
        port: this.port,
        description: `PostgreSQL ${this.instanceId}`,
        key: peerKey('pg', this.securityGroup),
        destination: { securityGroupIds: [this.securityGroup.securityGroupId] },
      });
    }
  }

  /**
   * Lets the grantee sign IAM authentication tokens for database user `dbUser` of this instance
   * (`rds-db:connect` on `arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<user>`).
   * The user must exist and have `GRANT rds_iam TO <user>`; IAM authentication must be on.
   */
  public grantConnect(grantee: IGrantable, dbUser: string): void {
    const v = new Validator(`${this.node.path} (grantConnect)`);
    v.check(
      this.iamAuthentication,
      'iamAuthentication',
      this.iamAuthentication,
      'is off, so IAM tokens are refused by the database',
      'leave iamAuthentication at its default (true)',
    );
    v.checkOptional(
      dbUser,
      (u) => /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(u),
      'dbUser',
      'is not a PostgreSQL role name (1-63 letters, digits, "_" or "$", not starting with a digit; no wildcards)',
      'pass the database user the grantee logs in as, e.g. "app"',
    );
    v.throwIfInvalid();
    const parts = Fn.split(':', this.instance.arn);
    const at = (i: number) => Token.asString(Fn.element(parts, i));
    grantee.addStatements({
      sid: `${sidFor(this.node.id)}Connect`,
      effect: 'Allow',
      actions: [...RDS_ACTIONS.connect],
      resources: [`arn:${at(1)}:rds-db:${at(3)}:${at(4)}:dbuser:${this.resourceId}/${dbUser}`],
    });
  }

  /**
   * Lets the grantee read the master user secret (`GetSecretValue`, `DescribeSecret` on its ARN,
   * and `kms:Decrypt` through Secrets Manager when it has a customer managed key): what an ECS
   * task execution role needs for a container secret `valueFrom` this ARN. Prefer an application
   * user with least privilege over handing out the master user.
   */
  public grantMasterSecretRead(grantee: IGrantable): void {
    const sid = sidFor(this.node.id);
    grantee.addStatements({
      sid: `${sid}MasterSecretRead`,
      effect: 'Allow',
      actions: [...SECRETSMANAGER_ACTIONS.read],
      resources: [this.masterUserSecretArn],
    });
    if (this.masterUserSecretKmsKeyArn !== undefined) {
      grantee.addStatements({
        sid: `${sid}MasterSecretKey`,
        effect: 'Allow',
        actions: [...KMS_ACTIONS.secretRead],
        resources: [this.masterUserSecretKmsKeyArn],
        condition: [
          { test: 'StringLike', variable: 'kms:ViaService', values: ['secretsmanager.*.amazonaws.com'] },
          {
            test: 'StringEquals',
            variable: 'kms:EncryptionContext:SecretARN',
            values: [this.masterUserSecretArn],
          },
        ],
      });
    }
  }
}

function sidFor(id: string): string {
  const sid = id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return sid === '' ? 'Database' : sid;
}
