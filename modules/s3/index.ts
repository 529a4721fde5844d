export * from './secure-bucket';
export * from './bucket-access';
export * from './bucket-replication';
