export * from './context';
export * from './bootstrap';
export * from './cloudwatch-agent';
export * from './systemd';
export * from './cloud-init';
export * from './user-data';
