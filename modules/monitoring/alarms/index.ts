export * from './alb';
export * from './batch';
export * from './cloudfront';
export * from './ecs';
