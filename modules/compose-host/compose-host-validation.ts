import { bucketNameProblems, isValidInstanceType, isValidRegion } from '../core/aws-rules';
import { isUnresolved, Validator } from '../core/validation';
import { AMI_ARCHITECTURES, AMI_OSES, isAmiFromId, isArmInstanceType, isValidAmiId } from './ami';
import { portEntryProblem } from './compose-file';
import { HOST_DIR_NAME } from './constants';
import { imageReferenceProblems } from './images';
import type { ComposeHostProps } from './compose-host';

/** Root volume bounds of gp3. */
export const ROOT_VOLUME_SIZE_RANGE = { min: 8, max: 16384 } as const;

/** Longest host name: the role is `<name>-role` and IAM role names stop at 64 characters. */
export const MAX_HOST_NAME_LENGTH = 59;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9-]{2,58}$/;
const PROJECT_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const SERVICE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const SUBNET_RE = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SG_RE = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const KMS_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]+|alias\/[A-Za-z0-9/_-]+)$/;
const LOG_GROUP_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_GROUP_ARN_RE = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512}(:\*)?$/;
const SSM_NAME_RE = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const COMPOSE_VERSION_RE = /^v2\.\d+\.\d+$/;
const ACCOUNT_RE = /^\d{12}$/;
const TARGET_GROUP_ARN_RE =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;
const BUCKET_ARN_RE = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RELATIVE_PATH_RE = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const PREFIX_RE = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/;
const URL_RE = /^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~!$&()*+,;=:@%/?-]*)?$/;

/** Project paths the host writes itself. */
const RESERVED_PATHS = ['compose.yml', '.env'];

/** A project-relative path: safe characters, no `..`, not the host's own directory or files. */
function pathProblem(path: string): string | undefined {
  if (!RELATIVE_PATH_RE.test(path)) {
    return 'is not a relative path of letters, digits, ".", "_" and "-" segments';
  }
  if (path.split('/').some((s) => s === '..' || s === '.')) return 'contains "." or ".." segments';
  if (path === HOST_DIR_NAME || path.startsWith(`${HOST_DIR_NAME}/`)) {
    return `is under ${HOST_DIR_NAME}/, which holds the host's own files`;
  }
  if (RESERVED_PATHS.includes(path)) return 'is a file the host writes itself';
  return undefined;
}

function checkMachine(v: Validator, props: ComposeHostProps): void {
  v.check(
    NAME_RE.test(props.name),
    'name',
    props.name,
    `must be 3-${MAX_HOST_NAME_LENGTH} letters, digits and hyphens, starting with a letter or digit (the role is "<name>-role")`,
    'use a name such as "shop-dev-app"',
  );
  v.check(
    isValidRegion(props.region),
    'region',
    props.region,
    'is not an AWS region name',
    'use e.g. "us-east-1"',
  );
  v.check(
    props.subnetIds.length > 0,
    'subnetIds',
    props.subnetIds,
    'is empty',
    'pass at least one subnet id',
  );
  props.subnetIds.forEach((id, i) =>
    v.check(
      SUBNET_RE.test(id),
      `subnetIds[${i}]`,
      id,
      'is not a subnet id',
      'use "subnet-" followed by 8 or 17 hex digits',
    ),
  );
  v.check(
    props.securityGroupIds.length > 0,
    'securityGroupIds',
    props.securityGroupIds,
    'is empty',
    'pass the host security group id',
  );
  props.securityGroupIds.forEach((id, i) =>
    v.check(
      SG_RE.test(id),
      `securityGroupIds[${i}]`,
      id,
      'is not a security group id',
      'use "sg-" followed by 8 or 17 hex digits',
    ),
  );
  v.check(
    isValidInstanceType(props.instanceType),
    'instanceType',
    props.instanceType,
    'is not an EC2 instance type',
    'use e.g. "t3.medium" or "t4g.medium"',
  );

  const ami = props.ami ?? { os: 'al2023' };
  if (isAmiFromId(ami)) {
    v.check(
      isValidAmiId(ami.amiId),
      'ami.amiId',
      ami.amiId,
      'is not an AMI id',
      'use "ami-" followed by 8 or 17 lowercase hex digits',
    );
    v.checkOptional(
      ami.os,
      (os) => AMI_OSES.includes(os),
      'ami.os',
      `must be one of ${AMI_OSES.join(', ')}`,
      'pick a supported OS',
    );
    v.checkOptional(
      ami.rootDeviceName,
      (d) => /^\/dev\/(xvd[a-z]|sd[a-z]1?|nvme0n1)$/.test(d),
      'ami.rootDeviceName',
      'is not a root device name',
      'use the image\'s root device, e.g. "/dev/xvda" or "/dev/sda1"',
    );
  } else {
    v.check(
      AMI_OSES.includes(ami.os),
      'ami.os',
      ami.os,
      `must be one of ${AMI_OSES.join(', ')}`,
      'pick a supported OS',
    );
    v.checkOptional(
      ami.architecture,
      (a) => AMI_ARCHITECTURES.includes(a),
      'ami.architecture',
      `must be one of ${AMI_ARCHITECTURES.join(', ')}`,
      'use "x86_64" or "arm64"',
    );
    v.checkOptional(
      ami.parameterVersion,
      (n) => Number.isInteger(n) && n >= 1,
      'ami.parameterVersion',
      'must be a whole number of 1 or more',
      'use the Version of the public parameter you want to pin',
    );
    const arch = ami.architecture ?? 'x86_64';
    if (!isUnresolved(props.instanceType) && isValidInstanceType(props.instanceType)) {
      const arm = isArmInstanceType(props.instanceType);
      v.check(
        arm === (arch === 'arm64'),
        'instanceType',
        props.instanceType,
        `is ${arm ? 'an arm64 (Graviton)' : 'an x86_64'} type but the image is ${arch}`,
        arm
          ? 'set ami.architecture to "arm64"'
          : 'use a Graviton type (e.g. "t4g.medium") or ami.architecture "x86_64"',
      );
    }
  }

  v.checkIntRange(
    props.rootVolumeSizeInGiB,
    ROOT_VOLUME_SIZE_RANGE.min,
    ROOT_VOLUME_SIZE_RANGE.max,
    'rootVolumeSizeInGiB',
  );
  v.checkOptional(
    props.rootVolumeKmsKeyArn,
    (a) => KMS_ARN_RE.test(a),
    'rootVolumeKmsKeyArn',
    'is not a KMS key or alias ARN',
    'use "arn:aws:kms:<region>:<account>:key/<id>"',
  );
  v.checkOptional(
    props.accountId,
    (a) => ACCOUNT_RE.test(a),
    'accountId',
    'is not a 12-digit account id',
    'use e.g. "123456789012"',
  );
}

