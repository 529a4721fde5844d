export * from './backup-vault';
export * from './vault-name';
export * from './backup-plan';
export * from './schedule';
