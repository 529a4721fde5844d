export * from './grant-invoke-model';
export * from './model-invocation-logging';
