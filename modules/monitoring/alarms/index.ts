/** Alarm builders, one file per service. */
export * from './alb';
export * from './apigateway';
export * from './backup';
export * from './batch';
export * from './cloudfront';
export * from './dynamodb';
export * from './ecs';
export * from './elasticache';
export * from './lambda';
export * from './opensearch';
export * from './rds';
export * from './metric-threshold';
export * from './thresholds';
