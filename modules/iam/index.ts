export * from './grants';
export * from './role';
export * from './actions';
