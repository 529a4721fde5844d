import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  DEFAULT_RETRY_CONDITIONS,
  FargateJobQueue,
  FargateJobQueueProps,
  isFargateCombination,
} from '../../../modules/batch-fargate';
import { retryConditionProblems } from '../../../modules/batch-fargate/retry-conditions';
import { Role } from '../../../modules/iam';
import { policyFindings, validationProblems } from '../../support/construct-checks';

type Block = Record<string, unknown>;
interface Synthesized {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/grader:1.4.2';
/** An image URI known only at apply time (a token), as from an ECR repository construct. */
const REPO_URL = Token.asString(Fn.lower('123456789012.dkr.ecr.us-east-1.amazonaws.com/grader'));
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:grader-failures';
const BASE: FargateJobQueueProps = {
  name: 'grader',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  job: { image: IMAGE },
  failureTopicArn: TOPIC,
};
const REF = (type: string, id: string, attr: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${id}_[0-9A-F]+\\.${attr}\\}$`));

function build(props: Partial<FargateJobQueueProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const queue = new FargateJobQueue(stack, 'grader', { ...BASE, ...props });
  return { stack, queue };
}

function synth(
  props: Partial<FargateJobQueueProps> = {},
  after?: (q: FargateJobQueue, s: TerraformStack) => void,
) {
  const { stack, queue } = build(props);
  after?.(queue, stack);
  const json = JSON.parse(Testing.synth(stack)) as Synthesized;
  const one = (type: string) => Object.values(json.resource[type] ?? {})[0];
  const policy = (prefix: string) =>
    (Object.entries(json.data.aws_iam_policy_document).find(([k]) => k.startsWith(prefix))?.[1].statement ??
      []) as DataAwsIamPolicyDocumentStatement[];
  const container = () => JSON.parse(one('aws_batch_job_definition').container_properties as string) as Block;
  return { stack, queue, json, one, policy, container };
}

describe('FargateJobQueue defaults', () => {
  const { one, json, policy, container, stack, queue } = synth();

  it('runs a managed FARGATE compute environment of at most 16 vCPUs in the private subnets, with the service-linked role', () => {
    expect(one('aws_batch_compute_environment')).toEqual({
      compute_environment_name: 'grader',
      type: 'MANAGED',
      state: 'ENABLED',
      compute_resources: {
        type: 'FARGATE',
        max_vcpus: 16,
        subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        security_group_ids: [REF('aws_security_group', 'grader_security-group_sg', 'id')],
      },
      tags: { Name: 'grader' },
    });
  });

  it('gives the jobs their own security group with HTTPS egress only', () => {
    expect(one('aws_security_group')).toMatchObject({
      name: 'grader-batch',
      description: 'AWS Batch jobs of grader',
    });
    expect(json.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    expect(Object.values(json.resource.aws_vpc_security_group_egress_rule)).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
    ]);
  });

  it('queues at priority 1, enabled, and cancels jobs that can never start after 30 minutes', () => {
    expect(one('aws_batch_job_queue')).toEqual({
      name: 'grader',
      priority: 1,
      state: 'ENABLED',
      compute_environment_order: [
        {
          order: 1,
          compute_environment: REF('aws_batch_compute_environment', 'grader_compute-environment', 'arn'),
        },
      ],
      job_state_time_limit_action: [
        {
          action: 'CANCEL',
          state: 'RUNNABLE',
          max_time_seconds: 1800,
          reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
        },
        {
          action: 'CANCEL',
          state: 'RUNNABLE',
          max_time_seconds: 1800,
          reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
        },
      ],
      tags: { Name: 'grader' },
    });
  });

  it('defines a Fargate job with a 15-minute timeout and 3 attempts that retry platform failures only', () => {
    expect(one('aws_batch_job_definition')).toMatchObject({
      name: 'grader',
      type: 'container',
      platform_capabilities: ['FARGATE'],
      propagate_tags: true,
      timeout: { attempt_duration_seconds: 900 },
      retry_strategy: {
        attempts: 3,
        evaluate_on_exit: [
          { action: 'RETRY', on_status_reason: 'Task failed to start*' },
          { action: 'RETRY', on_status_reason: 'Your Spot Task was interrupted*' },
          { action: 'RETRY', on_reason: 'CannotPullContainerError*' },
          { action: 'RETRY', on_reason: 'ResourceInitializationError*' },
          { action: 'EXIT', on_reason: '*' },
        ],
      },
    });
  });

  it('runs 1 vCPU / 2 GiB as uid 1000 on a read-only root with a writable /tmp, without a public IP', () => {
    expect(container()).toEqual({
      image: IMAGE,
      jobRoleArn: REF('aws_iam_role', 'grader_job-role', 'arn'),
      executionRoleArn: REF('aws_iam_role', 'grader_execution-role', 'arn'),
      resourceRequirements: [
        { type: 'VCPU', value: '1' },
        { type: 'MEMORY', value: '2048' },
      ],
      user: '1000:1000',
      readonlyRootFilesystem: true,
      volumes: [{ name: 'scratch-0' }],
      mountPoints: [{ sourceVolume: 'scratch-0', containerPath: '/tmp', readOnly: false }],
      networkConfiguration: { assignPublicIp: 'DISABLED' },
      fargatePlatformConfiguration: { platformVersion: 'LATEST' },
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': REF('aws_cloudwatch_log_group', 'grader_log-group', 'name'),
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'grader',
        },
      },
    });
    expect(container()).not.toHaveProperty('privileged');
  });

  it('logs to /aws/batch/grader for 30 days', () => {
    expect(one('aws_cloudwatch_log_group')).toEqual({
      name: '/aws/batch/grader',
      retention_in_days: 30,
      tags: { Name: '/aws/batch/grader' },
    });
  });

  it('lets the execution role pull from the image repository only and write the log group', () => {
    expect(
      policy('grader_execution-role_policy-document').map((s) => [s.sid, s.actions, s.resources]),
    ).toEqual([
      ['EcrAuthorizationToken', ['ecr:GetAuthorizationToken'], ['*']],
      [
        'EcrPull',
        ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        ['arn:aws:ecr:us-east-1:123456789012:repository/grader'],
      ],
      [
        'LogsWrite',
        ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        [REF('aws_cloudwatch_log_group', 'grader_log-group', 'arn'), expect.stringMatching(/\.arn\}:\*$/)],
      ],
    ]);
  });

  it('creates the job role empty, both roles trusted by ecs-tasks', () => {
    const roles = Object.values(json.resource.aws_iam_role);
    expect(roles.map((r) => r.name)).toEqual(['grader-execution', 'grader-job']);
    expect(Object.keys(json.resource.aws_iam_role_policy)).toHaveLength(1);
    expect(queue.jobRole.policyStatements).toEqual([]);
  });

  it('forwards FAILED jobs of this queue to the topic as a JSON summary', () => {
    expect(JSON.parse(one('aws_cloudwatch_event_rule').event_pattern as string)).toEqual({
      source: ['aws.batch'],
      'detail-type': ['Batch Job State Change'],
      detail: { status: ['FAILED'], jobQueue: [REF('aws_batch_job_queue', 'grader_job-queue', 'arn')] },
    });
    expect(one('aws_cloudwatch_event_rule')).toMatchObject({ name: 'grader-job-failed' });
    const target = one('aws_cloudwatch_event_target');
    expect(target).toMatchObject({
      arn: TOPIC,
      target_id: 'sns',
      rule: REF('aws_cloudwatch_event_rule', 'grader_failure-rule', 'name'),
    });
    expect((target.input_transformer as Block).input_paths).toEqual({
      jobName: '$.detail.jobName',
      jobId: '$.detail.jobId',
      jobQueue: '$.detail.jobQueue',
      statusReason: '$.detail.statusReason',
      exitCode: '$.detail.container.exitCode',
      logStream: '$.detail.container.logStreamName',
      time: '$.time',
      account: '$.account',
      region: '$.region',
    });
    // EventBridge substitutes JSON values for the placeholders; with sample values it is valid JSON.
    const sample = ((target.input_transformer as Block).input_template as string).replace(/<(\w+)>/g, '"$1"');
    expect(JSON.parse(sample)).toEqual({
      summary: 'AWS Batch job failed',
      jobName: 'jobName',
      jobId: 'jobId',
      jobQueue: 'jobQueue',
      statusReason: 'statusReason',
      exitCode: 'exitCode',
      logStream: 'logStream',
      time: 'time',
      account: 'account',
      region: 'region',
    });
  });

  it('passes the policy pack with only the log-group KMS warning', () => {
    expect(policyFindings(stack)).toMatchObject({
      errors: [],
      warnings: ['MLM-LOG-002 test/grader/log-group'],
    });
  });
});

describe('FargateJobQueue grants and topic policy', () => {
  it('grantSubmitJob allows SubmitJob on the queue and every revision of the job definition', () => {
    const { policy } = synth({}, (q, s) => {
      const api = new Role(s, 'api', { name: 'api', assumedBy: ['ecs-tasks.amazonaws.com'] });
      q.grantSubmitJob(api);
      q.grantReadJobs(api);
    });
    expect(policy('api_policy-document')).toEqual([
      {
        sid: 'BatchSubmitJob',
        effect: 'Allow',
        actions: ['batch:SubmitJob'],
        resources: [
          REF('aws_batch_job_queue', 'grader_job-queue', 'arn'),
          REF('aws_batch_job_definition', 'grader_job-definition', 'arn_prefix'),
          expect.stringMatching(
            /^\$\{aws_batch_job_definition\.grader_job-definition_[0-9A-F]+\.arn_prefix\}:\*$/,
          ),
        ],
      },
      {
        sid: 'BatchReadJobs',
        effect: 'Allow',
        actions: ['batch:DescribeJobs', 'batch:ListJobs'],
        resources: ['*'],
      },
    ]);
  });

  it('topicPolicyStatement lets events.amazonaws.com publish for this rule only', () => {
    const { queue } = build();
    const st = queue.topicPolicyStatement();
    expect({ ...st, condition: undefined }).toEqual({
      sid: 'AllowBatchJobFailureEvents',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [TOPIC],
      condition: undefined,
    });
    expect(st.condition).toEqual([
      { test: 'ArnEquals', variable: 'aws:SourceArn', values: [expect.stringMatching(/^\$\{TfToken/)] },
    ]);
  });

  it('topicPolicyStatement throws without a topic, and the queue warns that nobody is notified', () => {
    const { queue } = build({ failureTopicArn: undefined });
    expect(() => queue.topicPolicyStatement()).toThrow(
      'test/grader: topicPolicyStatement() needs failureTopicArn',
    );
    expect(queue.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data)).toEqual([
      'grader: no failureTopicArn, so failed jobs notify nobody; pass an SNS topic ARN',
    ]);
    expect(queue.failureRule).toBeUndefined();
  });
});

describe('FargateJobQueue options', () => {
  it('runs on Fargate Spot with more vCPUs, a custom service role, priority and a disabled queue', () => {
    const { one } = synth({
      spot: true,
      maxVcpus: 64,
      serviceRoleArn: 'arn:aws:iam::123456789012:role/batch-service',
      queuePriority: 10,
      queueEnabled: false,
      cancelStuckJobsAfterSeconds: false,
    });
    expect(one('aws_batch_compute_environment')).toMatchObject({
      service_role: 'arn:aws:iam::123456789012:role/batch-service',
      compute_resources: { type: 'FARGATE_SPOT', max_vcpus: 64 },
    });
    const queue = one('aws_batch_job_queue');
    expect(queue).toMatchObject({ priority: 10, state: 'DISABLED' });
    expect(queue.job_state_time_limit_action).toBeUndefined();
  });

  it('takes the container settings', () => {
    const { container, policy } = synth({
      job: {
        image: 'public.ecr.aws/docker/library/python:3.12-slim',
        command: ['python', '-m', 'grader'],
        environment: { MODE: 'batch', A_FIRST: '1' },
        secrets: {
          DB_PASSWORD: {
            secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
            jsonKey: 'password',
          },
          API_TOKEN: {
            ssmParameterArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/grader/token',
            kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          },
        },
        vcpu: 2,
        memoryInMiB: 8192,
        user: 'app',
        readonlyRootFilesystem: false,
        writablePaths: ['/tmp', '/app/cache'],
        ephemeralStorageInGiB: 50,
        cpuArchitecture: 'ARM64',
        platformVersion: '1.4.0',
      },
    });
    expect(container()).toMatchObject({
      image: 'public.ecr.aws/docker/library/python:3.12-slim',
      command: ['python', '-m', 'grader'],
      environment: [
        { name: 'A_FIRST', value: '1' },
        { name: 'MODE', value: 'batch' },
      ],
      secrets: [
        { name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/grader/token' },
        {
          name: 'DB_PASSWORD',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
        },
      ],
      resourceRequirements: [
        { type: 'VCPU', value: '2' },
        { type: 'MEMORY', value: '8192' },
      ],
      user: 'app',
      readonlyRootFilesystem: false,
      volumes: [{ name: 'scratch-0' }, { name: 'scratch-1' }],
      mountPoints: [
        { sourceVolume: 'scratch-0', containerPath: '/tmp', readOnly: false },
        { sourceVolume: 'scratch-1', containerPath: '/app/cache', readOnly: false },
      ],
      ephemeralStorage: { sizeInGiB: 50 },
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
      fargatePlatformConfiguration: { platformVersion: '1.4.0' },
    });
    // A public image needs no ECR permissions; the execution role reads exactly the two secrets.
    const statements = policy('grader_execution-role_policy-document');
    expect(statements.map((s) => [s.sid, s.actions, s.resources, s.condition])).toEqual([
      ['LogsWrite', expect.any(Array), expect.any(Array), undefined],
      [
        'ReadSecrets',
        ['secretsmanager:GetSecretValue'],
        ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
        undefined,
      ],
      [
        'ReadParameters',
        ['ssm:GetParameters'],
        ['arn:aws:ssm:us-east-1:123456789012:parameter/grader/token'],
        undefined,
      ],
      [
        'DecryptSecrets',
        ['kms:Decrypt'],
        ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        [{ test: 'StringLike', variable: 'kms:ViaService', values: ['ssm.*.amazonaws.com'] }],
      ],
    ]);
  });

  it('takes timeout, attempts, retry conditions, log retention and key, egress and a permissions boundary', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { one, json } = synth({
      timeoutInSeconds: 3600,
      retryAttempts: 1,
      retryConditions: [],
      logRetentionInDays: 365,
      logKmsKeyArn: key,
      egress: [{ port: 5432, description: 'Postgres', destination: { cidrs: ['10.0.0.0/16'] } }],
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
    });
    expect(one('aws_batch_job_definition')).toMatchObject({
      timeout: { attempt_duration_seconds: 3600 },
      retry_strategy: { attempts: 1 },
    });
    expect((one('aws_batch_job_definition').retry_strategy as Block).evaluate_on_exit).toBeUndefined();
    expect(one('aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 365, kms_key_id: key });
    expect(Object.values(json.resource.aws_vpc_security_group_egress_rule)).toEqual([
      expect.objectContaining({ from_port: 5432, cidr_ipv4: '10.0.0.0/16' }),
    ]);
    expect(Object.values(json.resource.aws_iam_role).map((r) => r.permissions_boundary)).toEqual([
      'arn:aws:iam::123456789012:policy/boundary',
      'arn:aws:iam::123456789012:policy/boundary',
    ]);
  });

  it('scopes ECR pulls to the given repositories for an image given by reference', () => {
    const repo = 'arn:aws:ecr:us-east-1:123456789012:repository/grader';
    const { policy } = synth({
      job: { image: REPO_URL, ecrRepositoryArns: [repo] },
    });
    expect(
      policy('grader_execution-role_policy-document').find((s) => s.sid === 'EcrPull')?.resources,
    ).toEqual([repo]);
  });

  it('reads the log region from data.aws_region when the provider region is not known at synthesis', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: Token.asString(Fn.lower('US-EAST-1')) });
    new FargateJobQueue(stack, 'grader', BASE);
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    const def = Object.values(json.resource.aws_batch_job_definition)[0];
    const options = (
      JSON.parse(def.container_properties as string) as { logConfiguration: { options: Block } }
    ).logConfiguration.options;
    expect(options['awslogs-region']).toMatch(/^\$\{data\.aws_region\.grader_region_[0-9A-F]+\.name\}$/);
    expect(Object.keys(json.data.aws_region)).toHaveLength(1);
  });

  it('lets the security group reach other groups with allowTo', () => {
    const { json } = synth({}, (q) =>
      q.securityGroup.allowTo({ securityGroupId: 'sg-0123456789abcdef0' }, 5432, 'Postgres'),
    );
    expect(Object.values(json.resource.aws_vpc_security_group_egress_rule)).toHaveLength(2);
  });
});

describe('FargateJobQueue helpers', () => {
  it.each([
    [0.25, 512, true],
    [0.25, 4096, false],
    [4, 30720, true],
    [4, 31744, false],
    [8, 61440, true],
    [8, 17408, false],
    [16, 122880, true],
    [3, 8192, false],
  ])('isFargateCombination(%s vCPU, %s MiB) is %s', (vcpu, mem, ok) => {
    expect(isFargateCombination(vcpu, mem)).toBe(ok);
  });

  it('accepts the default retry conditions and explains bad ones', () => {
    expect(retryConditionProblems(DEFAULT_RETRY_CONDITIONS)).toEqual([]);
    expect(
      retryConditionProblems([
        { action: 'RETRY', onReason: 'Cannot-pull*' },
        { action: 'RETRY', onExitCode: '1a' },
        { action: 'RETRY' },
      ]),
    ).toEqual([
      'entry 0: onReason "Cannot-pull*" may hold only letters, digits, ".", ":" and white space, ending in an optional "*" (1-512 characters)',
      'entry 1: onExitCode "1a" may hold only digits, ending in an optional "*"',
      'entry 2: matches nothing (set onExitCode, onReason or onStatusReason)',
      'does not end with a catch-all EXIT ({ action: "EXIT", onReason: "*" }): Batch retries jobs that match no entry',
    ]);
  });
});

describe('FargateJobQueue validation', () => {
  const job = (j: Partial<FargateJobQueueProps['job']>) => ({ job: { image: IMAGE, ...j } });
  it.each<[string, Partial<FargateJobQueueProps>, string, unknown, RegExp, RegExp]>([
    [
      'a name starting with a dash',
      { name: '-grader' },
      'name',
      '-grader',
      /starting with a letter or digit/,
      /grader-prod/,
    ],
    ['a name of 41 characters', { name: 'g'.repeat(41) }, 'name', 'g'.repeat(41), /1-40/, /short name/],
    ['no subnets', { subnetIds: [] }, 'subnetIds', [], /is empty/, /private subnets/],
    [
      'a subnet name',
      { subnetIds: ['private-a'] },
      'subnetIds',
      ['private-a'],
      /not subnet ids/,
      /subnet-0123456789abcdef0/,
    ],
    ['maxVcpus 0', { maxVcpus: 0 }, 'maxVcpus', 0, /1 to 10000/, /1 to 10000/],
    [
      'maxVcpus below one job',
      { maxVcpus: 1, ...job({ vcpu: 2, memoryInMiB: 4096 }) },
      'maxVcpus',
      1,
      /below the 2 vCPU one job needs/,
      /2 or more/,
    ],
    ['priority 1001', { queuePriority: 1001 }, 'queuePriority', 1001, /0 to 1000/, /0 to 1000/],
    [
      'a stuck-job limit of 599 seconds',
      { cancelStuckJobsAfterSeconds: 599 },
      'cancelStuckJobsAfterSeconds',
      599,
      /600 to 86400/,
      /or false/,
    ],
    [
      'a timeout of 59 seconds',
      { timeoutInSeconds: 59 },
      'timeoutInSeconds',
      59,
      /60 to 1209600/,
      /60 to 1209600/,
    ],
    ['11 attempts', { retryAttempts: 11 }, 'retryAttempts', 11, /1 to 10/, /1 to 10/],
    [
      'retry conditions without a final EXIT',
      { retryConditions: [{ action: 'RETRY', onStatusReason: 'Host EC2*' }] },
      'retryConditions',
      [{ action: 'RETRY', onStatusReason: 'Host EC2*' }],
      /catch-all EXIT/,
      /onReason: "\*"/,
    ],
    [
      'six retry conditions',
      {
        retryConditions: [
          ...DEFAULT_RETRY_CONDITIONS.slice(0, 4),
          { action: 'RETRY', onExitCode: '137' },
          { action: 'EXIT', onReason: '*' },
        ],
      },
      'retryConditions',
      [
        ...DEFAULT_RETRY_CONDITIONS.slice(0, 4),
        { action: 'RETRY', onExitCode: '137' },
        { action: 'EXIT', onReason: '*' },
      ],
      /at most 5/,
      /at most 5/,
    ],
    [
      'retry conditions with a single attempt',
      { retryAttempts: 1, retryConditions: [{ action: 'EXIT', onReason: '*' }] },
      'retryConditions',
      1,
      /no effect with retryAttempts 1/,
      /raise retryAttempts/,
    ],
    [
      'log retention 0',
      { logRetentionInDays: 0 },
      'logRetentionInDays',
      0,
      /never expire, is refused/,
      /such as 1$/,
    ],
    [
      'log retention 31',
      { logRetentionInDays: 31 },
      'logRetentionInDays',
      31,
      /not a retention/,
      /such as 60$/,
    ],
    [
      'a service role that is a policy',
      { serviceRoleArn: 'arn:aws:iam::aws:policy/AWSBatchServiceRole' },
      'serviceRoleArn',
      'arn:aws:iam::aws:policy/AWSBatchServiceRole',
      /not an IAM role ARN/,
      /service-linked role/,
    ],
    ['an empty image', job({ image: ' ' }), 'job.image', ' ', /is required/, /image URI/],
    [
      'a referenced image without repositories',
      job({ image: REPO_URL }),
      'job.ecrRepositoryArns',
      undefined,
      /cannot tell which repository/,
      /repository\.repositoryArn/,
    ],
    [
      'a repository name instead of ARN',
      job({ ecrRepositoryArns: ['grader'] }),
      'job.ecrRepositoryArns',
      ['grader'],
      /not ECR repository ARNs/,
      /repository\/<name>/,
    ],
    [
      '3 vCPUs',
      job({ vcpu: 3 as never }),
      'job.vcpu',
      3,
      /not a Fargate vCPU value/,
      /0\.25, 0\.5, 1, 2, 4, 8, 16/,
    ],
    [
      '1 vCPU with 1 GiB',
      job({ memoryInMiB: 1024 }),
      'job.memoryInMiB',
      1024,
      /not a Fargate memory size for 1 vCPU/,
      /^1 vCPU takes 2048 to 8192 MiB in steps of 1024$/,
    ],
    [
      '0.25 vCPU with 3 GiB',
      job({ vcpu: 0.25, memoryInMiB: 3072 }),
      'job.memoryInMiB',
      3072,
      /for 0\.25 vCPU/,
      /^0\.25 vCPU takes 512, 1024, 2048 MiB$/,
    ],
    [
      'root by name',
      job({ user: 'root' }),
      'job.user',
      'root',
      /runs the job as root/,
      /allowRootUser: true/,
    ],
    ['uid 0 with a group', job({ user: '0:1000' }), 'job.user', '0:1000', /as root/, /1000:1000/],
    ['a user with a space', job({ user: 'app user' }), 'job.user', 'app user', /not a user/, /1000:1000/],
    [
      'a relative writable path',
      job({ writablePaths: ['tmp'] }),
      'job.writablePaths',
      ['tmp'],
      /absolute paths below/,
      /\/app\/cache/,
    ],
    [
      '"/" as writable path',
      job({ writablePaths: ['/'] }),
      'job.writablePaths',
      ['/'],
      /absolute paths below "\/"/,
      /\/tmp/,
    ],
    [
      'a writable path twice',
      job({ writablePaths: ['/tmp', '/tmp'] }),
      'job.writablePaths',
      ['/tmp', '/tmp'],
      /lists a path twice/,
      /once/,
    ],
    [
      '20 GiB of ephemeral storage',
      job({ ephemeralStorageInGiB: 20 }),
      'job.ephemeralStorageInGiB',
      20,
      /21 to 200/,
      /21 to 200/,
    ],
    [
      'an unknown architecture',
      job({ cpuArchitecture: 'RISCV' as never }),
      'job.cpuArchitecture',
      'RISCV',
      /"X86_64" or "ARM64"/,
      /X86_64/,
    ],
    [
      'ARM64 on Fargate Spot',
      { spot: true, ...job({ cpuArchitecture: 'ARM64' }) },
      'job.cpuArchitecture',
      'ARM64',
      /Fargate Spot does not offer/,
      /spot: false/,
    ],
    [
      'an environment name with a dash',
      job({ environment: { 'MY-VAR': '1' } }),
      'job.environment.MY-VAR',
      'MY-VAR',
      /not an environment variable name/,
      /letters, digits and "_"/,
    ],
    [
      'a secret ARN in the environment',
      job({ environment: { TOKEN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:t' } }),
      'job.environment.TOKEN',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:t',
      /not resolved/,
      /job\.secrets: \{ TOKEN: \{ secretsManagerArn/,
    ],
    [
      'a secret given as a value',
      job({ secrets: { TOKEN: 'hunter2' as never } }),
      'job.secrets.TOKEN',
      'hunter2',
      /never go in the job definition/,
      /secretsManagerArn/,
    ],
    [
      'a secret ARN without the 6-character suffix',
      job({
        secrets: { DB: { secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' } },
      }),
      'job.secrets.DB.secretsManagerArn',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:db',
      /6 characters/,
      /full ARN/,
    ],
    [
      'a parameter name instead of ARN',
      job({ secrets: { DB: { ssmParameterArn: '/grader/db' } } }),
      'job.secrets.DB.ssmParameterArn',
      '/grader/db',
      /not an SSM parameter ARN/,
      /parameter\/<name without leading slash>/,
    ],
    [
      'a version stage with a version id',
      job({
        secrets: {
          DB: {
            secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
            versionStage: 'AWSPREVIOUS',
            versionId: 'v1',
          },
        },
      }),
      'job.secrets.DB.versionStage',
      'AWSPREVIOUS',
      /together with versionId/,
      /one of versionStage and versionId/,
    ],
    [
      'a KMS alias',
      job({
        secrets: {
          DB: {
            secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
            kmsKeyArn: 'alias/db',
          },
        },
      }),
      'job.secrets.DB.kmsKeyArn',
      'alias/db',
      /not a KMS key ARN/,
      /aliases do not work/,
    ],
    [
      'a variable set twice',
      job({
        environment: { A: '1' },
        secrets: { A: { ssmParameterArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/a' } },
      }),
      'job.secrets',
      ['A'],
      /also set in job\.environment/,
      /once/,
    ],
    [
      'platform version 1.4',
      job({ platformVersion: '1.4' }),
      'job.platformVersion',
      '1.4',
      /not a Fargate platform version/,
      /1\.4\.0/,
    ],
  ])('refuses %s', (_n, props, field, value, problem, fix) => {
    expect(validationProblems(() => build(props))).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it('refuses a missing job and a missing VPC together', () => {
    const problems = validationProblems(() => build({ vpcId: '', job: undefined as never }));
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['vpcId', 'is required'],
      ['job', 'is required'],
    ]);
  });

  it.each<[string, Partial<FargateJobQueueProps>]>([
    ['a name of 40 characters', { name: 'g'.repeat(40) }],
    ['maxVcpus equal to one job', { maxVcpus: 2, ...job({ vcpu: 2, memoryInMiB: 4096 }) }],
    ['priority 0', { queuePriority: 0 }],
    ['priority 1000', { queuePriority: 1000 }],
    ['a stuck-job limit of 600 seconds', { cancelStuckJobsAfterSeconds: 600 }],
    ['a stuck-job limit of 86400 seconds', { cancelStuckJobsAfterSeconds: 86_400 }],
    ['a 60-second timeout', { timeoutInSeconds: 60 }],
    ['10 attempts', { retryAttempts: 10 }],
    [
      'five retry conditions ending in EXIT on any exit code',
      { retryConditions: [...DEFAULT_RETRY_CONDITIONS.slice(0, 4), { action: 'EXIT', onExitCode: '*' }] },
    ],
    ['16 vCPU with 120 GiB', job({ vcpu: 16, memoryInMiB: 122_880 })],
    ['0.25 vCPU with 512 MiB', job({ vcpu: 0.25, memoryInMiB: 512 })],
    ['root with allowRootUser', job({ user: 'root', allowRootUser: true })],
    ['ephemeral storage of 21 GiB', job({ ephemeralStorageInGiB: 21 })],
    ['ephemeral storage of 200 GiB', job({ ephemeralStorageInGiB: 200 })],
    ['no writable paths', job({ writablePaths: [] })],
    ['a referenced image from a public registry', job({ image: REPO_URL, ecrRepositoryArns: [] })],
    [
      'a secret with a JSON key and a version stage',
      job({
        secrets: {
          A: {
            secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
            jsonKey: 'password',
            versionStage: 'AWSCURRENT',
          },
        },
      }),
    ],
    ['a secret given by reference', job({ secrets: { A: { secretsManagerArn: REPO_URL } } })],
    ['a log retention of 1 day', { logRetentionInDays: 1 }],
  ])('accepts %s', (_n, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
