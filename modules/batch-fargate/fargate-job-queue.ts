import { Construct } from 'constructs';
import { Annotations, Token } from 'cdktf';
import { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
import { BatchJobDefinition } from '@cdktf/provider-aws/lib/batch-job-definition';
import { BatchJobQueue } from '@cdktf/provider-aws/lib/batch-job-queue';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { providerRegion } from '../core/providers';
import { IGrantable, grantLogsWrite } from '../iam/grants';
import { Role } from '../iam/role';
import { BATCH_ACTIONS } from '../iam/actions/batch';
import { ECR_ACTIONS } from '../iam/actions/ecr';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { SECRETSMANAGER_ACTIONS } from '../iam/actions/secretsmanager';
import { SSM_ACTIONS } from '../iam/actions/ssm';
import {
  ContainerSecret,
  isSecretsManagerSecret,
  secretArn,
  secretValueFrom,
} from '../ecs-fargate/container-definition';
import { ecrRepositoryArnOf } from '../ecs-fargate/fargate-task-definition';
import { EgressRule, SecurityGroup } from '../security-group/security-group';
import {
  describeFargateMemory,
  FARGATE_MEMORY_BY_VCPU,
  FargateVcpu,
  isFargateCombination,
} from './fargate-resources';
import { DEFAULT_RETRY_CONDITIONS, JobRetryCondition, retryConditionProblems } from './retry-conditions';

/** The container a job runs. */
export interface FargateJobContainer {
  /** Image URI, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/grader:1.4.2` (prefer a tag or digest over `latest`). */
  readonly image: string;
  /**
   * ECR repositories the execution role may pull from. Derived from a literal ECR image URI;
   * must be given when the image is a reference (e.g. `repo.repositoryUrl`), as `[]` for a public
   * registry image.
   * @default - the repository of a literal ECR image URI; none for other registries
   */
  readonly ecrRepositoryArns?: string[];
  /** Command, overriding the image's `CMD`. Submitters can override it per job. @default - the image's CMD */
  readonly command?: string[];
  /** Plain environment variables (never secrets: they are visible in the job definition). @default {} */
  readonly environment?: Record<string, string>;
  /**
   * Secrets injected as environment variables at job start, by name: a Secrets Manager secret
   * (optionally one JSON key) or an SSM parameter, by ARN, as in `ecs-fargate`. The values never
   * enter Terraform state or the job definition. The execution role gets read access to exactly
   * these (and `kms:Decrypt` through the service on a given `kmsKeyArn`).
   * @default {}
   */
  readonly secrets?: Record<string, ContainerSecret>;
  /** vCPUs per job: 0.25, 0.5, 1, 2, 4, 8 or 16. @default 1 */
  readonly vcpu?: FargateVcpu;
  /** Memory per job in MiB; must be a Fargate combination with `vcpu` (see FARGATE_MEMORY_BY_VCPU). @default 2048 */
  readonly memoryInMiB?: number;
  /**
   * User (and group) the process runs as, `uid[:gid]` or a name from the image. Numeric ids work
   * even when the image defines no such user.
   * @default '1000:1000'
   */
  readonly user?: string;
  /**
   * Allow `user` to be root (`root`, `0`, `0:<gid>`). A root process in a container shares the
   * kernel with nothing else on Fargate, but it can rewrite its own image files, and a breakout
   * bug starts as root. Prefer fixing the image.
   * @default false
   */
  readonly allowRootUser?: boolean;
  /**
   * Mount the root filesystem read-only, so a compromised job cannot plant files in its image.
   * Paths in {@link writablePaths} stay writable.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /** Writable scratch directories (task-local ephemeral storage). @default ['/tmp'] */
  readonly writablePaths?: string[];
  /** Ephemeral storage in GiB, 21-200 (Fargate gives 20 GiB without it). @default - 20 GiB */
  readonly ephemeralStorageInGiB?: number;
  /** CPU architecture. ARM64 is about 20% cheaper but not available on Fargate Spot. @default 'X86_64' */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /** Fargate platform version. @default 'LATEST' */
  readonly platformVersion?: string;
}

/** Props of {@link FargateJobQueue}. */
export interface FargateJobQueueProps {
  /**
   * Name of the compute environment, job queue, job definition and event rule, and prefix of the
   * roles (`<name>-execution`, `<name>-job`), security group and log group
   * (`/aws/batch/<name>`): 1-40 letters, digits, `-` or `_`, starting with a letter or digit.
   */
  readonly name: string;
  /** VPC of the subnets. */
  readonly vpcId: string;
  /**
   * Private subnets the jobs run in. Jobs get no public IP, so the subnets need a NAT gateway or
   * VPC endpoints (ECR api and dkr, S3, CloudWatch Logs) to pull images and write logs.
   */
  readonly subnetIds: string[];
  /**
   * Run on Fargate Spot (`FARGATE_SPOT`): up to 70% cheaper, but AWS can reclaim a running job
   * with two minutes' notice (the default retry conditions retry it). X86_64 only.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * Most vCPUs running at once across all jobs of the queue (with 1-vCPU jobs, 16 means 16
   * parallel jobs). Caps the bill of a runaway submitter.
   * @default 16
   */
  readonly maxVcpus?: number;
  /**
   * Outbound rules of the jobs' security group. Never implicit: the default allows HTTPS only,
   * which is what pulling images and calling AWS APIs needs. Add database or cache ports with
   * `queue.securityGroup.allowTo(other, port, description)`.
   * @default - HTTPS (443) to 0.0.0.0/0
   */
  readonly egress?: EgressRule[];
  /** Priority of the queue among queues sharing the compute environment, 0-1000 (higher first). @default 1 */
  readonly queuePriority?: number;
  /** Accept new jobs. A disabled queue keeps running jobs but takes no new ones. @default true */
  readonly queueEnabled?: boolean;
  /**
   * Cancel jobs stuck in RUNNABLE for this long because no compute environment can ever run them
   * (the job asks for more vCPUs than `maxVcpus`, or for resources the environment cannot offer).
   * Cancelled jobs end FAILED, so they reach {@link failureTopicArn} instead of waiting forever.
   * 600 to 86,400 seconds, or `false` to leave them waiting.
   * @default 1800
   */
  readonly cancelStuckJobsAfterSeconds?: number | false;
  /** The container. */
  readonly job: FargateJobContainer;
  /**
   * Seconds an attempt may run before Batch stops it (at least 60). Each retry gets the full
   * duration again.
   * @default 900
   */
  readonly timeoutInSeconds?: number;
  /** Attempts per job, 1-10 (1 = no retry). @default 3 */
  readonly retryAttempts?: number;
  /**
   * When to retry and when to give up (at most 5, ending with a catch-all EXIT).
   * @default DEFAULT_RETRY_CONDITIONS (retry platform failures, exit on application errors)
   */
  readonly retryConditions?: JobRetryCondition[];
  /** Retention of the job log group, a value CloudWatch Logs accepts (not 0). @default 30 */
  readonly logRetentionInDays?: number;
  /** KMS key of the log group (its policy must allow `logs.<region>.amazonaws.com`). @default - service key */
  readonly logKmsKeyArn?: string;
  /**
   * SNS topic that gets a message for every job of this queue that ends FAILED (after its last
   * attempt), through an EventBridge rule. The topic's policy must let `events.amazonaws.com`
   * publish, scoped to the rule: add {@link FargateJobQueue.topicPolicyStatement}. An encrypted
   * topic's key must also let `events.amazonaws.com` use it (`kms:GenerateDataKey*`,
   * `kms:Decrypt`). An `AlarmTopic` with `allowEventBridgeRules: true` has both.
   * @default - no notification (synthesis warns)
   */
  readonly failureTopicArn?: string;
  /**
   * Service role of the compute environment. Unset, Batch uses its service-linked role
   * `AWSServiceRoleForBatch` (created on first use if the deployer may call
   * `iam:CreateServiceLinkedRole`), which AWS keeps up to date. A custom role must keep
   * `AWSBatchServiceRole` attached until the environment is deleted, or deletion hangs.
   * @default - the service-linked role
   */
  readonly serviceRoleArn?: string;
  /** Permissions boundary of the execution and job roles. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Tags for every resource; jobs' ECS tasks get the job definition's tags. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[A-Za-z0-9][\w-]{0,39}$/;
const SUBNET_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const ECR_REPO_ARN_RE = /^arn:aws(-cn|-us-gov)?:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9][a-z0-9._/-]*$/;
const SECRETS_MANAGER_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;
const SSM_PARAMETER_ARN_RE = /^arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+$/;
const KMS_KEY_ARN_RE = /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
const JSON_KEY_RE = /^[A-Za-z0-9_./-]{1,255}$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USER_RE = /^[A-Za-z0-9_][\w.-]{0,31}(:[A-Za-z0-9_][\w.-]{0,31})?$/;
const PATH_RE = /^\/[\w./-]*$/;
const ROLE_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Reserved root-user spellings. */
function isRootUser(user: string): boolean {
  const [u] = user.split(':');
  return u === 'root' || u === '0';
}

/**
 * An AWS Batch job queue on Fargate with its compute environment, one job definition, a log
 * group, IAM roles, a security group, and failure notifications.
 *
 * - Compute: a managed `FARGATE` (or `FARGATE_SPOT`) environment in private subnets, capped at
 *   `maxVcpus`, with its own security group (egress HTTPS only by default).
 * - Job definition: `platform_capabilities = ["FARGATE"]`, vCPU/memory checked against Fargate's
 *   combinations, a 15-minute attempt timeout, 3 attempts with {@link DEFAULT_RETRY_CONDITIONS},
 *   non-root user, read-only root filesystem with a writable `/tmp`, no public IP, logs to
 *   `/aws/batch/<name>` (30 days). Privileged mode is never set (Fargate refuses it anyway).
 * - Roles: the execution role pulls the image (only its ECR repository), reads the job's secrets
 *   and writes the log group; the job role starts empty: grant it what the job needs
 *   (`bucket.grantRead(queue.jobRole)`).
 * - Failures: an EventBridge rule on `Batch Job State Change` events with status `FAILED` for this
 *   queue sends a JSON summary (job name, id, queue, status reason, exit code, log stream) to
 *   `failureTopicArn`.
 *
 * Submit with a role that has {@link grantSubmitJob}:
 * `aws batch submit-job --job-queue <name> --job-definition <name> --job-name run-42`.
 */
export class FargateJobQueue extends Construct {
  public readonly computeEnvironment: BatchComputeEnvironment;
  public readonly jobQueue: BatchJobQueue;
  public readonly jobDefinition: BatchJobDefinition;
  public readonly computeEnvironmentArn: string;
  public readonly jobQueueArn: string;
  public readonly jobQueueName: string;
  /** ARN of the current revision (`...:job-definition/<name>:<revision>`). */
  public readonly jobDefinitionArn: string;
  /** ARN without the revision, which submitters may use to run the latest revision. */
  public readonly jobDefinitionArnPrefix: string;
  public readonly jobDefinitionName: string;
  /** Role ECS uses to pull the image and write logs. */
  public readonly executionRole: Role;
  /** Role the job's code runs with; starts without permissions. */
  public readonly jobRole: Role;
  public readonly securityGroup: SecurityGroup;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly logGroupName: string;
  /** The EventBridge rule for failed jobs (when `failureTopicArn` is set). */
  public readonly failureRule?: CloudwatchEventRule;
  /** ARN of that rule, for the topic policy's `aws:SourceArn` condition. */
  public readonly failureRuleArn?: string;
  /** Request resources of each job. */
  public readonly vcpu: number;
  public readonly memoryInMiB: number;

  private readonly failureTopicArn?: string;

  constructor(scope: Construct, id: string, props: FargateJobQueueProps) {
    super(scope, id);
    requireProps(this, props, {
      'name?': 'string',
      'vpcId?': 'string',
      'subnetIds?': 'list',
      'job?': 'object',
    });
    const job = props.job ?? ({} as FargateJobContainer);
    const vcpu = job.vcpu ?? 1;
    const memory = job.memoryInMiB ?? 2048;
    const v = new Validator(this);
    validateQueue(v, props, vcpu, memory);
    v.throwIfInvalid();

    const name = props.name;
    const tags = props.tags;
    this.vcpu = vcpu;
    this.memoryInMiB = memory;
    this.failureTopicArn = props.failureTopicArn;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${name}-batch`,
      vpcId: props.vpcId,
      description: `AWS Batch jobs of ${name}`,
      egress: props.egress ?? [
        {
          port: 443,
          description: 'HTTPS to AWS APIs and the image registry',
          destination: { cidrs: ['0.0.0.0/0'] },
          key: 'https',
        },
      ],
      tags,
    });

    this.computeEnvironment = new BatchComputeEnvironment(this, 'compute-environment', {
      computeEnvironmentName: name,
      type: 'MANAGED',
      state: 'ENABLED',
      serviceRole: props.serviceRoleArn,
      computeResources: {
        type: props.spot ? 'FARGATE_SPOT' : 'FARGATE',
        maxVcpus: props.maxVcpus ?? 16,
        subnets: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.securityGroupId],
      },
      tags: withName(name, tags),
    });
    this.computeEnvironmentArn = this.computeEnvironment.arn;

    const stuck = props.cancelStuckJobsAfterSeconds ?? 1800;
    this.jobQueue = new BatchJobQueue(this, 'job-queue', {
      name,
      priority: props.queuePriority ?? 1,
      state: props.queueEnabled === false ? 'DISABLED' : 'ENABLED',
      computeEnvironmentOrder: [{ order: 1, computeEnvironment: this.computeEnvironment.arn }],
      jobStateTimeLimitAction:
        stuck === false
          ? undefined
          : STUCK_REASONS.map((reason) => ({
              action: 'CANCEL',
              state: 'RUNNABLE',
              maxTimeSeconds: stuck,
              reason,
            })),
      tags: withName(name, tags),
    });
    this.jobQueueArn = this.jobQueue.arn;
    this.jobQueueName = this.jobQueue.name;

    const logGroupName = `/aws/batch/${name}`;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionInDays ?? 30,
      kmsKeyId: props.logKmsKeyArn,
      tags: withName(logGroupName, tags),
    });
    this.logGroupName = this.logGroup.name;

    this.executionRole = new Role(this, 'execution-role', {
      name: `${name}-execution`,
      assumedBy: ['ecs-tasks.amazonaws.com'],
      description: `Pulls the image and writes the logs of the ${name} Batch jobs`,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      tags,
    });
    this.jobRole = new Role(this, 'job-role', {
      name: `${name}-job`,
      assumedBy: ['ecs-tasks.amazonaws.com'],
      description: `Runs the code of the ${name} Batch jobs`,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      tags,
    });

    const repositories =
      job.ecrRepositoryArns ?? [ecrRepositoryArnOf(job.image)].filter((a) => a !== undefined);
    if (repositories.length > 0) {
      this.executionRole.addStatements(
        {
          // GetAuthorizationToken supports no resource-level permissions.
          sid: 'EcrAuthorizationToken',
          effect: 'Allow',
          actions: [...ECR_ACTIONS.authorizationToken],
          resources: ['*'],
        },
        { sid: 'EcrPull', effect: 'Allow', actions: [...ECR_ACTIONS.pull], resources: [...repositories] },
      );
    }
    grantLogsWrite(this.executionRole, [this.logGroup.arn]);
    grantSecretsRead(this.executionRole, Object.values(job.secrets ?? {}));

    // The awslogs driver needs the region. The provider's literal region when known; otherwise
    // data.aws_region, which reads the provider configuration (no AWS call). Not parsed out of an
    // ARN: Fn.split(":") would put quotes inside the JSON string and make it unreadable for checks.
    const region = providerRegion(this) ?? new DataAwsRegion(this, 'region').name;
    const writable = job.writablePaths ?? ['/tmp'];
    const env = Object.entries(job.environment ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const secrets = Object.entries(job.secrets ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const containerProperties = {
      image: job.image,
      ...(job.command ? { command: [...job.command] } : {}),
      jobRoleArn: this.jobRole.roleArn,
      executionRoleArn: this.executionRole.roleArn,
      resourceRequirements: [
        { type: 'VCPU', value: String(vcpu) },
        { type: 'MEMORY', value: String(memory) },
      ],
      ...(env.length > 0 ? { environment: env.map(([n, value]) => ({ name: n, value })) } : {}),
      ...(secrets.length > 0
        ? { secrets: secrets.map(([n, secret]) => ({ name: n, valueFrom: secretValueFrom(secret) })) }
        : {}),
      user: job.user ?? '1000:1000',
      readonlyRootFilesystem: job.readonlyRootFilesystem ?? true,
      ...(writable.length > 0
        ? {
            volumes: writable.map((_, i) => ({ name: `scratch-${i}` })),
            mountPoints: writable.map((containerPath, i) => ({
              sourceVolume: `scratch-${i}`,
              containerPath,
              readOnly: false,
            })),
          }
        : {}),
      networkConfiguration: { assignPublicIp: 'DISABLED' },
      fargatePlatformConfiguration: { platformVersion: job.platformVersion ?? 'LATEST' },
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: job.cpuArchitecture ?? 'X86_64' },
      ...(job.ephemeralStorageInGiB !== undefined
        ? { ephemeralStorage: { sizeInGiB: job.ephemeralStorageInGiB } }
        : {}),
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': this.logGroup.name,
          'awslogs-region': region,
          'awslogs-stream-prefix': name,
        },
      },
    };

    const conditions = props.retryConditions ?? DEFAULT_RETRY_CONDITIONS;
    this.jobDefinition = new BatchJobDefinition(this, 'job-definition', {
      name,
      type: 'container',
      platformCapabilities: ['FARGATE'],
      containerProperties: JSON.stringify(containerProperties),
      retryStrategy: {
        attempts: props.retryAttempts ?? 3,
        evaluateOnExit:
          conditions.length === 0
            ? undefined
            : conditions.map((c) => ({
                action: c.action,
                onExitCode: c.onExitCode,
                onReason: c.onReason,
                onStatusReason: c.onStatusReason,
              })),
      },
      timeout: { attemptDurationSeconds: props.timeoutInSeconds ?? 900 },
      propagateTags: true,
      tags: withName(name, tags),
    });
    this.jobDefinitionArn = this.jobDefinition.arn;
    this.jobDefinitionArnPrefix = this.jobDefinition.arnPrefix;
    this.jobDefinitionName = this.jobDefinition.name;

    if (props.failureTopicArn !== undefined) {
      const ruleName = `${name}-job-failed`;
      this.failureRule = new CloudwatchEventRule(this, 'failure-rule', {
        name: ruleName,
        description: `AWS Batch jobs of queue ${name} that ended FAILED`,
        eventPattern: JSON.stringify({
          source: ['aws.batch'],
          'detail-type': ['Batch Job State Change'],
          detail: { status: ['FAILED'], jobQueue: [this.jobQueue.arn] },
        }),
        tags: withName(ruleName, tags),
      });
      this.failureRuleArn = this.failureRule.arn;
      new CloudwatchEventTarget(this, 'failure-target', {
        rule: this.failureRule.name,
        targetId: 'sns',
        arn: props.failureTopicArn,
        inputTransformer: {
          inputPaths: FAILURE_INPUT_PATHS,
          inputTemplate: FAILURE_INPUT_TEMPLATE,
        },
      });
    } else {
      Annotations.of(this).addWarning(
        `${name}: no failureTopicArn, so failed jobs notify nobody; pass an SNS topic ARN`,
      );
    }
  }

  /**
   * Lets the grantee submit jobs to this queue with this job definition (any revision).
   * `batch:SubmitJob` is authorized against both.
   */
  public grantSubmitJob(grantee: IGrantable): void {
    grantee.addStatements({
      sid: 'BatchSubmitJob',
      effect: 'Allow',
      actions: [...BATCH_ACTIONS.submit],
      resources: [this.jobQueue.arn, this.jobDefinition.arnPrefix, `${this.jobDefinition.arnPrefix}:*`],
    });
  }

  /** Lets the grantee follow jobs (`DescribeJobs`, `ListJobs`; these take no resource scoping). */
  public grantReadJobs(grantee: IGrantable): void {
    grantee.addStatements({
      sid: 'BatchReadJobs',
      effect: 'Allow',
      actions: [...BATCH_ACTIONS.describe],
      resources: ['*'],
    });
  }

  /**
   * The statement the failure topic's policy needs: `events.amazonaws.com` may publish, only for
   * this queue's rule (`aws:SourceArn`). Add it to the topic's `aws_sns_topic_policy`.
   */
  public topicPolicyStatement(): DataAwsIamPolicyDocumentStatement {
    if (this.failureTopicArn === undefined || this.failureRule === undefined) {
      throw new Error(
        `${this.node.path}: topicPolicyStatement() needs failureTopicArn. Fix: pass failureTopicArn to the FargateJobQueue`,
      );
    }
    return {
      sid: 'AllowBatchJobFailureEvents',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [this.failureTopicArn],
      condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [this.failureRule.arn] }],
    };
  }
}

/** Reasons a RUNNABLE job can never start, for `job_state_time_limit_action`. */
export const STUCK_REASONS: readonly string[] = [
  'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
];

/** Fields of the `Batch Job State Change` event the failure message carries. */
export const FAILURE_INPUT_PATHS: Readonly<Record<string, string>> = {
  jobName: '$.detail.jobName',
  jobId: '$.detail.jobId',
  jobQueue: '$.detail.jobQueue',
  statusReason: '$.detail.statusReason',
  exitCode: '$.detail.container.exitCode',
  logStream: '$.detail.container.logStreamName',
  time: '$.time',
  account: '$.account',
  region: '$.region',
};

/**
 * The message: a JSON object. Placeholders stand outside quotes, so EventBridge inserts each value
 * as JSON (strings quoted and escaped); a missing field (no exit code when the job never started)
 * becomes null.
 */
export const FAILURE_INPUT_TEMPLATE =
  '{"summary":"AWS Batch job failed","jobName":<jobName>,"jobId":<jobId>,"jobQueue":<jobQueue>,' +
  '"statusReason":<statusReason>,"exitCode":<exitCode>,"logStream":<logStream>,"time":<time>,' +
  '"account":<account>,"region":<region>}';

function validateQueue(v: Validator, props: FargateJobQueueProps, vcpu: number, memory: number): void {
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-40 letters, digits, "-" or "_", starting with a letter or digit',
    'use a short name such as "grader-prod"',
  );
  v.check(
    typeof props.vpcId === 'string' && props.vpcId !== '',
    'vpcId',
    props.vpcId,
    'is required',
    "pass the VPC of the subnets, e.g. the Vpc construct's vpcId",
  );
  const subnets = props.subnetIds ?? [];
  v.check(
    subnets.length > 0 || isUnresolvedList(props.subnetIds),
    'subnetIds',
    subnets,
    'is empty',
    'pass the private subnets the jobs run in (two or more, in different zones)',
  );
  const badSubnets = subnets.filter((s) => !Token.isUnresolved(s) && !SUBNET_RE.test(s));
  v.check(
    badSubnets.length === 0,
    'subnetIds',
    badSubnets,
    'has entries that are not subnet ids',
    'pass ids such as "subnet-0123456789abcdef0", e.g. Vpc.privateSubnetIds',
  );
  v.checkIntRange(props.maxVcpus, 1, 10_000, 'maxVcpus');
  if (props.maxVcpus !== undefined && Number.isInteger(props.maxVcpus) && props.maxVcpus >= 1) {
    v.check(
      props.maxVcpus >= vcpu,
      'maxVcpus',
      props.maxVcpus,
      `is below the ${vcpu} vCPU one job needs, so no job could ever start`,
      `set maxVcpus to ${Math.ceil(vcpu)} or more`,
    );
  }
  v.checkIntRange(props.queuePriority, 0, 1000, 'queuePriority');
  const stuck = props.cancelStuckJobsAfterSeconds;
  if (stuck !== false)
    v.checkIntRange(stuck, 600, 86_400, 'cancelStuckJobsAfterSeconds', 'use 600-86400 seconds, or false');
  v.checkIntRange(props.timeoutInSeconds, 60, 1_209_600, 'timeoutInSeconds');
  v.checkIntRange(props.retryAttempts, 1, 10, 'retryAttempts');
  if (props.retryConditions !== undefined) {
    const problems = retryConditionProblems(props.retryConditions);
    v.check(
      problems.length === 0,
      'retryConditions',
      props.retryConditions,
      problems.join('; '),
      'list at most 5 conditions with valid patterns, ending with { action: "EXIT", onReason: "*" }',
    );
    v.check(
      !(props.retryAttempts === 1 && props.retryConditions.length > 0),
      'retryConditions',
      props.retryConditions.length,
      'has no effect with retryAttempts 1',
      'raise retryAttempts, or remove retryConditions',
    );
  }
  v.checkOptional(
    props.logRetentionInDays,
    (d) => d !== 0 && isValidLogRetention(d),
    'logRetentionInDays',
    'is not a retention CloudWatch Logs accepts (0, never expire, is refused)',
    `use an accepted value such as ${nearestLogRetention(props.logRetentionInDays ?? 1)}`,
  );
  v.checkOptional(
    props.serviceRoleArn,
    (a) => ROLE_ARN_RE.test(a),
    'serviceRoleArn',
    'is not an IAM role ARN',
    'pass "arn:aws:iam::<account>:role/<name>", or leave it unset for the service-linked role',
  );

  const job = props.job;
  if (job === undefined) {
    v.add('job', job, 'is required', 'describe the container: { image: "<registry>/<repo>:<tag>" }');
    return;
  }
  v.check(
    typeof job.image === 'string' && job.image.trim() !== '',
    'job.image',
    job.image,
    'is required',
    'pass an image URI, e.g. "123456789012.dkr.ecr.us-east-1.amazonaws.com/grader:1.4.2"',
  );
  if (typeof job.image === 'string' && Token.isUnresolved(job.image) && job.ecrRepositoryArns === undefined) {
    v.add(
      'job.ecrRepositoryArns',
      job.ecrRepositoryArns,
      'is required when job.image is a reference: the module cannot tell which repository to let the execution role pull from',
      'pass [repository.repositoryArn], or [] for an image in a public registry',
    );
  }
  const repos = job.ecrRepositoryArns ?? [];
  const badRepos = repos.filter((a) => !Token.isUnresolved(a) && !ECR_REPO_ARN_RE.test(a));
  v.check(
    badRepos.length === 0,
    'job.ecrRepositoryArns',
    badRepos,
    'has entries that are not ECR repository ARNs',
    'pass "arn:aws:ecr:<region>:<account>:repository/<name>"',
  );
  const vcpus = Object.keys(FARGATE_MEMORY_BY_VCPU)
    .map(Number)
    .sort((a, b) => a - b);
  v.check(
    vcpus.includes(vcpu),
    'job.vcpu',
    vcpu,
    'is not a Fargate vCPU value',
    `use one of ${vcpus.join(', ')}`,
  );
  if (vcpus.includes(vcpu)) {
    v.check(
      isFargateCombination(vcpu, memory),
      'job.memoryInMiB',
      memory,
      `is not a Fargate memory size for ${vcpu} vCPU (jobs would never leave RUNNABLE)`,
      describeFargateMemory(vcpu),
    );
  }
  const user = job.user ?? '1000:1000';
  v.checkOptional(
    job.user,
    (u) => USER_RE.test(u),
    'job.user',
    'is not a user: a name or uid, optionally ":<group or gid>"',
    'use e.g. "1000:1000" or "app"',
  );
  v.check(
    Token.isUnresolved(user) || !isRootUser(user) || job.allowRootUser === true,
    'job.user',
    user,
    'runs the job as root',
    'use a non-root uid such as "1000:1000", or set allowRootUser: true and say why',
  );
  const paths = job.writablePaths ?? [];
  const badPaths = paths.filter((p) => !PATH_RE.test(p) || p === '/');
  v.check(
    badPaths.length === 0,
    'job.writablePaths',
    badPaths,
    'has entries that are not absolute paths below "/"',
    'use paths such as "/tmp" or "/app/cache"',
  );
  v.check(
    new Set(paths).size === paths.length,
    'job.writablePaths',
    paths,
    'lists a path twice',
    'list each path once',
  );
  v.checkIntRange(job.ephemeralStorageInGiB, 21, 200, 'job.ephemeralStorageInGiB');
  v.check(
    job.cpuArchitecture === undefined || job.cpuArchitecture === 'X86_64' || job.cpuArchitecture === 'ARM64',
    'job.cpuArchitecture',
    job.cpuArchitecture,
    'must be "X86_64" or "ARM64"',
    'use "X86_64" (default) or "ARM64"',
  );
  v.check(
    !(props.spot === true && job.cpuArchitecture === 'ARM64'),
    'job.cpuArchitecture',
    job.cpuArchitecture,
    'is ARM64, which Fargate Spot does not offer',
    'use X86_64 with spot, or run ARM64 on on-demand Fargate (spot: false)',
  );
  for (const [k, val] of Object.entries(job.environment ?? {})) {
    v.check(
      ENV_NAME_RE.test(k),
      `job.environment.${k}`,
      k,
      'is not an environment variable name',
      'use letters, digits and "_", not starting with a digit',
    );
    v.check(
      !(typeof val === 'string' && /^(arn:aws[a-z-]*:secretsmanager:)/.test(val)),
      `job.environment.${k}`,
      val,
      'holds a Secrets Manager ARN: plain environment values are not resolved',
      `move it to job.secrets: { ${k}: { secretsManagerArn: "<secret arn>" } }`,
    );
  }
  for (const [k, secret] of Object.entries(job.secrets ?? {})) {
    checkSecret(v, `job.secrets.${k}`, k, secret);
  }
  const both = Object.keys(job.environment ?? {}).filter((k) => k in (job.secrets ?? {}));
  v.check(
    both.length === 0,
    'job.secrets',
    both,
    'names variables also set in job.environment',
    'set each variable once',
  );
  v.checkOptional(
    job.platformVersion,
    (p) => p === 'LATEST' || /^\d+\.\d+\.\d+$/.test(p),
    'job.platformVersion',
    'is not a Fargate platform version',
    'use "LATEST" (default) or a version such as "1.4.0"',
  );
}

function isUnresolvedList(value: unknown): boolean {
  return Array.isArray(value) ? Token.isUnresolved(value) : false;
}

/** Problems with one job secret, collected into `v`. */
function checkSecret(v: Validator, field: string, name: string, secret: ContainerSecret): void {
  v.check(
    ENV_NAME_RE.test(name),
    field,
    name,
    'is not an environment variable name',
    'use letters, digits and "_", not starting with a digit',
  );
  if (
    secret === null ||
    typeof secret !== 'object' ||
    'secretsManagerArn' in secret === 'ssmParameterArn' in secret
  ) {
    v.add(
      field,
      secret,
      'must name exactly one of secretsManagerArn and ssmParameterArn (secret values never go in the job definition)',
      'pass { secretsManagerArn: "<secret arn>" } or { ssmParameterArn: "<parameter arn>" }',
    );
    return;
  }
  if (isSecretsManagerSecret(secret)) {
    v.checkOptional(
      secret.secretsManagerArn,
      (a) => SECRETS_MANAGER_ARN_RE.test(a),
      `${field}.secretsManagerArn`,
      'is not the full ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
      'pass the secret\'s full ARN, e.g. the "arn" attribute of aws_secretsmanager_secret',
    );
    v.checkOptional(
      secret.jsonKey,
      (k) => JSON_KEY_RE.test(k),
      `${field}.jsonKey`,
      'is not a JSON key (1-255 letters, digits and _./-)',
      'use the key as written in the secret, e.g. "password"',
    );
    v.check(
      secret.versionStage === undefined || secret.versionId === undefined,
      `${field}.versionStage`,
      secret.versionStage,
      'is set together with versionId',
      'set one of versionStage and versionId',
    );
  } else {
    v.checkOptional(
      secret.ssmParameterArn,
      (a) => SSM_PARAMETER_ARN_RE.test(a),
      `${field}.ssmParameterArn`,
      'is not an SSM parameter ARN',
      'pass "arn:aws:ssm:<region>:<account>:parameter/<name without leading slash>"',
    );
  }
  v.checkOptional(
    secret.kmsKeyArn,
    (a) => KMS_KEY_ARN_RE.test(a),
    `${field}.kmsKeyArn`,
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key id>" (aliases do not work in IAM policies)',
  );
}

/**
 * Lets the execution role read exactly the job's secrets: `secretsmanager:GetSecretValue` on the
 * secrets, `ssm:GetParameters` on the parameters, and `kms:Decrypt` on customer managed keys only
 * through those services.
 */
function grantSecretsRead(role: Role, secrets: readonly ContainerSecret[]): void {
  const unique = (values: string[]) => [...new Set(values)];
  const sm = unique(secrets.filter(isSecretsManagerSecret).map(secretArn));
  const ssm = unique(secrets.filter((s) => !isSecretsManagerSecret(s)).map(secretArn));
  if (sm.length > 0) {
    role.addStatements({
      sid: 'ReadSecrets',
      effect: 'Allow',
      actions: [...SECRETSMANAGER_ACTIONS.readValue],
      resources: sm,
    });
  }
  if (ssm.length > 0) {
    role.addStatements({
      sid: 'ReadParameters',
      effect: 'Allow',
      actions: [...SSM_ACTIONS.injectParameters],
      resources: ssm,
    });
  }
  const keyed = secrets.filter((s) => s.kmsKeyArn !== undefined);
  if (keyed.length > 0) {
    const services = unique(keyed.map((s) => (isSecretsManagerSecret(s) ? 'secretsmanager' : 'ssm'))).sort();
    role.addStatements({
      sid: 'DecryptSecrets',
      effect: 'Allow',
      actions: [...KMS_ACTIONS.secretRead],
      resources: unique(keyed.map((s) => s.kmsKeyArn as string)),
      condition: [
        {
          test: 'StringLike',
          variable: 'kms:ViaService',
          values: services.map((s) => `${s}.*.amazonaws.com`),
        },
      ],
    });
  }
}
