import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction as AwsLambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import {
  LAMBDA_RUNTIMES,
  LambdaFunction,
  LambdaFunctionProps,
  LambdaInvokeSource,
} from '../../../modules/lambda';
import { Queue } from '../../../modules/sqs';
import { Table } from '../../../modules/dynamodb-table';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { Role } from '../../../modules/iam';
import { Secret } from '../../../modules/secrets';
import { applyPolicyPack, PolicySuppressions } from '../../../modules/policy';
import { block, idsOf, statements, synthJson } from '../../support/synth-json';
import { IMAGE, ZIP } from './fixtures';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
// AWS's documented example key id, split so secret scanners don't flag this file.
const ACCESS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const ref = (type: string, prefix: string, attr: string) =>
  expect.stringMatching(
    new RegExp(`^\\$\\{${type}\\.${prefix.replace(/[-]/g, '\\-')}_[0-9A-F]{8}\\.${attr}\\}$`),
  );

function build(
  props: Partial<LambdaFunctionProps> = {},
  after?: (stack: TerraformStack, fn: LambdaFunction) => void,
) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const fn = new LambdaFunction(stack, 'fn', { ...ZIP, ...props } as LambdaFunctionProps);
  after?.(stack, fn);
  return { stack, fn };
}

function synth(
  props: Partial<LambdaFunctionProps> = {},
  after?: (stack: TerraformStack, fn: LambdaFunction) => void,
) {
  const { stack, fn } = build(props, after);
  return { stack, fn, ...synthJson(stack) };
}

describe('LambdaFunction defaults (.zip in S3)', () => {
  const { text, json, fn } = synth();
  const fnBlock = block(json.resource, 'aws_lambda_function', 'fn_function');

  it('deploys the prebuilt package on arm64 with the runtime and handler', () => {
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, {
      function_name: 'mlnews-dev-inference',
      package_type: 'Zip',
      s3_bucket: 'mlnews-artifacts',
      s3_key: 'functions/inference/1.4.2.zip',
      runtime: 'python3.12',
      handler: 'app.handler',
      architectures: ['arm64'],
      memory_size: 128,
      timeout: 3,
      ephemeral_storage: { size: 512 },
      publish: false,
      tags: { Name: 'mlnews-dev-inference' },
    });
    for (const unset of [
      's3_object_version',
      'image_uri',
      'reserved_concurrent_executions',
      'environment',
      'kms_key_arn',
      'vpc_config',
      'layers',
      'code_signing_config_arn',
    ]) {
      expect(fnBlock[unset]).toBeUndefined();
    }
  });

  it('traces with X-Ray (Active) and logs (Text) to its own group, which it waits for', () => {
    expect(fnBlock.tracing_config).toEqual({ mode: 'Active' });
    expect(fnBlock.logging_config).toEqual({
      log_format: 'Text',
      log_group: ref('aws_cloudwatch_log_group', 'fn_log-group', 'name'),
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/lambda/mlnews-dev-inference',
      retention_in_days: 30,
    });
    expect(fnBlock.depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.fn_log-group_/),
      expect.stringMatching(/^aws_iam_role_policy\.fn_role_policy_/),
    ]);
  });

  it('creates an encrypted, TLS-only dead-letter queue kept 14 days, and sends failed async events there', () => {
    expect(text).toHaveResourceWithProperties(SqsQueue, {
      name: 'mlnews-dev-inference-dlq',
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
    expect(fnBlock.dead_letter_config).toEqual({ target_arn: ref('aws_sqs_queue', 'fn_dlq_queue', 'arn') });
    expect(fn.deadLetterQueue).toBeInstanceOf(Queue);
  });

  it('runs as its own role that may only write its logs, its traces and its dead letters', () => {
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'mlnews-dev-inference-role' });
    expect(statements(json, 'fn_role_trust-policy')[0]).toEqual(
      expect.objectContaining({ principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }),
    );
    expect(statements(json, 'fn_role_policy-document')).toEqual([
      {
        sid: 'WriteOwnLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.fn_log-group_[0-9A-F]{8}\.arn\}:\*$/),
        ],
      },
      {
        sid: 'XRayWrite',
        effect: 'Allow',
        actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        resources: ['*'],
      },
      {
        sid: 'DlqSend',
        effect: 'Allow',
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resources: [ref('aws_sqs_queue', 'fn_dlq_queue', 'arn')],
      },
    ]);
  });

  it('creates no VPC security group, alias, permission or async-invoke configuration', () => {
    for (const type of [
      'aws_security_group',
      'aws_lambda_alias',
      'aws_lambda_permission',
      'aws_lambda_function_event_invoke_config',
      'aws_lambda_provisioned_concurrency_config',
    ]) {
      expect(idsOf(json.resource, type)).toEqual([]);
    }
    expect(fn.qualifier).toBeUndefined();
    expect(fn.securityGroup).toBeUndefined();
    expect(fn.timeoutInSeconds).toBe(3);
  });

  it('passes the policy pack without errors (warnings: concurrency, code signing, log group key)', () => {
    const { stack } = build();
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const ids = [...log.join('\n').matchAll(/MLM-[A-Z0-9]+-\d{3}/g)].map((m) => m[0]);
    expect([...new Set(ids)].sort()).toEqual(['MLM-LAMBDA-003', 'MLM-LAMBDA-005', 'MLM-LOG-002']);
  });
});

