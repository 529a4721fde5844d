import { SystemDefinition } from '../shared/system';
import { SentimentEnvironmentConfig, validateSentimentEnvironment } from './config';
import { SENTIMENT_ENVIRONMENTS } from './environments';

/** Seed 004: the support-analytics sentiment platform (CloudFront, ALB, Fargate, RDS, Redis, OpenSearch, Bedrock). */
export const SENTIMENT_SYSTEM: SystemDefinition<SentimentEnvironmentConfig> = {
  name: 'sentiment',
  title:
    'Support-analytics sentiment platform: CloudFront app, ALB + Fargate, RDS, Redis, OpenSearch, Bedrock (seed 004)',
  environments: () => SENTIMENT_ENVIRONMENTS,
  validate: (environment) => validateSentimentEnvironment(environment),
  createStack: (scope, id, environment, context) => {
    // Loaded here, not at the top: selecting another system never loads this one's constructs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SentimentStack } = require('./sentiment-stack') as typeof import('./sentiment-stack');
    return new SentimentStack(scope, id, { ...context, environment });
  },
};
