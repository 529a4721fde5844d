import { Testing } from 'cdktf';
import { ModelregStack } from '../../../stacks/modelreg/modelreg-stack';
import { MODELREG_ENVIRONMENTS } from '../../../stacks/modelreg/environments';
import { ModelregEnvironmentConfig } from '../../../stacks/modelreg/config';
import { alarmMetricCount } from '../../../stacks/modelreg/costs';
import { PROJECT } from '../../../stacks/shared/project';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import { canAssume, SynthStatement, toIam, token } from '../../workflows/iam-trust';
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

function synthEnv(cfg: ModelregEnvironmentConfig): Synthesized {
  const stack = new ModelregStack(Testing.app(), `modelreg-${cfg.name}`, {
    project: PROJECT,
    stateBackend: DEFAULT_STATE_BACKEND,
    environment: cfg,
  });
  return synthWithPolicyPack(stack);
}

const env = (name: string) => MODELREG_ENVIRONMENTS.find((e) => e.name === name) as ModelregEnvironmentConfig;
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

/** What differs per environment, as environments.ts's decision table states it. */
const EXPECTED = {
  dev: {
    cidr: '10.50.0.0/16',
    nat: 2 - 1,
    endpoints: ['s3'],
    multiAz: false,
    dbProtection: false,
    albProtection: false,
    wafs: 0,
    scaling: [1, 2],
    strategy: [{ base: 0, capacity_provider: 'FARGATE_SPOT', weight: 1 }],
    batchType: 'FARGATE_SPOT',
    maxVcpus: 4,
    isolated: false,
    frontend: 'registry.dev.example.com',
    api: 'api.registry.dev.example.com',
    deploySubjects: [
      'repo:example/model-registry:environment:dev',
      'repo:example/model-registry:ref:refs/heads/main',
    ],
    failedJobs: 10,
    cf5xx: 10,
    backupDays: 0,
    size: 148,
  },
  staging: {
    cidr: '10.51.0.0/16',
    nat: 1,
    endpoints: ['s3'],
    multiAz: false,
    dbProtection: true,
    albProtection: true,
    wafs: 2,
    scaling: [2, 4],
    strategy: [
      { base: 1, capacity_provider: 'FARGATE', weight: 1 },
      { base: 0, capacity_provider: 'FARGATE_SPOT', weight: 3 },
    ],
    batchType: 'FARGATE_SPOT',
    maxVcpus: 16,
    isolated: false,
    frontend: 'registry.staging.example.com',
    api: 'api.registry.staging.example.com',
    deploySubjects: ['repo:example/model-registry:environment:staging'],
    failedJobs: 5,
    cf5xx: 5,
    backupDays: 14,
    size: 166,
  },
  prod: {
    cidr: '10.52.0.0/16',
    nat: 2,
    endpoints: ['ecr.api', 'ecr.dkr', 'logs', 's3'],
    multiAz: true,
    dbProtection: true,
    albProtection: true,
    wafs: 2,
    scaling: [2, 10],
    strategy: [{ base: 0, capacity_provider: 'FARGATE', weight: 1 }],
    batchType: 'FARGATE',
    maxVcpus: 16,
    isolated: true,
    frontend: 'registry.example.com',
    api: 'api.registry.example.com',
    deploySubjects: ['repo:example/model-registry:environment:prod'],
    failedJobs: 3,
    cf5xx: 2,
    backupDays: 35,
    size: 177,
  },
} as const;

