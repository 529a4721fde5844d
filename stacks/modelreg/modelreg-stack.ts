import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { Vpc } from '../../modules/vpc';
import { SecureBucket } from '../../modules/s3';
import { Certificate } from '../../modules/certificate';
import { AliasRecord, cloudFrontAliasTarget, loadBalancerAliasTarget } from '../../modules/dns';
import { ApplicationLoadBalancer } from '../../modules/alb';
import { WebAcl } from '../../modules/waf';
import { StaticSite } from '../../modules/static-site';
import { Cluster, FargateService, ServiceRestartSchedule } from '../../modules/ecs-fargate';
import { FargateJobQueue } from '../../modules/batch-fargate';
import { PostgresInstance } from '../../modules/rds-postgres';
import { Repository } from '../../modules/ecr';
import { StringParameter } from '../../modules/ssm';
import { BackupPlan, BackupVault } from '../../modules/backup';
import { EgressRule } from '../../modules/security-group';
import {
  AlarmTopic,
  AlbAlarms,
  BackupAlarms,
  BatchJobAlarms,
  CloudFrontAlarms,
  EcsServiceAlarms,
  RdsInstanceAlarms,
} from '../../modules/monitoring';
import { GithubActionsRole } from '../../backend/github-oidc';
import { SystemStack, SystemStackProps } from '../shared/system-stack';
import { capacityStrategy } from '../shared/blueprint-config';
import { ModelregEnvironmentConfig, validateModelregEnvironment } from './config';

/** Key prefix of uploaded model packages in the packages bucket. */
export const PACKAGES_PREFIX = 'packages/';
/** Key prefix of the autograder's results in the packages bucket. */
export const RESULTS_PREFIX = 'results/';
/** The registry's database, and the user the backend connects as (RDS's master user). */
export const REGISTRY_DATABASE = 'model_registry';
/** CloudFront's region: its certificates, web ACLs, metrics and log delivery live there. */
const CLOUDFRONT_REGION = 'us-east-1';

/**
 * The single-page app's Content-Security-Policy: everything from the app's own origin, API calls
 * to the API host only, no plug-ins, no framing.
 */
