import { ModelregEnvironmentConfig } from './config';

const TAGS = { Owner: 'ml-platform', CostCenter: 'model-registry' };
/** The public zone the host names live in (placeholder id of the right format). */
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' } as const;
/** The registry's database password rotates Sundays 03:00-04:00 UTC; the backend restarts at 04:15. */
const ROTATION = {
  passwordRotationSchedule: 'cron(0 3 ? * SUN *)',
  passwordRotationWindowInHours: 1,
  clientRestartSchedule: 'cron(15 4 ? * SUN *)',
} as const;
/** The application repository's CI (seed 001: GitHub Actions, OIDC, push to `aws-deployment`). */
const APP_DEPLOY = {
  repository: 'example/model-registry',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
} as const;

/**
 * The Model Registry's environments (seed 001). The seed describes production (us-east-1, backend
 * 2-10 tasks scaling on CPU 70 % and memory 80 %, db.t3.micro, Batch on Fargate with 16 vCPUs,
 * 15-minute jobs and 3 attempts) and a checklist (Multi-AZ, deletion protection, WAF, flow logs,
 * backups, alarms); what it leaves open is decided here:
 *
 * | env     | NAT    | RDS                       | AWS Backup | backend tasks | Spot                         | autograder                     | WAF | ALB deletion protection | logs | why                                                |
 * |---------|--------|---------------------------|------------|---------------|------------------------------|--------------------------------|-----|-------------------------|------|----------------------------------------------------|
 * | dev     | single | t3.micro, single-AZ, no DP| none       | 1-2           | backend and jobs on Spot     | 4 vCPUs, egress via NAT        | no  | off                     | 14 d | cheapest that works (WAF would be $18 of ~$90)     |
 * | staging | single | t3.micro, single-AZ, DP   | daily, 14 d| 2-4           | 1 on-demand base, then 1:3   | 16 vCPUs, egress via NAT, Spot | yes | on                      | 30 d | like prod but smaller: rehearses WAF, scaling, DP, restores |
 * | prod    | perAz  | t3.micro, Multi-AZ, DP    | daily, 35 d| 2-10          | none                         | 16 vCPUs, VPC endpoints only   | yes | on                      | 90 d | the seed's production checklist; graded code cannot reach the internet |
 *
 * Every environment: two AZs, flow logs, HTTPS only (CloudFront TLS 1.2, ALB TLS 1.2+), the SPA
 * bucket private behind origin access control, 7 days of RDS backups plus a final snapshot, the
 * master password rotated weekly in a window with the backend restarted after it, and one CI role
 * for the application repository (push images, roll the backend, publish the SPA).
 */
