export * from './alb';
export * from './batch';
export * from './cloudfront';
export * from './ecs';
/** Alarm builders, one file per service. */
export * from './rds';
export * from './elasticache';
export * from './opensearch';
