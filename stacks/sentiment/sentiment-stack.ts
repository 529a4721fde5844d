import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { Vpc } from '../../modules/vpc';
import { ApplicationLoadBalancer, TargetGroup } from '../../modules/alb';
import { Certificate } from '../../modules/certificate';
import { AliasRecord, cloudFrontAliasTarget, loadBalancerAliasTarget } from '../../modules/dns';
import { Cluster, FargateService, PrivateDnsNamespace } from '../../modules/ecs-fargate';
import { PostgresInstance } from '../../modules/rds-postgres';
import { ElastiCacheReplicationGroup } from '../../modules/elasticache-redis';
import { OpenSearchDomain } from '../../modules/opensearch';
import { Secret } from '../../modules/secrets';
import { StaticSite } from '../../modules/static-site';
import { WebAcl } from '../../modules/waf';
import { Repository } from '../../modules/ecr';
import { grantInvokeModel } from '../../modules/bedrock';
import {
  AlarmTopic,
  AlbAlarms,
  CloudFrontAlarms,
  EcsServiceAlarms,
  ElastiCacheAlarms,
  OpenSearchAlarms,
  RdsInstanceAlarms,
} from '../../modules/monitoring';
import { PolicySuppressions } from '../../modules/policy';
import { SystemStack, SystemStackProps } from '../shared/system-stack';
import {
  SENTIMENT_PROFILES,
  SentimentEnvironmentConfig,
  bedrockModelId,
  validateSentimentEnvironment,
} from './config';

/** Port the backend API listens on (the ALB's target). */
export const BACKEND_PORT = 8000;
/** Port the ML service listens on (seed: `ML_SERVICE_URL=http://ml-service.internal:5001`). */
export const ML_SERVICE_PORT = 5001;
/** Cloud Map namespace and service name of the ML service: `ml-service.internal`. */
export const ML_SERVICE_NAMESPACE = 'internal';
export const ML_SERVICE_NAME = 'ml-service';
/** Database the backend uses (seed: `sentiment_db`). */
export const DATABASE_NAME = 'sentiment_db';
/** The ElastiCache IAM user of the backend (Celery broker and cache): `<cache>-backend`. */
export const CACHE_USER = 'backend';

/**
 * One environment of the support-analytics sentiment platform (seed 004): a React app on
 * S3 + CloudFront, an ALB (WAF, sticky sessions) in front of a Fargate backend, an internal ML
 * service found through Cloud Map, RDS PostgreSQL, ElastiCache (Redis protocol, TLS, IAM users),
 * OpenSearch, Bedrock (one model), Secrets Manager, ECR, and alarms for every tier. The same
 * class builds every environment; only {@link SentimentEnvironmentConfig} differs.
 *
 * Wiring runs one way: network -> edge and load balancer -> data -> compute -> monitoring.
 */
export class SentimentStack extends SystemStack<SentimentEnvironmentConfig> {
  public readonly vpc: Vpc;
  public readonly alb: ApplicationLoadBalancer;
  public readonly site: StaticSite;
  public readonly backend: FargateService;
  public readonly mlService: FargateService;
  public readonly database: PostgresInstance;
  public readonly cache: ElastiCacheReplicationGroup;
  public readonly search: OpenSearchDomain;
  public readonly alarmTopic: AlarmTopic;
  public readonly repositories: Readonly<Record<'backend' | 'mlService', Repository>>;

