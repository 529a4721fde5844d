import { SystemDefinition } from '../shared/system';
import { ModelregEnvironmentConfig, validateModelregEnvironment } from './config';
import { MODELREG_ENVIRONMENTS } from './environments';

/** Seed 001: the Model Registry (SPA on CloudFront, API on ECS Fargate, RDS, autograder on AWS Batch). */
export const MODELREG_SYSTEM: SystemDefinition<ModelregEnvironmentConfig> = {
  name: 'modelreg',
  title: 'Model Registry: SPA on CloudFront, API on ECS Fargate, RDS, autograder on AWS Batch (seed 001)',
  environments: () => MODELREG_ENVIRONMENTS,
  validate: (environment) => validateModelregEnvironment(environment),
  createStack: (scope, id, environment, context) => {
    // Loaded here, not at the top: selecting another system never loads this one's constructs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ModelregStack } = require('./modelreg-stack') as typeof import('./modelreg-stack');
    return new ModelregStack(scope, id, { ...context, environment });
  },
};
