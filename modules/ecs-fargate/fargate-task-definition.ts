import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocumentStatementCondition } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import {
  LOG_RETENTION_DAYS,
  isValidLogRetention,
  isValidRegion,
  nearestLogRetention,
} from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { grantLogsWrite } from '../iam/grants';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { ROLE_NAME_RE, Role } from '../iam/role';
import { ECR_ACTIONS } from '../iam/actions/ecr';
import { SECRETSMANAGER_ACTIONS } from '../iam/actions/secretsmanager';
import { SSM_ACTIONS } from '../iam/actions/ssm';
import { PolicySuppressions } from '../policy/suppressions';
import {
  ContainerOptions,
  KMS_KEY_ARN_RE,
  isSecretsManagerSecret,
  renderContainerDefinitions,
  scratchVolumes,
  secretArn,
  validateContainers,
} from './container-definition';
import {
  FARGATE_CPU_VALUES,
  FargateCpu,
  describeMemoryOptions,
  fargateCpuFor,
  isFargateCpu,
  isValidFargateSize,
} from './fargate-sizes';

/** CPU architecture of the task. ARM64 (Graviton) is about 20% cheaper but can't run on Fargate Spot. */
export type CpuArchitecture = 'X86_64' | 'ARM64';

/** How the awslogs driver behaves when CloudWatch Logs can't keep up. */
export type LogDriverMode = 'blocking' | 'non-blocking';

