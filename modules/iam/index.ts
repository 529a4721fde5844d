export * from './grants';
export * from './instance-role';
