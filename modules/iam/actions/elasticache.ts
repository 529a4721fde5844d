/**
 * ElastiCache actions used by grants. `elasticache:Connect` is the only data-plane action: it lets
 * a principal sign an IAM authentication token for a user of a replication group. IAM checks it
 * against both ARNs, so a statement names the replication group and the user.
 */
export const ELASTICACHE_ACTIONS = {
  /** IAM authentication to a Valkey/Redis OSS cache (resources: the replication group and the user). */
  connect: ['elasticache:Connect'],
} as const;