export const MODELREG_ENVIRONMENTS: readonly ModelregEnvironmentConfig[] = [
  {
    name: 'dev',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.50.0.0/16',
    natGateways: 'single',
    interfaceEndpoints: [],
    alarmEmails: ['model-registry-dev@example.com'],
    logRetentionInDays: 14,
    tags: TAGS,
    dns: {
      ...ZONE,
      frontendHostName: 'registry.dev.example.com',
      apiHostName: 'api.registry.dev.example.com',
    },
    loadBalancerDeletionProtection: false,
    webAcls: false,
    wafRateLimitPerFiveMinutes: 2000,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 50,
      multiAz: false,
      deletionProtection: false,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8000,
      healthCheckPath: '/health',
      scaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 70, memoryTargetPercent: 80 },
      spot: { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 },
    },
    autograder: {
      imageTag: '1.0.0',
      vcpu: 1,
      memoryInMiB: 2048,
      maxVcpus: 4,
      timeoutInMinutes: 15,
      retryAttempts: 3,
      spot: true,
      egress: 'internet',
    },
    packages: { noncurrentVersionExpirationInDays: 30, intelligentTieringAfterDays: 0 },
    appDeploy: { ...APP_DEPLOY, branches: ['main'], environments: ['dev'] },
    alarms: {
      target5xxRatePercent: 10,
      responseTimeP90Seconds: 2,
      responseTimeP99Seconds: 5,
      ecsCpuPercent: 90,
      ecsMemoryPercent: 90,
      rdsCpuPercent: 90,
      rdsFreeStorageGiB: 2,
      cloudFront5xxRatePercent: 10,
      failedJobs: 10,
    },
    monthlyBudgetUsd: 110,
    usage: {
      natDataGbPerMonth: 10,
      loadBalancerLcus: 0.1,
      autograderJobHours: 20,
      cloudFrontGbPerMonth: 0,
      wafMillionRequests: 0,
      s3StorageGb: 10,
      logIngestGbPerMonth: 2,
      imageStorageGb: 5,
      backupStorageGb: 0,
    },
  },
  {
    name: 'staging',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.51.0.0/16',
    natGateways: 'single',
    interfaceEndpoints: [],
    alarmEmails: ['model-registry-staging@example.com'],
    logRetentionInDays: 30,
    tags: TAGS,
    dns: {
      ...ZONE,
      frontendHostName: 'registry.staging.example.com',
      apiHostName: 'api.registry.staging.example.com',
    },
    loadBalancerDeletionProtection: true,
    webAcls: true,
    wafRateLimitPerFiveMinutes: 2000,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 100,
      multiAz: false,
      deletionProtection: true,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    databaseBackupPlan: { schedule: 'cron(0 5 ? * * *)', retentionInDays: 14 },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8000,
      healthCheckPath: '/health',
      scaling: { minCapacity: 2, maxCapacity: 4, cpuTargetPercent: 70, memoryTargetPercent: 80 },
      spot: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 },
    },
    autograder: {
      imageTag: '1.0.0',
      vcpu: 1,
      memoryInMiB: 2048,
      maxVcpus: 16,
      timeoutInMinutes: 15,
      retryAttempts: 3,
      spot: true,
      egress: 'internet',
    },
    packages: { noncurrentVersionExpirationInDays: 60, intelligentTieringAfterDays: 0 },
    appDeploy: { ...APP_DEPLOY, branches: [], environments: ['staging'] },
    alarms: {
      target5xxRatePercent: 5,
      responseTimeP90Seconds: 1,
      responseTimeP99Seconds: 3,
      ecsCpuPercent: 85,
      ecsMemoryPercent: 85,
      rdsCpuPercent: 85,
      rdsFreeStorageGiB: 2,
      cloudFront5xxRatePercent: 5,
      failedJobs: 5,
    },
    monthlyBudgetUsd: 170,
    usage: {
      natDataGbPerMonth: 20,
      loadBalancerLcus: 0.2,
      autograderJobHours: 50,
      cloudFrontGbPerMonth: 0,
      wafMillionRequests: 0.5,
      s3StorageGb: 20,
      logIngestGbPerMonth: 3,
      imageStorageGb: 5,
      backupStorageGb: 10,
    },
  },
  {
    name: 'prod',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.52.0.0/16',
    natGateways: 'perAz',
    interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs'],
    alarmEmails: ['ml-oncall@example.com', 'model-registry@example.com'],
    logRetentionInDays: 90,
    tags: TAGS,
    dns: {
      ...ZONE,
      frontendHostName: 'registry.example.com',
      apiHostName: 'api.registry.example.com',
    },
    loadBalancerDeletionProtection: true,
    webAcls: true,
    wafRateLimitPerFiveMinutes: 2000,
    database: {
      instanceClass: 'db.t3.micro',
      allocatedStorageInGiB: 20,
      maxAllocatedStorageInGiB: 200,
      multiAz: true,
      deletionProtection: true,
      backupRetentionInDays: 7,
      ...ROTATION,
    },
    databaseBackupPlan: { schedule: 'cron(0 5 ? * * *)', retentionInDays: 35 },
    backend: {
      imageTag: '1.0.0',
      cpu: 512,
      memoryMiB: 1024,
      containerPort: 8000,
      healthCheckPath: '/health',
      scaling: { minCapacity: 2, maxCapacity: 10, cpuTargetPercent: 70, memoryTargetPercent: 80 },
    },
    autograder: {
      imageTag: '1.0.0',
      vcpu: 1,
      memoryInMiB: 2048,
      maxVcpus: 16,
      timeoutInMinutes: 15,
      retryAttempts: 3,
      spot: false,
      egress: 'vpcEndpointsOnly',
    },
    packages: { noncurrentVersionExpirationInDays: 90, intelligentTieringAfterDays: 0 },
    appDeploy: { ...APP_DEPLOY, branches: [], environments: ['prod'] },
    alarms: {
      target5xxRatePercent: 2,
      responseTimeP90Seconds: 1,
      responseTimeP99Seconds: 3,
      ecsCpuPercent: 80,
      ecsMemoryPercent: 85,
      rdsCpuPercent: 80,
      rdsFreeStorageGiB: 5,
      cloudFront5xxRatePercent: 2,
      failedJobs: 3,
    },
    monthlyBudgetUsd: 260,
    usage: {
      natDataGbPerMonth: 20,
      loadBalancerLcus: 1,
      autograderJobHours: 100,
      cloudFrontGbPerMonth: 0,
      wafMillionRequests: 2,
      s3StorageGb: 50,
      logIngestGbPerMonth: 10,
      imageStorageGb: 10,
      backupStorageGb: 40,
    },
  },
];
