import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AutoscalingGroup, AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { addPlanChecks, matchesPattern, numberInRange } from '../core/plan-checks';
import { INSTANCE_TYPE_PATTERN } from '../core/aws-rules';
import { IGrantable } from '../iam/grants';
import { Role } from '../iam/role';
import { AmiSource, resolveAmi, ResolvedAmi } from './ami';
import {
  ComposeFile,
  ComposeService,
  PublishedPort,
  hostNetworkServices,
  publishedPorts,
} from './compose-file';
import {
  CW_AGENT_DIMENSIONS,
  EIP_ALLOCATION_TAG,
  EMF_ENDPOINT_FROM_CONTAINERS,
  HostPaths,
  USER_DATA_LIMIT_BYTES,
  hostPaths,
} from './constants';
import {
  ComposePluginSource,
  DEFAULT_COMPOSE_VERSION,
  GeneratedSecret,
  HostHealthCheck,
  HostLogGroup,
  ProjectFile,
  RetryPolicy,
  S3Download,
} from './host-spec';
import { ecrRegistries } from './images';
import { grantHostNeeds } from './host-grants';
import { ROOT_VOLUME_SIZE_RANGE, validateComposeHostProps } from './compose-host-validation';
import { HostRenderContext } from './render/context';
import { renderCloudInit } from './render/cloud-init';
import { UserDataSize, encodeUserData } from './render/user-data';

/** One EC2 instance, launched from the template and kept by Terraform. */
export interface InstanceComputeProps {
  readonly mode: 'instance';
  /**
   * Replace the instance when the launch template changes (new user data, image or type), so
   * what runs is what the code says. `false` keeps the running instance until you replace it
   * yourself (`terraform apply -replace=...`).
   * @default true
   */
  readonly replaceOnLaunchTemplateChange?: boolean;
  /** Refuse `TerminateInstances` until turned off. @default false */
  readonly terminationProtection?: boolean;
}

/**
 * An Auto Scaling group of at most one instance. It replaces an instance that fails its health
 * check: EC2 status checks, the host's own report (`set-instance-health` after the health
 * deadline) and, with `healthCheckType: 'ELB'`, the load balancer's target health.
 *
 * Every replacement (a launch template change through an instance refresh, a failed health check,
 * AZ rebalancing) terminates the instance before launching the next: the group never runs two
 * copies of the project. Behind a load balancer that means a gap of drain + boot while the target
 * group has no healthy target.
 */
export interface AutoScalingComputeProps {
  readonly mode: 'autoScaling';
  /** Minimum instances, 0 or 1. @default 1 */
  readonly minSize?: number;
  /** Maximum instances, 0 or 1: one host runs one copy of the project (local volumes, one address). @default 1 */
  readonly maxSize?: number;
  /** Desired instances, 0 or 1; 0 parks the host (no instance, no compute cost). @default 1 */
  readonly desiredCapacity?: number;
  /**
   * Target groups (ARNs) that register the instance, e.g. an ALB target group forwarding to a port
   * the Compose file publishes.
   * @default - none
   */
  readonly targetGroupArns?: string[];
  /**
   * `EC2`: status checks plus the host's own health report. `ELB`: also the target groups' health
   * checks (needs `targetGroupArns`).
   * @default 'EC2'
   */
  readonly healthCheckType?: 'EC2' | 'ELB';
  /**
   * Seconds after launch before failed health checks count (0 to 7,200): long enough for a
   * cold boot to install packages and pull images.
   * @default 600
   */
  readonly healthCheckGracePeriodInSeconds?: number;
}

/** How the host runs. */
export type ComposeHostComputeProps = InstanceComputeProps | AutoScalingComputeProps;

/** A role the host's instance profile uses; the host adds the statements it needs. */
export interface IHostRole extends IGrantable {
  readonly roleName: string;
  readonly roleArn: string;
}

/** Embedded metric format (EMF) through the host's CloudWatch agent. */
export interface EmbeddedMetricsProps {
  /**
   * Log group the EMF events land in. Containers name it in each event (`_aws.LogGroupName`,
   * e.g. through `AWS_EMF_LOG_GROUP_NAME`); CloudWatch extracts the metrics from it.
   */
  readonly logGroup: HostLogGroup;
}

