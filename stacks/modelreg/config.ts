import { Validator } from '../../modules/core/validation';
import {
  KNOWN_INTERFACE_ENDPOINT_SERVICES,
  KnownInterfaceEndpointService,
} from '../../modules/vpc/interface-endpoints';
import {
  FARGATE_MEMORY_BY_VCPU,
  FargateVcpu,
  describeFargateMemory,
  isFargateCombination,
} from '../../modules/batch-fargate/fargate-resources';
import { scheduleProblems } from '../../modules/backup/schedule';
import { BaseEnvironmentConfig, checkBaseEnvironment } from '../shared/environment';
import {
  ContainerServiceConfig,
  DatabaseConfig,
  HostedZoneConfig,
  NatGateways,
  ScalingConfig,
  checkBudget,
  checkContainerService,
  checkDatabase,
  checkDistinctHosts,
  checkHostName,
  checkHostedZone,
  checkRestartAfterRotation,
  checkScaling,
  requireSection,
  requiredInt,
  requiredNumber,
  ServiceAlarmConfig,
  checkServiceAlarms,
} from '../shared/blueprint-config';

/** Host names of the single-page app (CloudFront) and the API (load balancer), in one zone. */
export interface ModelregDnsConfig extends HostedZoneConfig {
  /** Host of the single-page app, e.g. `registry.example.com`. */
  readonly frontendHostName: string;
  /** Host of the backend API, e.g. `api.registry.example.com`. */
  readonly apiHostName: string;
}

/** The backend API (one ECS service with auto scaling). */
export interface BackendConfig extends ContainerServiceConfig {
  /** Port the backend listens on, 1024-65535 (non-root). */
  readonly containerPort: number;
  /** Health endpoint path, e.g. `/health` (the seed's). */
  readonly healthCheckPath: string;
  /** Task-count scaling (the seed: 2-10, CPU 70 %, memory 80 %). */
  readonly scaling: ScalingConfig;
}

/** Where autograder jobs may open connections. */
export type AutograderEgress = 'internet' | 'vpcEndpointsOnly';

/** The autograder/scorer: AWS Batch on Fargate. */
export interface AutograderConfig {
  /** Image tag in the autograder ECR repository; `latest` is refused. */
  readonly imageTag: string;
  /** vCPUs per job: 0.25, 0.5, 1, 2, 4, 8 or 16. */
  readonly vcpu: FargateVcpu;
  /** Memory per job (MiB), a value Fargate takes for `vcpu`. */
  readonly memoryInMiB: number;
  /** vCPUs the compute environment may run at once, 1-256 (the seed: 16). */
  readonly maxVcpus: number;
  /** Minutes one attempt may run, 1-60 (the seed: 15). */
  readonly timeoutInMinutes: number;
  /** Attempts per job, 1-10 (the seed: 3; only infrastructure failures are retried). */
  readonly retryAttempts: number;
  /** Run on Fargate Spot (about 70 % cheaper; interrupted jobs are retried). */
  readonly spot: boolean;
  /**
   * `internet`: HTTPS (443) anywhere through the NAT gateway. `vpcEndpointsOnly`: HTTPS only to
   * the VPC's interface endpoints and S3 (through its gateway endpoint), so code under test
   * cannot reach the internet; needs the `ecr.api`, `ecr.dkr` and `logs` endpoints.
   */
  readonly egress: AutograderEgress;
}

/** AWS Backup of the database, on top of RDS's own automated backups. */
export interface DatabaseBackupPlanConfig {
  /** When the daily backup starts: an AWS cron expression in UTC, e.g. `cron(0 5 ? * * *)`. */
  readonly schedule: string;
  /** Days each recovery point is kept, 7-36500. */
  readonly retentionInDays: number;
}

/** The bucket of uploaded model packages and grading results. */
export interface PackagesConfig {
  /** Days before noncurrent object versions expire, 1-3650. */
  readonly noncurrentVersionExpirationInDays: number;
  /** Days after which packages move to S3 Intelligent-Tiering, 0-3650. */
  readonly intelligentTieringAfterDays: number;
}

