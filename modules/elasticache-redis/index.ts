export * from './engine';
export * from './elasticache-replication-group';
