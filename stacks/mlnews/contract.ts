/**
 * The contract between the ML news functions (seed 003) and this blueprint: function sizes and
 * routes from the seed's SAM template, and the custom metric the evaluation function publishes
 * (which the accuracy alarm reads and the function's IAM grant is scoped to). Plain data, so the
 * function code, the stack and the tests read the same values.
 */

/** The five functions of the seed's SAM template. */
export type MlnewsFunctionName = 'inference' | 'feedback' | 'model' | 'evaluation' | 'health';

/** Size, handler and purpose of one function. */
export interface MlnewsFunctionSpec {
  /** What it does (the function's description). */
  readonly description: string;
  /** Memory (MB): the seed's value (Globals: 512). */
  readonly memorySizeInMb: number;
  /** Timeout (s): the seed's value (Globals: 30). */
  readonly timeoutInSeconds: number;
}

/**
 * The seed's sizes. The HTTP API gives up on an integration after 30 s, so the model (900 s) and
 * evaluation (300 s) functions must answer the API at once (start a SageMaker training job, or
 * invoke themselves asynchronously) and report progress on the status routes.
 */
export const MLNEWS_FUNCTIONS: Readonly<Record<MlnewsFunctionName, MlnewsFunctionSpec>> = {
  inference: {
    description: 'Categorizes headlines (single and batch)',
    memorySizeInMb: 1024,
    timeoutInSeconds: 30,
  },
  feedback: {
    description: 'Records feedback on predictions; feedback statistics',
    memorySizeInMb: 512,
    timeoutInSeconds: 30,
  },
  model: {
    description: 'Trains (SageMaker), lists and deploys model versions; loads models',
    memorySizeInMb: 2048,
    timeoutInSeconds: 900,
  },
  evaluation: {
    description: 'Evaluates the deployed model against feedback; publishes ModelAccuracy',
    memorySizeInMb: 1024,
    timeoutInSeconds: 300,
  },
  health: { description: 'Health check of the pipeline', memorySizeInMb: 512, timeoutInSeconds: 30 },
};

/** The functions in deploy order (also the order of alarms and outputs). */
export const MLNEWS_FUNCTION_NAMES: readonly MlnewsFunctionName[] = [
  'inference',
  'feedback',
  'model',
  'evaluation',
  'health',
];

/** Who may call a route: a signed-in user (Cognito JWT), an IAM principal (SigV4), or anyone. */
export type MlnewsRouteAuth = 'user' | 'operator' | 'public';

/** One route of the seed's API. */
export interface MlnewsRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: MlnewsFunctionName;
  /**
   * `user`: the categorization and feedback a signed-in user does; `operator`: training,
   * deploying and evaluating models, which change what every user gets (IAM, e.g. an operator's
   * role or a scheduled job); `public`: the health check.
   */
  readonly auth: MlnewsRouteAuth;
}

/** The seed's routes, with who may call them. */
export const MLNEWS_ROUTES: readonly MlnewsRoute[] = [
  { method: 'POST', path: '/api/v1/predict', handler: 'inference', auth: 'user' },
  { method: 'POST', path: '/api/v1/predict/batch', handler: 'inference', auth: 'user' },
  { method: 'POST', path: '/api/v1/feedback', handler: 'feedback', auth: 'user' },
  { method: 'GET', path: '/api/v1/feedback/stats', handler: 'feedback', auth: 'user' },
  { method: 'GET', path: '/api/v1/model/versions', handler: 'model', auth: 'user' },
  { method: 'GET', path: '/api/v1/model/train/{job_id}', handler: 'model', auth: 'operator' },
  { method: 'POST', path: '/api/v1/model/train', handler: 'model', auth: 'operator' },
  { method: 'POST', path: '/api/v1/model/deploy/{version}', handler: 'model', auth: 'operator' },
  { method: 'POST', path: '/api/v1/model/evaluate', handler: 'evaluation', auth: 'operator' },
  { method: 'GET', path: '/api/v1/model/evaluate/{evaluation_id}', handler: 'evaluation', auth: 'operator' },
  { method: 'POST', path: '/api/v1/model/retrain-check', handler: 'evaluation', auth: 'operator' },
  { method: 'GET', path: '/health', handler: 'health', auth: 'public' },
];

/**
 * The model-accuracy metric. The evaluation function publishes it after each evaluation
 * (`PutMetricData`, namespace and dimension exactly these); the alarm reads the hourly average;
 * the function's `cloudwatch:PutMetricData` grant is limited to this namespace. The seed's
 * metric has no dimension; one `Environment` dimension keeps dev's evaluations out of prod's alarm
 * when the environments share an account.
 */
export const MODEL_ACCURACY_METRIC = {
  namespace: 'MLNews',
  metricName: 'ModelAccuracy',
  dimensionName: 'Environment',
  unit: 'None',
  /** The alarm's statistic and period (seed: Average over 3,600 s). */
  statistic: 'Average',
  periodInSeconds: 3600,
} as const;

/** Environment variables that tell the evaluation function where to publish the metric. */
export function accuracyMetricEnvironment(environment: string): Record<string, string> {
  return {
    METRICS_NAMESPACE: MODEL_ACCURACY_METRIC.namespace,
    METRICS_ACCURACY_METRIC: MODEL_ACCURACY_METRIC.metricName,
    METRICS_DIMENSION_NAME: MODEL_ACCURACY_METRIC.dimensionName,
    METRICS_DIMENSION_VALUE: environment,
  };
}
