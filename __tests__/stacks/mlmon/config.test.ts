import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation';
import {
  EnvironmentConfig,
  FrontDoorConfig,
  validateEnvironmentConfig,
  validateProjectConfig,
} from '../../../stacks/mlmon/config';
import { ENVIRONMENTS, PROJECT } from '../../../stacks/mlmon/environments';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev') as EnvironmentConfig;

function errorOf(fn: () => void): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('shipped configuration', () => {
  it.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s is valid', (_name, cfg) => {
    expect(() => validateEnvironmentConfig(cfg)).not.toThrow();
  });
  it('project settings are valid', () => {
    expect(() => validateProjectConfig(PROJECT)).not.toThrow();
  });
  it('ships dev, staging and prod', () => {
    expect(ENVIRONMENTS.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });
});

// Each bad input fails with one message naming the config path, the field, the value and the fix.
describe('bad environment configuration', () => {
  const cases: Array<[string, Partial<EnvironmentConfig>, string, string, string]> = [
    // [case, override, field, value as printed, fix fragment]
    [
      'malformed CIDR',
      { vpcCidr: '10.0.0/16' },
      'vpcCidr',
      '"10.0.0/16"',
      'use a block such as "10.20.0.0/16"',
    ],
    ['CIDR with host bits', { vpcCidr: '10.0.0.1/16' }, 'vpcCidr', '"10.0.0.1/16"', 'use a block such as'],
    ['public CIDR', { vpcCidr: '8.8.0.0/16' }, 'vpcCidr', '"8.8.0.0/16"', 'inside 10.0.0.0/8'],
    ['VPC too small', { vpcCidr: '10.0.0.0/26' }, 'vpcCidr', '"10.0.0.0/26"', 'use a /16 to /24 block'],
    [
      'subnets that do not fit the VPC',
      { vpcCidr: '10.0.0.0/24', subnetNewBits: 6 },
      'subnetNewBits',
      '6',
      'use subnetNewBits from 4 to 4 for 10.0.0.0/24',
    ],
    [
      'too few subnet bits for the layout',
      { subnetNewBits: 2 },
      'subnetNewBits',
      '2',
      'use subnetNewBits from 4',
    ],
    [
      'AZ outside the region',
      { availabilityZones: ['us-west-2a'] },
      'availabilityZones[0]',
      '"us-west-2a"',
      'use a zone of us-east-1',
    ],
    [
      'duplicate AZ',
      { availabilityZones: ['us-east-1a', 'us-east-1a'] },
      'availabilityZones[1]',
      '"us-east-1a"',
      'list each zone once',
    ],
    ['no AZ', { availabilityZones: [] }, 'availabilityZones', '[]', 'list zones of us-east-1'],
    [
      'unknown region',
      { region: 'us-middle-1' },
      'region',
      '"us-middle-1"',
      'use a region such as "us-east-1"',
    ],
    [
      'invalid e-mail',
      { alarmEmails: ['oncall.example.com'] },
      'alarmEmails[0]',
      '"oncall.example.com"',
      'use an address such as',
    ],
    ['no e-mail', { alarmEmails: [] }, 'alarmEmails', '[]', 'list at least one address'],
    [
      'retention CloudWatch rejects',
      { logRetentionInDays: 10 },
      'logRetentionInDays',
      '10',
      'use 14, the nearest accepted value',
    ],
    [
      'missing required tag',
      { tags: { Owner: 'ml-platform' } },
      'tags.CostCenter',
      'undefined',
      'add tags: { CostCenter: "<value>" }',
    ],
    [
      'empty required tag',
      { tags: { Owner: ' ', CostCenter: 'x' } },
      'tags.Owner',
      '" "',
      'add tags: { Owner: "<value>" }',
    ],
    [
      'reserved tag key',
      { tags: { Owner: 'a', CostCenter: 'b', 'aws:foo': 'x' } },
      'tags["aws:foo"]',
      '"aws:foo"',
      'not starting with "aws:"',
    ],
    [
      'bad instance type',
      { instanceType: 't3-medium' },
      'instanceType',
      '"t3-medium"',
      'use a type such as "t3.medium"',
    ],
    ['root volume too small', { rootVolumeSizeInGiB: 8 }, 'rootVolumeSizeInGiB', '8', 'use 20 to 50 GiB'],
    ['root volume too large', { rootVolumeSizeInGiB: 51 }, 'rootVolumeSizeInGiB', '51', 'use 20 to 50 GiB'],
    [
      'NAT without private subnets',
      { privateSubnets: false, natGateways: 'single' },
      'natGateways',
      '"single"',
      'set privateSubnets: true',
    ],
    [
      'admin CIDR open to the world',
      { adminCidrs: ['0.0.0.0/0'] },
      'adminCidrs',
      '["0.0.0.0/0"]',
      'SSM Session Manager',
    ],
    [
      'the world split in two halves',
      { sshCidrs: ['0.0.0.0/1', '128.0.0.0/1'] },
      'sshCidrs',
      '["0.0.0.0/1","128.0.0.0/1"]',
      'list your office or VPN ranges',
    ],
    [
      'two public /8s together',
      { adminCidrs: ['3.0.0.0/8', '4.0.0.0/8'] },
      'adminCidrs',
      '["3.0.0.0/8","4.0.0.0/8"]',
      'leave it empty and use SSM Session Manager',
    ],
    ['malformed SSH CIDR', { sshCidrs: ['1.2.3.4'] }, 'sshCidrs[0]', '"1.2.3.4"', 'use a block such as'],
    [
      'replica in the same region',
      { replicationRegion: 'us-east-1' },
      'replicationRegion',
      '"us-east-1"',
      'choose a second region',
    ],
    [
      'drift threshold above 1',
      { alarms: { ...dev.alarms, driftScore: 1.5 } },
      'alarms.driftScore',
      '1.5',
      'set alarms.driftScore to a score above 0 and below 1, e.g. 0.3',
    ],
    [
      'drift threshold of 0 (alarms on any drift)',
      { alarms: { ...dev.alarms, driftScore: 0 } },
      'alarms.driftScore',
      '0',
      'a score above 0 and below 1',
    ],
    [
      'CPU threshold above 100',
      { alarms: { ...dev.alarms, cpuUtilizationPercent: 120 } },
      'alarms.cpuUtilizationPercent',
      '120',
      'set alarms.cpuUtilizationPercent to a percentage above 0% and below 100%, e.g. 80',
    ],
    [
      'disk threshold of 100 (never exceeded)',
      { alarms: { ...dev.alarms, diskUsedPercent: 100 } },
      'alarms.diskUsedPercent',
      '100',
      'a percentage above 0% and below 100%',
    ],
    ['bad environment name', { name: 'Dev_1' }, 'name', '"Dev_1"', 'use a name such as "dev"'],
    ['image with spaces', { modelImage: 'my image' }, 'modelImage', '"my image"', 'use a reference such as'],
    [
      'an uppercase domain name',
      { domainName: 'API.example.com', elasticIp: true },
      'domainName',
      '"API.example.com"',
      'use a name such as "api.example.com"',
    ],
    [
      'a domain name without an Elastic IP',
      { domainName: 'api.example.com', elasticIp: false },
      'domainName',
      '"api.example.com"',
      'set elasticIp: true, or remove domainName',
    ],
    [
      'a root volume tag under aws:',
      { rootVolumeTags: { 'aws:backup': 'daily' } },
      'rootVolumeTags["aws:backup"]',
      '"daily"',
      'fix the key or shorten the value',
    ],
  ];

  it.each(cases)('%s', (_case, override, field, value, fix) => {
    const err = errorOf(() => validateEnvironmentConfig({ ...dev, ...override }));
    expect(err.message).toContain('environments.');
    const line = err.message.split('\n').find((l) => l.includes(`${field} = ${value}:`));
    expect(line).toBeDefined();
    expect(line?.slice(line.indexOf('Fix: '))).toContain(fix);
    expect(err.problems.some((p) => p.field === field)).toBe(true);
  });

  it('lists every problem in one error', () => {
    const err = errorOf(() =>
      validateEnvironmentConfig({ ...dev, vpcCidr: 'nope', alarmEmails: ['x'], logRetentionInDays: 2 }),
    );
    expect(err.problems.map((p) => p.field)).toEqual(['vpcCidr', 'alarmEmails[0]', 'logRetentionInDays']);
    expect(err.message.split('\n')[0]).toBe('Invalid input for environments.dev (3 problems):');
  });

  it.each([
    ['largest accepted root volume', { rootVolumeSizeInGiB: 50 }],
    ['a domain name with an Elastic IP', { domainName: 'api.example.com', elasticIp: true }],
    ['a backup tag on the root volume', { rootVolumeTags: { 'backup-plan': 'daily' } }],
    ['a single instance', { compute: 'instance' }],
    ['smallest accepted root volume', { rootVolumeSizeInGiB: 20 }],
    ['one public /8 of admin networks (the bound)', { adminCidrs: ['3.0.0.0/8'] }],
    [
      'every private range as admin networks',
      { adminCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
    ],
    [
      'thresholds just inside their scales',
      {
        alarms: {
          cpuUtilizationPercent: 99.9,
          memoryUsedPercent: 0.1,
          diskUsedPercent: 99.9,
          api5xxErrorRatePercent: 0.1,
          driftScore: 0.99,
        },
      },
    ],
    ['retention of never-expire', { logRetentionInDays: 0 }],
    ['a /24 VPC with /28 subnets', { vpcCidr: '10.0.0.0/24', subnetNewBits: 4 }],
    [
      'six AZs',
      {
        availabilityZones: [
          'us-east-1a',
          'us-east-1b',
          'us-east-1c',
          'us-east-1d',
          'us-east-1e',
          'us-east-1f',
        ],
      },
    ],
  ] as Array<[string, Partial<EnvironmentConfig>]>)('accepts %s', (_case, override) => {
    expect(() => validateEnvironmentConfig({ ...dev, ...override })).not.toThrow();
  });
});

describe('front door configuration', () => {
  const staging = ENVIRONMENTS.find((e) => e.name === 'staging') as EnvironmentConfig;
  const fd = staging.frontDoor as FrontDoorConfig;
  const label63 = 'a'.repeat(63);
  // 'x' + 52 + '.example.com' (12) = 65 characters; one less is the boundary.
  const tooLong = `x${'a'.repeat(52)}.example.com`;

  it('ships a front door in staging and prod only, with deletion protection in prod only', () => {
    expect(
      ENVIRONMENTS.map((e) => [e.name, e.frontDoor?.domainName, e.frontDoor?.deletionProtection]),
    ).toEqual([
      ['dev', undefined, undefined],
      ['staging', 'mlmon-staging.example.com', false],
      ['prod', 'mlmon.example.com', true],
    ]);
  });

  const cases: Array<[string, Partial<EnvironmentConfig>, string, string, string]> = [
    [
      'a hosted zone id with its /hostedzone/ prefix',
      { frontDoor: { ...fd, hostedZoneId: '/hostedzone/Z0123456789ABCDEFGHIJ' } },
      'frontDoor.hostedZoneId',
      '"/hostedzone/Z0123456789ABCDEFGHIJ"',
      'without "/hostedzone/"',
    ],
    [
      'a zone name with a trailing dot',
      { frontDoor: { ...fd, hostedZoneName: 'example.com.' } },
      'frontDoor.hostedZoneName',
      '"example.com."',
      'without a trailing dot',
    ],
    [
      'an API name outside the zone',
      { frontDoor: { ...fd, domainName: 'mlmon-staging.example.net' } },
      'frontDoor.domainName',
      '"mlmon-staging.example.net"',
      'use a name ending in ".example.com"',
    ],
    [
      'an API name longer than a certificate main name may be',
      { frontDoor: { ...fd, domainName: tooLong } },
      'frontDoor.domainName',
      `"${tooLong}"`,
      'at most 64 characters',
    ],
    [
      'an upper-case Grafana name',
      { frontDoor: { ...fd, grafanaDomainName: 'Grafana.mlmon-staging.example.com' } },
      'frontDoor.grafanaDomainName',
      '"Grafana.mlmon-staging.example.com"',
      'use a lower-case name such as "grafana.mlmon-prod.example.com"',
    ],
    [
      'one name for the API and Grafana',
      { frontDoor: { ...fd, grafanaDomainName: fd.domainName } },
      'frontDoor.grafanaDomainName',
      '"mlmon-staging.example.com"',
      'give Grafana its own name',
    ],
    [
      'deletion protection that is not a boolean (untyped caller)',
      { frontDoor: { ...fd, deletionProtection: 'yes' as unknown as boolean } },
      'frontDoor.deletionProtection',
      '"yes"',
      'true where losing the load balancer is an outage',
    ],
    [
      'a front door that is not an object (untyped caller)',
      { frontDoor: 'mlmon-staging.example.com' as unknown as FrontDoorConfig },
      'frontDoor',
      '"mlmon-staging.example.com"',
      'give { hostedZoneId, hostedZoneName, domainName, grafanaDomainName, deletionProtection }',
    ],
    [
      'a load balancer in one zone',
      { availabilityZones: ['us-east-1a'] },
      'availabilityZones',
      '["us-east-1a"]',
      'list two zones',
    ],
    [
      'a private host with no NAT gateway',
      { natGateways: 'none' },
      'natGateways',
      '"none"',
      'natGateways: "single" or "perAz"',
    ],
    [
      'a single instance behind the load balancer',
      { compute: 'instance' },
      'compute',
      '"instance"',
      'use compute: "autoScaling"',
    ],
    [
      'an Elastic IP behind the load balancer',
      { elasticIp: true },
      'elasticIp',
      'true',
      'set elasticIp: false',
    ],
    [
      'a reverse-proxy domain behind the load balancer',
      { domainName: 'api.example.com' },
      'domainName',
      '"api.example.com"',
      'move the name to frontDoor.domainName',
    ],
    [
      'no admin networks for Grafana',
      { adminCidrs: [] },
      'adminCidrs',
      '[]',
      'list your office or VPN egress ranges',
    ],
  ];

  it.each(cases)('fails on %s', (_case, override, field, value, fix) => {
    const err = errorOf(() => validateEnvironmentConfig({ ...staging, ...override }));
    expect(err.message).toContain('environments.staging');
    const line = err.message.split('\n').find((l) => l.includes(`${field} = ${value}:`));
    expect(line).toBeDefined();
    expect(line?.slice(line.indexOf('Fix: '))).toContain(fix);
  });

  it.each([
    [
      'a 64-character API name, the certificate limit',
      { frontDoor: { ...fd, domainName: tooLong.slice(1) } },
    ],
    ['names at the zone apex and one label below', { frontDoor: { ...fd, domainName: 'example.com' } }],
    [
      'a 63-character label in the Grafana name',
      { frontDoor: { ...fd, grafanaDomainName: `${label63}.example.com` } },
    ],
    ['one NAT gateway per zone', { natGateways: 'perAz' }],
    ['deletion protection on', { frontDoor: { ...fd, deletionProtection: true } }],
    [
      'four admin networks (two Grafana rules)',
      { adminCidrs: ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '198.51.100.7/32'] },
    ],
  ] as Array<[string, Partial<EnvironmentConfig>]>)('accepts %s', (_case, override) => {
    expect(() => validateEnvironmentConfig({ ...staging, ...override })).not.toThrow();
  });
});