/** Props of {@link ComposeHost}. */
export interface ComposeHostProps {
  /**
   * Name of the host: launch template and Auto Scaling group name, `Name` tag, role
   * (`<name>-role`) and instance profile (`<name>-profile`). 3-59 letters, digits and hyphens.
   */
  readonly name: string;
  /** AWS region: AWS CLI calls, the `awslogs` driver and ARNs in the role's policy. */
  readonly region: string;
  /** Subnets. `instance` mode launches into the first; `autoScaling` mode spreads over all. */
  readonly subnetIds: string[];
  /** Security groups of the host's network interface. */
  readonly securityGroupIds: string[];
  /** Instance type, e.g. `t3.medium`; Graviton types (`t4g.medium`) need an arm64 image. */
  readonly instanceType: string;
  /** Machine image. @default { os: 'al2023' } (latest Amazon Linux 2023, x86_64, resolved at launch) */
  readonly ami?: AmiSource;
  /** Root volume size (gp3, encrypted), 8 to 16,384 GiB. Docker images and volumes live here. @default 30 */
  readonly rootVolumeSizeInGiB?: number;
  /** KMS key ARN for the root volume. @default - the account's default EBS key (`aws/ebs`) */
  readonly rootVolumeKmsKeyArn?: string;
  /**
   * Extra tags for the root volume only (merged over `tags`), e.g. the tag an AWS Backup plan
   * selects volumes by.
   * @default - the same tags as the instance
   */
  readonly volumeTags?: Tags;
  /** One instance, or an Auto Scaling group of at most one that heals. @default { mode: 'autoScaling' } */
  readonly compute?: ComposeHostComputeProps;
  /**
   * Give the host an ephemeral public IPv4 address (needed in a public subnet without a NAT
   * gateway to reach the internet). Public IPv4 addresses cost $0.005 per hour ($3.65/month).
   * @default false
   */
  readonly associatePublicIp?: boolean;
  /**
   * A stable public address. `instance` mode: an Elastic IP associated by Terraform.
   * `autoScaling` mode: an Elastic IP the instance claims at boot (`ec2:AssociateAddress`), so a
   * replacement keeps the address. Billed like any public IPv4 address.
   * @default false
   */
  readonly elasticIp?: boolean;
  /** One-minute EC2 metrics (about $2.10/month per instance). @default true */
  readonly detailedMonitoring?: boolean;
  /**
   * Role of the instance profile. The host adds the statements its own work needs (SSM agent,
   * CloudWatch agent, log groups, secrets, downloads, ECR pulls, Elastic IP, health reports);
   * grant application permissions on {@link ComposeHost.role}.
   * @default - a role `<name>-role` assumed by ec2.amazonaws.com
   */
  readonly role?: IHostRole;
  /**
   * Compose project name: the directory `/opt/<project>`, the systemd unit `<project>.service`
   * and the Compose `name`. Lowercase letters, digits, `_` and `-`.
   * @default - `name`
   */
  readonly project?: string;
  /** The Compose file. Images must be pinned (a tag other than `latest`, or a digest). */
  readonly compose: ComposeFile;
  /** Files the Compose file refers to, written below the project directory. @default [] */
  readonly files?: ProjectFile[];
  /**
   * CloudWatch log group per Compose service: the host sets the service's `logging` to the
   * `awslogs` driver (stream `<service>/<instance id>`, non-blocking, 4 MB buffer, groups never
   * created by Docker) and lets the role write to the group. Services without one keep Docker's
   * local `json-file` logs.
   * @default {}
   */
  readonly logGroups?: Readonly<Record<string, HostLogGroup>>;
  /** Secrets generated on the host, kept in SSM, written to env files. @default [] */
  readonly secrets?: GeneratedSecret[];
  /** S3 prefixes mirrored into the project directory at every boot. @default [] */
  readonly downloads?: S3Download[];
  /**
   * Accept embedded-metric-format events from containers through the host's CloudWatch agent
   * ({@link ComposeHost.embeddedMetricsEndpoint}), so they publish metrics with no credentials.
   * @default - no EMF listener
   */
  readonly embeddedMetrics?: EmbeddedMetricsProps;
  /**
   * What healthy means, and how long a boot may take. Auto Scaling mode only: a host that stays
   * unhealthy past the deadline reports itself Unhealthy and is replaced.
   * @default - Auto Scaling mode: the project service active, 900-second deadline; instance mode: none
   */
  readonly healthCheck?: HostHealthCheck;
  /**
   * Let containers on bridge networks reach the instance metadata service (hop limit 2 instead
   * of 1). Every such container can then take the instance role's credentials: a compromised
   * container holds everything the host may do. Prefer credential-free paths
   * (`embeddedMetrics`, the `awslogs` driver, `downloads`) or `network_mode: host` for the one
   * service that needs AWS access.
   * @default false
   */
  readonly containerMetadataAccess?: boolean;
  /** Docker Compose plugin release installed on Amazon Linux 2023. @default { version: 'v2.29.7' } */
  readonly composePlugin?: ComposePluginSource;
  /** Retries of each network step of the bootstrap. @default { attempts: 5, baseDelayInSeconds: 5 } */
  readonly retry?: RetryPolicy;
  /** Account id in the ARNs of the role's statements. @default '*' */
  readonly accountId?: string;
  /**
   * Resources the host must wait for when they are not already referenced through token-valued
   * props (log groups and buckets given by literal name, role policies).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags for every resource; `Name` is set to `name`. Also propagated to Auto Scaling instances. @default - none */
  readonly tags?: Tags;
}

