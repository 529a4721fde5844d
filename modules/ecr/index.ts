export * from './repository';
export * from './registry-scanning';
export * from './lifecycle-policy';