/** Task definition settings, shared by {@link FargateTaskDefinitionProps} and `FargateServiceProps`. */
export interface FargateTaskDefinitionOptions {
  /** AWS region of the stack: the awslogs driver's `awslogs-region` and the ARNs of the role trust conditions. */
  readonly region: string;
  /**
   * Task CPU units: 256 (0.25 vCPU), 512, 1024, 2048, 4096, 8192 or 16384. Together with
   * {@link memoryMiB} it must be a pair Fargate accepts (see `FARGATE_TASK_SIZES`).
   */
  readonly cpu: FargateCpu;
  /**
   * Task memory (MiB), one of the values Fargate accepts for {@link cpu}: 0.25 vCPU takes 512,
   * 1024 or 2048; 0.5 vCPU 1024-4096; 1 vCPU 2048-8192; 2 vCPU 4096-16384 (steps of 1024); ...
   */
  readonly memoryMiB: number;
  /** The containers, in the order they are listed in the task definition; at least one essential. */
  readonly containers: ContainerOptions[];
  /**
   * CPU architecture. `ARM64` (Graviton) costs about 20% less per vCPU-hour and needs arm64 (or
   * multi-arch) images; Fargate Spot does not run ARM64 tasks.
   * @default 'X86_64'
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Ephemeral task storage (GiB), 21-200, shared by the containers' writable layers and the
   * `writablePaths` volumes. Billed above the included 20 GiB (about USD 0.000111 per GiB-hour).
   * @default - 20 GiB, included
   */
  readonly ephemeralStorageGiB?: number;
  /** Days to keep container logs (a value CloudWatch Logs accepts). @default 30 */
  readonly logRetentionInDays?: number;
  /**
   * KMS key ARN for the container log group; its key policy must allow
   * `logs.<region>.amazonaws.com`.
   * @default - CloudWatch Logs service-owned encryption (policy rule MLM-LOG-002 warns)
   */
  readonly logKmsKeyArn?: string;
  /** Container log group name. @default '/ecs/<family>' */
  readonly logGroupName?: string;
  /**
   * `awslogs-stream-prefix`: streams are named `<prefix>/<container>/<task id>`.
   * @default - the family name
   */
  readonly logStreamPrefix?: string;
  /**
   * `non-blocking` buffers log lines in memory ({@link logMaxBufferSize}) and drops them when
   * the buffer is full, so a CloudWatch Logs slowdown never stalls the application; `blocking`
   * keeps every line but blocks the application's writes to stdout/stderr while it waits.
   * @default 'non-blocking'
   */
  readonly logMode?: LogDriverMode;
  /** Buffer of the non-blocking mode, e.g. `25m`. @default '25m' */
  readonly logMaxBufferSize?: string;
  /**
   * ECR repositories (ARNs) the execution role may pull from, in addition to the ones read from
   * literal ECR image references (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`).
   * Needed when an image is a token (a repository URL attribute); `repo.grantPull(executionRole)`
   * from an ECR construct does the same.
   * @default []
   */
  readonly ecrRepositoryArns?: string[];
  /** Execution role name (1-64 characters). @default '<family>-execution' */
  readonly executionRoleName?: string;
  /** Task role name (1-64 characters). @default '<family>-task' */
  readonly taskRoleName?: string;
  /**
   * Account id: adds `aws:SourceAccount` and `aws:SourceArn` conditions to both roles' trust
   * policies, so only ECS acting for this account can assume them (confused deputy).
   * @default - no conditions (the module makes no AWS call to look the account up)
   */
  readonly accountId?: string;
  /** Permissions boundary for both roles. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Tags for every resource; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

/** Props of {@link FargateTaskDefinition}. */
export interface FargateTaskDefinitionProps extends FargateTaskDefinitionOptions {
  /** Task definition family, 1-255 letters, digits, '-' and '_', e.g. `modelreg-prod-api`. */
  readonly family: string;
}

const FAMILY_RE = /^[A-Za-z0-9_-]{1,255}$/;
const LOG_GROUP_NAME_RE = /^[A-Za-z0-9._\-/#]{1,512}$/;
const STREAM_PREFIX_RE = /^[^:*]{1,400}$/;
const BUFFER_SIZE_RE = /^\d+[kmg]?$/;
const ACCOUNT_RE = /^\d{12}$/;
const ECR_REPOSITORY_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9][a-z0-9._\-/]*$/;
const ECR_IMAGE_RE =
  /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([a-z0-9][a-z0-9._\-/]*)(:[^@]+)?(@sha256:[a-f0-9]{64})?$/;

/** AWS partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The ECR repository ARN of a literal ECR image reference, or undefined for other images and tokens. */
export function ecrRepositoryArnOf(image: string): string | undefined {
  if (Token.isUnresolved(image)) return undefined;
  const m = ECR_IMAGE_RE.exec(image);
  if (!m) return undefined;
  const [, account, , region, , repository] = m;
  return `arn:${partitionOf(region)}:ecr:${region}:${account}:repository/${repository}`;
}

/**
 * The task definition of a Fargate service or task: containers, the log group their awslogs
 * driver writes to (created with retention), and two separate roles built with `Role`:
 *
 * | Role      | Used by                     | Gets                                                                                   |
 * |-----------|-----------------------------|----------------------------------------------------------------------------------------|
 * | execution | the ECS agent, before start | pull from the task's ECR repositories, write to its log group, read exactly its secrets |
 * | task      | the application             | nothing; callers grant (`bucket.grantRead(def.taskRole, 'models/')`)                    |
 *
 * The revision is registered with `skip_destroy`, so replacing it leaves the previous revision
 * ACTIVE: a circuit-breaker rollback returns to it, and ECS can't roll back to a deregistered
 * (INACTIVE) revision.
 */
export class FargateTaskDefinition extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  /** ARN of this revision (`...:task-definition/<family>:<revision>`). */
  public readonly taskDefinitionArn: string;
  public readonly family: string;
  /** Role the ECS agent uses to pull images, write logs and read secrets. */
  public readonly executionRole: Role;
  /** Role the application's AWS SDK calls run as; grant to it. */
  public readonly taskRole: Role;
  public readonly logGroup: CloudwatchLogGroup;
  /** Log group name (literal, known at synth). */
  public readonly logGroupName: string;
  /** The rendered `container_definitions` JSON. */
  public readonly containerDefinitionsJson: string;
  /** The containers as given. */
  public readonly containers: readonly ContainerOptions[];
  public readonly cpuArchitecture: CpuArchitecture;

