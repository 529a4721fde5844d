export * from './ports';
export * from './ip-ranges';
export * from './app-security-group';
