/**
 * Engine facts for ElastiCache replication groups, as pure functions: versions, parameter group
 * families, names and node types.
 */

/**
 * The cache engine. Both speak the Redis protocol (RESP), so Redis clients (redis-py, ioredis,
 * Lettuce, Celery/kombu) work with either.
 *
 * | engine   | licence                       | node price (cache.t4g.micro, us-east-1) | IAM auth from | RBAC user groups                  |
 * |----------|-------------------------------|-----------------------------------------|---------------|-----------------------------------|
 * | `valkey` | BSD-3 (Linux Foundation fork) | $0.0128/hour (~$9.34/month), 20% less   | 7.2 (all)     | no `default` user needed          |
 * | `redis`  | Redis OSS (7.2 and earlier)   | $0.016/hour (~$11.68/month)             | 7.0           | a user named `default` is required |
 */
export type CacheEngine = 'valkey' | 'redis';

export const CACHE_ENGINES: readonly CacheEngine[] = ['valkey', 'redis'];

/** Default engine version per engine. */
export const DEFAULT_ENGINE_VERSIONS: Readonly<Record<CacheEngine, string>> = {
  valkey: '8.0',
  redis: '7.1',
};

/** The standard Redis/Valkey port. */
export const DEFAULT_CACHE_PORT = 6379;

/** Replication-group ids: 1-40 lowercase letters, digits and hyphens, starting with a letter. */
const GROUP_ID_RE = /^[a-z][a-z0-9-]{0,39}$/;
/** Node types such as `cache.t4g.micro`, `cache.r7g.large`, `cache.m7g.2xlarge`. */
const NODE_TYPE_RE = /^cache\.[a-z][a-z0-9-]*\d[a-z0-9-]*\.(micro|small|medium|large|\d{0,2}xlarge)$/;
const VERSION_RE = /^(\d+)\.(\d+)$/;

/** Why a replication-group id (also the prefix of every physical name) is refused, or undefined. */
export function replicationGroupIdProblem(id: string): string | undefined {
  if (!GROUP_ID_RE.test(id)) {
    return 'must be 1-40 lowercase letters, digits and hyphens, starting with a letter';
  }
  if (id.endsWith('-') || id.includes('--')) return 'must not end with a hyphen or contain two in a row';
  return undefined;
}

/** True for a syntactically valid ElastiCache node type. */
export function isValidCacheNodeType(nodeType: string): boolean {
  return NODE_TYPE_RE.test(nodeType);
}

/** Major and minor of an `X.Y` version, or undefined. */
export function parseEngineVersion(version: string): { major: number; minor: number } | undefined {
  const m = VERSION_RE.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/**
 * Why an engine version is refused for `engine` (and IAM authentication when `iamAuth`), or
 * undefined. Valkey starts at 7.2; Redis OSS needs 7.0+ for IAM authentication and 6.0+ for RBAC.
 */
export function engineVersionProblem(
  engine: CacheEngine,
  version: string,
  iamAuth: boolean,
): string | undefined {
  const v = parseEngineVersion(version);
  if (!v) return 'is not a "major.minor" version such as "8.0"';
  if (engine === 'valkey') {
    return v.major > 7 || (v.major === 7 && v.minor >= 2)
      ? undefined
      : 'is not a Valkey version (7.2 or later)';
  }
  if (v.major > 7) return 'is not a Redis OSS version ElastiCache offers (6.0 to 7.1)';
  if (iamAuth && v.major < 7) return 'is below 7.0, which IAM authentication needs';
  if (v.major < 6) return 'is below 6.0, which role-based access control (user groups) needs';
  return undefined;
}

/** Parameter group family, e.g. `valkey8`, `valkey7`, `redis7`, `redis6.x`. */
export function parameterGroupFamily(engine: CacheEngine, version: string): string {
  const v = parseEngineVersion(version);
  const major = v?.major ?? 0;
  if (engine === 'valkey') return `valkey${major}`;
  return major === 6 ? 'redis6.x' : `redis${major}`;
}

/**
 * Member cluster ids of a cluster-mode-disabled replication group: ElastiCache names node `i`
 * `<group id>-00<i>` (1-based), so they are known at synth time for alarms and dashboards.
 */
export function memberClusterIds(replicationGroupId: string, nodeCount: number): string[] {
  return Array.from(
    { length: nodeCount },
    (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, '0')}`,
  );
}
