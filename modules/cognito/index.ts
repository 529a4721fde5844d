export * from './user-pool-client';
export * from './user-pool';
