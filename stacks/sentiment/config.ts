import { Validator } from '../../modules/core/validation';
import { isValidIpv4Cidr } from '../../modules/core/ip';
import { domainNameProblems, isInZone, isValidHostedZoneId } from '../../modules/dns/domain-names';
import {
  FargateCpu,
  describeMemoryOptions,
  isFargateCpu,
  isValidFargateSize,
} from '../../modules/ecs-fargate/fargate-sizes';
import type { KnownInterfaceEndpointService } from '../../modules/vpc/interface-endpoints';
import type { CapacityProviderStrategyItem } from '../../modules/ecs-fargate/capacity-providers';
import { BaseEnvironmentConfig, checkBaseEnvironment } from '../shared/environment';

/**
 * How much availability an environment buys. Seed 004's production advice (Multi-AZ RDS, a
 * 3-node OpenSearch cluster) does not fit its own $150-180 "optimised" budget, so the choice is a
 * field: see {@link SENTIMENT_PROFILES} and the cost tables in `stacks/sentiment/README.md`.
 */
export type SentimentProfile = 'optimised' | 'highAvailability';

/** NAT gateway layout of the VPC. */
export type SentimentNatGateways = 'none' | 'single' | 'perAz';

/** What a profile decides. */
export interface SentimentProfileSettings {
  /** Fewest availability zones the profile needs (OpenSearch zone awareness over 3 AZs). */
  readonly minAvailabilityZones: number;
  /** RDS standby in a second AZ (doubles the instance and storage price). */
  readonly databaseMultiAz: boolean;
  /** OpenSearch data nodes, one per AZ. */
  readonly searchNodeCount: 1 | 3;
  /** AZs the OpenSearch data nodes spread over. */
  readonly searchAvailabilityZoneCount: 1 | 3;
  /** ElastiCache nodes: a primary, or a primary and a replica with automatic failover. */
  readonly cacheNodeCount: 1 | 2;
  /** Where the backend's tasks run. */
  readonly backendCapacity: readonly CapacityProviderStrategyItem[];
  /** Where the ML service's tasks run. */
  readonly mlServiceCapacity: readonly CapacityProviderStrategyItem[];
  /**
   * Interface endpoints in every AZ, or only in the first (half the cost with two AZs; the other
   * AZ reaches them across AZs and loses them with the first AZ, like the single-AZ data tier).
   */
  readonly interfaceEndpointsInEveryAz: boolean;
}

/**
 * The two profiles.
 *
 * | concern               | `optimised`                                        | `highAvailability`                          |
 * |-----------------------|----------------------------------------------------|---------------------------------------------|
 * | AZs (at least)        | 2 (the ALB and the RDS subnet group need two)      | 3 (one OpenSearch node per AZ)              |
 * | RDS PostgreSQL        | single-AZ: a host failure is a restore (minutes)   | Multi-AZ: failover in 1-2 minutes           |
 * | OpenSearch            | 1 node: down while it is replaced                  | 3 nodes over 3 AZs, zone awareness          |
 * | ElastiCache (Redis)   | 1 node: the Celery queue is lost with it           | primary + replica, automatic failover       |
 * | backend tasks         | first task on-demand, the rest on Fargate Spot     | on-demand                                   |
 * | ML service tasks      | Fargate Spot (about 70 % cheaper, 2-minute notice) | on-demand                                   |
 * | interface endpoints   | first AZ only (the data tier is single-AZ anyway)  | every AZ                                    |
 */
export const SENTIMENT_PROFILES: Readonly<Record<SentimentProfile, SentimentProfileSettings>> = {
  optimised: {
    minAvailabilityZones: 2,
    databaseMultiAz: false,
    searchNodeCount: 1,
    searchAvailabilityZoneCount: 1,
    cacheNodeCount: 1,
    backendCapacity: [
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ],
    mlServiceCapacity: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    interfaceEndpointsInEveryAz: false,
  },
  highAvailability: {
    minAvailabilityZones: 3,
    databaseMultiAz: true,
    searchNodeCount: 3,
    searchAvailabilityZoneCount: 3,
    cacheNodeCount: 2,
    backendCapacity: [{ capacityProvider: 'FARGATE', weight: 1 }],
    mlServiceCapacity: [{ capacityProvider: 'FARGATE', weight: 1 }],
    interfaceEndpointsInEveryAz: true,
  },
};

