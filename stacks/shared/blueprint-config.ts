/**
 * Configuration pieces the container blueprints share (mlcicd, modelreg): DNS names, Fargate task
 * sizes, Spot weights, auto scaling, the RDS database and admin CIDR lists, each with its checks.
 * Plain data and pure functions: loading this file loads no construct.
 *
 * Every check tolerates untyped input (JavaScript or JSON callers): a missing section or a value of
 * the wrong type is reported as a problem, never a TypeError.
 */
import { Validator } from '../../modules/core/validation';
import { isValidIpv4Cidr, exceedsPublicReach } from '../../modules/core/ip';
import { domainNameProblems, isInZone, isValidHostedZoneId } from '../../modules/dns/domain-names';
import {
  FARGATE_CPU_VALUES,
  FargateCpu,
  describeMemoryOptions,
  isFargateCpu,
  isValidFargateSize,
} from '../../modules/ecs-fargate/fargate-sizes';
import type { CapacityProviderStrategyItem } from '../../modules/ecs-fargate/capacity-providers';

/** NAT gateway layout of an environment's VPC (the Vpc module's modes). */
export type NatGateways = 'none' | 'single' | 'perAz';

/** A Route 53 public hosted zone the stack adds records to (no lookup: the id is data). */
export interface HostedZoneConfig {
  /** Zone id, e.g. `Z0123456789ABCDEFGHIJ` (placeholder format; the real id from Route 53). */
  readonly hostedZoneId: string;
  /** Zone name, e.g. `example.com`; every host name of the stack must be inside it. */
  readonly zoneName: string;
}

/**
 * Fargate capacity split between on-demand (`FARGATE`) and Spot (`FARGATE_SPOT`). ECS places
 * `onDemandBase` tasks on FARGATE first, then splits the rest by the weights.
 *
 * | onDemandBase | onDemandWeight | spotWeight | 2 tasks           | 10 tasks             |
 * |--------------|----------------|------------|------------------|----------------------|
 * | 0            | 0              | 1          | 2 Spot           | 10 Spot              |
 * | 1            | 1              | 3          | 1 on-demand, 1 Spot (rounded by ECS) | 3-4 on-demand, 6-7 Spot |
 * | 2            | 1              | 3          | 2 on-demand      | 4 on-demand, 6 Spot  |
 */
export interface SpotCapacityConfig {
  /** Tasks always on FARGATE (on-demand), 0-100. */
  readonly onDemandBase: number;
  /** Weight of FARGATE for the tasks beyond the base, 0-1000. */
  readonly onDemandWeight: number;
  /** Weight of FARGATE_SPOT, 1-1000. */
  readonly spotWeight: number;
}

/** One Fargate service's task size and image. */
export interface ContainerServiceConfig {
  /**
   * Image tag in the service's ECR repository (created by the stack), e.g. `2.17.2`; `latest` is
   * refused (a revision must name one image).
   */
  readonly imageTag: string;
  /** Task CPU units (256 = 0.25 vCPU, 512, 1024, ...). */
  readonly cpu: FargateCpu;
  /** Task memory (MiB), a value Fargate accepts for `cpu`. */
  readonly memoryMiB: number;
  /** Run part of the tasks on Fargate Spot; undefined: on-demand only. */
  readonly spot?: SpotCapacityConfig;
}

/** Target-tracking auto scaling of a service's task count. */
export interface ScalingConfig {
  /** Fewest tasks, 1-100. */
  readonly minCapacity: number;
  /** Most tasks, `minCapacity`-100. */
  readonly maxCapacity: number;
  /** Average CPU (%) the service is scaled to, 10-90. */
  readonly cpuTargetPercent: number;
  /** Average memory (%) the service is scaled to, 10-90; undefined: CPU only. */
  readonly memoryTargetPercent?: number;
}

