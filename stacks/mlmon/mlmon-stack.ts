import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Vpc } from '../../modules/vpc';
import { AppSecurityGroup } from '../../modules/security-group';
import { COMPOSE_HOST_DEFAULTS, ComposeHost, ComposeHostComputeProps } from '../../modules/compose-host';
import { AlarmTopic } from '../../modules/monitoring';
import { withName } from '../../modules/core/tags';
import { configureStateBackend } from '../../backend/state-backend';
import { PolicySuppressions } from '../../modules/policy';
import { StateBackendSettings } from '../../backend/settings';
import { EnvironmentConfig, ProjectConfig, validateEnvironmentConfig } from './config';
import { MLMON_PROJECT, MLMON_SERVICES, MODELS } from './contract';
import { MLMON_FILES } from './host/config';
import { renderMlmonProject } from './host/project';
import { ContainerLogGroups } from './monitoring/container-log-groups';
import { Monitoring } from './monitoring/monitoring';
import { ModelMonitoringBucket } from './storage/model-monitoring-bucket';
import { MlmonFrontDoor } from './front-door';

/** Containers with a log group of their own (node exporter writes to Prometheus' group). */
export const MLMON_LOG_CONTAINERS = ['api', 'proxy', 'prometheus', 'grafana'] as const;

/** Props of {@link MlmonStack}. */
export interface MlmonStackProps {
  readonly project: ProjectConfig;
  readonly environment: EnvironmentConfig;
  readonly stateBackend: StateBackendSettings;
}

/**
 * One environment of the model-monitoring system. The same class builds dev, staging and prod;
 * only the {@link EnvironmentConfig} differs.
 *
 * Wiring runs one way: network -> security -> storage -> compute -> monitoring.
 */
export class MlmonStack extends TerraformStack {
  public readonly vpc: Vpc;
  public readonly bucket: ModelMonitoringBucket;
  public readonly host: ComposeHost;
  public readonly alarmTopic: AlarmTopic;
  public readonly monitoring: Monitoring;
  /** The load balancer, certificate and records; undefined without `frontDoor` (dev). */
  public readonly frontDoor?: MlmonFrontDoor;

