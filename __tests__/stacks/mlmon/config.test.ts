import { ValidationError } from '../../../modules/core/validation';
import {
  EnvironmentConfig,
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
      'adminCidrs[0]',
      '"0.0.0.0/0"',
      'SSM Session Manager',
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
      'from 0.01 to 1',
    ],
    [
      'CPU threshold above 100',
      { alarms: { ...dev.alarms, cpuUtilizationPercent: 120 } },
      'alarms.cpuUtilizationPercent',
      '120',
      'from 1 to 100',
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
