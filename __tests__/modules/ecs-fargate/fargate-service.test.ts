import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { Cluster, FargateService, FargateServiceProps } from '../../../modules/ecs-fargate';
import { Role } from '../../../modules/iam';
import { PolicySuppressions } from '../../../modules/policy';
import { lazy } from '../../support/lazy';
import {
  ACCOUNT,
  ALB_ARN,
  ALB_SG,
  CLUSTER,
  IMAGE,
  KMS_ARN,
  Loose,
  PARAMETER_ARN,
  SECRET_ARN,
  TARGET_GROUP_ARN,
  TOPIC_ARN,
  all,
  containersOf,
  newStack,
  only,
  serviceProps,
  statementsOf,
  synth,
} from './helpers';

function build(overrides: Partial<FargateServiceProps> = {}, after?: (s: FargateService) => void) {
  const stack = newStack();
  const service = new FargateService(stack, 'api', serviceProps(overrides));
  after?.(service);
  return { service, stack, ...synth(stack) };
}

function warnings(scope: IConstruct): string[] {
  return scope.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

/** The ingress / egress rules of the service's security group, as compact objects. */
function rules(json: Loose, type: 'ingress' | 'egress') {
  return all(json, `aws_vpc_security_group_${type}_rule`)
    .map((r: Loose) => ({
      port: r.from_port,
      cidr: r.cidr_ipv4,
      sg: r.referenced_security_group_id,
      pl: r.prefix_list_id,
    }))
    .sort((a: Loose, b: Loose) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('FargateService', () => {
  describe('defaults', () => {
    const built = lazy(() => build());
    const ecs = lazy(() => only(built().json, 'aws_ecs_service'));
    const td = lazy(() => only(built().json, 'aws_ecs_task_definition'));

    it('runs one task on on-demand Fargate, LATEST platform, private (no public IP)', () => {
      expect(ecs()).toMatchObject({
        name: 'modelreg-prod-api',
        cluster: CLUSTER.clusterArn,
        desired_count: 1,
        capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1, base: 0 }],
        platform_version: 'LATEST',
        network_configuration: {
          assign_public_ip: false,
          subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        },
      });
      expect(ecs().launch_type).toBeUndefined();
    });

    it('deploys with the circuit breaker rolling back, 100/200 percent, tags propagated from the service', () => {
      expect(ecs()).toMatchObject({
        deployment_circuit_breaker: { enable: true, rollback: true },
        deployment_controller: { type: 'ECS' },
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 200,
        propagate_tags: 'SERVICE',
        enable_ecs_managed_tags: true,
        force_new_deployment: true,
      });
    });

    it('keeps ECS Exec off, does not wait for steady state, ignores nothing, sets no grace period', () => {
      expect(ecs().enable_execute_command).toBe(false);
      expect(ecs().wait_for_steady_state).toBe(false);
      expect(ecs().lifecycle).toBeUndefined();
      expect(ecs().health_check_grace_period_seconds).toBeUndefined();
      expect(ecs().load_balancer).toBeUndefined();
    });

    it('runs the revision this stack registers and waits for the execution role policy', () => {
      expect(ecs().task_definition).toMatch(
        /^\$\{aws_ecs_task_definition\.api_task_task-definition_[0-9A-F]+\.arn\}$/,
      );
      expect(ecs().depends_on).toEqual([
        expect.stringMatching(/^aws_iam_role_policy\.api_task_execution-role_policy_/),
      ]);
    });

    it('registers a Fargate task definition that survives replacement (skip_destroy, create before destroy)', () => {
      expect(td()).toMatchObject({
        family: 'modelreg-prod-api',
        requires_compatibilities: ['FARGATE'],
        network_mode: 'awsvpc',
        cpu: '512',
        memory: '1024',
        runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
        skip_destroy: true,
        lifecycle: { create_before_destroy: true },
        depends_on: [expect.stringMatching(/^aws_cloudwatch_log_group\./)],
      });
      expect(td().ephemeral_storage).toBeUndefined();
      expect(td().volume).toBeUndefined();
    });

    it('runs the container non-root, read-only, with an init process, logging to its log group', () => {
      const { json } = built();
      expect(containersOf(json)).toEqual([
        {
          name: 'api',
          image: IMAGE,
          essential: true,
          cpu: 0,
          user: '1000:1000',
          readonlyRootFilesystem: true,
          portMappings: [{ containerPort: 8000, hostPort: 8000, protocol: 'tcp' }],
          linuxParameters: { initProcessEnabled: true },
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/modelreg-prod-api',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'modelreg-prod-api',
              mode: 'non-blocking',
              'max-buffer-size': '25m',
            },
          },
        },
      ]);
      expect(only(json, 'aws_cloudwatch_log_group')).toEqual({
        name: '/ecs/modelreg-prod-api',
        retention_in_days: 30,
        tags: { Name: '/ecs/modelreg-prod-api' },
      });
    });

    it('creates two roles; the task role has no permissions', () => {
      const { json, service } = built();
      const roles = all(json, 'aws_iam_role').map((r: Loose) => r.name);
      expect(roles.sort()).toEqual(['modelreg-prod-api-execution', 'modelreg-prod-api-task']);
      expect(td().execution_role_arn).not.toBe(td().task_role_arn);
      expect(all(json, 'aws_iam_role_policy').map((p: Loose) => p.name)).toEqual([
        'modelreg-prod-api-execution-access',
      ]);
      expect(service.taskRole.policyStatements).toEqual([]);
    });

    it('lets the execution role pull from the image repository only, and write to its log group', () => {
      const { json } = built();
      const statements = statementsOf(json, 'execution-role_policy-document');
      expect(statements.map((s: Loose) => [s.sid, s.actions, s.resources])).toEqual([
        ['EcrLogin', ['ecr:GetAuthorizationToken'], ['*']],
        [
          'EcrPull',
          ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/modelreg/api`],
        ],
        [
          'LogsWrite',
          ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          [expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}:\*$/)],
        ],
      ]);
    });

    it('trusts ecs-tasks.amazonaws.com without conditions when no account id is given', () => {
      const { json } = built();
      const trust = statementsOf(json, 'task-role_trust-policy')[0];
      expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }]);
      expect(trust.condition).toBeUndefined();
    });

    it('gets a security group with HTTPS egress to anywhere and no ingress', () => {
      const { json } = built();
      expect(only(json, 'aws_security_group')).toMatchObject({
        name: 'modelreg-prod-api-tasks',
        description: 'Tasks of ECS service modelreg-prod-api',
        vpc_id: 'vpc-0123456789abcdef0',
      });
      expect(rules(json, 'egress')).toEqual([{ port: 443, cidr: '0.0.0.0/0', sg: undefined, pl: undefined }]);
      expect(json.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    });

    it('creates no scaling, no alert, and warns about nothing', () => {
      const { json, service } = built();
      expect(json.resource.aws_appautoscaling_target).toBeUndefined();
      expect(json.resource.aws_cloudwatch_event_rule).toBeUndefined();
      expect(warnings(service)).toEqual([]);
      expect(service.defaultPort).toEqual({ containerName: 'api', containerPort: 8000 });
    });
  });

  describe('behind a load balancer with a container health check', () => {
    const built = lazy(() =>
      build({
        containers: [
          {
            name: 'api',
            image: IMAGE,
            portMappings: [{ containerPort: 8000 }],
            healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'] },
          },
        ],
        loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }],
        allowedSources: { securityGroupIds: [ALB_SG] },
      }),
    );
    const ecs = lazy(() => only(built().json, 'aws_ecs_service'));

    it('registers the first container port in the target group, with a 60 s grace period', () => {
      expect(ecs().load_balancer).toEqual([
        { target_group_arn: TARGET_GROUP_ARN, container_name: 'api', container_port: 8000 },
      ]);
      expect(ecs().health_check_grace_period_seconds).toBe(60);
    });

    it('opens the container port to the load balancer group only', () => {
      const { json } = built();
      expect(rules(json, 'ingress')).toEqual([{ port: 8000, cidr: undefined, sg: ALB_SG, pl: undefined }]);
    });
  });

  it('sets a grace period with only a container health check, and takes an explicit one', () => {
    const withCheck = build({
      containers: [{ name: 'api', image: IMAGE, healthCheck: { command: ['CMD', '/ok'] } }],
    });
    expect(only(withCheck.json, 'aws_ecs_service').health_check_grace_period_seconds).toBe(60);
    const explicit = build({ healthCheckGracePeriodSeconds: 0 });
    expect(only(explicit.json, 'aws_ecs_service').health_check_grace_period_seconds).toBe(0);
  });

  describe('with auto scaling', () => {
    const built = lazy(() =>
      build({
        loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }],
        autoScaling: {
          minCapacity: 2,
          maxCapacity: 10,
          requestCount: { targetGroupArn: TARGET_GROUP_ARN, loadBalancerArn: ALB_ARN, requestsPerTask: 1000 },
        },
      }),
    );
    const ecs = lazy(() => only(built().json, 'aws_ecs_service'));
    const policies = lazy(() => all(built().json, 'aws_appautoscaling_policy'));

    it('starts at the minimum and leaves the desired count to scaling', () => {
      expect(ecs().desired_count).toBe(2);
      expect(ecs().lifecycle).toEqual({ ignore_changes: ['desired_count'] });
    });

    it('registers the service as a scalable target between min and max', () => {
      const { json } = built();
      expect(only(json, 'aws_appautoscaling_target')).toMatchObject({
        service_namespace: 'ecs',
        scalable_dimension: 'ecs:service:DesiredCount',
        resource_id: `service/${CLUSTER.clusterName}/\${aws_ecs_service.api_service_298EA376.name}`,
        min_capacity: 2,
        max_capacity: 10,
      });
    });

    it('tracks CPU 70 %, memory 80 % and requests per task, with 300 s in / 60 s out cooldowns', () => {
      expect(
        policies().map((p: Loose) => {
          const c = p.target_tracking_scaling_policy_configuration;
          return [
            p.name,
            c.predefined_metric_specification,
            c.target_value,
            c.scale_in_cooldown,
            c.scale_out_cooldown,
          ];
        }),
      ).toEqual([
        ['modelreg-prod-api-cpu', { predefined_metric_type: 'ECSServiceAverageCPUUtilization' }, 70, 300, 60],
        [
          'modelreg-prod-api-memory',
          { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' },
          80,
          300,
          60,
        ],
        [
          'modelreg-prod-api-requests',
          {
            predefined_metric_type: 'ALBRequestCountPerTarget',
            resource_label: 'app/public/fedcba9876543210/targetgroup/api/0123456789abcdef',
          },
          1000,
          300,
          60,
        ],
      ]);
      expect(policies().every((p: Loose) => p.policy_type === 'TargetTrackingScaling')).toBe(true);
      expect(
        policies().every(
          (p: Loose) => p.target_tracking_scaling_policy_configuration.disable_scale_in === false,
        ),
      ).toBe(true);
    });
  });

  it('takes scaling targets, cooldowns, scale-in off, and a desired count inside the range', () => {
    const { json } = build({
      desiredCount: 3,
      autoScaling: {
        minCapacity: 1,
        maxCapacity: 4,
        cpuTargetPercent: 60,
        memoryTargetPercent: false,
        scaleInCooldownSeconds: 600,
        scaleOutCooldownSeconds: 30,
        disableScaleIn: true,
      },
    });
    expect(only(json, 'aws_ecs_service').desired_count).toBe(3);
    const policy = only(json, 'aws_appautoscaling_policy');
    expect(policy.name).toBe('modelreg-prod-api-cpu');
    expect(policy.target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 60,
      scale_in_cooldown: 600,
      scale_out_cooldown: 30,
      disable_scale_in: true,
    });
  });

  describe('image tag ownership and rollback detection', () => {
    it('terraform owner + waitForSteadyState: a postcondition fails the apply after a rollback', () => {
      const ecs = only(build({ waitForSteadyState: true }).json, 'aws_ecs_service');
      expect(ecs.wait_for_steady_state).toBe(true);
      expect(ecs.lifecycle.postcondition).toEqual([
        {
          condition:
            '${(self.task_definition == aws_ecs_task_definition.api_task_task-definition_8779F0E7.arn)}',
          error_message: expect.stringContaining('the circuit breaker rolled it back'),
        },
      ]);
      expect(ecs.lifecycle.ignore_changes).toBeUndefined();
    });

    it('pipeline owner: the service ignores task definition changes, and has no postcondition', () => {
      const { json, service } = build({ imageTagOwner: 'pipeline', waitForSteadyState: true });
      const ecs = only(json, 'aws_ecs_service');
      expect(ecs.lifecycle).toEqual({ ignore_changes: ['task_definition'] });
      expect(service.imageTagOwner).toBe('pipeline');
    });

    it('pipeline owner with scaling ignores both task definition and desired count', () => {
      const ecs = only(
        build({ imageTagOwner: 'pipeline', autoScaling: { minCapacity: 1, maxCapacity: 2 } }).json,
        'aws_ecs_service',
      );
      expect(ecs.lifecycle).toEqual({ ignore_changes: ['task_definition', 'desired_count'] });
    });

    it.each([
      ['stop', { enable: true, rollback: false }],
      ['disabled', { enable: false, rollback: false }],
    ] as const)('circuitBreaker %s', (mode, expected) => {
      expect(
        only(build({ circuitBreaker: mode }).json, 'aws_ecs_service').deployment_circuit_breaker,
      ).toEqual(expected);
    });
  });

  describe('deployment alerts', () => {
    const built = lazy(() => build({ deploymentAlerts: { topicArn: TOPIC_ARN } }));

    it('matches SERVICE_DEPLOYMENT_FAILED of this service only', () => {
      const { json, service } = built();
      const rule = only(json, 'aws_cloudwatch_event_rule');
      expect(rule.name).toBe('modelreg-prod-api-deploy-failed');
      expect(JSON.parse(rule.event_pattern)).toEqual({
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        resources: ['${aws_ecs_service.api_service_298EA376.id}'],
        detail: { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
      });
      expect(service.deploymentAlert?.ruleName).toBe('modelreg-prod-api-deploy-failed');
    });

    it('publishes one readable line to the topic', () => {
      const { json } = built();
      const target = only(json, 'aws_cloudwatch_event_target');
      expect(target.arn).toBe(TOPIC_ARN);
      expect(target.input_transformer.input_paths).toEqual({
        service: '$.resources[0]',
        deployment: '$.detail.deploymentId',
        reason: '$.detail.reason',
        time: '$.time',
      });
      expect(target.input_transformer.input_template).toMatch(
        /^"ECS deployment <deployment> of <service> FAILED at <time>: <reason>\..*NOT running\."$/,
      );
    });
  });

  describe('ECS Exec', () => {
    const built = lazy(() => {
      const stack = newStack();
      const cluster = new Cluster(stack, 'cluster', {
        name: 'modelreg-prod',
        executeCommandKmsKeyArn: KMS_ARN,
      });
      const service = new FargateService(
        stack,
        'api',
        serviceProps({
          cluster,
          enableExecuteCommand: true,
          containers: [
            {
              name: 'api',
              image: IMAGE,
              portMappings: [{ containerPort: 8000 }],
              readonlyRootFilesystem: false,
            },
          ],
        }),
      );
      return { cluster, service, ...synth(stack) };
    });

    it('enables execute command on the service', () => {
      const { json } = built();
      expect(only(json, 'aws_ecs_service').enable_execute_command).toBe(true);
      expect(containersOf(json)[0].linuxParameters).toEqual({ initProcessEnabled: true });
    });

    it('grants the task role the SSM channels, the session log group and the session key', () => {
      const { service, cluster } = built();
      expect(service.taskRole.policyStatements.map((s) => [s.sid, s.actions, s.resources])).toEqual([
        [
          'ExecSessionChannels',
          [
            'ssmmessages:CreateControlChannel',
            'ssmmessages:CreateDataChannel',
            'ssmmessages:OpenControlChannel',
            'ssmmessages:OpenDataChannel',
          ],
          ['*'],
        ],
        ['ExecDescribeLogGroups', ['logs:DescribeLogGroups'], ['*']],
        [
          'LogsWrite',
          ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          [cluster.executeCommand.logGroupArn, `${cluster.executeCommand.logGroupArn}:*`],
        ],
        ['ExecSessionDecrypt', ['kms:Decrypt'], [KMS_ARN]],
      ]);
    });

    it('makes the service wait for the capacity providers and both role policies', () => {
      const { json } = built();
      expect(only(json, 'aws_ecs_service').depends_on).toEqual([
        expect.stringMatching(/^aws_ecs_cluster_capacity_providers\.cluster_capacity-providers_/),
        expect.stringMatching(/^aws_iam_role_policy\.api_task_execution-role_policy_/),
        expect.stringMatching(/^aws_iam_role_policy\.api_task_task-role_policy_/),
      ]);
    });
  });

  it('waits for task role grants added after construction', () => {
    const { json } = build({}, (s) =>
      s.taskRole.addStatements({
        sid: 'Read',
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::models/*'],
      }),
    );
    expect(only(json, 'aws_ecs_service').depends_on).toHaveLength(2);
  });

  it('places tasks on Fargate Spot with the given weights and base', () => {
    const ecs = only(
      build({
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
        platformVersion: '1.4.0',
        forceNewDeployment: false,
      }).json,
      'aws_ecs_service',
    );
    expect(ecs.capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', weight: 1, base: 1 },
      { capacity_provider: 'FARGATE_SPOT', weight: 3, base: 0 },
    ]);
    expect(ecs.platform_version).toBe('1.4.0');
    expect(ecs.force_new_deployment).toBe(false);
  });

  it('assigns a public IP only when asked, and warns', () => {
    const { json, service } = build({ assignPublicIp: true });
    expect(only(json, 'aws_ecs_service').network_configuration.assign_public_ip).toBe(true);
    expect(warnings(service)).toEqual([expect.stringContaining('assignPublicIp is on')]);
  });

  it('warns when a non-root container listens below 1024', () => {
    const { service } = build({
      containers: [{ name: 'web', image: IMAGE, portMappings: [{ containerPort: 80 }] }],
    });
    expect(warnings(service)).toEqual([expect.stringContaining('listens on port 80')]);
    const root = build({
      containers: [
        {
          name: 'web',
          image: IMAGE,
          portMappings: [{ containerPort: 80 }],
          user: 'root',
          allowRootUser: true,
        },
      ],
    });
    expect(warnings(root.service)).toEqual([]);
  });

  it('sizes ARM64 tasks with extra ephemeral storage and writable scratch volumes', () => {
    const { json } = build({
      cpuArchitecture: 'ARM64',
      ephemeralStorageGiB: 50,
      containers: [{ name: 'api', image: IMAGE, writablePaths: ['/tmp'] }],
    });
    const td = only(json, 'aws_ecs_task_definition');
    expect(td.runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
    expect(td.ephemeral_storage).toEqual({ size_in_gib: 50 });
    expect(td.volume).toEqual([{ name: 'api-scratch-0' }]);
  });

  describe('egress', () => {
    it('can go to VPC endpoints and the S3 prefix list only', () => {
      const { json } = build({
        httpsEgress: { securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'], prefixListIds: ['pl-63a5400a'] },
      });
      expect(rules(json, 'egress')).toEqual([
        { port: 443, cidr: undefined, sg: undefined, pl: 'pl-63a5400a' },
        { port: 443, cidr: undefined, sg: 'sg-0aaaaaaaaaaaaaaaa', pl: undefined },
      ]);
    });

    it("'none' opens nothing; allowTo adds a destination", () => {
      const { json } = build({ httpsEgress: 'none' }, (s) =>
        s.allowTo({ securityGroupId: 'sg-0bbbbbbbbbbbbbbbb' }, 5432, 'PostgreSQL'),
      );
      expect(rules(json, 'egress')).toEqual([
        { port: 5432, cidr: undefined, sg: 'sg-0bbbbbbbbbbbbbbbb', pl: undefined },
      ]);
    });
  });

  it('allowFrom opens the default container port, or the one given', () => {
    const { json } = build({}, (s) => {
      s.allowFrom({ securityGroupId: ALB_SG });
      s.allowFrom({ securityGroupId: 'sg-0cccccccccccccccc' }, 9090, 'Prometheus scrape');
    });
    expect(rules(json, 'ingress')).toEqual([
      { port: 8000, cidr: undefined, sg: ALB_SG, pl: undefined },
      { port: 9090, cidr: undefined, sg: 'sg-0cccccccccccccccc', pl: undefined },
    ]);
  });

  it('allowFrom without a port refuses when no container maps one', () => {
    expect(() =>
      build({ containers: [{ name: 'worker', image: IMAGE }] }, (s) =>
        s.allowFrom({ securityGroupId: ALB_SG }),
      ),
    ).toThrow(
      'allowFrom(port) = undefined: has no default: no essential container maps a port. Fix: pass the port explicitly',
    );
  });

  describe('secrets', () => {
    const built = lazy(() =>
      build({
        containers: [
          {
            name: 'api',
            image: IMAGE,
            secrets: {
              DB_PASSWORD: { secretsManagerArn: SECRET_ARN, jsonKey: 'password', kmsKeyArn: KMS_ARN },
              DB_USER: { secretsManagerArn: SECRET_ARN, jsonKey: 'username', kmsKeyArn: KMS_ARN },
              JWT_KEY: { ssmParameterArn: PARAMETER_ARN },
            },
          },
        ],
      }),
    );
    const statements = lazy(() => statementsOf(built().json, 'execution-role_policy-document'));
    const bySid = (sid: string) => statements().find((s: Loose) => s.sid === sid);

    it('lets the execution role read exactly those ARNs', () => {
      expect(bySid('ReadSecrets')).toMatchObject({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [SECRET_ARN],
      });
      expect(bySid('ReadParameters')).toMatchObject({
        actions: ['ssm:GetParameters'],
        resources: [PARAMETER_ARN],
      });
    });

    it('lets it decrypt with the given key, only through Secrets Manager', () => {
      expect(bySid('DecryptSecrets')).toEqual({
        sid: 'DecryptSecrets',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [KMS_ARN],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: ['secretsmanager.us-east-1.amazonaws.com'],
          },
        ],
      });
    });

    it('puts only ARNs into the task definition', () => {
      const { json } = built();
      expect(containersOf(json)[0].secrets).toEqual([
        { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
        { name: 'DB_USER', valueFrom: `${SECRET_ARN}:username::` },
        { name: 'JWT_KEY', valueFrom: PARAMETER_ARN },
      ]);
    });
  });

  it('records reviewed secret-like names as a suppression of MLM-ECS-010', () => {
    const { service } = build({
      containers: [
        {
          name: 'api',
          image: IMAGE,
          environment: { TOKEN_AUDIENCE: 'registry' },
          notSecrets: ['TOKEN_AUDIENCE'],
        },
      ],
    });
    expect(PolicySuppressions.of(service.taskDefinition.taskDefinition)).toEqual([
      {
        id: 'MLM-ECS-010',
        reason:
          'Environment names reviewed as not secrets (notSecrets): api.TOKEN_AUDIENCE. Their values are still checked.',
      },
    ]);
  });

  it('adds confused-deputy conditions to both trust policies with an account id', () => {
    const { json } = build({ accountId: ACCOUNT });
    for (const role of ['execution-role', 'task-role']) {
      expect(statementsOf(json, `${role}_trust-policy`)[0].condition).toEqual([
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:ecs:us-east-1:${ACCOUNT}:*`] },
      ]);
    }
  });

  it('takes ECR repositories for token images, custom names, log settings and tags', () => {
    const url = Token.asString({ ref: 'aws_ecr_repository.api.repository_url' });
    const repo = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/other`;
    const { json } = build({
      containers: [{ name: 'api', image: `${url}:1.0.0` }],
      ecrRepositoryArns: [repo],
      executionRoleName: 'api-exec',
      taskRoleName: 'api-app',
      logGroupName: '/apps/api',
      logStreamPrefix: 'svc',
      logRetentionInDays: 90,
      logKmsKeyArn: KMS_ARN,
      logMode: 'blocking',
      tags: { Team: 'ml' },
    });
    expect(
      all(json, 'aws_iam_role')
        .map((r: Loose) => r.name)
        .sort(),
    ).toEqual(['api-app', 'api-exec']);
    expect(
      statementsOf(json, 'execution-role_policy-document').find((s: Loose) => s.sid === 'EcrPull').resources,
    ).toEqual([repo]);
    expect(only(json, 'aws_cloudwatch_log_group')).toEqual({
      name: '/apps/api',
      retention_in_days: 90,
      kms_key_id: KMS_ARN,
      tags: { Name: '/apps/api', Team: 'ml' },
    });
    expect(containersOf(json)[0].logConfiguration.options).toEqual({
      'awslogs-group': '/apps/api',
      'awslogs-region': 'us-east-1',
      'awslogs-stream-prefix': 'svc',
      mode: 'blocking',
    });
    expect(only(json, 'aws_ecs_service').tags).toEqual({ Name: 'modelreg-prod-api', Team: 'ml' });
  });

  it('gives the execution role no ECR statement for public images', () => {
    const { json } = build({ containers: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27' }] });
    expect(statementsOf(json, 'execution-role_policy-document').map((s: Loose) => s.sid)).toEqual([
      'LogsWrite',
    ]);
  });

  it('grantDeploy lets a pipeline roll out revisions and pass only these two roles', () => {
    const stack = newStack();
    const service = new FargateService(stack, 'api', serviceProps({ accountId: ACCOUNT }));
    const pipeline = new Role(stack, 'pipeline', {
      name: 'deployer',
      assumedBy: ['codebuild.amazonaws.com'],
    });
    service.grantDeploy(pipeline);
    const s = pipeline.policyStatements;
    expect(s.map((x) => [x.sid, x.actions])).toEqual([
      ['EcsDeployService', ['ecs:UpdateService', 'ecs:DescribeServices']],
      ['EcsRegisterTaskDefinition', ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition']],
      ['EcsTagTaskDefinition', ['ecs:TagResource']],
      ['PassTaskRoles', ['iam:PassRole']],
    ]);
    expect(s[0].resources).toEqual([service.serviceArn]);
    expect(s[1].resources).toEqual(['*']);
    expect(s[2].resources).toEqual([`arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/modelreg-prod-api:*`]);
    expect(s[2].condition).toEqual([
      { test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RegisterTaskDefinition'] },
    ]);
    expect(s[3].resources).toEqual([service.executionRole.roleArn, service.taskRole.roleArn]);
    expect(s[3].condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] },
    ]);
  });
});
