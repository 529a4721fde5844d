export * from './string-parameter';
