import { Validator } from '../../modules/core/validation';
import {
  KNOWN_INTERFACE_ENDPOINT_SERVICES,
  KnownInterfaceEndpointService,
} from '../../modules/vpc/interface-endpoints';
import { BaseEnvironmentConfig, checkBaseEnvironment } from '../shared/environment';
import {
  ContainerServiceConfig,
  DatabaseConfig,
  HostedZoneConfig,
  NatGateways,
  ScalingConfig,
  checkAdminCidrs,
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

/** Host names of the two endpoints behind the load balancer, in one Route 53 zone. */
export interface MlcicdDnsConfig extends HostedZoneConfig {
  /** Host of the MLflow tracking server and UI, e.g. `mlflow.dev.mlcicd.example.com`. */
  readonly mlflowHostName: string;
  /** Host of the model-serving API, e.g. `models.dev.mlcicd.example.com`. */
  readonly servingHostName: string;
}

/** The MLflow tracking server (one ECS service). */
export interface MlflowConfig extends ContainerServiceConfig {
  /** Tasks to run, 1-10 (the server is stateless: state is in RDS and S3). */
  readonly desiredCount: number;
  /** Gunicorn workers per task, 1-16 (about one per 0.25 vCPU). */
  readonly workers: number;
}

/** The model-serving API (one ECS service with auto scaling). */
export interface ServingConfig extends ContainerServiceConfig {
  /** Port the serving container listens on, 1024-65535 (the tasks run as a non-root user). */
  readonly containerPort: number;
  /** Path of the container's health endpoint, e.g. `/health`. */
  readonly healthCheckPath: string;
  /** Task-count scaling. */
  readonly scaling: ScalingConfig;
}

/** The S3 artifact store. */
export interface ArtifactStoreConfig {
  /** Days before noncurrent (overwritten or deleted) artifact versions expire, 1-3650. */
  readonly noncurrentVersionExpirationInDays: number;
  /** Days after which artifacts move to S3 Intelligent-Tiering, 0-3650 (the seed asks for it). */
  readonly intelligentTieringAfterDays: number;
}

/** Alarm thresholds of the environment (every alarm notifies the environment's topic). */
export type MlcicdAlarmConfig = ServiceAlarmConfig;

/** Usage the monthly cost estimate assumes (README "Costs"); not used by the stack. */
export interface UsageAssumptions {
  /** GB a month through the NAT gateways (image pulls, package downloads). */
  readonly natDataGbPerMonth: number;
  /** Average load balancer capacity units. */
  readonly loadBalancerLcus: number;
  /** GB of artifacts in S3 (average over the month). */
  readonly artifactStorageGb: number;
  /** GB of logs ingested a month (containers, flow logs, RDS). */
  readonly logIngestGbPerMonth: number;
  /** GB of images kept in ECR. */
  readonly imageStorageGb: number;
  /** Millions of requests a month through the web ACL (when `webAcl`). */
  readonly wafMillionRequests: number;
}

/**
 * One environment of the ML CI/CD platform (seed 002): MLflow tracking server and model serving on
 * ECS Fargate behind one HTTPS load balancer, RDS PostgreSQL as MLflow's backend store, an S3
 * artifact store. Validated by {@link validateMlcicdEnvironment}.
 */
export interface MlcicdEnvironmentConfig extends BaseEnvironmentConfig {
  /** VPC block (from the address plan: 10.40/10.41/10.42). */
  readonly vpcCidr: string;
  /** NAT gateways for the private subnets the tasks run in. */
  readonly natGateways: NatGateways;
  /**
   * Interface VPC endpoints in the private subnets (`ecr.api`, `logs`, ...). Each costs $7.30 per
   * AZ-month; with a NAT gateway they are optional.
   */
  readonly interfaceEndpoints: readonly KnownInterfaceEndpointService[];
  /** DNS names and zone. */
  readonly dns: MlcicdDnsConfig;
  /**
   * CIDR blocks allowed to reach the MLflow UI and API through the load balancer (office, VPN, CI
   * runners with fixed egress), 1-9; other clients get 404. MLflow has no authentication of its
   * own in this setup (README "Who can reach MLflow").
   */
  readonly mlflowAdminCidrs: readonly string[];
  /** Deletion protection of the load balancer. */
  readonly loadBalancerDeletionProtection: boolean;
  /**
   * A WAF web ACL on the load balancer (AWS IP reputation, known bad inputs, common rule set, a
   * per-IP rate limit; about $9 a month plus $0.60 per million requests and its logs).
   */
  readonly webAcl: boolean;
  /** MLflow's backend store. */
  readonly database: DatabaseConfig;
  /** MLflow tracking server. */
  readonly mlflow: MlflowConfig;
  /** Model serving. */
  readonly serving: ServingConfig;
  /** Artifact bucket lifecycle. */
  readonly artifacts: ArtifactStoreConfig;
  /** Alarm thresholds. */
  readonly alarms: MlcicdAlarmConfig;
  /** Monthly budget (USD) the cost estimate must stay within. */
  readonly monthlyBudgetUsd: number;
  /** Usage the cost estimate assumes. */
  readonly usage: UsageAssumptions;
}

/** The most admin CIDR blocks: three ALB rules of three source blocks each. */
export const MAX_MLFLOW_ADMIN_CIDRS = 9;

const HEALTH_PATH_RE = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,120}$/;

/**
 * Checks one environment and throws a ValidationError listing every problem (field, value, what
 * is wrong, the fix). Untyped callers get the same errors, never a TypeError.
 */
