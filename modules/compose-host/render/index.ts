export * from './config';
export * from './images';
export * from './compose';
export * from './prometheus';
export * from './grafana';
export * from './cloudwatch-agent';
export * from './bootstrap';
export * from './cloud-init';
