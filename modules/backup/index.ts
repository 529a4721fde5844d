export * from './backup-vault';
export * from './backup-plan';
export * from './schedule';
