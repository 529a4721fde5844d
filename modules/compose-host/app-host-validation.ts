import { bucketNameProblems, isValidInstanceType, isValidPort, isValidRegion } from '../core/aws-rules';
import { isUnresolved, Validator } from '../core/validation';
import { PORTS } from '../security-group/ports';
import { AMI_ARCHITECTURES, AMI_OSES, isAmiFromId, isArmInstanceType, isValidAmiId } from './ami';
import { EIP_ALLOCATION_TAG } from './constants';
import type { AppHostProps } from './app-host';
import { imageReferenceProblems } from './render/images';

/** Root volume bounds from the requirements ("Storage: 20-50 GB EBS volume"). */
export const ROOT_VOLUME_SIZE_RANGE = { min: 20, max: 50 } as const;

/** Environment variable names the module sets on the API container itself. */
export const RESERVED_API_ENVIRONMENT = ['MODEL_DIR', 'PORT'] as const;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;
const SUBNET_RE = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SG_RE = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const PROFILE_RE = /^[\w+=,.@-]{1,128}$/;
const KMS_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]+|alias\/[A-Za-z0-9/_-]+)$/;
const LOG_GROUP_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const SSM_NAME_RE = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const METRIC_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const COMPOSE_VERSION_RE = /^v2\.\d+\.\d+$/;

/**
 * Values rendered into the user data that must not contain characters the rendered files give a
 * meaning to (`$` is compose interpolation, quotes and newlines break the YAML and the script).
 */
