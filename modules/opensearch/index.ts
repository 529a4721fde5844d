export * from './opensearch-domain';
