import { EnvironmentConfig } from './config';

export { PROJECT } from '../shared/project';

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
