export * from './validation';
export * from './cidr';
export * from './aws-rules';
export * from './tags';
export * from './regions';
export * from './ip';
export * from './ports';
export * from './secret-detection';
