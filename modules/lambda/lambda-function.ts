import { Construct } from 'constructs';
import { Annotations, Token } from 'cdktf';
import { LambdaFunction as AwsLambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { arnComponents } from '../core/arn';
import { IGrantable } from '../iam/grants';
import { Role } from '../iam/role';
import { EC2_ACTIONS } from '../iam/actions/ec2';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { LAMBDA_ACTIONS } from '../iam/actions/lambda';
import { LOGS_ACTIONS } from '../iam/actions/logs';
import { XRAY_ACTIONS } from '../iam/actions/xray';
import { EgressRule, SecurityGroup } from '../security-group/security-group';
import { IQueue, Queue, queueSendStatements } from '../sqs/queue';
import { PolicySuppressions } from '../policy/suppressions';
import { LambdaRuntime } from './runtimes';
import { validateLambdaFunctionProps } from './validation';

/** A .zip deployment package already uploaded to S3 (built and uploaded by CI, not at synth). */
export interface LambdaS3Artifact {
  /** Bucket holding the package, in the function's region. */
  readonly bucketName: string;
  /** Object key, e.g. `functions/inference/1.4.2.zip` (no leading '/'). */
  readonly key: string;
  /**
   * Object version of a versioned bucket. Pinning it makes the deployed code exactly what was
   * reviewed; a new upload under the same key then needs a new version id here to deploy.
   * @default - the latest version at deploy time (Terraform sees no change when the object changes)
   */
  readonly objectVersion?: string;
}

/** A container image already pushed to ECR. */
export interface LambdaImageArtifact {
  /**
   * Image URI in ECR, preferably by digest:
   * `<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>`. A tag works but
   * synthesis warns: Lambda resolves a tag once, so pushing the tag again deploys nothing.
   */
  readonly uri: string;
  /** Overrides the image's CMD. @default - the image's CMD */
  readonly command?: string[];
  /** Overrides the image's ENTRYPOINT. @default - the image's ENTRYPOINT */
  readonly entryPoint?: string[];
  /** Overrides the image's WORKDIR. @default - the image's WORKDIR */
  readonly workingDirectory?: string;
}

/**
 * The function's code: a prebuilt .zip in S3 (`{ s3: ... }`) or an image in ECR
 * (`{ image: ... }`). Nothing is built or zipped during synthesis.
 */
export type LambdaCode = { readonly s3: LambdaS3Artifact } | { readonly image: LambdaImageArtifact };

/** Instruction set of the function. */
export type LambdaArchitecture = 'arm64' | 'x86_64';

/** X-Ray tracing: `Active` samples and records requests; `PassThrough` only follows upstream decisions. */
export type LambdaTracingMode = 'Active' | 'PassThrough';

/** Log format: `JSON` enables log-level filtering; `Text` is Lambda's plain format. */
export type LambdaLogFormat = 'Text' | 'JSON';

/** Application log levels (JSON format only). */
export type LambdaApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** System (platform) log levels (JSON format only). */
export type LambdaSystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';

/** Running the function in a VPC (it then reaches only what its subnets and security group allow). */
export interface LambdaVpcConfig {
  /** The VPC of the subnets. */
  readonly vpcId: string;
  /** Private subnets, at least two in different Availability Zones for resilience. */
  readonly subnetIds: string[];
  /**
   * Outbound rules of the function's own security group (it has no inbound rules: nothing
   * connects to a function).
   * @default - HTTPS (443) to 0.0.0.0/0, for AWS APIs through a NAT gateway or VPC endpoints
   */
  readonly egress?: EgressRule[];
  /** More security groups to attach (e.g. one a database allows). @default [] */
  readonly additionalSecurityGroupIds?: string[];
}

/** Publishing a version and pointing an alias at it. */
export interface LambdaAliasOptions {
  /** Alias name, e.g. `live` (1-128 letters, digits, '-', '_'; not only digits). */
  readonly name: string;
  /** @default - none */
  readonly description?: string;
  /**
   * Pre-initialized execution environments on the alias (no cold starts). Billed for every hour
   * they exist, used or not (about $0.0000033334 per GB-s on arm64 in us-east-1).
   * @default - none
   */
  readonly provisionedConcurrentExecutions?: number;
}

/** Retries and event age of asynchronous invocations (S3, SNS, EventBridge ...). */
export interface LambdaAsyncInvokeOptions {
  /** Retries after a failed asynchronous invocation (0-2). @default 2 (Lambda's default) */
  readonly retryAttempts?: number;
  /** Oldest event Lambda still processes (60-21,600 s). @default 21600 (Lambda's default) */
  readonly maxEventAgeInSeconds?: number;
}

/** A service that may invoke the function through a resource-based permission. */
export interface LambdaInvokeSource {
  /** Service principal, e.g. `events.amazonaws.com`, `s3.amazonaws.com`, `sns.amazonaws.com`. */
  readonly principal: string;
  /**
   * ARN of the one resource that may invoke (rule, topic, bucket ...). Required: a service
   * permission without it lets any account's resource of that service invoke the function.
   */
  readonly sourceArn: string;
  /** Account that owns the source (required for S3, whose bucket ARNs carry no account). @default - none */
  readonly sourceAccount?: string;
  /** Construct-id suffix of the permission (`invoke-<id>`). @default - a counter */
  readonly id?: string;
}

/** Props of {@link LambdaFunction}. */
export interface LambdaFunctionProps {
  /** Function name: 1-64 letters, digits, '-' and '_'. Also names the log group, role and DLQ. */
  readonly functionName: string;
  /** @default - none */
  readonly description?: string;
  /** The prebuilt artifact: `{ s3: { bucketName, key, objectVersion? } }` or `{ image: { uri } }`. */
  readonly code: LambdaCode;
  /**
   * Runtime of a .zip function (see `LAMBDA_RUNTIMES`; deprecated runtimes are refused). Not
   * used with an image, which carries its runtime.
   * @default - required for `code.s3`
   */
  readonly runtime?: LambdaRuntime;
  /**
   * Entry point of a .zip function, e.g. `app.handler` (Python) or `index.handler` (Node.js).
   * @default - required for `code.s3`
   */
  readonly handler?: string;
  /**
   * Instruction set. arm64 (Graviton) costs 20% less per GB-second than x86_64 and runs most
   * interpreted code unchanged; native dependencies must be built for it.
   * @default 'arm64'
   */
  readonly architecture?: LambdaArchitecture;
  /** Memory (128-10,240 MB); CPU is allocated in proportion. @default 128 */
  readonly memorySizeInMb?: number;
  /** Maximum run time per invocation (1-900 s). Behind an HTTP API, at most 30 s are useful. @default 3 */
  readonly timeoutInSeconds?: number;
  /**
   * Reserved concurrency: a guaranteed share of the account's concurrency that is also the
   * function's ceiling (a cost and blast-radius limit). 0 stops every invocation.
   * @default - none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * The account's concurrent-executions quota, for checking `reservedConcurrentExecutions`: AWS
   * keeps 100 unreserved, so at most quota - 100 can be reserved.
   * @default 1000 (the default quota; new accounts may have less)
   */
  readonly accountConcurrencyLimit?: number;
  /** Size of `/tmp` (512-10,240 MB); above 512 MB it is billed per GB-second. @default 512 */
  readonly ephemeralStorageInMb?: number;
  /**
   * Environment variables: configuration only. Keys or values that look like secrets
   * (`DB_PASSWORD`, `API_TOKEN`, an access key, a URL with a password ...) are refused: pass the
   * secret's ARN (`DB_SECRET_ARN`), read it at runtime, and `secret.grantRead(fn)`.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Keys whose names look secret but are not (e.g. `TOKEN_AUDIENCE`): the name check skips them
   * (value patterns still apply) and the policy rule MLM-LAMBDA-006 is suppressed on this function
   * with the keys listed as the reason.
   * @default []
   */
  readonly nonSecretEnvironmentKeys?: string[];
  /**
   * KMS key ARN that encrypts the environment variables at rest; the role may decrypt with it.
   * @default - Lambda's AWS managed key (`aws/lambda`)
   */
  readonly environmentKmsKeyArn?: string;
  /**
   * Create an SQS dead-letter queue (`<functionName>-dlq`, SSE, TLS-only, 14-day retention) for
   * asynchronous invocations that still fail after the retries. Costs nothing while empty.
   * @default true, unless `deadLetterQueue` is given
   */
  readonly createDeadLetterQueue?: boolean;
  /** An existing dead-letter queue (e.g. one per system). @default - see `createDeadLetterQueue` */
  readonly deadLetterQueue?: IQueue;
  /** Retries and maximum event age of asynchronous invocations. @default - Lambda's (2 retries, 6 hours) */
  readonly asyncInvoke?: LambdaAsyncInvokeOptions;
  /**
   * X-Ray tracing mode. Active records sampled requests (1 per second, then 5%): $5 per million
   * traces recorded after 100,000 free per month.
   * @default 'Active'
   */
  readonly tracing?: LambdaTracingMode;
  /** Retention of `/aws/lambda/<functionName>` (a CloudWatch Logs value, e.g. 30, 90, 365). @default 30 */
  readonly logRetentionInDays?: number;
  /**
   * KMS key ARN for the log group (its key policy must allow `logs.<region>.amazonaws.com`).
   * @default - CloudWatch Logs encryption with AWS owned keys
   */
  readonly logKmsKeyArn?: string;
  /** Log format. @default 'Text' */
  readonly logFormat?: LambdaLogFormat;
  /** Lowest application log level sent to CloudWatch (JSON format only). @default - INFO when JSON */
  readonly applicationLogLevel?: LambdaApplicationLogLevel;
  /** Lowest system log level sent to CloudWatch (JSON format only). @default - INFO when JSON */
  readonly systemLogLevel?: LambdaSystemLogLevel;
  /**
   * Run in a VPC, with a security group created for the function. Needed only to reach private
   * resources (RDS, ElastiCache); AWS APIs are then reached through NAT or VPC endpoints.
   * @default - not in a VPC
   */
  readonly vpc?: LambdaVpcConfig;
  /** Publish a numbered version on every code or configuration change. @default - true when `alias` is set, else false */
  readonly publish?: boolean;
  /** An alias on the latest published version; grants and integrations then target the alias. @default - none */
  readonly alias?: LambdaAliasOptions;
  /**
   * Code signing configuration ARN (.zip only): Lambda refuses packages not signed by its profiles.
   * @default - none (packages are not signature-checked)
   */
  readonly codeSigningConfigArn?: string;
  /** Layer version ARNs (.zip only, at most 5). @default [] */
  readonly layers?: string[];
  /** Execution role name. @default '<functionName>-role' */
  readonly roleName?: string;
  /** Permissions boundary of the execution role. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Tags for every resource; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

/** What an API or event source needs to invoke a function. */
export interface ILambdaFunction {
  readonly functionName: string;
  readonly functionArn: string;
  /** ARN for API Gateway integrations (the alias's when there is one). */
  readonly invokeArn: string;
  /** Alias name that permissions are scoped to. @default - none (unqualified) */
  readonly qualifier?: string;
}

/**
 * A Lambda function from a prebuilt artifact (a .zip in S3 or an image in ECR: nothing is built at
 * synth), with the settings a reviewer expects: arm64, X-Ray tracing, its own log group with
 * retention, an encrypted dead-letter queue, and an execution role allowed only to write its logs,
 * its traces and its dead letters. Everything else comes from grants on other constructs:
 *
 * ```ts
 * table.grantReadData(fn);
 * bucket.grantRead(fn, 'models/');
 * secret.grantRead(fn);
 * ```
 *
 * The function depends on its log group (so Lambda never creates one without retention) and on the
 * role's policy (Lambda checks at creation that the role may send to the DLQ and create network
 * interfaces).
 */
export class LambdaFunction extends Construct implements IGrantable, ILambdaFunction {
  public readonly function: AwsLambdaFunction;
  public readonly functionName: string;
  public readonly functionArn: string;
  /** Invoke ARN for API Gateway (the alias's when an alias is configured). */
  public readonly invokeArn: string;
  /** Alias name when configured (permissions and integrations are scoped to it). */
  public readonly qualifier?: string;
  /** The execution role; add permissions with grants (`table.grantReadData(fn)`). */
  public readonly role: Role;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  /** The dead-letter queue (created or given); undefined when turned off. */
  public readonly deadLetterQueue?: IQueue;
  /** The function's security group when it runs in a VPC. */
  public readonly securityGroup?: SecurityGroup;
  public readonly alias?: LambdaAlias;
  /** Timeout in seconds (alarms compare the p99 duration with it). */
  public readonly timeoutInSeconds: number;

  private permissionCount = 0;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    requireProps(this, props, {
      'functionName?': 'string',
      'code?': 'object',
      'code.s3?': 'object',
      'code.s3.bucketName': 'string',
      'code.s3.key': 'string',
    });
    validateLambdaFunctionProps(new Validator(this), props).throwIfInvalid();

    const name = props.functionName;
    const tags = props.tags;
    this.timeoutInSeconds = props.timeoutInSeconds ?? 3;

    if ('image' in props.code) {
      const uri = props.code.image.uri;
      if (!Token.isUnresolved(uri) && !uri.includes('@sha256:')) {
        Annotations.of(this).addWarning(
          `${name}: image ${uri} is referenced by tag. Lambda resolves a tag once, at deployment; pushing ` +
            'the tag again deploys nothing. Reference the image by digest (<repository>@sha256:<digest>).',
        );
      }
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionInDays ?? 30,
      kmsKeyId: props.logKmsKeyArn,
      tags: withName(`/aws/lambda/${name}`, tags),
    });
    this.logGroupName = this.logGroup.name;
    this.logGroupArn = this.logGroup.arn;

    this.role = new Role(this, 'role', {
      name: props.roleName ?? `${name}-role`,
      assumedBy: ['lambda.amazonaws.com'],
      description: `Execution role of the ${name} Lambda function`,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      tags,
    });
    // Only the streams of its own group: the group exists (Terraform made it), so no CreateLogGroup.
    this.role.addStatements({
      sid: 'WriteOwnLogs',
      effect: 'Allow',
      actions: [...LOGS_ACTIONS.write],
      resources: [`${this.logGroup.arn}:*`],
    });
    const tracing = props.tracing ?? 'Active';
    this.role.addStatements({
      sid: 'XRayWrite',
      effect: 'Allow',
      actions: [...XRAY_ACTIONS.write],
      // X-Ray has no resource-level permissions.
      resources: ['*'],
    });

    if (props.deadLetterQueue) {
      this.deadLetterQueue = props.deadLetterQueue;
    } else if (props.createDeadLetterQueue !== false) {
      this.deadLetterQueue = new Queue(this, 'dlq', {
        queueName: `${name}-dlq`,
        messageRetentionInSeconds: 1209600,
        tags,
      });
    }
    if (this.deadLetterQueue) this.role.addStatements(...queueSendStatements(this.deadLetterQueue));

    if (props.environmentKmsKeyArn) {
      this.role.addStatements({
        sid: 'DecryptEnvironment',
        effect: 'Allow',
        actions: [...KMS_ACTIONS.decrypt],
        resources: [props.environmentKmsKeyArn],
      });
    }

    let vpcConfig: { subnetIds: string[]; securityGroupIds: string[] } | undefined;
    if (props.vpc) {
      this.securityGroup = new SecurityGroup(this, 'security-group', {
        name: `${name}-lambda`,
        vpcId: props.vpc.vpcId,
        description: `Lambda function ${name}`,
        egress: props.vpc.egress ?? [
          {
            port: 443,
            description: 'HTTPS to AWS APIs (NAT gateway or VPC endpoints)',
            destination: { cidrs: ['0.0.0.0/0'] },
          },
        ],
        tags,
      });
      vpcConfig = {
        subnetIds: [...props.vpc.subnetIds],
        securityGroupIds: [
          this.securityGroup.securityGroupId,
          ...(props.vpc.additionalSecurityGroupIds ?? []),
        ],
      };
      const { partition, region, account } = arnComponents(this.logGroup.arn);
      this.role.addStatements(
        {
          sid: 'ManageNetworkInterfaces',
          effect: 'Allow',
          actions: [...EC2_ACTIONS.manageNetworkInterfaces],
          // What the Lambda documentation prescribes for these actions: EC2 resources of this
          // account and region (a narrower list can break interface cleanup).
          resources: [`arn:${partition}:ec2:${region}:${account}:*/*`],
        },
        {
          sid: 'DescribeNetworkInterfaces',
          effect: 'Allow',
          actions: [...EC2_ACTIONS.describeNetworkInterfaces],
          // Describe* supports no resource-level permissions.
          resources: ['*'],
        },
      );
    }

    const code = props.code;
    const format = props.logFormat ?? 'Text';
    const environment = props.environment ?? {};
    const policy = this.role.node.tryFindChild('policy');
    this.function = new AwsLambdaFunction(this, 'function', {
      functionName: name,
      description: props.description,
      role: this.role.roleArn,
      architectures: [props.architecture ?? 'arm64'],
      ...('s3' in code
        ? {
            packageType: 'Zip',
            s3Bucket: code.s3.bucketName,
            s3Key: code.s3.key,
            s3ObjectVersion: code.s3.objectVersion,
            runtime: props.runtime,
            handler: props.handler,
            layers: props.layers,
            codeSigningConfigArn: props.codeSigningConfigArn,
          }
        : {
            packageType: 'Image',
            imageUri: code.image.uri,
            imageConfig:
              code.image.command || code.image.entryPoint || code.image.workingDirectory
                ? {
                    command: code.image.command,
                    entryPoint: code.image.entryPoint,
                    workingDirectory: code.image.workingDirectory,
                  }
                : undefined,
          }),
      memorySize: props.memorySizeInMb ?? 128,
      timeout: this.timeoutInSeconds,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      ephemeralStorage: { size: props.ephemeralStorageInMb ?? 512 },
      environment: Object.keys(environment).length > 0 ? { variables: { ...environment } } : undefined,
      kmsKeyArn: props.environmentKmsKeyArn,
      deadLetterConfig: this.deadLetterQueue ? { targetArn: this.deadLetterQueue.queueArn } : undefined,
      tracingConfig: { mode: tracing },
      loggingConfig: {
        logFormat: format,
        logGroup: this.logGroup.name,
        applicationLogLevel: format === 'JSON' ? (props.applicationLogLevel ?? 'INFO') : undefined,
        systemLogLevel: format === 'JSON' ? (props.systemLogLevel ?? 'INFO') : undefined,
      },
      vpcConfig,
      publish: props.publish ?? props.alias !== undefined,
      tags: withName(name, tags),
      dependsOn: [this.logGroup, ...(policy instanceof IamRolePolicy ? [policy] : [])],
    });
    this.functionName = this.function.functionName;
    this.functionArn = this.function.arn;

    if (props.alias) {
      this.alias = new LambdaAlias(this, 'alias', {
        name: props.alias.name,
        description: props.alias.description,
        functionName: this.function.functionName,
        functionVersion: this.function.version,
      });
      this.qualifier = props.alias.name;
      this.invokeArn = this.alias.invokeArn;
      if (props.alias.provisionedConcurrentExecutions !== undefined) {
        new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
          functionName: this.function.functionName,
          qualifier: this.alias.name,
          provisionedConcurrentExecutions: props.alias.provisionedConcurrentExecutions,
        });
      }
    } else {
      this.invokeArn = this.function.invokeArn;
    }

    if (props.asyncInvoke) {
      new LambdaFunctionEventInvokeConfig(this, 'async-invoke', {
        functionName: this.function.functionName,
        qualifier: this.qualifier,
        maximumRetryAttempts: props.asyncInvoke.retryAttempts,
        maximumEventAgeInSeconds: props.asyncInvoke.maxEventAgeInSeconds,
      });
    }

    const exempt = props.nonSecretEnvironmentKeys ?? [];
    if (exempt.length > 0) {
      PolicySuppressions.add(this.function, [
        {
          id: 'MLM-LAMBDA-006',
          reason: `environment keys ${exempt.join(', ')} were declared non-secret (nonSecretEnvironmentKeys); values were still checked`,
        },
      ]);
    }
  }

  /** Adds statements to the execution role (so grants accept the function: `table.grantReadData(fn)`). */
  public addStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.role.addStatements(...statements);
  }

  /**
   * Lets a principal invoke the function:
   * - an IAM principal (`IGrantable`): `lambda:InvokeFunction` on the function and its versions;
   * - a service (`{ principal, sourceArn }`): an `aws_lambda_permission` limited to that one source
   *   resource (and account), on the alias when there is one.
   */
  public grantInvoke(from: IGrantable | LambdaInvokeSource): void {
    if ('addStatements' in from) {
      from.addStatements({
        sid: `Invoke${sidFor(this.node.id)}`,
        effect: 'Allow',
        actions: [...LAMBDA_ACTIONS.invoke],
        resources: [this.function.arn, `${this.function.arn}:*`],
      });
      return;
    }
    const v = new Validator(`${this.node.path} (grantInvoke)`);
    validateInvokeSource(v, from);
    v.throwIfInvalid();
    this.permissionCount += 1;
    new LambdaPermission(this, `invoke-${from.id ?? this.permissionCount}`, {
      functionName: this.function.functionName,
      qualifier: this.qualifier,
      action: LAMBDA_ACTIONS.invoke[0],
      principal: from.principal,
      sourceArn: from.sourceArn,
      sourceAccount: from.sourceAccount,
    });
  }
}