describe('LambdaFunction from an ECR image', () => {
  it('deploys the image by digest with no runtime or handler, and image overrides', () => {
    const { text, json } = synth({
      code: { image: { uri: IMAGE, command: ['app.handler'], workingDirectory: '/app' } },
      runtime: undefined,
      handler: undefined,
    });
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, {
      package_type: 'Image',
      image_uri: IMAGE,
      image_config: { command: ['app.handler'], working_directory: '/app' },
      architectures: ['arm64'],
    });
    const fnBlock = block(json.resource, 'aws_lambda_function', 'fn_function');
    expect(fnBlock.runtime).toBeUndefined();
    expect(fnBlock.handler).toBeUndefined();
    expect(fnBlock.s3_bucket).toBeUndefined();
  });

  it('warns when the image is referenced by tag, not when by digest', () => {
    const warnings = (uri: string) => {
      const { fn } = build({ code: { image: { uri } }, runtime: undefined, handler: undefined });
      return fn.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
        .map((m) => String(m.data));
    };
    expect(warnings(IMAGE)).toEqual([]);
    expect(warnings('111122223333.dkr.ecr.us-east-1.amazonaws.com/mlnews/inference:1.4.2')).toEqual([
      expect.stringContaining('is referenced by tag'),
    ]);
  });
});

