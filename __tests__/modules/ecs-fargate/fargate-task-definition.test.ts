import { TerraformVariable } from 'cdktf';
import {
  DeploymentFailureAlert,
  FargateTaskDefinition,
  FargateTaskDefinitionProps,
  ServiceAutoScaling,
} from '../../../modules/ecs-fargate';
import { ecrRepositoryArnOf } from '../../../modules/ecs-fargate/fargate-task-definition';
import { eventBridgePublishStatement } from '../../../modules/ecs-fargate/deployment-alert';
import { requestCountResourceLabel } from '../../../modules/ecs-fargate/service-auto-scaling';
import {
  ALB_ARN,
  IMAGE,
  TARGET_GROUP_ARN,
  TOPIC_ARN,
  expectProblem,
  newStack,
  only,
  problemsOf,
  synth,
} from './helpers';

const BASE: FargateTaskDefinitionProps = {
  family: 'batch-scorer',
  region: 'us-east-1',
  cpu: 1024,
  memoryMiB: 2048,
  containers: [{ name: 'scorer', image: IMAGE }],
};

describe('FargateTaskDefinition on its own', () => {
  it('registers the family with its own log group and roles', () => {
    const stack = newStack();
    const def = new FargateTaskDefinition(stack, 'task', BASE);
    const { json } = synth(stack);
    expect(only(json, 'aws_ecs_task_definition')).toMatchObject({
      family: 'batch-scorer',
      cpu: '1024',
      memory: '2048',
    });
    expect(only(json, 'aws_cloudwatch_log_group').name).toBe('/ecs/batch-scorer');
    expect(def.logGroupName).toBe('/ecs/batch-scorer');
    expect(def.defaultContainer).toBeUndefined();
  });

  it('picks the first essential container with a port as the default', () => {
    const def = new FargateTaskDefinition(newStack(), 'task', {
      ...BASE,
      containers: [
        { name: 'init', image: IMAGE, essential: false, portMappings: [{ containerPort: 9000 }] },
        { name: 'app', image: IMAGE, portMappings: [{ containerPort: 8080 }] },
      ],
    });
    expect(def.defaultContainer?.name).toBe('app');
  });

  it.each([
    [
      'family with a dot',
      { family: 'batch.scorer' },
      { field: 'family', value: 'batch.scorer', problem: /1-255 letters/, fix: /modelreg-prod-api/ },
    ],
    [
      'empty region',
      { region: '' },
      { field: 'region', value: '', problem: /is required/, fix: /us-east-1/ },
    ],
  ])('refuses a %s', (_name, props, expected) => {
    expectProblem(
      problemsOf(() => new FargateTaskDefinition(newStack(), 'task', { ...BASE, ...props })),
      expected,
    );
  });

  it.each([
    [IMAGE, 'arn:aws:ecr:us-east-1:111122223333:repository/modelreg/api'],
    [
      '111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1',
      'arn:aws-cn:ecr:cn-north-1:111122223333:repository/app',
    ],
    [
      `111122223333.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${'b'.repeat(64)}`,
      'arn:aws:ecr:eu-west-1:111122223333:repository/app',
    ],
    ['public.ecr.aws/nginx/nginx:1.27', undefined],
    ['ghcr.io/acme/app:1.0.0', undefined],
  ])('the ECR repository of %s is %s', (image, arn) => {
    expect(ecrRepositoryArnOf(image)).toBe(arn);
  });
});

describe('ServiceAutoScaling helpers', () => {
  it('computes the request-count label from literal ARNs', () => {
    expect(requestCountResourceLabel(ALB_ARN, TARGET_GROUP_ARN)).toBe(
      'app/public/fedcba9876543210/targetgroup/api/0123456789abcdef',
    );
  });

  it('leaves the label to Terraform when the ARNs are references', () => {
    const stack = newStack();
    const lb = new TerraformVariable(stack, 'lb', { type: 'string' }).stringValue;
    const tg = new TerraformVariable(stack, 'tg', { type: 'string' }).stringValue;
    new ServiceAutoScaling(stack, 'scaling', {
      clusterName: 'c',
      serviceName: 's',
      namePrefix: 's',
      minCapacity: 1,
      maxCapacity: 2,
      cpuTargetPercent: false,
      memoryTargetPercent: false,
      requestCount: { loadBalancerArn: lb, targetGroupArn: tg, requestsPerTask: 500 },
    });
    const label = only(synth(stack).json, 'aws_appautoscaling_policy')
      .target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label;
    expect(label).toBe('${element(split(":loadbalancer/", var.lb), 1)}/${element(split(":", var.tg), 5)}');
  });
});

describe('DeploymentFailureAlert on its own', () => {
  it.each([
    [
      'a rule name over 64 characters',
      { ruleName: 'r'.repeat(65) },
      { field: 'ruleName', problem: /1-64 letters/, fix: /deploy-failed/ },
    ],
    [
      'a topic that is not an ARN',
      { topicArn: 'alarms' },
      { field: 'topicArn', value: 'alarms', problem: /not an SNS topic ARN/, fix: /AlarmTopic/ },
    ],
  ])('refuses %s', (_name, props, expected) => {
    expectProblem(
      problemsOf(
        () =>
          new DeploymentFailureAlert(newStack(), 'alert', {
            ruleName: 'api-deploy-failed',
            serviceArn: 'arn:aws:ecs:us-east-1:111122223333:service/c/api',
            serviceName: 'api',
            topicArn: TOPIC_ARN,
            ...props,
          }),
      ),
      expected,
    );
  });

  it('accepts a 64-character rule name', () => {
    expect(
      () =>
        new DeploymentFailureAlert(newStack(), 'alert', {
          ruleName: 'r'.repeat(64),
          serviceArn: 'arn:aws:ecs:us-east-1:111122223333:service/c/api',
          serviceName: 'api',
          topicArn: TOPIC_ARN,
        }),
    ).not.toThrow();
  });

  it('gives the topic-policy statement for topics that are not an AlarmTopic', () => {
    expect(
      eventBridgePublishStatement(TOPIC_ARN, [
        'arn:aws:events:us-east-1:111122223333:rule/api-deploy-failed',
      ]),
    ).toEqual({
      sid: 'AllowEventBridgeRulesToPublish',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [TOPIC_ARN],
      condition: [
        {
          test: 'ArnEquals',
          variable: 'aws:SourceArn',
          values: ['arn:aws:events:us-east-1:111122223333:rule/api-deploy-failed'],
        },
      ],
    });
  });
});
