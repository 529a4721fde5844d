export * from './table';
export { MAX_PROJECTED_ATTRIBUTES } from './validation';
