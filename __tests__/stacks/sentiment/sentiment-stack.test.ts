import { App, Testing } from 'cdktf';
import { applyPolicyPack } from '../../../modules/policy';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import { PROJECT } from '../../../stacks/shared/project';
import { SentimentStack } from '../../../stacks/sentiment/sentiment-stack';
import { SentimentEnvironmentConfig } from '../../../stacks/sentiment/config';
import { SENTIMENT_ENVIRONMENTS, sentimentProd } from '../../../stacks/sentiment/environments';

type Loose = ReturnType<typeof JSON.parse>;

/** Builds one environment as main.ts does (policy pack applied) and synthesizes it once. */
function synthEnv(cfg: SentimentEnvironmentConfig) {
  const app: App = Testing.app();
  const stack = new SentimentStack(app, `sentiment-${cfg.name}`, {
    project: PROJECT,
    stateBackend: DEFAULT_STATE_BACKEND,
    environment: cfg,
  });
  const log: string[] = [];
  applyPolicyPack(stack, { log: (m) => log.push(m) });
  const out = Testing.synth(stack, true);
  const json = JSON.parse(out) as Loose;
  const all = (type: string): Loose[] => Object.values(json.resource[type] ?? {});
  const only = (type: string): Loose => {
    const found = all(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  };
  const containers = (family: string): Loose[] =>
    JSON.parse(all('aws_ecs_task_definition').find((t: Loose) => t.family === family).container_definitions);
  const statements = (fragment: string): Loose[] =>
    Object.entries(json.data.aws_iam_policy_document)
      .filter(([k]) => k.includes(fragment))
      .flatMap(([, d]) => (d as Loose).statement);
  return { stack, out, json, log, all, only, containers, statements };
}

/** What differs between the shipped environments (and prod in the other profile), as the README states it. */
interface Expected {
  readonly azs: number;
  readonly nat: number;
  readonly endpointSubnets: number;
  readonly backend: { desired: number; max: number };
  readonly backendStrategy: Loose[];
  readonly mlStrategy: Loose[];
  readonly db: { class: string; multiAz: boolean; backups: number; deletionProtection: boolean };
  readonly cacheNodes: number;
  readonly searchNodes: number;
  readonly webAcls: number;
  readonly albDeletionProtection: boolean;
  readonly logDays: number;
  readonly email: string;
  readonly appDomain: string;
  readonly apiDomain: string;
  /** Policy warnings (all about customer-managed KMS keys) and suppressed findings (the decisions). */
  readonly warnings: number;
  readonly suppressed: number;
}

const SPOT_MIX = [
  { capacity_provider: 'FARGATE', base: 1, weight: 1 },
  { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 1 },
];
const SPOT_ONLY = [{ capacity_provider: 'FARGATE_SPOT', base: 0, weight: 1 }];
const ON_DEMAND = [{ capacity_provider: 'FARGATE', base: 0, weight: 1 }];

const EXPECTED: Record<string, Expected> = {
  dev: {
    azs: 2,
    nat: 1,
    endpointSubnets: 0,
    backend: { desired: 1, max: 2 },
    backendStrategy: SPOT_MIX,
    mlStrategy: SPOT_ONLY,
    db: { class: 'db.t4g.micro', multiAz: false, backups: 7, deletionProtection: false },
    cacheNodes: 1,
    searchNodes: 1,
    webAcls: 1,
    albDeletionProtection: false,
    logDays: 14,
    email: 'support-analytics-dev@example.com',
    appDomain: 'sentiment-dev.example.com',
    apiDomain: 'api.sentiment-dev.example.com',
    warnings: 17,
    suppressed: 8,
  },
  staging: {
    azs: 2,
    nat: 0,
    endpointSubnets: 1,
    backend: { desired: 1, max: 2 },
    backendStrategy: SPOT_MIX,
    mlStrategy: SPOT_ONLY,
    db: { class: 'db.t4g.micro', multiAz: false, backups: 7, deletionProtection: true },
    cacheNodes: 1,
    searchNodes: 1,
    webAcls: 1,
    albDeletionProtection: true,
    logDays: 30,
    email: 'support-analytics-staging@example.com',
    appDomain: 'sentiment-staging.example.com',
    apiDomain: 'api.sentiment-staging.example.com',
    warnings: 17,
    suppressed: 6,
  },
  prod: {
    azs: 2,
    nat: 0,
    endpointSubnets: 1,
    backend: { desired: 2, max: 4 },
    backendStrategy: SPOT_MIX,
    mlStrategy: SPOT_ONLY,
    db: { class: 'db.t4g.small', multiAz: false, backups: 14, deletionProtection: true },
    cacheNodes: 1,
    searchNodes: 1,
    webAcls: 2,
    albDeletionProtection: true,
    logDays: 90,
    email: 'support-analytics-oncall@example.com',
    appDomain: 'sentiment.example.com',
    apiDomain: 'api.sentiment.example.com',
    warnings: 18,
    suppressed: 5,
  },
  'prod (highAvailability)': {
    azs: 3,
    nat: 0,
    endpointSubnets: 3,
    backend: { desired: 2, max: 4 },
    backendStrategy: ON_DEMAND,
    mlStrategy: ON_DEMAND,
    db: { class: 'db.t4g.small', multiAz: true, backups: 14, deletionProtection: true },
    cacheNodes: 2,
    searchNodes: 3,
    webAcls: 2,
    albDeletionProtection: true,
    logDays: 90,
    email: 'support-analytics-oncall@example.com',
    appDomain: 'sentiment.example.com',
    apiDomain: 'api.sentiment.example.com',
    warnings: 18,
    suppressed: 2,
  },
};

const CASES: [string, SentimentEnvironmentConfig][] = [
  ...SENTIMENT_ENVIRONMENTS.map((e) => [e.name, e] as [string, SentimentEnvironmentConfig]),
  ['prod (highAvailability)', sentimentProd('highAvailability')],
];

describe.each(CASES)('sentiment stack %s', (label, cfg) => {
  const s = synthEnv(cfg);
  const want = EXPECTED[label];
  const name = `sentiment-${cfg.name}`;

  it('passes the policy pack as main.ts applies it: no error', () => {
    expect(s.log[0].split('\n')[0]).toBe(
      `Policy pack ${name}: 0 error(s), ${want.warnings} warning(s), ${want.suppressed} suppressed`,
    );
  });

  it('keeps its state under its own key and tags every resource', () => {
    expect(s.json.terraform.backend.s3).toMatchObject({ key: `${name}/terraform.tfstate`, encrypt: true });
    expect(s.json.provider.aws[0].default_tags[0].tags).toEqual({
      Project: 'mlmon',
      ManagedBy: 'cdktf',
      Repository: 'mlmon-infra',
      Owner: 'support-analytics',
      CostCenter: 'customer-support',
      Environment: cfg.name,
      System: 'sentiment',
    });
  });

  it('builds the VPC: subnets per AZ, NAT per config, interface endpoints per profile', () => {
    expect(s.only('aws_vpc').cidr_block).toBe(cfg.vpcCidr);
    expect(s.all('aws_subnet')).toHaveLength(2 * want.azs);
    expect(s.all('aws_nat_gateway')).toHaveLength(want.nat);
    const interfaces = s.all('aws_vpc_endpoint').filter((e: Loose) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((e: Loose) => e.service_name.split('.').slice(3).join('.')).sort()).toEqual(
      want.endpointSubnets === 0 ? [] : ['bedrock-runtime', 'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'],
    );
    for (const e of interfaces) expect(e.subnet_ids).toHaveLength(want.endpointSubnets);
    expect(s.all('aws_flow_log')).toHaveLength(1);
  });

  it('serves the app from CloudFront with its certificate, security headers and DNS alias', () => {
    const dist = s.only('aws_cloudfront_distribution');
    expect(dist.aliases).toEqual([want.appDomain]);
    expect(dist.viewer_certificate.minimum_protocol_version).toBe('TLSv1.2_2021');
    expect(dist.web_acl_id !== undefined).toBe(want.webAcls === 2);
    const csp = s.only('aws_cloudfront_response_headers_policy').security_headers_config
      .content_security_policy;
    expect(csp.content_security_policy).toContain(`connect-src 'self' https://${want.apiDomain}`);
    expect(s.all('aws_s3_bucket').map((b: Loose) => b.bucket)).toEqual([
      `mlmon-${name}-alb-logs`,
      `mlmon-${name}-web`,
      `mlmon-${name}-web-logs`,
    ]);
    const records = s.all('aws_route53_record').filter((r: Loose) => r.alias !== undefined);
    expect(records.map((r: Loose) => `${r.type} ${r.name}`).sort()).toEqual(
      [`A ${want.apiDomain}`, `A ${want.appDomain}`, `AAAA ${want.appDomain}`].sort(),
    );
  });

  it('puts the API behind an HTTPS ALB with WAF (rate limit), sticky sessions and a host rule', () => {
    const lb = s.only('aws_lb');
    expect(lb).toMatchObject({
      name,
      internal: false,
      enable_deletion_protection: want.albDeletionProtection,
    });
    const tg = s.only('aws_lb_target_group');
    expect(tg).toMatchObject({
      name: `${name}-backend`,
      port: 8000,
      target_type: 'ip',
      stickiness: { enabled: true, type: 'lb_cookie', cookie_duration: 86400 },
      health_check: expect.objectContaining({ path: '/health' }),
    });
    expect(s.only('aws_lb_listener_rule').condition).toEqual([{ host_header: { values: [want.apiDomain] } }]);
    expect(s.all('aws_wafv2_web_acl')).toHaveLength(want.webAcls);
    const regional = s.all('aws_wafv2_web_acl').find((w: Loose) => w.scope === 'REGIONAL');
    const rate = regional.rule.find((r: Loose) => r.name === 'RateLimitPerIp');
    expect(rate.statement.rate_based_statement.limit).toBe(2000);
    expect(s.only('aws_wafv2_web_acl_association').resource_arn).toMatch(/aws_lb\./);
  });

  it('runs the backend on Fargate: size, scaling on CPU 70 %, capacity per profile, behind the ALB', () => {
    const backend = s.all('aws_ecs_service').find((x: Loose) => x.name === `${name}-backend`);
    expect(backend).toMatchObject({
      desired_count: want.backend.desired,
      capacity_provider_strategy: want.backendStrategy,
      network_configuration: expect.objectContaining({ assign_public_ip: false }),
    });
    expect(backend.load_balancer).toEqual([
      expect.objectContaining({ container_name: 'backend', container_port: 8000 }),
    ]);
    const td = s.all('aws_ecs_task_definition').find((t: Loose) => t.family === `${name}-backend`);
    expect([td.cpu, td.memory]).toEqual(['512', '1024']);
    expect(s.only('aws_appautoscaling_target')).toMatchObject({
      min_capacity: want.backend.desired,
      max_capacity: want.backend.max,
    });
    expect(
      s.only('aws_appautoscaling_policy').target_tracking_scaling_policy_configuration.target_value,
    ).toBe(70);
  });

  it('passes seed 004 variables to the backend without a credential, the JWT key by ARN', () => {
    const [backend] = s.containers(`${name}-backend`);
    const env = Object.fromEntries(backend.environment.map((e: Loose) => [e.name, e.value]));
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1',
      DB_NAME: 'sentiment_db',
      DB_PORT: '5432',
      BEDROCK_REGION: 'us-east-1',
      BEDROCK_MODEL_ID: 'anthropic.claude-3-haiku-20240307-v1:0',
      ML_SERVICE_URL: 'http://ml-service.internal:5001',
      REDIS_IAM_USER: `${name}-cache-backend`,
    });
    expect(env.REDIS_URL).toMatch(
      /^rediss:\/\/\$\{aws_elasticache_replication_group\..*\.primary_endpoint_address\}:6379\/0$/,
    );
    expect(env.ELASTICSEARCH_URL).toMatch(/^https:\/\/\$\{aws_opensearch_domain\..*\.endpoint\}:443$/);
    expect(env.DB_SECRET_ARN).toMatch(/master_user_secret\[0\]\.secret_arn/);
    expect(backend.secrets).toEqual([
      { name: 'JWT_SECRET', valueFrom: expect.stringMatching(/^\$\{aws_secretsmanager_secret\./) },
    ]);
    expect(backend.image).toMatch(/^\$\{aws_ecr_repository\..*\.repository_url\}:1\.0\.0$/);
  });

  it('runs the ML service internally, found as ml-service.internal, reachable only from the backend', () => {
    const ml = s.all('aws_ecs_service').find((x: Loose) => x.name === `${name}-ml`);
    expect(ml).toMatchObject({ desired_count: 1, capacity_provider_strategy: want.mlStrategy });
    expect(ml.load_balancer).toBeUndefined();
    expect(s.only('aws_service_discovery_private_dns_namespace').name).toBe('internal');
    expect(s.only('aws_service_discovery_service').name).toBe('ml-service');
    const td = s.all('aws_ecs_task_definition').find((t: Loose) => t.family === `${name}-ml`);
    expect([td.cpu, td.memory]).toEqual(['1024', '2048']);
    const ingress = s.all('aws_vpc_security_group_ingress_rule').filter((r: Loose) => r.from_port === 5001);
    expect(ingress).toHaveLength(1);
    expect(ingress[0].referenced_security_group_id).toMatch(/backend-service_security-group/);
  });

  it('sizes the data tier per environment and profile', () => {
    expect(s.only('aws_db_instance')).toMatchObject({
      identifier: name,
      instance_class: want.db.class,
      multi_az: want.db.multiAz,
      backup_retention_period: want.db.backups,
      deletion_protection: want.db.deletionProtection,
      db_name: 'sentiment_db',
      manage_master_user_password: true,
      publicly_accessible: false,
    });
    expect(s.only('aws_elasticache_replication_group')).toMatchObject({
      node_type: 'cache.t4g.micro',
      num_cache_clusters: want.cacheNodes,
      automatic_failover_enabled: want.cacheNodes > 1,
      transit_encryption_mode: 'required',
    });
    expect(s.only('aws_elasticache_parameter_group').parameter).toEqual([
      { name: 'maxmemory-policy', value: 'noeviction' },
    ]);
    const search = s.only('aws_opensearch_domain');
    expect(search.domain_name).toBe(`${name}-search`);
    expect(search.cluster_config).toMatchObject({
      instance_type: 't3.small.search',
      instance_count: want.searchNodes,
      zone_awareness_enabled: want.searchNodes > 1,
    });
    expect(search.advanced_security_options.master_user_options.master_user_arn).toBe(
      'arn:aws:iam::123456789012:role/sentiment-search-admin',
    );
  });

  it('chains the security groups ALB -> backend -> database, cache, ML service', () => {
    const ports = s
      .all('aws_vpc_security_group_ingress_rule')
      .filter((r: Loose) => String(r.referenced_security_group_id ?? '').includes('backend-service'))
      .map((r: Loose) => r.from_port)
      .sort();
    expect(ports).toEqual([443, 5001, 5432, 6379]);
    const fromAlb = s
      .all('aws_vpc_security_group_ingress_rule')
      .filter((r: Loose) => String(r.referenced_security_group_id ?? '').includes('alb_'));
    expect(fromAlb.map((r: Loose) => r.from_port)).toEqual([8000]);
  });

  it('grants the backend exactly the Bedrock model, its cache user, the domain and the master secret', () => {
    const task = s.statements('backend-service_task_task-role_policy-document');
    const bedrock = task.filter((st: Loose) => st.actions.some((a: string) => a.startsWith('bedrock:')));
    expect(bedrock.flatMap((st: Loose) => st.resources)).toEqual([cfg.bedrockModelArn]);
    const connect = task.find((st: Loose) => st.actions.includes('elasticache:Connect'));
    expect(connect.resources).toHaveLength(2);
    expect(task.some((st: Loose) => st.actions.includes('es:ESHttpGet'))).toBe(true);
    expect(task.some((st: Loose) => st.actions.includes('secretsmanager:GetSecretValue'))).toBe(true);
    // The ML service's task role has no permission at all (no policy document).
    expect(s.statements('ml-service_task_task-role_policy-document')).toEqual([]);
  });

  it('creates two ECR repositories for the images', () => {
    expect(
      s
        .all('aws_ecr_repository')
        .map((r: Loose) => r.name)
        .sort(),
    ).toEqual([`${name}/backend`, `${name}/ml-service`]);
  });

  it('alarms on every tier to the environment topic, each name unique', () => {
    const alarms = s.all('aws_cloudwatch_metric_alarm');
    const names = alarms.map((a: Loose) => a.alarm_name);
    expect(new Set(names).size).toBe(names.length);
    const tiers = ['alb', 'backend', 'ml', 'db', 'cache', 'search', 'web'];
    const count = (tier: string) => names.filter((n: string) => n.startsWith(`${name}-${tier}-`)).length;
    expect(Object.fromEntries(tiers.map((t) => [t, count(t)]))).toEqual({
      alb: 7,
      backend: 4,
      ml: 4,
      db: 5,
      cache: want.cacheNodes === 2 ? 12 : 5,
      search: want.searchNodes === 3 ? 9 : 8,
      web: 1,
    });
    expect(
      count('alb') +
        count('backend') +
        count('ml') +
        count('db') +
        count('cache') +
        count('search') +
        count('web'),
    ).toBe(names.length);
    for (const a of alarms) {
      expect(a.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alarms_/)]);
      expect(a.ok_actions).toEqual(a.alarm_actions);
    }
    expect(s.only('aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: want.email });
  });

  it('keeps logs for the environment retention', () => {
    const days = new Set(
      s
        .all('aws_cloudwatch_log_group')
        .filter((g: Loose) => !String(g.name).includes('execute-command'))
        .map((g: Loose) => g.retention_in_days),
    );
    expect([...days]).toEqual([want.logDays]);
  });

  it('puts no secret value in the configuration', () => {
    expect(s.out).not.toMatch(/"password"\s*:/);
    expect(s.out).not.toMatch(/secret_string"/);
    expect(s.json.resource.aws_secretsmanager_secret_version).toBeDefined();
  });

  it('declares described outputs', () => {
    const outputs = s.json.output as Record<string, Loose>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'alarm_topic_arn',
        'api_url',
        'backend_repository_url',
        'cluster_name',
        'database_secret_arn',
        'distribution_id',
        'jwt_secret_arn',
        'ml_service_repository_url',
        'search_endpoint',
        'web_bucket',
        'app_url',
      ].sort(),
    );
    expect(outputs.app_url.value).toBe(`https://${want.appDomain}`);
    for (const o of Object.values(outputs)) expect(o.description).toEqual(expect.any(String));
  });

  if (!label.includes('highAvailability')) {
    it('matches the snapshot', () => {
      expect(s.out).toMatchSnapshot();
    });
  }
});
