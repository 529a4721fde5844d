export * from './fargate-sizes';
export * from './capacity-providers';
export * from './container-definition';
export * from './cluster';
export * from './fargate-task-definition';
export * from './service-auto-scaling';
export * from './deployment-alert';
export * from './fargate-service';
