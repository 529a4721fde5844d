import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { MlnewsEnvironmentConfig, validateMlnewsEnvironment } from '../../../stacks/mlnews/config';
import { MLNEWS_ENVIRONMENTS } from '../../../stacks/mlnews/environments';
import {
  MLNEWS_FUNCTIONS,
  MLNEWS_ROUTES,
  MODEL_ACCURACY_METRIC,
  accuracyMetricEnvironment,
} from '../../../stacks/mlnews/contract';

const PROD = MLNEWS_ENVIRONMENTS[2];

function problemsOf(cfg: unknown): readonly ValidationProblem[] {
  try {
    validateMlnewsEnvironment(cfg as MlnewsEnvironmentConfig);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  return [];
}

const prod = (overrides: Record<string, unknown>): unknown => ({ ...PROD, ...overrides });

describe('the shipped mlnews environments', () => {
  it('are dev, staging and prod, without a VPC', () => {
    expect(MLNEWS_ENVIRONMENTS.map((e) => [e.name, e.vpcCidr, e.availabilityZones])).toEqual([
      ['dev', undefined, []],
      ['staging', undefined, []],
      ['prod', undefined, []],
    ]);
  });

  it.each(MLNEWS_ENVIRONMENTS.map((e) => [e.name, e] as const))('%s is valid', (_name, cfg) => {
    expect(problemsOf(cfg)).toEqual([]);
  });
});

describe('the seed 003 contract', () => {
  it("sizes the functions as the seed's SAM template does", () => {
    expect(
      Object.fromEntries(
        Object.entries(MLNEWS_FUNCTIONS).map(([k, v]) => [k, [v.memorySizeInMb, v.timeoutInSeconds]]),
      ),
    ).toEqual({
      inference: [1024, 30],
      feedback: [512, 30],
      model: [2048, 900],
      evaluation: [1024, 300],
      health: [512, 30],
    });
  });

  it("lists the seed's twelve routes, users on JWT, model management for operators, health public", () => {
    expect(MLNEWS_ROUTES.map((r) => `${r.auth} ${r.method} ${r.path} -> ${r.handler}`)).toEqual([
      'user POST /api/v1/predict -> inference',
      'user POST /api/v1/predict/batch -> inference',
      'user POST /api/v1/feedback -> feedback',
      'user GET /api/v1/feedback/stats -> feedback',
      'user GET /api/v1/model/versions -> model',
      'operator GET /api/v1/model/train/{job_id} -> model',
      'operator POST /api/v1/model/train -> model',
      'operator POST /api/v1/model/deploy/{version} -> model',
      'operator POST /api/v1/model/evaluate -> evaluation',
      'operator GET /api/v1/model/evaluate/{evaluation_id} -> evaluation',
      'operator POST /api/v1/model/retrain-check -> evaluation',
      'public GET /health -> health',
    ]);
  });

  it('tells the evaluation function where to publish ModelAccuracy', () => {
    expect(MODEL_ACCURACY_METRIC).toMatchObject({ namespace: 'MLNews', metricName: 'ModelAccuracy' });
    expect(accuracyMetricEnvironment('prod')).toEqual({
      METRICS_NAMESPACE: 'MLNews',
      METRICS_ACCURACY_METRIC: 'ModelAccuracy',
      METRICS_DIMENSION_NAME: 'Environment',
      METRICS_DIMENSION_VALUE: 'prod',
    });
  });
});

describe('validateMlnewsEnvironment', () => {
  const cases: [string, unknown, string, unknown, RegExp, RegExp][] = [
    [
      'a VPC block',
      prod({ vpcCidr: '10.70.0.0/16' }),
      'vpcCidr',
      '10.70.0.0/16',
      /mlnews has no VPC/,
      /remove vpcCidr/,
    ],
    [
      'an upper-case bucket',
      prod({ artifactBucket: 'Artifacts' }),
      'artifactBucket',
      'Artifacts',
      /not an S3 bucket name/,
      /acme-mlnews-artifacts/,
    ],
    [
      'a key that is not a .zip',
      prod({ artifacts: { ...PROD.artifacts, model: { key: 'model/1.0.0.tar.gz' } } }),
      'artifacts.model.key',
      'model/1.0.0.tar.gz',
      /not the key of a \.zip/,
      /"model\/1\.0\.0\.zip"/,
    ],
    [
      'a missing function artifact',
      prod({ artifacts: { ...PROD.artifacts, health: undefined } }),
      'artifacts.health.key',
      undefined,
      /not the key of a \.zip/,
      /"health\/1\.0\.0\.zip"/,
    ],
    [
      'a bad object version',
      prod({ artifacts: { ...PROD.artifacts, inference: { key: 'inference/1.zip', objectVersion: 'v 1' } } }),
      'artifacts.inference.objectVersion',
      'v 1',
      /not an S3 version id/,
      /VersionId/,
    ],
    [
      'an unknown function',
      prod({ artifacts: { ...PROD.artifacts, trainer: { key: 'trainer.zip' } } }),
      'artifacts',
      ['trainer'],
      /names functions the system does not have/,
      /inference, feedback, model, evaluation, health/,
    ],
    [
      'no origin',
      prod({ corsAllowOrigins: [] }),
      'corsAllowOrigins',
      [],
      /at least one origin/,
      /news\.example\.com/,
    ],
    [
      'the wildcard origin',
      prod({ corsAllowOrigins: ['*'] }),
      'corsAllowOrigins[0]',
      '*',
      /not an origin/,
      /https:\/\/news\.example\.com/,
    ],
    [
      'a plain-http origin',
      prod({ corsAllowOrigins: ['http://news.example.com'] }),
      'corsAllowOrigins[0]',
      'http://news.example.com',
      /not https/,
      /https:/,
    ],
    [
      'an origin with a path',
      prod({ corsAllowOrigins: ['https://news.example.com/app'] }),
      'corsAllowOrigins[0]',
      'https://news.example.com/app',
      /has a path/,
      /https:/,
    ],
    [
      'an origin with a trailing slash',
      prod({ corsAllowOrigins: ['https://news.example.com/'] }),
      'corsAllowOrigins[0]',
      'https://news.example.com/',
      /trailing slash/,
      /https:/,
    ],
    [
      'a burst of 0',
      prod({ throttle: { burstLimit: 0, rateLimit: 10 } }),
      'throttle.burstLimit',
      0,
      /1 to 5000/,
      /1 to 5000/,
    ],
    [
      'no rate',
      prod({ throttle: { burstLimit: 10 } }),
      'throttle.rateLimit',
      undefined,
      /is required/,
      /1 to 10000/,
    ],
    ['MFA off', prod({ mfa: 'off' }), 'mfa', 'off', /"required" or "optional"/, /authenticator/],
    [
      'an accuracy of 1',
      prod({ alarms: { api5xxPer5Minutes: 10, minimumModelAccuracy: 1 } }),
      'alarms.minimumModelAccuracy',
      1,
      /between 0 and 1/,
      /0\.75/,
    ],
    [
      'a 5xx threshold of 0',
      prod({ alarms: { api5xxPer5Minutes: 0, minimumModelAccuracy: 0.75 } }),
      'alarms.api5xxPer5Minutes',
      0,
      /1 to 100000/,
      /1 to 100000/,
    ],
    [
      '0 days of versions',
      prod({ noncurrentVersionExpirationInDays: 0 }),
      'noncurrentVersionExpirationInDays',
      0,
      /1 to 3650/,
      /1 to 3650/,
    ],
    [
      'a string for deletion protection',
      prod({ deletionProtection: 'yes' }),
      'deletionProtection',
      'yes',
      /true or false/,
      /mistaken destroy/,
    ],
    [
      'no alarm e-mail',
      prod({ alarmEmails: [] }),
      'alarmEmails',
      [],
      /at least one address/,
      /ml-oncall@example\.com/,
    ],
  ];

  it.each(cases)('refuses %s (field, value, problem and fix)', (_label, cfg, field, value, problem, fix) => {
    const found = problemsOf(cfg).filter((p) => p.field === field && problem.test(p.problem));
    expect(found).toHaveLength(1);
    expect(found[0].value).toEqual(value);
    expect(found[0].fix).toMatch(fix);
  });

  it.each<[string, unknown]>([
    ['a localhost origin', prod({ corsAllowOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000'] })],
    ['an origin with a port', prod({ corsAllowOrigins: ['https://news.example.com:8443'] })],
    [
      'an object version',
      prod({ artifacts: { ...PROD.artifacts, inference: { key: 'a.zip', objectVersion: '3HL4kqtJ.l' } } }),
    ],
    ['the throttle limits', prod({ throttle: { burstLimit: 5000, rateLimit: 10000 } })],
    ['the smallest throttle', prod({ throttle: { burstLimit: 1, rateLimit: 1 } })],
    ['MFA optional', prod({ mfa: 'optional' })],
    ['an accuracy of 0.99', prod({ alarms: { api5xxPer5Minutes: 1, minimumModelAccuracy: 0.99 } })],
    ['ten years of versions', prod({ noncurrentVersionExpirationInDays: 3650 })],
  ])('accepts %s', (_label, cfg) => {
    expect(problemsOf(cfg)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an empty object', {}],
    ['nested nulls', prod({ artifacts: null, throttle: null, alarms: null, corsAllowOrigins: null })],
  ])('gives untyped callers the ValidationError, never a TypeError (%s)', (_label, cfg) => {
    expect(() => validateMlnewsEnvironment(cfg as MlnewsEnvironmentConfig)).toThrow(ValidationError);
  });
});
