/**
 * OpenSearch Service domains: in a VPC, encrypted at rest and node to node, HTTPS only with a
 * TLS 1.2 policy, fine-grained access control with an IAM master, logs published, zone
 * awareness. Import from `@ml-platform/cdktf-aws/opensearch`.
 * @packageDocumentation
 */
export { OpenSearchDomain } from './opensearch-domain';
export type {
  LogKind,
  OpenSearchDedicatedMasters,
  OpenSearchDomainProps,
  OpenSearchEbsOptions,
  OpenSearchLogPublishing,
  OpenSearchTlsPolicy,
} from './opensearch-domain';
