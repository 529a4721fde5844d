export * from './training-role';