function plainTextProblem(value: string): boolean {
  return /[$'"`\\\n\r]/.test(value);
}

/** Records every problem in {@link AppHostProps}; the construct throws once afterwards. */
export function validateAppHostProps(v: Validator, props: AppHostProps): void {
  const mode = props.mode ?? 'instance';

  v.check(
    NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 3-64 letters, digits and hyphens, starting with a letter or digit',
    'use a name such as "mlmon-dev-app"',
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
    'pass the app security group id',
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
    PROFILE_RE.test(props.instanceProfileName),
    'instanceProfileName',
    props.instanceProfileName,
    'is not an IAM instance profile name',
    'use 1-128 characters of letters, digits and +=,.@_-',
  );
  v.check(
    isValidInstanceType(props.instanceType),
    'instanceType',
    props.instanceType,
    'is not an EC2 instance type',
    'use e.g. "t3.medium" or "t3.large" (the requirements size the host at 2-4 vCPU, 4-8 GiB)',
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
    `set rootVolumeSizeInGiB from ${ROOT_VOLUME_SIZE_RANGE.min} to ${ROOT_VOLUME_SIZE_RANGE.max}: the requirements specify a 20-50 GB EBS volume`,
  );
  v.checkOptional(
    props.rootVolumeKmsKeyArn,
    (a) => KMS_ARN_RE.test(a),
    'rootVolumeKmsKeyArn',
    'is not a KMS key or alias ARN',
    'use "arn:aws:kms:<region>:<account>:key/<id>"',
  );
  v.checkOptional(
    props.grafanaAdminPasswordKmsKeyArn,
    (a) => KMS_ARN_RE.test(a),
    'grafanaAdminPasswordKmsKeyArn',
    'is not a KMS key or alias ARN',
    'use "arn:aws:kms:<region>:<account>:key/<id>"',
  );

  v.check(
    mode === 'instance' || mode === 'autoScaling',
    'mode',
    mode,
    'must be "instance" or "autoScaling"',
    'pick one of the two',
  );
  if (props.autoScaling !== undefined && mode !== 'autoScaling') {
    v.add(
      'autoScaling',
      props.autoScaling,
      'only applies with mode "autoScaling"',
      'remove it or set mode: "autoScaling"',
    );
  }
  if (props.autoScaling) {
    const a = props.autoScaling;
    const why = 'the stack is stateful and single-host (Prometheus and Grafana data, one Elastic IP)';
    for (const field of ['minSize', 'maxSize', 'desiredCapacity'] as const) {
      v.checkIntRange(
        a[field],
        0,
        1,
        `autoScaling.${field}`,
        `use 0 or 1: ${why}; scale up with a larger instanceType`,
      );
    }
    const min = a.minSize ?? 1;
    const max = a.maxSize ?? 1;
    const desired = a.desiredCapacity ?? 1;
    if ([min, max, desired].every((n) => !isUnresolved(n))) {
      v.check(
        min <= desired && desired <= max,
        'autoScaling',
        { minSize: min, desiredCapacity: desired, maxSize: max },
        'must satisfy minSize <= desiredCapacity <= maxSize (defaults are 1)',
        'e.g. { minSize: 0, desiredCapacity: 0, maxSize: 1 } to park the environment',
      );
    }
  }
  if (mode === 'autoScaling') {
    for (const field of ['replaceOnLaunchTemplateChange', 'terminationProtection'] as const) {
      if (props[field] !== undefined) {
        v.add(
          field,
          props[field],
          'only applies with mode "instance"',
          'remove it (Auto Scaling mode refreshes instances itself)',
        );
      }
    }
  }

  const bucketProblems = isUnresolved(props.bucketName) ? [] : bucketNameProblems(props.bucketName);
  v.check(
    bucketProblems.length === 0,
    'bucketName',
    props.bucketName,
    `is not a valid S3 bucket name (${bucketProblems.join('; ')})`,
    'pass the app bucket name',
  );
  for (const key of ['api', 'prometheus', 'grafana'] as const) {
    const group = props.logGroups[key];
    v.check(
      LOG_GROUP_RE.test(group),
      `logGroups.${key}`,
      group,
      'is not a CloudWatch Logs group name',
      'use 1-512 characters of letters, digits and ._-/#, e.g. "/mlmon/dev/api"',
    );
  }
  const param = props.grafanaAdminPasswordParameter;
  v.check(
    SSM_NAME_RE.test(param) && !/^\/(aws|ssm)(\/|$)/i.test(param),
    'grafanaAdminPasswordParameter',
    param,
    'must be an SSM parameter path: start with "/", 1-1011 characters of letters, digits and _.-/, not under /aws or /ssm',
    'use e.g. "/mlmon/dev/grafana/admin-password"',
  );

  const s = props.stack;
  const images = [
    ['stack.modelImage', s.modelImage],
    ['stack.prometheusImage', s.prometheusImage],
    ['stack.grafanaImage', s.grafanaImage],
    ['stack.nodeExporterImage', s.nodeExporterImage],
  ] as const;
  for (const [field, image] of images) {
    if (image === undefined || isUnresolved(image)) continue;
    const problems = imageReferenceProblems(image);
    v.check(
      problems.length === 0,
      field,
      image,
      problems.join('; '),
      'use a pinned reference such as "ghcr.io/acme/shill-bidding-api:1.4.2" or "repo@sha256:<digest>"',
    );
  }
  v.checkOptional(
    s.apiPort,
    (p) => isValidPort(p) && p !== PORTS.prometheus && p !== PORTS.grafana,
    'stack.apiPort',
    `must be a port from 1 to 65535 other than ${PORTS.prometheus} (Prometheus) and ${PORTS.grafana} (Grafana)`,
    `use ${PORTS.api}`,
  );
  v.checkIntRange(s.scrapeIntervalSeconds, 5, 300, 'stack.scrapeIntervalSeconds');
  v.checkIntRange(s.prometheusRetentionDays, 1, 365, 'stack.prometheusRetentionDays');
  v.checkRange(
    s.driftAlertThreshold,
    0,
    1,
    'stack.driftAlertThreshold',
    'set a drift score from 0 to 1, e.g. 0.3',
  );
  v.checkIntRange(s.driftAlertPendingMinutes, 0, 60, 'stack.driftAlertPendingMinutes');
  v.checkOptional(
    s.driftMetricName,
    (m) => METRIC_RE.test(m),
    'stack.driftMetricName',
    'is not a Prometheus metric name',
    'use letters, digits, _ and :, not starting with a digit, e.g. "model_drift_score"',
  );
  for (const [key, value] of Object.entries(s.apiEnvironment ?? {})) {
    v.check(
      ENV_NAME_RE.test(key) && !(RESERVED_API_ENVIRONMENT as readonly string[]).includes(key),
      `stack.apiEnvironment.${key}`,
      key,
      `is not a usable variable name (letters, digits, _; ${RESERVED_API_ENVIRONMENT.join(' and ')} are set by the module)`,
      'rename the variable',
    );
    v.check(
      !plainTextProblem(value),
      `stack.apiEnvironment.${key}`,
      value,
      'contains $, quotes, backslashes or line breaks',
      'pass a plain value; secrets belong in SSM or Secrets Manager, not in user data',
    );
  }

  const composeVersion = props.composePlugin?.version;
  v.checkOptional(
    composeVersion,
    (c) => COMPOSE_VERSION_RE.test(c),
    'composePlugin.version',
    'is not a Docker Compose v2 release tag',
    'use e.g. "v2.29.7"',
  );
  for (const [arch, sum] of Object.entries(props.composePlugin?.sha256 ?? {})) {
    v.checkOptional(
      sum,
      (x) => SHA256_RE.test(x),
      `composePlugin.sha256.${arch}`,
      'is not a SHA-256 hex digest',
      'use the 64 lowercase hex digits of the release binary',
    );
  }
  v.checkOptional(
    props.accountId,
    (a) => /^\d{12}$/.test(a),
    'accountId',
    'is not a 12-digit AWS account id',
    'use the account id or leave it out',
  );

  for (const [key, value] of Object.entries(props.tags ?? {})) {
    v.check(
      key.length >= 1 &&
        key.length <= 128 &&
        !key.toLowerCase().startsWith('aws:') &&
        key !== EIP_ALLOCATION_TAG,
      `tags.${key}`,
      key,
      `is not a usable tag key (1-128 characters, no "aws:" prefix, not ${EIP_ALLOCATION_TAG})`,
      'rename the tag',
    );
    v.check(value.length <= 256, `tags.${key}`, value, 'is longer than 256 characters', 'shorten the value');
  }
}
