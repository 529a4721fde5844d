export * from './static-site';
export * from './cloudfront-access-logs';
export * from './cloudfront-constants';
