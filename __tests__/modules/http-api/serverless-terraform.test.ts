import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HttpApi, cognitoIssuer } from '../../../modules/http-api';
import { LambdaFunction } from '../../../modules/lambda';
import { Queue } from '../../../modules/sqs';
import { Table } from '../../../modules/dynamodb-table';
import { ModelInvocationLogging, grantInvokeModel } from '../../../modules/bedrock';
import { TrainingRole } from '../../../modules/sagemaker';
import { DynamoDbTableAlarms, HttpApiAlarms, LambdaAlarms } from '../../../modules/monitoring/alarms';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { Role } from '../../../modules/iam';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:mlnews-alarms`;

/**
 * Every serverless module with every feature on, in one stack, against the real AWS provider:
 * `terraform init`, `validate` (schema, enums such as runtimes) and an offline `plan` (mock
 * credentials, no refresh), which must create exactly what was synthesized.
 */
describeWithTerraform('serverless modules against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-serverless-'));
  const stack = new TerraformStack(Testing.app(), 'serverless');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });

  const models = new SecureBucket(stack, 'models', {
    bucketName: 'mlnews-models-111122223333',
    kmsKeyArn: KEY,
  });
  const logs = new SecureBucket(stack, 'invocation-logs', { bucketName: 'mlnews-bedrock-logs-111122223333' });
  const sharedDlq = new Queue(stack, 'shared-dlq', { queueName: 'mlnews-shared-dlq', kmsKeyArn: KEY });
  new Queue(stack, 'jobs', {
    queueName: 'mlnews-jobs.fifo',
    fifo: true,
    contentBasedDeduplication: true,
    visibilityTimeoutInSeconds: 180,
    deadLetterQueue: {
      queue: new Queue(stack, 'jobs-dlq', { queueName: 'mlnews-jobs-dlq.fifo', fifo: true }),
      maxReceiveCount: 3,
    },
  });

  const feedback = new Table(stack, 'feedback', {
    tableName: 'mlnews-feedback',
    partitionKey: { name: 'prediction_id', type: 'S' },
    sortKey: { name: 'created_at', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: 'by-model',
        partitionKey: { name: 'model_version', type: 'S' },
        projection: { include: ['label'] },
      },
    ],
    localSecondaryIndexes: [
      { indexName: 'by-score', sortKey: { name: 'score', type: 'N' }, projection: 'keysOnly' },
    ],
    kmsKeyArn: KEY,
    timeToLiveAttribute: 'expires_at',
    stream: 'NEW_AND_OLD_IMAGES',
    tableClass: 'STANDARD_INFREQUENT_ACCESS',
    pointInTimeRecoveryPeriodInDays: 14,
    maxReadRequestUnits: 100,
    maxWriteRequestUnits: 50,
  });
  const versions = new Table(stack, 'versions', {
    tableName: 'mlnews-model-versions',
    partitionKey: { name: 'version', type: 'S' },
    billingMode: 'provisioned',
    provisioned: {
      readCapacity: 2,
      writeCapacity: 1,
      autoScaling: { maxReadCapacity: 20, maxWriteCapacity: 10 },
    },
    globalSecondaryIndexes: [{ indexName: 'by-status', partitionKey: { name: 'status', type: 'S' } }],
    preventDestroy: true,
  });

  const inference = new LambdaFunction(stack, 'inference', {
    functionName: 'mlnews-inference',
    code: { s3: { bucketName: 'mlnews-artifacts', key: 'inference/1.0.0.zip', objectVersion: 'v1' } },
    runtime: 'python3.12',
    handler: 'app.handler',
    memorySizeInMb: 1024,
    timeoutInSeconds: 29,
    ephemeralStorageInMb: 1024,
    reservedConcurrentExecutions: 20,
    environment: { MODEL_BUCKET: 'mlnews-models-111122223333', TOKEN_AUDIENCE: 'api' },
    nonSecretEnvironmentKeys: ['TOKEN_AUDIENCE'],
    environmentKmsKeyArn: KEY,
    deadLetterQueue: sharedDlq,
    asyncInvoke: { retryAttempts: 1, maxEventAgeInSeconds: 3600 },
    logFormat: 'JSON',
    applicationLogLevel: 'WARN',
    systemLogLevel: 'WARN',
    logRetentionInDays: 90,
    logKmsKeyArn: KEY,
    vpc: {
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      additionalSecurityGroupIds: ['sg-0123456789abcdef0'],
    },
    alias: { name: 'live', provisionedConcurrentExecutions: 1 },
    layers: [`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:numpy:3`],
    codeSigningConfigArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:code-signing-config:csc-0123456789abcdef0`,
  });
  const trainer = new LambdaFunction(stack, 'trainer', {
    functionName: 'mlnews-trainer',
    code: {
      image: {
        uri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/mlnews/trainer@sha256:${'b'.repeat(64)}`,
        command: ['app.handler'],
        entryPoint: ['/lambda-entrypoint.sh'],
        workingDirectory: '/var/task',
      },
    },
    architecture: 'x86_64',
    tracing: 'PassThrough',
    createDeadLetterQueue: false,
  });
  const health = new LambdaFunction(stack, 'health', {
    functionName: 'mlnews-health',
    code: { s3: { bucketName: 'mlnews-artifacts', key: 'health/1.0.0.zip' } },
    runtime: 'nodejs22.x',
    handler: 'index.handler',
  });

  feedback.grantReadWriteData(inference);
  feedback.grantStreamRead(trainer);
  versions.grantReadData(inference);
  models.grantRead(inference, 'models/');
  sharedDlq.grantConsumeMessages(trainer);
  grantInvokeModel(inference, [
    'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0`,
  ]);
  inference.grantInvoke({
    principal: 'events.amazonaws.com',
    sourceArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly`,
  });

  const training = new TrainingRole(stack, 'training', {
    roleName: 'mlnews-training',
    modelBucket: models,
    accountId: ACCOUNT,
    region: 'us-east-1',
    ecrRepositoryArns: [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/mlnews/trainer`],
  });
  training.grantCreateTrainingJob(trainer, 'mlnews-train-');

  new ModelInvocationLogging(stack, 'bedrock-logging', {
    accountId: ACCOUNT,
    region: 'us-east-1',
    cloudWatch: { kmsKeyArn: KEY, largeDataBucket: logs },
    s3: { bucket: logs },
    imageDataDelivery: true,
  });

  const api = new HttpApi(stack, 'api', {
    name: 'mlnews-api',
    jwt: { issuer: cognitoIssuer('us-east-1', 'us-east-1_AbCdEf123'), audience: ['4example1clientid'] },
    defaultAuth: 'jwt',
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowCredentials: true,
      exposeHeaders: ['x-request-id'],
    },
    throttle: { burstLimit: 50, rateLimit: 20 },
    detailedMetrics: true,
    accessLogKmsKeyArn: KEY,
    domain: {
      domainName: 'api.example.com',
      certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012`,
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      basePath: 'v1',
    },
    routes: [
      {
        method: 'POST',
        path: '/api/v1/predict',
        handler: inference,
        authorizationScopes: ['mlnews/predict'],
      },
      {
        method: 'GET',
        path: '/api/v1/model/train/{job_id}',
        handler: trainer,
        throttle: { burstLimit: 2, rateLimit: 1 },
      },
      { method: 'POST', path: '/internal/retrain', handler: trainer, auth: 'iam' },
      {
        method: 'GET',
        path: '/health',
        handler: health,
        auth: { publicReason: 'uptime checks call it; it returns no data' },
      },
    ],
  });
  api.addRoute({ method: 'ANY', path: '/files/{proxy+}', handler: inference });
  api.grantInvokeRoute(
    new Role(stack, 'scheduler', { name: 'mlnews-scheduler', assumedBy: ['scheduler.amazonaws.com'] }),
    'POST',
    '/internal/retrain',
  );

  new LambdaAlarms(stack, 'inference-alarms', {
    function: inference,
    alarmTopicArn: TOPIC,
    name: 'mlnews-inference',
  });
  new HttpApiAlarms(stack, 'api-alarms', { api, alarmTopicArn: TOPIC, name: 'mlnews-api' });
  new DynamoDbTableAlarms(stack, 'feedback-alarms', {
    table: feedback,
    alarmTopicArn: TOPIC,
    name: 'mlnews-feedback',
  });

  const synthesized = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, unknown>>;
    provider: Record<string, Record<string, unknown>[]>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init and validate succeed without warnings', () => {
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });

  it('plans offline to create every synthesized resource and nothing else', () => {
    const plan = runTerraform(
      ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
      dir,
      env,
    );
    expect({ status: plan.status, output: plan.status === 0 ? '' : plan.stderr || plan.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
    const json = JSON.parse(show.stdout) as TerraformPlanJson;
    const changes: readonly PlanResourceChange[] = (json.resource_changes ?? []).filter(
      (c) => c.mode === 'managed',
    );
    expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    expect(expectedAddresses.length).toBeGreaterThan(80);
  });
});
