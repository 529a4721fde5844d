import { TerraformStack, Testing } from 'cdktf';
import {
  AmiSource,
  ComposeHost,
  ComposeHostProps,
  DEFAULT_COMPOSE_VERSION,
  HOST_GATEWAY_EXTRA_HOST,
} from '../../../modules/compose-host';
import { isArmInstanceType, isValidAmiId, resolveAmi } from '../../../modules/compose-host/ami';
import {
  ComposePortMapping,
  isNetworkReachable,
  parsePortEntry,
  portEntryProblem,
} from '../../../modules/compose-host/compose-file';
import { partitionOf } from '../../../modules/compose-host/host-grants';
import {
  ecrRegistries,
  imageReferenceProblems,
  parseImageReference,
} from '../../../modules/compose-host/images';
import { ValidationError } from '../../../modules/core/validation';
import { lazy } from '../../support/lazy';
import { buildHost, only, roleStatements, shopProps, userDataFiles } from './fixtures';

/** The message of the ValidationError the host throws for these props, or undefined when it builds. */
function errorMessage(props: ComposeHostProps): string | undefined {
  try {
    new ComposeHost(new TerraformStack(Testing.app(), 'test'), 'host', props);
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
}

/** The one-problem message the host reports. */
function oneProblem(field: string, value: string, problem: string, fix: string): string {
  return `Invalid input for test/host (1 problem):\n  - ${field} = ${value}: ${problem}. Fix: ${fix}`;
}

const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default';
const CANONICAL = '/aws/service/canonical/ubuntu/server';

describe('machine image of each OS and architecture', () => {
  const IMAGES: Array<[AmiSource, string, string, string]> = [
    [{ os: 'al2023' }, 't3.medium', `${AL2023}-x86_64`, '/dev/xvda'],
    [{ os: 'al2023', architecture: 'x86_64' }, 't3.medium', `${AL2023}-x86_64`, '/dev/xvda'],
    [{ os: 'al2023', architecture: 'arm64' }, 't4g.medium', `${AL2023}-arm64`, '/dev/xvda'],
    [
      { os: 'ubuntu-22.04' },
      'm6i.large',
      `${CANONICAL}/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id`,
      '/dev/sda1',
    ],
    [
      { os: 'ubuntu-22.04', architecture: 'arm64' },
      'm7g.large',
      `${CANONICAL}/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id`,
      '/dev/sda1',
    ],
    [
      { os: 'ubuntu-24.04', architecture: 'x86_64' },
      'c6i.large',
      `${CANONICAL}/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id`,
      '/dev/sda1',
    ],
    [
      { os: 'ubuntu-24.04', architecture: 'arm64' },
      'c7gn.large',
      `${CANONICAL}/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id`,
      '/dev/sda1',
    ],
  ];

  it.each(IMAGES)(
    '%j on %s launches from parameter %s with root device %s',
    (ami, instanceType, parameter, device) => {
      const { host, json } = buildHost(shopProps({ ami, instanceType }));
      const lt = only(json, 'aws_launch_template');
      expect(lt.image_id).toBe(`resolve:ssm:${parameter}`);
      expect((lt.block_device_mappings as Array<{ device_name: string }>)[0].device_name).toBe(device);
      expect(host.ami).toEqual({
        imageId: `resolve:ssm:${parameter}`,
        os: ami.os,
        architecture: 'architecture' in ami && ami.architecture ? ami.architecture : 'x86_64',
        rootDeviceName: device,
        ssmParameterName: parameter,
      });
    },
  );

  it.each([
    [1, `resolve:ssm:${AL2023}-x86_64:1`],
    [42, `resolve:ssm:${AL2023}-x86_64:42`],
  ])('pins parameter version %d', (parameterVersion, imageId) => {
    const { json } = buildHost(shopProps({ ami: { os: 'al2023', parameterVersion } }));
    expect(only(json, 'aws_launch_template').image_id).toBe(imageId);
  });

  it('resolves an explicit AMI id with the default OS and its root device', () => {
    expect(resolveAmi({ amiId: 'ami-0123456789abcdef0' })).toEqual({
      imageId: 'ami-0123456789abcdef0',
      os: 'al2023',
      rootDeviceName: '/dev/xvda',
    });
  });

  it.each([
    [{ amiId: 'ami-0123abcd', os: 'ubuntu-22.04' as const }, 'ubuntu-22.04', '/dev/sda1'],
    [{ amiId: 'ami-0123abcd', os: 'ubuntu-24.04' as const }, 'ubuntu-24.04', '/dev/sda1'],
    [{ amiId: 'ami-0123abcd', os: 'al2023' as const }, 'al2023', '/dev/xvda'],
    [
      { amiId: 'ami-0123abcd', os: 'ubuntu-24.04' as const, rootDeviceName: '/dev/nvme0n1' },
      'ubuntu-24.04',
      '/dev/nvme0n1',
    ],
    [{ amiId: 'ami-0123abcd', rootDeviceName: '/dev/sdb' }, 'al2023', '/dev/sdb'],
  ])('launches explicit image %j as %s from root device %s', (ami, os, device) => {
    const { host, json } = buildHost(shopProps({ ami }));
    const lt = only(json, 'aws_launch_template');
    expect(lt.image_id).toBe('ami-0123abcd');
    expect((lt.block_device_mappings as Array<{ device_name: string }>)[0].device_name).toBe(device);
    expect(host.ami).toEqual({ imageId: 'ami-0123abcd', os, rootDeviceName: device });
  });

  it.each([
    [
      { os: 'debian' as never },
      oneProblem(
        'ami.os',
        '"debian"',
        'must be one of al2023, ubuntu-22.04, ubuntu-24.04',
        'pick a supported OS',
      ),
    ],
    [
      { amiId: 'ami-0123abcd', os: 'debian' as never },
      oneProblem(
        'ami.os',
        '"debian"',
        'must be one of al2023, ubuntu-22.04, ubuntu-24.04',
        'pick a supported OS',
      ),
    ],
    [
      { os: 'al2023' as const, architecture: 'riscv64' as never },
      oneProblem('ami.architecture', '"riscv64"', 'must be one of x86_64, arm64', 'use "x86_64" or "arm64"'),
    ],
  ])('refuses image %j', (ami, message) => {
    expect(errorMessage(shopProps({ ami }))).toBe(message);
  });
});

describe('isValidAmiId', () => {
  it.each([
    ['ami-0123abcd', true],
    ['ami-0123456789abcdef0', true],
    ['ami-0123abc', false],
    ['ami-0123abcd0', false],
    ['ami-0123456789abcdef', false],
    ['ami-0123456789abcdef01', false],
    ['ami-0123ABCD', false],
    ['ami-0123abcg', false],
    ['ami-0123456789abcdefg', false],
    ['xami-0123abcd', false],
    ['ami-0123abcd ', false],
    ['ami-', false],
  ])('%s: %s', (id, valid) => {
    expect(isValidAmiId(id)).toBe(valid);
  });

  it('refuses a 9-digit AMI id with the full message', () => {
    expect(errorMessage(shopProps({ ami: { amiId: 'ami-0123abcd0' } }))).toBe(
      oneProblem(
        'ami.amiId',
        '"ami-0123abcd0"',
        'is not an AMI id',
        'use "ami-" followed by 8 or 17 lowercase hex digits',
      ),
    );
  });
});

describe('isArmInstanceType', () => {
  it.each([
    ['a1.large', true],
    ['a1.metal', true],
    ['t4g.medium', true],
    ['m7g.large', true],
    ['c7gn.large', true],
    ['r8gd.xlarge', true],
    ['im4gn.large', true],
    ['x2gd.xlarge', true],
    ['m10g.large', true],
    ['t3.medium', false],
    ['g5.xlarge', false],
    ['g4dn.xlarge', false],
    ['a2.large', false],
    ['9t4g.large', false],
    ['t4g2.large', false],
    ['m7g-x.large', false],
  ])('%s: %s', (instanceType, arm) => {
    expect(isArmInstanceType(instanceType)).toBe(arm);
  });

  it('accepts a1 (Graviton) with an arm64 image and refuses it with an x86_64 one', () => {
    const arm = { os: 'al2023' as const, architecture: 'arm64' as const };
    expect(errorMessage(shopProps({ instanceType: 'a1.large', ami: arm }))).toBeUndefined();
    expect(errorMessage(shopProps({ instanceType: 'a1.large' }))).toBe(
      oneProblem(
        'instanceType',
        '"a1.large"',
        'is an arm64 (Graviton) type but the image is x86_64',
        'set ami.architecture to "arm64"',
      ),
    );
  });
});

describe('published ports', () => {
  it.each([
    [
      { target: 80, published: '1' },
      { port: 1, toPort: 1 },
    ],
    [
      { target: 80, published: 65535 },
      { port: 65535, toPort: 65535 },
    ],
    [
      { target: 80, published: '8000-8000' },
      { port: 8000, toPort: 8000 },
    ],
    [
      { target: 80, published: '1-65535' },
      { port: 1, toPort: 65535 },
    ],
  ])('reads long syntax %j', (entry, expected) => {
    expect(parsePortEntry('web', entry)).toEqual({
      service: 'web',
      ...expected,
      protocol: 'tcp',
      hostIp: undefined,
    });
    expect(portEntryProblem(entry)).toBeUndefined();
  });

  it.each([
    [{ target: 80, published: 'x80' }],
    [{ target: 80, published: '80x' }],
    [{ target: 80, published: 'abc' }],
    [{ target: 80, published: '0' }],
    [{ target: 80, published: 65536 }],
    [{ target: 80, published: '8005-8000' }],
    [{ target: 80, published: '1-65536' }],
    [{ target: 80, published: '123456' }],
  ])('finds no host port in long syntax %j and says why', (entry) => {
    expect(parsePortEntry('web', entry)).toBeUndefined();
    expect(portEntryProblem(entry)).toBe('has a published value that is not a port or range 1-65535');
  });

  it('leaves the host port of a long-syntax entry without published to Docker', () => {
    expect(parsePortEntry('web', { target: 80 })).toBeUndefined();
    expect(portEntryProblem({ target: 80 })).toBeUndefined();
  });

  it.each([
    ['1:80', { port: 1, toPort: 1, protocol: 'tcp', hostIp: undefined }],
    ['65535:80/udp', { port: 65535, toPort: 65535, protocol: 'udp', hostIp: undefined }],
    ['localhost:8080:80', { port: 8080, toPort: 8080, protocol: 'tcp', hostIp: 'localhost' }],
    ['[2001:db8::1]:443:443', { port: 443, toPort: 443, protocol: 'tcp', hostIp: '2001:db8::1' }],
    ['0.0.0.0:9000-9001:9000-9001/udp', { port: 9000, toPort: 9001, protocol: 'udp', hostIp: '0.0.0.0' }],
  ])('reads short syntax %s', (entry, expected) => {
    expect(parsePortEntry('web', entry)).toEqual({ service: 'web', ...expected });
    expect(portEntryProblem(entry)).toBeUndefined();
  });

  it.each([['0:80'], ['65536:80'], ['9001-9000:80'], ['1:2:80:80'], ['80:80:x'], ['x80:80'], ['a:b']])(
    'finds no host port in short syntax %s and says why',
    (entry) => {
      expect(parsePortEntry('web', entry)).toBeUndefined();
      expect(portEntryProblem(entry)).toBe('is not "[host_ip:]host_port:container_port[/tcp|udp]"');
    },
  );

  it.each([
    [1, undefined],
    [65535, undefined],
    [0, 'is not a port 1-65535'],
    [65536, 'is not a port 1-65535'],
    [-80, 'is not a port 1-65535'],
    [80.5, 'is not a port 1-65535'],
  ])('container-only port %d: %s', (entry, problem) => {
    expect(parsePortEntry('web', entry)).toBeUndefined();
    expect(portEntryProblem(entry)).toBe(problem);
  });

  it.each([
    [{ target: 1 }, undefined],
    [{ target: 65535 }, undefined],
    [{ target: 0 }, 'has a target that is not a port 1-65535'],
    [{ target: 65536 }, 'has a target that is not a port 1-65535'],
    [{ target: 80.5 }, 'has a target that is not a port 1-65535'],
  ])('long-syntax target %j: %s', (entry: ComposePortMapping, problem) => {
    expect(portEntryProblem(entry)).toBe(problem);
  });

  it.each([
    [undefined, true],
    ['0.0.0.0', true],
    ['10.0.0.5', true],
    ['::', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['localhost', false],
  ])('a port bound to %s is reachable from the network: %s', (hostIp, reachable) => {
    expect(isNetworkReachable({ service: 'web', port: 80, toPort: 80, protocol: 'tcp', hostIp })).toBe(
      reachable,
    );
  });

  it('lists the published ports of the host with their addresses', () => {
    const { host } = buildHost(
      shopProps({
        compose: {
          services: {
            web: {
              image: 'nginx:1.27.0',
              ports: ['[::1]:8080:80', 'localhost:8081:80', { target: 443, published: 8443, host_ip: '::1' }],
            },
          },
        },
      }),
    );
    expect(host.publishedPorts).toEqual([
      { service: 'web', port: 8080, toPort: 8080, protocol: 'tcp', hostIp: '::1' },
      { service: 'web', port: 8081, toPort: 8081, protocol: 'tcp', hostIp: 'localhost' },
      { service: 'web', port: 8443, toPort: 8443, protocol: 'tcp', hostIp: '::1' },
    ]);
    expect(host.publishedPorts.map(isNetworkReachable)).toEqual([false, false, false]);
  });

  it('refuses a service with a malformed port, naming the entry', () => {
    expect(
      errorMessage(
        shopProps({
          compose: {
            services: { web: { image: 'nginx:1.27.0', ports: ['80:80', { target: 80, published: '0' }] } },
          },
        }),
      ),
    ).toBe(
      oneProblem(
        'compose.services.web.ports[1]',
        '{"target":80,"published":"0"}',
        'has a published value that is not a port or range 1-65535',
        'use e.g. "80:8080", "127.0.0.1:6379:6379" or "53:53/udp"',
      ),
    );
  });
});

describe('image references', () => {
  it.each([
    ['nginx:1.27.0', { repository: 'nginx', tag: '1.27.0' }],
    ['library/redis:7.4.0', { repository: 'library/redis', tag: '7.4.0' }],
    ['my__app:1.0', { repository: 'my__app', tag: '1.0' }],
    ['my-app:1.0', { repository: 'my-app', tag: '1.0' }],
    ['my.app-x_y:1.0', { repository: 'my.app-x_y', tag: '1.0' }],
    ['org/my__app:1.0', { repository: 'org/my__app', tag: '1.0' }],
    ['org/team/my__app:1.0', { repository: 'org/team/my__app', tag: '1.0' }],
    ['ghcr.io/org/my__app:1.0', { registry: 'ghcr.io', repository: 'org/my__app', tag: '1.0' }],
    ['org/my-app:1.0', { repository: 'org/my-app', tag: '1.0' }],
    ['org/team/my-app.web:1.0', { repository: 'org/team/my-app.web', tag: '1.0' }],
    ['localhost/app:1.0', { registry: 'localhost', repository: 'app', tag: '1.0' }],
    ['localhost:5000/app:1.0', { registry: 'localhost:5000', repository: 'app', tag: '1.0' }],
    [
      'registry.example.com:443/team/app:v2',
      { registry: 'registry.example.com:443', repository: 'team/app', tag: 'v2' },
    ],
    ['ghcr.io/org/my-app:_x', { registry: 'ghcr.io', repository: 'org/my-app', tag: '_x' }],
    [`app:${'a'.repeat(128)}`, { repository: 'app', tag: 'a'.repeat(128) }],
    [`app@sha256:${'0a'.repeat(32)}`, { repository: 'app', digest: `sha256:${'0a'.repeat(32)}` }],
    [
      `app:1.0@sha256:${'f'.repeat(64)}`,
      { repository: 'app', tag: '1.0', digest: `sha256:${'f'.repeat(64)}` },
    ],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual({
      registry: undefined,
      tag: undefined,
      digest: undefined,
      ...expected,
    });
    expect(imageReferenceProblems(image)).toEqual([]);
  });

  const INVALID =
    'is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository)';

  it.each([
    ['Nginx:1.27.0'],
    ['Library/redis:7.4.0'],
    ['org/App:1.0'],
    ['nginx:1.27.0@sha256:abc'],
    [`nginx@sha256:${'A'.repeat(64)}`],
    ['nginx:.1'],
    ['nginx:-1'],
    [`app:${'a'.repeat(129)}`],
    ['my-:1.0'],
    ['-app:1.0'],
    ['org//app:1.0'],
    ['host:port/app:1.0'],
    ['nginx:1.0:2.0'],
  ])('does not parse %s', (image) => {
    expect(parseImageReference(image)).toBeUndefined();
    expect(imageReferenceProblems(image)).toEqual([INVALID]);
  });

  it.each([
    ['', ['is empty']],
    ['   ', ['is empty']],
    ['\t', ['is empty']],
    ['nginx :1.0', ['contains whitespace']],
    [' nginx:1.0', ['contains whitespace']],
    ['nginx:1.0\n', ['contains whitespace']],
    ['nginx', ['is not pinned (no tag or digest)']],
    ['nginx:latest', ['is pinned to "latest", which changes under you']],
    [`nginx:latest@sha256:${'0'.repeat(64)}`, []],
  ])('image %j has problems %j', (image, problems) => {
    expect(imageReferenceProblems(image)).toEqual(problems);
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['nginx :1.0', 'contains whitespace'],
    ['Nginx:1.0', INVALID],
  ])('refuses a service with image %j', (image, problem) => {
    expect(errorMessage(shopProps({ compose: { services: { web: { image } } } }))).toBe(
      oneProblem(
        'compose.services.web.image',
        JSON.stringify(image),
        problem,
        'use a pinned reference such as "postgres:16.4" or "repo@sha256:<digest>"',
      ),
    );
  });
});

describe('ecrRegistries', () => {
  const ECR = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

  it('groups the repositories of each ECR registry once, in first-seen order', () => {
    expect(
      ecrRegistries([
        `${ECR}/shop/api:1.0`,
        'nginx:1.27.0',
        'ghcr.io/org/app:1.0',
        `${ECR}/shop/api:1.1`,
        '444455556666.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:2',
        `${ECR}/shop/worker:1.0`,
        '777788889999.dkr.ecr.cn-north-1.amazonaws.com.cn/cn-app:3',
      ]),
    ).toEqual([
      {
        host: ECR,
        accountId: '111122223333',
        region: 'eu-west-1',
        repositories: ['shop/api', 'shop/worker'],
      },
      {
        host: '444455556666.dkr.ecr-fips.us-gov-west-1.amazonaws.com',
        accountId: '444455556666',
        region: 'us-gov-west-1',
        repositories: ['web'],
      },
      {
        host: '777788889999.dkr.ecr.cn-north-1.amazonaws.com.cn',
        accountId: '777788889999',
        region: 'cn-north-1',
        repositories: ['cn-app'],
      },
    ]);
  });

  it.each([
    ['x111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1'],
    ['11112222333.dkr.ecr.eu-west-1.amazonaws.com/app:1'],
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.io/app:1'],
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com.cn.evil.io/app:1'],
    ['registry.example.com/app:1'],
    ['localhost:5000/app:1'],
    ['app:1'],
    ['Not An Image'],
    ['UPPER/app:1'],
  ])('finds no ECR registry in %s', (image) => {
    expect(ecrRegistries([image])).toEqual([]);
  });
});

describe('partitionOf', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('%s is in partition %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

const SSM_AGENT_ACTIONS = [
  'ssm:DescribeAssociation',
  'ssm:GetDeployablePatchSnapshotForInstance',
  'ssm:GetDocument',
  'ssm:DescribeDocument',
  'ssm:GetManifest',
  'ssm:ListAssociations',
  'ssm:ListInstanceAssociations',
  'ssm:PutInventory',
  'ssm:PutComplianceItems',
  'ssm:PutConfigurePackageResult',
  'ssm:UpdateAssociationStatus',
  'ssm:UpdateInstanceAssociationStatus',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
];
const SSM_AGENT = { sid: 'SsmAgent', effect: 'Allow', actions: SSM_AGENT_ACTIONS, resources: ['*'] };
const PUT_METRIC_DATA = {
  sid: 'PutMetricData',
  effect: 'Allow',
  actions: ['cloudwatch:PutMetricData'],
  resources: ['*'],
  condition: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['CWAgent'] }],
};

describe('the host role policy', () => {
  it('grants a plain instance only the agents and host metrics', () => {
    const { json } = buildHost(shopProps({ compute: { mode: 'instance' } }));
    expect(Object.values(roleStatements(json))).toEqual([SSM_AGENT, PUT_METRIC_DATA]);
  });

  it('grants a plain Auto Scaling host the agents, tags and its own health, and no keys or logs', () => {
    const { json } = buildHost(
      shopProps({
        accountId: '111122223333',
        secrets: [
          { parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'POSTGRES_PASSWORD' },
        ],
      }),
    );
    expect(Object.values(roleStatements(json))).toEqual([
      SSM_AGENT,
      PUT_METRIC_DATA,
      { sid: 'AgentDescribeTags', effect: 'Allow', actions: ['ec2:DescribeTags'], resources: ['*'] },
      {
        sid: 'GeneratedSecrets',
        effect: 'Allow',
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/shop/dev/db/password'],
      },
      {
        sid: 'ReportOwnHealth',
        effect: 'Allow',
        actions: ['autoscaling:SetInstanceHealth'],
        resources: [
          'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:*:autoScalingGroupName/shop-dev-db',
        ],
      },
    ]);
  });

  describe('with every need', () => {
    const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const LOG_ARN = 'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/app';
    const built = lazy(() =>
      buildHost(
        shopProps({
          accountId: '111122223333',
          elasticIp: true,
          logGroups: {
            app: { name: '/shop/dev/app', arn: LOG_ARN },
            worker: { name: '/shop/dev/app', arn: LOG_ARN },
          },
          secrets: [
            { parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'P', kmsKeyArn: KEY },
            { parameterName: '/shop/dev/db/user', envFile: 'db.env', variable: 'U', kmsKeyArn: KEY },
            { parameterName: '/shop/dev/api/token', envFile: 'api.env', variable: 'T' },
          ],
          downloads: [
            { bucketName: 'shop-data', bucketArn: 'arn:aws:s3:::shop-data', prefix: 'seed/', path: 'seed' },
          ],
          compose: {
            services: {
              app: { image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/app:1.0' },
              worker: { image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/app:1.1' },
              edge: { image: '444455556666.dkr.ecr.cn-north-1.amazonaws.com.cn/edge:2.0' },
              gov: { image: '777788889999.dkr.ecr.us-gov-west-1.amazonaws.com/gov:3.0' },
              proxy: { image: 'nginx:1.27.0' },
            },
          },
        }),
      ),
    );

    it('lists every statement, each scoped to its resources', () => {
      const { json } = built();
      expect(Object.values(roleStatements(json))).toEqual([
        SSM_AGENT,
        PUT_METRIC_DATA,
        { sid: 'AgentDescribeTags', effect: 'Allow', actions: ['ec2:DescribeTags'], resources: ['*'] },
        {
          sid: 'LogsWrite',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [LOG_ARN, `${LOG_ARN}:*`],
        },
        {
          sid: 'GeneratedSecrets',
          effect: 'Allow',
          actions: ['ssm:GetParameter', 'ssm:PutParameter'],
          resources: [
            'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/dev/db/password',
            'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/dev/db/user',
            'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/dev/api/token',
          ],
        },
        {
          sid: 'GeneratedSecretsKey',
          effect: 'Allow',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [KEY],
          condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['ssm.*.amazonaws.com'] }],
        },
        {
          sid: 'BucketList',
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::shop-data'],
          condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['seed/', 'seed/*'] }],
        },
        {
          sid: 'BucketRead',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: ['arn:aws:s3:::shop-data/seed/*'],
        },
        { sid: 'EcrAuth', effect: 'Allow', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
        {
          sid: 'EcrPull',
          effect: 'Allow',
          actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          resources: [
            'arn:aws:ecr:eu-west-1:111122223333:repository/shop/app',
            'arn:aws-cn:ecr:cn-north-1:444455556666:repository/edge',
            'arn:aws-us-gov:ecr:us-gov-west-1:777788889999:repository/gov',
          ],
        },
        {
          sid: 'ClaimElasticIp',
          effect: 'Allow',
          actions: ['ec2:AssociateAddress'],
          resources: [
            expect.stringMatching(
              /^arn:aws:ec2:eu-west-1:111122223333:elastic-ip\/\$\{aws_eip\.host_eip_\w+\.allocation_id\}$/,
            ),
            'arn:aws:ec2:eu-west-1:111122223333:instance/*',
            'arn:aws:ec2:eu-west-1:111122223333:network-interface/*',
          ],
        },
        {
          sid: 'ReportOwnHealth',
          effect: 'Allow',
          actions: ['autoscaling:SetInstanceHealth'],
          resources: [
            'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:*:autoScalingGroupName/shop-dev-db',
          ],
        },
      ]);
    });
  });

  it.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('writes ARNs of a host in %s in partition %s', (region, partition) => {
    const { json } = buildHost(
      shopProps({
        region,
        accountId: '111122223333',
        secrets: [{ parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'P' }],
      }),
    );
    const st = roleStatements(json);
    expect(st.GeneratedSecrets.resources).toEqual([
      `arn:${partition}:ssm:${region}:111122223333:parameter/shop/dev/db/password`,
    ]);
    expect(st.ReportOwnHealth.resources).toEqual([
      `arn:${partition}:autoscaling:${region}:111122223333:autoScalingGroup:*:autoScalingGroupName/shop-dev-db`,
    ]);
  });
});

describe('published defaults', () => {
  it('names the host-gateway extra host entry', () => {
    expect(HOST_GATEWAY_EXTRA_HOST).toBe('host.docker.internal:host-gateway');
  });

  it('installs Docker Compose v2.29.7 unless told otherwise', () => {
    expect(DEFAULT_COMPOSE_VERSION).toBe('v2.29.7');
    const { json } = buildHost(shopProps());
    const script = userDataFiles(json)['/opt/shop/.compose-host/bootstrap.sh'];
    expect(script).toContain("readonly COMPOSE_VERSION='v2.29.7'\n");
  });
});
