import { Construct, IConstruct } from 'constructs';
import {
  Annotations,
  Aspects,
  ITerraformDependable,
  Op,
  Postcondition,
  TerraformResourceLifecycle,
  TerraformSelf,
  dependable,
} from 'cdktf';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Validator, isUnresolved } from '../core/validation';
import { withName } from '../core/tags';
import { IGrantable, grantLogsWrite } from '../iam/grants';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { Role } from '../iam/role';
import { ECS_ACTIONS } from '../iam/actions/ecs';
import { IAM_ROLE_ACTIONS } from '../iam/actions/iam';
import { LOGS_ACTIONS } from '../iam/actions/logs';
import { SSMMESSAGES_ACTIONS } from '../iam/actions/ssmmessages';
import {
  EgressDestination,
  IngressSource,
  ISecurityGroupRef,
  SecurityGroup,
} from '../security-group/security-group';
import { ANY_IPV4 } from '../core/ip';
import {
  CapacityProviderStrategyItem,
  DEFAULT_CAPACITY_PROVIDER_STRATEGY,
  renderStrategy,
  validateCapacityProviderStrategy,
} from './capacity-providers';
import { ClusterRef } from './cluster';
import { DEFAULT_CONTAINER_USER, isRootUser } from './container-definition';
import { DeploymentFailureAlert } from './deployment-alert';
import {
  FargateTaskDefinition,
  FargateTaskDefinitionOptions,
  partitionOf,
  validateTaskDefinitionOptions,
} from './fargate-task-definition';
import { AutoScalingOptions, ServiceAutoScaling, validateAutoScaling } from './service-auto-scaling';
import { CloudMapOptions, validateCloudMapOptions } from './service-discovery';

/**
 * Who owns the image (and so the task definition revision the service runs).
 *
 * | | `terraform` | `pipeline` |
 * |---|---|---|
 * | image comes from | `containers[].image` in config | config for the first revision only; then the deploy pipeline |
 * | a deploy is | `terraform apply` (plan: new revision, service update) | `register-task-definition` + `update-service` |
 * | config change (cpu, env, secrets) | new revision, rolled out by the apply | new revision registered; rolled out by the next pipeline deploy |
 * | `task_definition` of the service | managed | in `lifecycle.ignore_changes` |
 * | plan after a pipeline deploy | n/a | no diff |
 */
export type ImageTagOwner = 'terraform' | 'pipeline';

/** What the deployment circuit breaker does when new tasks keep failing. */
export type CircuitBreakerMode = 'rollback' | 'stop' | 'disabled';

/** One target group the service registers its tasks in. */
export interface ServiceLoadBalancer {
  /** Target group ARN (type `ip`: awsvpc tasks register by IP). */
  readonly targetGroupArn: string;
  /** @default - the first essential container with a port mapping */
  readonly containerName?: string;
  /** A port the container maps. @default - that container's first port */
  readonly containerPort?: number;
}

/** Alerting on failed deployments. */
export interface DeploymentAlertOptions {
  /**
   * SNS topic for the alert (an `AlarmTopic` with `allowEventBridgeRules: true`, or a topic whose
   * policy admits `events.amazonaws.com`; see `DeploymentFailureAlert`).
   */
  readonly topicArn: string;
}