/**
 * Interface endpoints the tasks need when the VPC has no NAT gateway: image pulls (ECR API and
 * registry; layers come through the free S3 gateway endpoint), container logs, secrets injected
 * at task start, and Bedrock calls. Nothing else leaves the VPC.
 */
export const REQUIRED_ENDPOINTS_WITHOUT_NAT: readonly KnownInterfaceEndpointService[] = [
  'ecr.api',
  'ecr.dkr',
  'logs',
  'secretsmanager',
  'bedrock-runtime',
];

/** One Fargate service of the platform. */
export interface SentimentServiceConfig {
  /**
   * Image tag in the service's ECR repository (created by the stack), e.g. `1.4.2`. Never
   * `latest`: a revision must name one image. CI pushes the tag before the apply that uses it.
   */
  readonly imageTag: string;
  /** Task CPU units (256 = 0.25 vCPU); with `memoryMiB`, a size Fargate accepts. */
  readonly cpu: FargateCpu;
  /** Task memory (MiB). */
  readonly memoryMiB: number;
  /** Tasks to run (the minimum when the service scales). */
  readonly desiredCount: number;
}

/** The backend API: the ALB's target, scaled on CPU. */
export interface SentimentBackendConfig extends SentimentServiceConfig {
  /** Most tasks auto scaling may run (at least `desiredCount`). */
  readonly maxCount: number;
  /** Average CPU (%) that scaling keeps the tasks at (seed: 70). */
  readonly cpuTargetPercent: number;
}

/** Names and zone of the platform's two public endpoints. */
export interface SentimentDomainConfig {
  /** Route 53 public hosted zone id (`Z...`); the zone itself is managed elsewhere. */
  readonly hostedZoneId: string;
  /** Name of that zone, e.g. `example.com`. */
  readonly zoneName: string;
  /** The web app's name (CloudFront), inside the zone, e.g. `sentiment.example.com`. */
  readonly appDomain: string;
  /** The API's name (the ALB), inside the zone, e.g. `api.sentiment.example.com`. */
  readonly apiDomain: string;
}

/** The PostgreSQL database. */
export interface SentimentDatabaseConfig {
  /** RDS instance class, e.g. `db.t4g.small` (the seed's size). */
  readonly instanceClass: string;
  /** Initial gp3 storage (GiB), 20-1000; autoscaling may grow it to 5 times. */
  readonly allocatedStorageInGiB: number;
  /** Days of automated backups, 7-35. */
  readonly backupRetentionInDays: number;
}

/** The OpenSearch domain. */
export interface SentimentSearchConfig {
  /** Instance type of the data nodes, e.g. `t3.small.search`. */
  readonly instanceType: string;
  /** gp3 volume per node (GiB), 10-1000. */
  readonly volumeSizeInGiB: number;
  /**
   * IAM role that is the domain's master user (fine-grained access control): an operator's
   * role, which maps the backend's task role to an OpenSearch role after the first apply. The
   * application is deliberately not the master.
   */
  readonly masterUserArn: string;
}

/** Web application firewalls. */
export interface SentimentWafConfig {
  /** Requests per IP per 5 minutes above which the ALB's web ACL blocks (10-2,000,000,000). */
  readonly rateLimitPer5Minutes: number;
  /** Put a web ACL in front of CloudFront too ($5 + $1 per rule a month). */
  readonly cloudFront: boolean;
}

/**
 * Everything that differs between environments of the support-analytics platform (seed 004).
 * One object per environment lives in `environments.ts`; {@link validateSentimentEnvironment}
 * checks it once at startup.
 */
