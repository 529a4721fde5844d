import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Validator } from '../core/validation';
import { LOG_RETENTION_DAYS, isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import {
  CapacityProviderStrategyItem,
  DEFAULT_CAPACITY_PROVIDER_STRATEGY,
  FARGATE_CAPACITY_PROVIDERS,
  FargateCapacityProvider,
  renderStrategy,
  validateCapacityProviderStrategy,
} from './capacity-providers';
import { KMS_KEY_ARN_RE } from './container-definition';

/** Container Insights level: `enhanced` adds per-task and per-container metrics (and cost). */
export type ContainerInsightsMode = 'enabled' | 'enhanced' | 'disabled';

/** Where a cluster logs ECS Exec sessions; services grant their task role access to it. */
export interface ExecuteCommandSettings {
  /** Log group the SSM agent writes session transcripts to. */
  readonly logGroupName: string;
  /** Its ARN (without `:*`). */
  readonly logGroupArn: string;
  /**
   * Key that encrypts the session channel and the log group; task roles need `kms:Decrypt` on it.
   * @default - none (TLS only, service-owned log encryption)
   */
  readonly kmsKeyArn?: string;
}

/** A cluster as services need it: the {@link Cluster} construct, or an existing cluster. */
export interface ClusterRef {
  readonly clusterName: string;
  readonly clusterArn: string;
  /**
   * ECS Exec logging of the cluster. A service with `enableExecuteCommand` grants its task role
   * write access to this log group (and decrypt on the key).
   * @default - no exec logging configured (sessions are not recorded)
   */
  readonly executeCommand?: ExecuteCommandSettings;
  /**
   * Capacity providers registered with the cluster; a service's strategy is checked against
   * them.
   * @default - unknown, not checked
   */
  readonly capacityProviders?: readonly string[];
  /**
   * Resources a service must wait for, e.g. the capacity provider association (a service whose
   * strategy names FARGATE_SPOT fails to create before FARGATE_SPOT is associated).
   * @default []
   */
  readonly dependables?: readonly ITerraformDependable[];
}

/** Props of {@link Cluster}. */
export interface ClusterProps {
  /** Cluster name, 1-255 letters, digits, '-' and '_', e.g. `modelreg-prod`. */
  readonly name: string;
  /**
   * Container Insights: CPU, memory, network and task-count metrics per service
   * (`ECS/ContainerInsights`), which the running-task alarm reads. `enhanced` adds per-task and
   * per-container metrics. Billed as custom metrics and log ingestion: roughly USD 1-3 per
   * service per month at `enabled`, more at `enhanced`. `disabled` leaves the task-count alarms
   * without data and fails policy rule MLM-ECS-001 (warning).
   * @default 'enabled'
   */
  readonly containerInsights?: ContainerInsightsMode;
  /**
   * Days to keep ECS Exec session logs (one of the values CloudWatch Logs accepts). Sessions are
   * shell access to production tasks; the transcript is the audit trail.
   * @default 365
   */
  readonly executeCommandLogRetentionInDays?: number;
  /**
   * KMS key that encrypts ECS Exec session traffic (beyond TLS) and the session log group. Its
   * key policy must allow `logs.<region>.amazonaws.com` to use it, and services that enable
   * exec grant their task role `kms:Decrypt` on it.
   * @default - TLS only, log group with CloudWatch's service-owned encryption (policy rule
   * MLM-ECS-007 warns)
   */
  readonly executeCommandKmsKeyArn?: string;
  /** Name of the ECS Exec log group. @default '/aws/ecs/<name>/execute-command' */
  readonly executeCommandLogGroupName?: string;
  /**
   * Strategy for services and tasks that don't set their own. `FARGATE` and `FARGATE_SPOT` are
   * always registered.
   * @default [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }]
   */
  readonly defaultCapacityProviderStrategy?: CapacityProviderStrategyItem[];
  /** Tags for the cluster and log group; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

const CLUSTER_NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
const LOG_GROUP_NAME_RE = /^[A-Za-z0-9._\-/#]{1,512}$/;

/**
 * An ECS cluster for Fargate: Container Insights on, both Fargate capacity providers registered
 * (so a service can move between on-demand and Spot in place), and ECS Exec sessions logged to
 * a CloudWatch log group the cluster owns (retention set, KMS optional).
 *
 * ```ts
 * const cluster = new Cluster(this, 'cluster', { name: 'modelreg-prod' });
 * new FargateService(this, 'api', { cluster, ... });
 * ```
 */
export class Cluster extends Construct implements ClusterRef {
  public readonly cluster: EcsCluster;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly executeCommand: ExecuteCommandSettings;
  public readonly capacityProviders: readonly FargateCapacityProvider[] = FARGATE_CAPACITY_PROVIDERS;
  /** The capacity provider association, which services wait for. */
  public readonly dependables: readonly ITerraformDependable[];
  /** The ECS Exec log group. */
  public readonly executeCommandLogGroup: CloudwatchLogGroup;
  /** Container Insights level in effect. */
  public readonly containerInsights: ContainerInsightsMode;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    validateClusterProps(new Validator(this), props).throwIfInvalid();
    this.containerInsights = props.containerInsights ?? 'enabled';
    const kmsKeyArn = props.executeCommandKmsKeyArn;

    const logGroupName = props.executeCommandLogGroupName ?? `/aws/ecs/${props.name}/execute-command`;
    this.executeCommandLogGroup = new CloudwatchLogGroup(this, 'execute-command-logs', {
      name: logGroupName,
      retentionInDays: props.executeCommandLogRetentionInDays ?? 365,
      kmsKeyId: kmsKeyArn,
      tags: withName(logGroupName, props.tags),
    });

    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: this.containerInsights }],
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: kmsKeyArn,
          logging: 'OVERRIDE',
          logConfiguration: {
            cloudWatchLogGroupName: this.executeCommandLogGroup.name,
            cloudWatchEncryptionEnabled: kmsKeyArn !== undefined,
          },
        },
      },
      tags: withName(props.name, props.tags),
    });
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.executeCommand = {
      logGroupName: this.executeCommandLogGroup.name,
      logGroupArn: this.executeCommandLogGroup.arn,
      kmsKeyArn,
    };

    const association = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: [...FARGATE_CAPACITY_PROVIDERS],
      defaultCapacityProviderStrategy: renderStrategy(
        props.defaultCapacityProviderStrategy ?? DEFAULT_CAPACITY_PROVIDER_STRATEGY,
      ),
    });
    this.dependables = [association];
  }
}

