import { Construct } from 'constructs';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AutoscalingGroup, AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { isUnresolved, Validator } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { AmiSource, resolveAmi, ResolvedAmi } from './ami';
import { CW_AGENT_DIMENSIONS, EIP_ALLOCATION_TAG, USER_DATA_LIMIT_BYTES } from './constants';
import { appHostIamStatements, partitionOf, ssmManagedInstanceCorePolicyArn } from './iam';
import { renderCloudInit } from './render/cloud-init';
import {
  AppHostLogGroups,
  AppHostMode,
  ComposePluginSource,
  DEFAULT_COMPOSE_VERSION,
  HostRenderContext,
  MonitoringStackConfig,
  resolveMonitoringStackConfig,
} from './render/config';
import { ecrRegistries } from './render/images';
import { validateAppHostProps } from './app-host-validation';

/** Auto Scaling group size. The stack is stateful and single-host, so each value is 0 or 1. */
export interface AppHostAutoScaling {
  /** Minimum instances. @default 1 */
  readonly minSize?: number;
  /** Maximum instances. @default 1 */
  readonly maxSize?: number;
  /** Desired instances; 0 parks the environment (no instance, no compute cost). @default 1 */
  readonly desiredCapacity?: number;
}

/** Props of {@link AppHost}. */
export interface AppHostProps {
  /**
   * Name of the host: launch template and Auto Scaling group name, `Name` tag, Prometheus `host`
   * label. 3-64 letters, digits and hyphens, e.g. `mlmon-dev-app`.
   */
  readonly name: string;
  /** AWS region, used by the AWS CLI calls and the `awslogs` driver on the host. */
  readonly region: string;
  /** Subnets. `instance` mode launches into the first; `autoScaling` mode spreads over all. */
  readonly subnetIds: string[];
  /** Security groups of the host's network interface. */
  readonly securityGroupIds: string[];
  /** Instance profile whose role has {@link AppHost.iamStatements} and {@link AppHost.managedPolicyArns}. */
  readonly instanceProfileName: string;
  /** Instance type, e.g. `t3.medium` (2 vCPU, 4 GiB) or `t3.large`; Graviton types need an arm64 image. */
  readonly instanceType: string;
  /** Machine image. @default { os: 'al2023' } (latest Amazon Linux 2023, x86_64, resolved at launch) */
  readonly ami?: AmiSource;
  /** Root volume size (gp3, encrypted), 20 to 50 GiB as the requirements specify. @default 30 */
  readonly rootVolumeSizeInGiB?: number;
  /** KMS key ARN for the root volume. @default - the account's default EBS key (`aws/ebs`) */
  readonly rootVolumeKmsKeyArn?: string;
  /**
   * `instance`: one `aws_instance` launched from the template. `autoScaling`: an Auto Scaling group
   * of at most one instance, which EC2 health checks replace when it fails.
   * @default 'instance'
   */
  readonly mode?: AppHostMode;
  /** Auto Scaling group size; only with `mode: 'autoScaling'`. @default { minSize: 1, maxSize: 1, desiredCapacity: 1 } */
  readonly autoScaling?: AppHostAutoScaling;
  /**
   * Give the host an ephemeral public IPv4 address (needed in a public subnet without an Elastic
   * IP to reach the internet). Public IPv4 addresses cost per hour.
   * @default false
   */
  readonly associatePublicIp?: boolean;
  /**
   * A stable public address. `instance` mode: an Elastic IP associated by Terraform.
   * `autoScaling` mode: an Elastic IP the instance claims at boot (`ec2:AssociateAddress`), so a
   * replacement keeps the address.
   * @default false
   */
  readonly elasticIp?: boolean;
  /** One-minute EC2 metrics (extra cost per metric). @default true */
  readonly detailedMonitoring?: boolean;
  /** App bucket; `s3://<bucket>/models/` is synced to the host and mounted read-only into the API container. */
  readonly bucketName: string;
  /** CloudWatch log group names for the containers (they must exist before the host boots). */
  readonly logGroups: AppHostLogGroups;
  /**
   * SSM parameter name for the Grafana admin password, e.g. `/mlmon/dev/grafana/admin-password`.
   * The host generates the password if the parameter does not exist and stores it as a
   * SecureString; it never appears in Terraform configuration or state.
   */
  readonly grafanaAdminPasswordParameter: string;
  /** KMS key ARN for the password SecureString. @default - the account's `aws/ssm` key */
  readonly grafanaAdminPasswordKmsKeyArn?: string;
  /** What runs on the host. */
  readonly stack: MonitoringStackConfig;
  /**
   * `instance` mode: replace the instance when the launch template changes (new user data, image
   * or type), so what runs is what the code says. `false` keeps the running instance until you
   * replace it yourself (`terraform apply -replace=...`); Prometheus and Grafana data on the root
   * volume is lost on replacement either way.
   * @default true
   */
  readonly replaceOnLaunchTemplateChange?: boolean;
  /** `instance` mode: refuse `TerminateInstances` until turned off. @default false */
  readonly terminationProtection?: boolean;
  /** Docker Compose plugin release installed on Amazon Linux 2023. @default { version: 'v2.29.7' } */
  readonly composePlugin?: ComposePluginSource;
  /** Account id in the ARNs of {@link AppHost.iamStatements}. @default '*' */
  readonly accountId?: string;
  /**
   * Resources the host must wait for (bucket, log groups, role policies) when they are not
   * already referenced through token-valued props.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags for every resource; `Name` is set to `name`. Also propagated to Auto Scaling instances. @default - none */
  readonly tags?: Tags;
}