/** The host as one instance Terraform keeps. */
export interface ComposeHostInstance {
  readonly mode: 'instance';
  readonly instance: Instance;
  readonly instanceId: string;
  readonly privateIp: string;
}

/** The host as an Auto Scaling group of at most one. */
export interface ComposeHostGroup {
  readonly mode: 'autoScaling';
  readonly autoScalingGroup: AutoscalingGroup;
  readonly autoScalingGroupName: string;
  readonly autoScalingGroupArn: string;
}

/** What runs the host; switch on `mode`. */
export type ComposeHostRuntime = ComposeHostInstance | ComposeHostGroup;

/** The Elastic IP of a host created with `elasticIp: true`. */
export interface ComposeHostAddress {
  readonly eip: Eip;
  readonly publicIp: string;
  readonly allocationId: string;
}

/** Defaults of the props that have behaviour rather than a value. */
export const COMPOSE_HOST_DEFAULTS = {
  rootVolumeSizeInGiB: 30,
  healthCheckGracePeriodInSeconds: 600,
  healthDeadlineInSeconds: 900,
  retryAttempts: 5,
  retryBaseDelayInSeconds: 5,
} as const;

/** `awslogs` driver options: stream `<service>/<instance id>` (INSTANCE_ID comes from `.env`). */
function awslogs(region: string, group: string, service: string): ComposeService['logging'] {
  return {
    driver: 'awslogs',
    options: {
      'awslogs-region': region,
      'awslogs-group': group,
      'awslogs-stream': `${service}/$INSTANCE_ID`,
      'awslogs-create-group': 'false',
      mode: 'non-blocking',
      'max-buffer-size': '4m',
    },
  };
}

/**
 * One EC2 host that runs a Docker Compose project, configured entirely by cloud-init user data:
 * any Compose file, the files it refers to, secrets generated on the host, downloads from S3,
 * container logs in CloudWatch, host metrics (and optionally embedded metrics) through the
 * CloudWatch agent.
 *
 * Boots heal: the project service retries each network step with backoff, skips steps already
 * done in this boot, restarts on failure, and in Auto Scaling mode a host that never becomes
 * healthy reports itself Unhealthy and is replaced.
 *
 * Secure by default: IMDSv2 only with hop limit 1 (containers on bridge networks get no
 * credentials), encrypted gp3 root volume, no public IP unless asked, images pinned, secrets
 * generated on the host and kept in SSM, a role whose statements name the host's own resources.
 */
