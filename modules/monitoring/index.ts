export * from './metric-contract';
export * from './container-log-groups';
export * from './alarm-topic';
export * from './dashboard';
export * from './monitoring';
export * from './alarms/backup';
