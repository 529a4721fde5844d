import { EnvironmentConfig } from './config';
import { backupSelectionTag } from '../account/config';

export { PROJECT } from '../shared/project';

const ADMIN_CIDRS = ['203.0.113.0/24']; // documentation range: replace with your VPN / office egress

const COMMON_TAGS = { Owner: 'ml-platform', CostCenter: 'ml-research' };

/**
 * The tag the account stack's AWS Backup plan for `environment` selects EBS volumes by
 * (`Backup = mlmon-<env>`, `stacks/account/config.ts`), for the host's root volume; none when the
 * account has no plan for it. Read from there so the two sides cannot drift apart.
 */
function backupVolumeTags(environment: string): Readonly<Record<string, string>> | undefined {
  const tag = backupSelectionTag(environment);
  return tag ? { [tag.key]: tag.value } : undefined;
}

// Placeholder public hosted zone of the documentation domain example.com (the format of a real id):
// replace it with your zone's id. It comes from here, not from a lookup, so every stack plans offline.
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'example.com' } as const;

/**
 * The environments. Add one by appending an entry (see README "Add an environment"): every stack
 * is built from the same `MlmonStack` class with its entry as input.
 *
 * | env     | AZs | NAT    | host      | in front                            | why                                         |
 * |---------|-----|--------|-----------|-------------------------------------|---------------------------------------------|
 * | dev     | 1   | none   | t3.medium | nothing: public host, HTTP on 80    | the seed's $40-50: an ALB + NAT would double it |
 * | staging | 2   | single | t3.medium | ALB, HTTPS, host in private subnets | rehearses prod; torn down, so no deletion protection |
 * | prod    | 2   | perAz  | t3.large  | ALB, HTTPS, host in private subnets | survives an AZ loss; replicated models      |
 *
 * Each host is an Auto Scaling group of one (the group costs nothing and replaces a host that never
 * becomes healthy). Dev serves the API on port 80 through the reverse proxy on the host (443 only
 * with `domainName`); staging and prod serve it on `frontDoor.domainName` over HTTPS.
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
    rootVolumeTags: backupVolumeTags('dev'),
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
    rootVolumeTags: backupVolumeTags('staging'),
    compute: 'autoScaling',
    elasticIp: false,
    frontDoor: {
      ...ZONE,
      domainName: 'mlmon-staging.example.com',
      grafanaDomainName: 'grafana.mlmon-staging.example.com',
      deletionProtection: false,
    },
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
    rootVolumeTags: backupVolumeTags('prod'),
    compute: 'autoScaling',
    elasticIp: false,
    frontDoor: {
      ...ZONE,
      domainName: 'mlmon.example.com',
      grafanaDomainName: 'grafana.mlmon.example.com',
      deletionProtection: true,
    },
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
