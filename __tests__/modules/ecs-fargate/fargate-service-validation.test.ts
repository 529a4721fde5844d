import { Token } from 'cdktf';
import { ContainerOptions, FargateService, FargateServiceProps } from '../../../modules/ecs-fargate';
import {
  ALB_ARN,
  CLUSTER,
  ExpectedProblem,
  IMAGE,
  PARAMETER_ARN,
  SECRET_ARN,
  TARGET_GROUP_ARN,
  expectProblem,
  newStack,
  problemsOf,
  serviceProps,
} from './helpers';

function build(overrides: Partial<FargateServiceProps>): FargateService {
  return new FargateService(newStack(), 'api', serviceProps(overrides));
}

/** Props with one container changed from the base `api` container. */
function container(overrides: Partial<ContainerOptions>): Partial<FargateServiceProps> {
  return {
    containers: [{ name: 'api', image: IMAGE, portMappings: [{ containerPort: 8000 }], ...overrides }],
  };
}

const TOKEN_REPO = Token.asString({ ref: 'aws_ecr_repository.api.repository_url' });
const WRITABLE = container({ readonlyRootFilesystem: false });

type Case = [string, Partial<FargateServiceProps>, ExpectedProblem];

const SERVICE_CASES: Case[] = [
  [
    'name with a space',
    { name: 'modelreg prod' },
    { field: 'name', value: 'modelreg prod', problem: /1-255 letters/, fix: /modelreg-prod-api/ },
  ],
  [
    'no subnet',
    { subnetIds: [] },
    { field: 'subnetIds', problem: /at least one subnet/, fix: /private subnet ids/ },
  ],
  [
    'a subnet that is not an id',
    { subnetIds: ['private-a'] },
    { field: 'subnetIds', value: ['private-a'], problem: /not subnet ids/, fix: /subnet-0123456789abcdef0/ },
  ],
  ['no VPC', { vpcId: '' }, { field: 'vpcId', problem: /is required/, fix: /vpcId/ }],
  [
    'unknown image owner',
    { imageTagOwner: 'ci' as 'pipeline' },
    { field: 'imageTagOwner', value: 'ci', problem: /"terraform" or "pipeline"/, fix: /update-service/ },
  ],
  [
    'negative desired count',
    { desiredCount: -1 },
    { field: 'desiredCount', value: -1, problem: /0 to 5000/, fix: /desiredCount/ },
  ],
  [
    'scaling max below min',
    { autoScaling: { minCapacity: 3, maxCapacity: 2 } },
    {
      field: 'autoScaling.maxCapacity',
      value: 2,
      problem: /below minCapacity \(3\)/,
      fix: /at or above minCapacity/,
    },
  ],
  [
    'desired count above the scaling max',
    { desiredCount: 5, autoScaling: { minCapacity: 1, maxCapacity: 4 } },
    { field: 'desiredCount', value: 5, problem: /outside autoScaling \(1 to 4\)/, fix: /between 1 and 4/ },
  ],
  [
    'scaling without a policy',
    { autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: false, memoryTargetPercent: false } },
    { field: 'autoScaling', problem: /no scaling policy/, fix: /keep a CPU or memory target/ },
  ],
  [
    'CPU target above 95 %',
    { autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 99 } },
    { field: 'autoScaling.cpuTargetPercent', value: 99, problem: /10 to 95/, fix: /70/ },
  ],
  [
    'request scaling on a bad target group',
    {
      autoScaling: {
        minCapacity: 1,
        maxCapacity: 2,
        requestCount: { targetGroupArn: 'tg', loadBalancerArn: ALB_ARN, requestsPerTask: 100 },
      },
    },
    {
      field: 'autoScaling.requestCount.targetGroupArn',
      value: 'tg',
      problem: /not a target group ARN/,
      fix: /targetgroup/,
    },
  ],
  [
    'request scaling on a bad load balancer',
    {
      autoScaling: {
        minCapacity: 1,
        maxCapacity: 2,
        requestCount: { targetGroupArn: TARGET_GROUP_ARN, loadBalancerArn: 'alb', requestsPerTask: 100 },
      },
    },
    {
      field: 'autoScaling.requestCount.loadBalancerArn',
      problem: /not an application load balancer ARN/,
      fix: /loadbalancer\/app/,
    },
  ],
  [
    'scale-in cooldown above an hour',
    { autoScaling: { minCapacity: 1, maxCapacity: 2, scaleInCooldownSeconds: 3601 } },
    {
      field: 'autoScaling.scaleInCooldownSeconds',
      value: 3601,
      problem: /0 to 3600/,
      fix: /scaleInCooldownSeconds/,
    },
  ],
  [
    'unknown circuit breaker mode',
    { circuitBreaker: 'on' as 'rollback' },
    { field: 'circuitBreaker', value: 'on', problem: /"rollback", "stop" or "disabled"/, fix: /rollback/ },
  ],
  [
    'minimum healthy above 100 %',
    { minHealthyPercent: 101 },
    { field: 'minHealthyPercent', value: 101, problem: /0 to 100/, fix: /minHealthyPercent/ },
  ],
  [
    'maximum below 100 %',
    { maxPercent: 90 },
    { field: 'maxPercent', value: 90, problem: /100 to 1000/, fix: /maxPercent/ },
  ],
  [
    'maximum equal to minimum healthy',
    { minHealthyPercent: 100, maxPercent: 100 },
    {
      field: 'maxPercent',
      value: 100,
      problem: /not above minHealthyPercent \(100\)/,
      fix: /raise maxPercent above 100/,
    },
  ],
  [
    'negative grace period',
    { healthCheckGracePeriodSeconds: -1 },
    {
      field: 'healthCheckGracePeriodSeconds',
      value: -1,
      problem: /0 to 2147483647/,
      fix: /healthCheckGracePeriodSeconds/,
    },
  ],
  [
    'two-part platform version',
    { platformVersion: '1.4' },
    { field: 'platformVersion', value: '1.4', problem: /not a Fargate platform version/, fix: /LATEST/ },
  ],
  [
    'empty strategy',
    { capacityProviderStrategy: [] },
    {
      field: 'capacityProviderStrategy',
      value: [],
      problem: /at least one capacity provider/,
      fix: /FARGATE/,
    },
  ],
  [
    'strategy naming a provider twice',
    { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE' }] },
    { field: 'capacityProviderStrategy', value: ['FARGATE'], problem: /more than once/, fix: /once/ },
  ],
  [
    'strategy with all weights 0',
    { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0, base: 1 }] },
    {
      field: 'capacityProviderStrategy',
      problem: /no capacity provider with a weight above 0/,
      fix: /weight of 1 or more/,
    },
  ],
  [
    'strategy weight above 1000',
    { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }] },
    { field: 'capacityProviderStrategy[0].weight', value: 1001, problem: /0 to 1000/, fix: /weight/ },
  ],
  [
    'unknown capacity provider',
    { capacityProviderStrategy: [{ capacityProvider: 'EC2' as 'FARGATE' }] },
    {
      field: 'capacityProviderStrategy[0].capacityProvider',
      value: 'EC2',
      problem: /"FARGATE" or "FARGATE_SPOT"/,
      fix: /70% cheaper/,
    },
  ],
  [
    'provider the cluster lacks',
    {
      cluster: { ...CLUSTER, capacityProviders: ['FARGATE'] },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
    },
    {
      field: 'capacityProviderStrategy',
      value: ['FARGATE_SPOT'],
      problem: /does not have \(it has FARGATE\)/,
      fix: /register them/,
    },
  ],
  [
    'ARM64 on Spot',
    { cpuArchitecture: 'ARM64', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
    { field: 'capacityProviderStrategy', problem: /does not run ARM64 tasks/, fix: /X86_64/ },
  ],
  [
    'target group that is not an ARN',
    { loadBalancers: [{ targetGroupArn: 'api-tg' }] },
    {
      field: 'loadBalancers[0].targetGroupArn',
      value: 'api-tg',
      problem: /not a target group ARN/,
      fix: /targetgroup\/<name>\/<id>/,
    },
  ],
  [
    'load balancer on an unknown container',
    { loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN, containerName: 'web' }] },
    {
      field: 'loadBalancers[0].containerName',
      value: 'web',
      problem: /not a container of this service/,
      fix: /\(api\)/,
    },
  ],
  [
    'load balancer on an unmapped port',
    { loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN, containerPort: 9000 }] },
    {
      field: 'loadBalancers[0].containerPort',
      value: 9000,
      problem: /not a port container "api" maps \(8000\)/,
      fix: /portMappings of "api"/,
    },
  ],
  [
    'load balancer without any port',
    { ...container({ portMappings: [] }), loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }] },
    {
      field: 'loadBalancers[0].containerName',
      problem: /no essential container maps a port/,
      fix: /maps a port/,
    },
  ],
  [
    'the same target group twice',
    { loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }, { targetGroupArn: TARGET_GROUP_ARN }] },
    { field: 'loadBalancers', value: [TARGET_GROUP_ARN], problem: /target group twice/, fix: /once/ },
  ],
  [
    'allowed sources without a port',
    { ...container({ portMappings: [] }), allowedSources: { securityGroupIds: ['sg-0123456789abcdef0'] } },
    { field: 'allowedSources', problem: /no port to open/, fix: /addIngress/ },
  ],
  [
    'ECS Exec with every root read-only',
    { enableExecuteCommand: true },
    {
      field: 'enableExecuteCommand',
      value: true,
      problem: /read-only root filesystem; the SSM agent/,
      fix: /readonlyRootFilesystem: false on the container you exec into/,
    },
  ],
  [
    'ECS Exec on a cluster without exec logging',
    {
      ...WRITABLE,
      enableExecuteCommand: true,
      cluster: { clusterName: 'c', clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/c' },
    },
    { field: 'enableExecuteCommand', problem: /no ECS Exec logging configured/, fix: /Cluster construct/ },
  ],
  [
    'alert topic that is not an ARN',
    { deploymentAlerts: { topicArn: 'alarms' } },
    {
      field: 'deploymentAlerts.topicArn',
      value: 'alarms',
      problem: /not an SNS topic ARN/,
      fix: /AlarmTopic.topicArn/,
    },
  ],
  [
    'name too long for the alert rule',
    {
      name: 'a'.repeat(51),
      executionRoleName: 'x-exec',
      taskRoleName: 'x-task',
      deploymentAlerts: { topicArn: 'arn:aws:sns:us-east-1:111122223333:t' },
    },
    { field: 'name', problem: /alert rule name/, fix: /at most 50 characters/ },
  ],
];