const SERVICE_PRINCIPAL_RE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const ID_RE = /^[A-Za-z0-9-]{1,40}$/;

function validateInvokeSource(v: Validator, from: LambdaInvokeSource): void {
  v.check(
    SERVICE_PRINCIPAL_RE.test(from.principal),
    'principal',
    from.principal,
    'is not a service principal',
    'use e.g. "events.amazonaws.com"; for IAM roles pass the role itself (an IGrantable)',
  );
  v.check(
    typeof from.sourceArn === 'string' &&
      (Token.isUnresolved(from.sourceArn) || from.sourceArn.startsWith('arn:')),
    'sourceArn',
    from.sourceArn,
    'is not an ARN: a service permission without a source lets resources of other accounts invoke the function',
    'pass the ARN of the rule, topic, bucket or API that invokes it',
  );
  v.check(
    from.principal !== 's3.amazonaws.com' || from.sourceAccount !== undefined,
    'sourceAccount',
    from.sourceAccount,
    'is required for S3: bucket ARNs carry no account id, so a deleted bucket name re-created elsewhere could invoke the function',
    'pass the account id that owns the bucket',
  );
  v.checkOptional(
    from.sourceAccount,
    (a) => /^\d{12}$/.test(a),
    'sourceAccount',
    'is not a 12-digit account id',
    'pass e.g. "111122223333"',
  );
  v.checkOptional(
    from.id,
    (i) => ID_RE.test(i),
    'id',
    'must be 1-40 letters, digits or "-"',
    'use e.g. "nightly-rule"',
  );
}

function sidFor(id: string): string {
  const sid = id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return sid === '' ? 'Function' : sid;
}
