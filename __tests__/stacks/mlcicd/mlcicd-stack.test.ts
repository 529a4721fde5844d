import { Testing } from 'cdktf';
import { MlcicdStack } from '../../../stacks/mlcicd/mlcicd-stack';
import { MLCICD_ENVIRONMENTS } from '../../../stacks/mlcicd/environments';
import { MlcicdEnvironmentConfig } from '../../../stacks/mlcicd/config';
import { alarmMetricCount } from '../../../stacks/mlcicd/costs';
import { PROJECT } from '../../../stacks/shared/project';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import {
  Synthesized,
  addressOf,
  alarmMetricsOf,
  containersOf,
  countOf,
  findBy,
  listOf,
  policyErrors,
  resourceCount,
  synthWithPolicyPack,
} from '../blueprint-synth';

function synthEnv(cfg: MlcicdEnvironmentConfig): Synthesized {
  const stack = new MlcicdStack(Testing.app(), `mlcicd-${cfg.name}`, {
    project: PROJECT,
    stateBackend: DEFAULT_STATE_BACKEND,
    environment: cfg,
  });
  return synthWithPolicyPack(stack);
}

const env = (name: string) => MLCICD_ENVIRONMENTS.find((e) => e.name === name) as MlcicdEnvironmentConfig;

/** What differs per environment, as environments.ts's decision table states it. */
const EXPECTED = {
  dev: {
    cidr: '10.40.0.0/16',
    nat: 1,
    multiAz: false,
    dbProtection: false,
    albProtection: false,
    waf: 0,
    mlflowCount: 1,
    mlflowStrategy: [{ base: 0, capacity_provider: 'FARGATE_SPOT', weight: 1 }],
    servingStrategy: [{ base: 0, capacity_provider: 'FARGATE_SPOT', weight: 1 }],
    scaling: [1, 2],
    mlflowHost: 'mlflow.dev.mlcicd.example.com',
    servingHost: 'models.dev.mlcicd.example.com',
    logDays: 14,
    emails: ['ml-cicd-dev@example.com'],
    maxStorage: 50,
    thresholds: { cpu: 90, p90: 2, rate: 10 },
  },
  staging: {
    cidr: '10.41.0.0/16',
    nat: 1,
    multiAz: false,
    dbProtection: true,
    albProtection: true,
    waf: 1,
    mlflowCount: 1,
    mlflowStrategy: [{ base: 0, capacity_provider: 'FARGATE', weight: 1 }],
    servingStrategy: [
      { base: 1, capacity_provider: 'FARGATE', weight: 1 },
      { base: 0, capacity_provider: 'FARGATE_SPOT', weight: 3 },
    ],
    scaling: [2, 4],
    mlflowHost: 'mlflow.staging.mlcicd.example.com',
    servingHost: 'models.staging.mlcicd.example.com',
    logDays: 30,
    emails: ['ml-cicd-staging@example.com'],
    maxStorage: 100,
    thresholds: { cpu: 85, p90: 1, rate: 5 },
  },
  prod: {
    cidr: '10.42.0.0/16',
    nat: 2,
    multiAz: true,
    dbProtection: true,
    albProtection: true,
    waf: 1,
    mlflowCount: 2,
    mlflowStrategy: [{ base: 0, capacity_provider: 'FARGATE', weight: 1 }],
    servingStrategy: [{ base: 0, capacity_provider: 'FARGATE', weight: 1 }],
    scaling: [2, 10],
    mlflowHost: 'mlflow.mlcicd.example.com',
    servingHost: 'models.mlcicd.example.com',
    logDays: 90,
    emails: ['ml-oncall@example.com', 'ml-platform@example.com'],
    maxStorage: 200,
    thresholds: { cpu: 80, p90: 1, rate: 2 },
  },
} as const;