export class ComposeHost extends Construct {
  public readonly launchTemplate: LaunchTemplate;
  public readonly launchTemplateId: string;
  /** The instance or the Auto Scaling group. */
  public readonly runtime: ComposeHostRuntime;
  /** With `elasticIp`. */
  public readonly address?: ComposeHostAddress;
  /** The role of the instance profile (given or created). */
  public readonly role: IHostRole;
  public readonly instanceProfileName: string;
  public readonly instanceProfileArn: string;
  /** The cloud-config text (before gzip); Terraform references appear as `${ref:<n>}`. */
  public readonly userData: string;
  /** User data sizes: text, gzip (what counts against EC2's 16 KB) and base64. */
  public readonly userDataSize: UserDataSize;
  /** The image with defaults applied (image id, OS, root device name). */
  public readonly ami: ResolvedAmi;
  /** Paths on the host. */
  public readonly paths: HostPaths;
  /** The Compose file as written to the host (with the logging the host adds). */
  public readonly composeFile: ComposeFile;
  /** Every fixed host port the Compose file publishes. */
  public readonly publishedPorts: readonly PublishedPort[];
  /** Services with `network_mode: host`: they listen on host ports directly and hold the instance role. */
  public readonly hostNetworkServices: readonly string[];
  /**
   * Services that can obtain the instance role's credentials: those on the host network, plus
   * every service when `containerMetadataAccess` raises the hop limit.
   */
  public readonly instanceRoleServices: readonly string[];
  /** The launch template's metadata hop limit: 1, or 2 with `containerMetadataAccess`. */
  public readonly metadataHopLimit: number;
  /** Where containers send EMF events (with `embeddedMetrics`). */
  public readonly embeddedMetricsEndpoint?: string;
  /**
   * The one dimension the CloudWatch agent's aggregated metrics carry in this mode, with its
   * value: `{ InstanceId: <id> }` or `{ AutoScalingGroupName: <name> }`.
   */
  public readonly cloudWatchAgentDimensions: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ComposeHostProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      region: 'string',
      subnetIds: 'list',
      securityGroupIds: 'list',
      instanceType: 'string',
      compose: 'object',
      'files?': 'list',
      'secrets?': 'list',
      'downloads?': 'list',
      'logGroups?': 'object',
    });
    const v = new Validator(this);
    validateComposeHostProps(v, props);
    v.throwIfInvalid();

    const compute: ComposeHostComputeProps = props.compute ?? { mode: 'autoScaling' };
    const project = props.project ?? props.name;
    this.ami = resolveAmi(props.ami ?? { os: 'al2023' });
    this.paths = hostPaths(project);
    const tags = withName(props.name, props.tags);
    const logGroups = props.logGroups ?? {};

    const services: Record<string, ComposeService> = {};
    for (const [name, service] of Object.entries(props.compose.services)) {
      const group = logGroups[name];
      services[name] = group ? { ...service, logging: awslogs(props.region, group.name, name) } : service;
    }
    this.composeFile = { ...props.compose, services };
    this.publishedPorts = publishedPorts(this.composeFile);
    this.hostNetworkServices = hostNetworkServices(this.composeFile);
    const containerMetadataAccess = props.containerMetadataAccess ?? false;
    this.metadataHopLimit = containerMetadataAccess ? 2 : 1;
    this.instanceRoleServices = containerMetadataAccess
      ? Object.keys(services)
      : [...this.hostNetworkServices];
    this.embeddedMetricsEndpoint = props.embeddedMetrics ? EMF_ENDPOINT_FROM_CONTAINERS : undefined;

    if (props.elasticIp) {
      const eip = new Eip(this, 'eip', { domain: 'vpc', tags: withName(`${props.name}-eip`, props.tags) });
      this.address = { eip, publicIp: eip.publicIp, allocationId: eip.allocationId };
    }

    const images = Object.values(services).map((s) => s.image);
    const registries = ecrRegistries(images);
    const ctx: HostRenderContext = {
      project,
      region: props.region,
      os: this.ami.os,
      mode: compute.mode,
      paths: this.paths,
      compose: this.composeFile,
      files: props.files ?? [],
      secrets: props.secrets ?? [],
      downloads: (props.downloads ?? []).map((d) => ({
        bucketName: d.bucketName,
        prefix: d.prefix,
        path: d.path,
      })),
      ecrRegistries: registries,
      claimElasticIp: this.address !== undefined && compute.mode === 'autoScaling',
      health:
        compute.mode === 'autoScaling'
          ? {
              urls: props.healthCheck?.urls ?? [],
              deadlineInSeconds:
                props.healthCheck?.deadlineInSeconds ?? COMPOSE_HOST_DEFAULTS.healthDeadlineInSeconds,
            }
          : undefined,
      embeddedMetricsLogGroup: props.embeddedMetrics?.logGroup.name,
      composePlugin: {
        version: props.composePlugin?.version ?? DEFAULT_COMPOSE_VERSION,
        sha256: props.composePlugin?.sha256,
      },
      retry: {
        attempts: props.retry?.attempts ?? COMPOSE_HOST_DEFAULTS.retryAttempts,
        baseDelayInSeconds: props.retry?.baseDelayInSeconds ?? COMPOSE_HOST_DEFAULTS.retryBaseDelayInSeconds,
      },
    };
    const encoded = encodeUserData(renderCloudInit(ctx));
    this.userData = encoded.text;
    this.userDataSize = encoded.size;
    new Validator(this)
      .check(
        encoded.size.gzipBytes <= USER_DATA_LIMIT_BYTES,
        'compose',
        `${encoded.size.gzipBytes} bytes of gzip-compressed user data (${encoded.size.rawBytes} bytes before compression)`,
        `renders more user data than EC2 accepts (${USER_DATA_LIMIT_BYTES} bytes after compression)`,
        'move large files (dashboards, datasets) into an S3 prefix listed in downloads',
      )
      .throwIfInvalid();

    this.role =
      props.role ??
      new Role(this, 'role', {
        name: `${props.name}-role`,
        assumedBy: ['ec2.amazonaws.com'],
        description: `Instance role of the Compose host ${props.name}`,
        tags: props.tags,
      });
    const profile = new IamInstanceProfile(this, 'profile', {
      name: `${props.name}-profile`,
      role: this.role.roleName,
      tags: withName(`${props.name}-profile`, props.tags),
    });
    this.instanceProfileName = profile.name;
    this.instanceProfileArn = profile.arn;

    const associatePublicIp = props.associatePublicIp ?? false;
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: props.name,
      description: `Compose host ${props.name} (project ${project})`,
      imageId: this.ami.imageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: profile.arn },
      // instance mode: the instance sets the subnet, so security groups stay at template level.
      // autoScaling mode: the interface block carries the groups and the public-IP choice.
      vpcSecurityGroupIds: compute.mode === 'instance' ? props.securityGroupIds : undefined,
      networkInterfaces:
        compute.mode === 'autoScaling'
          ? [
              {
                deviceIndex: 0,
                associatePublicIpAddress: String(associatePublicIp),
                securityGroups: props.securityGroupIds,
                deleteOnTermination: 'true',
              },
            ]
          : undefined,
      // Hop limit 1: a container on a Docker bridge is one hop further than the host, so its
      // IMDSv2 token response never arrives and it gets no credentials. Services that need AWS
      // run on the host network or use the host's agents; see containerMetadataAccess.
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: this.metadataHopLimit,
        instanceMetadataTags: 'enabled',
      },
      monitoring: { enabled: props.detailedMonitoring ?? true },
      blockDeviceMappings: [
        {
          deviceName: this.ami.rootDeviceName,
          ebs: {
            volumeSize: props.rootVolumeSizeInGiB ?? COMPOSE_HOST_DEFAULTS.rootVolumeSizeInGiB,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.rootVolumeKmsKeyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      userData: encoded.value,
      tagSpecifications: [
        { resourceType: 'instance', tags },
        { resourceType: 'volume', tags: { ...tags, ...(props.volumeTags ?? {}) } },
        { resourceType: 'network-interface', tags },
      ],
      tags,
    });
    // Tokens (a variable, another resource's attribute) skip synth-time validation: Terraform checks them.
    addPlanChecks(this.launchTemplate, [
      {
        field: 'instanceType',
        value: props.instanceType,
        ...matchesPattern(INSTANCE_TYPE_PATTERN, 'an EC2 instance type such as "t3.medium"'),
      },
      {
        field: 'rootVolumeSizeInGiB',
        value: props.rootVolumeSizeInGiB,
        ...numberInRange({
          ...ROOT_VOLUME_SIZE_RANGE,
          integer: true,
          requirement: `a whole number of GiB from ${ROOT_VOLUME_SIZE_RANGE.min} to ${ROOT_VOLUME_SIZE_RANGE.max}`,
        }),
      },
    ]);
    this.launchTemplateId = this.launchTemplate.id;
    // The exact version (not $Latest) makes every template change visible in the plan and
    // replaces the instance / starts an instance refresh.
    const launchTemplate = {
      id: this.launchTemplate.id,
      version: Token.asString(this.launchTemplate.latestVersion),
    };

    if (compute.mode === 'instance') {
      const instance = new Instance(this, 'instance', {
        launchTemplate,
        subnetId: props.subnetIds[0],
        associatePublicIpAddress: associatePublicIp,
        disableApiTermination: compute.terminationProtection ?? false,
        tags,
        dependsOn: props.dependsOn,
        lifecycle:
          compute.replaceOnLaunchTemplateChange === false
            ? { ignoreChanges: ['launch_template'] }
            : undefined,
      });
      const instanceId = instance.id;
      this.runtime = { mode: 'instance', instance, instanceId, privateIp: instance.privateIp };
      this.cloudWatchAgentDimensions = { [CW_AGENT_DIMENSIONS.instanceId]: instanceId };
      if (this.address) {
        new EipAssociation(this, 'eip-association', {
          allocationId: this.address.allocationId,
          instanceId,
        });
      }
    } else {
      // default_tags do not reach instances an Auto Scaling group launches: the group's own tags,
      // propagated at launch, do (in addition to the template's tag specifications).
      const asgTags: AutoscalingGroupTag[] = Object.entries(tags).map(([key, value]) => ({
        key,
        value,
        propagateAtLaunch: true,
      }));
      if (this.address) {
        asgTags.push({ key: EIP_ALLOCATION_TAG, value: this.address.allocationId, propagateAtLaunch: true });
      }
      const group = new AutoscalingGroup(this, 'asg', {
        name: props.name,
        minSize: compute.minSize ?? 1,
        maxSize: compute.maxSize ?? 1,
        desiredCapacity: compute.desiredCapacity ?? 1,
        vpcZoneIdentifier: props.subnetIds,
        launchTemplate,
        targetGroupArns: compute.targetGroupArns,
        healthCheckType: compute.healthCheckType ?? 'EC2',
        healthCheckGracePeriod:
          compute.healthCheckGracePeriodInSeconds ?? COMPOSE_HOST_DEFAULTS.healthCheckGracePeriodInSeconds,
        defaultInstanceWarmup: 300,
        // One host runs one copy of the project: every replacement terminates the old instance
        // before the new one launches, never two copies side by side (they would fight over the
        // Elastic IP, alert twice, split the data of local volumes, and behind a load balancer
        // serve two versions at once). Without a maintenance policy AWS launches before
        // terminating for some events (AZ rebalancing); the policy makes every event, health
        // replacements included, terminate first. The refresh repeats it explicitly and skips an
        // instance that already runs the wanted template version.
        instanceMaintenancePolicy: { minHealthyPercentage: 0, maxHealthyPercentage: 100 },
        instanceRefresh: {
          strategy: 'Rolling',
          preferences: {
            minHealthyPercentage: 0,
            maxHealthyPercentage: 100,
            instanceWarmup: '300',
            skipMatching: true,
          },
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
      const autoScalingGroupName = group.name;
      this.runtime = {
        mode: 'autoScaling',
        autoScalingGroup: group,
        autoScalingGroupName,
        autoScalingGroupArn: group.arn,
      };
      this.cloudWatchAgentDimensions = { [CW_AGENT_DIMENSIONS.autoScalingGroupName]: autoScalingGroupName };
    }

    grantHostNeeds(this.role, {
      name: props.name,
      region: props.region,
      accountId: props.accountId ?? '*',
      mode: compute.mode,
      logGroups: [
        ...Object.values(logGroups),
        ...(props.embeddedMetrics ? [props.embeddedMetrics.logGroup] : []),
      ],
      secrets: props.secrets ?? [],
      downloads: props.downloads ?? [],
      ecrRegistries: registries,
      elasticIpAllocationId: ctx.claimElasticIp ? this.address?.allocationId : undefined,
      reportsHealth: ctx.health !== undefined,
    });
  }
}
