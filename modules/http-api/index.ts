export * from './http-api';
export * from './access-log-format';
export { MAX_ROUTES_PER_API, iamResourcePath, pathProblems, routeKeyOf } from './validation';
