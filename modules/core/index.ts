export * from './validation';
export * from './cidr';
export * from './aws-rules';
export * from './tags';
export * from './arn';