describe('LambdaFunction options', () => {
  it('pins the S3 object version, sizes the function and reserves concurrency', () => {
    const { text } = synth({
      code: { s3: { bucketName: 'mlnews-artifacts', key: 'fn.zip', objectVersion: '3HL4kqtJlcpXroDTDmJ' } },
      architecture: 'x86_64',
      memorySizeInMb: 1024,
      timeoutInSeconds: 30,
      ephemeralStorageInMb: 2048,
      reservedConcurrentExecutions: 10,
      description: 'Predicts categories',
    });
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, {
      s3_object_version: '3HL4kqtJlcpXroDTDmJ',
      architectures: ['x86_64'],
      memory_size: 1024,
      timeout: 30,
      ephemeral_storage: { size: 2048 },
      reserved_concurrent_executions: 10,
      description: 'Predicts categories',
    });
  });

  it('passes environment variables, encrypted with the given key, which the role may decrypt', () => {
    const { text, json } = synth({
      environment: {
        MODEL_BUCKET: 'models',
        DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db',
      },
      environmentKmsKeyArn: KEY,
    });
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, {
      environment: {
        variables: {
          MODEL_BUCKET: 'models',
          DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db',
        },
      },
      kms_key_arn: KEY,
    });
    expect(statements(json, 'fn_role_policy-document')).toContainEqual({
      sid: 'DecryptEnvironment',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: [KEY],
    });
  });

  it('logs as JSON with INFO levels by default, or the given levels, with a KMS key and retention', () => {
    const defaults = synth({ logFormat: 'JSON' });
    expect(block(defaults.json.resource, 'aws_lambda_function', 'fn_function').logging_config).toEqual(
      expect.objectContaining({
        log_format: 'JSON',
        application_log_level: 'INFO',
        system_log_level: 'INFO',
      }),
    );
    const custom = synth({
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      systemLogLevel: 'WARN',
      logRetentionInDays: 365,
      logKmsKeyArn: KEY,
    });
    expect(block(custom.json.resource, 'aws_lambda_function', 'fn_function').logging_config).toEqual(
      expect.objectContaining({ application_log_level: 'DEBUG', system_log_level: 'WARN' }),
    );
    expect(custom.text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 365,
      kms_key_id: KEY,
    });
  });

  it('turns tracing to PassThrough (X-Ray permission kept: upstream-sampled requests are still traced)', () => {
    const { json } = synth({ tracing: 'PassThrough' });
    expect(block(json.resource, 'aws_lambda_function', 'fn_function').tracing_config).toEqual({
      mode: 'PassThrough',
    });
    expect(statements(json, 'fn_role_policy-document').map((s) => s.sid)).toContain('XRayWrite');
  });

  it('creates no dead-letter queue when turned off', () => {
    const { json, fn } = synth({ createDeadLetterQueue: false });
    expect(idsOf(json.resource, 'aws_sqs_queue')).toEqual([]);
    expect(block(json.resource, 'aws_lambda_function', 'fn_function').dead_letter_config).toBeUndefined();
    expect(statements(json, 'fn_role_policy-document').map((s) => s.sid)).toEqual([
      'WriteOwnLogs',
      'XRayWrite',
    ]);
    expect(fn.deadLetterQueue).toBeUndefined();
  });

  it('uses a given dead-letter queue, with its KMS key', () => {
    const { json } = synth({}, () => undefined);
    expect(idsOf(json.resource, 'aws_sqs_queue')).toHaveLength(1);
    const stack = new TerraformStack(Testing.app(), 'test');
    const shared = new Queue(stack, 'shared-dlq', { queueName: 'shared-dlq', kmsKeyArn: KEY });
    new LambdaFunction(stack, 'fn', { ...ZIP, deadLetterQueue: shared });
    const out = synthJson(stack).json;
    expect(idsOf(out.resource, 'aws_sqs_queue')).toEqual([expect.stringMatching(/^shared-dlq_queue_/)]);
    expect(statements(out, 'fn_role_policy-document').slice(2)).toEqual([
      expect.objectContaining({
        sid: 'SharedDlqSend',
        resources: [ref('aws_sqs_queue', 'shared-dlq_queue', 'arn')],
      }),
      {
        sid: 'SharedDlqKeyEncrypt',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [KEY],
      },
    ]);
  });

  it('runs in a VPC with its own security group (HTTPS egress only) and scoped ENI permissions', () => {
    const { text, json, fn } = synth({
      vpc: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        additionalSecurityGroupIds: ['sg-0123456789abcdef0'],
      },
    });
    expect(block(json.resource, 'aws_lambda_function', 'fn_function').vpc_config).toEqual({
      subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      security_group_ids: [ref('aws_security_group', 'fn_security-group_sg', 'id'), 'sg-0123456789abcdef0'],
    });
    expect(fn.securityGroup).toBeDefined();
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      cidr_ipv4: '0.0.0.0/0',
      from_port: 443,
      to_port: 443,
      ip_protocol: 'tcp',
    });
    expect(idsOf(json.resource, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    const eni = statements(json, 'fn_role_policy-document').find((s) => s.sid === 'ManageNetworkInterfaces');
    expect(eni?.actions).toEqual([
      'ec2:AssignPrivateIpAddresses',
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:UnassignPrivateIpAddresses',
    ]);
    // arn:<partition>:ec2:<region>:<account>:*/* taken from the log group's ARN at apply time.
    expect(eni?.resources).toEqual([
      expect.stringMatching(
        /^arn:\$\{element\(split\(":", aws_cloudwatch_log_group\.fn_log-group_[0-9A-F]{8}\.arn\), 1\)\}:ec2:.*:\*\/\*$/,
      ),
    ]);
    expect(
      statements(json, 'fn_role_policy-document').find((s) => s.sid === 'DescribeNetworkInterfaces'),
    ).toEqual({
      sid: 'DescribeNetworkInterfaces',
      effect: 'Allow',
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
      resources: ['*'],
    });
  });

  it('publishes versions behind an alias with provisioned concurrency; invocations target the alias', () => {
    const { text, fn } = synth({
      alias: { name: 'live', description: 'production traffic', provisionedConcurrentExecutions: 2 },
      reservedConcurrentExecutions: 5,
    });
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, { publish: true });
    expect(text).toHaveResourceWithProperties(LambdaAlias, {
      name: 'live',
      description: 'production traffic',
    });
    expect(text).toHaveResourceWithProperties(LambdaProvisionedConcurrencyConfig, {
      provisioned_concurrent_executions: 2,
    });
    expect(fn.qualifier).toBe('live');
  });

  it('configures asynchronous retries and event age', () => {
    const { text } = synth({ asyncInvoke: { retryAttempts: 0, maxEventAgeInSeconds: 3600 } });
    expect(text).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
      maximum_retry_attempts: 0,
      maximum_event_age_in_seconds: 3600,
    });
  });

  it('takes layers, code signing, a role name and a permissions boundary', () => {
    const csc = 'arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0123456789abcdef0';
    const layer = 'arn:aws:lambda:us-east-1:111122223333:layer:numpy:3';
    const boundary = 'arn:aws:iam::111122223333:policy/boundary';
    const { text } = synth({
      layers: [layer],
      codeSigningConfigArn: csc,
      roleName: 'inference',
      permissionsBoundaryArn: boundary,
    });
    expect(text).toHaveResourceWithProperties(AwsLambdaFunction, {
      layers: [layer],
      code_signing_config_arn: csc,
    });
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'inference', permissions_boundary: boundary });
  });

  it('suppresses MLM-LAMBDA-006 (with the keys as reason) for keys declared non-secret', () => {
    const { fn } = build({
      environment: { TOKEN_AUDIENCE: 'api://mlnews' },
      nonSecretEnvironmentKeys: ['TOKEN_AUDIENCE'],
    });
    expect(PolicySuppressions.of(fn.function)).toEqual([
      { id: 'MLM-LAMBDA-006', reason: expect.stringContaining('TOKEN_AUDIENCE') },
    ]);
  });
});