/** The CI role that deploys the application (seed 001's GitHub Actions role). */
export interface AppDeployConfig {
  /** The application's GitHub repository, `owner/name`. */
  readonly repository: string;
  /** Branches whose workflow runs may deploy (the seed pushes to `aws-deployment`). */
  readonly branches: readonly string[];
  /** GitHub environments whose jobs may deploy (give each a required reviewer). */
  readonly environments: readonly string[];
  /**
   * ARN of the account's GitHub OIDC provider (the bootstrap stack creates it with
   * `MLMON_GITHUB_REPOSITORY`; an account has one per issuer).
   */
  readonly oidcProviderArn: string;
}

/** Alarm thresholds of the environment. */
export interface ModelregAlarmConfig extends ServiceAlarmConfig {
  /** CloudFront 5xx error rate (%), 0.1-100 (the seed: "CloudFront error rate"). */
  readonly cloudFront5xxRatePercent: number;
  /** Failed autograder jobs in 5 minutes that alarm, 1-1000 (each failure is also e-mailed). */
  readonly failedJobs: number;
}

/** Usage the monthly cost estimate assumes (README "Costs"); not used by the stack. */
export interface ModelregUsageAssumptions {
  /** GB a month through the NAT gateways. */
  readonly natDataGbPerMonth: number;
  /** Average load balancer capacity units. */
  readonly loadBalancerLcus: number;
  /** Autograder job-hours a month (each at the configured vCPU and memory). */
  readonly autograderJobHours: number;
  /** GB served by CloudFront a month (beyond its free 1 TB, billed). */
  readonly cloudFrontGbPerMonth: number;
  /** Requests a month through the two web ACLs, millions. */
  readonly wafMillionRequests: number;
  /** GB in S3 (packages, the site, logs). */
  readonly s3StorageGb: number;
  /** GB of logs ingested a month. */
  readonly logIngestGbPerMonth: number;
  /** GB of images kept in ECR. */
  readonly imageStorageGb: number;
  /** GB of database snapshots in the backup vault (when `databaseBackupPlan` is set). */
  readonly backupStorageGb: number;
}

/**
 * One environment of the Model Registry (seed 001): a single-page app on CloudFront and S3, the
 * backend API on ECS Fargate behind an HTTPS load balancer, RDS PostgreSQL, the autograder on AWS
 * Batch (Fargate), two ECR repositories, WAF on both entry points, alarms for every tier and the
 * CI role that deploys the app. Validated by {@link validateModelregEnvironment}.
 */
export interface ModelregEnvironmentConfig extends BaseEnvironmentConfig {
  /** VPC block (from the address plan: 10.50/10.51/10.52). */
  readonly vpcCidr: string;
  /** NAT gateways (the seed: one per AZ; "use a single NAT gateway" to save). */
  readonly natGateways: NatGateways;
  /** Interface VPC endpoints, $7.30 per AZ-month each (needed by `autograder.egress: 'vpcEndpointsOnly'`). */
  readonly interfaceEndpoints: readonly KnownInterfaceEndpointService[];
  /** DNS names and zone. */
  readonly dns: ModelregDnsConfig;
  /** Deletion protection of the load balancer. */
  readonly loadBalancerDeletionProtection: boolean;
  /**
   * WAF web ACLs on the load balancer and on CloudFront (AWS IP reputation, known bad inputs,
   * common rule set, per-IP rate limit): about $9 a month each plus $0.60 per million requests.
   */
  readonly webAcls: boolean;
  /** Requests per 5 minutes one IP may make before the web ACLs block it, 100-2,000,000,000. */
  readonly wafRateLimitPerFiveMinutes: number;
  /** The registry database. */
  readonly database: DatabaseConfig;
  /**
   * A daily AWS Backup plan for the database (own vault with a customer managed key, $1 a month,
   * plus $0.095 per GB-month of snapshots); undefined: RDS automated backups and the final
   * snapshot only.
   */
  readonly databaseBackupPlan?: DatabaseBackupPlanConfig;
  /** The backend API. */
  readonly backend: BackendConfig;
  /** The autograder. */
  readonly autograder: AutograderConfig;
  /** The packages bucket. */
  readonly packages: PackagesConfig;
  /** The application's deploy role. */
  readonly appDeploy: AppDeployConfig;
  /** Alarm thresholds. */
  readonly alarms: ModelregAlarmConfig;
  /** Monthly budget (USD) the cost estimate must stay within (the seed: $150-200 for prod). */
  readonly monthlyBudgetUsd: number;
  /** Usage the cost estimate assumes. */
  readonly usage: ModelregUsageAssumptions;
}

