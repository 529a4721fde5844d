import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { Vpc } from '../../modules/vpc';
import { SecureBucket } from '../../modules/s3';
import { Certificate } from '../../modules/certificate';
import { AliasRecord, loadBalancerAliasTarget } from '../../modules/dns';
import { ApplicationLoadBalancer, ListenerRule, TargetGroup } from '../../modules/alb';
import { WebAcl } from '../../modules/waf';
import { Cluster, FargateService, ServiceRestartSchedule } from '../../modules/ecs-fargate';
import { PostgresInstance } from '../../modules/rds-postgres';
import { Repository } from '../../modules/ecr';
import { StringParameter } from '../../modules/ssm';
import { AlarmTopic, AlbAlarms, EcsServiceAlarms, RdsInstanceAlarms } from '../../modules/monitoring';
import { SystemStack, SystemStackProps } from '../shared/system-stack';
import { capacityStrategy } from '../shared/blueprint-config';
import { MlcicdEnvironmentConfig, validateMlcicdEnvironment } from './config';

/** Port the MLflow tracking server listens on (its default). */
export const MLFLOW_PORT = 5000;
/** Key prefix of MLflow's artifacts in the artifact bucket. */
export const ARTIFACTS_PREFIX = 'artifacts/';
/** Name of MLflow's database and of the database user it connects as (RDS's master user). */
export const MLFLOW_DATABASE = 'mlflow';

/**
 * The shell line the MLflow container runs. The backend-store URI comes from SSM without a
 * password; PostgreSQL's client library (libpq, under psycopg2 and SQLAlchemy) takes the password
 * from `PGPASSWORD`, which ECS injects from the RDS-managed secret, so it appears in no URI, no
 * parameter and no task definition. Artifacts are proxied (`--serve-artifacts`): clients upload
 * through MLflow and need no S3 credentials; only the task role may write the bucket.
 */
export const MLFLOW_COMMAND = [
  'sh',
  '-c',
  'exec mlflow server --host 0.0.0.0 --port 5000 --workers "$MLFLOW_WORKERS" ' +
    '--backend-store-uri "$MLFLOW_BACKEND_STORE_URI" ' +
    '--artifacts-destination "$MLFLOW_ARTIFACTS_DESTINATION" --serve-artifacts',
];

/**
 * One environment of the ML CI/CD platform (seed 002): the MLflow tracking server and the
 * model-serving API on ECS Fargate behind one HTTPS load balancer, RDS PostgreSQL as MLflow's
 * backend store, an S3 artifact store, ECR repositories, SSM parameters for clients, alarms.
 *
 * Traffic: clients -> ALB (443; 80 redirects) -> host rule -> tasks (5000 / serving port) ->
 * PostgreSQL (5432). Each hop is one security-group pair; nothing else is open. MLflow's host
 * rule admits only `mlflowAdminCidrs`; other sources get the listener's 404.
 *
 * Wiring runs one way: network -> storage -> edge (certificate, load balancer, WAF) -> data ->
 * compute -> parameters -> monitoring.
 */
export class MlcicdStack extends SystemStack<MlcicdEnvironmentConfig> {
  public readonly vpc: Vpc;
  public readonly artifactBucket: SecureBucket;
  public readonly logBucket: SecureBucket;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly database: PostgresInstance;
  public readonly cluster: Cluster;
  public readonly mlflow: FargateService;
  public readonly serving: FargateService;
  public readonly alarmTopic: AlarmTopic;
  public readonly repositories: { readonly mlflow: Repository; readonly serving: Repository };

