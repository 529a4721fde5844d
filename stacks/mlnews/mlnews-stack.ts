import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { SecureBucket } from '../../modules/s3';
import { Table } from '../../modules/dynamodb-table';
import { LambdaFunction } from '../../modules/lambda';
import { HttpApi, HttpRoute } from '../../modules/http-api';
import { UserPool } from '../../modules/cognito';
import { TrainingRole } from '../../modules/sagemaker';
import { grantPutMetricData } from '../../modules/iam';
import {
  AlarmTopic,
  DynamoDbTableAlarms,
  HttpApiAlarms,
  LambdaAlarms,
  MetricThresholdAlarm,
} from '../../modules/monitoring';
import { PolicySuppressions } from '../../modules/policy';
import { SystemStack, SystemStackProps } from '../shared/system-stack';
import { MlnewsEnvironmentConfig, validateMlnewsEnvironment } from './config';
import {
  MLNEWS_FUNCTIONS,
  MLNEWS_FUNCTION_NAMES,
  MLNEWS_ROUTES,
  MODEL_ACCURACY_METRIC,
  MlnewsFunctionName,
  accuracyMetricEnvironment,
} from './contract';

/** Runtime of the functions (the seed's python3.10 is two releases behind; 3.12 runs on arm64). */
export const MLNEWS_RUNTIME = 'python3.12';
/** Prefix under which the models bucket keeps model artifacts (training output, deployed versions). */
export const MODELS_PREFIX = 'models/';
/**
 * Prefixes of the data bucket that training jobs read: the raw dataset (seed: `raw/`), the splits
 * the model function prepares, and exported feedback.
 */
export const TRAINING_DATA_PREFIXES = ['raw/', 'train/', 'test/', 'feedback/'] as const;
/**
 * Functions only the HTTP API invokes (synchronously: a failure goes back to the caller), which
 * therefore get no dead-letter queue. The model and evaluation functions keep theirs: their long
 * work (up to 900 and 300 s) runs in asynchronous self-invocations the API cannot wait for.
 */
export const SYNC_ONLY: readonly MlnewsFunctionName[] = ['inference', 'feedback', 'health'];
/** DynamoDB operations the functions call (their system errors are alarmed on). */
export const TABLE_OPERATIONS = ['GetItem', 'PutItem', 'Query', 'Scan'] as const;

/**
 * One environment of the serverless ML news categorization system (seed 003, option 1): an HTTP
 * API (Cognito JWTs for users, IAM for operators, CORS for the web app's origins) in front of five
 * Lambda functions, three on-demand DynamoDB tables, versioned buckets for models and data, a
 * SageMaker training role, X-Ray, and alarms (API 5xx, model accuracy, Lambda errors and
 * throttles, DynamoDB throttles). No VPC: the functions call only AWS APIs (see README).
 *
 * Wiring runs one way: storage -> identity -> functions (and their grants) -> API -> monitoring.
 */
