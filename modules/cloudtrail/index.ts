export * from './trail';
export * from './trail-name';