  constructor(scope: Construct, id: string, props: SystemStackProps<MlcicdEnvironmentConfig>) {
    // Configuration first: a bad environment creates nothing.
    validateMlcicdEnvironment(props.environment);
    super(scope, id, props, 'mlcicd');
    const env = props.environment;
    const name = this.stackName;
    const azs = [...env.availabilityZones];

    // Network
    this.vpc = new Vpc(this, 'network', {
      name,
      cidrBlock: env.vpcCidr,
      availabilityZones: azs,
      natGateways: env.natGateways,
      flowLogs: { destination: 'cloudWatch', retentionInDays: env.logRetentionInDays },
      gatewayEndpoints: ['s3'],
      interfaceEndpoints: [...env.interfaceEndpoints],
    });

    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      topicName: `${name}-alarms`,
      emails: [...env.alarmEmails],
      // ECS deployment-failure alerts are EventBridge rules, not alarms.
      allowEventBridgeRules: true,
    });

    // Storage: one log bucket (load balancer logs, S3 server access logs) and the artifact store.
    const bucketName = (purpose: string) => `${props.project.bucketPrefix}-${name}-${purpose}-${env.region}`;
    const logBucketName = bucketName('logs');
    // Literal names (not the bucket's attribute), so task definitions hold no apply-time value.
    const artifactBucketName = bucketName('artifacts');
    this.artifactBucket = new SecureBucket(this, 'artifacts', {
      bucketName: artifactBucketName,
      noncurrentVersionExpirationInDays: env.artifacts.noncurrentVersionExpirationInDays,
      lifecycleRules: [
        {
          id: 'artifacts-intelligent-tiering',
          status: 'Enabled',
          filter: [{ prefix: ARTIFACTS_PREFIX }],
          transition: [
            { days: env.artifacts.intelligentTieringAfterDays, storageClass: 'INTELLIGENT_TIERING' },
          ],
        },
      ],
      accessLogging: { targetBucket: logBucketName, targetPrefix: 's3-access/artifacts/' },
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
        sourceBucketArns: [this.artifactBucket.bucketArn],
        targetPrefix: 's3-access/',
      },
    });

    // Edge: certificate for both hosts, the load balancer, its web ACL.
    const certificate = new Certificate(this, 'certificate', {
      domainName: env.dns.servingHostName,
      subjectAlternativeNames: [env.dns.mlflowHostName],
      hostedZoneId: env.dns.hostedZoneId,
      hostedZoneName: env.dns.zoneName,
    });
    this.loadBalancer = new ApplicationLoadBalancer(this, 'alb', {
      name,
      region: env.region,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.publicSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      certificateArn: certificate.certificateArn,
      deletionProtection: env.loadBalancerDeletionProtection,
      accessLogs: { bucket: this.logBucket, prefix: 'alb' },
    });
    if (env.webAcl) {
      const waf = new WebAcl(this, 'waf', {
        name,
        scope: 'REGIONAL',
        // Artifact uploads (through MLflow's proxy) and inference payloads exceed the rule's 8 KB.
        commonRuleSet: { countRules: ['SizeRestrictions_BODY'] },
        logging: { retentionInDays: env.logRetentionInDays },
      });
      waf.associate(this.loadBalancer.loadBalancerArn, 'alb');
    }

    const mlflowTargets = this.loadBalancer.addTargetGroup('mlflow', {
      name: `${name}-mlflow`,
      targetType: 'ip',
      port: MLFLOW_PORT,
      healthCheck: { path: '/health' },
    });
    const servingTargets = this.loadBalancer.addTargetGroup('serving', {
      name: `${name}-serving`,
      targetType: 'ip',
      port: env.serving.containerPort,
      healthCheck: { path: env.serving.healthCheckPath },
    });
    // MLflow has no login of its own here: only the admin networks reach it (3 source blocks per rule).
    const mlflowRules: ListenerRule[] = [];
    for (let i = 0; i < env.mlflowAdminCidrs.length; i += 3) {
      mlflowRules.push(
        this.loadBalancer.addRule(i === 0 ? 'mlflow' : `mlflow-${i / 3 + 1}`, {
          priority: 10 + i / 3,
          hostHeaders: [env.dns.mlflowHostName],
          sourceCidrs: env.mlflowAdminCidrs.slice(i, i + 3),
          targetGroup: mlflowTargets,
        }),
      );
    }
    const servingRule = this.loadBalancer.addRule('serving', {
      priority: 100,
      hostHeaders: [env.dns.servingHostName],
      targetGroup: servingTargets,
    });
    for (const [key, host] of [
      ['mlflow-dns', env.dns.mlflowHostName],
      ['serving-dns', env.dns.servingHostName],
    ] as const) {
      new AliasRecord(this, key, {
        zoneId: env.dns.hostedZoneId,
        zoneName: env.dns.zoneName,
        recordName: host,
        target: loadBalancerAliasTarget(this.loadBalancer),
      });
    }

    // Data: MLflow's backend store.
    this.database = new PostgresInstance(this, 'database', {
      identifier: `${name}-mlflow-db`,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      availabilityZones: this.vpc.availabilityZones,
      instanceClass: env.database.instanceClass,
      allocatedStorageInGiB: env.database.allocatedStorageInGiB,
      maxAllocatedStorageInGiB: env.database.maxAllocatedStorageInGiB,
      multiAz: env.database.multiAz,
      deletionProtection: env.database.deletionProtection,
      backupRetentionInDays: env.database.backupRetentionInDays,
      databaseName: MLFLOW_DATABASE,
      masterUsername: MLFLOW_DATABASE,
      masterPasswordRotation: {
        scheduleExpression: env.database.passwordRotationSchedule,
        windowInHours: env.database.passwordRotationWindowInHours,
      },
      logRetentionInDays: env.logRetentionInDays,
    });

    // Parameters clients and pipelines read: where MLflow's stores are, never a password.
    const parameterPath = `/mlcicd/${env.name}/mlflow`;
    const parameter = (pid: string, leaf: string, value: string, description: string) =>
      new StringParameter(this, pid, { name: `${parameterPath}/${leaf}`, value, description });
    const backendStoreUri = parameter(
      'backend-store-uri',
      'backend-store-uri',
      `postgresql://${this.database.masterUsername}@${this.database.endpointAddress}:${this.database.port}/${MLFLOW_DATABASE}?sslmode=require`,
      'MLflow backend store URI without a password: libpq reads PGPASSWORD (from the db-secret-arn secret)',
    );
    const artifactRoot = `s3://${artifactBucketName}/${ARTIFACTS_PREFIX.replace(/\/$/, '')}`;
    parameter(
      'artifact-root',
      'artifact-root',
      artifactRoot,
      'MLflow artifact root (proxied by the tracking server)',
    );
    parameter(
      'db-host',
      'db-host',
      this.database.endpointAddress,
      'PostgreSQL host of the MLflow backend store',
    );
    parameter('db-port', 'db-port', String(this.database.port), 'PostgreSQL port');
    parameter('db-name', 'db-name', MLFLOW_DATABASE, 'PostgreSQL database of MLflow');
    parameter(
      'db-secret-arn',
      'db-secret-arn',
      this.database.masterUserSecretArn,
      'Secrets Manager secret (RDS-managed, rotated) with {"username", "password"}',
    );
    parameter('tracking-uri', 'tracking-uri', `https://${env.dns.mlflowHostName}`, 'MLflow tracking URI');

    // Compute
    this.cluster = new Cluster(this, 'cluster', { name });
    this.repositories = {
      mlflow: new Repository(this, 'mlflow-image', { repositoryName: `${name}/mlflow` }),
      serving: new Repository(this, 'serving-image', { repositoryName: `${name}/model-serving` }),
    };

    this.mlflow = new FargateService(this, 'mlflow', {
      name: `${name}-mlflow`,
      region: env.region,
      cluster: this.cluster,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      cpu: env.mlflow.cpu,
      memoryMiB: env.mlflow.memoryMiB,
      desiredCount: env.mlflow.desiredCount,
      capacityProviderStrategy: capacityStrategy(env.mlflow.spot),
      ecrRepositoryArns: [this.repositories.mlflow.repositoryArn],
      logRetentionInDays: env.logRetentionInDays,
      containers: [
        {
          name: 'mlflow',
          image: `${this.repositories.mlflow.repositoryUrl}:${env.mlflow.imageTag}`,
          portMappings: [{ containerPort: MLFLOW_PORT }],
          command: MLFLOW_COMMAND,
          environment: {
            MLFLOW_WORKERS: String(env.mlflow.workers),
            MLFLOW_ARTIFACTS_DESTINATION: artifactRoot,
            AWS_DEFAULT_REGION: env.region,
            // A non-root uid without a home directory: caches and uploads go to the writable /tmp.
            HOME: '/tmp',
          },
          secrets: {
            MLFLOW_BACKEND_STORE_URI: { ssmParameterArn: backendStoreUri.parameterArn },
            PGPASSWORD: { secretsManagerArn: this.database.masterUserSecretArn, jsonKey: 'password' },
          },
          writablePaths: ['/tmp'],
        },
      ],
      loadBalancers: [{ targetGroupArn: mlflowTargets.targetGroupArn }],
      dependsOn: mlflowRules.map((r) => r.rule),
      deploymentAlerts: { topicArn: this.alarmTopic.topicArn },
    });
    this.serving = new FargateService(this, 'serving', {
      name: `${name}-serving`,
      region: env.region,
      cluster: this.cluster,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnetIds,
      cpu: env.serving.cpu,
      memoryMiB: env.serving.memoryMiB,
      capacityProviderStrategy: capacityStrategy(env.serving.spot),
      ecrRepositoryArns: [this.repositories.serving.repositoryArn],
      logRetentionInDays: env.logRetentionInDays,
      containers: [
        {
          name: 'serving',
          image: `${this.repositories.serving.repositoryUrl}:${env.serving.imageTag}`,
          portMappings: [{ containerPort: env.serving.containerPort }],
          environment: {
            PORT: String(env.serving.containerPort),
            MODEL_BUCKET: artifactBucketName,
            MODEL_PREFIX: ARTIFACTS_PREFIX,
            AWS_DEFAULT_REGION: env.region,
            HOME: '/tmp',
          },
          writablePaths: ['/tmp'],
        },
      ],
      loadBalancers: [{ targetGroupArn: servingTargets.targetGroupArn }],
      dependsOn: [servingRule.rule],
      autoScaling: {
        minCapacity: env.serving.scaling.minCapacity,
        maxCapacity: env.serving.scaling.maxCapacity,
        cpuTargetPercent: env.serving.scaling.cpuTargetPercent,
        memoryTargetPercent: env.serving.scaling.memoryTargetPercent ?? false,
      },
      deploymentAlerts: { topicArn: this.alarmTopic.topicArn },
    });

    // The chain: ALB -> tasks on their ports -> PostgreSQL 5432 (MLflow only).
    this.loadBalancer.connectTo(this.mlflow.securityGroup, MLFLOW_PORT, { key: 'mlflow' });
    this.loadBalancer.connectTo(this.serving.securityGroup, env.serving.containerPort, { key: 'serving' });
    this.database.allowFrom(this.mlflow.securityGroup, 'MLflow tracking server');

    // Grants: MLflow proxies artifacts (read and write); serving loads models (read only).
    this.artifactBucket.grantReadWrite(this.mlflow.taskRole, ARTIFACTS_PREFIX);
    this.artifactBucket.grantRead(this.serving.taskRole, ARTIFACTS_PREFIX);

    // The password rotates weekly; ECS injected it at task start, so restart MLflow after the window.
    new ServiceRestartSchedule(this, 'mlflow-restart', {
      name: `${name}-mlflow-restart`,
      region: env.region,
      service: {
        clusterArn: this.cluster.clusterArn,
        serviceName: this.mlflow.serviceName,
        serviceArn: this.mlflow.serviceArn,
      },
      scheduleExpression: env.database.clientRestartSchedule,
      description: `Restart MLflow after the database password rotation (${env.database.passwordRotationSchedule}, ${env.database.passwordRotationWindowInHours} h)`,
    });

    // Monitoring: every tier notifies the environment's topic.
    new AlbAlarms(this, 'alb-alarms', {
      name: `${name}-alb`,
      loadBalancer: this.loadBalancer,
      targetGroups: { mlflow: mlflowTargets, serving: servingTargets } as Record<string, TargetGroup>,
      alarmTopicArn: this.alarmTopic.topicArn,
      thresholds: {
        target5xxRatePercent: env.alarms.target5xxRatePercent,
        responseTimeP90Seconds: env.alarms.responseTimeP90Seconds,
        responseTimeP99Seconds: env.alarms.responseTimeP99Seconds,
      },
    });
    for (const [key, service, minimum] of [
      ['mlflow', this.mlflow, env.mlflow.desiredCount],
      ['serving', this.serving, env.serving.scaling.minCapacity],
    ] as const) {
      new EcsServiceAlarms(this, `${key}-alarms`, {
        service,
        topicArn: this.alarmTopic.topicArn,
        cpuThresholdPercent: env.alarms.ecsCpuPercent,
        memoryThresholdPercent: env.alarms.ecsMemoryPercent,
        minimumRunningTasks: minimum,
      });
    }
    new RdsInstanceAlarms(this, 'database-alarms', {
      instance: this.database,
      topicArn: this.alarmTopic.topicArn,
      thresholds: {
        cpuUtilizationPercent: env.alarms.rdsCpuPercent,
        freeStorageSpaceInGiB: env.alarms.rdsFreeStorageGiB,
      },
    });

    const output = (oid: string, value: string, description: string) =>
      new TerraformOutput(this, oid, { value, description });
    output(
      'mlflow_url',
      `https://${env.dns.mlflowHostName}`,
      'MLflow UI and tracking URI (admin networks only)',
    );
    output('serving_url', `https://${env.dns.servingHostName}`, 'Model-serving API');
    output('load_balancer_dns_name', this.loadBalancer.loadBalancerDnsName, 'Load balancer DNS name');
    output('artifact_bucket', this.artifactBucket.bucketName, 'S3 artifact store (artifacts/)');
    output(
      'mlflow_repository_url',
      this.repositories.mlflow.repositoryUrl,
      'ECR repository of the MLflow image',
    );
    output(
      'serving_repository_url',
      this.repositories.serving.repositoryUrl,
      'ECR repository of the serving image',
    );
    output('cluster_name', this.cluster.clusterName, 'ECS cluster');
    output('database_endpoint', this.database.endpointAddress, 'PostgreSQL endpoint (private)');
    output('database_secret_arn', this.database.masterUserSecretArn, 'RDS-managed master secret (rotated)');
    output('parameter_path', parameterPath, 'SSM path of the MLflow client parameters');
    output('alarm_topic_arn', this.alarmTopic.topicArn, 'SNS topic every alarm notifies');
  }
}