/**
 * The single EC2 host that runs the model API, Prometheus, Grafana and node exporter under
 * Docker Compose, configured entirely by rendered cloud-init user data.
 *
 * Secure by default: IMDSv2 only with hop limit 1 (containers cannot use the instance role),
 * encrypted gp3 root volume, no public IP unless asked, images pinned, the Grafana password
 * generated on the host and kept in SSM.
 */
export class AppHost extends Construct {
  public readonly launchTemplate: LaunchTemplate;
  public readonly launchTemplateId: string;
  public readonly launchTemplateLatestVersion: number | string;
  /** `instance` mode. */
  public readonly instance?: Instance;
  public readonly instanceId?: string;
  /** `instance` mode: private IPv4 address. */
  public readonly privateIp?: string;
  /** `autoScaling` mode. */
  public readonly autoScalingGroup?: AutoscalingGroup;
  public readonly autoScalingGroupName?: string;
  /** With `elasticIp`. */
  public readonly eip?: Eip;
  public readonly publicIp?: string;
  public readonly elasticIpAllocationId?: string;
  /** The rendered cloud-init document (plain text, before base64). */
  public readonly userData: string;
  /** Size of the user data in bytes (an estimate when it contains Terraform references). */
  public readonly userDataSizeInBytes: number;
  /** The image with defaults applied (image id, OS, root device name). */
  public readonly ami: ResolvedAmi;
  /**
   * The one dimension the CloudWatch agent's aggregated metrics carry in this mode, with its
   * value: `{ InstanceId: <id> }` or `{ AutoScalingGroupName: <name> }`. Use it for memory and
   * disk alarms on `CWAgent` metrics.
   */
  public readonly cloudWatchAgentDimensions: Readonly<Record<string, string>>;
  /** IAM statements the instance role needs for what the host does at boot and runtime. */
  public readonly iamStatements: DataAwsIamPolicyDocumentStatement[];
  /** Managed policies the instance role needs (Session Manager / SSM agent). */
  public readonly managedPolicyArns: string[];

