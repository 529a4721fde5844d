import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ComposeHost, ComposeHostProps } from '../../../modules/compose-host';
import { ValidationError } from '../../../modules/core/validation';
import { shopProps } from './fixtures';

function attempt(overrides: Partial<ComposeHostProps>): ValidationError | undefined {
  const stack = new TerraformStack(Testing.app(), 'test');
  try {
    new ComposeHost(stack, 'host', shopProps(overrides));
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

const services = shopProps().compose.services;
const withService = (name: string, service: Record<string, unknown>): Partial<ComposeHostProps> => ({
  compose: { services: { ...services, [name]: { image: 'nginx:1.27.0', ...service } } },
});
const LOG = { name: '/shop/dev/db', arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/db' };
const SECRET = { parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'POSTGRES_PASSWORD' };
const DOWNLOAD = {
  bucketName: 'shop-data',
  bucketArn: 'arn:aws:s3:::shop-data',
  prefix: 'seed/',
  path: 'seed',
};
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef';

// [description, overrides, field, value as printed, problem fragment, fix fragment]
const FAILURES: Array<[string, Partial<ComposeHostProps>, string, string, string, string]> = [
  ['a too-short name', { name: 'ab' }, 'name', '"ab"', 'must be 3-59', 'shop-dev-app'],
  [
    'a name too long for the role',
    { name: `a${'b'.repeat(59)}` },
    'name',
    `"a${'b'.repeat(59)}"`,
    'must be 3-59',
    'shop-dev-app',
  ],
  ['a malformed region', { region: 'eu-west' }, 'region', '"eu-west"', 'not an AWS region', 'us-east-1'],
  ['no subnets', { subnetIds: [] }, 'subnetIds', '[]', 'is empty', 'at least one subnet'],
  [
    'a malformed subnet id',
    { subnetIds: ['subnet-xyz'] },
    'subnetIds[0]',
    '"subnet-xyz"',
    'not a subnet id',
    '"subnet-"',
  ],
  ['no security groups', { securityGroupIds: [] }, 'securityGroupIds', '[]', 'is empty', 'security group id'],
  [
    'a malformed security group',
    { securityGroupIds: ['sg-1'] },
    'securityGroupIds[0]',
    '"sg-1"',
    'not a security group',
    '"sg-"',
  ],
  [
    'a malformed instance type',
    { instanceType: 't3medium' },
    'instanceType',
    '"t3medium"',
    'not an EC2 instance type',
    't3.medium',
  ],
  [
    'a Graviton type with an x86 image',
    { instanceType: 't4g.medium' },
    'instanceType',
    '"t4g.medium"',
    'arm64 (Graviton)',
    'ami.architecture to "arm64"',
  ],
  ['a malformed AMI id', { ami: { amiId: 'ami-123' } }, 'ami.amiId', '"ami-123"', 'not an AMI id', '8 or 17'],
  [
    'a tiny root volume',
    { rootVolumeSizeInGiB: 4 },
    'rootVolumeSizeInGiB',
    '4',
    'from 8 to 16384',
    '8 to 16384',
  ],
  [
    'a bad volume key',
    { rootVolumeKmsKeyArn: 'key-1' },
    'rootVolumeKmsKeyArn',
    '"key-1"',
    'not a KMS key',
    'arn:aws:kms',
  ],
  ['a bad account id', { accountId: '1234' }, 'accountId', '"1234"', '12-digit', '123456789012'],
  [
    'an unknown compute mode',
    { compute: { mode: 'fleet' } as never },
    'compute.mode',
    '"fleet"',
    'must be "instance" or "autoScaling"',
    'pick one',
  ],
  [
    'two instances',
    { compute: { mode: 'autoScaling', maxSize: 2 } },
    'compute.maxSize',
    '2',
    'from 0 to 1',
    'larger instanceType',
  ],
  [
    'min above desired',
    { compute: { mode: 'autoScaling', minSize: 1, desiredCapacity: 0 } },
    'compute',
    '{"minSize":1,"desiredCapacity":0,"maxSize":1}',
    'minSize <= desiredCapacity',
    'park the host',
  ],
  [
    'ELB health without target groups',
    { compute: { mode: 'autoScaling', healthCheckType: 'ELB' } },
    'compute.healthCheckType',
    '"ELB"',
    'no targetGroupArns',
    'pass compute.targetGroupArns',
  ],
  [
    'a malformed target group',
    { compute: { mode: 'autoScaling', targetGroupArns: ['tg-1'] } },
    'compute.targetGroupArns[0]',
    '"tg-1"',
    'not a target group ARN',
    'LbTargetGroup.arn',
  ],
  [
    'a long grace period',
    { compute: { mode: 'autoScaling', healthCheckGracePeriodInSeconds: 9000 } },
    'compute.healthCheckGracePeriodInSeconds',
    '9000',
    'from 0 to 7200',
    '0 to 7200',
  ],
  [
    'a health check on an instance',
    { compute: { mode: 'instance' }, healthCheck: { urls: [] } },
    'healthCheck',
    '{"urls":[]}',
    'only applies with compute.mode "autoScaling"',
    'remove it',
  ],
  ['an uppercase project', { project: 'Shop' }, 'project', '"Shop"', 'not a Compose project name', '"shop"'],
  [
    'a name that cannot be a project',
    { project: undefined, name: 'Shop-dev' },
    'name',
    '"Shop-dev"',
    'not a valid Compose project name',
    'set project',
  ],
  [
    'no services',
    { compose: { services: {} } },
    'compose.services',
    '[]',
    'is empty',
    'at least one service',
  ],
  [
    'a compose name',
    { compose: { services, name: 'x' } },
    'compose.name',
    '"x"',
    'set by the host',
    'set project instead',
  ],
  [
    'an unpinned image',
    withService('web', { image: 'nginx' }),
    'compose.services.web.image',
    '"nginx"',
    'not pinned',
    'pinned reference',
  ],
  [
    'a latest image',
    withService('web', { image: 'nginx:latest' }),
    'compose.services.web.image',
    '"nginx:latest"',
    '"latest"',
    'pinned reference',
  ],
  [
    'a malformed port',
    withService('web', { ports: ['http:80'] }),
    'compose.services.web.ports[0]',
    '"http:80"',
    'is not "[host_ip:]host_port',
    '"80:8080"',
  ],
  [
    'ports on the host network',
    withService('web', { network_mode: 'host', ports: ['80:80'] }),
    'compose.services.web.ports',
    '["80:80"]',
    'Compose ignores it',
    'remove ports',
  ],
  [
    'an unknown dependency',
    withService('web', { depends_on: ['queue'] }),
    'compose.services.web.depends_on[0]',
    '"queue"',
    'not a service',
    'db, cache, web',
  ],
  [
    'logging and a log group',
    { ...withService('web', { logging: { driver: 'syslog' } }), logGroups: { web: LOG } },
    'compose.services.web.logging',
    '{"driver":"syslog"}',
    'logGroups also names',
    'remove logging',
  ],
  [
    'a file outside the project',
    { files: [{ path: '../etc/passwd', content: '' }] },
    'files[0].path',
    '"../etc/passwd"',
    '"." or ".." segments',
    'nginx/nginx.conf',
  ],
  [
    'a file in the host directory',
    { files: [{ path: '.compose-host/x', content: '' }] },
    'files[0].path',
    '".compose-host/x"',
    "host's own files",
    'nginx/nginx.conf',
  ],
  [
    'a file the host writes',
    { files: [{ path: 'compose.yml', content: '' }] },
    'files[0].path',
    '"compose.yml"',
    'the host writes itself',
    'nginx/nginx.conf',
  ],
  [
    'a file listed twice',
    {
      files: [
        { path: 'a', content: '' },
        { path: 'a', content: '' },
      ],
    },
    'files[1].path',
    '"a"',
    'listed twice',
    'each file once',
  ],
  [
    'a log group for no service',
    { logGroups: { web: LOG } },
    'logGroups.web',
    '"web"',
    'not a service',
    'db, cache',
  ],
  [
    'a malformed log group ARN',
    { logGroups: { db: { ...LOG, arn: 'x' } } },
    'logGroups.db.arn',
    '"x"',
    'not a log group ARN',
    'CloudwatchLogGroup.arn',
  ],
  [
    'a secret under /aws',
    { secrets: [{ ...SECRET, parameterName: '/aws/x' }] },
    'secrets[0].parameterName',
    '"/aws/x"',
    'not under /aws',
    '/shop/dev/postgres/password',
  ],
  [
    'a bad variable name',
    { secrets: [{ ...SECRET, variable: 'DB-PASS' }] },
    'secrets[0].variable',
    '"DB-PASS"',
    'not an environment variable name',
    'POSTGRES_PASSWORD',
  ],
  [
    'a secret in a project file',
    { files: [{ path: 'db.env', content: '' }], secrets: [SECRET] },
    'secrets[0].envFile',
    '"db.env"',
    'also a project file',
    'file of their own',
  ],
  [
    'a download without a trailing slash',
    { downloads: [{ ...DOWNLOAD, prefix: 'seed' }] },
    'downloads[0].prefix',
    '"seed"',
    'ending in "/"',
    '"models/"',
  ],
  [
    'a download with a bad bucket ARN',
    { downloads: [{ ...DOWNLOAD, bucketArn: 'shop-data' }] },
    'downloads[0].bucketArn',
    '"shop-data"',
    'not a bucket ARN',
    'arn:aws:s3:::',
  ],
  [
    'a health URL with a quote',
    { healthCheck: { urls: ["http://127.0.0.1/'x"] } },
    'healthCheck.urls[0]',
    `"http://127.0.0.1/'x"`,
    'not an http(s) URL',
    'http://127.0.0.1:8080/health',
  ],
  [
    'a short health deadline',
    { healthCheck: { deadlineInSeconds: 60 } },
    'healthCheck.deadlineInSeconds',
    '60',
    'from 300 to 3600',
    '300 to 3600',
  ],
  ['too many retries', { retry: { attempts: 20 } }, 'retry.attempts', '20', 'from 1 to 10', '1 to 10'],
  [
    'a Compose v1 release',
    { composePlugin: { version: '1.29.2' } },
    'composePlugin.version',
    '"1.29.2"',
    'not a Compose v2 release tag',
    'v2.29.7',
  ],
  [
    'a short checksum',
    { composePlugin: { sha256: { x86_64: 'abc' } } },
    'composePlugin.sha256.x86_64',
    '"abc"',
    'not a SHA-256',
    '.sha256 file',
  ],
];

describe('ComposeHost validation', () => {
  it.each(FAILURES)('fails for %s', (_name, overrides, field, value, problem, fix) => {
    const error = attempt(overrides);
    expect(error).toBeInstanceOf(ValidationError);
    const line = error?.message.split('\n').find((l) => l.startsWith(`  - ${field} = ${value}:`));
    expect(line).toBeDefined();
    expect(line).toContain(problem);
    expect(line).toContain(`Fix: `);
    expect(line?.slice(line.indexOf('Fix: '))).toContain(fix);
  });

  // The boundary of each rule above, accepted.
  const ACCEPTS: Array<[string, Partial<ComposeHostProps>]> = [
    ['a 3-character name', { name: 'abc', project: 'abc' }],
    ['a 59-character name', { name: `a${'b'.repeat(58)}` }],
    [
      'a Graviton type with an arm64 image',
      { instanceType: 't4g.medium', ami: { os: 'al2023', architecture: 'arm64' } },
    ],
    ['an 8 GiB root volume', { rootVolumeSizeInGiB: 8 }],
    ['a parked group', { compute: { mode: 'autoScaling', minSize: 0, desiredCapacity: 0, maxSize: 1 } }],
    [
      'ELB health with a target group',
      { compute: { mode: 'autoScaling', healthCheckType: 'ELB', targetGroupArns: [TG] } },
    ],
    [
      'a 7200-second grace period',
      { compute: { mode: 'autoScaling', healthCheckGracePeriodInSeconds: 7200 } },
    ],
    ['an instance without a health check', { compute: { mode: 'instance' } }],
    ['a digest-pinned image', withService('web', { image: `nginx@sha256:${'a'.repeat(64)}` })],
    ['a service on the host network without ports', withService('web', { network_mode: 'host' })],
    ['a log group for a service', { logGroups: { db: LOG } }],
    [
      'a secret and a file side by side',
      { files: [{ path: 'conf/db.conf', content: '' }], secrets: [SECRET] },
    ],
    ['a download', { downloads: [DOWNLOAD] }],
    ['the longest health deadline', { healthCheck: { deadlineInSeconds: 3600 } }],
    ['ten retries', { retry: { attempts: 10, baseDelayInSeconds: 60 } }],
  ];

  it.each(ACCEPTS)('accepts %s', (_name, overrides) => {
    expect(attempt(overrides)).toBeUndefined();
  });

  it('reports every problem at once, with the construct path', () => {
    const error = attempt({ name: 'ab', region: 'x', subnetIds: [] });
    expect(error?.message).toMatch(/^Invalid input for test\/host \(3 problems\):/);
  });

  it('skips checks on Terraform references', () => {
    const stack = new TerraformStack(Testing.app(), 'tokens');
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' });
    expect(
      () =>
        new ComposeHost(stack, 'host', {
          ...shopProps(),
          instanceType: type.stringValue,
          downloads: [{ ...DOWNLOAD, bucketName: bucket.stringValue }],
        }),
    ).not.toThrow();
  });
});