  constructor(scope: Construct, id: string, props: MlmonStackProps) {
    super(scope, id);
    const env = props.environment;
    validateEnvironmentConfig(env);
    const name = `${props.project.project}-${env.name}`;
    const tags = { ...props.project.tags, ...env.tags, Environment: env.name };

    configureStateBackend(this, props.stateBackend);
    new AwsProvider(this, 'aws', { region: env.region, defaultTags: [{ tags }] });
    const replicaProvider = env.replicationRegion
      ? new AwsProvider(this, 'aws-replica', {
          alias: 'replica',
          region: env.replicationRegion,
          defaultTags: [{ tags }],
        })
      : undefined;

    // Network
    this.vpc = new Vpc(this, 'network', {
      name,
      cidrBlock: env.vpcCidr,
      availabilityZones: [...env.availabilityZones],
      subnetNewBits: env.subnetNewBits,
      createPrivateSubnets: env.privateSubnets,
      natGateways: env.natGateways,
      flowLogs: { destination: 'cloudWatch', retentionInDays: env.logRetentionInDays },
      gatewayEndpoints: ['s3', 'dynamodb'],
    });

    // Storage
    this.bucket = new ModelMonitoringBucket(this, 'storage', {
      bucketName: `${props.project.bucketPrefix}-${env.name}-${env.region}`,
      logsExpirationInDays: env.bucketLogsExpirationInDays,
      noncurrentVersionExpirationInDays: env.noncurrentVersionExpirationInDays,
      // Server access logs go to a companion `<bucket>-access-logs` bucket (SSE-S3, expiring).
      accessLogging: { createLogBucket: true, expirationInDays: env.bucketLogsExpirationInDays },
      replication:
        env.replicationRegion && replicaProvider
          ? { destinationRegion: env.replicationRegion, provider: replicaProvider }
          : undefined,
    });

    if (this.bucket.replication) {
      PolicySuppressions.add(this.bucket.replication.destination, [
        {
          id: 'MLM-S3-005',
          reason:
            'The replica is written only by S3 replication and read only in a regional recovery; access logs ' +
            'must land in a bucket of the same region, and the source bucket already logs every access.',
        },
      ]);
    }

    // Logs the host's containers write to; created before the host so the names exist at boot.
    const logPrefix = `/${props.project.project}/${env.name}`;
    const logGroups = new ContainerLogGroups(this, 'logs', {
      prefix: logPrefix,
      retentionInDays: env.logRetentionInDays,
      containers: [...MLMON_LOG_CONTAINERS],
    });
    // The API's embedded-metric-format events; CloudWatch extracts MLMon/Api metrics from them.
    const metricsLogGroup = new CloudwatchLogGroup(this, 'api-metrics-logs', {
      name: `${logPrefix}/api-metrics`,
      retentionInDays: env.logRetentionInDays,
      tags: withName(`${logPrefix}/api-metrics`, undefined),
    });

    // Security. A public host (dev): the API on 80 through the proxy, 443 only with a domain, the
    // admin ports from adminCidrs. Behind the front door: nothing from the internet or the admin
    // networks; the load balancer adds its own group on the proxy and Grafana ports.
    const fd = env.frontDoor;
    const securityGroup = new AppSecurityGroup(this, 'app-sg', {
      name: `${name}-app`,
      vpcId: this.vpc.vpcId,
      adminCidrs: fd ? [] : [...env.adminCidrs],
      sshCidrs: [...env.sshCidrs],
      http: fd ? {} : undefined,
      https: fd || !env.domainName ? {} : undefined,
    });

    // Alerts: one topic for the CloudWatch alarms, the load balancer alarms and Grafana on the host.
    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      topicName: `${name}-alarms`,
      emails: [...env.alarmEmails],
    });

    // Front door (staging, prod): HTTPS load balancer in the public subnets, the host behind it.
    if (fd) {
      this.frontDoor = new MlmonFrontDoor(this, 'front-door', {
        name,
        region: env.region,
        config: fd,
        vpcId: this.vpc.vpcId,
        publicSubnetIds: this.vpc.publicSubnetIds,
        availabilityZones: this.vpc.availabilityZones,
        hostSecurityGroup: securityGroup,
        adminCidrs: env.adminCidrs,
        alarmTopicArn: this.alarmTopic.topicArn,
        accessLogBucketName: `${props.project.bucketPrefix}-${env.name}-alb-logs-${env.region}`,
        accessLogExpirationInDays: env.bucketLogsExpirationInDays,
      });
      if (!fd.deletionProtection) {
        PolicySuppressions.add(this.frontDoor.loadBalancer, [
          {
            id: 'MLM-ALB-004',
            reason:
              'This environment is torn down and rebuilt to rehearse prod: with deletion protection on, every ' +
              'destroy (and any replacement of the load balancer) fails until an apply has turned it off. Its ' +
              'DNS names are aliases in our own zone, re-pointed by the next apply (stacks/mlmon/README.md, ' +
              '"Staging and prod: behind an HTTPS front door").',
          },
        ]);
      }
    }

    // Compute
    const parameterPrefix = `/${props.project.project}/${env.name}/`;
    const grafanaPasswordParameter = `${parameterPrefix}grafana/admin-password`;
    const project = renderMlmonProject({
      deployment: name,
      region: env.region,
      modelImage: env.modelImage,
      metricsLogGroupName: metricsLogGroup.name,
      alertTopicArn: this.alarmTopic.topicArn,
      domainName: env.domainName,
      grafanaRootUrl: this.frontDoor?.grafanaUrl,
      // The load balancer's nodes sit in the VPC's public subnets.
      trustedProxyCidrs: fd ? [env.vpcCidr] : undefined,
      driftAlertThreshold: env.alarms.driftScore,
    });
    const compute: ComposeHostComputeProps =
      env.compute === 'instance'
        ? { mode: 'instance' }
        : this.frontDoor
          ? {
              mode: 'autoScaling',
              targetGroupArns: this.frontDoor.targetGroupArns,
              healthCheckType: 'ELB',
              // The load balancer's verdict counts from the moment the host's own deadline ends:
              // a cold boot gets the same 15 minutes from either judge.
              healthCheckGracePeriodInSeconds: COMPOSE_HOST_DEFAULTS.healthDeadlineInSeconds,
            }
          : { mode: 'autoScaling' };
    const s = MLMON_SERVICES;
    this.host = new ComposeHost(this, 'app', {
      name: `${name}-app`,
      region: env.region,
      subnetIds: fd ? this.vpc.privateSubnetIds : this.vpc.publicSubnetIds,
      securityGroupIds: [securityGroup.securityGroupId],
      instanceType: env.instanceType,
      ami: { os: 'al2023' },
      rootVolumeSizeInGiB: env.rootVolumeSizeInGiB,
      volumeTags: env.rootVolumeTags ? { ...env.rootVolumeTags } : undefined,
      compute,
      associatePublicIp: fd === undefined,
      elasticIp: env.elasticIp,
      project: MLMON_PROJECT,
      compose: project.compose,
      files: project.files,
      logGroups: {
        [s.api]: logGroups.api,
        [s.proxy]: logGroups.get('proxy'),
        [s.nodeExporter]: logGroups.prometheus,
        [s.prometheus]: logGroups.prometheus,
        [s.grafana]: logGroups.grafana,
      },
      secrets: [
        {
          parameterName: grafanaPasswordParameter,
          envFile: MLMON_FILES.grafanaEnv,
          variable: 'GF_SECURITY_ADMIN_PASSWORD',
        },
      ],
      downloads: [
        {
          bucketName: this.bucket.bucketName,
          bucketArn: this.bucket.bucketArn,
          prefix: MODELS.prefix,
          path: MODELS.hostPath,
        },
      ],
      embeddedMetrics: { logGroup: { name: metricsLogGroup.name, arn: metricsLogGroup.arn } },
      healthCheck: env.compute === 'autoScaling' ? { urls: project.healthUrls } : undefined,
      tags,
    });
    // Grafana's contact point publishes drift alerts to the same topic as the alarms.
    this.alarmTopic.grantPublish(this.host.role);
    if (!fd) {
      PolicySuppressions.add(this.host, [
        {
          id: 'MLM-EC2-003',
          reason:
            'The host serves the API directly from a public subnet with a public address: this environment has ' +
            'no load balancer (the seed budget of $40-50 a month leaves no room for an ALB and a NAT gateway). ' +
            'Its security group opens only 80 (and 443 with a domain) to the internet, both served by the ' +
            'reverse proxy (MLM-NET-001), admits the admin ports from adminCidrs only, and SSH is closed ' +
            '(stacks/mlmon/README.md, "Dev: one public host").',
        },
      ]);
    }

    // Monitoring
    const runtime = this.host.runtime;
    this.monitoring = new Monitoring(this, 'monitoring', {
      name,
      region: env.region,
      alarmEmails: [],
      topic: this.alarmTopic,
      target:
        runtime.mode === 'instance'
          ? { instanceId: runtime.instanceId }
          : { autoScalingGroupName: runtime.autoScalingGroupName },
      thresholds: env.alarms,
      logGroups,
    });

    new TerraformOutput(this, 'vpc_id', { value: this.vpc.vpcId, description: 'VPC id' });
    new TerraformOutput(this, 'public_subnet_ids', {
      value: this.vpc.publicSubnetIds,
      description: 'Public subnet ids',
    });
    new TerraformOutput(this, 'private_subnet_ids', {
      value: this.vpc.privateSubnetIds,
      description: 'Private subnet ids',
    });
    new TerraformOutput(this, 'bucket_name', {
      value: this.bucket.bucketName,
      description: 'App bucket (models/, monitoring/, logs/, data/)',
    });
    new TerraformOutput(this, 'alarm_topic_arn', {
      value: this.monitoring.topicArn,
      description: 'SNS topic that receives every alarm',
    });
    new TerraformOutput(this, 'dashboard_name', {
      value: this.monitoring.dashboardName,
      description: 'CloudWatch dashboard',
    });
    new TerraformOutput(this, 'grafana_admin_password_parameter', {
      value: grafanaPasswordParameter,
      description: 'SSM SecureString parameter the host writes the generated Grafana admin password to',
    });
    if (this.frontDoor) {
      new TerraformOutput(this, 'api_url', {
        value: this.frontDoor.apiUrl,
        description: 'The API, through the load balancer (HTTPS)',
      });
      new TerraformOutput(this, 'grafana_url', {
        value: this.frontDoor.grafanaUrl,
        description: 'Grafana, through the load balancer (admin networks only)',
      });
      new TerraformOutput(this, 'load_balancer_dns_name', {
        value: this.frontDoor.loadBalancer.loadBalancerDnsName,
        description: 'DNS name of the load balancer (the alias records point at it)',
      });
    }
    if (this.host.address) {
      new TerraformOutput(this, 'public_ip', {
        value: this.host.address.publicIp,
        description: 'Stable public address (Elastic IP) of the host',
      });
    }
    if (runtime.mode === 'instance') {
      new TerraformOutput(this, 'instance_id', {
        value: runtime.instanceId,
        description: 'Instance id (use with SSM Session Manager)',
      });
    } else {
      new TerraformOutput(this, 'autoscaling_group_name', {
        value: runtime.autoScalingGroupName,
        description: 'Auto Scaling group of the host',
      });
    }
  }
}
