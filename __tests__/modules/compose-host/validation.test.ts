import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AppHost, AppHostProps } from '../../../modules/compose-host';
import { ValidationError } from '../../../modules/core/validation';

function hostProps(overrides: Partial<AppHostProps> = {}): AppHostProps {
  return {
    name: 'mlmon-dev-app',
    region: 'us-east-1',
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    instanceProfileName: 'mlmon-dev-app',
    instanceType: 't3.medium',
    bucketName: 'mlmon-dev-us-east-1',
    logGroups: { api: '/mlmon/dev/api', prometheus: '/mlmon/dev/prometheus', grafana: '/mlmon/dev/grafana' },
    grafanaAdminPasswordParameter: '/mlmon/dev/grafana/admin-password',
    stack: { modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2' },
    ...overrides,
  };
}

const stackWith = (stack: Partial<AppHostProps['stack']>): Partial<AppHostProps> => ({
  stack: { modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2', ...stack },
});

function attempt(overrides: Partial<AppHostProps>): ValidationError | undefined {
  const stack = new TerraformStack(Testing.app(), 'test');
  try {
    new AppHost(stack, 'app', hostProps(overrides));
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

// [description, overrides, field, value as printed, fix fragment]
const FAILURES: Array<[string, Partial<AppHostProps>, string, string, string]> = [
  ['a too-short name', { name: 'ab' }, 'name', '"ab"', 'mlmon-dev-app'],
  ['a name with underscores', { name: 'mlmon_dev' }, 'name', '"mlmon_dev"', 'mlmon-dev-app'],
  ['a malformed region', { region: 'us-east' }, 'region', '"us-east"', 'us-east-1'],
  ['no subnets', { subnetIds: [] }, 'subnetIds', '[]', 'at least one subnet'],
  ['a malformed subnet id', { subnetIds: ['subnet-xyz'] }, 'subnetIds[0]', '"subnet-xyz"', '"subnet-"'],
  ['no security groups', { securityGroupIds: [] }, 'securityGroupIds', '[]', 'app security group'],
  [
    'a malformed security group id',
    { securityGroupIds: ['sg-12'] },
    'securityGroupIds[0]',
    '"sg-12"',
    '"sg-"',
  ],
  [
    'a bad instance profile name',
    { instanceProfileName: 'my profile' },
    'instanceProfileName',
    '"my profile"',
    '1-128',
  ],
  ['a malformed instance type', { instanceType: 't3medium' }, 'instanceType', '"t3medium"', 't3.medium'],
  ['a malformed AMI id', { ami: { amiId: 'ami-123' } }, 'ami.amiId', '"ami-123"', '8 or 17'],
  [
    'an uppercase AMI id',
    { ami: { amiId: 'ami-0123456789ABCDEF0' } },
    'ami.amiId',
    '"ami-0123456789ABCDEF0"',
    'lowercase hex',
  ],
  ['an unknown OS', { ami: { os: 'windows' as never } }, 'ami.os', '"windows"', 'supported OS'],
  [
    'an unknown OS with an AMI id',
    { ami: { amiId: 'ami-01234567', os: 'rhel' as never } },
    'ami.os',
    '"rhel"',
    'supported OS',
  ],
  [
    'an unknown architecture',
    { ami: { os: 'al2023', architecture: 'sparc' as never } },
    'ami.architecture',
    '"sparc"',
    'arm64',
  ],
  [
    'parameter version 0',
    { ami: { os: 'al2023', parameterVersion: 0 } },
    'ami.parameterVersion',
    '0',
    'Version',
  ],
  [
    'a bad root device name',
    { ami: { amiId: 'ami-01234567', rootDeviceName: 'xvda' } },
    'ami.rootDeviceName',
    '"xvda"',
    '/dev/xvda',
  ],
  [
    'a Graviton type with an x86_64 image',
    { instanceType: 't4g.medium' },
    'instanceType',
    '"t4g.medium"',
    'ami.architecture to "arm64"',
  ],
  [
    'an x86 type with an arm64 image',
    { instanceType: 't3.medium', ami: { os: 'al2023', architecture: 'arm64' } },
    'instanceType',
    '"t3.medium"',
    'Graviton',
  ],
  ['a 10 GiB root volume', { rootVolumeSizeInGiB: 10 }, 'rootVolumeSizeInGiB', '10', '20-50 GB'],
  ['a 51 GiB root volume', { rootVolumeSizeInGiB: 51 }, 'rootVolumeSizeInGiB', '51', 'from 20 to 50'],
  ['a fractional root volume', { rootVolumeSizeInGiB: 30.5 }, 'rootVolumeSizeInGiB', '30.5', 'from 20 to 50'],
  [
    'a root volume key that is not an ARN',
    { rootVolumeKmsKeyArn: 'alias/ebs' },
    'rootVolumeKmsKeyArn',
    '"alias/ebs"',
    'arn:aws:kms',
  ],
  [
    'a password key that is not an ARN',
    { grafanaAdminPasswordKmsKeyArn: 'k' },
    'grafanaAdminPasswordKmsKeyArn',
    '"k"',
    'arn:aws:kms',
  ],
  ['an unknown mode', { mode: 'fleet' as never }, 'mode', '"fleet"', 'pick one'],
  [
    'autoScaling in instance mode',
    { autoScaling: { maxSize: 1 } },
    'autoScaling',
    '{"maxSize":1}',
    'mode: "autoScaling"',
  ],
  [
    'maxSize 2',
    { mode: 'autoScaling', autoScaling: { maxSize: 2 } },
    'autoScaling.maxSize',
    '2',
    'single-host',
  ],
  [
    'minSize -1',
    { mode: 'autoScaling', autoScaling: { minSize: -1 } },
    'autoScaling.minSize',
    '-1',
    'use 0 or 1',
  ],
  [
    'desired below min',
    { mode: 'autoScaling', autoScaling: { minSize: 1, desiredCapacity: 0 } },
    'autoScaling',
    '{"minSize":1,"desiredCapacity":0,"maxSize":1}',
    'park the environment',
  ],
  [
    'desired above max',
    { mode: 'autoScaling', autoScaling: { minSize: 0, desiredCapacity: 1, maxSize: 0 } },
    'autoScaling',
    '{"minSize":0,"desiredCapacity":1,"maxSize":0}',
    'minSize: 0',
  ],
  [
    'replaceOnLaunchTemplateChange in Auto Scaling mode',
    { mode: 'autoScaling', replaceOnLaunchTemplateChange: false },
    'replaceOnLaunchTemplateChange',
    'false',
    'refreshes instances',
  ],
  [
    'termination protection in Auto Scaling mode',
    { mode: 'autoScaling', terminationProtection: true },
    'terminationProtection',
    'true',
    'remove it',
  ],
  ['an invalid bucket name', { bucketName: 'Bad_Bucket' }, 'bucketName', '"Bad_Bucket"', 'app bucket name'],
  [
    'an invalid log group name',
    { logGroups: { api: 'api logs', prometheus: '/p', grafana: '/g' } },
    'logGroups.api',
    '"api logs"',
    '/mlmon/dev/api',
  ],
  [
    'a parameter name without a leading slash',
    { grafanaAdminPasswordParameter: 'mlmon/pw' },
    'grafanaAdminPasswordParameter',
    '"mlmon/pw"',
    '/mlmon/dev/grafana/admin-password',
  ],
  [
    'a parameter under /aws',
    { grafanaAdminPasswordParameter: '/aws/pw' },
    'grafanaAdminPasswordParameter',
    '"/aws/pw"',
    '/mlmon/dev/grafana/admin-password',
  ],
  ['an empty model image', stackWith({ modelImage: '' }), 'stack.modelImage', '""', 'pinned reference'],
  [
    'an image with whitespace',
    stackWith({ modelImage: 'ghcr.io/acme/api :1' }),
    'stack.modelImage',
    '"ghcr.io/acme/api :1"',
    'pinned reference',
  ],
  [
    'an unpinned image',
    stackWith({ modelImage: 'ghcr.io/acme/api' }),
    'stack.modelImage',
    '"ghcr.io/acme/api"',
    'pinned reference',
  ],
  [
    'an image on latest',
    stackWith({ grafanaImage: 'grafana/grafana:latest' }),
    'stack.grafanaImage',
    '"grafana/grafana:latest"',
    'pinned reference',
  ],
  [
    'an uppercase repository',
    stackWith({ prometheusImage: 'Prom/Prometheus:v2' }),
    'stack.prometheusImage',
    '"Prom/Prometheus:v2"',
    'pinned reference',
  ],
  [
    'a malformed node exporter image',
    stackWith({ nodeExporterImage: 'prom/node-exporter:' }),
    'stack.nodeExporterImage',
    '"prom/node-exporter:"',
    'pinned reference',
  ],
  ['the API on the Prometheus port', stackWith({ apiPort: 9090 }), 'stack.apiPort', '9090', 'use 8000'],
  ['an API port above 65535', stackWith({ apiPort: 70000 }), 'stack.apiPort', '70000', 'use 8000'],
  [
    'a 4 s scrape interval',
    stackWith({ scrapeIntervalSeconds: 4 }),
    'stack.scrapeIntervalSeconds',
    '4',
    'from 5 to 300',
  ],
  [
    'a 301 s scrape interval',
    stackWith({ scrapeIntervalSeconds: 301 }),
    'stack.scrapeIntervalSeconds',
    '301',
    'from 5 to 300',
  ],
  [
    '0 retention days',
    stackWith({ prometheusRetentionDays: 0 }),
    'stack.prometheusRetentionDays',
    '0',
    'from 1 to 365',
  ],
  [
    'a drift threshold above 1',
    stackWith({ driftAlertThreshold: 1.5 }),
    'stack.driftAlertThreshold',
    '1.5',
    'from 0 to 1',
  ],
  [
    'a negative drift threshold',
    stackWith({ driftAlertThreshold: -0.1 }),
    'stack.driftAlertThreshold',
    '-0.1',
    'from 0 to 1',
  ],
  [
    'a drift metric starting with a digit',
    stackWith({ driftMetricName: '1drift' }),
    'stack.driftMetricName',
    '"1drift"',
    'model_drift_score',
  ],
  [
    'a 61 minute pending period',
    stackWith({ driftAlertPendingMinutes: 61 }),
    'stack.driftAlertPendingMinutes',
    '61',
    'from 0 to 60',
  ],
  [
    'a reserved API variable',
    stackWith({ apiEnvironment: { PORT: '1' } }),
    'stack.apiEnvironment.PORT',
    '"PORT"',
    'rename',
  ],
  [
    'an API variable with $',
    stackWith({ apiEnvironment: { LEVEL: '$HOME' } }),
    'stack.apiEnvironment.LEVEL',
    '"$HOME"',
    'not in user data',
  ],
  [
    'a compose version that is not a v2 tag',
    { composePlugin: { version: '2.29.7' } },
    'composePlugin.version',
    '"2.29.7"',
    'v2.29.7',
  ],
  [
    'a malformed compose checksum',
    { composePlugin: { sha256: { x86_64: 'abc' } } },
    'composePlugin.sha256.x86_64',
    '"abc"',
    '64 lowercase hex',
  ],
  ['a short account id', { accountId: '1234' }, 'accountId', '"1234"', 'account id'],
  ['an aws: tag key', { tags: { 'aws:owner': 'x' } }, 'tags.aws:owner', '"aws:owner"', 'rename the tag'],
  [
    'the reserved EIP tag key',
    { tags: { MlmonEipAllocationId: 'x' } },
    'tags.MlmonEipAllocationId',
    '"MlmonEipAllocationId"',
    'rename the tag',
  ],
];

describe('AppHost validation: each problem names the path, field, value and fix', () => {
  it.each(FAILURES)('fails on %s', (_desc, overrides, field, value, fix) => {
    const error = attempt(overrides);
    expect(error).toBeDefined();
    expect(error?.path).toBe('test/app');
    expect(error?.message).toContain('Invalid input for test/app');
    const line = error?.message.split('\n').find((l) => l.startsWith(`  - ${field} = ${value}:`));
    expect(line).toBeDefined();
    expect(line).toContain('Fix: ');
    expect(line?.slice(line.indexOf('Fix: '))).toContain(fix);
  });
});

describe('AppHost validation collects every problem before throwing', () => {
  it('reports all problems at once', () => {
    const error = attempt({
      name: 'x',
      instanceType: 'big',
      rootVolumeSizeInGiB: 100,
      ...stackWith({ driftAlertThreshold: 2 }),
    });
    expect(error?.problems.map((p) => p.field)).toEqual([
      'name',
      'instanceType',
      'rootVolumeSizeInGiB',
      'stack.driftAlertThreshold',
    ]);
    expect(error?.message).toContain('(4 problems)');
  });

  it('fails when the rendered user data exceeds the EC2 limit', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`VAR_${i}`, 'x'.repeat(100)]));
    const error = attempt(stackWith({ apiEnvironment: big }));
    expect(error?.problems.map((p) => p.field)).toEqual(['stack']);
    expect(error?.message).toMatch(
      /stack = "\d+ bytes of user data": renders more user data than EC2 accepts \(16384 bytes\)/,
    );
  });
});

