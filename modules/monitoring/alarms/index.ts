export * from './ecs';