/** The PostgreSQL database (RDS). */
export interface DatabaseConfig {
  /** Instance class, e.g. `db.t3.micro`. */
  readonly instanceClass: string;
  /** Initial gp3 storage (GiB), 20-1000. */
  readonly allocatedStorageInGiB: number;
  /** Storage autoscaling ceiling (GiB), at least the initial storage. */
  readonly maxAllocatedStorageInGiB: number;
  /** Synchronous standby in a second AZ (doubles instance and storage cost). */
  readonly multiAz: boolean;
  /** Refuse deletion of the instance (and keep a final snapshot). */
  readonly deletionProtection: boolean;
  /** Days of automated backups, 7-35. */
  readonly backupRetentionInDays: number;
  /**
   * When the RDS-managed master password rotates, as a Secrets Manager schedule expression
   * (`cron(0 3 ? * SUN *)`, `rate(30 days)`). The services are restarted after the window, since
   * ECS injects the password at task start.
   */
  readonly passwordRotationSchedule: string;
  /** Hours the rotation may take, 1-24, starting at the schedule. */
  readonly passwordRotationWindowInHours: number;
  /**
   * When the services that read the password are restarted (an EventBridge Scheduler expression
   * in UTC, `cron(15 4 ? * SUN *)`): ECS injects the password when a task starts, so after a
   * rotation new connections fail until the tasks restart. Put it just after the rotation window;
   * pooled connections keep working in between.
   */
  readonly clientRestartSchedule: string;
}

/** Alarm thresholds of a service behind a load balancer, on ECS with an RDS database. */
export interface ServiceAlarmConfig {
  /** Target 5xx responses as % of requests (5 minutes, 2 of 3), 0.1-100. */
  readonly target5xxRatePercent: number;
  /** p90 target response time (s), 0.01-60. */
  readonly responseTimeP90Seconds: number;
  /** p99 target response time (s), at least the p90 threshold. */
  readonly responseTimeP99Seconds: number;
  /** Average CPU of an ECS service (%), 1-100. */
  readonly ecsCpuPercent: number;
  /** Average memory of an ECS service (%), 1-100. */
  readonly ecsMemoryPercent: number;
  /** RDS CPU (%), 1-100. */
  readonly rdsCpuPercent: number;
  /** RDS free storage floor (GiB), at least 1. */
  readonly rdsFreeStorageGiB: number;
}

/** A plain object, or `{}` for anything else (so checks can read fields of a missing section). */
export function section<T extends object>(value: T | undefined): Partial<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Records a problem when a required section is missing; returns it (or `{}`). */
export function requireSection<T extends object>(
  v: Validator,
  field: string,
  value: T | undefined,
): Partial<T> {
  const ok = value !== null && typeof value === 'object' && !Array.isArray(value);
  v.check(ok, field, value, 'is missing or not an object', `add the ${field} section (see environments.ts)`);
  return section(value);
}

/**
 * Records a problem when a required whole number is missing or outside `[min, max]` (the value
 * received is reported as it was, `undefined` included).
 */
export function requiredInt(
  v: Validator,
  value: unknown,
  min: number,
  max: number,
  field: string,
  fix?: string,
): void {
  if (value === undefined || typeof value !== 'number') {
    v.add(
      field,
      value,
      `${value === undefined ? 'is required: a' : 'must be a'} whole number from ${min} to ${max}`,
      fix ?? `set ${field} to a whole number from ${min} to ${max}`,
    );
    return;
  }
  v.checkIntRange(value, min, max, field, fix);
}

/** Records a problem when a required number is missing or outside `[min, max]`. */
export function requiredNumber(
  v: Validator,
  value: unknown,
  min: number,
  max: number,
  field: string,
  fix?: string,
): void {
  if (value === undefined || typeof value !== 'number') {
    v.add(
      field,
      value,
      `${value === undefined ? 'is required: a' : 'must be a'} number from ${min} to ${max}`,
      fix ?? `set ${field} to a number from ${min} to ${max}`,
    );
    return;
  }
  v.checkRange(value, min, max, field, fix);
}

/** Checks a hosted zone. */
export function checkHostedZone(v: Validator, field: string, zone: Partial<HostedZoneConfig>): void {
  v.check(
    typeof zone.hostedZoneId === 'string' && isValidHostedZoneId(zone.hostedZoneId),
    `${field}.hostedZoneId`,
    zone.hostedZoneId,
    'is not a Route 53 hosted zone id',
    'copy the id of the public zone from Route 53, e.g. "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
  );
  const problems = domainNameProblems(zone.zoneName as string);
  v.check(
    typeof zone.zoneName === 'string' && problems.length === 0,
    `${field}.zoneName`,
    zone.zoneName,
    problems.join('; ') || 'is not a domain name',
    'use the zone name, e.g. "example.com"',
  );
}