/** Props of {@link FargateService}. */
export interface FargateServiceProps extends FargateTaskDefinitionOptions {
  /**
   * Service name, 1-255 letters, digits, '-' and '_', unique in the cluster; also the task
   * definition family and the prefix of the roles, security group, log group, scaling policies
   * and alert rule.
   */
  readonly name: string;
  /** The cluster: a {@link Cluster} or an existing one as a {@link ClusterRef}. */
  readonly cluster: ClusterRef;
  /** VPC of the subnets (for the security group). */
  readonly vpcId: string;
  /** Subnets the tasks run in: private subnets with a NAT gateway or VPC endpoints. At least one. */
  readonly subnetIds: string[];
  /**
   * Give each task a public IP. Only for public subnets without NAT: every task becomes an
   * internet host whose exposure is only its security group (synthesis warns; policy rule
   * MLM-ECS-004 fails unless suppressed).
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /** Tasks to run. With {@link autoScaling} it starts at `minCapacity` and is then left to scaling. @default 1 */
  readonly desiredCount?: number;
  /**
   * Who owns the image tag: `terraform` (every image change is a new revision in the plan) or
   * `pipeline` (Terraform registers the first revision and ignores the service's task
   * definition afterwards, so `aws ecs update-service` from CI is not reverted). See
   * {@link ImageTagOwner}.
   * @default 'terraform'
   */
  readonly imageTagOwner?: ImageTagOwner;
  /** Target groups to register tasks in. @default [] */
  readonly loadBalancers?: ServiceLoadBalancer[];
  /**
   * Who may connect to the load-balanced container port (typically the ALB's security group).
   * More with {@link FargateService.allowFrom}. Literal CIDRs only.
   * @default - nobody
   */
  readonly allowedSources?: IngressSource;
  /**
   * Where tasks may open HTTPS (443) connections: image pulls (ECR), log delivery, secrets, AWS
   * APIs. Through a NAT gateway that is the internet (the default); with interface VPC endpoints
   * for ECR (api, dkr), Logs and Secrets Manager, pass `{ securityGroupIds: [<endpoints group>],
   * prefixListIds: [<S3 prefix list>] }` (ECR layers come from S3). `'none'` opens nothing (add
   * rules with `securityGroup.addEgress`). Other destinations (a database) are added with
   * {@link FargateService.allowTo}.
   * @default { cidrs: ['0.0.0.0/0'] }
   */
  readonly httpsEgress?: EgressDestination | 'none';
  /**
   * Seconds to ignore failing load-balancer and container health checks after a task starts
   * (0-2147483647). Set it above the application's start-up time.
   * @default 60 with a load balancer or a container health check, otherwise unset
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Deployment circuit breaker: `rollback` (stop a failing deployment and return to the last
   * revision that reached steady state), `stop` (stop it, leave it failed), `disabled` (ECS keeps
   * launching failing tasks for hours).
   * @default 'rollback'
   */
  readonly circuitBreaker?: CircuitBreakerMode;
  /** Lower bound of running tasks during a deployment, % of desired (0-100). @default 100 */
  readonly minHealthyPercent?: number;
  /** Upper bound of tasks during a deployment, % of desired (above minHealthyPercent, at least 100). @default 200 */
  readonly maxPercent?: number;
  /**
   * ECS Exec (`aws ecs execute-command`): shell access into running tasks through SSM. The task
   * role gets the SSM channel actions and write access to the cluster's session log group;
   * sessions are logged (the cluster must have exec logging). Needs a container with a writable
   * root filesystem (the SSM agent writes into it). Off: every session is shell access to
   * production.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Make `terraform apply` wait until the deployment reaches steady state (or fails). With
   * `imageTagOwner: 'terraform'`, a postcondition then fails the apply when ECS rolled back
   * (the service's task definition is not the one just registered), so a rollback can't look
   * like a successful apply. Applies take as long as the deployment (minutes).
   * @default false
   */
  readonly waitForSteadyState?: boolean;
  /**
   * Capacity providers and their weights/base, e.g. `[{ capacityProvider: 'FARGATE', base: 1,
   * weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }]`. Always set (never a launch
   * type), so changing weights is an update, not a replacement (see {@link forceNewDeployment}).
   * @default [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }]
   */
  readonly capacityProviderStrategy?: CapacityProviderStrategyItem[];
  /** Fargate platform version, `LATEST` or e.g. `1.4.0`. @default 'LATEST' */
  readonly platformVersion?: string;
  /**
   * Send `forceNewDeployment` with every in-place update of the service. The AWS provider (5.x)
   * replaces a service whose capacity provider strategy changes unless this is true, and a
   * replacement deletes the service (an outage). The cost: any in-place update of the service
   * (desired count without scaling, grace period, strategy) also rolls its tasks.
   * @default true
   */
  readonly forceNewDeployment?: boolean;
  /** Target-tracking auto scaling of the desired count. @default - none, desiredCount is fixed */
  readonly autoScaling?: AutoScalingOptions;
  /**
   * Alert on failed (rolled-back) deployments: an EventBridge rule on
   * `SERVICE_DEPLOYMENT_FAILED` for this service, published to the topic.
   * @default - no alert (a rollback is visible only in the service's events)
   */
  readonly deploymentAlerts?: DeploymentAlertOptions;
  /**
   * Register the tasks in a Cloud Map private DNS namespace, so that clients in the VPC reach
   * them by name (`<name>.<namespace>`, an A record per running task, multivalue answers) without
   * a load balancer. The tasks still admit only the sources their security group allows: open
   * the port to callers with {@link FargateService.allowFrom}.
   * @default - not registered
   */
  readonly cloudMap?: CloudMapOptions;
  /**
   * Resources the service must wait for, typically the ALB listener or listener rule that
   * forwards to the target group: ECS refuses a target group no load balancer uses yet.
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

const SERVICE_NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
const PLATFORM_VERSION_RE = /^(LATEST|\d+\.\d+\.\d+)$/;
const SUBNET_RE = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const TARGET_GROUP_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

/**
 * A Fargate service with its task definition, roles, log group and security group, deployed
 * with the circuit breaker (rollback on), in private subnets without public IPs, with optional
 * target-tracking auto scaling and an alert when a deployment is rolled back.
 *
 * ```ts
 * const api = new FargateService(this, 'api', {
 *   name: 'modelreg-prod-api', region: 'us-east-1', cluster, vpcId, subnetIds: privateSubnetIds,
 *   cpu: 512, memoryMiB: 1024,
 *   containers: [{ name: 'api', image: `${repoUrl}:1.4.2`, portMappings: [{ containerPort: 8000 }] }],
 *   loadBalancers: [{ targetGroupArn }], allowedSources: { securityGroupIds: [albSecurityGroupId] },
 *   autoScaling: { minCapacity: 2, maxCapacity: 10 },
 * });
 * bucket.grantRead(api.taskRole, 'packages/');
 * ```
 */
export class FargateService extends Construct {
  public readonly service: EcsService;
  public readonly serviceName: string;
  /** Service ARN (the `id` of `aws_ecs_service`). */
  public readonly serviceArn: string;
  public readonly clusterName: string;
  public readonly taskDefinition: FargateTaskDefinition;
  /** Role the ECS agent uses (image pull, logs, secrets). */
  public readonly executionRole: Role;
  /** Role the application runs as; grant to it (`bucket.grantRead(service.taskRole)`). */
  public readonly taskRole: Role;
  /** The tasks' security group. */
  public readonly securityGroup: SecurityGroup;
  public readonly autoScaling?: ServiceAutoScaling;
  public readonly deploymentAlert?: DeploymentFailureAlert;
  public readonly imageTagOwner: ImageTagOwner;
  /** The Cloud Map service the tasks register in (with `cloudMap`). */
  public readonly discoveryService?: ServiceDiscoveryService;
  /** The name clients resolve, e.g. `ml-service.internal` (with `cloudMap`). */
  public readonly discoveryName?: string;
  /** The container and port load balancers target by default (undefined without a port). */
  public readonly defaultPort?: { readonly containerName: string; readonly containerPort: number };