describe('AppHost validation accepts the boundaries', () => {
  it.each<[string, Partial<AppHostProps>]>([
    ['a 20 GiB root volume', { rootVolumeSizeInGiB: 20 }],
    ['a 50 GiB root volume', { rootVolumeSizeInGiB: 50 }],
    ['an 8-digit AMI id', { ami: { amiId: 'ami-0123abcd' } }],
    [
      'a Graviton type with an arm64 image',
      { instanceType: 't4g.medium', ami: { os: 'al2023', architecture: 'arm64' } },
    ],
    ['a GPU x86 type (g4dn is not Graviton)', { instanceType: 'g4dn.xlarge' }],
    [
      'any type with an explicit AMI id (architecture unknown)',
      { instanceType: 'm7g.large', ami: { amiId: 'ami-0123abcd' } },
    ],
    ['a 5 s scrape interval', stackWith({ scrapeIntervalSeconds: 5 })],
    ['a 300 s scrape interval', stackWith({ scrapeIntervalSeconds: 300 })],
    ['drift threshold 0', stackWith({ driftAlertThreshold: 0 })],
    ['drift threshold 1', stackWith({ driftAlertThreshold: 1 })],
    ['API port 1', stackWith({ apiPort: 1 })],
    ['API port 65535', stackWith({ apiPort: 65535 })],
    ['a digest-pinned image', stackWith({ modelImage: `ghcr.io/acme/api@sha256:${'a'.repeat(64)}` })],
    ['a registry with a port', stackWith({ modelImage: 'registry.local:5000/acme/api:1.0' })],
    [
      'a parked Auto Scaling group',
      { mode: 'autoScaling', autoScaling: { minSize: 0, desiredCapacity: 0, maxSize: 0 } },
    ],
    ['an Elastic IP without a public IP in instance mode', { elasticIp: true, associatePublicIp: false }],
    [
      'a pinned compose checksum',
      { composePlugin: { version: 'v2.29.7', sha256: { x86_64: 'f'.repeat(64) } } },
    ],
    [
      'an alias ARN for the volume key',
      { rootVolumeKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/ebs' },
    ],
  ])('accepts %s', (_desc, overrides) => {
    expect(attempt(overrides)).toBeUndefined();
  });

  it('skips checks on Terraform references', () => {
    const stack = new TerraformStack(Testing.app(), 'tokens');
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    const subnet = new TerraformVariable(stack, 'subnet', { type: 'string' });
    const group = new TerraformVariable(stack, 'group', { type: 'string' });
    expect(
      () =>
        new AppHost(
          stack,
          'app',
          hostProps({
            instanceType: type.stringValue,
            subnetIds: [subnet.stringValue],
            logGroups: { api: group.stringValue, prometheus: '/p', grafana: '/g' },
          }),
        ),
    ).not.toThrow();
  });
});
