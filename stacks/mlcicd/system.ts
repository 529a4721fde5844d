import { SystemDefinition } from '../shared/system';
import { MlcicdEnvironmentConfig, validateMlcicdEnvironment } from './config';
import { MLCICD_ENVIRONMENTS } from './environments';

/** Seed 002: ML CI/CD on MLflow (tracking server, model serving, PostgreSQL, S3 artifacts) on ECS Fargate. */
export const MLCICD_SYSTEM: SystemDefinition<MlcicdEnvironmentConfig> = {
  name: 'mlcicd',
  title: 'ML CI/CD: MLflow tracking and model serving on ECS Fargate, RDS and S3 (seed 002)',
  environments: () => MLCICD_ENVIRONMENTS,
  validate: (environment) => validateMlcicdEnvironment(environment),
  createStack: (scope, id, environment, context) => {
    // Loaded here, not at the top: selecting another system never loads this one's constructs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MlcicdStack } = require('./mlcicd-stack') as typeof import('./mlcicd-stack');
    return new MlcicdStack(scope, id, { ...context, environment });
  },
};
