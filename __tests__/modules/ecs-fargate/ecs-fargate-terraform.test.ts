import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { Cluster, FargateService, ServiceRestartSchedule } from '../../../modules/ecs-fargate';
import { Role } from '../../../modules/iam';
import { AlarmTopic, EcsServiceAlarms } from '../../../modules/monitoring';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';
import {
  ALB_ARN,
  ALB_SG,
  IMAGE,
  KMS_ARN,
  PARAMETER_ARN,
  SECRET_ARN,
  TARGET_GROUP_ARN,
  newStack,
  serviceProps,
} from './helpers';

/**
 * Every feature on, against the real AWS provider: `terraform validate` and an offline plan (mock
 * credentials, no refresh). One service deployed by Terraform (wait for steady state, rollback
 * postcondition, Spot, scaling on CPU, memory and requests, ECS Exec, secrets with KMS, alert to an
 * AlarmTopic, alarms, a scheduled restart) and one deployed by a pipeline (task definition ignored, deploy grant).
 */
describeWithTerraform('ecs-fargate against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-fargate-'));
  const stack = newStack('ecs');
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

  const worker = new FargateService(
    stack,
    'worker',
    serviceProps({
      name: 'modelreg-prod-worker',
      cluster,
      imageTagOwner: 'pipeline',
      cpuArchitecture: 'ARM64',
      containers: [{ name: 'worker', image: IMAGE, writablePaths: ['/tmp'] }],
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

  const synthesized = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, unknown>>;
    provider: Record<string, Record<string, unknown>[]>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init and validate succeed without warnings', () => {
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });

  describe('offline plan', () => {
    let changes: readonly PlanResourceChange[] = [];
    beforeAll(() => {
      const plan = runTerraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
        dir,
        env,
      );
      if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
      const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
      const json = JSON.parse(show.stdout) as TerraformPlanJson;
      changes = (json.resource_changes ?? []).filter((c) => c.mode === 'managed');
    });
    const ofType = (type: string) => changes.filter((c) => c.type === type);

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans two services, two task definitions and the scaling of one', () => {
      expect(ofType('aws_ecs_service')).toHaveLength(2);
      expect(ofType('aws_ecs_task_definition')).toHaveLength(2);
      expect(ofType('aws_appautoscaling_policy')).toHaveLength(3);
      expect(ofType('aws_cloudwatch_metric_alarm')).toHaveLength(4);
      expect(ofType('aws_scheduler_schedule')).toHaveLength(1);
    });

    it('keeps the container definitions the provider will register (secrets by ARN only)', () => {
      const api = ofType('aws_ecs_task_definition').find(
        (c) => (c.change.after as { family?: string }).family === 'modelreg-prod-api',
      ) as PlanResourceChange;
      const containers = JSON.parse(
        (api.change.after as { container_definitions: string }).container_definitions,
      ) as {
        name: string;
        secrets?: { name: string; valueFrom: string }[];
      }[];
      expect(containers.map((c) => c.name).sort()).toEqual(['api', 'migrate']);
      expect(containers.find((c) => c.name === 'api')?.secrets).toEqual([
        { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
        { name: 'JWT_KEY', valueFrom: PARAMETER_ARN },
      ]);
    });
  });
});
