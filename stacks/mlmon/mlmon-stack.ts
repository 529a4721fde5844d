import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '../../modules/vpc';
import { AppSecurityGroup } from '../../modules/security-group';
import { InstanceRole } from '../../modules/iam';
import { ModelMonitoringBucket } from '../../modules/s3';
import { AppHost } from '../../modules/compose-host';
import { APP_METRICS, ContainerLogGroups, Monitoring, appMetricDimensions } from '../../modules/monitoring';
import { configureStateBackend } from '../../backend/state-backend';
import { PolicySuppressions } from '../../modules/policy';
import { StateBackendSettings } from '../../backend/settings';
import { EnvironmentConfig, ProjectConfig, validateEnvironmentConfig } from './config';

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
  public readonly host: AppHost;
  public readonly monitoring: Monitoring;

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
    const logGroups = new ContainerLogGroups(this, 'logs', {
      prefix: `/${props.project.project}/${env.name}`,
      retentionInDays: env.logRetentionInDays,
    });

    // Security
    const securityGroup = new AppSecurityGroup(this, 'app-sg', {
      name: `${name}-app`,
      vpcId: this.vpc.vpcId,
      adminCidrs: [...env.adminCidrs],
      sshCidrs: [...env.sshCidrs],
    });
    const parameterPrefix = `/${props.project.project}/${env.name}/`;
    const role = new InstanceRole(this, 'app-role', {
      name: `${name}-app`,
      bucket: { bucketArn: this.bucket.bucketArn, bucketName: this.bucket.bucketName },
      logGroupArns: [logGroups.api.arn, logGroups.prometheus.arn, logGroups.grafana.arn],
      ssmParameterPrefix: parameterPrefix,
      // The API publishes RequestCount, Http5xxCount and DriftScore here (modules/monitoring).
      metricNamespaces: [APP_METRICS.namespace],
    });

    // Compute
    this.host = new AppHost(this, 'app', {
      name: `${name}-app`,
      region: env.region,
      subnetIds: this.vpc.publicSubnetIds,
      securityGroupIds: [securityGroup.securityGroupId],
      instanceProfileName: role.instanceProfileName,
      instanceType: env.instanceType,
      ami: { os: 'al2023' },
      rootVolumeSizeInGiB: env.rootVolumeSizeInGiB,
      mode: env.compute,
      associatePublicIp: true,
      elasticIp: env.elasticIp,
      bucketName: this.bucket.bucketName,
      logGroups: {
        api: logGroups.api.name,
        prometheus: logGroups.prometheus.name,
        grafana: logGroups.grafana.name,
      },
      grafanaAdminPasswordParameter: `${parameterPrefix}grafana/admin-password`,
      stack: {
        modelImage: env.modelImage,
        driftAlertThreshold: env.alarms.driftScore,
        // Where the API publishes its CloudWatch metrics: the alarms read exactly these.
        apiEnvironment: {
          METRICS_NAMESPACE: APP_METRICS.namespace,
          METRICS_DIMENSION_NAME: APP_METRICS.dimensionName,
          METRICS_DIMENSION_VALUE: appMetricDimensions(name)[APP_METRICS.dimensionName],
          AWS_REGION: env.region,
        },
      },
      tags,
    });
    PolicySuppressions.add(this.host, [
      {
        id: 'MLM-EC2-003',
        reason:
          'The host serves the API directly (this system has no load balancer): it runs in a public subnet ' +
          'with a public address, and its security group opens only 80/443 to the internet; the admin ports ' +
          'are limited to adminCidrs and SSH is closed (README: "Why prod runs the host in a public subnet").',
      },
    ]);
    if (this.host.elasticIpAllocationId && env.compute === 'autoScaling') {
      // The host claims the Elastic IP at boot, so a replacement instance keeps the address.
      role.addStatements({
        sid: 'AssociateOwnElasticIp',
        actions: ['ec2:AssociateAddress'],
        resources: [
          `arn:aws:ec2:${env.region}:*:elastic-ip/${this.host.elasticIpAllocationId}`,
          `arn:aws:ec2:${env.region}:*:instance/*`,
          `arn:aws:ec2:${env.region}:*:network-interface/*`,
        ],
      });
    }

    // Monitoring
    this.monitoring = new Monitoring(this, 'monitoring', {
      name,
      region: env.region,
      alarmEmails: [...env.alarmEmails],
      target: this.host.autoScalingGroupName
        ? { autoScalingGroupName: this.host.autoScalingGroupName }
        : { instanceId: this.host.instanceId as string },
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
      value: `${parameterPrefix}grafana/admin-password`,
      description: 'SSM SecureString parameter the host writes the generated Grafana admin password to',
    });
    if (this.host.publicIp) {
      new TerraformOutput(this, 'public_ip', {
        value: this.host.publicIp,
        description: 'Stable public address (Elastic IP) of the host',
      });
    }
    if (this.host.instanceId) {
      new TerraformOutput(this, 'instance_id', {
        value: this.host.instanceId,
        description: 'Instance id (use with SSM Session Manager)',
      });
    }
    if (this.host.autoScalingGroupName) {
      new TerraformOutput(this, 'autoscaling_group_name', {
        value: this.host.autoScalingGroupName,
        description: 'Auto Scaling group of the host',
      });
    }
  }
}