  constructor(scope: Construct, id: string, props: SystemStackProps<SentimentEnvironmentConfig>) {
    super(scope, id, props, 'sentiment');
    const env = props.environment;
    validateSentimentEnvironment(env);
    const profile = SENTIMENT_PROFILES[env.profile];
    const name = this.stackName;

    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      topicName: `${name}-alarms`,
      emails: [...env.alarmEmails],
      allowEventBridgeRules: true, // ECS deployment-failure alerts are EventBridge rules
    });

    // Network: private subnets reach AWS through interface endpoints (and a NAT where configured).
    this.vpc = new Vpc(this, 'network', {
      name,
      cidrBlock: env.vpcCidr,
      availabilityZones: [...env.availabilityZones],
      natGateways: env.natGateways,
      flowLogs: { destination: 'cloudWatch', retentionInDays: env.logRetentionInDays },
      gatewayEndpoints: ['s3', 'dynamodb'],
      interfaceEndpoints: [...env.interfaceEndpoints],
      interfaceEndpointAvailabilityZones:
        env.interfaceEndpoints.length > 0 && !profile.interfaceEndpointsInEveryAz
          ? [env.availabilityZones[0]]
          : undefined,
    });

    // Edge: the React app from a private bucket behind CloudFront (certificate in us-east-1, which
    // the config requires as the stack's region).
    const appCertificate = new Certificate(this, 'app-certificate', {
      domainName: env.domain.appDomain,
      hostedZoneId: env.domain.hostedZoneId,
      hostedZoneName: env.domain.zoneName,
    });
    const edgeWaf = env.waf.cloudFront
      ? new WebAcl(this, 'edge-waf', {
          name: `${name}-edge`,
          scope: 'CLOUDFRONT',
          logging: { retentionInDays: env.logRetentionInDays },
        })
      : undefined;
    this.site = new StaticSite(this, 'web', {
      name: `${name}-web`,
      bucketName: `${props.project.bucketPrefix}-${name}-web`,
      domain: { domainNames: [env.domain.appDomain], certificateArn: appCertificate.certificateArn },
      webAclArn: edgeWaf?.webAclArn,
      securityHeaders: {
        contentSecurityPolicy:
          "default-src 'self'; " +
          `connect-src 'self' https://${env.domain.apiDomain}; ` +
          "img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
      },
      logRetentionInDays: env.logRetentionInDays,
    });
    new AliasRecord(this, 'app-dns', {
      zoneId: env.domain.hostedZoneId,
      zoneName: env.domain.zoneName,
      recordName: env.domain.appDomain,
      target: cloudFrontAliasTarget(this.site.distributionDomainName),
    });

    // Load balancer: HTTPS only, WAF, sticky sessions to the backend (WebSockets).
    const apiCertificate = new Certificate(this, 'api-certificate', {
      domainName: env.domain.apiDomain,
      hostedZoneId: env.domain.hostedZoneId,
      hostedZoneName: env.domain.zoneName,
    });
    const albWaf = new WebAcl(this, 'api-waf', {
      name: `${name}-api`,
      scope: 'REGIONAL',
      rateLimit: { limit: env.waf.rateLimitPer5Minutes },
      logging: { retentionInDays: env.logRetentionInDays },
    });
    this.alb = new ApplicationLoadBalancer(this, 'alb', {
      name,
      region: env.region,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.publicSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      certificateArn: apiCertificate.certificateArn,
      webAclArn: albWaf.webAclArn,
      deletionProtection: env.deletionProtection,
      // Under the project's bucket prefix, like every bucket of the project (unique, and in the CI roles' scope).
      accessLogs: {
        createBucket: {
          bucketName: `${props.project.bucketPrefix}-${name}-alb-logs`,
          expirationInDays: env.logRetentionInDays,
        },
      },
    });
    const backendTargets: TargetGroup = this.alb.addTargetGroup('backend', {
      name: `${name}-backend`,
      targetType: 'ip',
      port: BACKEND_PORT,
      healthCheck: { path: '/health' },
      // The React app's WebSocket and session traffic must return to the task that holds it.
      stickiness: { durationInSeconds: 86400 },
    });
    const apiRule = this.alb.addRule('api', {
      priority: 10,
      hostHeaders: [env.domain.apiDomain],
      targetGroup: backendTargets,
    });
    new AliasRecord(this, 'api-dns', {
      zoneId: env.domain.hostedZoneId,
      zoneName: env.domain.zoneName,
      recordName: env.domain.apiDomain,
      target: loadBalancerAliasTarget(this.alb),
    });

    // Images: one repository per service (immutable tags, scanned on push).
    this.repositories = {
      backend: new Repository(this, 'backend-repository', { repositoryName: `${name}/backend` }),
      mlService: new Repository(this, 'ml-service-repository', { repositoryName: `${name}/ml-service` }),
    };

    // Data: PostgreSQL (password generated and rotated by RDS, never in state), the cache (TLS,
    // IAM users: no AUTH token exists), OpenSearch (IAM master, FGAC, node-to-node TLS).
    this.database = new PostgresInstance(this, 'database', {
      identifier: name,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      instanceClass: env.database.instanceClass,
      allocatedStorageInGiB: env.database.allocatedStorageInGiB,
      backupRetentionInDays: env.database.backupRetentionInDays,
      multiAz: profile.databaseMultiAz,
      databaseName: DATABASE_NAME,
      deletionProtection: env.deletionProtection,
      logRetentionInDays: env.logRetentionInDays,
    });
    this.cache = new ElastiCacheReplicationGroup(this, 'cache', {
      name: `${name}-cache`,
      vpc: this.vpc,
      nodeType: env.cacheNodeType,
      nodeCount: profile.cacheNodeCount,
      multiAz: profile.cacheNodeCount > 1,
      authentication: { mode: 'iam', users: [{ name: CACHE_USER }] },
      // Celery keeps its queue here: an evicted key is a lost task.
      parameters: { 'maxmemory-policy': 'noeviction' },
      logs: { retentionInDays: env.logRetentionInDays },
    });
    this.search = new OpenSearchDomain(this, 'search', {
      domainName: `${name}-search`,
      vpc: this.vpc,
      masterUserArn: env.search.masterUserArn,
      instanceType: env.search.instanceType,
      instanceCount: profile.searchNodeCount,
      availabilityZoneCount: profile.searchAvailabilityZoneCount,
      ebs: { volumeSizeInGiB: env.search.volumeSizeInGiB },
      logs: { retentionInDays: env.logRetentionInDays },
    });
    const jwtSecret = new Secret(this, 'jwt-secret', {
      secretName: `${name}/jwt-secret`,
      description: 'Signing key of the backend JWTs (generated by Secrets Manager, never in state)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    // Compute: the ML service, found by the backend as ml-service.internal (Cloud Map).
    const cluster = new Cluster(this, 'cluster', { name });
    const namespace = new PrivateDnsNamespace(this, 'internal-namespace', {
      name: ML_SERVICE_NAMESPACE,
      vpcId: this.vpc.vpcId,
    });
    this.mlService = new FargateService(this, 'ml-service', {
      name: `${name}-ml`,
      region: env.region,
      cluster,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      cpu: env.mlService.cpu,
      memoryMiB: env.mlService.memoryMiB,
      desiredCount: env.mlService.desiredCount,
      capacityProviderStrategy: [...profile.mlServiceCapacity],
      containers: [
        {
          name: 'ml-service',
          image: `${this.repositories.mlService.repositoryUrl}:${env.mlService.imageTag}`,
          portMappings: [{ containerPort: ML_SERVICE_PORT }],
          environment: { PORT: String(ML_SERVICE_PORT), AWS_REGION: env.region },
          healthCheck: {
            command: ['CMD-SHELL', `curl -f http://localhost:${ML_SERVICE_PORT}/health || exit 1`],
            startPeriodSeconds: 60,
          },
          writablePaths: ['/tmp'],
        },
      ],
      ecrRepositoryArns: [this.repositories.mlService.repositoryArn],
      cloudMap: { namespace, name: ML_SERVICE_NAME },
      logRetentionInDays: env.logRetentionInDays,
      deploymentAlerts: { topicArn: this.alarmTopic.topicArn },
    });

    const mlServiceUrl = `http://${this.mlService.discoveryName}:${ML_SERVICE_PORT}`;
    const cacheUser = this.cache.users.find((u) => u.userName.endsWith(`-${CACHE_USER}`));
    this.backend = new FargateService(this, 'backend-service', {
      name: `${name}-backend`,
      region: env.region,
      cluster,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      cpu: env.backend.cpu,
      memoryMiB: env.backend.memoryMiB,
      desiredCount: env.backend.desiredCount,
      capacityProviderStrategy: [...profile.backendCapacity],
      containers: [
        {
          name: 'backend',
          image: `${this.repositories.backend.repositoryUrl}:${env.backend.imageTag}`,
          portMappings: [{ containerPort: BACKEND_PORT }],
          // Seed 004's variables, without a credential in any of them: the database password is read
          // from the RDS-managed secret at connect time (it rotates), the cache and OpenSearch
          // authenticate with the task role (IAM), and the JWT key is injected from Secrets Manager.
          environment: {
            AWS_REGION: env.region,
            DB_HOST: this.database.endpointAddress,
            DB_PORT: String(5432),
            DB_NAME: DATABASE_NAME,
            DB_SECRET_ARN: this.database.masterUserSecretArn,
            REDIS_URL: `rediss://${this.cache.primaryEndpointAddress}:${this.cache.port}/0`,
            REDIS_IAM_USER: cacheUser?.userName ?? '',
            REDIS_REPLICATION_GROUP_ID: this.cache.replicationGroupId,
            ELASTICSEARCH_URL: `https://${this.search.domainEndpoint}:443`,
            BEDROCK_REGION: env.region,
            BEDROCK_MODEL_ID: bedrockModelId(env.bedrockModelArn),
            ML_SERVICE_URL: mlServiceUrl,
          },
          secrets: { JWT_SECRET: { secretsManagerArn: jwtSecret.secretArn } },
          healthCheck: {
            command: ['CMD-SHELL', `curl -f http://localhost:${BACKEND_PORT}/health || exit 1`],
            startPeriodSeconds: 30,
          },
          writablePaths: ['/tmp'],
        },
      ],
      ecrRepositoryArns: [this.repositories.backend.repositoryArn],
      loadBalancers: [{ targetGroupArn: backendTargets.targetGroupArn }],
      dependsOn: [apiRule.rule],
      autoScaling: {
        minCapacity: env.backend.desiredCount,
        maxCapacity: env.backend.maxCount,
        cpuTargetPercent: env.backend.cpuTargetPercent,
        memoryTargetPercent: false,
      },
      logRetentionInDays: env.logRetentionInDays,
      deploymentAlerts: { topicArn: this.alarmTopic.topicArn },
    });

    // The security-group chain: ALB -> backend:8000 -> ML service:5001, PostgreSQL, cache, search.
    this.alb.connectTo(this.backend.securityGroup, BACKEND_PORT, { key: 'backend' });
    this.mlService.allowFrom(this.backend.securityGroup, ML_SERVICE_PORT, 'Backend to the ML service');
    this.backend.allowTo(this.mlService.securityGroup, ML_SERVICE_PORT, 'ML service (ml-service.internal)');
    this.database.allowFrom(this.backend.securityGroup, 'Backend');
    this.backend.allowTo(this.database.securityGroup, this.database.port, 'PostgreSQL');
    this.cache.allowFrom(this.backend.securityGroup, 'Backend (Celery broker, cache)');
    this.backend.allowTo(this.cache.securityGroup, this.cache.port, 'ElastiCache (TLS)');
    this.search.allowFrom(this.backend.securityGroup, 'Backend');

    // Grants: each exactly what the backend uses.
    this.database.grantMasterSecretRead(this.backend.taskRole);
    this.cache.grantConnect(this.backend.taskRole);
    this.search.grantReadWrite(this.backend.taskRole);
    grantInvokeModel(this.backend.taskRole, [env.bedrockModelArn]);
    jwtSecret.grantRead(this.backend.executionRole);

    // Monitoring: every tier notifies the environment's topic.
    new AlbAlarms(this, 'alb-alarms', {
      name: `${name}-alb`,
      loadBalancer: this.alb,
      targetGroups: { backend: backendTargets },
      topicArn: this.alarmTopic.topicArn,
    });
    new EcsServiceAlarms(this, 'backend-alarms', {
      service: this.backend,
      topicArn: this.alarmTopic.topicArn,
      minimumRunningTasks: env.backend.desiredCount,
    });
    new EcsServiceAlarms(this, 'ml-service-alarms', {
      service: this.mlService,
      topicArn: this.alarmTopic.topicArn,
      minimumRunningTasks: env.mlService.desiredCount,
    });
    new RdsInstanceAlarms(this, 'database-alarms', {
      instance: this.database,
      topicArn: this.alarmTopic.topicArn,
      alarmNamePrefix: `${name}-db`,
    });
    new ElastiCacheAlarms(this, 'cache-alarms', {
      cache: this.cache,
      topicArn: this.alarmTopic.topicArn,
      thresholds: { evictions: 0 }, // a broker must never evict
    });
    new OpenSearchAlarms(this, 'search-alarms', {
      domain: this.search,
      topicArn: this.alarmTopic.topicArn,
    });
    new CloudFrontAlarms(this, 'web-alarms', {
      name: `${name}-web`,
      distributionId: this.site.distributionId,
      topicArn: this.alarmTopic.topicArn,
    });

    this.recordDecisions(env, jwtSecret, edgeWaf === undefined);
    this.outputs(env, cluster.clusterName, jwtSecret.secretArn);
  }

  /**
   * The policy findings this blueprint accepts on purpose, each with its reason (listed in the
   * synth output). Profile-driven ones are suppressed only in the profile that causes them, so the
   * other profile reports an unused suppression if it ever stops being compliant.
   */
  private recordDecisions(env: SentimentEnvironmentConfig, jwtSecret: Secret, noEdgeWaf: boolean): void {
    const costs = 'README "Costs" compares both profiles';
    if (env.profile === 'optimised') {
      PolicySuppressions.add(this.database, [
        {
          id: 'MLM-RDS-007',
          reason: `Profile "optimised": single-AZ database (a host failure is a restore from backup), half the price of Multi-AZ; ${costs}.`,
        },
      ]);
      PolicySuppressions.add(this.cache, [
        {
          id: 'MLM-EC-006',
          reason: `Profile "optimised": one cache node, so there is no replica to fail over to; ${costs}.`,
        },
      ]);
      PolicySuppressions.add(this.search, [
        {
          id: 'MLM-OS-012',
          reason: `Profile "optimised": one OpenSearch node in one AZ (indexes are rebuilt from PostgreSQL); ${costs}.`,
        },
      ]);
    }
    PolicySuppressions.add(this.search, [
      {
        id: 'MLM-OS-010',
        reason:
          'At most three t3.small data nodes elect a master among themselves; three dedicated masters would add ' +
          'about $79 a month, more than the domain itself.',
      },
    ]);
    PolicySuppressions.add(jwtSecret, [
      {
        id: 'MLM-SM-002',
        reason:
          'The JWT signing key has no rotation function: the backend reads one key at task start, and a new key ' +
          'signs every session out. Rotate by hand (put-secret-value, then redeploy the backend) when needed.',
      },
    ]);
    if (noEdgeWaf) {
      PolicySuppressions.add(this.site, [
        {
          id: 'MLM-CF-004',
          reason:
            'The distribution serves only the static React build; the API has its own web ACL on the ALB. ' +
            'waf.cloudFront adds one ($5 + $1 per rule a month).',
        },
      ]);
    }
    if (!env.deletionProtection) {
      const reason = `Environment ${env.name} is disposable (deletionProtection: false in its config), so destroy must work.`;
      PolicySuppressions.add(this.alb, [{ id: 'MLM-ALB-004', reason }]);
      PolicySuppressions.add(this.database, [{ id: 'MLM-RDS-008', reason }]);
    }
  }

  private outputs(env: SentimentEnvironmentConfig, clusterName: string, jwtSecretArn: string): void {
    const out = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description });
    out('app_url', `https://${env.domain.appDomain}`, 'The web app (CloudFront)');
    out('api_url', `https://${env.domain.apiDomain}`, 'The backend API (ALB)');
    out('web_bucket', this.site.bucket.bucketName, 'Bucket the React build is synced to');
    out(
      'distribution_id',
      this.site.distributionId,
      'CloudFront distribution (invalidate /index.html after a deploy)',
    );
    out(
      'backend_repository_url',
      this.repositories.backend.repositoryUrl,
      'ECR repository of the backend image',
    );
    out(
      'ml_service_repository_url',
      this.repositories.mlService.repositoryUrl,
      'ECR repository of the ML service image',
    );
    out('cluster_name', clusterName, 'ECS cluster');
    out('database_secret_arn', this.database.masterUserSecretArn, 'RDS-managed master credentials (rotated)');
    out('jwt_secret_arn', jwtSecretArn, 'JWT signing key (generated by Secrets Manager)');
    out('search_endpoint', this.search.domainEndpoint, 'OpenSearch endpoint (inside the VPC)');
    out('alarm_topic_arn', this.alarmTopic.topicArn, 'SNS topic every alarm notifies');
  }
}