describe.each(['dev', 'staging', 'prod'] as const)('mlcicd-%s', (name) => {
  const want = EXPECTED[name];
  const { out, json, policyLog } = synthEnv(env(name));
  const ref = (type: string, key: string, value: unknown) => addressOf(json, type, key, value);

  it('passes the policy pack with no error finding', () => {
    expect(policyErrors(policyLog)).toBe(0);
    expect(policyLog).toContain(`Policy pack mlcicd-${name}: 0 error(s)`);
  });

  it('keeps its state under its own key in the shared locked backend, in us-west-2 with the mandatory tags', () => {
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'mlmon-terraform-state',
      key: `mlcicd-${name}/terraform.tfstate`,
      encrypt: true,
      dynamodb_table: 'mlmon-terraform-locks',
    });
    expect(json.provider.aws[0]).toMatchObject({
      region: 'us-west-2',
      default_tags: [
        {
          tags: {
            Project: 'mlmon',
            ManagedBy: 'cdktf',
            Repository: 'mlmon-infra',
            Owner: 'ml-platform',
            CostCenter: 'ml-cicd',
            Environment: name,
            System: 'mlcicd',
          },
        },
      ],
    });
  });

  it('builds the VPC from the address plan: two AZs, NAT per environment, S3 endpoint, flow logs', () => {
    expect(findBy(json, 'aws_vpc', 'cidr_block', want.cidr)).toBeDefined();
    expect(countOf(json, 'aws_subnet')).toBe(4);
    expect(countOf(json, 'aws_nat_gateway')).toBe(want.nat);
    expect(listOf(json, 'aws_vpc_endpoint').map((e) => e.service_name)).toEqual([
      'com.amazonaws.us-west-2.s3',
    ]);
    expect(
      findBy(json, 'aws_cloudwatch_log_group', 'name', `/aws/vpc-flow-logs/mlcicd-${name}`),
    ).toMatchObject({
      retention_in_days: want.logDays,
    });
    expect(countOf(json, 'aws_flow_log')).toBe(1);
  });

  it('terminates TLS at the load balancer for both hosts, with the certificate and alias records', () => {
    expect(findBy(json, 'aws_acm_certificate', 'domain_name', want.servingHost)).toMatchObject({
      subject_alternative_names: [want.mlflowHost],
      validation_method: 'DNS',
    });
    expect(findBy(json, 'aws_lb', 'name', `mlcicd-${name}`)).toMatchObject({
      internal: false,
      enable_deletion_protection: want.albProtection,
      drop_invalid_header_fields: true,
      access_logs: {
        bucket: `\${${ref('aws_s3_bucket', 'bucket', `mlmon-mlcicd-${name}-logs-us-west-2`)}.bucket}`,
        prefix: 'alb',
        enabled: true,
      },
    });
    expect(findBy(json, 'aws_lb_listener', 'port', 443)).toMatchObject({
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(findBy(json, 'aws_lb_listener', 'port', 80).default_action).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
    ]);
    const records = listOf(json, 'aws_route53_record').filter((r) => r.alias !== undefined);
    expect(records.map((r) => r.name).sort()).toEqual([want.mlflowHost, want.servingHost].sort());
    for (const r of records) expect(r.zone_id).toBe('Z0123456789ABCDEFGHIJ');
  });

  it('routes MLflow by host only from the admin networks, serving from anywhere', () => {
    const rules = listOf(json, 'aws_lb_listener_rule');
    expect(rules.map((r) => ({ priority: r.priority, condition: r.condition }))).toEqual([
      {
        priority: 10,
        condition: [
          { host_header: { values: [want.mlflowHost] } },
          { source_ip: { values: ['203.0.113.0/24'] } },
        ],
      },
      { priority: 100, condition: [{ host_header: { values: [want.servingHost] } }] },
    ]);
    expect(findBy(json, 'aws_lb_target_group', 'name', `mlcicd-${name}-mlflow`)).toMatchObject({
      port: 5000,
      target_type: 'ip',
      health_check: expect.objectContaining({ path: '/health' }),
    });
    expect(findBy(json, 'aws_lb_target_group', 'name', `mlcicd-${name}-serving`)).toMatchObject({
      port: 8080,
      target_type: 'ip',
      health_check: expect.objectContaining({ path: '/health' }),
    });
  });

  it('puts a web ACL on the load balancer where configured, letting large bodies through', () => {
    expect(countOf(json, 'aws_wafv2_web_acl')).toBe(want.waf);
    expect(countOf(json, 'aws_wafv2_web_acl_association')).toBe(want.waf);
    if (want.waf) expect(out).toContain('SizeRestrictions_BODY');
  });

  it('chains security groups ALB -> tasks -> PostgreSQL and opens nothing else inbound', () => {
    const alb = `\${${ref('aws_security_group', 'name', `mlcicd-${name}-alb`)}.id}`;
    const mlflow = `\${${ref('aws_security_group', 'name', `mlcicd-${name}-mlflow-tasks`)}.id}`;
    const serving = `\${${ref('aws_security_group', 'name', `mlcicd-${name}-serving-tasks`)}.id}`;
    const db = `\${${ref('aws_security_group', 'name', `mlcicd-${name}-mlflow-db-db`)}.id}`;
    const ingress = listOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => ({
      group: r.security_group_id,
      port: r.from_port,
      from: r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.cidr_ipv6,
    }));
    expect(ingress).toEqual(
      expect.arrayContaining([
        { group: mlflow, port: 5000, from: alb },
        { group: serving, port: 8080, from: alb },
        { group: db, port: 5432, from: mlflow },
      ]),
    );
    const toTasksOrDb = ingress.filter((r) => r.group !== alb);
    expect(toTasksOrDb).toHaveLength(3);
    expect(
      ingress
        .filter((r) => r.group === alb)
        .map((r) => r.port)
        .sort(),
    ).toEqual([443, 443, 80, 80].sort());
  });

  it('runs MLflow on PostgreSQL with the password injected from the RDS-managed secret, never in the URI', () => {
    const [mlflow] = containersOf(json, `mlcicd-${name}-mlflow`);
    const db = ref('aws_db_instance', 'identifier', `mlcicd-${name}-mlflow-db`);
    const uriParam = ref('aws_ssm_parameter', 'name', `/mlcicd/${name}/mlflow/backend-store-uri`);
    expect(mlflow.secrets).toEqual([
      { name: 'MLFLOW_BACKEND_STORE_URI', valueFrom: `\${${uriParam}.arn}` },
      { name: 'PGPASSWORD', valueFrom: `\${${db}.master_user_secret[0].secret_arn}:password::` },
    ]);
    expect(mlflow.environment).toEqual([
      { name: 'AWS_DEFAULT_REGION', value: 'us-west-2' },
      { name: 'HOME', value: '/tmp' },
      {
        name: 'MLFLOW_ARTIFACTS_DESTINATION',
        value: `s3://mlmon-mlcicd-${name}-artifacts-us-west-2/artifacts`,
      },
      { name: 'MLFLOW_WORKERS', value: '2' },
    ]);
    expect(mlflow.command).toEqual([
      'sh',
      '-c',
      'exec mlflow server --host 0.0.0.0 --port 5000 --workers "$MLFLOW_WORKERS" --backend-store-uri "$MLFLOW_BACKEND_STORE_URI" --artifacts-destination "$MLFLOW_ARTIFACTS_DESTINATION" --serve-artifacts',
    ]);
    expect(mlflow).toMatchObject({ user: '1000:1000', readonlyRootFilesystem: true });
    expect(
      findBy(json, 'aws_ssm_parameter', 'name', `/mlcicd/${name}/mlflow/backend-store-uri`),
    ).toMatchObject({
      type: 'String',
      value: `postgresql://mlflow@\${${db}.address}:5432/mlflow?sslmode=require`,
    });
  });

  it("writes the seed's SSM parameters as String parameters, none holding a secret", () => {
    const params = listOf(json, 'aws_ssm_parameter');
    expect(params.map((p) => p.name).sort()).toEqual(
      ['artifact-root', 'backend-store-uri', 'db-host', 'db-name', 'db-port', 'db-secret-arn', 'tracking-uri']
        .map((leaf) => `/mlcicd/${name}/mlflow/${leaf}`)
        .sort(),
    );
    for (const p of params) expect(p.type).toBe('String');
    expect(findBy(json, 'aws_ssm_parameter', 'name', `/mlcicd/${name}/mlflow/artifact-root`).value).toBe(
      `s3://mlmon-mlcicd-${name}-artifacts-us-west-2/artifacts`,
    );
    expect(findBy(json, 'aws_ssm_parameter', 'name', `/mlcicd/${name}/mlflow/tracking-uri`).value).toBe(
      `https://${want.mlflowHost}`,
    );
  });

  it('sizes the database per environment, with 7-day backups, TLS and a managed rotating password', () => {
    expect(findBy(json, 'aws_db_instance', 'identifier', `mlcicd-${name}-mlflow-db`)).toMatchObject({
      instance_class: 'db.t3.micro',
      multi_az: want.multiAz,
      deletion_protection: want.dbProtection,
      backup_retention_period: 7,
      db_name: 'mlflow',
      username: 'mlflow',
      manage_master_user_password: true,
      storage_encrypted: true,
      publicly_accessible: false,
      max_allocated_storage: want.maxStorage,
    });
    expect(listOf(json, 'aws_secretsmanager_secret_rotation')[0]).toMatchObject({
      rotation_rules: { schedule_expression: 'cron(0 3 ? * SUN *)', duration: '1h' },
    });
  });

  it('restarts MLflow after the password rotation window, with a role that may update only that service', () => {
    const schedule = findBy(json, 'aws_scheduler_schedule', 'name', `mlcicd-${name}-mlflow-restart`);
    expect(schedule).toMatchObject({
      schedule_expression: 'cron(15 4 ? * SUN *)',
      schedule_expression_timezone: 'UTC',
    });
    const target = schedule.target as Record<string, string>;
    expect(target.arn).toBe('arn:aws:scheduler:::aws-sdk:ecs:updateService');
    expect(JSON.parse(target.input)).toEqual({
      Cluster: `\${${ref('aws_ecs_cluster', 'name', `mlcicd-${name}`)}.arn}`,
      Service: `mlcicd-${name}-mlflow`,
      ForceNewDeployment: true,
    });
  });

  it('runs both services with their counts, Spot weights and scaling', () => {
    expect(findBy(json, 'aws_ecs_service', 'name', `mlcicd-${name}-mlflow`)).toMatchObject({
      desired_count: want.mlflowCount,
      capacity_provider_strategy: want.mlflowStrategy,
      network_configuration: expect.objectContaining({ assign_public_ip: false }),
    });
    expect(findBy(json, 'aws_ecs_service', 'name', `mlcicd-${name}-serving`)).toMatchObject({
      desired_count: want.scaling[0],
      capacity_provider_strategy: want.servingStrategy,
    });
    expect(listOf(json, 'aws_appautoscaling_target')).toEqual([
      expect.objectContaining({
        min_capacity: want.scaling[0],
        max_capacity: want.scaling[1],
        scalable_dimension: 'ecs:service:DesiredCount',
      }),
    ]);
    const targets = listOf(json, 'aws_appautoscaling_policy').map(
      (p) => (p.target_tracking_scaling_policy_configuration as Record<string, unknown>).target_value,
    );
    expect(targets.sort()).toEqual([70, 80]);
    for (const family of ['mlflow', 'serving']) {
      expect(findBy(json, 'aws_ecs_task_definition', 'family', `mlcicd-${name}-${family}`)).toMatchObject({
        cpu: '512',
        memory: '1024',
      });
    }
  });

  it("pulls both images from the environment's own ECR repositories at the configured tags", () => {
    const mlflowRepo = ref('aws_ecr_repository', 'name', `mlcicd-${name}/mlflow`);
    const servingRepo = ref('aws_ecr_repository', 'name', `mlcicd-${name}/model-serving`);
    expect(containersOf(json, `mlcicd-${name}-mlflow`)[0].image).toBe(
      `\${${mlflowRepo}.repository_url}:2.17.2`,
    );
    expect(containersOf(json, `mlcicd-${name}-serving`)[0].image).toBe(
      `\${${servingRepo}.repository_url}:1.0.0`,
    );
    for (const repo of listOf(json, 'aws_ecr_repository')) {
      expect(repo).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
      });
    }
  });

  it('keeps artifacts versioned, logged and tiering, and grants MLflow write but serving only read', () => {
    const bucket = ref('aws_s3_bucket', 'bucket', `mlmon-mlcicd-${name}-artifacts-us-west-2`);
    expect(listOf(json, 'aws_s3_bucket_logging')).toEqual([
      expect.objectContaining({
        bucket: `\${${bucket}.id}`,
        target_bucket: `mlmon-mlcicd-${name}-logs-us-west-2`,
        target_prefix: 's3-access/artifacts/',
      }),
    ]);
    expect(out).toContain('"storage_class": "INTELLIGENT_TIERING"');
    const policies = json.data?.aws_iam_policy_document ?? {};
    const statementsOf = (role: string) =>
      Object.entries(policies)
        .filter(([k]) => k.startsWith(`${role}_task_task-role_policy-document`))
        .flatMap(([, d]) => d.statement as Array<{ actions: string[]; resources: string[] }>);
    const mlflowActions = statementsOf('mlflow').flatMap((s) => s.actions);
    const servingActions = statementsOf('serving').flatMap((s) => s.actions);
    expect(mlflowActions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
    expect(servingActions).toContain('s3:GetObject');
    expect(servingActions).not.toContain('s3:PutObject');
  });

  it('alarms every tier to the environment topic, with unique names and the thresholds of the environment', () => {
    const topic = `\${${ref('aws_sns_topic', 'name', `mlcicd-${name}-alarms`)}.arn}`;
    const alarms = listOf(json, 'aws_cloudwatch_metric_alarm');
    const names = alarms.map((a) => a.alarm_name as string);
    expect(new Set(names).size).toBe(names.length);
    for (const a of alarms) {
      expect(a.alarm_actions).toEqual([topic]);
      expect(a.ok_actions).toEqual([topic]);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        `mlcicd-${name}-alb-target-5xx-rate`,
        `mlcicd-${name}-alb-response-time-p90`,
        `mlcicd-${name}-mlflow-cpu-high`,
        `mlcicd-${name}-serving-memory-high`,
        `mlcicd-${name}-serving-running-tasks-low`,
        `mlcicd-${name}-mlflow-db-cpu-high`,
        `mlcicd-${name}-mlflow-db-free-storage-low`,
        `mlcicd-${name}-mlflow-db-connections-high`,
      ]),
    );
    expect(
      findBy(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', `mlcicd-${name}-mlflow-cpu-high`).threshold,
    ).toBe(want.thresholds.cpu);
    expect(
      findBy(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', `mlcicd-${name}-alb-response-time-p90`)
        .threshold,
    ).toBe(want.thresholds.p90);
    expect(
      findBy(json, 'aws_cloudwatch_metric_alarm', 'alarm_name', `mlcicd-${name}-alb-target-5xx-rate`)
        .threshold,
    ).toBe(want.thresholds.rate);
    expect(alarmMetricsOf(json)).toBe(alarmMetricCount());
    expect(listOf(json, 'aws_sns_topic_subscription').map((s) => s.endpoint)).toEqual(want.emails);
    expect(countOf(json, 'aws_cloudwatch_event_rule')).toBe(2); // deployment failures of both services
  });

  it('keeps secrets out of the configuration', () => {
    expect(out).not.toMatch(/"(password|secret_string)"\s*:\s*"[^$]/i);
    expect(out).not.toMatch(/postgresql:\/\/[^@"]*:[^@"]*@/);
    expect(countOf(json, 'aws_secretsmanager_secret_version')).toBe(0);
  });

  it('declares described outputs', () => {
    expect(Object.keys(json.output).sort()).toEqual(
      [
        'alarm_topic_arn',
        'artifact_bucket',
        'cluster_name',
        'database_endpoint',
        'database_secret_arn',
        'load_balancer_dns_name',
        'mlflow_repository_url',
        'mlflow_url',
        'parameter_path',
        'serving_repository_url',
        'serving_url',
      ].sort(),
    );
    for (const o of Object.values(json.output)) expect(o.description).toEqual(expect.any(String));
    expect(json.output.mlflow_url.value).toBe(`https://${want.mlflowHost}`);
  });

  it('has the expected size', () => {
    expect(resourceCount(json)).toBe({ dev: 141, staging: 145, prod: 150 }[name]);
  });

  it('matches the snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});

describe('mlcicd stack options', () => {
  it('opens MLflow to up to nine admin blocks with one rule per three', () => {
    const cidrs = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '100.64.0.0/24'];
    const { json } = synthEnv({ ...env('dev'), mlflowAdminCidrs: cidrs });
    const mlflowRules = listOf(json, 'aws_lb_listener_rule')
      .filter((r) => JSON.stringify(r.condition).includes('mlflow.dev'))
      .sort((a, b) => Number(a.priority) - Number(b.priority));
    expect(
      mlflowRules.map((r) => [
        r.priority,
        (r.condition as Array<Record<string, { values: string[] }>>)[1].source_ip.values,
      ]),
    ).toEqual([
      [10, cidrs.slice(0, 3)],
      [11, cidrs.slice(3)],
    ]);
  });

  it('creates interface endpoints when configured (and then needs no NAT)', () => {
    const { json } = synthEnv({
      ...env('dev'),
      natGateways: 'none',
      interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'],
    });
    expect(countOf(json, 'aws_nat_gateway')).toBe(0);
    expect(
      listOf(json, 'aws_vpc_endpoint')
        .map((e) => e.service_name)
        .sort(),
    ).toEqual(
      ['ecr.api', 'ecr.dkr', 'logs', 's3', 'secretsmanager', 'ssm']
        .map((s) => `com.amazonaws.us-west-2.${s}`)
        .sort(),
    );
  });

  it('refuses an invalid environment before creating anything, with the config path', () => {
    expect(() => synthEnv({ ...env('dev'), mlflowAdminCidrs: ['0.0.0.0/0'] })).toThrow(
      /mlcicd\.environments\.dev[\s\S]*mlflowAdminCidrs = \["0\.0\.0\.0\/0"\]: opens an administrative endpoint/,
    );
  });
});