function checkCompute(v: Validator, props: ComposeHostProps): void {
  const compute = props.compute ?? { mode: 'autoScaling' };
  if (compute.mode !== 'instance' && compute.mode !== 'autoScaling') {
    v.add(
      'compute.mode',
      (compute as { mode: unknown }).mode,
      'must be "instance" or "autoScaling"',
      'pick one of the two',
    );
    return;
  }
  if (compute.mode === 'instance') {
    if (props.healthCheck !== undefined) {
      v.add(
        'healthCheck',
        props.healthCheck,
        'only applies with compute.mode "autoScaling" (an instance has no group to report to)',
        'remove it, or use compute: { mode: "autoScaling" }',
      );
    }
    return;
  }
  const why = 'one host runs one copy of the project (local volumes, one Elastic IP)';
  for (const field of ['minSize', 'maxSize', 'desiredCapacity'] as const) {
    v.checkIntRange(
      compute[field],
      0,
      1,
      `compute.${field}`,
      `use 0 or 1: ${why}; scale up with a larger instanceType`,
    );
  }
  const min = compute.minSize ?? 1;
  const max = compute.maxSize ?? 1;
  const desired = compute.desiredCapacity ?? 1;
  if ([min, max, desired].every((n) => !isUnresolved(n))) {
    v.check(
      min <= desired && desired <= max,
      'compute',
      { minSize: min, desiredCapacity: desired, maxSize: max },
      'must satisfy minSize <= desiredCapacity <= maxSize (defaults are 1)',
      'e.g. { minSize: 0, desiredCapacity: 0, maxSize: 1 } to park the host',
    );
  }
  (compute.targetGroupArns ?? []).forEach((arn, i) =>
    v.check(
      TARGET_GROUP_ARN_RE.test(arn),
      `compute.targetGroupArns[${i}]`,
      arn,
      'is not a target group ARN',
      'pass e.g. LbTargetGroup.arn',
    ),
  );
  v.checkOptional(
    compute.healthCheckType,
    (t) => t === 'EC2' || t === 'ELB',
    'compute.healthCheckType',
    'must be "EC2" or "ELB"',
    'use "ELB" behind a load balancer, "EC2" otherwise',
  );
  if (compute.healthCheckType === 'ELB') {
    v.check(
      (compute.targetGroupArns ?? []).length > 0,
      'compute.healthCheckType',
      compute.healthCheckType,
      'is "ELB" but no targetGroupArns are given, so no load balancer would ever check the host',
      'pass compute.targetGroupArns, or use "EC2"',
    );
  }
  v.checkIntRange(
    compute.healthCheckGracePeriodInSeconds,
    0,
    7200,
    'compute.healthCheckGracePeriodInSeconds',
  );
}

