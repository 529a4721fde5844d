/**
 * JavaScript (or JSON-fed) callers get the project's ValidationError, never a TypeError: every
 * public construct is built from a valid baseline with one field removed, or given a value of the
 * wrong type, and with no props at all (`{}`). A required field that is missing must be reported
 * by name; anything else may be accepted or reported, but never crash the validator.
 */
import { TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../modules/core/validation';
import { ApplicationLoadBalancer, ListenerRule, TargetGroup } from '../../modules/alb';
import { BackupPlan, BackupVault } from '../../modules/backup';
import { FargateJobQueue } from '../../modules/batch-fargate';
import { ModelInvocationLogging } from '../../modules/bedrock';
import { Certificate } from '../../modules/certificate';
import { Trail } from '../../modules/cloudtrail';
import { ComposeHost } from '../../modules/compose-host';
import { AliasRecord } from '../../modules/dns';
import { Table } from '../../modules/dynamodb-table';
import { RegistryScanning, Repository } from '../../modules/ecr';
import {
  Cluster,
  DeploymentFailureAlert,
  FargateService,
  ServiceRestartSchedule,
  FargateTaskDefinition,
  PrivateDnsNamespace,
  ServiceAutoScaling,
} from '../../modules/ecs-fargate';
import { ElastiCacheReplicationGroup } from '../../modules/elasticache-redis';
import { HttpApi } from '../../modules/http-api';
import { Role } from '../../modules/iam';
import { UserPool, UserPoolClient } from '../../modules/cognito';
import { LambdaFunction } from '../../modules/lambda';
import {
  AlarmTopic,
  AlbAlarms,
  BackupAlarms,
  BatchJobAlarms,
  CloudFrontAlarms,
  DynamoDbTableAlarms,
  EcsServiceAlarms,
  ElastiCacheAlarms,
  HttpApiAlarms,
  LambdaAlarms,
  LogGroup,
  MetricThresholdAlarm,
  OpenSearchAlarms,
  RdsInstanceAlarms,
} from '../../modules/monitoring';
import { OpenSearchDomain } from '../../modules/opensearch';
import { PostgresInstance } from '../../modules/rds-postgres';
import { BucketReplication, SecureBucket } from '../../modules/s3';
import { TrainingRole } from '../../modules/sagemaker';
import { EphemeralRandomPassword, Secret, SecretRotationSchedule } from '../../modules/secrets';
import { SecurityGroup } from '../../modules/security-group';
import { AppSecurityGroup } from '../../stacks/mlmon/app-security-group';
import { Queue } from '../../modules/sqs';
import { StringParameter } from '../../modules/ssm';
import { CloudFrontAccessLogs, StaticSite } from '../../modules/static-site';
import { Vpc, VpcFlowLog } from '../../modules/vpc';
import { WebAcl } from '../../modules/waf';

type Props = Record<string, unknown>;
type ConstructClass = new (scope: Construct, id: string, props: never) => Construct;

interface Case {
  readonly construct: ConstructClass;
  /** A valid props object (built in `stack` when it needs other constructs). */
  readonly baseline: (stack: TerraformStack) => Props;
  /** Top-level fields whose absence must be reported. */
  readonly required: readonly string[];
}

const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alarms`;
const VPC_ID = 'vpc-0123456789abcdef0';
const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
const PRIVATE_TIER = {
  vpcId: VPC_ID,
  privateSubnetIds: SUBNETS,
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app/api:1.4.2`;
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/db-AbCdEf`;

function provider(stack: TerraformStack, alias: string, region: string): TerraformProvider {
  return new AwsProvider(stack, alias, { alias, region });
}

const CASES: Record<string, Case> = {
  BackupVault: {
    construct: BackupVault,
    required: ['vaultName'],
    baseline: () => ({ vaultName: 'workloads' }),
  },
  BackupPlan: {
    construct: BackupPlan,
    required: ['planName', 'vault'],
    baseline: () => ({
      planName: 'app-volumes',
      vault: {
        vaultName: 'workloads',
        vaultArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:workloads`,
      },
    }),
  },
  BackupAlarms: {
    construct: BackupAlarms,
    required: ['name', 'vaultName', 'topicArn'],
    baseline: () => ({ name: 'platform', vaultName: 'workloads', topicArn: TOPIC }),
  },
  ServiceRestartSchedule: {
    construct: ServiceRestartSchedule,
    required: ['name', 'region', 'service', 'scheduleExpression'],
    baseline: () => ({
      name: 'app-prod-api-restart',
      region: 'us-east-1',
      service: {
        clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/app-prod`,
        serviceName: 'app-prod-api',
        serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/app-prod/app-prod-api`,
      },
      scheduleExpression: 'cron(15 4 ? * SUN *)',
    }),
  },
  Trail: {
    construct: Trail,
    required: ['trailName', 'accountId', 'region'],
    baseline: () => ({ trailName: 'audit', accountId: ACCOUNT, region: 'us-east-1' }),
  },
  Repository: {
    construct: Repository,
    required: ['repositoryName'],
    baseline: () => ({ repositoryName: 'app/api' }),
  },
  RegistryScanning: { construct: RegistryScanning, required: [], baseline: () => ({ scanType: 'BASIC' }) },
  StringParameter: {
    construct: StringParameter,
    required: ['name', 'value'],
    baseline: () => ({ name: '/app/dev/feature-flag', value: 'on' }),
  },
  TargetGroup: {
    construct: TargetGroup,
    required: ['name'],
    baseline: () => ({ name: 'web-api', vpcId: VPC_ID, port: 8000 }),
  },
  ListenerRule: {
    construct: ListenerRule,
    required: ['listenerArn', 'priority', 'targetGroup'],
    baseline: () => ({
      listenerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/web/0123456789abcdef/fedcba9876543210`,
      priority: 10,
      targetGroup: {
        targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/0123456789abcdef`,
        arnSuffix: 'targetgroup/web/0123456789abcdef',
      },
      pathPatterns: ['/api/*'],
    }),
  },
  ApplicationLoadBalancer: {
    construct: ApplicationLoadBalancer,
    required: ['name', 'region', 'vpcId', 'subnetIds'],
    baseline: () => ({
      name: 'web',
      region: 'us-east-1',
      vpcId: VPC_ID,
      subnetIds: SUBNETS,
      certificateArn: CERT,
    }),
  },
  FargateJobQueue: {
    construct: FargateJobQueue,
    required: ['name', 'vpcId', 'subnetIds', 'job'],
    baseline: () => ({
      name: 'grader',
      vpcId: VPC_ID,
      subnetIds: SUBNETS,
      job: { image: IMAGE },
      failureTopicArn: TOPIC,
    }),
  },
  ModelInvocationLogging: {
    construct: ModelInvocationLogging,
    required: ['accountId', 'region'],
    baseline: () => ({ accountId: ACCOUNT, region: 'us-east-1', cloudWatch: {} }),
  },
  Certificate: {
    construct: Certificate,
    required: ['domainName'],
    baseline: () => ({ domainName: 'app.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' }),
  },
  ComposeHost: {
    construct: ComposeHost,
    required: ['name', 'region', 'subnetIds', 'securityGroupIds', 'instanceType', 'compose'],
    baseline: () => ({
      name: 'shop-dev-db',
      region: 'us-east-1',
      subnetIds: SUBNETS,
      securityGroupIds: ['sg-0123456789abcdef0'],
      instanceType: 't3.medium',
      compose: { services: { cache: { image: 'redis:7.4.0', ports: ['127.0.0.1:6379:6379'] } } },
    }),
  },
  AliasRecord: {
    construct: AliasRecord,
    required: ['zoneId', 'recordName', 'target'],
    baseline: () => ({
      zoneId: 'Z0123456789ABCDEFGHIJ',
      recordName: 'app.example.com',
      target: { dnsName: 'web-123.us-east-1.elb.amazonaws.com', hostedZoneId: 'Z35SXDOTRQ7X7K', ipv6: false },
    }),
  },
  Table: {
    construct: Table,
    required: ['tableName', 'partitionKey'],
    baseline: () => ({ tableName: 'feedback', partitionKey: { name: 'prediction_id', type: 'S' } }),
  },
  Cluster: { construct: Cluster, required: ['name'], baseline: () => ({ name: 'app-prod' }) },
  FargateTaskDefinition: {
    construct: FargateTaskDefinition,
    required: ['family', 'region', 'cpu', 'memoryMiB', 'containers'],
    baseline: () => ({
      family: 'batch-scorer',
      region: 'us-east-1',
      cpu: 1024,
      memoryMiB: 2048,
      containers: [{ name: 'scorer', image: IMAGE }],
    }),
  },
  ServiceAutoScaling: {
    construct: ServiceAutoScaling,
    required: ['clusterName', 'serviceName', 'namePrefix', 'minCapacity', 'maxCapacity'],
    baseline: () => ({ clusterName: 'c', serviceName: 's', namePrefix: 's', minCapacity: 1, maxCapacity: 2 }),
  },
  DeploymentFailureAlert: {
    construct: DeploymentFailureAlert,
    required: ['ruleName', 'serviceArn', 'serviceName', 'topicArn'],
    baseline: () => ({
      ruleName: 'api-deploy-failed',
      serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/c/api`,
      serviceName: 'api',
      topicArn: TOPIC,
    }),
  },
  FargateService: {
    construct: FargateService,
    required: ['name', 'cluster', 'vpcId', 'subnetIds', 'containers'],
    baseline: () => ({
      name: 'app-prod-api',
      region: 'us-east-1',
      cluster: {
        clusterName: 'app-prod',
        clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/app-prod`,
        executeCommand: {
          logGroupName: '/aws/ecs/app-prod/execute-command',
          logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/ecs/app-prod/execute-command`,
        },
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      },
      vpcId: VPC_ID,
      subnetIds: SUBNETS,
      cpu: 512,
      memoryMiB: 1024,
      containers: [{ name: 'api', image: IMAGE, portMappings: [{ containerPort: 8000 }] }],
    }),
  },
  ElastiCacheReplicationGroup: {
    construct: ElastiCacheReplicationGroup,
    required: ['name', 'vpc'],
    baseline: () => ({ name: 'app-cache', vpc: PRIVATE_TIER }),
  },
  HttpApi: { construct: HttpApi, required: ['name'], baseline: () => ({ name: 'app-api' }) },
  LogGroup: {
    construct: LogGroup,
    required: ['name'],
    baseline: () => ({ name: '/app/dev/api', retentionInDays: 30 }),
  },
  MetricThresholdAlarm: {
    construct: MetricThresholdAlarm,
    // treatMissingData is left out of the shape check: once the shape is right, the alarm's own
    // validation reports it missing with why it has no default.
    required: ['alarmName', 'description', 'metric', 'comparison', 'threshold', 'topicArn'],
    baseline: () => ({
      alarmName: 'app-dev-queue-depth',
      description: 'Jobs are waiting longer than usual',
      metric: {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        periodInSeconds: 300,
      },
      comparison: 'above',
      threshold: 100,
      treatMissingData: 'notBreaching',
      topicArn: TOPIC,
    }),
  },
  PrivateDnsNamespace: {
    construct: PrivateDnsNamespace,
    required: ['name', 'vpcId'],
    baseline: () => ({ name: 'app.internal', vpcId: VPC_ID }),
  },
  UserPool: {
    construct: UserPool,
    required: ['userPoolName'],
    baseline: () => ({ userPoolName: 'app-dev-users' }),
  },
  UserPoolClient: {
    construct: UserPoolClient,
    required: ['userPoolId', 'clientName'],
    baseline: () => ({ userPoolId: 'us-east-1_AbCdEfGhI', clientName: 'web' }),
  },
  Role: {
    construct: Role,
    required: ['name', 'assumedBy'],
    baseline: () => ({ name: 'svc-task', assumedBy: ['ecs-tasks.amazonaws.com'] }),
  },
  LambdaFunction: {
    construct: LambdaFunction,
    required: ['functionName', 'code'],
    baseline: () => ({
      functionName: 'inference',
      code: { s3: { bucketName: 'artifacts', key: 'inference.zip' } },
      runtime: 'python3.12',
      handler: 'app.handler',
    }),
  },
  AlarmTopic: {
    construct: AlarmTopic,
    required: ['topicName', 'emails'],
    baseline: () => ({ topicName: 'alarms', emails: ['oncall@example.com'] }),
  },
  AlbAlarms: {
    construct: AlbAlarms,
    required: ['name', 'loadBalancer', 'topicArn'],
    baseline: () => ({
      name: 'web-alb',
      loadBalancer: { arnSuffix: 'app/web/0123456789abcdef' },
      topicArn: TOPIC,
      targetGroups: { api: { arnSuffix: 'targetgroup/web-api/0123456789abcdef' } },
    }),
  },
  HttpApiAlarms: {
    construct: HttpApiAlarms,
    required: ['name', 'api', 'topicArn'],
    baseline: () => ({ name: 'app-api', api: { apiId: 'a1b2c3d4e5' }, topicArn: TOPIC }),
  },
  BatchJobAlarms: {
    construct: BatchJobAlarms,
    required: ['name', 'failureRuleName', 'topicArn'],
    baseline: () => ({ name: 'grader', failureRuleName: 'grader-job-failed', topicArn: TOPIC }),
  },
  CloudFrontAlarms: {
    construct: CloudFrontAlarms,
    required: ['name', 'distributionId', 'topicArn'],
    baseline: () => ({ name: 'shop', distributionId: 'E2QWRUHAPOMQZL', topicArn: TOPIC }),
  },
  DynamoDbTableAlarms: {
    construct: DynamoDbTableAlarms,
    required: ['table', 'topicArn'],
    baseline: () => ({ table: { tableName: 'feedback' }, topicArn: TOPIC }),
  },
  EcsServiceAlarms: {
    construct: EcsServiceAlarms,
    required: ['service', 'topicArn'],
    baseline: () => ({ service: { clusterName: 'app-prod', serviceName: 'app-prod-api' }, topicArn: TOPIC }),
  },
  ElastiCacheAlarms: {
    construct: ElastiCacheAlarms,
    required: ['cache', 'topicArn'],
    baseline: () => ({
      cache: { replicationGroupId: 'app-cache', memberClusterIds: ['app-cache-001'] },
      topicArn: TOPIC,
    }),
  },
  LambdaAlarms: {
    construct: LambdaAlarms,
    required: ['function', 'topicArn'],
    baseline: () => ({
      function: {
        functionName: 'inference',
        timeoutInSeconds: 30,
        deadLetterQueue: { queueName: 'inference-dlq' },
      },
      topicArn: TOPIC,
    }),
  },
  OpenSearchAlarms: {
    construct: OpenSearchAlarms,
    required: ['domain', 'topicArn'],
    baseline: () => ({
      domain: {
        domainName: 'search',
        domainArn: `arn:aws:es:us-east-1:${ACCOUNT}:domain/search`,
        instanceCount: 1,
        volumeSizeInGiB: 10,
        dedicatedMasterCount: 0,
      },
      topicArn: TOPIC,
    }),
  },
  RdsInstanceAlarms: {
    construct: RdsInstanceAlarms,
    required: ['instance', 'topicArn'],
    baseline: () => ({
      instance: { instanceId: 'app-dev', instanceClass: 'db.t4g.micro', allocatedStorageInGiB: 20 },
      topicArn: TOPIC,
    }),
  },
  OpenSearchDomain: {
    construct: OpenSearchDomain,
    required: ['domainName', 'vpc', 'masterUserArn'],
    baseline: () => ({
      domainName: 'search',
      vpc: {
        vpcId: VPC_ID,
        privateSubnetIds: [...SUBNETS, 'subnet-0123456789abcdef2'],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
      masterUserArn: `arn:aws:iam::${ACCOUNT}:role/search-admin`,
    }),
  },
  PostgresInstance: {
    construct: PostgresInstance,
    required: ['identifier', 'vpcId', 'subnetIds', 'availabilityZones'],
    baseline: () => ({
      identifier: 'app-dev',
      vpcId: VPC_ID,
      subnetIds: SUBNETS,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
    }),
  },
  SecureBucket: {
    construct: SecureBucket,
    required: ['bucketName'],
    baseline: () => ({ bucketName: 'example-bucket' }),
  },
  BucketReplication: {
    construct: BucketReplication,
    required: [
      'source',
      'destinationBucketName',
      'provider',
      'prefixes',
      'storageClass',
      'replicationTimeControl',
      'roleNamePrefix',
    ],
    baseline: (stack) => ({
      source: new SecureBucket(stack, 'source', { bucketName: 'example-source' }),
      destinationBucketName: 'example-source-replica',
      provider: provider(stack, 'replica', 'us-west-2'),
      prefixes: ['models/'],
      storageClass: 'STANDARD',
      replicationTimeControl: false,
      roleNamePrefix: 'example',
    }),
  },
  TrainingRole: {
    construct: TrainingRole,
    required: ['roleName', 'modelBucket'],
    baseline: (stack) => ({
      roleName: 'app-training',
      modelBucket: new SecureBucket(stack, 'models', { bucketName: 'app-models' }),
    }),
  },
  Secret: {
    construct: Secret,
    required: ['secretName'],
    baseline: () => ({ secretName: 'app/dev/api-token' }),
  },
  SecretRotationSchedule: {
    construct: SecretRotationSchedule,
    required: ['secretArn', 'schedule'],
    baseline: () => ({ secretArn: SECRET, schedule: { automaticallyAfterDays: 14 } }),
  },
  EphemeralRandomPassword: {
    construct: EphemeralRandomPassword,
    required: [],
    baseline: () => ({ passwordLength: 32 }),
  },
  SecurityGroup: {
    construct: SecurityGroup,
    required: ['name', 'vpcId'],
    baseline: () => ({
      name: 'svc',
      vpcId: VPC_ID,
      ingress: [{ port: 443, description: 'HTTPS', source: { cidrs: ['10.0.0.0/16'] } }],
      egress: [{ port: 443, description: 'HTTPS out', destination: { cidrs: ['0.0.0.0/0'] } }],
    }),
  },
  AppSecurityGroup: {
    construct: AppSecurityGroup,
    required: ['name', 'vpcId'],
    baseline: () => ({ name: 'app', vpcId: VPC_ID, adminCidrs: ['203.0.113.0/24'] }),
  },
  Queue: { construct: Queue, required: ['queueName'], baseline: () => ({ queueName: 'jobs' }) },
  StaticSite: {
    construct: StaticSite,
    required: ['name', 'bucketName'],
    baseline: () => ({ name: 'shop', bucketName: 'shop-web-test' }),
  },
  CloudFrontAccessLogs: {
    construct: CloudFrontAccessLogs,
    required: ['name', 'distributionArn', 'destination'],
    baseline: () => ({
      name: 'shop',
      distributionArn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`,
      destination: { type: 'cloudWatchLogs' },
    }),
  },
  Vpc: {
    construct: Vpc,
    required: ['name', 'cidrBlock', 'availabilityZones'],
    baseline: () => ({
      name: 'app-dev',
      cidrBlock: '10.0.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
    }),
  },
  VpcFlowLog: {
    construct: VpcFlowLog,
    required: ['name', 'vpcId', 'region', 'partition', 'config'],
    baseline: () => ({
      name: 'app-dev',
      vpcId: VPC_ID,
      region: 'us-east-1',
      partition: 'aws',
      config: { destination: 'cloudWatch', retentionInDays: 30 },
    }),
  },
  WebAcl: {
    construct: WebAcl,
    required: ['name', 'scope'],
    baseline: () => ({ name: 'api', scope: 'REGIONAL' }),
  },
};

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** What building (and synthesizing) the construct with props derived from its baseline does. */
function attempt(c: Case, derive: (baseline: Props) => Props): Error | undefined {
  const stack = newStack();
  const props = derive(c.baseline(stack));
  try {
    new c.construct(stack, 'x', props as never);
    Testing.synth(stack);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

function isPlainObject(v: unknown): v is Props {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
  );
}

/** Every field path of a baseline, nested plain objects included (`cache.memberClusterIds`). */
function paths(value: Props, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    isPlainObject(v) ? [`${prefix}${k}`, ...paths(v, `${prefix}${k}.`)] : [`${prefix}${k}`],
  );
}