describe.each(['dev', 'staging', 'prod'] as const)('modelreg-%s', (name) => {
  const want = EXPECTED[name];
  const { out, json, policyLog } = synthEnv(env(name));
  const ref = (type: string, key: string, value: unknown) => addressOf(json, type, key, value);
  const documents = json.data?.aws_iam_policy_document ?? {};
  const statementsOf = (prefix: string): SynthStatement[] =>
    Object.entries(documents)
      .filter(([k]) => k.startsWith(prefix))
      .flatMap(([, d]) => d.statement as SynthStatement[]);

  it('passes the policy pack with no error finding', () => {
    expect(policyErrors(policyLog)).toBe(0);
    expect(policyLog).toContain(`Policy pack modelreg-${name}: 0 error(s)`);
  });

  it('keeps its state under its own key, in us-east-1 with the mandatory tags', () => {
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'mlmon-terraform-state',
      key: `modelreg-${name}/terraform.tfstate`,
      dynamodb_table: 'mlmon-terraform-locks',
    });
    expect(json.provider.aws).toHaveLength(1); // us-east-1 serves CloudFront too
    expect(json.provider.aws[0]).toMatchObject({
      region: 'us-east-1',
      default_tags: [
        {
          tags: expect.objectContaining({
            System: 'modelreg',
            Environment: name,
            CostCenter: 'model-registry',
          }),
        },
      ],
    });
  });

  it('builds the VPC: NAT per environment, the S3 gateway endpoint, interface endpoints where the autograder is isolated', () => {
    expect(findBy(json, 'aws_vpc', 'cidr_block', want.cidr)).toBeDefined();
    expect(countOf(json, 'aws_nat_gateway')).toBe(want.nat);
    expect(
      listOf(json, 'aws_vpc_endpoint')
        .map((e) => String(e.service_name).replace('com.amazonaws.us-east-1.', ''))
        .sort(),
    ).toEqual([...want.endpoints]);
    expect(countOf(json, 'aws_flow_log')).toBe(1);
  });

  it('serves the app from a private bucket through CloudFront with its us-east-1 certificate, headers and alias', () => {
    const distribution = listOf(json, 'aws_cloudfront_distribution')[0];
    expect(distribution).toMatchObject({
      aliases: [want.frontend],
      viewer_certificate: expect.objectContaining({
        minimum_protocol_version: 'TLSv1.2_2021',
        ssl_support_method: 'sni-only',
      }),
    });
    expect(distribution.web_acl_id !== undefined).toBe(want.wafs > 0);
    expect(findBy(json, 'aws_acm_certificate', 'domain_name', want.frontend)).toBeDefined();
    const headers = listOf(json, 'aws_cloudfront_response_headers_policy')[0];
    expect(JSON.stringify(headers)).toContain(`connect-src 'self' https://${want.api}`);
    const aliasNames = listOf(json, 'aws_route53_record')
      .filter((r) => r.alias !== undefined)
      .map((r) => `${r.name} ${r.type}`)
      .sort();
    expect(aliasNames).toEqual([`${want.api} A`, `${want.frontend} A`, `${want.frontend} AAAA`]);
    expect(
      findBy(json, 'aws_s3_bucket', 'bucket', `mlmon-modelreg-${name}-frontend-us-east-1`),
    ).toBeDefined();
  });

  it('puts the API behind an HTTPS load balancer on its host, with a regional web ACL where configured', () => {
    expect(findBy(json, 'aws_lb', 'name', `modelreg-${name}`)).toMatchObject({
      enable_deletion_protection: want.albProtection,
    });
    expect(listOf(json, 'aws_lb_listener_rule').map((r) => r.condition)).toEqual([
      [{ host_header: { values: [want.api] } }],
    ]);
    expect(findBy(json, 'aws_lb_target_group', 'name', `modelreg-${name}-api`)).toMatchObject({
      port: 8000,
      health_check: expect.objectContaining({ path: '/health' }),
    });
    const acls = listOf(json, 'aws_wafv2_web_acl');
    expect(acls.map((a) => [a.name, a.scope]).sort()).toEqual(
      want.wafs
        ? [
            [`modelreg-${name}-api`, 'REGIONAL'],
            [`modelreg-${name}-web`, 'CLOUDFRONT'],
          ]
        : [],
    );
    expect(countOf(json, 'aws_wafv2_web_acl_association')).toBe(want.wafs ? 1 : 0);
  });

  it("runs the backend with the seed's scaling, the pipeline owning its image, and no password in the configuration", () => {
    expect(findBy(json, 'aws_ecs_service', 'name', `modelreg-${name}-backend`)).toMatchObject({
      desired_count: want.scaling[0],
      capacity_provider_strategy: want.strategy,
      lifecycle: { ignore_changes: ['task_definition', 'desired_count'] },
    });
    expect(listOf(json, 'aws_appautoscaling_target')).toEqual([
      expect.objectContaining({ min_capacity: want.scaling[0], max_capacity: want.scaling[1] }),
    ]);
    const targets = listOf(json, 'aws_appautoscaling_policy').map(
      (p) => (p.target_tracking_scaling_policy_configuration as Record<string, unknown>).target_value,
    );
    expect(targets.sort()).toEqual([70, 80]);
    const [backend] = containersOf(json, `modelreg-${name}-backend`);
    const db = ref('aws_db_instance', 'identifier', `modelreg-${name}-db`);
    expect(backend.secrets).toEqual([
      {
        name: 'DATABASE_URL',
        valueFrom: `\${${ref('aws_ssm_parameter', 'name', `/modelreg/${name}/backend/database-url`)}.arn}`,
      },
      { name: 'PGPASSWORD', valueFrom: `\${${db}.master_user_secret[0].secret_arn}:password::` },
    ]);
    expect(backend.environment).toEqual([
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'BATCH_JOB_DEFINITION', value: `modelreg-${name}-autograder` },
      { name: 'BATCH_JOB_QUEUE', value: `modelreg-${name}-autograder` },
      { name: 'ENVIRONMENT', value: name },
      { name: 'FRONTEND_ORIGIN', value: `https://${want.frontend}` },
      { name: 'HOME', value: '/tmp' },
      { name: 'S3_BUCKET_NAME', value: `mlmon-modelreg-${name}-packages-us-east-1` },
    ]);
    expect(findBy(json, 'aws_ssm_parameter', 'name', `/modelreg/${name}/backend/database-url`).value).toBe(
      `postgresql://registry@\${${db}.address}:5432/model_registry?sslmode=require`,
    );
    expect(
      findBy(json, 'aws_scheduler_schedule', 'name', `modelreg-${name}-backend-restart`).schedule_expression,
    ).toBe('cron(15 4 ? * SUN *)');
  });

  it('keeps the database private, encrypted, backed up and as available as the environment needs', () => {
    expect(findBy(json, 'aws_db_instance', 'identifier', `modelreg-${name}-db`)).toMatchObject({
      instance_class: 'db.t3.micro',
      multi_az: want.multiAz,
      deletion_protection: want.dbProtection,
      backup_retention_period: 7,
      skip_final_snapshot: false,
      final_snapshot_identifier: `modelreg-${name}-db-final`,
      storage_encrypted: true,
      publicly_accessible: false,
      db_name: 'model_registry',
    });
    const dbSg = `\${${ref('aws_security_group', 'name', `modelreg-${name}-db-db`)}.id}`;
    const backendSg = `\${${ref('aws_security_group', 'name', `modelreg-${name}-backend-tasks`)}.id}`;
    const albSg = `\${${ref('aws_security_group', 'name', `modelreg-${name}-alb`)}.id}`;
    const ingress = listOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => [
      r.security_group_id,
      r.from_port,
      r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.cidr_ipv6,
    ]);
    expect(ingress.filter(([g]) => g === dbSg)).toEqual([[dbSg, 5432, backendSg]]);
    expect(ingress.filter(([g]) => g === backendSg)).toEqual([[backendSg, 8000, albSg]]);
  });

  it('backs the database up daily with AWS Backup where configured, selecting exactly this instance', () => {
    expect(countOf(json, 'aws_backup_plan')).toBe(want.backupDays ? 1 : 0);
    expect(countOf(json, 'aws_backup_vault')).toBe(want.backupDays ? 1 : 0);
    if (!want.backupDays) return;
    expect(findBy(json, 'aws_backup_plan', 'name', `modelreg-${name}-db`).rule).toEqual([
      expect.objectContaining({
        rule_name: 'daily',
        schedule: 'cron(0 5 ? * * *)',
        lifecycle: expect.objectContaining({ delete_after: want.backupDays }),
      }),
    ]);
    const db = ref('aws_db_instance', 'identifier', `modelreg-${name}-db`);
    expect(listOf(json, 'aws_backup_selection')[0]).toMatchObject({
      resources: [`\${${db}.arn}`],
      condition: [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: `modelreg-${name}-db` }] }],
    });
    expect(findBy(json, 'aws_db_instance', 'identifier', `modelreg-${name}-db`).tags).toMatchObject({
      Backup: `modelreg-${name}-db`,
    });
    expect(findBy(json, 'aws_backup_vault', 'name', `modelreg-${name}-db`).kms_key_arn).toEqual(
      expect.stringContaining('aws_kms_key.'),
    );
  });

  it('runs the autograder on Batch Fargate: 15-minute attempts, 3 tries, non-root, read-only, failures e-mailed', () => {
    const definition = findBy(json, 'aws_batch_job_definition', 'name', `modelreg-${name}-autograder`);
    expect(definition).toMatchObject({
      platform_capabilities: ['FARGATE'],
      timeout: { attempt_duration_seconds: 900 },
      retry_strategy: expect.objectContaining({ attempts: 3 }),
    });
    const container = JSON.parse(definition.container_properties as string) as Record<string, unknown>;
    expect(container).toMatchObject({
      user: '1000:1000',
      readonlyRootFilesystem: true,
      networkConfiguration: { assignPublicIp: 'DISABLED' },
      resourceRequirements: [
        { type: 'VCPU', value: '1' },
        { type: 'MEMORY', value: '2048' },
      ],
    });
    expect(container.image).toBe(
      `\${${ref('aws_ecr_repository', 'name', `modelreg-${name}/autograder`)}.repository_url}:1.0.0`,
    );
    expect(listOf(json, 'aws_batch_compute_environment')[0]).toMatchObject({
      compute_resources: expect.objectContaining({ type: want.batchType, max_vcpus: want.maxVcpus }),
    });
    const topic = `\${${ref('aws_sns_topic', 'name', `modelreg-${name}-alarms`)}.arn}`;
    const failureRule = findBy(
      json,
      'aws_cloudwatch_event_rule',
      'name',
      `modelreg-${name}-autograder-job-failed`,
    );
    expect(JSON.parse(failureRule.event_pattern as string)).toMatchObject({
      source: ['aws.batch'],
      detail: expect.objectContaining({ status: ['FAILED'] }),
    });
    expect(listOf(json, 'aws_cloudwatch_event_target').map((t) => t.arn)).toEqual([topic, topic]);
  });

  it('lets autograder jobs reach only HTTPS, and in an isolated environment only the VPC endpoints and S3', () => {
    const batchSg = `\${${ref('aws_security_group', 'name', `modelreg-${name}-autograder-batch`)}.id}`;
    const egress = listOf(json, 'aws_vpc_security_group_egress_rule')
      .filter((r) => r.security_group_id === batchSg)
      .map((r) => ({
        port: r.from_port,
        to: r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id,
      }));
    expect(egress).toEqual(
      want.isolated
        ? [
            {
              port: 443,
              to: `\${${ref('aws_vpc_endpoint', 'service_name', 'com.amazonaws.us-east-1.s3')}.prefix_list_id}`,
            },
            {
              port: 443,
              to: `\${${ref('aws_security_group', 'name', `modelreg-${name}-vpc-endpoints`)}.id}`,
            },
          ]
        : [{ port: 443, to: '0.0.0.0/0' }],
    );
    expect(
      listOf(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === batchSg),
    ).toEqual([]);
  });

  it('grants jobs read on packages/ and put on results/, the backend read-write on packages/ and job submission', () => {
    const jobActions = statementsOf('autograder_job-role_policy-document').flatMap((s) => [
      ...(s.actions ?? []).map((a) => `${a} ${(s.resources ?? []).join(',')}`),
    ]);
    expect(jobActions.some((a) => a.startsWith('s3:GetObject ') && a.includes('/packages/*'))).toBe(true);
    expect(jobActions.some((a) => a.startsWith('s3:PutObject ') && a.includes('/results/*'))).toBe(true);
    expect(jobActions.some((a) => a.startsWith('s3:PutObject ') && a.includes('/packages/*'))).toBe(false);
    const backendActions = statementsOf('api_task_task-role_policy-document').flatMap((s) => s.actions ?? []);
    expect(backendActions).toEqual(
      expect.arrayContaining(['batch:SubmitJob', 's3:PutObject', 's3:GetObject']),
    );
  });

  it('gives the application pipeline exactly: push to both repositories, roll the backend, publish the app', () => {
    const role = findBy(json, 'aws_iam_role', 'name', `modelreg-${name}-app-deploy`);
    expect(role).toBeDefined();
    const trust = toIam(statementsOf('app-deploy_trust-policy'));
    for (const sub of want.deploySubjects) expect(canAssume(trust, token(sub), PROVIDER_ARN)).toBe(true);
    expect(canAssume(trust, token('repo:example/model-registry:pull_request'), PROVIDER_ARN)).toBe(false);
    expect(canAssume(trust, token('repo:acme/mlmon-infra:environment:prod'), PROVIDER_ARN)).toBe(false);
    const statements = statementsOf('app-deploy_policy-document');
    const byAction = (action: string) =>
      statements.filter((s) => (s.actions ?? []).includes(action)).flatMap((s) => s.resources ?? []);
    expect(byAction('ecr:PutImage').sort()).toEqual(
      [
        `\${${ref('aws_ecr_repository', 'name', `modelreg-${name}/autograder`)}.arn}`,
        `\${${ref('aws_ecr_repository', 'name', `modelreg-${name}/backend`)}.arn}`,
      ].sort(),
    );
    expect(byAction('ecs:UpdateService')).toEqual([
      `\${${ref('aws_ecs_service', 'name', `modelreg-${name}-backend`)}.id}`,
    ]);
    expect(byAction('cloudfront:CreateInvalidation')).toEqual([
      `\${${ref('aws_cloudfront_distribution', 'comment', `modelreg-${name}-web static site`)}.arn}`,
    ]);
    expect(byAction('iam:PassRole')).toHaveLength(2);
    // Only the two registry-wide actions IAM cannot scope take "*".
    const star = statements.filter((s) => (s.resources ?? []).includes('*')).flatMap((s) => s.actions ?? []);
    expect([...new Set(star)].sort()).toEqual(
      ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'ecr:GetAuthorizationToken'].sort(),
    );
    // No managed policy on the CI role (attachments belong to the RDS monitoring and backup roles).
    const deployRole = ref('aws_iam_role', 'name', `modelreg-${name}-app-deploy`);
    expect(
      listOf(json, 'aws_iam_role_policy_attachment').filter((a) => String(a.role).includes(deployRole)),
    ).toEqual([]);
  });

  it('alarms every tier (ALB, ECS, RDS, Batch, CloudFront) to the environment topic', () => {
    const topic = `\${${ref('aws_sns_topic', 'name', `modelreg-${name}-alarms`)}.arn}`;
    const alarms = listOf(json, 'aws_cloudwatch_metric_alarm');
    const names = alarms.map((a) => a.alarm_name as string);
    expect(new Set(names).size).toBe(names.length);
    for (const a of alarms) expect(a.alarm_actions).toEqual([topic]);
    expect(names).toEqual(
      expect.arrayContaining([
        `modelreg-${name}-alb-target-5xx-rate`,
        `modelreg-${name}-alb-response-time-p99`,
        `modelreg-${name}-backend-cpu-high`,
        `modelreg-${name}-backend-memory-high`,
        `modelreg-${name}-backend-running-tasks-low`,
        `modelreg-${name}-db-cpu-high`,
        `modelreg-${name}-db-free-storage-low`,
        `modelreg-${name}-db-connections-high`,
      ]),
    );
    const batch = alarms.filter((a) => String(a.alarm_name).startsWith(`modelreg-${name}-autograder`));
    expect(batch.map((a) => a.namespace)).toEqual(['AWS/Events', 'AWS/Events']);
    expect(batch.find((a) => a.metric_name === 'TriggeredRules')?.threshold).toBe(want.failedJobs);
    const cloudFront = alarms.filter((a) => JSON.stringify(a).includes('AWS/CloudFront'));
    expect(cloudFront.length).toBeGreaterThan(0);
    expect(JSON.stringify(cloudFront)).toContain(`"threshold":${want.cf5xx}`);
    expect(alarmMetricsOf(json)).toBe(alarmMetricCount(env(name)));
  });

  it('keeps secrets out of the configuration', () => {
    expect(out).not.toMatch(/"(password|secret_string)"\s*:\s*"[^$]/i);
    expect(out).not.toMatch(/postgresql:\/\/[^@"]*:[^@"]*@/);
  });

  it('declares described outputs', () => {
    for (const o of Object.values(json.output)) expect(o.description).toEqual(expect.any(String));
    expect(json.output.frontend_url.value).toBe(`https://${want.frontend}`);
    expect(json.output.api_url.value).toBe(`https://${want.api}`);
    expect(Object.keys(json.output)).toEqual(
      expect.arrayContaining([
        'app_deploy_role_arn',
        'distribution_id',
        'frontend_bucket',
        'backend_service_name',
        'autograder_job_queue',
      ]),
    );
  });

  it('has the expected size', () => {
    expect(resourceCount(json)).toBe(want.size);
  });

  it('matches the snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});

describe('modelreg outside us-east-1', () => {
  const cfg: ModelregEnvironmentConfig = {
    ...env('staging'),
    region: 'us-west-2',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
  };
  const { json } = synthEnv(cfg);

  it("creates CloudFront's certificate, web ACL, log delivery and alarm topic through a us-east-1 provider", () => {
    expect(json.provider.aws.map((p) => [p.alias ?? 'default', p.region])).toEqual([
      ['default', 'us-west-2'],
      ['us-east-1', 'us-east-1'],
    ]);
    const edge = 'aws.us-east-1';
    expect(findBy(json, 'aws_acm_certificate', 'domain_name', 'registry.staging.example.com').provider).toBe(
      edge,
    );
    expect(
      findBy(json, 'aws_acm_certificate', 'domain_name', 'api.registry.staging.example.com').provider,
    ).toBeUndefined();
    expect(findBy(json, 'aws_wafv2_web_acl', 'scope', 'CLOUDFRONT').provider).toBe(edge);
    expect(findBy(json, 'aws_sns_topic', 'name', 'modelreg-staging-edge-alarms').provider).toBe(edge);
    const edgeTopic = `\${${addressOf(json, 'aws_sns_topic', 'name', 'modelreg-staging-edge-alarms')}.arn}`;
    const cloudFront = listOf(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.provider === edge);
    expect(cloudFront.length).toBeGreaterThan(0);
    for (const a of cloudFront) expect(a.alarm_actions).toEqual([edgeTopic]);
  });
});
