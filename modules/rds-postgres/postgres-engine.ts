/**
 * PostgreSQL engine versions and instance classes as RDS takes them, checked at synth.
 */
import { isValidInstanceType } from '../core/aws-rules';

/**
 * Major versions RDS for PostgreSQL offers with standard support when this module was written
 * (13 is in RDS Extended Support from March 2026, which is billed per vCPU-hour).
 */
export const POSTGRES_MAJOR_VERSIONS: readonly number[] = [13, 14, 15, 16, 17, 18];

/** The major version used when `engineVersion` is not set. */
export const DEFAULT_POSTGRES_MAJOR_VERSION = 17;

/** A parsed `engineVersion`: `'17'` gives `{ major: 17 }`, `'16.4'` gives `{ major: 16, minor: 4 }`. */
export interface PostgresVersion {
  readonly major: number;
  readonly minor?: number;
}

const VERSION_RE = /^(\d{2})(?:\.(\d{1,3}))?$/;

/** Parses `'17'` or `'16.4'`; undefined for anything else (`'9.6'`, `'16.4.1'`, `'latest'`). */
export function parsePostgresVersion(version: string): PostgresVersion | undefined {
  const m = VERSION_RE.exec(version);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: m[2] === undefined ? undefined : Number(m[2]) };
}

/** The DB parameter group family of a major version: 17 gives `postgres17`. */
export function parameterGroupFamily(major: number): string {
  return `postgres${major}`;
}

/** True for an RDS DB instance class such as `db.t4g.micro`, `db.m7g.large`, `db.r6i.2xlarge`. */
export function isValidDbInstanceClass(instanceClass: string): boolean {
  return instanceClass.startsWith('db.') && isValidInstanceType(instanceClass.slice(3));
}

/** True for burstable classes (`db.t3.*`, `db.t4g.*`), which run on CPU credits. */
export function isBurstableInstanceClass(instanceClass: string): boolean {
  return /^db\.t\d/.test(instanceClass);
}