const HEALTH_PATH_RE = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,120}$/;
const REPOSITORY_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;
const BRANCH_RE = /^(?!\/|.*\/\/|.*\/$|.*\.\.|.*@\{|.*\.lock$|.*\.$)[^\s~^:?*[\\\p{Cc}]{1,255}$/u;
const GH_ENVIRONMENT_RE = /^[^\s*?:,'"][^*?:,'"]{0,254}$/;
const OIDC_PROVIDER_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
/** Interface endpoints the autograder needs when it may not reach the internet. */
export const AUTOGRADER_ISOLATION_ENDPOINTS: readonly KnownInterfaceEndpointService[] = [
  'ecr.api',
  'ecr.dkr',
  'logs',
];

/**
 * Checks one environment and throws a ValidationError listing every problem. Untyped callers get
 * the same errors, never a TypeError.
 */
export function validateModelregEnvironment(
  cfg: ModelregEnvironmentConfig,
  path = `modelreg.environments.${(cfg as { name?: unknown })?.name}`,
): void {
  const v = new Validator(path);
  const c = requireSection(v, 'environment', cfg) as Partial<ModelregEnvironmentConfig>;
  checkBaseEnvironment(v, c as ModelregEnvironmentConfig, 2);
  v.check(
    typeof c.vpcCidr === 'string',
    'vpcCidr',
    c.vpcCidr,
    'is required: the backend, database and autograder run in a VPC',
    'take the next block of the address plan (modelreg: 10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16)',
  );
  v.check(
    c.natGateways === 'single' || c.natGateways === 'perAz',
    'natGateways',
    c.natGateways,
    'must be "single" or "perAz": the backend calls AWS APIs without interface endpoints for all of them',
    'use "single" (one NAT, $36.50 a month) or "perAz" (survives an AZ loss)',
  );
  const endpoints = Array.isArray(c.interfaceEndpoints) ? (c.interfaceEndpoints as readonly string[]) : [];
  v.check(
    Array.isArray(c.interfaceEndpoints),
    'interfaceEndpoints',
    c.interfaceEndpoints,
    'must be a list of service names',
    'use [] or e.g. ["ecr.api", "ecr.dkr", "logs"]',
  );
  endpoints.forEach((e, i) =>
    v.check(
      (KNOWN_INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(e),
      `interfaceEndpoints[${i}]`,
      e,
      'is not an interface endpoint service this project knows',
      'use a name such as "ecr.api", "ecr.dkr" or "logs"',
    ),
  );

  const dns = requireSection(v, 'dns', c.dns);
  checkHostedZone(v, 'dns', dns);
  checkHostName(v, 'dns.frontendHostName', dns.frontendHostName, dns.zoneName);
  checkHostName(v, 'dns.apiHostName', dns.apiHostName, dns.zoneName);
  checkDistinctHosts(v, [
    ['dns.frontendHostName', dns.frontendHostName],
    ['dns.apiHostName', dns.apiHostName],
  ]);
  v.check(
    typeof c.loadBalancerDeletionProtection === 'boolean',
    'loadBalancerDeletionProtection',
    c.loadBalancerDeletionProtection,
    'must be true or false',
    'set it to true where losing the load balancer name would break clients',
  );
  v.check(
    typeof c.webAcls === 'boolean',
    'webAcls',
    c.webAcls,
    'must be true or false',
    'set webAcls: true wherever real users reach the registry (the seed asks for WAF in production)',
  );
  requiredInt(v, c.wafRateLimitPerFiveMinutes, 100, 2_000_000_000, 'wafRateLimitPerFiveMinutes');

  const db = requireSection(v, 'database', c.database);
  checkDatabase(v, 'database', db);
  checkRestartAfterRotation(v, 'database', db);

  if (c.databaseBackupPlan !== undefined) {
    const plan = requireSection(v, 'databaseBackupPlan', c.databaseBackupPlan);
    const cron = typeof plan.schedule === 'string' ? scheduleProblems(plan.schedule) : ['is not a string'];
    v.check(
      cron.length === 0,
      'databaseBackupPlan.schedule',
      plan.schedule,
      `is not a valid AWS Backup schedule (${cron.join('; ')})`,
      'use an AWS cron expression in UTC, e.g. "cron(0 5 ? * * *)" (daily 05:00)',
    );
    requiredInt(
      v,
      plan.retentionInDays,
      7,
      36500,
      'databaseBackupPlan.retentionInDays',
      'keep recovery points at least as long as the automated backups (7 days)',
    );
  }

  const backend = requireSection(v, 'backend', c.backend);
  checkContainerService(v, 'backend', backend);
  requiredInt(
    v,
    backend.containerPort,
    1024,
    65535,
    'backend.containerPort',
    'use a port from 1024 (non-root processes cannot bind lower), e.g. 8000',
  );
  v.check(
    typeof backend.healthCheckPath === 'string' && HEALTH_PATH_RE.test(backend.healthCheckPath),
    'backend.healthCheckPath',
    backend.healthCheckPath,
    'is not an absolute URL path',
    'use the health endpoint, e.g. "/health"',
  );
  checkScaling(v, 'backend.scaling', requireSection(v, 'backend.scaling', backend.scaling));

  const grader = requireSection(v, 'autograder', c.autograder);
  checkContainerService(v, 'autograder', { imageTag: grader.imageTag, cpu: 256, memoryMiB: 512 });
  const vcpuOk = typeof grader.vcpu === 'number' && grader.vcpu in FARGATE_MEMORY_BY_VCPU;
  v.check(
    vcpuOk,
    'autograder.vcpu',
    grader.vcpu,
    'is not a Fargate vCPU value',
    'use 0.25, 0.5, 1, 2, 4, 8 or 16',
  );
  if (vcpuOk) {
    v.check(
      typeof grader.memoryInMiB === 'number' &&
        isFargateCombination(grader.vcpu as number, grader.memoryInMiB),
      'autograder.memoryInMiB',
      grader.memoryInMiB,
      `is not a memory size Fargate takes with ${grader.vcpu} vCPU`,
      `use a size Fargate takes: ${describeFargateMemory(grader.vcpu as number)}`,
    );
  }
  requiredInt(v, grader.maxVcpus, 1, 256, 'autograder.maxVcpus');
  if (vcpuOk && Number.isInteger(grader.maxVcpus)) {
    v.check(
      (grader.maxVcpus as number) >= (grader.vcpu as number),
      'autograder.maxVcpus',
      grader.maxVcpus,
      `is below one job's ${grader.vcpu} vCPU, so no job could ever start`,
      `use at least ${Math.ceil(grader.vcpu as number)}`,
    );
  }
  requiredInt(v, grader.timeoutInMinutes, 1, 60, 'autograder.timeoutInMinutes');
  requiredInt(v, grader.retryAttempts, 1, 10, 'autograder.retryAttempts');
  v.check(
    typeof grader.spot === 'boolean',
    'autograder.spot',
    grader.spot,
    'must be true or false',
    'set spot: true to run jobs on Fargate Spot',
  );
  v.check(
    grader.egress === 'internet' || grader.egress === 'vpcEndpointsOnly',
    'autograder.egress',
    grader.egress,
    'is not an egress mode',
    'use "internet" or "vpcEndpointsOnly"',
  );
  if (grader.egress === 'vpcEndpointsOnly') {
    const missing = AUTOGRADER_ISOLATION_ENDPOINTS.filter((n) => !endpoints.includes(n));
    v.check(
      missing.length === 0,
      'interfaceEndpoints',
      c.interfaceEndpoints,
      `lacks ${missing.join(', ')}, which autograder jobs without internet access need to pull their image and write logs`,
      `add ${missing.map((m) => `"${m}"`).join(', ')}, or set autograder.egress to "internet"`,
    );
  }

  const packages = requireSection(v, 'packages', c.packages);
  requiredInt(
    v,
    packages.noncurrentVersionExpirationInDays,
    1,
    3650,
    'packages.noncurrentVersionExpirationInDays',
  );
  requiredInt(v, packages.intelligentTieringAfterDays, 0, 3650, 'packages.intelligentTieringAfterDays');

  const deploy = requireSection(v, 'appDeploy', c.appDeploy);
  v.check(
    typeof deploy.repository === 'string' && REPOSITORY_RE.test(deploy.repository),
    'appDeploy.repository',
    deploy.repository,
    'is not a GitHub repository in the form owner/name',
    'use the repository as GitHub spells it, e.g. "example/model-registry"',
  );
  const branches = Array.isArray(deploy.branches) ? deploy.branches : [];
  const environments = Array.isArray(deploy.environments) ? deploy.environments : [];
  branches.forEach((b, i) =>
    v.check(
      typeof b === 'string' && BRANCH_RE.test(b),
      `appDeploy.branches[${i}]`,
      b,
      'is not an exact git branch name (no wildcards)',
      'list each branch by its full name, e.g. "aws-deployment"',
    ),
  );
  environments.forEach((e, i) =>
    v.check(
      typeof e === 'string' && GH_ENVIRONMENT_RE.test(e),
      `appDeploy.environments[${i}]`,
      e,
      'is not an exact GitHub environment name',
      'list each environment by its name, e.g. "prod"',
    ),
  );
  v.check(
    branches.length + environments.length > 0,
    'appDeploy.branches',
    deploy.branches,
    'and appDeploy.environments are both empty, so no workflow could deploy',
    'list the deploy branch (e.g. "aws-deployment") or a GitHub environment',
  );
  v.check(
    typeof deploy.oidcProviderArn === 'string' && OIDC_PROVIDER_ARN_RE.test(deploy.oidcProviderArn),
    'appDeploy.oidcProviderArn',
    deploy.oidcProviderArn,
    'is not the ARN of a GitHub Actions OIDC provider',
    'use arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
  );

  const alarms = requireSection(v, 'alarms', c.alarms);
  checkServiceAlarms(v, alarms);
  requiredNumber(v, alarms.cloudFront5xxRatePercent, 0.1, 100, 'alarms.cloudFront5xxRatePercent');
  requiredInt(v, alarms.failedJobs, 1, 1000, 'alarms.failedJobs');

  checkBudget(v, 'monthlyBudgetUsd', c.monthlyBudgetUsd);
  const usage = requireSection(v, 'usage', c.usage);
  for (const key of [
    'natDataGbPerMonth',
    'loadBalancerLcus',
    'autograderJobHours',
    'cloudFrontGbPerMonth',
    'wafMillionRequests',
    's3StorageGb',
    'logIngestGbPerMonth',
    'imageStorageGb',
    'backupStorageGb',
  ] as const) {
    requiredNumber(v, usage[key], 0, 1_000_000, `usage.${key}`);
  }
  v.throwIfInvalid();
}