/** Problems with {@link ClusterProps}, collected into `v`. */
export function validateClusterProps(v: Validator, props: ClusterProps): Validator {
  v.check(
    typeof props.name === 'string' && CLUSTER_NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-255 letters, digits, "-" and "_"',
    'use a name such as "modelreg-prod"',
  );
  v.check(
    props.containerInsights === undefined ||
      ['enabled', 'enhanced', 'disabled'].includes(props.containerInsights),
    'containerInsights',
    props.containerInsights,
    'must be "enabled", "enhanced" or "disabled"',
    'use "enabled" (default) or "enhanced"',
  );
  v.checkOptional(
    props.executeCommandLogRetentionInDays,
    isValidLogRetention,
    'executeCommandLogRetentionInDays',
    `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    `use ${nearestLogRetention(props.executeCommandLogRetentionInDays ?? 365)}, the nearest accepted value at or above it`,
  );
  v.checkOptional(
    props.executeCommandKmsKeyArn,
    (a) => KMS_KEY_ARN_RE.test(a),
    'executeCommandKmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases do not work in IAM policies)',
  );
  v.checkOptional(
    props.executeCommandLogGroupName,
    (n) => LOG_GROUP_NAME_RE.test(n),
    'executeCommandLogGroupName',
    "is not a log group name (1-512 letters, digits and '.', '-', '_', '/', '#')",
    'use a name such as "/aws/ecs/modelreg-prod/execute-command"',
  );
  validateCapacityProviderStrategy(
    v,
    'defaultCapacityProviderStrategy',
    props.defaultCapacityProviderStrategy,
  );
  return v;
}
