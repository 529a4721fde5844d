import { MlnewsArtifact, MlnewsEnvironmentConfig } from './config';
import { MlnewsFunctionName } from './contract';

const TAGS = { Owner: 'ml-news', CostCenter: 'ml-research' };
// CI uploads the packages here (placeholders that plan: the functions only reference the keys).
const ARTIFACT_BUCKET = 'example-mlnews-artifacts';

function artifacts(version: string): Record<MlnewsFunctionName, MlnewsArtifact> {
  return {
    inference: { key: `inference/${version}.zip` },
    feedback: { key: `feedback/${version}.zip` },
    model: { key: `model/${version}.zip` },
    evaluation: { key: `evaluation/${version}.zip` },
    health: { key: `health/${version}.zip` },
  };
}

/**
 * The environments of the serverless ML news system (seed 003, option 1). Every stack is built by
 * the same `MlnewsStack` class; costs per environment are in the README (each about $4-5 a month
 * at the seed's traffic, within its $5-20).
 *
 * | env     | CORS origins                                        | throttle (burst / rate) | MFA      | 5xx alarm | accuracy alarm | versions kept | logs | deletion protection |
 * |---------|-----------------------------------------------------|-------------------------|----------|-----------|----------------|---------------|------|---------------------|
 * | dev     | news-dev.example.com, localhost:5173 (Vite)          | 20 / 10 per s           | optional | > 10      | < 0.75         | 30 d          | 14 d | off                 |
 * | staging | news-staging.example.com                            | 50 / 20 per s           | required | > 10      | < 0.75         | 60 d          | 30 d | on                  |
 * | prod    | news.example.com                                    | 100 / 50 per s          | required | > 10      | < 0.75         | 90 d          | 90 d | on                  |
 *
 * Why: dev lets developers run the web app locally against the deployed API and skip the
 * authenticator for throwaway test users; staging and prod differ only in scale and retention.
 * Every environment has the seed's alarm thresholds (the seed sets them once for all).
 */
export const MLNEWS_ENVIRONMENTS: readonly MlnewsEnvironmentConfig[] = [
  {
    name: 'dev',
    region: 'us-east-1',
    availabilityZones: [],
    alarmEmails: ['ml-news-dev@example.com'],
    logRetentionInDays: 14,
    artifactBucket: ARTIFACT_BUCKET,
    artifacts: artifacts('1.0.0'),
    corsAllowOrigins: ['https://news-dev.example.com', 'http://localhost:5173'],
    throttle: { burstLimit: 20, rateLimit: 10 },
    mfa: 'optional',
    alarms: { api5xxPer5Minutes: 10, minimumModelAccuracy: 0.75 },
    noncurrentVersionExpirationInDays: 30,
    deletionProtection: false,
    tags: TAGS,
  },
  {
    name: 'staging',
    region: 'us-east-1',
    availabilityZones: [],
    alarmEmails: ['ml-news-staging@example.com'],
    logRetentionInDays: 30,
    artifactBucket: ARTIFACT_BUCKET,
    artifacts: artifacts('1.0.0'),
    corsAllowOrigins: ['https://news-staging.example.com'],
    throttle: { burstLimit: 50, rateLimit: 20 },
    mfa: 'required',
    alarms: { api5xxPer5Minutes: 10, minimumModelAccuracy: 0.75 },
    noncurrentVersionExpirationInDays: 60,
    deletionProtection: true,
    tags: TAGS,
  },
  {
    name: 'prod',
    region: 'us-east-1',
    availabilityZones: [],
    alarmEmails: ['ml-news-oncall@example.com'],
    logRetentionInDays: 90,
    artifactBucket: ARTIFACT_BUCKET,
    artifacts: artifacts('1.0.0'),
    corsAllowOrigins: ['https://news.example.com'],
    throttle: { burstLimit: 100, rateLimit: 50 },
    mfa: 'required',
    alarms: { api5xxPer5Minutes: 10, minimumModelAccuracy: 0.75 },
    noncurrentVersionExpirationInDays: 90,
    deletionProtection: true,
    tags: TAGS,
  },
];