export function frontendContentSecurityPolicy(apiHostName: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' https://${apiHostName}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * One environment of the Model Registry (seed 001):
 *
 * - the single-page app: a private S3 bucket behind CloudFront (origin access control, TLS 1.2,
 *   security headers, WAF), at `dns.frontendHostName`;
 * - the API: ECS Fargate tasks (scaling on CPU and memory) behind an HTTPS load balancer (WAF) at
 *   `dns.apiHostName`, reading the packages bucket and submitting autograder jobs;
 * - the autograder: AWS Batch on Fargate (non-root, read-only root, 15-minute attempts, 3 tries),
 *   failures e-mailed through EventBridge;
 * - RDS PostgreSQL (Multi-AZ and deletion protection where configured, 7 days of backups, final
 *   snapshot), its password rotated by RDS and injected by ECS at task start;
 * - two ECR repositories, alarms for every tier, and the CI role of the application repository.
 *
 * Traffic: viewers -> CloudFront -> S3 (the app); the app -> ALB 443 -> tasks 8000 -> PostgreSQL
 * 5432. Autograder jobs have no inbound rule at all.
 */
export class ModelregStack extends SystemStack<ModelregEnvironmentConfig> {
  public readonly vpc: Vpc;
  public readonly alarmTopic: AlarmTopic;
  public readonly logBucket: SecureBucket;
  public readonly packagesBucket: SecureBucket;
  public readonly site: StaticSite;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly database: PostgresInstance;
  public readonly cluster: Cluster;
  public readonly backend: FargateService;
  public readonly autograder: FargateJobQueue;
  public readonly repositories: { readonly backend: Repository; readonly autograder: Repository };
  public readonly appDeployRole: GithubActionsRole;
  /** The database's AWS Backup plan, where configured. */
  public readonly databaseBackupPlan?: BackupPlan;

  constructor(scope: Construct, id: string, props: SystemStackProps<ModelregEnvironmentConfig>) {
    // Configuration first: a bad environment creates nothing.
    validateModelregEnvironment(props.environment);
    super(scope, id, props, 'modelreg');
    const env = props.environment;
    const name = this.stackName;
    // CloudFront-side resources need us-east-1; the default provider is it when the stack is there.
    const edgeProvider: TerraformProvider | undefined =
      env.region === CLOUDFRONT_REGION ? undefined : this.regionalProvider('us-east-1', CLOUDFRONT_REGION);

    // Network
    this.vpc = new Vpc(this, 'network', {
      name,
      cidrBlock: env.vpcCidr,
      availabilityZones: [...env.availabilityZones],
      natGateways: env.natGateways,
      flowLogs: { destination: 'cloudWatch', retentionInDays: env.logRetentionInDays },
      gatewayEndpoints: ['s3'],
      interfaceEndpoints: [...env.interfaceEndpoints],
    });

    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      topicName: `${name}-alarms`,
      emails: [...env.alarmEmails],
      // Batch job failures and ECS deployment failures arrive through EventBridge rules.
      allowEventBridgeRules: true,
    });
    // Alarms notify topics of their own region only: CloudFront's metrics are in us-east-1.
    const edgeTopic = edgeProvider
      ? new AlarmTopic(this, 'edge-alarms', {
          topicName: `${name}-edge-alarms`,
          emails: [...env.alarmEmails],
          provider: edgeProvider,
        })
      : this.alarmTopic;

    // Storage: one log bucket (load balancer, CloudFront and S3 access logs) and the packages bucket.
    const bucketName = (purpose: string) => `${props.project.bucketPrefix}-${name}-${purpose}-${env.region}`;
    const logBucketName = bucketName('logs');
    const packagesBucketName = bucketName('packages');
    this.packagesBucket = new SecureBucket(this, 'packages', {
      bucketName: packagesBucketName,
      noncurrentVersionExpirationInDays: env.packages.noncurrentVersionExpirationInDays,
      lifecycleRules: [
        {
          id: 'packages-intelligent-tiering',
          status: 'Enabled',
          filter: [{ prefix: PACKAGES_PREFIX }],
          transition: [
            { days: env.packages.intelligentTieringAfterDays, storageClass: 'INTELLIGENT_TIERING' },
          ],
        },
      ],
      accessLogging: { targetBucket: logBucketName, targetPrefix: 's3-access/packages/' },
    });
    this.logBucket = new SecureBucket(this, 'logs', {
      bucketName: logBucketName,
      lifecycleRules: [
        {
          id: 'expire-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: env.logRetentionInDays }],
        },
      ],
      serverAccessLogsDelivery: {
        sourceBucketArns: [this.packagesBucket.bucketArn],
        targetPrefix: 's3-access/packages/',
      },
    });

    // Frontend: the single-page app on CloudFront, with its us-east-1 certificate and web ACL.
    const frontendCertificate = new Certificate(this, 'frontend-certificate', {
      domainName: env.dns.frontendHostName,
      hostedZoneId: env.dns.hostedZoneId,
      hostedZoneName: env.dns.zoneName,
      provider: edgeProvider,
    });
    const edgeWaf = env.webAcls
      ? new WebAcl(this, 'frontend-waf', {
          name: `${name}-web`,
          scope: 'CLOUDFRONT',
          rateLimit: { limit: env.wafRateLimitPerFiveMinutes },
          logging: { retentionInDays: env.logRetentionInDays },
          provider: edgeProvider,
        })
      : undefined;
    this.site = new StaticSite(this, 'frontend', {
      name: `${name}-web`,
      bucketName: bucketName('frontend'),
      domain: { domainNames: [env.dns.frontendHostName], certificateArn: frontendCertificate.certificateArn },
      webAclArn: edgeWaf?.webAclArn,
      securityHeaders: { contentSecurityPolicy: frontendContentSecurityPolicy(env.dns.apiHostName) },
      logBucket: this.logBucket,
      usEast1Provider: edgeProvider,
    });
    new AliasRecord(this, 'frontend-dns', {
      zoneId: env.dns.hostedZoneId,
      zoneName: env.dns.zoneName,
      recordName: env.dns.frontendHostName,
      target: cloudFrontAliasTarget(this.site.distributionDomainName),
    });

    // API edge: certificate, load balancer, web ACL, one target group.
    const apiCertificate = new Certificate(this, 'api-certificate', {
      domainName: env.dns.apiHostName,
      hostedZoneId: env.dns.hostedZoneId,
      hostedZoneName: env.dns.zoneName,
    });
    this.loadBalancer = new ApplicationLoadBalancer(this, 'alb', {
      name,
      region: env.region,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.publicSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      certificateArn: apiCertificate.certificateArn,
      deletionProtection: env.loadBalancerDeletionProtection,
      accessLogs: { bucket: this.logBucket, prefix: 'alb' },
    });
    if (env.webAcls) {
      const apiWaf = new WebAcl(this, 'api-waf', {
        name: `${name}-api`,
        scope: 'REGIONAL',
        // Package uploads are larger than the common rule set's 8 KB body limit.
        commonRuleSet: { countRules: ['SizeRestrictions_BODY'] },
        rateLimit: { limit: env.wafRateLimitPerFiveMinutes },
        logging: { retentionInDays: env.logRetentionInDays },
      });
      apiWaf.associate(this.loadBalancer.loadBalancerArn, 'alb');
    }
    const apiTargets = this.loadBalancer.addTargetGroup('api', {
      name: `${name}-api`,
      targetType: 'ip',
      port: env.backend.containerPort,
      healthCheck: { path: env.backend.healthCheckPath },
    });
    const apiRule = this.loadBalancer.addRule('api', {
      priority: 10,
      hostHeaders: [env.dns.apiHostName],
      targetGroup: apiTargets,
    });
    new AliasRecord(this, 'api-dns', {
      zoneId: env.dns.hostedZoneId,
      zoneName: env.dns.zoneName,
      recordName: env.dns.apiHostName,
      target: loadBalancerAliasTarget(this.loadBalancer),
    });

    // Data
    this.database = new PostgresInstance(this, 'database', {
      identifier: `${name}-db`,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      instanceClass: env.database.instanceClass,
      allocatedStorageInGiB: env.database.allocatedStorageInGiB,
      maxAllocatedStorageInGiB: env.database.maxAllocatedStorageInGiB,
      multiAz: env.database.multiAz,
      deletionProtection: env.database.deletionProtection,
      backupRetentionInDays: env.database.backupRetentionInDays,
      databaseName: REGISTRY_DATABASE,
      masterUsername: 'registry',
      masterPasswordRotation: {
        scheduleExpression: env.database.passwordRotationSchedule,
        windowInHours: env.database.passwordRotationWindowInHours,
      },
      logRetentionInDays: env.logRetentionInDays,
      // The AWS Backup plan below selects the instance by this tag (and by its ARN).
      tags: env.databaseBackupPlan ? { Backup: `${name}-db` } : undefined,
    });
    if (env.databaseBackupPlan) {
      // Daily recovery points in the stack's own vault, kept longer than RDS's 7-day window.
      const vault = new BackupVault(this, 'backup-vault', { vaultName: `${name}-db` });
      this.databaseBackupPlan = new BackupPlan(this, 'database-backup', {
        planName: `${name}-db`,
        vault,
        rules: [
          {
            ruleName: 'daily',
            schedule: env.databaseBackupPlan.schedule,
            retentionInDays: env.databaseBackupPlan.retentionInDays,
          },
        ],
        selectionTag: { key: 'Backup', value: `${name}-db` },
        resourceArns: [this.database.instanceArn],
      });
      new BackupAlarms(this, 'backup-alarms', {
        name: `${name}-db`,
        vaultName: vault.vaultName,
        topicArn: this.alarmTopic.topicArn,
      });
    }
    // The seed's DATABASE_URL, without the password: libpq reads PGPASSWORD, which ECS injects.
    const databaseUrl = new StringParameter(this, 'database-url', {
      name: `/modelreg/${env.name}/backend/database-url`,
      value: `postgresql://${this.database.masterUsername}@${this.database.endpointAddress}:${this.database.port}/${REGISTRY_DATABASE}?sslmode=require`,
      description: 'Backend DATABASE_URL without a password (PGPASSWORD comes from the RDS-managed secret)',
    });

    // Compute
    this.repositories = {
      backend: new Repository(this, 'backend-image', { repositoryName: `${name}/backend` }),
      autograder: new Repository(this, 'autograder-image', { repositoryName: `${name}/autograder` }),
    };
    this.cluster = new Cluster(this, 'cluster', { name });

    const graderName = `${name}-autograder`;
    const graderEgress: EgressRule[] | undefined =
      env.autograder.egress === 'vpcEndpointsOnly'
        ? [
            {
              key: 'https-endpoints',
              port: 443,
              description: 'HTTPS to the VPC interface endpoints and S3 only (no internet)',
              destination: {
                securityGroupIds: [this.vpc.interfaceEndpointSecurityGroup?.securityGroupId as string],
                prefixListIds: [this.vpc.gatewayEndpointPrefixListIds.s3 as string],
              },
            },
          ]
        : undefined;
    this.autograder = new FargateJobQueue(this, 'autograder', {
      name: graderName,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      spot: env.autograder.spot,
      maxVcpus: env.autograder.maxVcpus,
      egress: graderEgress,
      job: {
        image: `${this.repositories.autograder.repositoryUrl}:${env.autograder.imageTag}`,
        ecrRepositoryArns: [this.repositories.autograder.repositoryArn],
        vcpu: env.autograder.vcpu,
        memoryInMiB: env.autograder.memoryInMiB,
        environment: {
          PACKAGES_BUCKET: packagesBucketName,
          PACKAGES_PREFIX,
          RESULTS_PREFIX,
          AWS_DEFAULT_REGION: env.region,
        },
      },
      timeoutInSeconds: env.autograder.timeoutInMinutes * 60,
      retryAttempts: env.autograder.retryAttempts,
      logRetentionInDays: env.logRetentionInDays,
      failureTopicArn: this.alarmTopic.topicArn,
    });

    this.backend = new FargateService(this, 'api', {
      name: `${name}-backend`,
      region: env.region,
      cluster: this.cluster,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      cpu: env.backend.cpu,
      memoryMiB: env.backend.memoryMiB,
      capacityProviderStrategy: capacityStrategy(env.backend.spot),
      // The application's pipeline rolls new images (seed: build-and-push, then update-service).
      imageTagOwner: 'pipeline',
      ecrRepositoryArns: [this.repositories.backend.repositoryArn],
      logRetentionInDays: env.logRetentionInDays,
      containers: [
        {
          name: 'backend',
          image: `${this.repositories.backend.repositoryUrl}:${env.backend.imageTag}`,
          portMappings: [{ containerPort: env.backend.containerPort }],
          environment: {
            ENVIRONMENT: env.name,
            AWS_REGION: env.region,
            S3_BUCKET_NAME: packagesBucketName,
            BATCH_JOB_QUEUE: graderName,
            BATCH_JOB_DEFINITION: graderName,
            FRONTEND_ORIGIN: `https://${env.dns.frontendHostName}`,
            HOME: '/tmp',
          },
          secrets: {
            DATABASE_URL: { ssmParameterArn: databaseUrl.parameterArn },
            PGPASSWORD: { secretsManagerArn: this.database.masterUserSecretArn, jsonKey: 'password' },
          },
          writablePaths: ['/tmp'],
        },
      ],
      loadBalancers: [{ targetGroupArn: apiTargets.targetGroupArn }],
      dependsOn: [apiRule.rule],
      autoScaling: {
        minCapacity: env.backend.scaling.minCapacity,
        maxCapacity: env.backend.scaling.maxCapacity,
        cpuTargetPercent: env.backend.scaling.cpuTargetPercent,
        memoryTargetPercent: env.backend.scaling.memoryTargetPercent ?? false,
      },
      deploymentAlerts: { topicArn: this.alarmTopic.topicArn },
    });

    // The chain: ALB -> backend tasks -> PostgreSQL. Autograder jobs get no inbound rule.
    this.loadBalancer.connectTo(this.backend.securityGroup, env.backend.containerPort, { key: 'backend' });
    this.database.allowFrom(this.backend.securityGroup, 'Model Registry backend');

    // Grants: the backend stores packages and reads results; jobs read packages and write results.
    this.packagesBucket.grantReadWrite(this.backend.taskRole, PACKAGES_PREFIX);
    this.packagesBucket.grantRead(this.backend.taskRole, RESULTS_PREFIX);
    this.packagesBucket.grantRead(this.autograder.jobRole, PACKAGES_PREFIX);
    this.packagesBucket.grantPut(this.autograder.jobRole, RESULTS_PREFIX);
    this.autograder.grantSubmitJob(this.backend.taskRole);
    this.autograder.grantReadJobs(this.backend.taskRole);

    // The password rotates weekly; ECS injected it at task start, so restart the backend after.
    new ServiceRestartSchedule(this, 'backend-restart', {
      name: `${name}-backend-restart`,
      region: env.region,
      service: {
        clusterArn: this.cluster.clusterArn,
        serviceName: this.backend.serviceName,
        serviceArn: this.backend.serviceArn,
      },
      scheduleExpression: env.database.clientRestartSchedule,
      description: `Restart the backend after the database password rotation (${env.database.passwordRotationSchedule}, ${env.database.passwordRotationWindowInHours} h)`,
    });

    // The application's CI: push both images, roll the backend, publish the app. Nothing else.
    this.appDeployRole = new GithubActionsRole(this, 'app-deploy', {
      roleName: `${name}-app-deploy`,
      repository: env.appDeploy.repository,
      branches: [...env.appDeploy.branches],
      environments: [...env.appDeploy.environments],
      oidcProviderArn: env.appDeploy.oidcProviderArn,
      description: `Deploys the Model Registry application (${env.name}) from GitHub Actions`,
    });
    this.repositories.backend.grantPush(this.appDeployRole);
    this.repositories.autograder.grantPush(this.appDeployRole);
    this.backend.grantDeploy(this.appDeployRole);
    this.site.grantDeploy(this.appDeployRole);

    // Monitoring: every tier notifies the environment's topic (CloudFront's from us-east-1).
    new AlbAlarms(this, 'alb-alarms', {
      name: `${name}-alb`,
      loadBalancer: this.loadBalancer,
      targetGroups: { api: apiTargets },
      alarmTopicArn: this.alarmTopic.topicArn,
      thresholds: {
        target5xxRatePercent: env.alarms.target5xxRatePercent,
        responseTimeP90Seconds: env.alarms.responseTimeP90Seconds,
        responseTimeP99Seconds: env.alarms.responseTimeP99Seconds,
      },
    });
    new EcsServiceAlarms(this, 'backend-alarms', {
      service: this.backend,
      topicArn: this.alarmTopic.topicArn,
      cpuThresholdPercent: env.alarms.ecsCpuPercent,
      memoryThresholdPercent: env.alarms.ecsMemoryPercent,
      minimumRunningTasks: env.backend.scaling.minCapacity,
    });
    new RdsInstanceAlarms(this, 'database-alarms', {
      instance: this.database,
      topicArn: this.alarmTopic.topicArn,
      thresholds: {
        cpuUtilizationPercent: env.alarms.rdsCpuPercent,
        freeStorageSpaceInGiB: env.alarms.rdsFreeStorageGiB,
      },
    });
    new BatchJobAlarms(this, 'autograder-alarms', {
      name: graderName,
      failureRuleName: this.autograder.failureRule?.name as string,
      topicArn: this.alarmTopic.topicArn,
      failedJobsThreshold: env.alarms.failedJobs,
    });
    new CloudFrontAlarms(this, 'frontend-alarms', {
      name: `${name}-web`,
      distributionId: this.site.distributionId,
      topicArn: edgeTopic.topicArn,
      provider: edgeProvider,
      error5xxRatePercent: env.alarms.cloudFront5xxRatePercent,
    });

    const output = (oid: string, value: string, description: string) =>
      new TerraformOutput(this, oid, { value, description });
    output('frontend_url', `https://${env.dns.frontendHostName}`, 'The single-page app');
    output('api_url', `https://${env.dns.apiHostName}`, 'The backend API');
    output('alb_dns_name', this.loadBalancer.loadBalancerDnsName, 'Load balancer DNS name');
    output('frontend_bucket', this.site.bucket.bucketName, 'Bucket the pipeline syncs the app into');
    output('distribution_id', this.site.distributionId, 'CloudFront distribution (invalidate /index.html)');
    output(
      'packages_bucket',
      this.packagesBucket.bucketName,
      'Model packages (packages/) and results (results/)',
    );
    output(
      'backend_repository_url',
      this.repositories.backend.repositoryUrl,
      'ECR repository of the backend',
    );
    output(
      'autograder_repository_url',
      this.repositories.autograder.repositoryUrl,
      'ECR repository of the autograder',
    );
    output('cluster_name', this.cluster.clusterName, 'ECS cluster');
    output('backend_service_name', this.backend.serviceName, 'ECS service the pipeline updates');
    output('autograder_job_queue', this.autograder.jobQueueName, 'AWS Batch job queue');
    output('rds_endpoint', this.database.endpointAddress, 'PostgreSQL endpoint (private)');
    output('database_secret_arn', this.database.masterUserSecretArn, 'RDS-managed master secret (rotated)');
    output(
      'app_deploy_role_arn',
      this.appDeployRole.roleArn,
      'Role the application workflow assumes (AWS_ROLE_TO_ASSUME)',
    );
    output('alarm_topic_arn', this.alarmTopic.topicArn, 'SNS topic every alarm notifies');
  }
}
