import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  Cluster,
  FargateService,
  PrivateDnsNamespace,
  ServiceRestartSchedule,
} from '../../../modules/ecs-fargate';
import { Role } from '../../../modules/iam';
import { AlarmTopic, EcsServiceAlarms } from '../../../modules/monitoring';
import { FullStack } from '../../support/full-stack';
import {
  ALB_ARN,
  ALB_SG,
  IMAGE,
  KMS_ARN,
  PARAMETER_ARN,
  SECRET_ARN,
  TARGET_GROUP_ARN,
  serviceProps,
} from './helpers';

/**
 * Every feature on. One service deployed by Terraform (wait for steady state, rollback
 * postcondition, Spot, scaling on CPU, memory and requests, ECS Exec, secrets with KMS, alert to an
 * AlarmTopic, alarms, a scheduled restart) and one deployed by a pipeline (task definition ignored,
 * deploy grant, registered in a Cloud Map private DNS namespace).
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'ecs-fargate');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const cluster = new Cluster(stack, 'cluster', {
    name: 'modelreg-prod',
    containerInsights: 'enhanced',
    executeCommandKmsKeyArn: KMS_ARN,
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
  });
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'modelreg-prod-alarms',
    emails: ['oncall@example.com'],
    allowEventBridgeRules: true,
  });
  const api = new FargateService(
    stack,
    'api',
    serviceProps({
      cluster,
      accountId: '111122223333',
      cpu: 1024,
      memoryMiB: 2048,
      ephemeralStorageGiB: 30,
      logKmsKeyArn: KMS_ARN,
      containers: [
        {
          name: 'api',
          image: IMAGE,
          portMappings: [{ containerPort: 8000 }],
          environment: { LOG_LEVEL: 'info', TOKEN_AUDIENCE: 'registry' },
          notSecrets: ['TOKEN_AUDIENCE'],
          secrets: {
            DB_PASSWORD: { secretsManagerArn: SECRET_ARN, jsonKey: 'password', kmsKeyArn: KMS_ARN },
            JWT_KEY: { ssmParameterArn: PARAMETER_ARN, kmsKeyArn: KMS_ARN },
          },
          healthCheck: {
            command: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'],
            startPeriodSeconds: 30,
          },
          readonlyRootFilesystem: false,
          dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
        },
        {
          name: 'migrate',
          image: IMAGE,
          essential: false,
          command: ['python', '-m', 'app.migrate'],
          writablePaths: ['/tmp'],
        },
      ],
      loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }],
      allowedSources: { securityGroupIds: [ALB_SG] },
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 2, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      ],
      enableExecuteCommand: true,
      waitForSteadyState: true,
      autoScaling: {
        minCapacity: 2,
        maxCapacity: 10,
        requestCount: { targetGroupArn: TARGET_GROUP_ARN, loadBalancerArn: ALB_ARN, requestsPerTask: 1000 },
      },
      deploymentAlerts: { topicArn: topic.topicArn },
      tags: { Service: 'api' },
    }),
  );
  api.allowTo({ securityGroupId: 'sg-0bbbbbbbbbbbbbbbb' }, 5432, 'PostgreSQL');
  new EcsServiceAlarms(stack, 'api-alarms', {
    service: api,
    topicArn: topic.topicArn,
    minimumRunningTasks: 2,
  });

  const internal = new PrivateDnsNamespace(stack, 'internal', {
    name: 'internal',
    vpcId: 'vpc-0123456789abcdef0',
  });
  const worker = new FargateService(
    stack,
    'worker',
    serviceProps({
      name: 'modelreg-prod-worker',
      cluster,
      imageTagOwner: 'pipeline',
      cpuArchitecture: 'ARM64',
      containers: [
        { name: 'worker', image: IMAGE, writablePaths: ['/tmp'], portMappings: [{ containerPort: 5001 }] },
      ],
      cloudMap: { namespace: internal, name: 'worker', dnsTtlInSeconds: 30 },
      httpsEgress: { securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'], prefixListIds: ['pl-63a5400a'] },
    }),
  );
  const deployer = new Role(stack, 'deployer', {
    name: 'modelreg-deployer',
    assumedBy: ['codebuild.amazonaws.com'],
  });
  worker.grantDeploy(deployer);
  // Rolls the API's tasks after its database password rotates (secrets are read at task start).
  new ServiceRestartSchedule(stack, 'api-restart', {
    name: 'modelreg-prod-api-restart',
    region: 'us-east-1',
    service: { clusterArn: cluster.clusterArn, serviceName: api.serviceName, serviceArn: api.serviceArn },
    scheduleExpression: 'cron(15 4 ? * SUN *)',
  });

  return stack;
}

export const fullStack: FullStack = {
  name: 'ecs-fargate',
  description:
    'two Fargate services (Terraform- and pipeline-deployed): scaling, Exec, secrets, alarms, scheduled restart',
  build,
  expectations: {
    'plans two services, two task definitions and the scaling of one': (plan) => {
      expect(plan.ofType('aws_ecs_service')).toHaveLength(2);
      expect(plan.ofType('aws_ecs_task_definition')).toHaveLength(2);
      expect(plan.ofType('aws_appautoscaling_policy')).toHaveLength(3);
      expect(plan.ofType('aws_cloudwatch_metric_alarm')).toHaveLength(4);
      expect(plan.ofType('aws_scheduler_schedule')).toHaveLength(1);
    },
    'registers the pipeline-deployed service in the private DNS namespace': (plan) => {
      expect(plan.afterOf('aws_service_discovery_private_dns_namespace')).toEqual([
        expect.objectContaining({ name: 'internal', vpc: 'vpc-0123456789abcdef0' }),
      ]);
      expect(plan.afterOf('aws_service_discovery_service')).toEqual([
        expect.objectContaining({
          name: 'worker',
          dns_config: [
            expect.objectContaining({ dns_records: [{ ttl: 30, type: 'A' }], routing_policy: 'MULTIVALUE' }),
          ],
        }),
      ]);
    },
    'keeps the container definitions the provider will register (secrets by ARN only)': (plan) => {
      const api = plan.afterOf('aws_ecs_task_definition').find((t) => t.family === 'modelreg-prod-api');
      const containers = JSON.parse(String(api?.container_definitions)) as {
        name: string;
        secrets?: { name: string; valueFrom: string }[];
      }[];
      expect(containers.map((c) => c.name).sort()).toEqual(['api', 'migrate']);
      expect(containers.find((c) => c.name === 'api')?.secrets).toEqual([
        { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
        { name: 'JWT_KEY', valueFrom: PARAMETER_ARN },
      ]);
    },
  },
};