/** A copy of `value` with the field at `path` replaced (or removed when `replacement` is REMOVE). */
const REMOVE = Symbol('remove');
function withField(value: Props, path: string, replacement: unknown): Props {
  const [head, ...rest] = path.split('.');
  const copy: Props = { ...value };
  if (rest.length > 0) copy[head] = withField(copy[head] as Props, rest.join('.'), replacement);
  else if (replacement === REMOVE) delete copy[head];
  else copy[head] = replacement;
  return copy;
}

/** A value of another type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number' || typeof v === 'boolean') return 'x';
  if (Array.isArray(v)) return 'x';
  return 'x';
}

function describeError(e: Error | undefined): string {
  return e === undefined ? 'accepted' : `${e.name}: ${e.message.split('\n')[0]}`;
}

const names = Object.keys(CASES).sort();

describe('the table of constructs', () => {
  it('has a case for every construct the modules export', () => {
    const root = join(__dirname, '..', '..', 'modules');
    const exported: string[] = [];
    for (const mod of readdirSync(root)) {
      const index = join(root, mod, 'index.ts');
      if (!existsSync(index)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      for (const [name, value] of Object.entries(require(index) as Record<string, unknown>)) {
        if (typeof value === 'function' && value.prototype instanceof Construct) exported.push(name);
      }
    }
    expect([...new Set(exported)].filter((n) => !(n in CASES)).sort()).toEqual([]);
  });
});

describe.each(names)('%s from an untyped caller', (name) => {
  const c = CASES[name];

  it('builds from the baseline', () => {
    expect(describeError(attempt(c, (b) => b))).toBe('accepted');
  });

  it('reports every missing required field of {} by name', () => {
    const error = attempt(c, () => ({}));
    if (c.required.length === 0) {
      expect(error === undefined || error instanceof ValidationError).toBe(true);
      return;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).problems.map((p) => p.field);
    for (const field of c.required) {
      expect(fields.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))).toBe(
        true,
      );
    }
  });

  const fieldPaths = paths(c.baseline(newStack()));
  it.each(fieldPaths)('without %s: a ValidationError or nothing, never a crash', (path) => {
    const error = attempt(c, (b) => withField(b, path, REMOVE));
    if (c.required.includes(path)) expect(describeError(error)).toMatch(/^ValidationError/);
    else expect(describeError(error)).toMatch(/^(ValidationError|accepted)/);
  });

  it.each(fieldPaths)('with %s of the wrong type: a ValidationError or nothing, never a crash', (path) => {
    const error = attempt(c, (b) => {
      const parts = path.split('.');
      let current: unknown = b;
      for (const p of parts) current = (current as Props)[p];
      return withField(b, path, wrongType(current));
    });
    expect(describeError(error)).toMatch(/^(ValidationError|accepted)/);
  });
});
