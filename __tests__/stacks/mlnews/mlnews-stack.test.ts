import { Testing } from 'cdktf';
import { applyPolicyPack } from '../../../modules/policy';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import { PROJECT } from '../../../stacks/shared/project';
import { MlnewsStack } from '../../../stacks/mlnews/mlnews-stack';
import { MlnewsEnvironmentConfig } from '../../../stacks/mlnews/config';
import { MLNEWS_ENVIRONMENTS } from '../../../stacks/mlnews/environments';

type Loose = ReturnType<typeof JSON.parse>;

/** Builds one environment as main.ts does (policy pack applied) and synthesizes it once. */
function synthEnv(cfg: MlnewsEnvironmentConfig) {
  const stack = new MlnewsStack(Testing.app(), `mlnews-${cfg.name}`, {
    project: PROJECT,
    stateBackend: DEFAULT_STATE_BACKEND,
    environment: cfg,
  });
  const log: string[] = [];
  applyPolicyPack(stack, { log: (m) => log.push(m) });
  const out = Testing.synth(stack, true);
  const json = JSON.parse(out) as Loose;
  const all = (type: string): Loose[] => Object.values(json.resource[type] ?? {});
  const only = (type: string): Loose => {
    const found = all(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  };
  const fn = (name: string): Loose => all('aws_lambda_function').find((f: Loose) => f.function_name === name);
  const statements = (fragment: string): Loose[] =>
    Object.entries(json.data.aws_iam_policy_document)
      .filter(([k]) => k.startsWith(fragment))
      .flatMap(([, d]) => (d as Loose).statement);
  return { stack, out, json, log, all, only, fn, statements };
}

/** What differs between the environments, as the environments file's table states it. */
const EXPECTED: Record<
  string,
  {
    origins: string[];
    burst: number;
    rate: number;
    mfa: string;
    logDays: number;
    versionDays: number;
    protection: boolean;
    email: string;
    policy: string;
  }
> = {
  dev: {
    origins: ['https://news-dev.example.com', 'http://localhost:5173'],
    burst: 20,
    rate: 10,
    mfa: 'OPTIONAL',
    logDays: 14,
    versionDays: 30,
    protection: false,
    email: 'ml-news-dev@example.com',
    policy: '0 error(s), 14 warning(s), 18 suppressed',
  },
  staging: {
    origins: ['https://news-staging.example.com'],
    burst: 50,
    rate: 20,
    mfa: 'ON',
    logDays: 30,
    versionDays: 60,
    protection: true,
    email: 'ml-news-staging@example.com',
    policy: '0 error(s), 14 warning(s), 14 suppressed',
  },
  prod: {
    origins: ['https://news.example.com'],
    burst: 100,
    rate: 50,
    mfa: 'ON',
    logDays: 90,
    versionDays: 90,
    protection: true,
    email: 'ml-news-oncall@example.com',
    policy: '0 error(s), 14 warning(s), 14 suppressed',
  },
};

describe.each(MLNEWS_ENVIRONMENTS.map((e) => [e.name, e] as const))('mlnews stack %s', (envName, cfg) => {
  const s = synthEnv(cfg);
  const want = EXPECTED[envName];
  const name = `mlnews-${envName}`;

  it('passes the policy pack as main.ts applies it: no error', () => {
    expect(s.log[0].split('\n')[0]).toBe(`Policy pack ${name}: ${want.policy}`);
  });

  it('keeps its state under its own key, tags every resource and has no network at all', () => {
    expect(s.json.terraform.backend.s3).toMatchObject({ key: `${name}/terraform.tfstate`, encrypt: true });
    expect(s.json.provider.aws[0].default_tags[0].tags).toMatchObject({
      Environment: envName,
      System: 'mlnews',
      Owner: 'ml-news',
      CostCenter: 'ml-research',
    });
    for (const type of [
      'aws_vpc',
      'aws_nat_gateway',
      'aws_subnet',
      'aws_security_group',
      'aws_vpc_endpoint',
    ]) {
      expect(s.all(type)).toEqual([]);
    }
  });

  it("runs the seed's five functions from prebuilt artifacts: sizes, arm64, X-Ray, JSON logs", () => {
    const sizes = Object.fromEntries(
      s.all('aws_lambda_function').map((f: Loose) => [f.function_name, [f.memory_size, f.timeout]]),
    );
    expect(sizes).toEqual({
      [`${name}-inference`]: [1024, 30],
      [`${name}-feedback`]: [512, 30],
      [`${name}-model`]: [2048, 900],
      [`${name}-evaluation`]: [1024, 300],
      [`${name}-health`]: [512, 30],
    });
    for (const f of s.all('aws_lambda_function')) {
      expect(f).toMatchObject({
        runtime: 'python3.12',
        handler: 'app.handler',
        architectures: ['arm64'],
        tracing_config: { mode: 'Active' },
        s3_bucket: 'example-mlnews-artifacts',
        logging_config: expect.objectContaining({ log_format: 'JSON' }),
      });
      expect(f.vpc_config).toBeUndefined();
    }
    expect(s.fn(`${name}-model`).s3_key).toBe('model/1.0.0.zip');
    expect(s.all('aws_cloudwatch_log_group').map((g: Loose) => g.retention_in_days)).toEqual(
      Array(6).fill(want.logDays),
    );
  });

  it('gives dead-letter queues only to the functions that run asynchronous work', () => {
    expect(
      s
        .all('aws_sqs_queue')
        .map((q: Loose) => q.name)
        .sort(),
    ).toEqual([`${name}-evaluation-dlq`, `${name}-model-dlq`]);
    expect(s.fn(`${name}-inference`).dead_letter_config).toBeUndefined();
  });

  it('passes resource names, the training role and the metric contract in the environment', () => {
    expect(Object.keys(s.fn(`${name}-model`).environment.variables).sort()).toEqual([
      'DYNAMODB_FEEDBACK_TABLE',
      'DYNAMODB_MODEL_TABLE',
      'ENVIRONMENT',
      'S3_DATA_BUCKET',
      'S3_MODEL_BUCKET',
      'SAGEMAKER_ROLE_ARN',
      'TRAINING_JOB_PREFIX',
    ]);
    expect(s.fn(`${name}-model`).environment.variables.TRAINING_JOB_PREFIX).toBe(`${name}-`);
    expect(s.fn(`${name}-evaluation`).environment.variables).toMatchObject({
      METRICS_NAMESPACE: 'MLNews',
      METRICS_ACCURACY_METRIC: 'ModelAccuracy',
      METRICS_DIMENSION_NAME: 'Environment',
      METRICS_DIMENSION_VALUE: envName,
    });
    expect(s.fn(`${name}-health`).environment.variables).toEqual({ ENVIRONMENT: envName });
  });

  it("creates the seed's three on-demand tables with its keys, PITR and deletion protection per env", () => {
    const tables = Object.fromEntries(
      s
        .all('aws_dynamodb_table')
        .map((t: Loose) => [
          t.name,
          [
            t.hash_key,
            t.range_key,
            t.billing_mode,
            t.point_in_time_recovery.enabled,
            t.deletion_protection_enabled,
          ],
        ]),
    );
    expect(tables).toEqual({
      [`${name}-feedback`]: ['prediction_id', 'created_at', 'PAY_PER_REQUEST', true, want.protection],
      [`${name}-models`]: ['version', undefined, 'PAY_PER_REQUEST', true, want.protection],
      [`${name}-evaluations`]: ['evaluation_id', undefined, 'PAY_PER_REQUEST', true, want.protection],
    });
  });

  it('keeps models and data in versioned buckets that log their access', () => {
    expect(
      s
        .all('aws_s3_bucket')
        .map((b: Loose) => b.bucket)
        .sort(),
    ).toEqual([`mlmon-${name}-access-logs`, `mlmon-${name}-data`, `mlmon-${name}-models`]);
    expect(s.all('aws_s3_bucket_versioning').map((v: Loose) => v.versioning_configuration.status)).toEqual([
      'Enabled',
      'Enabled',
      'Enabled',
    ]);
    expect(
      s
        .all('aws_s3_bucket_logging')
        .map((l: Loose) => l.target_prefix)
        .sort(),
    ).toEqual(['data/', 'models/']);
    const noncurrent = s
      .all('aws_s3_bucket_lifecycle_configuration')
      .map(
        (l: Loose) =>
          l.rule.find((r: Loose) => r.id === 'expire-noncurrent-versions').noncurrent_version_expiration[0]
            .noncurrent_days,
      )
      .sort((a: number, b: number) => a - b);
    expect(noncurrent).toEqual([7, want.versionDays, want.versionDays]);
  });

  it('authenticates users with Cognito: admin-created, MFA per environment, no client secret', () => {
    expect(s.only('aws_cognito_user_pool')).toMatchObject({
      name: `${name}-users`,
      mfa_configuration: want.mfa,
      admin_create_user_config: { allow_admin_create_user_only: true },
      deletion_protection: want.protection ? 'ACTIVE' : 'INACTIVE',
    });
    expect(s.only('aws_cognito_user_pool_client')).toMatchObject({
      name: `${name}-web`,
      generate_secret: false,
    });
  });

  it('authorizes every route: users by JWT, operators by IAM, only /health public', () => {
    const auth = Object.fromEntries(
      s.all('aws_apigatewayv2_route').map((r: Loose) => [r.route_key, r.authorization_type]),
    );
    expect(auth).toEqual({
      'POST /api/v1/predict': 'JWT',
      'POST /api/v1/predict/batch': 'JWT',
      'POST /api/v1/feedback': 'JWT',
      'GET /api/v1/feedback/stats': 'JWT',
      'GET /api/v1/model/versions': 'JWT',
      'GET /api/v1/model/train/{job_id}': 'AWS_IAM',
      'POST /api/v1/model/train': 'AWS_IAM',
      'POST /api/v1/model/deploy/{version}': 'AWS_IAM',
      'POST /api/v1/model/evaluate': 'AWS_IAM',
      'GET /api/v1/model/evaluate/{evaluation_id}': 'AWS_IAM',
      'POST /api/v1/model/retrain-check': 'AWS_IAM',
      'GET /health': 'NONE',
    });
    expect(s.only('aws_apigatewayv2_authorizer')).toMatchObject({
      authorizer_type: 'JWT',
      jwt_configuration: {
        audience: [expect.stringMatching(/aws_cognito_user_pool_client\./)],
        issuer: expect.stringMatching(/^https:\/\/\$\{aws_cognito_user_pool\..*\.endpoint\}$/),
      },
    });
    expect(s.all('aws_lambda_permission')).toHaveLength(12);
  });

  it('allows the web app origins only (CORS) and throttles the stage, training to 1 request/s', () => {
    expect(s.only('aws_apigatewayv2_api').cors_configuration).toEqual({
      allow_credentials: false,
      allow_headers: ['Authorization', 'Content-Type', 'X-Correlation-ID'],
      allow_methods: ['GET', 'POST', 'OPTIONS'],
      allow_origins: want.origins,
      max_age: 300,
    });
    const stage = s.only('aws_apigatewayv2_stage');
    expect(stage.default_route_settings).toMatchObject({
      throttling_burst_limit: want.burst,
      throttling_rate_limit: want.rate,
    });
    expect(stage.route_settings).toEqual([
      expect.objectContaining({
        route_key: 'POST /api/v1/model/train',
        throttling_burst_limit: 1,
        throttling_rate_limit: 1,
      }),
    ]);
  });

  it('grants each function what its route needs, and the metric only in its namespace', () => {
    const actions = (role: string) =>
      [
        ...new Set(s.statements(`${role}-function_role_policy-document`).flatMap((st: Loose) => st.actions)),
      ].sort();
    expect(actions('health')).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    expect(
      actions('inference').filter((a: string) => a.startsWith('dynamodb:') || a.startsWith('s3:Put')),
    ).toEqual(expect.not.arrayContaining(['dynamodb:PutItem', 's3:PutObject']));
    const evaluation = s.statements('evaluation-function_role_policy-document');
    const metric = evaluation.find((st: Loose) => st.actions.includes('cloudwatch:PutMetricData'));
    expect(metric.condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['MLNews'] },
    ]);
    const model = s.statements('model-function_role_policy-document');
    const jobs = model.find((st: Loose) => st.actions.includes('sagemaker:CreateTrainingJob'));
    expect(jobs.resources).toEqual([`arn:aws:sagemaker:us-east-1:*:training-job/${name}-*`]);
    const pass = model.find((st: Loose) => st.actions.includes('iam:PassRole'));
    expect(pass.condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: ['sagemaker.amazonaws.com'] },
    ]);
    expect(JSON.stringify(s.statements('feedback-function_role_policy-document'))).not.toMatch(
      /sagemaker|s3:/,
    );
  });

  it('lets training jobs read the data prefixes and put model artifacts, nothing else in S3', () => {
    const training = s.statements('training-role_policy-document');
    const s3 = training.filter((st: Loose) => st.actions.some((a: string) => a.startsWith('s3:')));
    expect(JSON.stringify(s3)).toContain('raw/*');
    expect(JSON.stringify(s3)).toContain('models/*');
    expect(JSON.stringify(s3)).not.toContain('s3:DeleteObject');
  });

  it("alarms on the seed's two conditions and on every function and table, each name unique", () => {
    const alarms = s.all('aws_cloudwatch_metric_alarm');
    const byName = Object.fromEntries(alarms.map((a: Loose) => [a.alarm_name, a]));
    expect(alarms).toHaveLength(26);
    expect(Object.keys(byName)).toHaveLength(26);
    expect(byName[`${name}-api-5xx`]).toMatchObject({
      metric_name: '5xx',
      namespace: 'AWS/ApiGateway',
      period: 300,
      threshold: 10,
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(byName[`${name}-model-accuracy-low`]).toMatchObject({
      namespace: 'MLNews',
      metric_name: 'ModelAccuracy',
      dimensions: { Environment: envName },
      statistic: 'Average',
      period: 3600,
      threshold: 0.75,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'notBreaching',
    });
    for (const f of ['inference', 'feedback', 'model', 'evaluation', 'health']) {
      expect(byName[`${name}-${f}-errors`]).toBeDefined();
      expect(byName[`${name}-${f}-throttles`]).toBeDefined();
      expect(byName[`${name}-${f}-dead-letters`] !== undefined).toBe(f === 'model' || f === 'evaluation');
    }
    for (const t of ['feedback', 'models', 'evaluations']) {
      expect(byName[`${name}-${t}-table-throttles`]).toBeDefined();
      expect(byName[`${name}-${t}-table-system-errors`].metric_query).toHaveLength(5);
    }
    for (const a of alarms)
      expect(a.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarms_/)]);
    expect(s.only('aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: want.email });
  });

  it('declares described outputs', () => {
    const outputs = s.json.output as Record<string, Loose>;
    expect(Object.keys(outputs).sort()).toEqual([
      'alarm_topic_arn',
      'api_url',
      'data_bucket',
      'models_bucket',
      'training_role_arn',
      'user_pool_id',
      'web_client_id',
    ]);
    for (const o of Object.values(outputs)) expect(o.description).toEqual(expect.any(String));
  });

  it('matches the snapshot', () => {
    expect(s.out).toMatchSnapshot();
  });
});

describe('mlnews stack on a bad configuration', () => {
  it('throws the configuration error before creating anything', () => {
    expect(
      () =>
        new MlnewsStack(Testing.app(), 'mlnews-bad', {
          project: PROJECT,
          stateBackend: DEFAULT_STATE_BACKEND,
          environment: { ...MLNEWS_ENVIRONMENTS[0], corsAllowOrigins: ['*'] },
        }),
    ).toThrow(/mlnews\.environments\.dev.*\n.*corsAllowOrigins\[0\] = "\*"/);
  });
});