  constructor(scope: Construct, id: string, props: FargateTaskDefinitionProps) {
    super(scope, id);
    requireProps(this, props, {
      family: 'string',
      region: 'string',
      cpu: 'number',
      memoryMiB: 'number',
      containers: 'list',
    });
    const v = new Validator(this);
    v.check(
      typeof props.family === 'string' && FAMILY_RE.test(props.family),
      'family',
      props.family,
      'must be 1-255 letters, digits, "-" and "_"',
      'use a name such as "modelreg-prod-api"',
    );
    validateTaskDefinitionOptions(v, props, props.family);
    v.throwIfInvalid();

    this.family = props.family;
    this.containers = props.containers;
    this.cpuArchitecture = props.cpuArchitecture ?? 'X86_64';
    const partition = partitionOf(props.region);
    this.logGroupName = props.logGroupName ?? `/ecs/${props.family}`;

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: this.logGroupName,
      retentionInDays: props.logRetentionInDays ?? 30,
      kmsKeyId: props.logKmsKeyArn,
      tags: withName(this.logGroupName, props.tags),
    });

    const trustConditions: DataAwsIamPolicyDocumentStatementCondition[] | undefined = props.accountId
      ? [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:${partition}:ecs:${props.region}:${props.accountId}:*`],
          },
        ]
      : undefined;
    const roleProps = {
      assumedBy: ['ecs-tasks.amazonaws.com'],
      trustConditions,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      tags: props.tags,
    };
    this.executionRole = new Role(this, 'execution-role', {
      ...roleProps,
      name: props.executionRoleName ?? `${props.family}-execution`,
      description: `ECS task execution role of ${props.family}: image pull, logs, secrets`,
    });
    this.taskRole = new Role(this, 'task-role', {
      ...roleProps,
      name: props.taskRoleName ?? `${props.family}-task`,
      description: `ECS task role of ${props.family}: what the application may call`,
    });
    this.grantExecution(props);

    this.containerDefinitionsJson = renderContainerDefinitions(props.containers, {
      region: props.region,
      logGroupName: this.logGroupName,
      streamPrefix: props.logStreamPrefix ?? props.family,
      mode: props.logMode ?? 'non-blocking',
      maxBufferSize: props.logMaxBufferSize ?? '25m',
    });
    const volumes = scratchVolumes(props.containers);

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole.roleArn,
      containerDefinitions: this.containerDefinitionsJson,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: this.cpuArchitecture },
      ephemeralStorage:
        props.ephemeralStorageGiB === undefined ? undefined : { sizeInGib: props.ephemeralStorageGiB },
      volume: volumes.length ? volumes.map((s) => ({ name: s.volumeName })) : undefined,
      // Keep replaced revisions ACTIVE: rollbacks (circuit breaker, pipeline) need them.
      skipDestroy: true,
      // The service moves to the new revision before the old one is (not) deregistered.
      lifecycle: { createBeforeDestroy: true },
      // The log group must exist (with its retention) before the first task writes to it.
      dependsOn: [this.logGroup],
      tags: withName(props.family, props.tags),
    });
    this.taskDefinitionArn = this.taskDefinition.arn;

    const reviewed = props.containers.flatMap((c) => (c.notSecrets ?? []).map((k) => `${c.name}.${k}`));
    if (reviewed.length > 0) {
      // The construct refused every other secret-like name, so the rule can only flag these.
      PolicySuppressions.add(this.taskDefinition, [
        {
          id: 'MLM-ECS-010',
          reason: `Environment names reviewed as not secrets (notSecrets): ${reviewed.join(', ')}. Their values are still checked.`,
        },
      ]);
    }
  }

  /** The container traffic from a load balancer goes to by default: the first essential one with a port. */
  public get defaultContainer(): ContainerOptions | undefined {
    return this.containers.find((c) => (c.essential ?? true) && (c.portMappings?.length ?? 0) > 0);
  }

  /** The execution role's statements: ECR pull, log writes, secrets (each scoped to what the task uses). */
  private grantExecution(props: FargateTaskDefinitionOptions): void {
    const role = this.executionRole;
    const repositories = [
      ...new Set([
        ...props.containers
          .map((c) => ecrRepositoryArnOf(c.image))
          .filter((a): a is string => a !== undefined),
        ...(props.ecrRepositoryArns ?? []),
      ]),
    ];
    if (repositories.length > 0) {
      role.addStatements(
        // GetAuthorizationToken has no resource-level permissions.
        { sid: 'EcrLogin', effect: 'Allow', actions: [...ECR_ACTIONS.authorizationToken], resources: ['*'] },
        { sid: 'EcrPull', effect: 'Allow', actions: [...ECR_ACTIONS.pull], resources: repositories },
      );
    }
    grantLogsWrite(role, [this.logGroup.arn]);

    const secrets = props.containers.flatMap((c) => Object.values(c.secrets ?? {}));
    const smArns = unique(secrets.filter(isSecretsManagerSecret).map(secretArn));
    const ssmArns = unique(secrets.filter((s) => !isSecretsManagerSecret(s)).map(secretArn));
    if (smArns.length > 0) {
      role.addStatements({
        sid: 'ReadSecrets',
        effect: 'Allow',
        actions: [...SECRETSMANAGER_ACTIONS.readValue],
        resources: smArns,
      });
    }
    if (ssmArns.length > 0) {
      role.addStatements({
        sid: 'ReadParameters',
        effect: 'Allow',
        actions: [...SSM_ACTIONS.injectParameters],
        resources: ssmArns,
      });
    }
    const keyServices = new Map<string, Set<string>>();
    for (const s of secrets) {
      if (!s.kmsKeyArn) continue;
      const service = isSecretsManagerSecret(s) ? 'secretsmanager' : 'ssm';
      keyServices.set(s.kmsKeyArn, (keyServices.get(s.kmsKeyArn) ?? new Set()).add(service));
    }
    if (keyServices.size > 0) {
      const keys = [...keyServices.keys()];
      const services = [...new Set([...keyServices.values()].flatMap((s) => [...s]))].sort();
      role.addStatements({
        sid: 'DecryptSecrets',
        effect: 'Allow',
        actions: [...KMS_ACTIONS.secretRead],
        resources: keys,
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: services.map((s) => `${s}.${props.region}.amazonaws.com`),
          },
        ],
      });
    }
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Problems with {@link FargateTaskDefinitionOptions} (and derived role names), collected into `v`. */
export function validateTaskDefinitionOptions(
  v: Validator,
  props: FargateTaskDefinitionOptions,
  family: string,
): Validator {
  v.checkOptional(
    props.region,
    isValidRegion,
    'region',
    'is not an AWS region name',
    'use a region such as "us-east-1"',
  );
  v.check(
    typeof props.region === 'string' && props.region.length > 0,
    'region',
    props.region,
    'is required',
    'pass the stack\'s region, e.g. "us-east-1"',
  );
  const cpu = props.cpu as number;
  const memory = props.memoryMiB;
  let cpuOk = true;
  if (!isUnresolved(cpu)) {
    cpuOk = isFargateCpu(cpu);
    v.check(
      cpuOk,
      'cpu',
      cpu,
      `is not a Fargate task CPU size (${FARGATE_CPU_VALUES.join(', ')})`,
      'use e.g. 512 (0.5 vCPU) or 1024 (1 vCPU)',
    );
  }
  if (cpuOk && !isUnresolved(cpu) && !isUnresolved(memory)) {
    const options = fargateCpuFor(memory);
    v.check(
      isValidFargateSize(cpu, memory),
      'memoryMiB',
      memory,
      `is not a memory size Fargate accepts with ${cpu} CPU units (${describeMemoryOptions(cpu as FargateCpu)})`,
      options.length > 0
        ? `pick a memory size from that list, or use cpu ${options.join(' or ')} for ${memory} MiB`
        : 'pick a memory size from that list',
    );
  }
  const arch = props.cpuArchitecture ?? 'X86_64';
  v.check(
    arch === 'X86_64' || arch === 'ARM64',
    'cpuArchitecture',
    arch,
    'must be "X86_64" or "ARM64"',
    'use "X86_64" (default) or "ARM64"',
  );
  v.checkIntRange(
    props.ephemeralStorageGiB,
    21,
    200,
    'ephemeralStorageGiB',
    'set 21 to 200 GiB, or leave it unset for the included 20 GiB',
  );
  v.checkOptional(
    props.logRetentionInDays,
    isValidLogRetention,
    'logRetentionInDays',
    `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    `use ${nearestLogRetention(props.logRetentionInDays ?? 30)}, the nearest accepted value at or above it`,
  );
  v.checkOptional(
    props.logKmsKeyArn,
    (a) => KMS_KEY_ARN_RE.test(a),
    'logKmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );
  v.checkOptional(
    props.logGroupName,
    (n) => LOG_GROUP_NAME_RE.test(n),
    'logGroupName',
    "is not a log group name (1-512 letters, digits and '.', '-', '_', '/', '#')",
    `use a name such as "/ecs/${family}"`,
  );
  v.checkOptional(
    props.logStreamPrefix,
    (p) => STREAM_PREFIX_RE.test(p),
    'logStreamPrefix',
    'must be 1-400 characters without ":" or "*"',
    `use a prefix such as "${family}"`,
  );
  v.check(
    props.logMode === undefined || props.logMode === 'blocking' || props.logMode === 'non-blocking',
    'logMode',
    props.logMode,
    'must be "blocking" or "non-blocking"',
    'use "non-blocking" (default) or "blocking"',
  );
  v.checkOptional(
    props.logMaxBufferSize,
    (s) => BUFFER_SIZE_RE.test(s),
    'logMaxBufferSize',
    'is not a size such as "25m"',
    'use a number with an optional k, m or g suffix, e.g. "25m"',
  );
  const badRepos = (props.ecrRepositoryArns ?? []).filter(
    (a) => !isUnresolved(a) && !ECR_REPOSITORY_ARN_RE.test(a),
  );
  v.check(
    badRepos.length === 0,
    'ecrRepositoryArns',
    badRepos,
    'has entries that are not ECR repository ARNs',
    'use "arn:aws:ecr:<region>:<account>:repository/<name>"',
  );
  for (const [field, name] of [
    ['executionRoleName', props.executionRoleName ?? `${family}-execution`],
    ['taskRoleName', props.taskRoleName ?? `${family}-task`],
  ] as const) {
    const derived = props[field] === undefined;
    // A derived name from an invalid family is reported under the family (or name) already.
    if (isUnresolved(name) || (derived && !FAMILY_RE.test(family))) continue;
    v.check(
      ROLE_NAME_RE.test(name),
      field,
      name,
      derived
        ? `(derived from the name) is not a valid IAM role name (1-64 characters of A-Z, a-z, 0-9 and +=,.@_-)`
        : 'is not a valid IAM role name (1-64 characters of A-Z, a-z, 0-9 and +=,.@_-)',
      derived ? `shorten the name, or set ${field} explicitly` : 'use a name such as "api-task"',
    );
  }
  v.checkOptional(
    props.accountId,
    (a) => ACCOUNT_RE.test(a),
    'accountId',
    'is not a 12-digit AWS account id',
    'pass the account id, e.g. "111122223333"',
  );
  validateContainers(v, props.containers, cpuOk ? cpu : undefined, cpuOk ? memory : undefined);
  return v;
}
