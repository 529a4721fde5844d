/**
 * OpenSearch Service HTTP actions used by grants (resources: the domain ARN and `<domain ARN>/*`).
 * With fine-grained access control the request must also be allowed by the role mapping inside
 * the cluster: IAM decides who reaches the domain, the security plugin what they may do there.
 */
export const OPENSEARCH_ACTIONS = {
  /** GET and HEAD: read documents, index metadata and cluster health; GET-based searches. */
  httpRead: ['es:ESHttpGet', 'es:ESHttpHead'],
  /** Every HTTP method: index, update, delete documents and indexes, POST-based searches. */
  httpReadWrite: [
    'es:ESHttpGet',
    'es:ESHttpHead',
    'es:ESHttpPost',
    'es:ESHttpPut',
    'es:ESHttpPatch',
    'es:ESHttpDelete',
  ],
} as const;
