export * from './batch';
export * from './cloudfront';
