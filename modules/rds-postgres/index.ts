export * from './postgres-instance';
export * from './postgres-engine';
export * from './postgres-parameters';
export { isValidPerformanceInsightsRetention } from './postgres-instance-validation';
