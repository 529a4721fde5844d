import { SentimentEnvironmentConfig, SentimentProfile, REQUIRED_ENDPOINTS_WITHOUT_NAT } from './config';

const TAGS = { Owner: 'support-analytics', CostCenter: 'customer-support' };
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' };
const HAIKU = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
// The operators' role that administers OpenSearch (maps the backend's role to an OpenSearch role).
const SEARCH_ADMIN = 'arn:aws:iam::123456789012:role/sentiment-search-admin';

/**
 * Production in either profile. The shipped `prod` uses {@link PROD_PROFILE}; the other profile
 * is built by the tests and priced in the README, so switching is a one-word change here.
 */
export function sentimentProd(profile: SentimentProfile): SentimentEnvironmentConfig {
  return {
    name: 'prod',
    region: 'us-east-1',
    // highAvailability spreads OpenSearch over three AZs; appending an AZ never renumbers subnets.
    availabilityZones:
      profile === 'highAvailability'
        ? ['us-east-1a', 'us-east-1b', 'us-east-1c']
        : ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.62.0.0/16',
    profile,
    natGateways: 'none',
    interfaceEndpoints: [...REQUIRED_ENDPOINTS_WITHOUT_NAT],
    alarmEmails: ['support-analytics-oncall@example.com'],
    logRetentionInDays: 90,
    domain: { ...ZONE, appDomain: 'sentiment.example.com', apiDomain: 'api.sentiment.example.com' },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 2,
      maxCount: 4,
      cpuTargetPercent: 70,
    },
    mlService: { imageTag: '1.0.0', cpu: 1024, memoryMiB: 2048, desiredCount: 1 },
    database: { instanceClass: 'db.t4g.small', allocatedStorageInGiB: 20, backupRetentionInDays: 14 },
    cacheNodeType: 'cache.t4g.micro',
    search: { instanceType: 't3.small.search', volumeSizeInGiB: 10, masterUserArn: SEARCH_ADMIN },
    bedrockModelArn: HAIKU,
    waf: { rateLimitPer5Minutes: 2000, cloudFront: true },
    deletionProtection: true,
    tags: TAGS,
  };
}

/**
 * The profile of the shipped production stack. `optimised` is the one closest to the seed's
 * $150-180 budget (README: about $219 a month, the gap itemised); `highAvailability` follows the
 * seed's production advice at about $427.
 */
export const PROD_PROFILE: SentimentProfile = 'optimised';

/**
 * The environments of the support-analytics platform (seed 004). Every stack is built by the same
 * `SentimentStack` class from its entry; costs per environment are in the README.
 *
 * | env     | profile          | AZs | egress                         | backend (0.5 vCPU/1 GB) | ML (1 vCPU/2 GB) | RDS (gp3 20 GB)     | cache / search         | CloudFront WAF | deletion protection | logs |
 * |---------|------------------|-----|--------------------------------|-------------------------|------------------|---------------------|------------------------|----------------|---------------------|------|
 * | dev     | optimised        | 2   | 1 NAT, no interface endpoints  | 1-2 tasks               | 1, Spot          | db.t4g.micro, 7 d   | t4g.micro / 1 t3.small | no             | off                 | 14 d |
 * | staging | optimised        | 2   | no NAT, 5 interface endpoints  | 1-2 tasks               | 1, Spot          | db.t4g.micro, 7 d   | t4g.micro / 1 t3.small | no             | on                  | 30 d |
 * | prod    | {@link PROD_PROFILE} | 2 (3 for HA) | no NAT, 5 interface endpoints | 2-4 tasks (CPU 70 %) | 1      | db.t4g.small, 14 d  | t4g.micro / t3.small   | yes            | on                  | 90 d |
 *
 * Why: dev routes through one NAT gateway ($32.85 + $3.65 for its address) because five
 * interface endpoints in two AZs cost twice that ($73); staging rehearses prod's network with no
 * route to the internet at all (image pulls, logs, secrets and Bedrock through endpoints, S3
 * through the free gateway). Dev's database and cache are one size down; staging keeps deletion
 * protection so that its data is treated like prod's.
 */
export const SENTIMENT_ENVIRONMENTS: readonly SentimentEnvironmentConfig[] = [
  {
    name: 'dev',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.60.0.0/16',
    profile: 'optimised',
    natGateways: 'single',
    interfaceEndpoints: [],
    alarmEmails: ['support-analytics-dev@example.com'],
    logRetentionInDays: 14,
    domain: { ...ZONE, appDomain: 'sentiment-dev.example.com', apiDomain: 'api.sentiment-dev.example.com' },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 1,
      maxCount: 2,
      cpuTargetPercent: 70,
    },
    mlService: { imageTag: '1.0.0', cpu: 1024, memoryMiB: 2048, desiredCount: 1 },
    database: { instanceClass: 'db.t4g.micro', allocatedStorageInGiB: 20, backupRetentionInDays: 7 },
    cacheNodeType: 'cache.t4g.micro',
    search: { instanceType: 't3.small.search', volumeSizeInGiB: 10, masterUserArn: SEARCH_ADMIN },
    bedrockModelArn: HAIKU,
    waf: { rateLimitPer5Minutes: 2000, cloudFront: false },
    deletionProtection: false,
    tags: TAGS,
  },
  {
    name: 'staging',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.61.0.0/16',
    profile: 'optimised',
    natGateways: 'none',
    interfaceEndpoints: [...REQUIRED_ENDPOINTS_WITHOUT_NAT],
    alarmEmails: ['support-analytics-staging@example.com'],
    logRetentionInDays: 30,
    domain: {
      ...ZONE,
      appDomain: 'sentiment-staging.example.com',
      apiDomain: 'api.sentiment-staging.example.com',
    },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 1,
      maxCount: 2,
      cpuTargetPercent: 70,
    },
    mlService: { imageTag: '1.0.0', cpu: 1024, memoryMiB: 2048, desiredCount: 1 },
    database: { instanceClass: 'db.t4g.micro', allocatedStorageInGiB: 20, backupRetentionInDays: 7 },
    cacheNodeType: 'cache.t4g.micro',
    search: { instanceType: 't3.small.search', volumeSizeInGiB: 10, masterUserArn: SEARCH_ADMIN },
    bedrockModelArn: HAIKU,
    waf: { rateLimitPer5Minutes: 2000, cloudFront: false },
    deletionProtection: true,
    tags: TAGS,
  },
  sentimentProd(PROD_PROFILE),
];
