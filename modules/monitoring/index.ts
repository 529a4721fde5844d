export * from './metric-contract';
export * from './container-log-groups';
export * from './alarm-topic';
export * from './dashboard';
export * from './monitoring';
export * from './alarms/alb';
export * from './alarms/elasticache';
export * from './alarms/opensearch';
