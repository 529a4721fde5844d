import { Validator } from '../../modules/core/validation';
import { EnvironmentConfig, ProjectConfig } from './config';

/**
 * Project-wide settings. `bucketPrefix` must make bucket names globally unique: change it (or set
 * `bucketPrefix` in cdktf.json context / `MLMON_BUCKET_PREFIX`) before the first deploy.
 */
export const PROJECT: ProjectConfig = {
  project: 'mlmon',
  bucketPrefix: 'mlmon',
  tags: {
    Project: 'mlmon',
    ManagedBy: 'cdktf',
    Repository: 'mlmon-infra',
  },
  sharedTags: { Owner: 'ml-platform', CostCenter: 'ml-research', Environment: 'shared' },
};

const ADMIN_CIDRS = ['203.0.113.0/24']; // documentation range: replace with your VPN / office egress

const COMMON_TAGS = { Owner: 'ml-platform', CostCenter: 'ml-research' };

/**
 * The environments. Add one by appending an entry (see README "Add an environment"): every stack
 * is built from the same `MlmonStack` class with its entry as input.
 *
 * | env     | AZs | NAT    | host          | compute                   | why                                            |
 * |---------|-----|--------|---------------|---------------------------|------------------------------------------------|
 * | dev     | 1   | none   | t3.medium     | Auto Scaling group of one | cheapest; the group costs nothing and heals    |
 * | staging | 2   | single | t3.medium     | Auto Scaling group of one | rehearses prod                                 |
 * | prod    | 2   | perAz  | t3.large      | Auto Scaling group of one | survives an AZ loss; replicated models         |
 *
 * Every environment serves the API on port 80 through the reverse proxy on the host; 443 opens
 * only where `domainName` is set.
 */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [
  {
    name: 'dev',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a'],
    vpcCidr: '10.10.0.0/16',
    subnetNewBits: 4,
    privateSubnets: true,
    natGateways: 'none',
    instanceType: 't3.medium',
    rootVolumeSizeInGiB: 30,
    compute: 'autoScaling',
    elasticIp: false,
    alarmEmails: ['ml-dev-alerts@example.com'],
    adminCidrs: ADMIN_CIDRS,
    sshCidrs: [],
    logRetentionInDays: 14,
    bucketLogsExpirationInDays: 30,
    noncurrentVersionExpirationInDays: 30,
    modelImage: 'ghcr.io/example/shill-bidding-api:1.0.0',
    alarms: {
      cpuUtilizationPercent: 90,
      memoryUsedPercent: 90,
      diskUsedPercent: 90,
      api5xxErrorRatePercent: 10,
      driftScore: 0.5,
    },
    tags: COMMON_TAGS,
  },
  {
    name: 'staging',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.20.0.0/16',
    subnetNewBits: 4,
    privateSubnets: true,
    natGateways: 'single',
    instanceType: 't3.medium',
    rootVolumeSizeInGiB: 30,
    compute: 'autoScaling',
    elasticIp: true,
    alarmEmails: ['ml-staging-alerts@example.com'],
    adminCidrs: ADMIN_CIDRS,
    sshCidrs: [],
    logRetentionInDays: 30,
    bucketLogsExpirationInDays: 60,
    noncurrentVersionExpirationInDays: 60,
    modelImage: 'ghcr.io/example/shill-bidding-api:1.0.0',
    alarms: {
      cpuUtilizationPercent: 85,
      memoryUsedPercent: 85,
      diskUsedPercent: 85,
      api5xxErrorRatePercent: 5,
      driftScore: 0.4,
    },
    tags: COMMON_TAGS,
  },
  {
    name: 'prod',
    region: 'us-east-1',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    vpcCidr: '10.30.0.0/16',
    subnetNewBits: 4,
    privateSubnets: true,
    natGateways: 'perAz',
    instanceType: 't3.large',
    rootVolumeSizeInGiB: 50,
    compute: 'autoScaling',
    elasticIp: true,
    alarmEmails: ['ml-oncall@example.com', 'ml-platform@example.com'],
    adminCidrs: ADMIN_CIDRS,
    sshCidrs: [],
    logRetentionInDays: 90,
    bucketLogsExpirationInDays: 365,
    noncurrentVersionExpirationInDays: 90,
    replicationRegion: 'us-west-2',
    modelImage: 'ghcr.io/example/shill-bidding-api:1.0.0',
    alarms: {
      cpuUtilizationPercent: 80,
      memoryUsedPercent: 85,
      diskUsedPercent: 80,
      api5xxErrorRatePercent: 2,
      driftScore: 0.3,
    },
    tags: COMMON_TAGS,
  },
];

/**
 * Picks environments by name (e.g. from `MLMON_ENVIRONMENTS=dev,prod`); all when `names` is empty.
 * An unknown name throws one error listing the known ones.
 */
export function selectEnvironments(
  names: readonly string[],
  all: readonly EnvironmentConfig[] = ENVIRONMENTS,
  field = 'MLMON_ENVIRONMENTS',
): EnvironmentConfig[] {
  if (names.length === 0) return [...all];
  const known = all.map((e) => e.name);
  const v = new Validator('environment selection');
  for (const name of names) {
    v.check(
      known.includes(name),
      field,
      name,
      `is not a known environment (known: ${known.join(', ')})`,
      `use one of ${known.join(', ')}, or add "${name}" to stacks/environments.ts`,
    );
  }
  v.throwIfInvalid();
  return all.filter((e) => names.includes(e.name));
}
