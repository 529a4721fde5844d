import { MlcicdEnvironmentConfig } from './config';

/** Documentation range: replace with the office / VPN egress of the people who use MLflow. */
const ADMIN_CIDRS = ['203.0.113.0/24'];
const TAGS = { Owner: 'ml-platform', CostCenter: 'ml-cicd' };
/** The public zone the host names live in (placeholder id of the right format). */
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' } as const;
/** MLflow's database password rotates Sundays 03:00-04:00 UTC; the tasks restart at 04:15. */
const ROTATION = {
  passwordRotationSchedule: 'cron(0 3 ? * SUN *)',
  passwordRotationWindowInHours: 1,
  clientRestartSchedule: 'cron(15 4 ? * SUN *)',
} as const;

/**
 * The ML CI/CD platform's environments (seed 002). The seed gives one production-sized setup
 * (us-west-2, two AZs, db.t3.micro, tasks of 512 CPU / 1024 MiB, 2 desired, 7-day backups, Fargate
 * Spot for non-critical work, auto scaling); what it leaves open is decided here:
 *
 * | env     | NAT    | RDS                         | MLflow        | serving tasks (min-max) | Spot                              | ALB deletion protection | logs | why                                             |
 * |---------|--------|-----------------------------|---------------|-------------------------|-----------------------------------|-------------------------|------|-------------------------------------------------|
 * | dev     | single | t3.micro, single-AZ, no DP  | 1 task, Spot  | 1-2                     | all Spot                          | off                     | 14 d | cheapest that works; one NAT ($36.50) is cheaper than the 5 interface endpoints the tasks would need without it (5 x 2 x $7.30 = $73) |
 * | staging | single | t3.micro, single-AZ, DP     | 1 task        | 2-4                     | 1 on-demand base, then 1:3 Spot   | on                      | 30 d | like prod but smaller: rehearses scaling and deletion protection |
 * | prod    | perAz  | t3.micro, Multi-AZ, DP      | 2 tasks       | 2-10                    | none (on-demand only)             | on                      | 90 d | survives an AZ loss; serving never interrupted by Spot reclaims |
 *
 * Every environment: two AZs (the load balancer and the DB subnet group need them), flow logs,
 * HTTPS only (TLS 1.2+), MLflow reachable from `ADMIN_CIDRS` only, 7 days of automated backups
 * (the seed), the master password rotated weekly in a window and the tasks restarted after it.
 */
export const MLCICD_ENVIRONMENTS: readonly MlcicdEnvironmentConfig[] = [
  {
    name: 'dev',
    region: 'us-west-2',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    vpcCidr: '10.40.0.0/16',
    natGateways: 'single',
    interfaceEndpoints: [],
    alarmEmails: ['ml-cicd-dev@example.com'],
    logRetentionInDays: 14,
    tags: TAGS,
    dns: {
      ...ZONE,
      mlflowHostName: 'mlflow.dev.mlcicd.example.com',
      servingHostName: 'models.dev.mlcicd.example.com',
    },
    mlflowAdminCidrs: ADMIN_CIDRS,
    loadBalancerDeletionProtection: false,
    webAcl: false,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 50,
      multiAz: false,
      deletionProtection: false,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    mlflow: {
      imageTag: '2.17.2',
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 1,
      workers: 2,
      spot: { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 },
    },
    serving: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8080,
      healthCheckPath: '/health',
      scaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 70, memoryTargetPercent: 80 },
      spot: { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 },
    },
    artifacts: { noncurrentVersionExpirationInDays: 30, intelligentTieringAfterDays: 0 },
    alarms: {
      target5xxRatePercent: 10,
      responseTimeP90Seconds: 2,
      responseTimeP99Seconds: 5,
      ecsCpuPercent: 90,
      ecsMemoryPercent: 90,
      rdsCpuPercent: 90,
      rdsFreeStorageGiB: 2,
    },
    monthlyBudgetUsd: 110,
    usage: {
      natDataGbPerMonth: 10,
      loadBalancerLcus: 0.1,
      artifactStorageGb: 10,
      logIngestGbPerMonth: 2,
      imageStorageGb: 5,
      wafMillionRequests: 0,
    },
  },
  {
    name: 'staging',
    region: 'us-west-2',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    vpcCidr: '10.41.0.0/16',
    natGateways: 'single',
    interfaceEndpoints: [],
    alarmEmails: ['ml-cicd-staging@example.com'],
    logRetentionInDays: 30,
    tags: TAGS,
    dns: {
      ...ZONE,
      mlflowHostName: 'mlflow.staging.mlcicd.example.com',
      servingHostName: 'models.staging.mlcicd.example.com',
    },
    mlflowAdminCidrs: ADMIN_CIDRS,
    loadBalancerDeletionProtection: true,
    webAcl: true,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 100,
      multiAz: false,
      deletionProtection: true,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    mlflow: { imageTag: '2.17.2', cpu: 512, memoryMiB: 1024, desiredCount: 1, workers: 2 },
    serving: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8080,
      healthCheckPath: '/health',
      scaling: { minCapacity: 2, maxCapacity: 4, cpuTargetPercent: 70, memoryTargetPercent: 80 },
      spot: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 },
    },
    artifacts: { noncurrentVersionExpirationInDays: 60, intelligentTieringAfterDays: 0 },
    alarms: {
      target5xxRatePercent: 5,
      responseTimeP90Seconds: 1,
      responseTimeP99Seconds: 3,
      ecsCpuPercent: 85,
      ecsMemoryPercent: 85,
      rdsCpuPercent: 85,
      rdsFreeStorageGiB: 2,
    },
    monthlyBudgetUsd: 160,
    usage: {
      natDataGbPerMonth: 20,
      loadBalancerLcus: 0.2,
      artifactStorageGb: 25,
      logIngestGbPerMonth: 3,
      imageStorageGb: 5,
      wafMillionRequests: 0.5,
    },
  },
  {
    name: 'prod',
    region: 'us-west-2',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    vpcCidr: '10.42.0.0/16',
    natGateways: 'perAz',
    interfaceEndpoints: [],
    alarmEmails: ['ml-oncall@example.com', 'ml-platform@example.com'],
    logRetentionInDays: 90,
    tags: TAGS,
    dns: {
      ...ZONE,
      mlflowHostName: 'mlflow.mlcicd.example.com',
      servingHostName: 'models.mlcicd.example.com',
    },
    mlflowAdminCidrs: ADMIN_CIDRS,
    loadBalancerDeletionProtection: true,
    webAcl: true,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 200,
      multiAz: true,
      deletionProtection: true,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    mlflow: { imageTag: '2.17.2', cpu: 512, memoryMiB: 1024, desiredCount: 2, workers: 2 },
    serving: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8080,
      healthCheckPath: '/health',
      scaling: { minCapacity: 2, maxCapacity: 10, cpuTargetPercent: 70, memoryTargetPercent: 80 },
    },
    artifacts: { noncurrentVersionExpirationInDays: 90, intelligentTieringAfterDays: 0 },
    alarms: {
      target5xxRatePercent: 2,
      responseTimeP90Seconds: 1,
      responseTimeP99Seconds: 3,
      ecsCpuPercent: 80,
      ecsMemoryPercent: 85,
      rdsCpuPercent: 80,
      rdsFreeStorageGiB: 5,
    },
    monthlyBudgetUsd: 250,
    usage: {
      natDataGbPerMonth: 50,
      loadBalancerLcus: 1,
      artifactStorageGb: 100,
      logIngestGbPerMonth: 10,
      imageStorageGb: 10,
      wafMillionRequests: 2,
    },
  },
];
