export * from './alb';
export * from './ecs';
/** Alarm builders, one file per service. */
export * from './rds';