describe('project settings', () => {
  it.each([
    ['project name', { project: 'ML' }, 'project', '"ML"'],
    ['bucket prefix', { bucketPrefix: 'Bad_Prefix' }, 'bucketPrefix', '"Bad_Prefix"'],
    ['required shared tag', { sharedTags: { Owner: 'x' } }, 'sharedTags.CostCenter', 'undefined'],
  ])('fails on a bad %s', (_case, override, field, value) => {
    const err = errorOf(() => validateProjectConfig({ ...PROJECT, ...override }));
    expect(err.message).toContain(`${field} = ${value}`);
    expect(err.message).toContain('Fix: ');
  });
});

describe('environment configuration from an untyped caller', () => {
  const dev = ENVIRONMENTS[0];
  const without = (field: keyof EnvironmentConfig) => {
    const copy: Record<string, unknown> = { ...dev };
    delete copy[field];
    return copy as unknown as EnvironmentConfig;
  };

  it('names every missing field of {} instead of throwing a TypeError', () => {
    const err = errorOf(() => validateEnvironmentConfig({} as EnvironmentConfig, 'environments[0]'));
    expect(err.path).toBe('environments[0]');
    expect(err.problems.map((p) => [p.field, p.problem])).toEqual(
      [
        'name',
        'region',
        'availabilityZones',
        'vpcCidr',
        'subnetNewBits',
        'privateSubnets',
        'natGateways',
        'instanceType',
        'rootVolumeSizeInGiB',
        'compute',
        'elasticIp',
        'alarmEmails',
        'adminCidrs',
        'sshCidrs',
        'logRetentionInDays',
        'bucketLogsExpirationInDays',
        'noncurrentVersionExpirationInDays',
        'modelImage',
        'alarms',
        'tags',
      ].map((f) => [f, 'is required']),
    );
  });

  it.each<[string, EnvironmentConfig, string, string]>([
    ['no availability zones', without('availabilityZones'), 'availabilityZones', 'is required'],
    ['no alarm thresholds', without('alarms'), 'alarms', 'is required'],
    [
      'a missing threshold',
      { ...dev, alarms: { ...dev.alarms, driftScore: undefined as unknown as number } },
      'alarms.driftScore',
      'is required',
    ],
    [
      'e-mails as one string',
      { ...dev, alarmEmails: 'a@example.com' as unknown as string[] },
      'alarmEmails',
      'must be a list, not a string',
    ],
    [
      'tags as a list',
      { ...dev, tags: ['Owner'] as unknown as Record<string, string> },
      'tags',
      'must be an object, not a list',
    ],
    [
      'a volume size as text',
      { ...dev, rootVolumeSizeInGiB: '30' as unknown as number },
      'rootVolumeSizeInGiB',
      'must be a number, not a string',
    ],
  ])('reports %s by field', (_name, cfg, field, problem) => {
    const err = errorOf(() => validateEnvironmentConfig(cfg));
    expect(err.problems).toEqual([expect.objectContaining({ field, problem })]);
  });

  it('accepts every shipped environment (the boundary)', () => {
    for (const env of ENVIRONMENTS) expect(() => validateEnvironmentConfig(env)).not.toThrow();
  });
});

describe('admin networks given as unresolved values', () => {
  it('are refused: the networks admitted to admin ports must be literal', () => {
    const stack = new TerraformStack(Testing.app(), 'tokens');
    const admin = new TerraformVariable(stack, 'admin', { type: 'string' });
    const err = errorOf(() =>
      validateEnvironmentConfig({ ...ENVIRONMENTS[0], adminCidrs: [admin.stringValue] }),
    );
    expect(err.problems).toEqual([
      expect.objectContaining({
        field: 'adminCidrs[0]',
        problem:
          'is an unresolved value: the networks admitted to admin ports must be literal, to be checked',
        fix: 'list literal CIDR blocks such as "203.0.113.0/24"',
      }),
    ]);
  });
});
