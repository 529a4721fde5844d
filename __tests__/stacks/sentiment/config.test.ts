import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import {
  REQUIRED_ENDPOINTS_WITHOUT_NAT,
  SENTIMENT_PROFILES,
  SentimentEnvironmentConfig,
  bedrockModelId,
  validateSentimentEnvironment,
} from '../../../stacks/sentiment/config';
import { PROD_PROFILE, SENTIMENT_ENVIRONMENTS, sentimentProd } from '../../../stacks/sentiment/environments';

const STAGING = SENTIMENT_ENVIRONMENTS[1];

function problemsOf(cfg: unknown): readonly ValidationProblem[] {
  try {
    validateSentimentEnvironment(cfg as SentimentEnvironmentConfig);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  return [];
}

/** Staging with some fields replaced (a deep merge of one level). */
function staging(overrides: Record<string, unknown>): unknown {
  return { ...STAGING, ...overrides };
}

describe('the shipped sentiment environments', () => {
  it('are dev, staging and prod, in the address plan (10.60, 10.61, 10.62)', () => {
    expect(SENTIMENT_ENVIRONMENTS.map((e) => [e.name, e.vpcCidr, e.profile])).toEqual([
      ['dev', '10.60.0.0/16', 'optimised'],
      ['staging', '10.61.0.0/16', 'optimised'],
      ['prod', '10.62.0.0/16', 'optimised'],
    ]);
    expect(PROD_PROFILE).toBe('optimised');
  });

  it.each(SENTIMENT_ENVIRONMENTS.map((e) => [e.name, e] as const))('%s is valid', (_name, cfg) => {
    expect(problemsOf(cfg)).toEqual([]);
  });

  it('builds prod in the highAvailability profile with three AZs, and that is valid', () => {
    const ha = sentimentProd('highAvailability');
    expect(ha.availabilityZones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(problemsOf(ha)).toEqual([]);
    expect(sentimentProd('optimised').availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
  });
});

describe('profiles', () => {
  it('optimised: single-AZ data tier, Spot, endpoints in one AZ', () => {
    expect(SENTIMENT_PROFILES.optimised).toEqual({
      minAvailabilityZones: 2,
      databaseMultiAz: false,
      searchNodeCount: 1,
      searchAvailabilityZoneCount: 1,
      cacheNodeCount: 1,
      backendCapacity: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 1 },
      ],
      mlServiceCapacity: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      interfaceEndpointsInEveryAz: false,
    });
  });

  it('highAvailability: Multi-AZ database, 3 search nodes, cache failover, on-demand, endpoints everywhere', () => {
    expect(SENTIMENT_PROFILES.highAvailability).toEqual({
      minAvailabilityZones: 3,
      databaseMultiAz: true,
      searchNodeCount: 3,
      searchAvailabilityZoneCount: 3,
      cacheNodeCount: 2,
      backendCapacity: [{ capacityProvider: 'FARGATE', weight: 1 }],
      mlServiceCapacity: [{ capacityProvider: 'FARGATE', weight: 1 }],
      interfaceEndpointsInEveryAz: true,
    });
  });

  it('reads the model id from a foundation-model ARN', () => {
    expect(bedrockModelId(STAGING.bedrockModelArn)).toBe('anthropic.claude-3-haiku-20240307-v1:0');
  });
});

describe('validateSentimentEnvironment', () => {
  const cases: [string, unknown, string, unknown, RegExp, RegExp][] = [
    [
      'an unknown profile',
      staging({ profile: 'cheap' }),
      'profile',
      'cheap',
      /is not a profile/,
      /"optimised" or "highAvailability"/,
    ],
    [
      'two AZs for highAvailability',
      staging({ profile: 'highAvailability' }),
      'availabilityZones',
      ['us-east-1a', 'us-east-1b'],
      /must list 3 to 6/,
      /us-east-1a/,
    ],
    [
      'another region',
      staging({ region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] }),
      'region',
      'eu-west-1',
      /CloudFront publishes its metrics only in us-east-1/,
      /"us-east-1"/,
    ],
    [
      'no VPC block',
      staging({ vpcCidr: undefined }),
      'vpcCidr',
      undefined,
      /is required/,
      /10\.60\.0\.0\/16/,
    ],
    [
      'an unknown NAT mode',
      staging({ natGateways: 'double' }),
      'natGateways',
      'double',
      /is not a NAT mode/,
      /"none"/,
    ],
    [
      'no NAT and no Bedrock endpoint',
      staging({ interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'] }),
      'interfaceEndpoints',
      ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'],
      /lacks bedrock-runtime: without a NAT gateway/,
      /add "bedrock-runtime", or set natGateways to "single"/,
    ],
    [
      'endpoints not a list',
      staging({ interfaceEndpoints: 'logs' }),
      'interfaceEndpoints',
      'logs',
      /must be a list/,
      /ecr\.api/,
    ],
    [
      'a bad zone id',
      staging({ domain: { ...STAGING.domain, hostedZoneId: 'zone-1' } }),
      'domain.hostedZoneId',
      'zone-1',
      /not a Route 53 hosted zone id/,
      /Z0123456789ABCDEFGHIJ/,
    ],
    [
      'an API name outside the zone',
      staging({ domain: { ...STAGING.domain, apiDomain: 'api.example.org' } }),
      'domain.apiDomain',
      'api.example.org',
      /is not inside the zone example.com/,
      /ending in "\.example\.com"/,
    ],
    [
      'an upper-case app name',
      staging({ domain: { ...STAGING.domain, appDomain: 'Sentiment.example.com' } }),
      'domain.appDomain',
      'Sentiment.example.com',
      /upper-case/,
      /lower-case/,
    ],
    [
      'the same name for app and API',
      staging({ domain: { ...STAGING.domain, apiDomain: STAGING.domain.appDomain } }),
      'domain.apiDomain',
      STAGING.domain.appDomain,
      /same name as appDomain/,
      /api\.<appDomain>/,
    ],
    ['no domain', staging({ domain: undefined }), 'domain', undefined, /is required/, /hostedZoneId/],
    [
      'the latest tag',
      staging({ backend: { ...STAGING.backend, imageTag: 'latest' } }),
      'backend.imageTag',
      'latest',
      /not "latest"/,
      /"1\.4\.2"/,
    ],
    [
      'a size Fargate does not run',
      staging({ mlService: { ...STAGING.mlService, memoryMiB: 1024 } }),
      'mlService.memoryMiB',
      { cpu: 1024, memoryMiB: 1024 },
      /not a task size Fargate accepts/,
      /with cpu 1024 use memoryMiB 2048/,
    ],
    [
      'zero tasks',
      staging({ mlService: { ...STAGING.mlService, desiredCount: 0 } }),
      'mlService.desiredCount',
      0,
      /1 to 100/,
      /1 to 100/,
    ],
    ['no backend', staging({ backend: undefined }), 'backend', undefined, /is required/, /imageTag/],
    [
      'a maximum below the desired count',
      staging({ backend: { ...STAGING.backend, desiredCount: 2, maxCount: 1 } }),
      'backend.maxCount',
      1,
      /below desiredCount \(2\)/,
      /set maxCount to 2 or more/,
    ],
    [
      'a CPU target of 95 %',
      staging({ backend: { ...STAGING.backend, cpuTargetPercent: 95 } }),
      'backend.cpuTargetPercent',
      95,
      /10 to 90/,
      /10 to 90/,
    ],
    [
      'a bad instance class',
      staging({ database: { ...STAGING.database, instanceClass: 't4g.small' } }),
      'database.instanceClass',
      't4g.small',
      /not an RDS instance class/,
      /db\.t4g\.small/,
    ],
    [
      '10 GiB of database storage',
      staging({ database: { ...STAGING.database, allocatedStorageInGiB: 10 } }),
      'database.allocatedStorageInGiB',
      10,
      /20 to 1000/,
      /20 to 1000/,
    ],
    [
      '3 days of backups',
      staging({ database: { ...STAGING.database, backupRetentionInDays: 3 } }),
      'database.backupRetentionInDays',
      3,
      /7 to 35/,
      /7 to 35/,
    ],
    [
      'a bad node type',
      staging({ cacheNodeType: 't4g.micro' }),
      'cacheNodeType',
      't4g.micro',
      /not an ElastiCache node type/,
      /cache\.t4g\.micro/,
    ],
    [
      'a bad search type',
      staging({ search: { ...STAGING.search, instanceType: 't3.small' } }),
      'search.instanceType',
      't3.small',
      /not an OpenSearch instance type/,
      /t3\.small\.search/,
    ],
    [
      '5 GiB per search node',
      staging({ search: { ...STAGING.search, volumeSizeInGiB: 5 } }),
      'search.volumeSizeInGiB',
      5,
      /10 to 1000/,
      /10 to 1000/,
    ],
    [
      'a user as the search master',
      staging({ search: { ...STAGING.search, masterUserArn: 'arn:aws:iam::123456789012:user/admin' } }),
      'search.masterUserArn',
      'arn:aws:iam::123456789012:user/admin',
      /not an IAM role ARN/,
      /role\/search-admin/,
    ],
    [
      'a model id instead of an ARN',
      staging({ bedrockModelArn: 'anthropic.claude-3-haiku-20240307-v1:0' }),
      'bedrockModelArn',
      'anthropic.claude-3-haiku-20240307-v1:0',
      /not a Bedrock foundation-model ARN/,
      /foundation-model\/anthropic/,
    ],
    [
      'a model in another region',
      staging({
        bedrockModelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      }),
      'bedrockModelArn',
      'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      /names region us-west-2, not the stack's region us-east-1/,
      /in us-east-1/,
    ],
    [
      'a rate limit of 5',
      staging({ waf: { ...STAGING.waf, rateLimitPer5Minutes: 5 } }),
      'waf.rateLimitPer5Minutes',
      5,
      /10 to 2000000000/,
      /10 to 2000000000/,
    ],
    [
      'a string for the CloudFront WAF',
      staging({ waf: { ...STAGING.waf, cloudFront: 'yes' } }),
      'waf.cloudFront',
      'yes',
      /true or false/,
      /web ACL/,
    ],
    [
      'no deletion protection flag',
      staging({ deletionProtection: undefined }),
      'deletionProtection',
      undefined,
      /true or false/,
      /mistaken destroy/,
    ],
    [
      'a missing Owner tag',
      staging({ tags: { CostCenter: 'x' } }),
      'tags.Owner',
      undefined,
      /required tag/,
      /Owner/,
    ],
  ];

  it.each(cases)('refuses %s (field, value, problem and fix)', (_label, cfg, field, value, problem, fix) => {
    const found = problemsOf(cfg).filter((p) => p.field === field && problem.test(p.problem));
    expect(found).toHaveLength(1);
    expect(found[0].value).toEqual(value);
    expect(found[0].fix).toMatch(fix);
  });

  it.each<[string, unknown]>([
    ['NAT and no endpoints', staging({ natGateways: 'single', interfaceEndpoints: [] })],
    [
      'exactly the required endpoints without NAT',
      staging({ interfaceEndpoints: [...REQUIRED_ENDPOINTS_WITHOUT_NAT] }),
    ],
    [
      'three AZs for highAvailability',
      staging({ profile: 'highAvailability', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }),
    ],
    [
      'a maximum equal to the desired count',
      staging({ backend: { ...STAGING.backend, desiredCount: 2, maxCount: 2 } }),
    ],
    ['CPU targets 10 and 90', staging({ backend: { ...STAGING.backend, cpuTargetPercent: 90 } })],
    [
      '20 GiB and 35 days',
      staging({ database: { ...STAGING.database, allocatedStorageInGiB: 20, backupRetentionInDays: 35 } }),
    ],
    ['a rate limit of 10', staging({ waf: { ...STAGING.waf, rateLimitPer5Minutes: 10 } })],
    ['the zone apex as the app', staging({ domain: { ...STAGING.domain, appDomain: 'example.com' } })],
  ])('accepts %s', (_label, cfg) => {
    expect(problemsOf(cfg)).toEqual([]);
  });

  it('reports every problem at once, with the environment in the path', () => {
    let message = '';
    try {
      validateSentimentEnvironment(
        staging({
          cacheNodeType: 'x',
          waf: { rateLimitPer5Minutes: 1, cloudFront: true },
        }) as SentimentEnvironmentConfig,
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid input for sentiment\.environments\.staging \(2 problems\):/);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'prod'],
    ['an empty object', {}],
    [
      'nested nulls',
      staging({ backend: null, mlService: null, database: null, search: null, waf: null, domain: null }),
    ],
  ])('gives untyped callers the ValidationError, never a TypeError (%s)', (_label, cfg) => {
    expect(() => validateSentimentEnvironment(cfg as SentimentEnvironmentConfig)).toThrow(ValidationError);
  });
});
