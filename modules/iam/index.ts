export * from './grants';
export * from './instance-role';
export * from './role';
export * from './actions';
