export * from './domain-names';
export * from './alias-record';