/** Checks a host name that must be a DNS name inside `zoneName`. */
export function checkHostName(v: Validator, field: string, name: unknown, zoneName: unknown): void {
  const problems =
    typeof name === 'string' ? domainNameProblems(name, { maxLength: 64 }) : ['is not a string'];
  v.check(
    problems.length === 0,
    field,
    name,
    problems.join('; '),
    'use a lower-case host name of at most 64 characters (ACM limit), e.g. "mlflow.dev.example.com"',
  );
  if (problems.length === 0 && typeof zoneName === 'string' && domainNameProblems(zoneName).length === 0) {
    v.check(
      isInZone(name as string, zoneName),
      field,
      name,
      `is not inside the hosted zone ${zoneName}`,
      `use a name ending in ".${zoneName}", or change the zone`,
    );
  }
}

/** Checks that no two of the given host names are equal. */
export function checkDistinctHosts(v: Validator, hosts: ReadonlyArray<[string, unknown]>): void {
  hosts.forEach(([field, host], i) => {
    const earlier = hosts.slice(0, i).find(([, h]) => typeof host === 'string' && h === host);
    v.check(
      earlier === undefined,
      field,
      host,
      `is the same host name as ${earlier?.[0]}`,
      'give every endpoint its own host name: the load balancer routes by host',
    );
  });
}

const IMAGE_TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Checks an image tag, task size and Spot weights. */
export function checkContainerService(
  v: Validator,
  field: string,
  svc: Partial<ContainerServiceConfig>,
): void {
  v.check(
    typeof svc.imageTag === 'string' && IMAGE_TAG_RE.test(svc.imageTag) && svc.imageTag !== 'latest',
    `${field}.imageTag`,
    svc.imageTag,
    svc.imageTag === 'latest'
      ? 'is "latest", which names no one image: a task started tomorrow could run other code than the plan showed'
      : 'is not an image tag (1-128 letters, digits, "_", "." and "-", not starting with "." or "-")',
    'use a version tag such as "1.4.2" (the CI pipeline pushes it to the ECR repository)',
  );
  const cpuOk = typeof svc.cpu === 'number' && isFargateCpu(svc.cpu);
  v.check(
    cpuOk,
    `${field}.cpu`,
    svc.cpu,
    'is not a Fargate task CPU value',
    `use one of ${FARGATE_CPU_VALUES.join(', ')} (1024 = 1 vCPU)`,
  );
  if (cpuOk) {
    v.check(
      typeof svc.memoryMiB === 'number' && isValidFargateSize(svc.cpu as number, svc.memoryMiB),
      `${field}.memoryMiB`,
      svc.memoryMiB,
      `is not a memory size Fargate accepts with cpu ${svc.cpu}`,
      `use ${describeMemoryOptions(svc.cpu as FargateCpu)}`,
    );
  }
  if (svc.spot !== undefined) checkSpot(v, `${field}.spot`, section(svc.spot));
}

function checkSpot(v: Validator, field: string, spot: Partial<SpotCapacityConfig>): void {
  requiredInt(v, spot.onDemandBase, 0, 100, `${field}.onDemandBase`);
  requiredInt(v, spot.onDemandWeight, 0, 1000, `${field}.onDemandWeight`);
  requiredInt(
    v,
    spot.spotWeight,
    1,
    1000,
    `${field}.spotWeight`,
    'set spotWeight from 1 to 1000, or remove spot to run on-demand only',
  );
}

/**
 * The capacity provider strategy of a service: on-demand only without `spot`, otherwise FARGATE
 * with the base and its weight plus FARGATE_SPOT with its weight (a zero-weight, zero-base FARGATE
 * entry is left out: every task goes to Spot).
 */