  constructor(scope: Construct, id: string, props: AppHostProps) {
    super(scope, id);
    const v = new Validator(this);
    validateAppHostProps(v, props);
    v.throwIfInvalid();

    const mode = props.mode ?? 'instance';
    this.ami = resolveAmi(props.ami ?? { os: 'al2023' });
    const elasticIp = props.elasticIp ?? false;
    const tags = withName(props.name, props.tags);

    if (elasticIp) {
      this.eip = new Eip(this, 'eip', { domain: 'vpc', tags: withName(`${props.name}-eip`, props.tags) });
      this.publicIp = this.eip.publicIp;
      this.elasticIpAllocationId = this.eip.allocationId;
    }

    const ctx: HostRenderContext = {
      name: props.name,
      region: props.region,
      os: this.ami.os,
      mode,
      bucketName: props.bucketName,
      logGroups: props.logGroups,
      grafanaAdminPasswordParameter: props.grafanaAdminPasswordParameter,
      grafanaAdminPasswordKmsKeyId: props.grafanaAdminPasswordKmsKeyArn,
      associateElasticIpAtBoot: elasticIp && mode === 'autoScaling',
      composePlugin: {
        version: props.composePlugin?.version ?? DEFAULT_COMPOSE_VERSION,
        sha256: props.composePlugin?.sha256,
      },
      stack: resolveMonitoringStackConfig(props.stack),
    };
    const rendered = renderUserData(ctx);
    this.userData = rendered.text;
    this.userDataSizeInBytes = rendered.sizeInBytes;
    const sizeCheck = new Validator(this);
    sizeCheck.check(
      rendered.sizeInBytes <= USER_DATA_LIMIT_BYTES,
      'stack',
      `${rendered.sizeInBytes} bytes of user data`,
      `renders more user data than EC2 accepts (${USER_DATA_LIMIT_BYTES} bytes)`,
      'shorten apiEnvironment or other rendered values',
    );
    sizeCheck.throwIfInvalid();

    const associatePublicIp = props.associatePublicIp ?? false;
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: props.name,
      description: `Model monitoring host ${props.name}: API, Prometheus, Grafana under Docker Compose`,
      imageId: this.ami.imageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { name: props.instanceProfileName },
      // instance mode: the instance sets the subnet, so security groups stay at template level.
      // autoScaling mode: the interface block carries the groups and the public-IP choice.
      vpcSecurityGroupIds: mode === 'instance' ? props.securityGroupIds : undefined,
      networkInterfaces:
        mode === 'autoScaling'
          ? [
              {
                deviceIndex: 0,
                associatePublicIpAddress: String(associatePublicIp),
                securityGroups: props.securityGroupIds,
                deleteOnTermination: 'true',
              },
            ]
          : undefined,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'enabled',
      },
      monitoring: { enabled: props.detailedMonitoring ?? true },
      blockDeviceMappings: [
        {
          deviceName: this.ami.rootDeviceName,
          ebs: {
            volumeSize: props.rootVolumeSizeInGiB ?? 30,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.rootVolumeKmsKeyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      userData: rendered.base64,
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags,
      })),
      tags,
    });
    this.launchTemplateId = this.launchTemplate.id;
    this.launchTemplateLatestVersion = this.launchTemplate.latestVersion;
    // The exact version (not $Latest) makes every template change visible in the plan and
    // replaces the instance / starts an instance refresh.
    const launchTemplate = {
      id: this.launchTemplate.id,
      version: Token.asString(this.launchTemplate.latestVersion),
    };

    if (mode === 'instance') {
      this.instance = new Instance(this, 'instance', {
        launchTemplate,
        subnetId: props.subnetIds[0],
        associatePublicIpAddress: associatePublicIp,
        disableApiTermination: props.terminationProtection ?? false,
        tags,
        dependsOn: props.dependsOn,
        lifecycle:
          props.replaceOnLaunchTemplateChange === false ? { ignoreChanges: ['launch_template'] } : undefined,
      });
      this.instanceId = this.instance.id;
      this.privateIp = this.instance.privateIp;
      this.cloudWatchAgentDimensions = { [CW_AGENT_DIMENSIONS.instanceId]: this.instanceId };
      if (this.eip) {
        new EipAssociation(this, 'eip-association', {
          allocationId: this.eip.allocationId,
          instanceId: this.instance.id,
        });
      }
    } else {
      const size = props.autoScaling ?? {};
      // default_tags do not reach instances an Auto Scaling group launches: the group's own tags,
      // propagated at launch, do (in addition to the template's tag specifications).
      const asgTags: AutoscalingGroupTag[] = Object.entries(tags).map(([key, value]) => ({
        key,
        value,
        propagateAtLaunch: true,
      }));
      if (this.eip)
        asgTags.push({ key: EIP_ALLOCATION_TAG, value: this.eip.allocationId, propagateAtLaunch: true });
      this.autoScalingGroup = new AutoscalingGroup(this, 'asg', {
        name: props.name,
        minSize: size.minSize ?? 1,
        maxSize: size.maxSize ?? 1,
        desiredCapacity: size.desiredCapacity ?? 1,
        vpcZoneIdentifier: props.subnetIds,
        launchTemplate,
        healthCheckType: 'EC2',
        healthCheckGracePeriod: 300,
        defaultInstanceWarmup: 300,
        // One stateful host: replace it in place (terminate, then launch) rather than running two
        // copies that would fight over the Elastic IP and the password parameter.
        instanceRefresh: {
          strategy: 'Rolling',
          preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 100, instanceWarmup: '300' },
        },
        enabledMetrics: [
          'GroupDesiredCapacity',
          'GroupInServiceInstances',
          'GroupPendingInstances',
          'GroupTerminatingInstances',
          'GroupTotalInstances',
        ],
        metricsGranularity: '1Minute',
        tag: asgTags,
        dependsOn: props.dependsOn,
      });
      this.autoScalingGroupName = this.autoScalingGroup.name;
      this.cloudWatchAgentDimensions = {
        [CW_AGENT_DIMENSIONS.autoScalingGroupName]: this.autoScalingGroupName,
      };
    }

    this.iamStatements = appHostIamStatements({
      region: props.region,
      accountId: props.accountId ?? '*',
      mode,
      bucketName: props.bucketName,
      logGroups: props.logGroups,
      grafanaAdminPasswordParameter: props.grafanaAdminPasswordParameter,
      grafanaAdminPasswordKmsKeyArn: props.grafanaAdminPasswordKmsKeyArn,
      elasticIpAllocationId: ctx.associateElasticIpAtBoot ? this.elasticIpAllocationId : undefined,
      ecrRegistries: ecrRegistries([
        ctx.stack.modelImage,
        ctx.stack.prometheusImage,
        ctx.stack.grafanaImage,
        ctx.stack.nodeExporterImage,
      ]),
    });
    this.managedPolicyArns = [ssmManagedInstanceCorePolicyArn(partitionOf(props.region))];
  }
}

