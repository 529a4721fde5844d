export * from './secure-bucket';
export * from './bucket-layout';
export * from './bucket-access';
export * from './bucket-replication';
export * from './model-monitoring-bucket';
