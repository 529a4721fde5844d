export * from './repository';
export * from './repository-name';
export * from './registry-scanning';
export * from './lifecycle-policy';
