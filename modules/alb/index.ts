export * from './ssl-policies';
export * from './log-delivery';
export * from './target-group';
export * from './listener-rule';
export * from './application-load-balancer';
