export * from './ports';
export * from './ip-ranges';
export * from './security-group';
export * from './app-security-group';
export * from './peer-key';
