export * from './alarm-topic';
export * from './log-group';
export * from './treat-missing-data';
export * from './alarms';