export function validateMlcicdEnvironment(
  cfg: MlcicdEnvironmentConfig,
  path = `mlcicd.environments.${(cfg as { name?: unknown })?.name}`,
): void {
  const v = new Validator(path);
  const c = requireSection(v, 'environment', cfg) as Partial<MlcicdEnvironmentConfig>;
  checkBaseEnvironment(v, c as MlcicdEnvironmentConfig, 2);
  v.check(
    typeof c.vpcCidr === 'string',
    'vpcCidr',
    c.vpcCidr,
    'is required: the services run in a VPC',
    'take the next block of the address plan (mlcicd: 10.40.0.0/16, 10.41.0.0/16, 10.42.0.0/16)',
  );
  v.check(
    c.natGateways === 'none' || c.natGateways === 'single' || c.natGateways === 'perAz',
    'natGateways',
    c.natGateways,
    'is not a NAT mode',
    'use "none", "single" or "perAz"',
  );
  const endpoints = Array.isArray(c.interfaceEndpoints) ? c.interfaceEndpoints : [];
  v.check(
    Array.isArray(c.interfaceEndpoints),
    'interfaceEndpoints',
    c.interfaceEndpoints,
    'must be a list of service names',
    'use [] or e.g. ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm"]',
  );
  endpoints.forEach((e, i) =>
    v.check(
      (KNOWN_INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(e),
      `interfaceEndpoints[${i}]`,
      e,
      'is not an interface endpoint service this project knows',
      'use a name such as "ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm" or "sts"',
    ),
  );
  if (c.natGateways === 'none') {
    // Without NAT, tasks reach AWS only through endpoints: ECR (api, dkr), Logs and the secrets.
    const needed = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'];
    const missing = needed.filter((n) => !(endpoints as readonly string[]).includes(n));
    v.check(
      missing.length === 0,
      'interfaceEndpoints',
      c.interfaceEndpoints,
      `lacks ${missing.join(', ')}: without a NAT gateway the tasks could not pull images, write logs or read their secrets`,
      `add ${missing.map((m) => `"${m}"`).join(', ')}, or use natGateways "single"`,
    );
  }

  const dns = requireSection(v, 'dns', c.dns);
  checkHostedZone(v, 'dns', dns);
  checkHostName(v, 'dns.mlflowHostName', dns.mlflowHostName, dns.zoneName);
  checkHostName(v, 'dns.servingHostName', dns.servingHostName, dns.zoneName);
  checkDistinctHosts(v, [
    ['dns.mlflowHostName', dns.mlflowHostName],
    ['dns.servingHostName', dns.servingHostName],
  ]);
  checkAdminCidrs(v, 'mlflowAdminCidrs', c.mlflowAdminCidrs, 1, MAX_MLFLOW_ADMIN_CIDRS);
  v.check(
    typeof c.loadBalancerDeletionProtection === 'boolean',
    'loadBalancerDeletionProtection',
    c.loadBalancerDeletionProtection,
    'must be true or false',
    'set it to true where losing the load balancer name would break clients',
  );

  v.check(
    typeof c.webAcl === 'boolean',
    'webAcl',
    c.webAcl,
    'must be true or false',
    'set webAcl: true for internet-facing environments that serve real clients',
  );

  const db = requireSection(v, 'database', c.database);
  checkDatabase(v, 'database', db);
  checkRestartAfterRotation(v, 'database', db);

  const mlflow = requireSection(v, 'mlflow', c.mlflow);
  checkContainerService(v, 'mlflow', mlflow);
  requiredInt(v, mlflow.desiredCount, 1, 10, 'mlflow.desiredCount');
  requiredInt(v, mlflow.workers, 1, 16, 'mlflow.workers');

  const serving = requireSection(v, 'serving', c.serving);
  checkContainerService(v, 'serving', serving);
  requiredInt(
    v,
    serving.containerPort,
    1024,
    65535,
    'serving.containerPort',
    'use a port from 1024 (non-root processes cannot bind lower), e.g. 8080',
  );
  v.check(
    typeof serving.healthCheckPath === 'string' && HEALTH_PATH_RE.test(serving.healthCheckPath),
    'serving.healthCheckPath',
    serving.healthCheckPath,
    'is not an absolute URL path',
    'use the container health endpoint, e.g. "/health"',
  );
  checkScaling(v, 'serving.scaling', requireSection(v, 'serving.scaling', serving.scaling));

  const artifacts = requireSection(v, 'artifacts', c.artifacts);
  requiredInt(
    v,
    artifacts.noncurrentVersionExpirationInDays,
    1,
    3650,
    'artifacts.noncurrentVersionExpirationInDays',
  );
  requiredInt(v, artifacts.intelligentTieringAfterDays, 0, 3650, 'artifacts.intelligentTieringAfterDays');

  const alarms = requireSection(v, 'alarms', c.alarms);
  checkServiceAlarms(v, alarms);

  checkBudget(v, 'monthlyBudgetUsd', c.monthlyBudgetUsd);
  const usage = requireSection(v, 'usage', c.usage);
  for (const key of [
    'natDataGbPerMonth',
    'loadBalancerLcus',
    'artifactStorageGb',
    'logIngestGbPerMonth',
    'imageStorageGb',
    'wafMillionRequests',
  ] as const) {
    requiredNumber(v, usage[key], 0, 1_000_000, `usage.${key}`);
  }
  v.throwIfInvalid();
}
