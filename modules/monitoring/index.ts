export * from './alarm-topic';
export * from './treat-missing-data';
export * from './alarms';
