export * from './alb';
export * from './ecs';
