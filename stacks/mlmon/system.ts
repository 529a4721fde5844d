import { SystemDefinition } from '../shared/system';
import { EnvironmentConfig, validateEnvironmentConfig } from './config';
import { ENVIRONMENTS } from './environments';

/** Seed 000: the model-monitoring host (API, Prometheus, Grafana) with S3, CloudWatch and alerting. */
export const MLMON_SYSTEM: SystemDefinition<EnvironmentConfig> = {
  name: 'mlmon',
  title: 'Model monitoring: API, Prometheus and Grafana on one EC2 host (seed 000)',
  environments: () => ENVIRONMENTS,
  validate: (environment) => validateEnvironmentConfig(environment),
  createStack: (scope, id, environment, context) => {
    // Loaded here, not at the top: selecting another system never loads this one's constructs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MlmonStack } = require('./mlmon-stack') as typeof import('./mlmon-stack');
    return new MlmonStack(scope, id, { ...context, environment });
  },
};
