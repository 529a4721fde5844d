import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ComposeHost, ComposeHostProps } from '../../../modules/compose-host';
import { ValidationError } from '../../../modules/core/validation';
import { shopProps } from './fixtures';

/**
 * The problems ComposeHost reports for the shop fixture with `overrides`, one whole message line
 * each (`field = value: problem. Fix: fix`); empty when the host builds.
 */
function problems(overrides: Partial<ComposeHostProps>, stack?: TerraformStack): string[] {
  const scope = stack ?? new TerraformStack(Testing.app(), 'test');
  try {
    new ComposeHost(scope, 'host', shopProps(overrides));
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
}

const services = shopProps().compose.services;
const withServices = (extra: Record<string, unknown>): Partial<ComposeHostProps> => ({
  compose: { services: { ...services, ...extra } as never },
});
const withService = (name: string, service: Record<string, unknown>): Partial<ComposeHostProps> =>
  withServices({ [name]: { image: 'nginx:1.27.0', ...service } });

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LOG_ARN = 'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/db';
const LOG = { name: '/shop/dev/db', arn: LOG_ARN };
const SECRET = { parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'POSTGRES_PASSWORD' };
const DOWNLOAD = {
  bucketName: 'shop-data',
  bucketArn: 'arn:aws:s3:::shop-data',
  prefix: 'seed/',
  path: 'seed',
};
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef';
const SHA = '0123456789abcdef'.repeat(4);
const AMI = 'ami-0123456789abcdef0';

const NOT_A_PATH = 'is not a relative path of letters, digits, ".", "_" and "-" segments';
const DOT_SEGMENTS = 'contains "." or ".." segments';

// [description, overrides, the one message line expected]
const REJECTED: Array<[string, Partial<ComposeHostProps>, string]> = [
  // machine
  [
    'a subnet id with a prefix',
    { subnetIds: ['xsubnet-01234567'] },
    'subnetIds[0] = "xsubnet-01234567": is not a subnet id. Fix: use "subnet-" followed by 8 or 17 hex digits',
  ],
  [
    'a subnet id with a suffix',
    { subnetIds: ['subnet-01234567x'] },
    'subnetIds[0] = "subnet-01234567x": is not a subnet id. Fix: use "subnet-" followed by 8 or 17 hex digits',
  ],
  [
    'a subnet id of 7 hex digits',
    { subnetIds: ['subnet-0123456'] },
    'subnetIds[0] = "subnet-0123456": is not a subnet id. Fix: use "subnet-" followed by 8 or 17 hex digits',
  ],
  [
    'a subnet id of 8 non-hex characters',
    { subnetIds: ['subnet-ghijklmn'] },
    'subnetIds[0] = "subnet-ghijklmn": is not a subnet id. Fix: use "subnet-" followed by 8 or 17 hex digits',
  ],
  [
    'a security group id with a prefix',
    { securityGroupIds: ['xsg-01234567'] },
    'securityGroupIds[0] = "xsg-01234567": is not a security group id. Fix: use "sg-" followed by 8 or 17 hex digits',
  ],
  [
    'a security group id with a suffix',
    { securityGroupIds: ['sg-01234567x'] },
    'securityGroupIds[0] = "sg-01234567x": is not a security group id. Fix: use "sg-" followed by 8 or 17 hex digits',
  ],
  [
    'a security group id of 8 non-hex characters',
    { securityGroupIds: ['sg-ghijklmn'] },
    'securityGroupIds[0] = "sg-ghijklmn": is not a security group id. Fix: use "sg-" followed by 8 or 17 hex digits',
  ],
  [
    'a volume key ARN with a prefix',
    { rootVolumeKmsKeyArn: `x${KEY}` },
    `rootVolumeKmsKeyArn = "x${KEY}": is not a KMS key or alias ARN. Fix: use "arn:aws:kms:<region>:<account>:key/<id>"`,
  ],
  [
    'a volume key ARN with a suffix',
    { rootVolumeKmsKeyArn: `${KEY}!` },
    `rootVolumeKmsKeyArn = "${KEY}!": is not a KMS key or alias ARN. Fix: use "arn:aws:kms:<region>:<account>:key/<id>"`,
  ],
  [
    'an account id of 13 digits',
    { accountId: '1234567890123' },
    'accountId = "1234567890123": is not a 12-digit account id. Fix: use e.g. "123456789012"',
  ],
  [
    'an account id with a prefix',
    { accountId: 'x123456789012' },
    'accountId = "x123456789012": is not a 12-digit account id. Fix: use e.g. "123456789012"',
  ],
  [
    'a root volume of 7 GiB',
    { rootVolumeSizeInGiB: 7 },
    'rootVolumeSizeInGiB = 7: must be a whole number from 8 to 16384. Fix: set rootVolumeSizeInGiB to a whole number from 8 to 16384',
  ],
  [
    'a root volume of 16385 GiB',
    { rootVolumeSizeInGiB: 16385 },
    'rootVolumeSizeInGiB = 16385: must be a whole number from 8 to 16384. Fix: set rootVolumeSizeInGiB to a whole number from 8 to 16384',
  ],
  // machine image
  [
    'an AMI id with an unknown OS',
    { ami: { amiId: AMI, os: 'windows' as never } },
    'ami.os = "windows": must be one of al2023, ubuntu-22.04, ubuntu-24.04. Fix: pick a supported OS',
  ],
  [
    'an AMI id with a root device under another directory',
    { ami: { amiId: AMI, rootDeviceName: 'x/dev/xvda' } },
    'ami.rootDeviceName = "x/dev/xvda": is not a root device name. Fix: use the image\'s root device, e.g. "/dev/xvda" or "/dev/sda1"',
  ],
  [
    'an AMI id with a root device name with a suffix',
    { ami: { amiId: AMI, rootDeviceName: '/dev/xvdaa' } },
    'ami.rootDeviceName = "/dev/xvdaa": is not a root device name. Fix: use the image\'s root device, e.g. "/dev/xvda" or "/dev/sda1"',
  ],
  [
    'an AMI id with a partition 2 root device',
    { ami: { amiId: AMI, rootDeviceName: '/dev/sda2' } },
    'ami.rootDeviceName = "/dev/sda2": is not a root device name. Fix: use the image\'s root device, e.g. "/dev/xvda" or "/dev/sda1"',
  ],
  [
    'an unknown OS',
    { ami: { os: 'windows' as never } },
    'ami.os = "windows": must be one of al2023, ubuntu-22.04, ubuntu-24.04. Fix: pick a supported OS',
  ],
  [
    'an unknown architecture',
    { ami: { os: 'al2023', architecture: 'sparc' as never } },
    'ami.architecture = "sparc": must be one of x86_64, arm64. Fix: use "x86_64" or "arm64"',
  ],
  [
    'parameter version 0',
    { ami: { os: 'al2023', parameterVersion: 0 } },
    'ami.parameterVersion = 0: must be a whole number of 1 or more. Fix: use the Version of the public parameter you want to pin',
  ],
  [
    'a fractional parameter version',
    { ami: { os: 'al2023', parameterVersion: 1.5 } },
    'ami.parameterVersion = 1.5: must be a whole number of 1 or more. Fix: use the Version of the public parameter you want to pin',
  ],
  [
    'a Graviton type with the default x86_64 image',
    { instanceType: 't4g.medium' },
    'instanceType = "t4g.medium": is an arm64 (Graviton) type but the image is x86_64. Fix: set ami.architecture to "arm64"',
  ],
  [
    'an x86_64 type with an arm64 image',
    { instanceType: 't3.medium', ami: { os: 'al2023', architecture: 'arm64' } },
    'instanceType = "t3.medium": is an x86_64 type but the image is arm64. Fix: use a Graviton type (e.g. "t4g.medium") or ami.architecture "x86_64"',
  ],
  [
    'a malformed instance type with an arm64 image (no architecture mismatch on top)',
    { instanceType: 't3medium', ami: { os: 'al2023', architecture: 'arm64' } },
    'instanceType = "t3medium": is not an EC2 instance type. Fix: use e.g. "t3.medium" or "t4g.medium"',
  ],
  // compute
  [
    'a group of two',
    { compute: { mode: 'autoScaling', maxSize: 2 } },
    'compute.maxSize = 2: must be a whole number from 0 to 1. Fix: use 0 or 1: one host runs one copy of the project (local volumes, one Elastic IP); scale up with a larger instanceType',
  ],
  [
    'desired above max',
    { compute: { mode: 'autoScaling', minSize: 0, desiredCapacity: 1, maxSize: 0 } },
    'compute = {"minSize":0,"desiredCapacity":1,"maxSize":0}: must satisfy minSize <= desiredCapacity <= maxSize (defaults are 1). Fix: e.g. { minSize: 0, desiredCapacity: 0, maxSize: 1 } to park the host',
  ],
  [
    'an unknown health check type',
    { compute: { mode: 'autoScaling', healthCheckType: 'HTTP' as never } },
    'compute.healthCheckType = "HTTP": must be "EC2" or "ELB". Fix: use "ELB" behind a load balancer, "EC2" otherwise',
  ],
  [
    'a target group ARN with a prefix',
    { compute: { mode: 'autoScaling', targetGroupArns: [`x${TG}`] } },
    `compute.targetGroupArns[0] = "x${TG}": is not a target group ARN. Fix: pass e.g. LbTargetGroup.arn`,
  ],
  [
    'a target group ARN with a suffix',
    { compute: { mode: 'autoScaling', targetGroupArns: [`${TG}/x`] } },
    `compute.targetGroupArns[0] = "${TG}/x": is not a target group ARN. Fix: pass e.g. LbTargetGroup.arn`,
  ],
  // project
  [
    'a project name with a suffix',
    { project: 'shop!' },
    'project = "shop!": is not a Compose project name (lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 63). Fix: use e.g. "shop"',
  ],
  [
    'a project name of 64 characters',
    { project: 'a'.repeat(64) },
    `project = "${'a'.repeat(64)}": is not a Compose project name (lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 63). Fix: use e.g. "shop"`,
  ],
  // compose
  [
    'a service name starting with a hyphen',
    withService('-web', {}),
    'compose.services.-web = "-web": is not a Compose service name. Fix: use letters, digits, ".", "_" and "-"',
  ],
  [
    'a service name ending with a symbol',
    withService('web!', {}),
    'compose.services.web! = "web!": is not a Compose service name. Fix: use letters, digits, ".", "_" and "-"',
  ],
  [
    'a service given as a string',
    withServices({ web: 'nginx:1.27.0' }),
    'compose.services.web = "nginx:1.27.0": must be an object (a Compose service). Fix: give at least { image: "postgres:16.4" }',
  ],
  [
    'a service given as null',
    withServices({ web: null }),
    'compose.services.web = null: must be an object (a Compose service). Fix: give at least { image: "postgres:16.4" }',
  ],
  [
    'a service given as a list',
    withServices({ web: ['nginx:1.27.0'] }),
    'compose.services.web = ["nginx:1.27.0"]: must be an object (a Compose service). Fix: give at least { image: "postgres:16.4" }',
  ],
  [
    'a service without an image',
    withServices({ web: { restart: 'always' } }),
    'compose.services.web.image = undefined: is missing. Fix: set a pinned image such as "postgres:16.4"',
  ],
  [
    'an image with a space',
    withService('web', { image: 'nginx :1.27.0' }),
    'compose.services.web.image = "nginx :1.27.0": contains whitespace. Fix: use a pinned reference such as "postgres:16.4" or "repo@sha256:<digest>"',
  ],
  [
    'ports given as a string',
    withService('web', { ports: '80:80' }),
    'compose.services.web.ports = "80:80": must be a list. Fix: use e.g. ["80:8080", "127.0.0.1:6379:6379"]',
  ],
  [
    'depends_on given as a string',
    withService('web', { depends_on: 'db' }),
    'compose.services.web.depends_on = "db": must be a list of service names. Fix: use e.g. ["db"]',
  ],
  // files
  [
    'an absolute file path',
    { files: [{ path: '/etc/passwd', content: '' }] },
    `files[0].path = "/etc/passwd": ${NOT_A_PATH}. Fix: use a path such as "nginx/nginx.conf"`,
  ],
  [
    'a file path with a space',
    { files: [{ path: 'conf/a b', content: '' }] },
    `files[0].path = "conf/a b": ${NOT_A_PATH}. Fix: use a path such as "nginx/nginx.conf"`,
  ],
  [
    'a file path with a "." segment',
    { files: [{ path: 'conf/./a', content: '' }] },
    `files[0].path = "conf/./a": ${DOT_SEGMENTS}. Fix: use a path such as "nginx/nginx.conf"`,
  ],
  [
    'a file path with a ".." segment',
    { files: [{ path: 'conf/../a', content: '' }] },
    `files[0].path = "conf/../a": ${DOT_SEGMENTS}. Fix: use a path such as "nginx/nginx.conf"`,
  ],
  [
    "the host's own directory as a file",
    { files: [{ path: '.compose-host', content: '' }] },
    `files[0].path = ".compose-host": is under .compose-host/, which holds the host's own files. Fix: use a path such as "nginx/nginx.conf"`,
  ],
  [
    'the .env file',
    { files: [{ path: '.env', content: '' }] },
    'files[0].path = ".env": is a file the host writes itself. Fix: use a path such as "nginx/nginx.conf"',
  ],
  [
    'a world-writable file mode',
    { files: [{ path: 'a.conf', content: '', mode: '0777' as never }] },
    'files[0].mode = "0777": is not one of 0644, 0640, 0600, 0755, 0700. Fix: use "0644" for configuration, "0600" for anything sensitive',
  ],
  [
    'a mode on the second file',
    {
      files: [
        { path: 'a.conf', content: '' },
        { path: 'b.conf', content: '', mode: '644' as never },
      ],
    },
    'files[1].mode = "644": is not one of 0644, 0640, 0600, 0755, 0700. Fix: use "0644" for configuration, "0600" for anything sensitive',
  ],
  // log groups
  [
    'a log group name with a prefix',
    { logGroups: { db: { ...LOG, name: '!/shop/dev/db' } } },
    'logGroups.db.name = "!/shop/dev/db": is not a CloudWatch Logs group name. Fix: use 1-512 characters of letters, digits and ._-/#',
  ],
  [
    'a log group name with a suffix',
    { logGroups: { db: { ...LOG, name: '/shop/dev/db!' } } },
    'logGroups.db.name = "/shop/dev/db!": is not a CloudWatch Logs group name. Fix: use 1-512 characters of letters, digits and ._-/#',
  ],
  [
    'a log group ARN with a prefix',
    { logGroups: { db: { ...LOG, arn: `x${LOG_ARN}` } } },
    `logGroups.db.arn = "x${LOG_ARN}": is not a log group ARN. Fix: pass CloudwatchLogGroup.arn`,
  ],
  [
    'a log group ARN with a suffix',
    { logGroups: { db: { ...LOG, arn: `${LOG_ARN}!` } } },
    `logGroups.db.arn = "${LOG_ARN}!": is not a log group ARN. Fix: pass CloudwatchLogGroup.arn`,
  ],
  [
    'an embedded metrics log group with a space in its name',
    { embeddedMetrics: { logGroup: { name: 'shop metrics', arn: LOG_ARN } } },
    'embeddedMetrics.logGroup.name = "shop metrics": is not a CloudWatch Logs group name. Fix: use 1-512 characters of letters, digits and ._-/#',
  ],
  [
    'an embedded metrics log group with a malformed ARN',
    { embeddedMetrics: { logGroup: { name: '/shop/metrics', arn: 'x' } } },
    'embeddedMetrics.logGroup.arn = "x": is not a log group ARN. Fix: pass CloudwatchLogGroup.arn',
  ],
  // secrets
  [
    'a parameter name with a prefix',
    { secrets: [{ ...SECRET, parameterName: 'x/shop/db' }] },
    'secrets[0].parameterName = "x/shop/db": must be an SSM parameter path: "/", then 1-1010 letters, digits and _.-/, not under /aws or /ssm. Fix: use e.g. "/shop/dev/postgres/password"',
  ],
  [
    'a parameter name with a space',
    { secrets: [{ ...SECRET, parameterName: '/shop/db password' }] },
    'secrets[0].parameterName = "/shop/db password": must be an SSM parameter path: "/", then 1-1010 letters, digits and _.-/, not under /aws or /ssm. Fix: use e.g. "/shop/dev/postgres/password"',
  ],
  [
    'the parameter /aws itself',
    { secrets: [{ ...SECRET, parameterName: '/aws' }] },
    'secrets[0].parameterName = "/aws": must be an SSM parameter path: "/", then 1-1010 letters, digits and _.-/, not under /aws or /ssm. Fix: use e.g. "/shop/dev/postgres/password"',
  ],
  [
    'a parameter under /SSM in capitals',
    { secrets: [{ ...SECRET, parameterName: '/SSM/x' }] },
    'secrets[0].parameterName = "/SSM/x": must be an SSM parameter path: "/", then 1-1010 letters, digits and _.-/, not under /aws or /ssm. Fix: use e.g. "/shop/dev/postgres/password"',
  ],
  [
    'a secret written outside the project',
    { secrets: [{ ...SECRET, envFile: '../db.env' }] },
    `secrets[0].envFile = "../db.env": ${DOT_SEGMENTS}. Fix: use a file name such as "postgres.env"`,
  ],
  [
    'a secret with a malformed key ARN',
    { secrets: [{ ...SECRET, kmsKeyArn: 'key-1' }] },
    'secrets[0].kmsKeyArn = "key-1": is not a KMS key ARN. Fix: use "arn:aws:kms:<region>:<account>:key/<id>"',
  ],
  // downloads
  [
    'a bucket name breaking three rules',
    { downloads: [{ ...DOWNLOAD, bucketName: 'A' }] },
    'downloads[0].bucketName = "A": is not a valid S3 bucket name (must be 3 to 63 characters long; may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit). Fix: pass the bucket name',
  ],
  [
    'a bucket ARN with a prefix',
    { downloads: [{ ...DOWNLOAD, bucketArn: 'xarn:aws:s3:::shop-data' }] },
    'downloads[0].bucketArn = "xarn:aws:s3:::shop-data": is not a bucket ARN. Fix: use "arn:aws:s3:::<bucket>"',
  ],
  [
    'an object ARN instead of a bucket ARN',
    { downloads: [{ ...DOWNLOAD, bucketArn: 'arn:aws:s3:::shop-data/*' }] },
    'downloads[0].bucketArn = "arn:aws:s3:::shop-data/*": is not a bucket ARN. Fix: use "arn:aws:s3:::<bucket>"',
  ],
  [
    'a prefix starting with "/"',
    { downloads: [{ ...DOWNLOAD, prefix: '/seed/' }] },
    'downloads[0].prefix = "/seed/": is not a key prefix ending in "/". Fix: use e.g. "models/"',
  ],
  [
    'a prefix with a key after the last "/"',
    { downloads: [{ ...DOWNLOAD, prefix: 'seed/x' }] },
    'downloads[0].prefix = "seed/x": is not a key prefix ending in "/". Fix: use e.g. "models/"',
  ],
  [
    'an absolute download directory',
    { downloads: [{ ...DOWNLOAD, path: '/data' }] },
    `downloads[0].path = "/data": ${NOT_A_PATH}. Fix: use a directory such as "models"`,
  ],
  // health check, retry, Compose plugin
  [
    'a health URL with a prefix',
    { healthCheck: { urls: ['xhttp://127.0.0.1/health'] } },
    'healthCheck.urls[0] = "xhttp://127.0.0.1/health": is not an http(s) URL without quotes or spaces. Fix: use e.g. "http://127.0.0.1:8080/health"',
  ],
  [
    'a health URL with a space',
    { healthCheck: { urls: ['http://127.0.0.1/a b'] } },
    'healthCheck.urls[0] = "http://127.0.0.1/a b": is not an http(s) URL without quotes or spaces. Fix: use e.g. "http://127.0.0.1:8080/health"',
  ],
  [
    'a base delay of 0 seconds',
    { retry: { baseDelayInSeconds: 0 } },
    'retry.baseDelayInSeconds = 0: must be a whole number from 1 to 60. Fix: set retry.baseDelayInSeconds to a whole number from 1 to 60',
  ],
  [
    'a base delay of 61 seconds',
    { retry: { baseDelayInSeconds: 61 } },
    'retry.baseDelayInSeconds = 61: must be a whole number from 1 to 60. Fix: set retry.baseDelayInSeconds to a whole number from 1 to 60',
  ],
  [
    'no attempts',
    { retry: { attempts: 0 } },
    'retry.attempts = 0: must be a whole number from 1 to 10. Fix: set retry.attempts to a whole number from 1 to 10',
  ],
  [
    'a Compose release candidate',
    { composePlugin: { version: 'v2.29.7-rc1' } },
    'composePlugin.version = "v2.29.7-rc1": is not a Compose v2 release tag. Fix: use e.g. "v2.29.7"',
  ],
  [
    'a Compose version with a prefix',
    { composePlugin: { version: 'xv2.29.7' } },
    'composePlugin.version = "xv2.29.7": is not a Compose v2 release tag. Fix: use e.g. "v2.29.7"',
  ],
  [
    'a Compose version without a patch number',
    { composePlugin: { version: 'v2.29' } },
    'composePlugin.version = "v2.29": is not a Compose v2 release tag. Fix: use e.g. "v2.29.7"',
  ],
  [
    'a checksum with a prefix',
    { composePlugin: { sha256: { aarch64: `x${SHA}` } } },
    `composePlugin.sha256.aarch64 = "x${SHA}": is not a SHA-256 (64 lowercase hex digits). Fix: copy it from the release's .sha256 file`,
  ],
  [
    'a checksum with a suffix',
    { composePlugin: { sha256: { aarch64: `${SHA}0` } } },
    `composePlugin.sha256.aarch64 = "${SHA}0": is not a SHA-256 (64 lowercase hex digits). Fix: copy it from the release's .sha256 file`,
  ],
  [
    'a checksum in capitals',
    { composePlugin: { sha256: { x86_64: SHA.toUpperCase() } } },
    `composePlugin.sha256.x86_64 = "${SHA.toUpperCase()}": is not a SHA-256 (64 lowercase hex digits). Fix: copy it from the release's .sha256 file`,
  ],
];

// The valid neighbour of each rule above: the host builds.
const ACCEPTED: Array<[string, Partial<ComposeHostProps>]> = [
  [
    '8-digit subnet and security group ids',
    { subnetIds: ['subnet-01234567'], securityGroupIds: ['sg-89abcdef'] },
  ],
  ['a volume key in the China partition', { rootVolumeKmsKeyArn: KEY.replace('arn:aws:', 'arn:aws-cn:') }],
  ['a volume key alias', { rootVolumeKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/shop-volumes' }],
  ['a 12-digit account id', { accountId: '123456789012' }],
  ['a 16384 GiB root volume', { rootVolumeSizeInGiB: 16384 }],
  ['an AMI id for Ubuntu 22.04', { ami: { amiId: AMI, os: 'ubuntu-22.04' } }],
  ['an AMI id with root device /dev/xvdb', { ami: { amiId: AMI, rootDeviceName: '/dev/xvdb' } }],
  ['an AMI id with root device /dev/sda1', { ami: { amiId: AMI, rootDeviceName: '/dev/sda1' } }],
  ['an AMI id with root device /dev/sdb', { ami: { amiId: AMI, rootDeviceName: '/dev/sdb' } }],
  ['an AMI id with root device /dev/nvme0n1', { ami: { amiId: AMI, rootDeviceName: '/dev/nvme0n1' } }],
  ['parameter version 1', { ami: { os: 'ubuntu-24.04', parameterVersion: 1 } }],
  ['an explicit x86_64 image', { ami: { os: 'al2023', architecture: 'x86_64' } }],
  ['EC2 health checks', { compute: { mode: 'autoScaling', healthCheckType: 'EC2' } }],
  [
    'a target group in the China partition',
    { compute: { mode: 'autoScaling', targetGroupArns: [TG.replace('arn:aws:', 'arn:aws-cn:')] } },
  ],
  ['a grace period of 0 seconds', { compute: { mode: 'autoScaling', healthCheckGracePeriodInSeconds: 0 } }],
  ['a 63-character project name', { project: `a${'-_9'.repeat(20)}bc` }],
  ['a name that is no project name, with a project', { name: 'Shop-Dev', project: 'shop' }],
  ['a service name with dots and underscores', withService('web_1.v2', {})],
  ['logging on a service without a log group', withService('web', { logging: { driver: 'syslog' } })],
  [
    'every allowed file mode',
    {
      files: ['0644', '0640', '0600', '0755', '0700'].map((mode, i) => ({
        path: `conf/f${i}.conf`,
        content: '',
        mode: mode as never,
      })),
    },
  ],
  [
    'a file in a directory named like the host directory',
    { files: [{ path: 'x/.compose-host', content: '' }] },
  ],
  ['a file whose name starts with .env', { files: [{ path: '.env.local', content: '' }] }],
  [
    'log groups in the China partition, for every stream',
    { logGroups: { db: { ...LOG, arn: `${LOG_ARN.replace('arn:aws:', 'arn:aws-cn:')}:*` } } },
  ],
  [
    'an embedded metrics log group',
    { embeddedMetrics: { logGroup: { name: '/shop/metrics', arn: LOG_ARN } } },
  ],
  ['a parameter with /aws deeper in its path', { secrets: [{ ...SECRET, parameterName: '/shop/aws/x' }] }],
  ['a parameter under /awsx', { secrets: [{ ...SECRET, parameterName: '/awsx/y' }] }],
  ['a secret with a key ARN', { secrets: [{ ...SECRET, kmsKeyArn: KEY }] }],
  [
    'a download from the China partition under a nested prefix',
    { downloads: [{ ...DOWNLOAD, bucketArn: 'arn:aws-cn:s3:::shop-data', prefix: 'seed/v1/' }] },
  ],
  ['a health URL without a path', { healthCheck: { urls: ['http://127.0.0.1:8080'] } }],
  ['an https health URL to IPv6 loopback', { healthCheck: { urls: ['https://[::1]:8443/ready?full=1'] } }],
  ['a base delay of 1 second and one attempt', { retry: { attempts: 1, baseDelayInSeconds: 1 } }],
  [
    'a pinned Compose release with both checksums',
    { composePlugin: { version: 'v2.29.10', sha256: { x86_64: SHA, aarch64: 'f'.repeat(64) } } },
  ],
];

describe('ComposeHost validation, whole message lines', () => {
  it.each(REJECTED)('rejects %s', (_name, overrides, line) => {
    expect(problems(overrides)).toEqual([line]);
  });

  it.each(ACCEPTED)('accepts %s', (_name, overrides) => {
    expect(problems(overrides)).toEqual([]);
  });

  it('reports each problem of a list under its own index', () => {
    expect(
      problems({ subnetIds: ['subnet-01234567', 'subnet-x'], securityGroupIds: ['sg-x', 'sg-01234567'] }),
    ).toEqual([
      'subnetIds[1] = "subnet-x": is not a subnet id. Fix: use "subnet-" followed by 8 or 17 hex digits',
      'securityGroupIds[0] = "sg-x": is not a security group id. Fix: use "sg-" followed by 8 or 17 hex digits',
    ]);
  });
});

describe('ComposeHost validation of Terraform references', () => {
  it('accepts a group size given as a reference, without comparing it', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const max = new TerraformVariable(stack, 'max', { type: 'number' });
    expect(problems({ compute: { mode: 'autoScaling', maxSize: max.numberValue } }, stack)).toEqual([]);
  });

  it('accepts an image, a name and a bucket name given as references', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const text = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
    expect(
      problems(
        {
          project: undefined,
          name: text('name'),
          downloads: [{ ...DOWNLOAD, bucketName: text('bucket') }],
          ...withService('web', { image: text('image') }),
        },
        stack,
      ),
    ).toEqual([]);
  });

  it('still checks the literal values next to a reference', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const min = new TerraformVariable(stack, 'min', { type: 'number' });
    expect(
      problems({ compute: { mode: 'autoScaling', minSize: min.numberValue, maxSize: 2 } }, stack),
    ).toEqual([
      'compute.maxSize = 2: must be a whole number from 0 to 1. Fix: use 0 or 1: one host runs one copy of the project (local volumes, one Elastic IP); scale up with a larger instanceType',
    ]);
  });
});