export class MlnewsStack extends SystemStack<MlnewsEnvironmentConfig> {
  public readonly modelsBucket: SecureBucket;
  public readonly dataBucket: SecureBucket;
  public readonly tables: Readonly<Record<'feedback' | 'models' | 'evaluations', Table>>;
  public readonly users: UserPool;
  public readonly functions: Readonly<Record<MlnewsFunctionName, LambdaFunction>>;
  public readonly api: HttpApi;
  public readonly trainingRole: TrainingRole;
  public readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, id: string, props: SystemStackProps<MlnewsEnvironmentConfig>) {
    super(scope, id, props, 'mlnews');
    const env = props.environment;
    validateMlnewsEnvironment(env);
    const name = this.stackName;
    const bucketName = (purpose: string) => `${props.project.bucketPrefix}-${name}-${purpose}`;

    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      topicName: `${name}-alarms`,
      emails: [...env.alarmEmails],
    });

    // Storage: models and training data, versioned (the undo of a bad model or upload), with their
    // S3 access logs in a third bucket.
    const accessLogs = new SecureBucket(this, 'access-logs', {
      bucketName: bucketName('access-logs'),
      serverAccessLogsDelivery: {
        sourceBucketArns: [`arn:aws:s3:::${bucketName('models')}`, `arn:aws:s3:::${bucketName('data')}`],
      },
      lifecycleRules: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: env.logRetentionInDays }],
        },
      ],
      noncurrentVersionExpirationInDays: 7,
    });
    const versioned = (purpose: string) =>
      new SecureBucket(this, `${purpose}-bucket`, {
        bucketName: bucketName(purpose),
        noncurrentVersionExpirationInDays: env.noncurrentVersionExpirationInDays,
        accessLogging: {
          targetBucket: accessLogs.bucketName,
          targetPrefix: `${purpose}/`,
          partitionedPrefix: true,
        },
      });
    this.modelsBucket = versioned('models');
    this.dataBucket = versioned('data');

    // The seed's tables and keys, on demand, point-in-time recovery on.
    const table = (tableId: string, partitionKey: string, sortKey?: string) =>
      new Table(this, `${tableId}-table`, {
        tableName: `${name}-${tableId}`,
        partitionKey: { name: partitionKey, type: 'S' },
        sortKey: sortKey ? { name: sortKey, type: 'S' } : undefined,
        deletionProtection: env.deletionProtection,
      });
    this.tables = {
      feedback: table('feedback', 'prediction_id', 'created_at'),
      models: table('models', 'version'),
      evaluations: table('evaluations', 'evaluation_id'),
    };

    // Identity: administrators create users; the web app signs in with SRP and sends access tokens.
    this.users = new UserPool(this, 'users', {
      userPoolName: `${name}-users`,
      mfa: env.mfa,
      deletionProtection: env.deletionProtection,
    });
    const webClient = this.users.addClient('web-client', { clientName: `${name}-web` });

    // Functions: prebuilt .zip files from the artifact bucket, arm64, X-Ray active, own log groups.
    const shared = {
      ENVIRONMENT: env.name,
      S3_MODEL_BUCKET: this.modelsBucket.bucketName,
      DYNAMODB_FEEDBACK_TABLE: this.tables.feedback.tableName,
      DYNAMODB_MODEL_TABLE: this.tables.models.tableName,
    };
    const trainingJobPrefix = `${name}-`;
    this.trainingRole = new TrainingRole(this, 'training-role', {
      roleName: `${name}-training`,
      modelBucket: this.modelsBucket,
      modelPrefixes: [MODELS_PREFIX],
      dataBucket: this.dataBucket,
      dataPrefixes: [...TRAINING_DATA_PREFIXES],
      region: env.region,
    });
    const extra: Record<MlnewsFunctionName, Record<string, string>> = {
      inference: shared,
      feedback: shared,
      model: {
        ...shared,
        S3_DATA_BUCKET: this.dataBucket.bucketName,
        SAGEMAKER_ROLE_ARN: this.trainingRole.roleArn,
        TRAINING_JOB_PREFIX: trainingJobPrefix,
      },
      evaluation: {
        ...shared,
        DYNAMODB_EVALUATION_TABLE: this.tables.evaluations.tableName,
        ...accuracyMetricEnvironment(env.name),
      },
      health: { ENVIRONMENT: env.name },
    };
    const fn = (fnName: MlnewsFunctionName) => {
      const spec = MLNEWS_FUNCTIONS[fnName];
      const artifact = env.artifacts[fnName];
      return new LambdaFunction(this, `${fnName}-function`, {
        functionName: `${name}-${fnName}`,
        description: spec.description,
        code: {
          s3: { bucketName: env.artifactBucket, key: artifact.key, objectVersion: artifact.objectVersion },
        },
        runtime: MLNEWS_RUNTIME,
        handler: 'app.handler',
        memorySizeInMb: spec.memorySizeInMb,
        timeoutInSeconds: spec.timeoutInSeconds,
        environment: extra[fnName],
        logRetentionInDays: env.logRetentionInDays,
        logFormat: 'JSON',
        createDeadLetterQueue: !SYNC_ONLY.includes(fnName),
      });
    };
    this.functions = Object.fromEntries(MLNEWS_FUNCTION_NAMES.map((f) => [f, fn(f)])) as Record<
      MlnewsFunctionName,
      LambdaFunction
    >;
    const { inference, feedback, model, evaluation } = this.functions;

    // Grants: the seed's SAM policies, narrowed to prefixes and to the actions each function uses.
    this.modelsBucket.grantRead(inference, MODELS_PREFIX);
    this.tables.models.grantReadData(inference);
    this.tables.feedback.grantReadWriteData(feedback);
    this.modelsBucket.grantReadWrite(model, MODELS_PREFIX);
    this.dataBucket.grantReadWrite(model);
    this.tables.models.grantReadWriteData(model);
    this.trainingRole.grantCreateTrainingJob(model, trainingJobPrefix);
    this.modelsBucket.grantRead(evaluation, MODELS_PREFIX);
    this.tables.feedback.grantReadData(evaluation);
    this.tables.models.grantReadWriteData(evaluation);
    this.tables.evaluations.grantReadWriteData(evaluation);
    grantPutMetricData(evaluation, [MODEL_ACCURACY_METRIC.namespace]);

    // The API: every route authorized (users by JWT, operators by IAM) except the health check.
    const routes: HttpRoute[] = MLNEWS_ROUTES.map((r) => ({
      method: r.method,
      path: r.path,
      handler: this.functions[r.handler],
      auth:
        r.auth === 'user'
          ? 'jwt'
          : r.auth === 'operator'
            ? 'iam'
            : {
                publicReason:
                  'Uptime checks call it without credentials; it returns only the service status.',
              },
      // Training starts SageMaker jobs: one a second at most, whatever the stage allows.
      throttle: r.path === '/api/v1/model/train' ? { burstLimit: 1, rateLimit: 1 } : undefined,
    }));
    this.api = new HttpApi(this, 'api', {
      name: `${name}-api`,
      description: `ML news categorization API (${env.name})`,
      jwt: { issuer: this.users.issuerUrl, audience: [webClient.clientId] },
      cors: {
        allowOrigins: [...env.corsAllowOrigins],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Correlation-ID'],
      },
      throttle: { ...env.throttle },
      accessLogRetentionInDays: env.logRetentionInDays,
      routes,
    });

    // Monitoring: the seed's two alarms, plus errors and throttles of every function and table.
    new HttpApiAlarms(this, 'api-alarms', {
      name: `${name}-api`,
      api: { apiId: this.api.apiId, stageName: this.api.stageName },
      topicArn: this.alarmTopic.topicArn,
      thresholds: { serverErrorCount: env.alarms.api5xxPer5Minutes },
    });
    new MetricThresholdAlarm(this, 'accuracy-alarm', {
      alarmName: `${name}-model-accuracy-low`,
      description:
        `Hourly average ${MODEL_ACCURACY_METRIC.namespace}/${MODEL_ACCURACY_METRIC.metricName} below ` +
        `${env.alarms.minimumModelAccuracy}: check the latest evaluation and retrain (POST /api/v1/model/train).`,
      metric: {
        namespace: MODEL_ACCURACY_METRIC.namespace,
        metricName: MODEL_ACCURACY_METRIC.metricName,
        dimensions: { [MODEL_ACCURACY_METRIC.dimensionName]: env.name },
        statistic: MODEL_ACCURACY_METRIC.statistic,
        periodInSeconds: MODEL_ACCURACY_METRIC.periodInSeconds,
      },
      comparison: 'below',
      threshold: env.alarms.minimumModelAccuracy,
      // Evaluations run on demand: an hour without one says nothing about accuracy.
      treatMissingData: 'notBreaching',
      topicArn: this.alarmTopic.topicArn,
    });
    for (const f of MLNEWS_FUNCTION_NAMES) {
      new LambdaAlarms(this, `${f}-alarms`, {
        name: `${name}-${f}`,
        function: this.functions[f],
        topicArn: this.alarmTopic.topicArn,
      });
    }
    for (const [key, t] of Object.entries(this.tables)) {
      new DynamoDbTableAlarms(this, `${key}-table-alarms`, {
        name: `${name}-${key}-table`,
        table: t,
        topicArn: this.alarmTopic.topicArn,
        // The operations the functions call: each watched operation is one more alarm metric ($0.10).
        systemErrorOperations: [...TABLE_OPERATIONS],
      });
    }

    this.recordDecisions(env);
    this.outputs(webClient.clientId);
  }

  /** Findings accepted on purpose, each with its reason (listed in the synth output). */
  private recordDecisions(env: MlnewsEnvironmentConfig): void {
    for (const f of SYNC_ONLY) {
      PolicySuppressions.add(this.functions[f], [
        {
          id: 'MLM-LAMBDA-002',
          reason:
            'Invoked only synchronously by the HTTP API: a failed invocation returns its error to the caller, ' +
            'so a dead-letter queue would never receive a message.',
        },
      ]);
    }
    for (const f of MLNEWS_FUNCTION_NAMES) {
      PolicySuppressions.add(this.functions[f], [
        {
          id: 'MLM-LAMBDA-003',
          reason:
            'The API stage throttle (config throttle, and 1 request/s on training) caps concurrency; reserving ' +
            'concurrency needs an account quota of 100 unreserved plus the reservation, which new accounts lack.',
        },
        {
          id: 'MLM-LAMBDA-004',
          reason:
            'The environment holds only resource names and the metric namespace (the lambda module refuses ' +
            'secret-looking keys and values); a customer key would add $1 a month and protect nothing secret.',
        },
      ]);
    }
    if (!env.deletionProtection) {
      const reason = `Environment ${env.name} is disposable (deletionProtection: false in its config), so destroy must work.`;
      PolicySuppressions.add(this.users, [{ id: 'MLM-COG-005', reason }]);
      for (const t of Object.values(this.tables)) PolicySuppressions.add(t, [{ id: 'MLM-DDB-004', reason }]);
    }
  }

  private outputs(clientId: string): void {
    const out = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description });
    out('api_url', this.api.url, 'Invoke URL of the API (execute-api endpoint, $default stage)');
    out('user_pool_id', this.users.userPoolId, 'Cognito user pool (administrators create users here)');
    out('web_client_id', clientId, 'App client id of the web app (the JWT audience)');
    out('models_bucket', this.modelsBucket.bucketName, 'Bucket of model artifacts (models/)');
    out('data_bucket', this.dataBucket.bucketName, 'Bucket of training data');
    out('training_role_arn', this.trainingRole.roleArn, 'Execution role of SageMaker training jobs');
    out('alarm_topic_arn', this.alarmTopic.topicArn, 'SNS topic every alarm notifies');
  }
}