  private readonly region: string;
  private readonly accountId?: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    validateFargateServiceProps(new Validator(this), props).throwIfInvalid();
    this.imageTagOwner = props.imageTagOwner ?? 'terraform';
    this.region = props.region;
    this.accountId = props.accountId;

    if (props.assignPublicIp) {
      Annotations.of(this).addWarning(
        `${props.name}: assignPublicIp is on; every task is reachable from the internet on whatever its security group allows. ` +
          'Prefer private subnets with a NAT gateway or VPC endpoints.',
      );
    }
    for (const c of props.containers) {
      const user = c.user ?? DEFAULT_CONTAINER_USER;
      const low = (c.portMappings ?? []).filter((p) => p.containerPort < 1024);
      if (!isUnresolved(user) && !isRootUser(user) && low.length > 0) {
        Annotations.of(this).addWarning(
          `${props.name}: container "${c.name}" runs as non-root user "${user}" but listens on port ` +
            `${low.map((p) => p.containerPort).join(', ')}; non-root processes usually cannot bind below 1024. ` +
            'Listen on 8080 (or another high port) and map it at the load balancer.',
        );
      }
    }

    this.taskDefinition = new FargateTaskDefinition(this, 'task', { ...props, family: props.name });
    this.executionRole = this.taskDefinition.executionRole;
    this.taskRole = this.taskDefinition.taskRole;