export interface SentimentEnvironmentConfig extends BaseEnvironmentConfig {
  /** The VPC block (every environment has a VPC). */
  readonly vpcCidr: string;
  /** Availability profile; see {@link SENTIMENT_PROFILES}. */
  readonly profile: SentimentProfile;
  /**
   * NAT gateways. `none` keeps the private subnets off the internet: the tasks reach AWS through
   * {@link interfaceEndpoints} (which must then include {@link REQUIRED_ENDPOINTS_WITHOUT_NAT}).
   */
  readonly natGateways: SentimentNatGateways;
  /** Interface endpoints in every private subnet (`ecr.api`, `secretsmanager`, ...). */
  readonly interfaceEndpoints: readonly KnownInterfaceEndpointService[];
  /** Public names. */
  readonly domain: SentimentDomainConfig;
  /** The backend API (FastAPI, port 8000). */
  readonly backend: SentimentBackendConfig;
  /** The internal ML service (port 5001, `ml-service.internal`). */
  readonly mlService: SentimentServiceConfig;
  /** PostgreSQL. */
  readonly database: SentimentDatabaseConfig;
  /** ElastiCache node type, e.g. `cache.t4g.micro`. */
  readonly cacheNodeType: string;
  /** OpenSearch. */
  readonly search: SentimentSearchConfig;
  /**
   * The Bedrock model the backend may invoke, as a foundation-model ARN, e.g.
   * `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`.
   * The task role is granted exactly this model.
   */
  readonly bedrockModelArn: string;
  /** Web application firewalls. */
  readonly waf: SentimentWafConfig;
  /**
   * Deletion protection of the ALB and the database. Off only in disposable environments: with
   * it on, `terraform destroy` fails until an apply has turned it off.
   */
  readonly deletionProtection: boolean;
}

const FOUNDATION_MODEL_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:bedrock:([a-z0-9-]+)::foundation-model\/[A-Za-z0-9._:-]+$/;
const ROLE_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const IMAGE_TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';

/** A required whole number in `[min, max]` (missing is a problem too, unlike `checkIntRange`). */
function checkRequiredInt(v: Validator, value: unknown, min: number, max: number, field: string): void {
  v.check(
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    field,
    value,
    value === undefined ? 'is required' : `must be a whole number from ${min} to ${max}`,
    `set ${field} to a whole number from ${min} to ${max}`,
  );
}

/** The region this blueprint deploys to (see the check on `region`). */
export const SENTIMENT_REGION = 'us-east-1';

/**
 * Checks one environment and throws a ValidationError listing every problem (field, value, what
 * is wrong, the fix). Untyped callers get the same messages as typed ones, never a TypeError.
 */