/** User data, encoded for the launch template. */
interface RenderedUserData {
  readonly text: string;
  readonly base64: string;
  readonly sizeInBytes: number;
}

/** Token-valued props are replaced by a placeholder of this length when estimating the size. */
const TOKEN_SIZE_ESTIMATE = 64;

/**
 * Renders the user data and base64-encodes it. With literal props (the normal case) the encoding
 * happens here, so the template's user data is a fixed, reviewable string. When a prop is a
 * Terraform reference (e.g. a bucket name from another resource), the text is rendered with
 * placeholders and Terraform assembles it at apply time as
 * `base64encode(join("", [base64decode("<literal>"), <reference>, ...]))`: the literal parts
 * travel base64-encoded, so no character in them needs escaping for Terraform.
 */
function renderUserData(ctx: HostRenderContext): RenderedUserData {
  const tokens = new Map<string, string>();
  const sub = (value: string): string => {
    if (!isUnresolved(value)) return value;
    const placeholder = `mlmonref${tokens.size}x${'0'.repeat(8)}`;
    tokens.set(placeholder, value);
    return placeholder;
  };
  const placeholderCtx: HostRenderContext = {
    ...ctx,
    name: sub(ctx.name),
    region: sub(ctx.region),
    bucketName: sub(ctx.bucketName),
    grafanaAdminPasswordParameter: sub(ctx.grafanaAdminPasswordParameter),
    grafanaAdminPasswordKmsKeyId:
      ctx.grafanaAdminPasswordKmsKeyId === undefined ? undefined : sub(ctx.grafanaAdminPasswordKmsKeyId),
    logGroups: {
      api: sub(ctx.logGroups.api),
      prometheus: sub(ctx.logGroups.prometheus),
      grafana: sub(ctx.logGroups.grafana),
    },
  };
  const text = renderCloudInit(placeholderCtx);
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  if (tokens.size === 0) {
    return { text, base64: b64(text), sizeInBytes: Buffer.byteLength(text) };
  }
  const parts: string[] = [];
  const plain: string[] = [];
  let estimate = 0;
  let last = 0;
  for (const m of text.matchAll(new RegExp([...tokens.keys()].join('|'), 'g'))) {
    const literal = text.slice(last, m.index);
    const token = tokens.get(m[0]) as string;
    if (literal) parts.push(Fn.base64decode(b64(literal)));
    parts.push(token);
    plain.push(literal, token);
    estimate += Buffer.byteLength(literal) + TOKEN_SIZE_ESTIMATE;
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = text.slice(last);
  if (tail) parts.push(Fn.base64decode(b64(tail)));
  plain.push(tail);
  estimate += Buffer.byteLength(tail);
  return { text: plain.join(''), base64: Fn.base64encode(Fn.join('', parts)), sizeInBytes: estimate };
}