function checkCompose(v: Validator, props: ComposeHostProps): void {
  const services = props.compose.services ?? {};
  const names = Object.keys(services);
  v.check(names.length > 0, 'compose.services', names, 'is empty', 'define at least one service');
  if ('name' in props.compose) {
    v.add(
      'compose.name',
      props.compose.name,
      'is set by the host from the project name',
      'remove it; set project instead',
    );
  }
  for (const [name, service] of Object.entries(services)) {
    const field = `compose.services.${name}`;
    if (typeof service !== 'object' || service === null || Array.isArray(service)) {
      v.add(
        field,
        service,
        'must be an object (a Compose service)',
        'give at least { image: "postgres:16.4" }',
      );
      continue;
    }
    v.check(
      SERVICE_RE.test(name),
      field,
      name,
      'is not a Compose service name',
      'use letters, digits, ".", "_" and "-"',
    );
    const image = service.image;
    if (typeof image !== 'string') {
      v.add(`${field}.image`, image, 'is missing', 'set a pinned image such as "postgres:16.4"');
    } else {
      const problems = imageReferenceProblems(image);
      v.check(
        problems.length === 0,
        `${field}.image`,
        image,
        problems.join('; '),
        'use a pinned reference such as "postgres:16.4" or "repo@sha256:<digest>"',
      );
    }
    const ports: unknown = service.ports ?? [];
    if (!Array.isArray(ports)) {
      v.add(`${field}.ports`, ports, 'must be a list', 'use e.g. ["80:8080", "127.0.0.1:6379:6379"]');
      continue;
    }
    const dependsOn: unknown = service.depends_on ?? [];
    if (!Array.isArray(dependsOn)) {
      v.add(`${field}.depends_on`, dependsOn, 'must be a list of service names', `use e.g. ["${names[0]}"]`);
      continue;
    }
    (service.ports ?? []).forEach((entry, i) => {
      const problem = portEntryProblem(entry);
      if (problem)
        v.add(
          `${field}.ports[${i}]`,
          entry,
          problem,
          'use e.g. "80:8080", "127.0.0.1:6379:6379" or "53:53/udp"',
        );
    });
    if (service.network_mode === 'host' && (service.ports ?? []).length > 0) {
      v.add(
        `${field}.ports`,
        service.ports,
        'is set on a service with network_mode "host", where Compose ignores it',
        'remove ports: the service listens on host ports directly',
      );
    }
    (service.depends_on ?? []).forEach((dep, i) =>
      v.check(
        names.includes(dep),
        `${field}.depends_on[${i}]`,
        dep,
        'is not a service of this Compose file',
        `use one of ${names.join(', ')}`,
      ),
    );
    if (props.logGroups?.[name] !== undefined && service.logging !== undefined) {
      v.add(
        `${field}.logging`,
        service.logging,
        'is set, but logGroups also names a log group for this service',
        'remove logging (the host sets the awslogs driver) or the logGroups entry',
      );
    }
  }
}