const TASK_CASES: Case[] = [
  [
    'region that is not one',
    { region: 'us-east' },
    { field: 'region', value: 'us-east', problem: /not an AWS region/, fix: /us-east-1/ },
  ],
  [
    'CPU size Fargate lacks',
    { cpu: 384 as 256 },
    { field: 'cpu', value: 384, problem: /not a Fargate task CPU size \(256, 512/, fix: /512 \(0.5 vCPU\)/ },
  ],
  [
    'memory the CPU size does not take',
    { cpu: 512, memoryMiB: 3000 },
    {
      field: 'memoryMiB',
      value: 3000,
      problem: /with 512 CPU units \(1024 to 4096 MiB in steps of 1024\)/,
      fix: /pick a memory size/,
    },
  ],
  [
    'memory another CPU size takes',
    { cpu: 512, memoryMiB: 512 },
    { field: 'memoryMiB', value: 512, problem: /with 512 CPU units/, fix: /use cpu 256 for 512 MiB/ },
  ],
  [
    'unknown architecture',
    { cpuArchitecture: 'arm' as 'ARM64' },
    { field: 'cpuArchitecture', value: 'arm', problem: /"X86_64" or "ARM64"/, fix: /X86_64/ },
  ],
  [
    'ephemeral storage of 20 GiB',
    { ephemeralStorageGiB: 20 },
    { field: 'ephemeralStorageGiB', value: 20, problem: /21 to 200/, fix: /included 20 GiB/ },
  ],
  [
    'log retention CloudWatch does not accept',
    { logRetentionInDays: 45 },
    { field: 'logRetentionInDays', value: 45, problem: /not a retention/, fix: /use 60/ },
  ],
  [
    'log key that is an alias',
    { logKmsKeyArn: 'alias/logs' },
    { field: 'logKmsKeyArn', value: 'alias/logs', problem: /not a KMS key ARN/, fix: /key-id/ },
  ],
  [
    'log group name with a space',
    { logGroupName: '/ecs/model reg' },
    { field: 'logGroupName', problem: /not a log group name/, fix: /\/ecs\/modelreg-prod-api/ },
  ],
  [
    'stream prefix with a colon',
    { logStreamPrefix: 'a:b' },
    { field: 'logStreamPrefix', value: 'a:b', problem: /without ":" or "\*"/, fix: /modelreg-prod-api/ },
  ],
  [
    'unknown log mode',
    { logMode: 'async' as 'blocking' },
    { field: 'logMode', value: 'async', problem: /"blocking" or "non-blocking"/, fix: /non-blocking/ },
  ],
  [
    'buffer size with a unit word',
    { logMaxBufferSize: '25MB' },
    { field: 'logMaxBufferSize', value: '25MB', problem: /not a size/, fix: /25m/ },
  ],
  [
    'ECR entry that is not a repository ARN',
    { ecrRepositoryArns: ['api'] },
    {
      field: 'ecrRepositoryArns',
      value: ['api'],
      problem: /not ECR repository ARNs/,
      fix: /repository\/<name>/,
    },
  ],
  [
    'name too long for the derived role names',
    { name: 'a'.repeat(60) },
    {
      field: 'executionRoleName',
      value: `${'a'.repeat(60)}-execution`,
      problem: /derived from the name/,
      fix: /set executionRoleName explicitly/,
    },
  ],
  [
    'explicit role name with a space',
    { taskRoleName: 'api task' },
    { field: 'taskRoleName', value: 'api task', problem: /not a valid IAM role name/, fix: /api-task/ },
  ],
  [
    'account id of 3 digits',
    { accountId: '123' },
    { field: 'accountId', value: '123', problem: /12-digit/, fix: /111122223333/ },
  ],
];

const SECRET_VALUE = ['postgres://app:', 'hunter2', '@db:5432/registry'].join('');

const CONTAINER_CASES: Case[] = [
  [
    'no container',
    { containers: [] },
    { field: 'containers', value: [], problem: /at least one container/, fix: /portMappings/ },
  ],
  [
    'no essential container',
    container({ essential: false }),
    { field: 'containers', value: ['api'], problem: /no essential container/, fix: /leave essential unset/ },
  ],
  [
    'two containers with one name',
    {
      containers: [
        { name: 'api', image: IMAGE },
        { name: 'api', image: IMAGE },
      ],
    },
    { field: 'containers', value: ['api'], problem: /repeat container names/, fix: /own name/ },
  ],
  [
    'container name with a dot',
    container({ name: 'api.v2' }),
    { field: 'containers[0].name', value: 'api.v2', problem: /letters, digits, "-" and "_"/, fix: /"api"/ },
  ],
  [
    'image without tag',
    container({ image: 'nginx' }),
    {
      field: 'containers[0].image',
      value: 'nginx',
      problem: /no tag or digest, which means "latest"/,
      fix: /pin a version tag/,
    },
  ],
  [
    'image tagged latest',
    container({ image: 'nginx:latest' }),
    { field: 'containers[0].image', value: 'nginx:latest', problem: /uses the tag "latest"/, fix: /@sha256/ },
  ],
  [
    'token image tagged latest',
    container({ image: `${TOKEN_REPO}:latest` }),
    { field: 'containers[0].image', problem: /uses the tag "latest"/, fix: /pin a version tag/ },
  ],
  [
    'image with a space',
    container({ image: 'my image:1' }),
    { field: 'containers[0].image', value: 'my image:1', problem: /not an image reference/, fix: /dkr\.ecr/ },
  ],
  [
    'missing image',
    container({ image: '' }),
    { field: 'containers[0].image', value: '', problem: /is required/, fix: /<registry>/ },
  ],
  [
    'container CPU above the task',
    container({ cpu: 1024 }),
    { field: 'containers[0].cpu', value: 1024, problem: /0 to 512/, fix: /cpu/ },
  ],
  [
    'containers CPU adding up above the task',
    {
      containers: [
        { name: 'a', image: IMAGE, cpu: 384 },
        { name: 'b', image: IMAGE, cpu: 256 },
      ],
    },
    {
      field: 'containers[].cpu',
      value: 640,
      problem: /more than the task's 512 CPU units/,
      fix: /512 in total/,
    },
  ],
  [
    'memory limits adding up above the task',
    {
      containers: [
        { name: 'a', image: IMAGE, memoryLimitMiB: 768 },
        { name: 'b', image: IMAGE, memoryLimitMiB: 512 },
      ],
    },
    {
      field: 'containers[].memoryLimitMiB',
      value: 1280,
      problem: /more than the task's 1024 MiB/,
      fix: /1024 MiB in total/,
    },
  ],
  [
    'reservation above the limit',
    container({ memoryLimitMiB: 256, memoryReservationMiB: 512 }),
    {
      field: 'containers[0].memoryReservationMiB',
      value: 512,
      problem: /above memoryLimitMiB \(256\)/,
      fix: /at or below the limit/,
    },
  ],
  [
    'port 0',
    container({ portMappings: [{ containerPort: 0 }] }),
    { field: 'containers[0].portMappings[0].containerPort', value: 0, problem: /1 to 65535/, fix: /8000/ },
  ],
  [
    'SCTP port',
    container({ portMappings: [{ containerPort: 8000, protocol: 'sctp' as 'tcp' }] }),
    { field: 'containers[0].portMappings[0].protocol', value: 'sctp', problem: /"tcp" or "udp"/, fix: /tcp/ },
  ],
  [
    'one port in two containers',
    {
      containers: [
        { name: 'a', image: IMAGE, portMappings: [{ containerPort: 8000 }] },
        { name: 'b', image: IMAGE, portMappings: [{ containerPort: 8000 }] },
      ],
    },
    {
      field: 'containers[].portMappings',
      value: ['8000/tcp'],
      problem: /shares one network namespace/,
      fix: /own port/,
    },
  ],
  [
    'empty command',
    container({ command: [] }),
    {
      field: 'containers[0].command',
      value: [],
      problem: /non-empty list of strings/,
      fix: /image's default/,
    },
  ],
  [
    'relative working directory',
    container({ workingDirectory: 'app' }),
    { field: 'containers[0].workingDirectory', value: 'app', problem: /absolute path/, fix: /\/app/ },
  ],
  [
    'secret-like environment name',
    container({ environment: { DB_PASSWORD: 'hunter2' } }),
    {
      field: 'containers[0].environment.DB_PASSWORD',
      value: '(value hidden)',
      problem:
        /looks like a secret \(its name contains "PASSWORD"\); environment values are stored in clear text/,
      fix: /secrets: \{ DB_PASSWORD: \{ secretsManagerArn.*list "DB_PASSWORD" in notSecrets/,
    },
  ],
  [
    'credentials in an environment value, even when listed in notSecrets',
    container({ environment: { DATABASE_URL: SECRET_VALUE }, notSecrets: ['DATABASE_URL'] }),
    {
      field: 'containers[0].environment.DATABASE_URL',
      value: '(value hidden)',
      problem: /holds what looks like credentials in a URL/,
      fix: /^move it to secrets: \{ DATABASE_URL: \{ secretsManagerArn: "<secret ARN>" \} \} \(or ssmParameterArn\)$/,
    },
  ],
  [
    'environment name starting with a digit',
    container({ environment: { '1ST': 'x' } }),
    {
      field: 'containers[0].environment.1ST',
      value: '1ST',
      problem: /not an environment variable name/,
      fix: /not starting with a digit/,
    },
  ],
  [
    'notSecrets naming no variable',
    container({ environment: { A: '1' }, notSecrets: ['TOKEN_AUDIENCE'] }),
    {
      field: 'containers[0].notSecrets',
      value: ['TOKEN_AUDIENCE'],
      problem: /not in environment/,
      fix: /remove them/,
    },
  ],
  [
    'secret also in the environment',
    container({ environment: { DB_HOST: 'db' }, secrets: { DB_HOST: { secretsManagerArn: SECRET_ARN } } }),
    {
      field: 'containers[0].secrets.DB_HOST',
      value: 'DB_HOST',
      problem: /also set in environment/,
      fix: /remove "DB_HOST" from environment/,
    },
  ],
  [
    'partial secret ARN',
    container({
      secrets: { DB: { secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' } },
    }),
    {
      field: 'containers[0].secrets.DB.secretsManagerArn',
      problem: /not the full ARN of a Secrets Manager secret/,
      fix: /aws_secretsmanager_secret/,
    },
  ],
  [
    'parameter name instead of ARN',
    container({ secrets: { JWT: { ssmParameterArn: '/modelreg/jwt' } } }),
    {
      field: 'containers[0].secrets.JWT.ssmParameterArn',
      value: '/modelreg/jwt',
      problem: /not an SSM parameter ARN/,
      fix: /parameter\/<name>/,
    },
  ],
  [
    'secret naming both sources',
    container({ secrets: { X: { secretsManagerArn: SECRET_ARN, ssmParameterArn: PARAMETER_ARN } as never } }),
    {
      field: 'containers[0].secrets.X',
      problem: /exactly one of secretsManagerArn and ssmParameterArn/,
      fix: /ssmParameterArn/,
    },
  ],
  [
    'version stage and id together',
    container({
      secrets: { X: { secretsManagerArn: SECRET_ARN, versionStage: 'AWSCURRENT', versionId: 'v1' } },
    }),
    {
      field: 'containers[0].secrets.X.versionStage',
      value: 'AWSCURRENT',
      problem: /together with versionId/,
      fix: /one of versionStage and versionId/,
    },
  ],
  [
    'JSON key with a colon',
    container({ secrets: { X: { secretsManagerArn: SECRET_ARN, jsonKey: 'a:b' } } }),
    { field: 'containers[0].secrets.X.jsonKey', value: 'a:b', problem: /without ":"/, fix: /password/ },
  ],
  [
    'secret key that is an alias',
    container({ secrets: { X: { ssmParameterArn: PARAMETER_ARN, kmsKeyArn: 'alias/ssm' } } }),
    {
      field: 'containers[0].secrets.X.kmsKeyArn',
      value: 'alias/ssm',
      problem: /not a KMS key ARN/,
      fix: /aliases/,
    },
  ],
  [
    'health check without CMD',
    container({ healthCheck: { command: ['curl', '-f', 'localhost'] } }),
    {
      field: 'containers[0].healthCheck.command',
      problem: /start with "CMD" or "CMD-SHELL"/,
      fix: /CMD-SHELL/,
    },
  ],
  [
    'health-check interval of 4 s',
    container({ healthCheck: { command: ['CMD', '/ok'], intervalSeconds: 4 } }),
    {
      field: 'containers[0].healthCheck.intervalSeconds',
      value: 4,
      problem: /5 to 300/,
      fix: /intervalSeconds/,
    },
  ],
  [
    'health-check timeout of 1 s',
    container({ healthCheck: { command: ['CMD', '/ok'], timeoutSeconds: 1 } }),
    {
      field: 'containers[0].healthCheck.timeoutSeconds',
      value: 1,
      problem: /2 to 120/,
      fix: /timeoutSeconds/,
    },
  ],
  [
    '11 health-check retries',
    container({ healthCheck: { command: ['CMD', '/ok'], retries: 11 } }),
    { field: 'containers[0].healthCheck.retries', value: 11, problem: /1 to 10/, fix: /retries/ },
  ],
  [
    'start period above 300 s',
    container({ healthCheck: { command: ['CMD', '/ok'], startPeriodSeconds: 301 } }),
    {
      field: 'containers[0].healthCheck.startPeriodSeconds',
      value: 301,
      problem: /0 to 300/,
      fix: /startPeriodSeconds/,
    },
  ],
  [
    'dependency on an unknown container',
    container({ dependsOn: [{ containerName: 'db' }] }),
    {
      field: 'containers[0].dependsOn[0].containerName',
      value: 'db',
      problem: /not a container of this task/,
      fix: /name another container/,
    },
  ],
  [
    'dependency on itself',
    container({ dependsOn: [{ containerName: 'api', condition: 'START' }] }),
    {
      field: 'containers[0].dependsOn[0].containerName',
      value: 'api',
      problem: /names the container itself/,
      fix: /another container/,
    },
  ],
  [
    'HEALTHY dependency without a health check',
    {
      containers: [
        { name: 'api', image: IMAGE, dependsOn: [{ containerName: 'proxy' }] },
        { name: 'proxy', image: IMAGE },
      ],
    },
    {
      field: 'containers[0].dependsOn[0].condition',
      value: 'HEALTHY',
      problem: /"proxy" has no healthCheck|that container has no healthCheck/,
      fix: /give "proxy" a healthCheck, or use condition "START"/,
    },
  ],
  [
    'SUCCESS dependency on an essential container',
    {
      containers: [
        { name: 'api', image: IMAGE, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] },
        { name: 'migrate', image: IMAGE },
      ],
    },
    {
      field: 'containers[0].dependsOn[0].condition',
      value: 'SUCCESS',
      problem: /it is essential/,
      fix: /essential: false on "migrate"/,
    },
  ],
  [
    'root user',
    container({ user: 'root' }),
    {
      field: 'containers[0].user',
      value: 'root',
      problem: /runs the container as root/,
      fix: /allowRootUser: true/,
    },
  ],
  [
    'uid 0',
    container({ user: '0:0' }),
    { field: 'containers[0].user', value: '0:0', problem: /as root/, fix: /1000:1000/ },
  ],
  [
    'user with a space',
    container({ user: 'app user' }),
    { field: 'containers[0].user', value: 'app user', problem: /not a user/, fix: /1000:1000/ },
  ],
  [
    'relative writable path',
    container({ writablePaths: ['tmp'] }),
    {
      field: 'containers[0].writablePaths',
      value: ['tmp'],
      problem: /absolute paths other than "\/"/,
      fix: /\/tmp/,
    },
  ],
  [
    'writable root',
    container({ writablePaths: ['/'] }),
    {
      field: 'containers[0].writablePaths',
      value: ['/'],
      problem: /absolute paths other than "\/"/,
      fix: /\/app\/cache/,
    },
  ],
  [
    'a writable path twice',
    container({ writablePaths: ['/tmp', '/tmp'] }),
    { field: 'containers[0].writablePaths', value: ['/tmp'], problem: /more than once/, fix: /once/ },
  ],
  [
    'stop timeout of 1 s',
    container({ stopTimeoutSeconds: 1 }),
    { field: 'containers[0].stopTimeoutSeconds', value: 1, problem: /2 to 120/, fix: /stopTimeoutSeconds/ },
  ],
];

describe('FargateService validation', () => {
  it.each([...SERVICE_CASES, ...TASK_CASES, ...CONTAINER_CASES])('refuses %s', (_name, props, expected) => {
    expectProblem(
      problemsOf(() => build(props)),
      expected,
    );
  });

  it('never repeats a secret value in the error', () => {
    expect(() => build(container({ environment: { DATABASE_URL: SECRET_VALUE } }))).toThrow(
      /containers\[0\]\.environment\.DATABASE_URL = "\(value hidden\)"/,
    );
    expect(() => build(container({ environment: { DATABASE_URL: SECRET_VALUE } }))).not.toThrow(/hunter2/);
  });

  it('reports every problem at once, before creating anything', () => {
    const stack = newStack();
    expect(
      () => new FargateService(stack, 'api', serviceProps({ name: 'a b', cpu: 384 as 256, subnetIds: [] })),
    ).toThrow(/\(3 problems\)/);
    expect(stack.node.findAll().filter((c) => c.node.path.includes('/api'))).toEqual([
      stack.node.findChild('api'),
    ]);
  });

  it.each<[string, Partial<FargateServiceProps>]>([
    ['a 1-character name', { name: 'a' }],
    ['a name whose role names are exactly 64 characters', { name: 'a'.repeat(54) }],
    [
      'a 50-character name with alerts',
      { name: 'a'.repeat(50), deploymentAlerts: { topicArn: 'arn:aws:sns:us-east-1:111122223333:t' } },
    ],
    ['desired count 0', { desiredCount: 0 }],
    ['scaling min = max = desired', { desiredCount: 2, autoScaling: { minCapacity: 2, maxCapacity: 2 } }],
    ['scaling from 0', { autoScaling: { minCapacity: 0, maxCapacity: 1 } }],
    ['scaling on memory only', { autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: false } }],
    [
      'scaling on requests only',
      {
        autoScaling: {
          minCapacity: 1,
          maxCapacity: 2,
          cpuTargetPercent: false,
          memoryTargetPercent: false,
          requestCount: { targetGroupArn: TARGET_GROUP_ARN, loadBalancerArn: ALB_ARN, requestsPerTask: 1 },
        },
      },
    ],
    [
      'CPU targets 10 % and 95 %',
      { autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 95, memoryTargetPercent: 10 } },
    ],
    [
      'cooldowns of 0 and 3600 s',
      {
        autoScaling: {
          minCapacity: 1,
          maxCapacity: 2,
          scaleInCooldownSeconds: 3600,
          scaleOutCooldownSeconds: 0,
        },
      },
    ],
    ['minimum healthy 50 %, maximum 100 %', { minHealthyPercent: 50, maxPercent: 100 }],
    ['minimum healthy 0 %, maximum 1000 %', { minHealthyPercent: 0, maxPercent: 1000 }],
    ['grace period 0', { healthCheckGracePeriodSeconds: 0 }],
    ['platform 1.4.0', { platformVersion: '1.4.0' }],
    [
      'Spot only with weight 1000',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1000 }] },
    ],
    [
      'a weight-0 provider beside a weighted one',
      {
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', weight: 0, base: 2 },
          { capacityProvider: 'FARGATE_SPOT', weight: 1 },
        ],
      },
    ],
    ['ARM64 on on-demand Fargate', { cpuArchitecture: 'ARM64' }],
    [
      'an explicit container and port',
      { loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN, containerName: 'api', containerPort: 8000 }] },
    ],
    ['ECS Exec with one writable container', { ...WRITABLE, enableExecuteCommand: true }],
    ['0.25 vCPU with 512 MiB', { cpu: 256, memoryMiB: 512 }],
    ['16 vCPU with 120 GiB', { cpu: 16384, memoryMiB: 122880 }],
    ['ephemeral storage of 21 and 200 GiB', { ephemeralStorageGiB: 21 }],
    ['ephemeral storage of 200 GiB', { ephemeralStorageGiB: 200 }],
    ['log retention of 0 (never expire)', { logRetentionInDays: 0 }],
    ['an image digest without tag', container({ image: `nginx@sha256:${'a'.repeat(64)}` })],
    ['a token image with a version tag', container({ image: `${TOKEN_REPO}:1.2.3` })],
    ['a token image without a visible tag', container({ image: TOKEN_REPO })],
    ['container CPU equal to the task', container({ cpu: 512 })],
    [
      'memory limits adding up to the task',
      {
        containers: [
          { name: 'a', image: IMAGE, memoryLimitMiB: 512 },
          { name: 'b', image: IMAGE, memoryLimitMiB: 512 },
        ],
      },
    ],
    ['reservation equal to the limit', container({ memoryLimitMiB: 512, memoryReservationMiB: 512 })],
    [
      'ports 1 and 65535',
      container({ portMappings: [{ containerPort: 1 }, { containerPort: 65535, protocol: 'udp' }] }),
    ],
    [
      'the same port over TCP and UDP',
      container({ portMappings: [{ containerPort: 53 }, { containerPort: 53, protocol: 'udp' }] }),
    ],
    [
      'a reviewed secret-like name',
      container({ environment: { TOKEN_AUDIENCE: 'registry' }, notSecrets: ['TOKEN_AUDIENCE'] }),
    ],
    [
      'references to secrets by ARN name',
      container({ environment: { DB_SECRET_ARN: SECRET_ARN, DATABASE_URL: 'postgres://db:5432/registry' } }),
    ],
    [
      'health-check bounds',
      container({
        healthCheck: {
          command: ['CMD', '/ok'],
          intervalSeconds: 300,
          timeoutSeconds: 120,
          retries: 10,
          startPeriodSeconds: 300,
        },
      }),
    ],
    [
      'health-check lower bounds',
      container({
        healthCheck: {
          command: ['CMD-SHELL', 'true'],
          intervalSeconds: 5,
          timeoutSeconds: 2,
          retries: 1,
          startPeriodSeconds: 0,
        },
      }),
    ],
    [
      'a SUCCESS dependency on a non-essential container',
      {
        containers: [
          { name: 'api', image: IMAGE, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] },
          { name: 'migrate', image: IMAGE, essential: false },
        ],
      },
    ],
    [
      'a HEALTHY dependency on a checked container',
      {
        containers: [
          { name: 'api', image: IMAGE, dependsOn: [{ containerName: 'proxy' }] },
          { name: 'proxy', image: IMAGE, healthCheck: { command: ['CMD', '/ok'] } },
        ],
      },
    ],
    ['root with allowRootUser', container({ user: 'root', allowRootUser: true })],
    ['a named user and group', container({ user: 'app:app' })],
    ['stop timeouts of 2 and 120 s', container({ stopTimeoutSeconds: 120 })],
    ['stop timeout of 2 s', container({ stopTimeoutSeconds: 2 })],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