    const firstPort = this.taskDefinition.defaultContainer;
    this.defaultPort = firstPort
      ? { containerName: firstPort.name, containerPort: firstPort.portMappings?.[0].containerPort as number }
      : undefined;
    const loadBalancers = (props.loadBalancers ?? []).map((lb) => {
      const containerName = lb.containerName ?? (this.defaultPort?.containerName as string);
      const container = props.containers.find((c) => c.name === containerName);
      return {
        targetGroupArn: lb.targetGroupArn,
        containerName,
        containerPort: lb.containerPort ?? (container?.portMappings?.[0].containerPort as number),
      };
    });

    const egress = props.httpsEgress ?? { cidrs: [ANY_IPV4] };
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-tasks`,
      description: `Tasks of ECS service ${props.name}`,
      vpcId: props.vpcId,
      egress:
        egress === 'none'
          ? []
          : [
              {
                key: 'https',
                port: 443,
                description: 'HTTPS: image pulls, logs, secrets, AWS APIs',
                destination: egress,
              },
            ],
      tags: props.tags,
    });
    if (props.allowedSources) {
      const ports = [...new Set(loadBalancers.map((lb) => lb.containerPort))];
      const fallback = this.defaultPort?.containerPort;
      for (const port of ports.length > 0 ? ports : fallback !== undefined ? [fallback] : []) {
        this.securityGroup.addIngress({
          key: `app-${port}`,
          port,
          description: `Container port ${port} of ${props.name}`,
          source: props.allowedSources,
        });
      }
    }

    const enableExec = props.enableExecuteCommand ?? false;
    if (enableExec) this.grantExecuteCommandSession(props.cluster);

    const hasHealthCheck = props.containers.some((c) => c.healthCheck !== undefined);
    const grace =
      props.healthCheckGracePeriodSeconds ?? (loadBalancers.length > 0 || hasHealthCheck ? 60 : undefined);
    const ignoreChanges = [
      ...(this.imageTagOwner === 'pipeline' ? ['task_definition'] : []),
      ...(props.autoScaling ? ['desired_count'] : []),
    ];
    if (props.cloudMap) {
      const { namespace, name } = props.cloudMap;
      this.discoveryName = `${name}.${namespace.namespaceName}`;
      this.discoveryService = new ServiceDiscoveryService(this, 'discovery', {
        name,
        description: `Tasks of ECS service ${props.name}`,
        dnsConfig: {
          namespaceId: namespace.namespaceId,
          // One A record per task (awsvpc: every task has its own address); clients get them all.
          dnsRecords: [{ type: 'A', ttl: props.cloudMap.dnsTtlInSeconds ?? 10 }],
          routingPolicy: 'MULTIVALUE',
        },
        // ECS reports task health to Cloud Map: only running, healthy tasks are answered.
        healthCheckCustomConfig: { failureThreshold: 1 },
        // Destroying the service also removes instances ECS failed to deregister (a stuck task).
        forceDestroy: true,
        tags: withName(this.discoveryName, props.tags),
      });
    }
    const waitForSteadyState = props.waitForSteadyState ?? false;
    const circuitBreaker = props.circuitBreaker ?? 'rollback';
    // The revision just registered is the one the service must end on; after a circuit-breaker
    // rollback the service reads back the previous revision and the apply fails here.
    const postcondition: Postcondition[] =
      waitForSteadyState && this.imageTagOwner === 'terraform'
        ? [
            {
              condition: Op.eq(
                TerraformSelf.getString('task_definition'),
                this.taskDefinition.taskDefinitionArn,
              ),
              errorMessage:
                `ECS service ${props.name} reached steady state on another task definition than the one this apply ` +
                'registered: the deployment failed and the circuit breaker rolled it back. See the service events ' +
                '(aws ecs describe-services) and the stopped tasks for the reason.',
            },
          ]
        : [];

    this.service = new EcsService(this, 'service', {
      name: props.name,
      cluster: props.cluster.clusterArn,
      taskDefinition: this.taskDefinition.taskDefinitionArn,
      desiredCount: props.desiredCount ?? props.autoScaling?.minCapacity ?? 1,
      capacityProviderStrategy: renderStrategy(
        props.capacityProviderStrategy ?? DEFAULT_CAPACITY_PROVIDER_STRATEGY,
      ),
      platformVersion: props.platformVersion ?? 'LATEST',
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [this.securityGroup.securityGroupId],
        assignPublicIp: props.assignPublicIp ?? false,
      },
      loadBalancer: loadBalancers.length > 0 ? loadBalancers : undefined,
      serviceRegistries: this.discoveryService ? { registryArn: this.discoveryService.arn } : undefined,
      healthCheckGracePeriodSeconds: grace,
      deploymentCircuitBreaker: {
        enable: circuitBreaker !== 'disabled',
        rollback: circuitBreaker === 'rollback',
      },
      deploymentController: { type: 'ECS' },
      deploymentMinimumHealthyPercent: props.minHealthyPercent ?? 100,
      deploymentMaximumPercent: props.maxPercent ?? 200,
      enableExecuteCommand: enableExec,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      forceNewDeployment: props.forceNewDeployment ?? true,
      waitForSteadyState,
      dependsOn: [...(props.cluster.dependables ?? []), ...(props.dependsOn ?? [])],
      lifecycle: lifecycle(ignoreChanges, postcondition),
      tags: withName(props.name, props.tags),
    });
    this.serviceName = props.name;
    this.serviceArn = this.service.id;
    this.clusterName = props.cluster.clusterName;
    this.dependOnRolePolicies();

    if (props.autoScaling) {
      this.autoScaling = new ServiceAutoScaling(this, 'auto-scaling', {
        ...props.autoScaling,
        clusterName: props.cluster.clusterName,
        serviceName: this.service.name,
        namePrefix: props.name,
        tags: props.tags,
      });
    }
    if (props.deploymentAlerts) {
      this.deploymentAlert = new DeploymentFailureAlert(this, 'deployment-alert', {
        ruleName: `${props.name}-deploy-failed`,
        serviceArn: this.serviceArn,
        serviceName: props.name,
        topicArn: props.deploymentAlerts.topicArn,
        tags: props.tags,
      });
    }
  }

  /**
   * Lets members of `peer` connect to the tasks on `port` (TCP), e.g. the load balancer:
   * `service.allowFrom(alb.securityGroup)`.
   * @param port default: the first port of the first essential container that maps one
   */
  public allowFrom(peer: ISecurityGroupRef, port?: number, description?: string): void {
    const p = port ?? this.requireDefaultPort('allowFrom');
    this.securityGroup.allowFrom(peer, p, description ?? `Container port ${p} of ${this.serviceName}`);
  }

  /** Lets the tasks connect to members of `peer` on a TCP port, e.g. a database on 5432. */
  public allowTo(peer: ISecurityGroupRef, port: number, description: string): void {
    this.securityGroup.allowTo(peer, port, description);
  }

  /**
   * Lets a deploy pipeline roll out new revisions (for `imageTagOwner: 'pipeline'`): update and
   * describe this service, register and describe task definitions (IAM allows only `*` for
   * those two), tag the revisions of this family at registration, and pass this service's two
   * roles to ECS tasks only.
   */
  public grantDeploy(grantee: IGrantable): void {
    const p = partitionOf(this.region);
    const account = this.accountId ?? '*';
    grantee.addStatements(
      {
        sid: 'EcsDeployService',
        effect: 'Allow',
        actions: [...ECS_ACTIONS.deployService],
        resources: [this.serviceArn],
      },
      {
        sid: 'EcsRegisterTaskDefinition',
        effect: 'Allow',
        actions: [...ECS_ACTIONS.registerTaskDefinition],
        resources: ['*'],
      },
      {
        sid: 'EcsTagTaskDefinition',
        effect: 'Allow',
        actions: [...ECS_ACTIONS.tagOnRegister],
        resources: [`arn:${p}:ecs:${this.region}:${account}:task-definition/${this.taskDefinition.family}:*`],
        condition: [
          { test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] },
        ],
      },
      {
        sid: 'PassTaskRoles',
        effect: 'Allow',
        actions: [...IAM_ROLE_ACTIONS.passRole],
        resources: [this.executionRole.roleArn, this.taskRole.roleArn],
        condition: [
          { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] },
        ],
      },
    );
  }

  private requireDefaultPort(method: string): number {
    if (this.defaultPort === undefined) {
      new Validator(this)
        .add(
          `${method}(port)`,
          undefined,
          'has no default: no essential container maps a port',
          'pass the port explicitly',
        )
        .throwIfInvalid();
    }
    return (this.defaultPort as { containerPort: number }).containerPort;
  }

  /** Task-role permissions for ECS Exec sessions and their logging. */
  private grantExecuteCommandSession(cluster: ClusterRef): void {
    const exec = cluster.executeCommand;
    if (!exec) return;
    this.taskRole.addStatements(
      // ssmmessages has no resource types; DescribeLogGroups is authorized against "*" only.
      {
        sid: 'ExecSessionChannels',
        effect: 'Allow',
        actions: [...SSMMESSAGES_ACTIONS.sessionChannels],
        resources: ['*'],
      },
      {
        sid: 'ExecDescribeLogGroups',
        effect: 'Allow',
        actions: [...LOGS_ACTIONS.describeLogGroups],
        resources: ['*'],
      },
    );
    grantLogsWrite(this.taskRole, [exec.logGroupArn]);
    if (exec.kmsKeyArn) {
      this.taskRole.addStatements({
        sid: 'ExecSessionDecrypt',
        effect: 'Allow',
        actions: [...KMS_ACTIONS.execSessionDecrypt],
        resources: [exec.kmsKeyArn],
      });
    }
  }

  /**
   * The service waits for the roles' policies, including grants added after construction
   * (`bucket.grantRead(service.taskRole)`): otherwise ECS can start the first tasks before the
   * execution role may pull or the task role may read, the tasks fail, and the circuit breaker
   * fails the very first deployment.
   */
  private dependOnRolePolicies(): void {
    const service = this.service;
    const roles = [this.executionRole, this.taskRole];
    const added = new Set<IConstruct>();
    Aspects.of(this).add({
      visit(node: IConstruct) {
        if (node !== service) return;
        const policies = roles
          .flatMap((r) => r.node.findAll())
          .filter((c) => c instanceof IamRolePolicy || c instanceof IamRolePolicyAttachment)
          .map((c) => c as IamRolePolicy | IamRolePolicyAttachment)
          .filter((c) => !added.has(c));
        for (const p of policies) added.add(p);
        service.dependsOn = [...(service.dependsOn ?? []), ...policies.map((p) => dependable(p))];
      },
    });
  }
}

function lifecycle(
  ignoreChanges: string[],
  postcondition: Postcondition[],
): TerraformResourceLifecycle | undefined {
  if (ignoreChanges.length === 0 && postcondition.length === 0) return undefined;
  return {
    ignoreChanges: ignoreChanges.length > 0 ? ignoreChanges : undefined,
    postcondition: postcondition.length > 0 ? postcondition : undefined,
  };
}

/** Problems with {@link FargateServiceProps}, collected into `v` (task definition included). */
export function validateFargateServiceProps(v: Validator, props: FargateServiceProps): Validator {
  v.check(
    typeof props.name === 'string' && SERVICE_NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-255 letters, digits, "-" and "_"',
    'use a name such as "modelreg-prod-api"',
  );
  validateTaskDefinitionOptions(v, props, props.name);
  v.check(
    props.cluster !== undefined && typeof props.cluster.clusterArn === 'string',
    'cluster',
    props.cluster,
    'is required',
    'pass a Cluster construct or { clusterName, clusterArn }',
  );
  v.check(
    typeof props.vpcId === 'string' && props.vpcId.length > 0,
    'vpcId',
    props.vpcId,
    'is required',
    "pass the VPC id, e.g. the Vpc construct's vpcId",
  );
  const subnets = Array.isArray(props.subnetIds) ? props.subnetIds : [];
  v.check(
    subnets.length > 0 || isUnresolved(props.subnetIds),
    'subnetIds',
    props.subnetIds,
    'must list at least one subnet',
    'pass the private subnet ids (two or more availability zones for resilience)',
  );
  const badSubnets = subnets.filter((s) => !isUnresolved(s) && !SUBNET_RE.test(s));
  v.check(
    badSubnets.length === 0,
    'subnetIds',
    badSubnets,
    'has entries that are not subnet ids',
    'use ids such as "subnet-0123456789abcdef0"',
  );
  v.check(
    props.imageTagOwner === undefined ||
      props.imageTagOwner === 'terraform' ||
      props.imageTagOwner === 'pipeline',
    'imageTagOwner',
    props.imageTagOwner,
    'must be "terraform" or "pipeline"',
    'use "terraform" (apply deploys) or "pipeline" (CI deploys with update-service)',
  );
  v.checkIntRange(props.desiredCount, 0, 5000, 'desiredCount');
  if (props.autoScaling) validateAutoScaling(v, 'autoScaling', props.autoScaling, props.desiredCount);
  v.check(
    props.circuitBreaker === undefined || ['rollback', 'stop', 'disabled'].includes(props.circuitBreaker),
    'circuitBreaker',
    props.circuitBreaker,
    'must be "rollback", "stop" or "disabled"',
    'use "rollback" (default)',
  );
  v.checkIntRange(props.minHealthyPercent, 0, 100, 'minHealthyPercent');
  v.checkIntRange(props.maxPercent, 100, 1000, 'maxPercent');
  const min = props.minHealthyPercent ?? 100;
  const max = props.maxPercent ?? 200;
  if (!isUnresolved(min) && !isUnresolved(max)) {
    v.check(
      max > min,
      'maxPercent',
      max,
      `is not above minHealthyPercent (${min}), so a deployment can neither start a new task nor stop an old one`,
      `raise maxPercent above ${min} (e.g. 200) or lower minHealthyPercent`,
    );
  }
  v.checkIntRange(props.healthCheckGracePeriodSeconds, 0, 2147483647, 'healthCheckGracePeriodSeconds');
  v.checkOptional(
    props.platformVersion,
    (p) => PLATFORM_VERSION_RE.test(p),
    'platformVersion',
    'is not a Fargate platform version',
    'use "LATEST" (default) or a version such as "1.4.0"',
  );

  const strategy = props.capacityProviderStrategy;
  validateCapacityProviderStrategy(v, 'capacityProviderStrategy', strategy, props.cluster?.capacityProviders);
  if ((props.cpuArchitecture ?? 'X86_64') === 'ARM64' && strategy) {
    const spot = strategy.find(
      (s) => s.capacityProvider === 'FARGATE_SPOT' && ((s.weight ?? 1) > 0 || (s.base ?? 0) > 0),
    );
    v.check(
      spot === undefined,
      'capacityProviderStrategy',
      strategy,
      'places tasks on FARGATE_SPOT, which does not run ARM64 tasks',
      'use cpuArchitecture "X86_64" for Spot, or remove FARGATE_SPOT',
    );
  }

  const containers = Array.isArray(props.containers) ? props.containers : [];
  const byName = new Map(containers.map((c) => [c.name, c] as const));
  const defaultContainer = containers.find((c) => (c.essential ?? true) && (c.portMappings?.length ?? 0) > 0);
  (props.loadBalancers ?? []).forEach((lb, i) => {
    const f = `loadBalancers[${i}]`;
    v.checkOptional(
      lb.targetGroupArn,
      (a) => TARGET_GROUP_ARN_RE.test(a),
      `${f}.targetGroupArn`,
      'is not a target group ARN',
      'pass "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>"',
    );
    const container = lb.containerName === undefined ? defaultContainer : byName.get(lb.containerName);
    if (!container) {
      v.add(
        `${f}.containerName`,
        lb.containerName,
        lb.containerName === undefined
          ? 'has no default: no essential container maps a port'
          : 'is not a container of this service',
        `name a container that maps a port (${containers.map((c) => c.name).join(', ') || 'none'})`,
      );
      return;
    }
    const ports = (container.portMappings ?? []).map((p) => p.containerPort);
    const port = lb.containerPort ?? ports[0];
    v.check(
      port !== undefined && ports.includes(port),
      `${f}.containerPort`,
      port,
      `is not a port container "${container.name}" maps (${ports.join(', ') || 'none'})`,
      `add it to portMappings of "${container.name}", or use one of its ports`,
    );
  });
  const lbTargets = (props.loadBalancers ?? [])
    .map((lb) => lb.targetGroupArn)
    .filter((a) => !isUnresolved(a));
  const lbDupes = lbTargets.filter((a, i) => lbTargets.indexOf(a) !== i);
  v.check(
    lbDupes.length === 0,
    'loadBalancers',
    lbDupes,
    'lists a target group twice',
    'list each target group once',
  );
  if (props.allowedSources) {
    v.check(
      (props.loadBalancers?.length ?? 0) > 0 || defaultContainer !== undefined,
      'allowedSources',
      props.allowedSources,
      'has no port to open: no load balancer and no essential container with a port mapping',
      'add a port mapping, or use securityGroup.addIngress with an explicit port',
    );
  }

  if (props.cloudMap) validateCloudMapOptions(v, 'cloudMap', props.cloudMap);

  if (props.enableExecuteCommand) {
    v.check(
      props.cluster?.executeCommand !== undefined,
      'enableExecuteCommand',
      true,
      'is on, but the cluster has no ECS Exec logging configured, so sessions would not be recorded',
      'use the Cluster construct (it logs sessions), or pass cluster.executeCommand with the log group',
    );
    v.check(
      containers.length === 0 || containers.some((c) => c.readonlyRootFilesystem === false),
      'enableExecuteCommand',
      true,
      'is on, but every container has a read-only root filesystem; the SSM agent that ECS Exec injects must write to it',
      'set readonlyRootFilesystem: false on the container you exec into (a documented trade-off), or keep exec off',
    );
  }
  v.checkOptional(
    props.deploymentAlerts?.topicArn,
    (a) => /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(a),
    'deploymentAlerts.topicArn',
    'is not an SNS topic ARN',
    'pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
  );
  if (props.deploymentAlerts && typeof props.name === 'string') {
    v.check(
      `${props.name}-deploy-failed`.length <= 64,
      'name',
      props.name,
      'is too long for the deployment alert rule name "<name>-deploy-failed" (EventBridge allows 64 characters)',
      'use a service name of at most 50 characters',
    );
  }
  if (typeof props.name === 'string') {
    v.check(
      `${props.name}-tasks`.length <= 255,
      'name',
      props.name,
      'is too long for the security group name "<name>-tasks" (255 characters)',
      'use a service name of at most 249 characters',
    );
  }
  return v;
}
