import { SystemDefinition } from '../shared/system';
import { MlnewsEnvironmentConfig, validateMlnewsEnvironment } from './config';
import { MLNEWS_ENVIRONMENTS } from './environments';

/** Seed 003, option 1: ML news categorization on API Gateway, Lambda, DynamoDB, S3 and SageMaker. */
export const MLNEWS_SYSTEM: SystemDefinition<MlnewsEnvironmentConfig> = {
  name: 'mlnews',
  title:
    'Serverless ML news categorization: HTTP API + Cognito, five Lambdas, DynamoDB, S3, SageMaker training (seed 003)',
  environments: () => MLNEWS_ENVIRONMENTS,
  validate: (environment) => validateMlnewsEnvironment(environment),
  createStack: (scope, id, environment, context) => {
    // Loaded here, not at the top: selecting another system never loads this one's constructs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MlnewsStack } = require('./mlnews-stack') as typeof import('./mlnews-stack');
    return new MlnewsStack(scope, id, { ...context, environment });
  },
};
