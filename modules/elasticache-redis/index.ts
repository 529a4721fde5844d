/**
 * ElastiCache (Valkey or Redis OSS) replication groups: encrypted in transit and at rest, IAM
 * authentication, Multi-AZ with automatic failover, backups and log delivery. Import from
 * `@ml-platform/cdktf-aws/elasticache-redis`.
 * @packageDocumentation
 */
export { ElastiCacheReplicationGroup } from './elasticache-replication-group';
export type {
  CacheAuthentication,
  CacheIamUser,
  CacheLogDelivery,
  CacheUserInfo,
  ElastiCacheReplicationGroupProps,
} from './elasticache-replication-group';
export { CACHE_ENGINES, DEFAULT_CACHE_PORT, DEFAULT_ENGINE_VERSIONS, isValidCacheNodeType } from './engine';
export type { CacheEngine } from './engine';