export function validateSentimentEnvironment(
  cfg: SentimentEnvironmentConfig,
  path = `sentiment.environments.${isObject(cfg) ? String(cfg.name) : '?'}`,
): void {
  const v = new Validator(path);
  if (!isObject(cfg)) {
    v.add('(environment)', cfg, 'is not an object', 'pass an environment object (see environments.ts)');
    v.throwIfInvalid();
  }
  const profile = SENTIMENT_PROFILES[cfg.profile as SentimentProfile];
  v.check(
    profile !== undefined && Object.prototype.hasOwnProperty.call(SENTIMENT_PROFILES, cfg.profile),
    'profile',
    cfg.profile,
    'is not a profile',
    'use "optimised" or "highAvailability"',
  );
  checkBaseEnvironment(v, cfg, profile?.minAvailabilityZones ?? 2);
  const azCount = Array.isArray(cfg.availabilityZones) ? cfg.availabilityZones.length : 0;
  if (profile && azCount > 0 && azCount < profile.minAvailabilityZones) {
    v.add(
      'availabilityZones',
      cfg.availabilityZones,
      `lists ${azCount}; profile "${cfg.profile}" needs ${profile.minAvailabilityZones} (one OpenSearch node per AZ)`,
      `list ${profile.minAvailabilityZones} zones of ${cfg.region}, or use profile "optimised"`,
    );
  }
  // CloudFront's certificate, web ACL and metrics live in us-east-1, and the CloudFront alarms
  // notify the environment's alarm topic, which must be in the same region as the metrics.
  v.check(
    cfg.region === SENTIMENT_REGION,
    'region',
    cfg.region,
    `is not ${SENTIMENT_REGION}: the CloudFront alarms must notify the stack's alarm topic, and CloudFront publishes its metrics only in us-east-1`,
    `use "${SENTIMENT_REGION}"`,
  );
  v.check(
    typeof cfg.vpcCidr === 'string' && isValidIpv4Cidr(cfg.vpcCidr),
    'vpcCidr',
    cfg.vpcCidr,
    'is required: the platform runs in a VPC',
    'use the block of the address plan, e.g. "10.60.0.0/16"',
  );

  v.check(
    ['none', 'single', 'perAz'].includes(cfg.natGateways),
    'natGateways',
    cfg.natGateways,
    'is not a NAT mode',
    'use "none" (interface endpoints only), "single" or "perAz"',
  );
  const endpoints = Array.isArray(cfg.interfaceEndpoints) ? cfg.interfaceEndpoints : [];
  v.check(
    Array.isArray(cfg.interfaceEndpoints),
    'interfaceEndpoints',
    cfg.interfaceEndpoints,
    'must be a list of service names',
    'use e.g. ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "bedrock-runtime"], or []',
  );
  if (cfg.natGateways === 'none') {
    const missing = REQUIRED_ENDPOINTS_WITHOUT_NAT.filter((e) => !endpoints.includes(e));
    v.check(
      missing.length === 0,
      'interfaceEndpoints',
      cfg.interfaceEndpoints,
      `lacks ${missing.join(', ')}: without a NAT gateway the tasks have no other route to ECR, CloudWatch Logs, Secrets Manager and Bedrock`,
      `add ${missing.map((m) => `"${m}"`).join(', ')}, or set natGateways to "single"`,
    );
  }

  const d = isObject(cfg.domain) ? cfg.domain : ({} as Partial<SentimentDomainConfig>);
  v.check(
    isObject(cfg.domain),
    'domain',
    cfg.domain,
    'is required',
    'add domain: { hostedZoneId, zoneName, appDomain, apiDomain }',
  );
  v.check(
    typeof d.hostedZoneId === 'string' && isValidHostedZoneId(d.hostedZoneId),
    'domain.hostedZoneId',
    d.hostedZoneId,
    'is not a Route 53 hosted zone id',
    'use the zone id, e.g. "Z0123456789ABCDEFGHIJ"',
  );
  for (const key of ['zoneName', 'appDomain', 'apiDomain'] as const) {
    const name = d[key];
    const problems = typeof name === 'string' ? domainNameProblems(name) : ['is required'];
    for (const p of problems) {
      v.add(`domain.${key}`, name, p, 'use a lower-case name such as "sentiment.example.com"');
    }
    if (key !== 'zoneName' && problems.length === 0 && typeof d.zoneName === 'string') {
      v.check(
        isInZone(name as string, d.zoneName),
        `domain.${key}`,
        name,
        `is not inside the zone ${d.zoneName}`,
        `use a name ending in ".${d.zoneName}", or change zoneName`,
      );
    }
  }
  v.check(
    typeof d.appDomain !== 'string' || d.appDomain !== d.apiDomain,
    'domain.apiDomain',
    d.apiDomain,
    'is the same name as appDomain',
    'give the API its own name, e.g. "api.<appDomain>"',
  );

  const checkService = (field: string, s: unknown) => {
    if (!isObject(s)) {
      v.add(field, s, 'is required', `add ${field}: { imageTag, cpu, memoryMiB, desiredCount }`);
      return;
    }
    const svc = s as Partial<SentimentServiceConfig>;
    v.check(
      typeof svc.imageTag === 'string' && IMAGE_TAG_RE.test(svc.imageTag) && svc.imageTag !== 'latest',
      `${field}.imageTag`,
      svc.imageTag,
      'is not a version tag (1-128 letters, digits, "_", "." and "-"; not "latest")',
      'use the tag CI pushed, e.g. "1.4.2"',
    );
    const cpu = svc.cpu as number;
    const memory = svc.memoryMiB as number;
    v.check(
      typeof cpu === 'number' && typeof memory === 'number' && isValidFargateSize(cpu, memory),
      `${field}.memoryMiB`,
      { cpu, memoryMiB: memory },
      'is not a task size Fargate accepts',
      isFargateCpu(cpu)
        ? `with cpu ${cpu} use memoryMiB ${describeMemoryOptions(cpu)}`
        : 'use cpu 256, 512, 1024, 2048, 4096, 8192 or 16384 with a matching memory size',
    );
    checkRequiredInt(v, svc.desiredCount, 1, 100, `${field}.desiredCount`);
  };
  checkService('backend', cfg.backend);
  checkService('mlService', cfg.mlService);
  if (isObject(cfg.backend)) {
    checkRequiredInt(v, cfg.backend.maxCount, 1, 100, 'backend.maxCount');
    v.check(
      typeof cfg.backend.maxCount !== 'number' ||
        typeof cfg.backend.desiredCount !== 'number' ||
        cfg.backend.maxCount >= cfg.backend.desiredCount,
      'backend.maxCount',
      cfg.backend.maxCount,
      `is below desiredCount (${cfg.backend.desiredCount}), the minimum scaling keeps`,
      `set maxCount to ${cfg.backend.desiredCount} or more`,
    );
    checkRequiredInt(v, cfg.backend.cpuTargetPercent, 10, 90, 'backend.cpuTargetPercent');
  }

  const db = isObject(cfg.database) ? cfg.database : ({} as Partial<SentimentDatabaseConfig>);
  v.check(
    isObject(cfg.database),
    'database',
    cfg.database,
    'is required',
    'add database: { instanceClass, allocatedStorageInGiB, backupRetentionInDays }',
  );
  v.check(
    typeof db.instanceClass === 'string' && /^db\.[a-z0-9]+\.[a-z0-9]+$/.test(db.instanceClass),
    'database.instanceClass',
    db.instanceClass,
    'is not an RDS instance class',
    'use a class such as "db.t4g.small"',
  );
  checkRequiredInt(v, db.allocatedStorageInGiB, 20, 1000, 'database.allocatedStorageInGiB');
  checkRequiredInt(v, db.backupRetentionInDays, 7, 35, 'database.backupRetentionInDays');

  v.check(
    typeof cfg.cacheNodeType === 'string' && /^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(cfg.cacheNodeType),
    'cacheNodeType',
    cfg.cacheNodeType,
    'is not an ElastiCache node type',
    'use a type such as "cache.t4g.micro"',
  );

  const search = isObject(cfg.search) ? cfg.search : ({} as Partial<SentimentSearchConfig>);
  v.check(
    isObject(cfg.search),
    'search',
    cfg.search,
    'is required',
    'add search: { instanceType, volumeSizeInGiB, masterUserArn }',
  );
  v.check(
    typeof search.instanceType === 'string' && /^[a-z0-9]+\.[a-z0-9]+\.search$/.test(search.instanceType),
    'search.instanceType',
    search.instanceType,
    'is not an OpenSearch instance type',
    'use a type such as "t3.small.search"',
  );
  checkRequiredInt(v, search.volumeSizeInGiB, 10, 1000, 'search.volumeSizeInGiB');
  v.check(
    typeof search.masterUserArn === 'string' && ROLE_ARN_RE.test(search.masterUserArn),
    'search.masterUserArn',
    search.masterUserArn,
    'is not an IAM role ARN',
    'use the ARN of the operators\' role, e.g. "arn:aws:iam::123456789012:role/search-admin"',
  );

  const model =
    typeof cfg.bedrockModelArn === 'string' ? FOUNDATION_MODEL_ARN_RE.exec(cfg.bedrockModelArn) : null;
  v.check(
    model !== null,
    'bedrockModelArn',
    cfg.bedrockModelArn,
    'is not a Bedrock foundation-model ARN',
    'use e.g. "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"',
  );
  if (model) {
    v.check(
      model[2] === cfg.region,
      'bedrockModelArn',
      cfg.bedrockModelArn,
      `names region ${model[2]}, not the stack's region ${cfg.region} (the backend calls Bedrock through the regional endpoint)`,
      `use the model's ARN in ${cfg.region}`,
    );
  }

  const waf = isObject(cfg.waf) ? cfg.waf : ({} as Partial<SentimentWafConfig>);
  v.check(isObject(cfg.waf), 'waf', cfg.waf, 'is required', 'add waf: { rateLimitPer5Minutes, cloudFront }');
  checkRequiredInt(v, waf.rateLimitPer5Minutes, 10, 2_000_000_000, 'waf.rateLimitPer5Minutes');
  v.check(
    typeof waf.cloudFront === 'boolean',
    'waf.cloudFront',
    waf.cloudFront,
    'must be true or false',
    'set true to put a web ACL in front of CloudFront',
  );
  v.check(
    typeof cfg.deletionProtection === 'boolean',
    'deletionProtection',
    cfg.deletionProtection,
    'must be true or false',
    'set true for environments whose data must survive a mistaken destroy',
  );
  v.throwIfInvalid();
}

/** The model id of a foundation-model ARN (`anthropic.claude-3-haiku-20240307-v1:0`). */
export function bedrockModelId(modelArn: string): string {
  return modelArn.slice(modelArn.indexOf('foundation-model/') + 'foundation-model/'.length);
}
