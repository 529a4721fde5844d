export * from './ports';
export * from './ip-ranges';
export * from './grants';
export * from './app-security-group';
export * from './instance-role';