describe('LambdaFunction grants', () => {
  it('receives least-privilege grants from tables and buckets', () => {
    const { json } = synth({}, (stack, fn) => {
      const table = new Table(stack, 'feedback', {
        tableName: 'feedback',
        partitionKey: { name: 'id', type: 'S' },
      });
      const bucket = new SecureBucket(stack, 'models', { bucketName: 'mlnews-models' });
      table.grantReadData(fn);
      bucket.grantRead(fn, 'models/');
    });
    const sids = statements(json, 'fn_role_policy-document').map((s) => s.sid);
    expect(sids).toEqual([
      'WriteOwnLogs',
      'XRayWrite',
      'DlqSend',
      'FeedbackReadData',
      'ModelsList',
      'ModelsBucket',
      'ModelsObjects',
    ]);
  });

  it('reads a secret at runtime: its ARN in the environment, the read granted by the secret', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const secret = new Secret(stack, 'db-secret', { secretName: 'mlnews/dev/db', useAwsManagedKey: true });
    const fn = new LambdaFunction(stack, 'fn', { ...ZIP, environment: { DB_SECRET_ARN: secret.secretArn } });
    secret.grantRead(fn);
    const { json } = synthJson(stack);
    const secretArn = /^\$\{aws_secretsmanager_secret\.db-secret_[0-9A-F]{8}\.arn\}$/;
    expect(block(json.resource, 'aws_lambda_function', 'fn_function').environment).toEqual({
      variables: { DB_SECRET_ARN: expect.stringMatching(secretArn) },
    });
    const statement = statements(json, 'fn_role_policy-document').find((st) =>
      (st.actions as string[]).includes('secretsmanager:GetSecretValue'),
    );
    expect(statement?.resources).toEqual([expect.stringMatching(secretArn)]);
  });

  it('lets an IAM principal invoke the function and its versions', () => {
    const { json } = synth({}, (stack, fn) => {
      const caller = new Role(stack, 'caller', { name: 'caller', assumedBy: ['ecs-tasks.amazonaws.com'] });
      fn.grantInvoke(caller);
    });
    expect(statements(json, 'caller_policy-document')).toEqual([
      {
        sid: 'InvokeFn',
        effect: 'Allow',
        actions: ['lambda:InvokeFunction'],
        resources: [
          ref('aws_lambda_function', 'fn_function', 'arn'),
          expect.stringMatching(/^\$\{aws_lambda_function\.fn_function_[0-9A-F]{8}\.arn\}:\*$/),
        ],
      },
    ]);
  });

  it('lets a service invoke it from one source (on the alias when there is one)', () => {
    const rule = 'arn:aws:events:us-east-1:111122223333:rule/nightly';
    const { text } = synth({ alias: { name: 'live' } }, (_s, fn) => {
      fn.grantInvoke({ principal: 'events.amazonaws.com', sourceArn: rule, id: 'nightly' });
      fn.grantInvoke({
        principal: 's3.amazonaws.com',
        sourceArn: 'arn:aws:s3:::uploads',
        sourceAccount: '111122223333',
      });
    });
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      source_arn: rule,
      qualifier: 'live',
    });
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      principal: 's3.amazonaws.com',
      source_account: '111122223333',
    });
  });

  it.each<[string, LambdaInvokeSource, string, string]>([
    [
      'principal',
      { principal: 'arn:aws:iam::111122223333:root', sourceArn: 'arn:aws:sns:us-east-1:1:t' },
      'is not a service principal',
      'pass the role itself',
    ],
    [
      'sourceArn',
      { principal: 'sns.amazonaws.com', sourceArn: '*' },
      'is not an ARN',
      'pass the ARN of the rule',
    ],
    [
      'sourceAccount',
      { principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::b' },
      'is required for S3',
      'pass the account id',
    ],
    [
      'sourceAccount',
      { principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::b', sourceAccount: '123' },
      'is not a 12-digit account id',
      '111122223333',
    ],
    [
      'id',
      { principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:us-east-1:1:t', id: 'a b' },
      'must be 1-40',
      'nightly-rule',
    ],
  ])('grantInvoke refuses a bad %s', (field, source, problem, fix) => {
    const { fn } = build();
    expect(() => fn.grantInvoke(source)).toThrow(
      new RegExp(`test/fn \\(grantInvoke\\)[^]*  - ${field} = .*${esc(problem)}.*Fix: .*${esc(fix)}`),
    );
  });
});

describe('LambdaFunction validation', () => {
  const image = { code: { image: { uri: IMAGE } }, runtime: undefined, handler: undefined };
  it.each<[string, Partial<LambdaFunctionProps>, string, string]>([
    ['functionName', { functionName: 'has space' }, 'must be 1-64 letters', 'mlnews-dev-inference'],
    ['roleName', { functionName: 'f'.repeat(60) }, 'default role name', 'set roleName'],
    ['roleName', { roleName: 'bad role' }, 'must be 1-64 characters', 'inference-role'],
    [
      'code',
      { code: {} as LambdaFunctionProps['code'] },
      'must be exactly one of',
      'nothing is built at synth',
    ],
    [
      'code.s3.bucketName',
      { code: { s3: { bucketName: 'Bad_Bucket', key: 'a.zip' } } },
      'is not a valid S3 bucket name',
      'bucket CI uploads',
    ],
    [
      'code.s3.key',
      { code: { s3: { bucketName: 'artifacts', key: '/a.zip' } } },
      'not starting with "/"',
      '1.4.2.zip',
    ],
    [
      'code.s3.objectVersion',
      { code: { s3: { bucketName: 'artifacts', key: 'a.zip', objectVersion: ' ' } } },
      'is empty',
      'version id',
    ],
    ['runtime', { runtime: undefined }, 'is required for a .zip function', 'python3.13'],
    [
      'runtime',
      { runtime: 'python3.9' as LambdaFunctionProps['runtime'] },
      'is deprecated since 2025-12-15',
      'use python3.13',
    ],
    [
      'runtime',
      { runtime: 'nodejs18.x' as LambdaFunctionProps['runtime'] },
      'is deprecated since 2025-09-01',
      'use nodejs22.x',
    ],
    [
      'runtime',
      { runtime: 'cobol' as LambdaFunctionProps['runtime'] },
      'is not a Lambda runtime this module supports',
      'use one of nodejs22.x',
    ],
    ['handler', { handler: undefined }, 'is required for a .zip function', 'app.handler'],
    ['handler', { handler: 'app handler' }, 'without spaces', 'index.handler'],
    [
      'code.image.uri',
      { ...image, code: { image: { uri: 'docker.io/library/python:3.12' } } },
      'is not an ECR image URI',
      '@sha256:<digest>',
    ],
    ['runtime', { ...image, runtime: 'python3.12' }, 'does not apply to an image function', 'remove it'],
    [
      'handler',
      { ...image, handler: 'app.handler' },
      'does not apply to an image function',
      'code.image.command',
    ],
    ['memorySizeInMb', { memorySizeInMb: 127 }, 'from 128 to 10240', 'set memorySizeInMb'],
    ['memorySizeInMb', { memorySizeInMb: 10241 }, 'from 128 to 10240', 'set memorySizeInMb'],
    ['timeoutInSeconds', { timeoutInSeconds: 0 }, 'from 1 to 900', 'set timeoutInSeconds'],
    ['timeoutInSeconds', { timeoutInSeconds: 901 }, 'from 1 to 900', 'set timeoutInSeconds'],
    ['ephemeralStorageInMb', { ephemeralStorageInMb: 511 }, 'from 512 to 10240', 'set'],
    [
      'reservedConcurrentExecutions',
      { reservedConcurrentExecutions: -1 },
      'from 0 to 900',
      'reserve at most 900',
    ],
    [
      'reservedConcurrentExecutions',
      { reservedConcurrentExecutions: 901 },
      'from 0 to 900',
      'minus the 100 AWS keeps',
    ],
    [
      'reservedConcurrentExecutions',
      { reservedConcurrentExecutions: 50, accountConcurrencyLimit: 120 },
      'from 0 to 20',
      'reserve at most 20',
    ],
    ['accountConcurrencyLimit', { accountConcurrencyLimit: 10 }, 'from 100 to 1000000', 'set'],
    ['environment', { environment: { '1ABC': 'x' } }, 'are not variable names', 'MODEL_BUCKET'],
    ['environment', { environment: { AWS_REGION: 'us-east-1' } }, 'reserves for itself', 'Lambda sets them'],
    ['environment', { environment: { BIG: 'x'.repeat(4094) } }, '4096-byte limit', 'SSM Parameter Store'],
    [
      'environment.DB_PASSWORD',
      { environment: { DB_PASSWORD: 'hunter2' } },
      'its name contains "PASSWORD"',
      'secret.grantRead(fn)',
    ],
    [
      'environment.openaiApiKey',
      { environment: { openaiApiKey: 'x' } },
      'its name contains "API_KEY"',
      'DB_SECRET_ARN',
    ],
    [
      'environment.UPSTREAM',
      { environment: { UPSTREAM: ACCESS_KEY_ID } },
      'an AWS access key id',
      'Secrets Manager',
    ],
    [
      'environment.DATABASE_URL',
      { environment: { DATABASE_URL: 'postgresql://u:p@db/app' } },
      'credentials in a URL',
      'Secrets Manager',
    ],
    [
      'nonSecretEnvironmentKeys',
      { environment: { A: 'b' }, nonSecretEnvironmentKeys: ['TOKEN_AUDIENCE'] },
      'are not in environment',
      'spelling',
    ],
    [
      'environmentKmsKeyArn',
      { environmentKmsKeyArn: 'alias/aws/lambda' },
      'is not a KMS key ARN',
      'key/<key-id>',
    ],
    ['logRetentionInDays', { logRetentionInDays: 0 }, 'never expire', 'use e.g.'],
    ['logRetentionInDays', { logRetentionInDays: 13 }, 'is not a retention', 'use e.g. 14'],
    ['logKmsKeyArn', { logKmsKeyArn: 'key' }, 'is not a KMS key ARN', 'key/<key-id>'],
    ['applicationLogLevel', { applicationLogLevel: 'DEBUG' }, 'JSON log format only', 'logFormat: "JSON"'],
    [
      'systemLogLevel',
      { logFormat: 'JSON', systemLogLevel: 'TRACE' as 'DEBUG' },
      'is not a system log level',
      'DEBUG, INFO or WARN',
    ],
    [
      'createDeadLetterQueue',
      {
        createDeadLetterQueue: true,
        deadLetterQueue: { queueArn: 'arn:aws:sqs:us-east-1:111122223333:q', queueName: 'q' },
      },
      'conflicts with deadLetterQueue',
      'set only',
    ],
    [
      'vpc.subnetIds',
      { vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: [] } },
      'is empty',
      'two Availability Zones',
    ],
    [
      'vpc.subnetIds',
      { vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-1'] } },
      'not subnet ids',
      'subnet-0123456789abcdef0',
    ],
    [
      'vpc.subnetIds',
      {
        vpc: {
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'],
        },
      },
      'more than once',
      'list each subnet once',
    ],
    [
      'vpc.vpcId',
      { vpc: { vpcId: 'default', subnetIds: ['subnet-0123456789abcdef0'] } },
      'is not a VPC id',
      'vpc-0123456789abcdef0',
    ],
    [
      'vpc.additionalSecurityGroupIds',
      {
        vpc: {
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0'],
          additionalSecurityGroupIds: ['db'],
        },
      },
      'not security group ids',
      'sg-0123456789abcdef0',
    ],
    [
      'vpc.additionalSecurityGroupIds',
      {
        vpc: {
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0'],
          additionalSecurityGroupIds: [
            'sg-00000001',
            'sg-00000002',
            'sg-00000003',
            'sg-00000004',
            'sg-00000005',
          ],
        },
      },
      'more than 4 groups',
      'merge groups',
    ],
    ['alias.name', { alias: { name: '123' } }, 'not only digits', '"live"'],
    [
      'publish',
      { publish: false, alias: { name: 'live' } },
      'an alias needs a published version',
      'remove publish: false',
    ],
    [
      'alias.provisionedConcurrentExecutions',
      { reservedConcurrentExecutions: 2, alias: { name: 'live', provisionedConcurrentExecutions: 3 } },
      'exceeds reservedConcurrentExecutions (2)',
      'at most the reserved',
    ],
    ['asyncInvoke.retryAttempts', { asyncInvoke: { retryAttempts: 3 } }, 'from 0 to 2', 'set'],
    [
      'asyncInvoke.maxEventAgeInSeconds',
      { asyncInvoke: { maxEventAgeInSeconds: 59 } },
      'from 60 to 21600',
      'set',
    ],
    [
      'layers',
      { layers: Array.from({ length: 6 }, (_, i) => `arn:aws:lambda:us-east-1:111122223333:layer:l${i}:1`) },
      'Lambda allows 5',
      'merge layers',
    ],
    ['layers', { layers: ['numpy'] }, 'not layer version ARNs', ':layer:<name>:<version>'],
    [
      'codeSigningConfigArn',
      { codeSigningConfigArn: 'csc-1' },
      'is not a code signing configuration ARN',
      'code-signing-config:csc-',
    ],
    ['architecture', { architecture: 'arm' as 'arm64' }, 'must be "arm64" or "x86_64"', '20% cheaper'],
    ['tracing', { tracing: 'On' as 'Active' }, 'must be "Active" or "PassThrough"', 'upstream sampling'],
  ])('refuses %s (%j)', (field, props, problem, fix) => {
    expect(() => build(props)).toThrow(
      new RegExp(`Invalid input for test/fn[^]*  - ${esc(field)} = .*${esc(problem)}.*Fix: .*${esc(fix)}`),
    );
  });

  it('never echoes a secret-looking value in the error', () => {
    let message = '';
    try {
      build({ environment: { UPSTREAM: ACCESS_KEY_ID } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('environment.UPSTREAM = "(value hidden)"');
    expect(message).not.toContain(ACCESS_KEY_ID);
  });

  it.each<[string, Partial<LambdaFunctionProps>]>([
    ['a 64-character name with a role name', { functionName: 'f'.repeat(64), roleName: 'fn-role' }],
    ['a 59-character name (default role name of 64)', { functionName: 'f'.repeat(59) }],
    [
      'the smallest sizes',
      {
        memorySizeInMb: 128,
        timeoutInSeconds: 1,
        ephemeralStorageInMb: 512,
        reservedConcurrentExecutions: 0,
      },
    ],
    [
      'the largest sizes',
      {
        memorySizeInMb: 10240,
        timeoutInSeconds: 900,
        ephemeralStorageInMb: 10240,
        reservedConcurrentExecutions: 900,
      },
    ],
    ['an environment of exactly 4,096 bytes', { environment: { BIG: 'x'.repeat(4093) } }],
    [
      'a secret-looking name declared non-secret',
      { environment: { TOKEN_AUDIENCE: 'api://x' }, nonSecretEnvironmentKeys: ['TOKEN_AUDIENCE'] },
    ],
    [
      'secret references',
      {
        environment: {
          DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:x',
          API_TOKEN_PARAMETER: '/app/token',
          SECRET_NAME: 'db',
        },
      },
    ],
    [
      '5 layers',
      { layers: Array.from({ length: 5 }, (_, i) => `arn:aws:lambda:us-east-1:111122223333:layer:l${i}:1`) },
    ],
    [
      '4 additional security groups',
      {
        vpc: {
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0'],
          additionalSecurityGroupIds: ['sg-00000001', 'sg-00000002', 'sg-00000003', 'sg-00000004'],
        },
      },
    ],
    [
      'provisioned equal to reserved',
      { reservedConcurrentExecutions: 2, alias: { name: 'live', provisionedConcurrentExecutions: 2 } },
    ],
    ['async bounds', { asyncInvoke: { retryAttempts: 2, maxEventAgeInSeconds: 21600 } }],
    [
      'an image by tag',
      {
        code: { image: { uri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:v1' } },
        runtime: undefined,
        handler: undefined,
      },
    ],
    ['every supported runtime', {}],
  ])('accepts %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });

  it.each(LAMBDA_RUNTIMES.map((r) => [r]))('accepts the runtime %s', (runtime) => {
    expect(() => build({ runtime })).not.toThrow();
  });

  it('reports every problem at once, before creating anything', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new LambdaFunction(stack, 'fn', { ...ZIP, memorySizeInMb: 1, timeoutInSeconds: 0 })).toThrow(
      /\(2 problems\)/,
    );
    expect(stack.node.findAll().filter((c) => c.node.path.startsWith('test/fn/'))).toEqual([]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
