export * from './ami';
export * from './constants';
export * from './iam';
export * from './app-host';
export * from './app-host-validation';
export * from './render';