export function capacityStrategy(spot: SpotCapacityConfig | undefined): CapacityProviderStrategyItem[] {
  if (spot === undefined) return [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
  const onDemand: CapacityProviderStrategyItem[] =
    spot.onDemandBase > 0 || spot.onDemandWeight > 0
      ? [{ capacityProvider: 'FARGATE', weight: spot.onDemandWeight, base: spot.onDemandBase }]
      : [];
  return [...onDemand, { capacityProvider: 'FARGATE_SPOT', weight: spot.spotWeight, base: 0 }];
}

/**
 * How many of `tasks` run on Spot under `spot` (ECS fills the base first, then splits by weight;
 * the split is rounded towards on-demand here, as a cost estimate should err high).
 */
export function spotTaskCount(tasks: number, spot: SpotCapacityConfig | undefined): number {
  if (spot === undefined) return 0;
  const rest = Math.max(0, tasks - spot.onDemandBase);
  const total = spot.onDemandWeight + spot.spotWeight;
  return Math.floor((rest * spot.spotWeight) / total);
}

/** Checks auto scaling bounds and targets. */
export function checkScaling(v: Validator, field: string, s: Partial<ScalingConfig>): void {
  requiredInt(v, s.minCapacity, 1, 100, `${field}.minCapacity`);
  requiredInt(v, s.maxCapacity, 1, 100, `${field}.maxCapacity`);
  if (Number.isInteger(s.minCapacity) && Number.isInteger(s.maxCapacity)) {
    v.check(
      (s.maxCapacity as number) >= (s.minCapacity as number),
      `${field}.maxCapacity`,
      s.maxCapacity,
      `is below minCapacity (${s.minCapacity})`,
      `raise maxCapacity to at least ${s.minCapacity}`,
    );
  }
  requiredNumber(v, s.cpuTargetPercent, 10, 90, `${field}.cpuTargetPercent`);
  if (s.memoryTargetPercent !== undefined)
    v.checkRange(s.memoryTargetPercent, 10, 90, `${field}.memoryTargetPercent`);
}

const DB_CLASS_RE = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const SCHEDULE_RE = /^(rate\(\d+ (hours|days)\)|cron\([^()]+\))$/;

/** Checks the database section. */
export function checkDatabase(v: Validator, field: string, db: Partial<DatabaseConfig>): void {
  v.check(
    typeof db.instanceClass === 'string' && DB_CLASS_RE.test(db.instanceClass),
    `${field}.instanceClass`,
    db.instanceClass,
    'is not an RDS instance class',
    'use a class such as "db.t3.micro" or "db.t4g.small"',
  );
  requiredInt(v, db.allocatedStorageInGiB, 20, 1000, `${field}.allocatedStorageInGiB`);
  requiredInt(v, db.maxAllocatedStorageInGiB, 20, 65536, `${field}.maxAllocatedStorageInGiB`);
  if (Number.isInteger(db.allocatedStorageInGiB) && Number.isInteger(db.maxAllocatedStorageInGiB)) {
    v.check(
      (db.maxAllocatedStorageInGiB as number) >= (db.allocatedStorageInGiB as number),
      `${field}.maxAllocatedStorageInGiB`,
      db.maxAllocatedStorageInGiB,
      `is below allocatedStorageInGiB (${db.allocatedStorageInGiB})`,
      `use at least ${db.allocatedStorageInGiB} (equal turns storage autoscaling off)`,
    );
  }
  v.check(
    typeof db.multiAz === 'boolean',
    `${field}.multiAz`,
    db.multiAz,
    'must be true or false',
    'set multiAz: true for production (a standby in a second AZ), false elsewhere',
  );
  v.check(
    typeof db.deletionProtection === 'boolean',
    `${field}.deletionProtection`,
    db.deletionProtection,
    'must be true or false',
    'set deletionProtection: true wherever the data matters',
  );
  requiredInt(
    v,
    db.backupRetentionInDays,
    7,
    35,
    `${field}.backupRetentionInDays`,
    'keep automated backups 7 to 35 days (the seed asks for 7)',
  );
  v.check(
    typeof db.passwordRotationSchedule === 'string' && SCHEDULE_RE.test(db.passwordRotationSchedule),
    `${field}.passwordRotationSchedule`,
    db.passwordRotationSchedule,
    'is not a Secrets Manager schedule expression',
    'use "cron(0 3 ? * SUN *)" (Sundays 03:00 UTC) or "rate(30 days)"',
  );
  requiredInt(v, db.passwordRotationWindowInHours, 1, 24, `${field}.passwordRotationWindowInHours`);
}

/** Minute and hour of a `cron(m h dom month dow year)` expression with fixed times, and the rest. */
function cronTime(expr: string): { minutes: number; rest: string } | undefined {
  const m = /^cron\((\d{1,2}) (\d{1,2}) (.+)\)$/.exec(expr);
  return m ? { minutes: Number(m[2]) * 60 + Number(m[1]), rest: m[3] } : undefined;
}

/**
 * Checks the client restart schedule; when it and the rotation schedule are crons on the same days
 * with fixed times, the restart must come after the end of the rotation window (same day).
 */
export function checkRestartAfterRotation(v: Validator, field: string, db: Partial<DatabaseConfig>): void {
  const restart = db.clientRestartSchedule;
  v.check(
    typeof restart === 'string' && SCHEDULE_RE.test(restart),
    `${field}.clientRestartSchedule`,
    restart,
    'is not a schedule expression',
    'use a cron just after the rotation window, e.g. "cron(15 4 ? * SUN *)"',
  );
  if (typeof restart !== 'string' || typeof db.passwordRotationSchedule !== 'string') return;
  const r = cronTime(restart);
  const rot = cronTime(db.passwordRotationSchedule);
  const window = db.passwordRotationWindowInHours;
  if (!r || !rot || rot.rest !== r.rest || typeof window !== 'number') return;
  const earliest = rot.minutes + window * 60;
  const hh = (m: number) =>
    `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  v.check(
    r.minutes >= earliest && earliest < 24 * 60,
    `${field}.clientRestartSchedule`,
    restart,
    `restarts the clients at ${hh(r.minutes)} UTC, before the rotation window (${hh(rot.minutes)} + ${window} h) ends`,
    earliest < 24 * 60
      ? `restart at ${hh(earliest)} UTC or later on the same day`
      : 'move the rotation earlier in the day so that the window ends before midnight',
  );
}

/**
 * Checks a list of CIDR blocks that opens access to an administrative endpoint: literal IPv4
 * blocks, none reaching more of the internet than one /8 (the project's public-reach bound).
 * @param max the most entries allowed (e.g. an ALB rule condition takes 3 per rule)
 */
export function checkAdminCidrs(v: Validator, field: string, cidrs: unknown, min: number, max: number): void {
  const list = Array.isArray(cidrs) ? (cidrs as unknown[]) : [];
  v.check(
    Array.isArray(cidrs) && list.length >= min && list.length <= max,
    field,
    cidrs,
    `must list ${min} to ${max} CIDR blocks`,
    'list the office or VPN egress ranges of the administrators, e.g. ["203.0.113.0/24"]',
  );
  list.forEach((c, i) =>
    v.check(
      typeof c === 'string' && isValidIpv4Cidr(c),
      `${field}[${i}]`,
      c,
      'is not a literal IPv4 CIDR block (a.b.c.d/n with the host bits zero)',
      'use a block such as "203.0.113.0/24" or "198.51.100.7/32"',
    ),
  );
  // The union counts: two halves of the internet are the internet.
  const valid = list.filter((c): c is string => typeof c === 'string' && isValidIpv4Cidr(c));
  v.check(
    exceedsPublicReach(valid).length === 0,
    field,
    cidrs,
    'opens an administrative endpoint to more of the internet than one /8 (counting all blocks together)',
    'list your office or VPN ranges only',
  );
}

/** Checks a positive monthly budget in USD. */
export function checkBudget(v: Validator, field: string, usd: unknown): void {
  v.check(
    typeof usd === 'number' && Number.isFinite(usd) && usd > 0 && usd <= 100000,
    field,
    usd,
    'must be a positive number of USD per month (at most 100,000)',
    'set the budget the environment must stay within, e.g. 200',
  );
}

/**
 * Checks the {@link ServiceAlarmConfig} fields of `alarms` (a section read with
 * {@link requireSection}), each reported under `alarms.<field>`.
 */
export function checkServiceAlarms(v: Validator, alarms: Partial<ServiceAlarmConfig>): void {
  requiredNumber(v, alarms.target5xxRatePercent, 0.1, 100, 'alarms.target5xxRatePercent');
  requiredNumber(v, alarms.responseTimeP90Seconds, 0.01, 60, 'alarms.responseTimeP90Seconds');
  requiredNumber(v, alarms.responseTimeP99Seconds, 0.01, 60, 'alarms.responseTimeP99Seconds');
  if (
    typeof alarms.responseTimeP90Seconds === 'number' &&
    typeof alarms.responseTimeP99Seconds === 'number'
  ) {
    v.check(
      alarms.responseTimeP99Seconds >= alarms.responseTimeP90Seconds,
      'alarms.responseTimeP99Seconds',
      alarms.responseTimeP99Seconds,
      `is below the p90 threshold (${alarms.responseTimeP90Seconds} s)`,
      `use at least ${alarms.responseTimeP90Seconds}`,
    );
  }
  requiredNumber(v, alarms.ecsCpuPercent, 1, 100, 'alarms.ecsCpuPercent');
  requiredNumber(v, alarms.ecsMemoryPercent, 1, 100, 'alarms.ecsMemoryPercent');
  requiredNumber(v, alarms.rdsCpuPercent, 1, 100, 'alarms.rdsCpuPercent');
  requiredNumber(v, alarms.rdsFreeStorageGiB, 1, 65536, 'alarms.rdsFreeStorageGiB');
}