function checkFilesAndData(v: Validator, props: ComposeHostProps): void {
  const services = Object.keys(props.compose.services ?? {});
  const seen = new Set<string>();
  (props.files ?? []).forEach((f, i) => {
    const problem = pathProblem(f.path);
    if (problem) v.add(`files[${i}].path`, f.path, problem, 'use a path such as "nginx/nginx.conf"');
    v.check(!seen.has(f.path), `files[${i}].path`, f.path, 'is listed twice', 'list each file once');
    seen.add(f.path);
    v.checkOptional(
      f.mode,
      (m) => ['0644', '0640', '0600', '0755', '0700'].includes(m),
      `files[${i}].mode`,
      'is not one of 0644, 0640, 0600, 0755, 0700',
      'use "0644" for configuration, "0600" for anything sensitive',
    );
  });

  for (const [service, group] of Object.entries(props.logGroups ?? {})) {
    v.check(
      services.includes(service),
      `logGroups.${service}`,
      service,
      'is not a service of the Compose file',
      `use one of ${services.join(', ')}`,
    );
    checkLogGroup(v, `logGroups.${service}`, group.name, group.arn);
  }
  if (props.embeddedMetrics) {
    checkLogGroup(
      v,
      'embeddedMetrics.logGroup',
      props.embeddedMetrics.logGroup.name,
      props.embeddedMetrics.logGroup.arn,
    );
  }

  (props.secrets ?? []).forEach((s, i) => {
    const field = `secrets[${i}]`;
    v.check(
      SSM_NAME_RE.test(s.parameterName) && !/^\/(aws|ssm)(\/|$)/i.test(s.parameterName),
      `${field}.parameterName`,
      s.parameterName,
      'must be an SSM parameter path: "/", then 1-1010 letters, digits and _.-/, not under /aws or /ssm',
      'use e.g. "/shop/dev/postgres/password"',
    );
    const problem = pathProblem(s.envFile);
    if (problem) v.add(`${field}.envFile`, s.envFile, problem, 'use a file name such as "postgres.env"');
    v.check(
      !seen.has(s.envFile),
      `${field}.envFile`,
      s.envFile,
      'is also a project file',
      'write secrets to a file of their own',
    );
    v.check(
      ENV_NAME_RE.test(s.variable),
      `${field}.variable`,
      s.variable,
      'is not an environment variable name',
      'use e.g. "POSTGRES_PASSWORD"',
    );
    v.checkOptional(
      s.kmsKeyArn,
      (a) => KMS_ARN_RE.test(a),
      `${field}.kmsKeyArn`,
      'is not a KMS key ARN',
      'use "arn:aws:kms:<region>:<account>:key/<id>"',
    );
  });

  (props.downloads ?? []).forEach((d, i) => {
    const field = `downloads[${i}]`;
    const problems = bucketNameProblems(d.bucketName);
    v.check(
      problems.length === 0,
      `${field}.bucketName`,
      d.bucketName,
      `is not a valid S3 bucket name (${problems.join('; ')})`,
      'pass the bucket name',
    );
    v.check(
      BUCKET_ARN_RE.test(d.bucketArn),
      `${field}.bucketArn`,
      d.bucketArn,
      'is not a bucket ARN',
      'use "arn:aws:s3:::<bucket>"',
    );
    v.check(
      PREFIX_RE.test(d.prefix),
      `${field}.prefix`,
      d.prefix,
      'is not a key prefix ending in "/"',
      'use e.g. "models/"',
    );
    const problem = pathProblem(d.path);
    if (problem) v.add(`${field}.path`, d.path, problem, 'use a directory such as "models"');
  });

  const health = props.healthCheck;
  if (health) {
    (health.urls ?? []).forEach((u, i) =>
      v.check(
        URL_RE.test(u),
        `healthCheck.urls[${i}]`,
        u,
        'is not an http(s) URL without quotes or spaces',
        'use e.g. "http://127.0.0.1:8080/health"',
      ),
    );
    v.checkIntRange(health.deadlineInSeconds, 300, 3600, 'healthCheck.deadlineInSeconds');
  }
  v.checkIntRange(props.retry?.attempts, 1, 10, 'retry.attempts');
  v.checkIntRange(props.retry?.baseDelayInSeconds, 1, 60, 'retry.baseDelayInSeconds');

  const plugin = props.composePlugin;
  v.checkOptional(
    plugin?.version,
    (s) => COMPOSE_VERSION_RE.test(s),
    'composePlugin.version',
    'is not a Compose v2 release tag',
    'use e.g. "v2.29.7"',
  );
  for (const arch of ['x86_64', 'aarch64'] as const) {
    v.checkOptional(
      plugin?.sha256?.[arch],
      (s) => SHA256_RE.test(s),
      `composePlugin.sha256.${arch}`,
      'is not a SHA-256 (64 lowercase hex digits)',
      "copy it from the release's .sha256 file",
    );
  }
}

function checkLogGroup(v: Validator, field: string, name: string, arn: string): void {
  v.check(
    LOG_GROUP_RE.test(name),
    `${field}.name`,
    name,
    'is not a CloudWatch Logs group name',
    'use 1-512 characters of letters, digits and ._-/#',
  );
  v.check(
    LOG_GROUP_ARN_RE.test(arn),
    `${field}.arn`,
    arn,
    'is not a log group ARN',
    'pass CloudwatchLogGroup.arn',
  );
}

/** Records every problem in {@link ComposeHostProps}; the construct throws once afterwards. */
export function validateComposeHostProps(v: Validator, props: ComposeHostProps): void {
  checkMachine(v, props);
  checkCompute(v, props);
  v.checkOptional(
    props.project,
    (p) => PROJECT_RE.test(p),
    'project',
    'is not a Compose project name (lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 63)',
    'use e.g. "shop"',
  );
  checkCompose(v, props);
  checkFilesAndData(v, props);
  if (props.project === undefined && !isUnresolved(props.name)) {
    v.check(
      PROJECT_RE.test(props.name),
      'name',
      props.name,
      'is not a valid Compose project name, which the project name defaults to',
      'set project to a lowercase name, e.g. "shop"',
    );
  }
}
