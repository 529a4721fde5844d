export * from './vpc';
export * from './vpc-flow-log';
export * from './subnet-layout';
export * from './interface-endpoints';
