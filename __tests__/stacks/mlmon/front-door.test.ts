import { ALL_RULES, JsonObject, PolicySuppressions, runPolicyPack } from '../../../modules/policy';
import { ENVIRONMENTS } from '../../../stacks/mlmon/environments';
import { EnvironmentConfig } from '../../../stacks/mlmon/config';
import { Block, StackJson, ref, resource, synthEnv, yamlOf } from './synth-env';

/**
 * Staging and prod behind the HTTPS front door, dev without one: literal values per environment
 * on the synthesized JSON.
 */

const env = (name: string) => ENVIRONMENTS.find((e) => e.name === name) as EnvironmentConfig;
const all = (json: StackJson, type: string): Block[] => Object.values(json.resource[type] ?? {});
const one = (json: StackJson, type: string, prefix = '') => resource(json, type, prefix);

interface Expected {
  readonly alb: string;
  readonly deletionProtection: boolean;
  readonly api: string;
  readonly grafana: string;
  readonly vpcCidr: string;
  readonly logExpirationInDays: number;
  /** NAT gateways' Elastic IPs: the host has none. */
  readonly eips: number;
  readonly alarmEmails: string[];
}

const EXPECTED: Record<'staging' | 'prod', Expected> = {
  staging: {
    alb: 'mlmon-staging',
    deletionProtection: false,
    api: 'mlmon-staging.example.com',
    grafana: 'grafana.mlmon-staging.example.com',
    vpcCidr: '10.20.0.0/16',
    logExpirationInDays: 60,
    eips: 1,
    alarmEmails: ['ml-staging-alerts@example.com'],
  },
  prod: {
    alb: 'mlmon-prod',
    deletionProtection: true,
    api: 'mlmon.example.com',
    grafana: 'grafana.mlmon.example.com',
    vpcCidr: '10.30.0.0/16',
    logExpirationInDays: 365,
    eips: 2,
    alarmEmails: ['ml-oncall@example.com', 'ml-platform@example.com'],
  },
};

describe.each(['staging', 'prod'] as const)('mlmon-%s behind the front door', (name) => {
  const want = EXPECTED[name];
  const synthesized = synthEnv(env(name));
  const { json, stack } = synthesized;
  const lb = one(json, 'aws_lb');
  const albSg = one(json, 'aws_security_group', 'front-door_alb_security-group');
  const hostSg = one(json, 'aws_security_group', 'app-sg');
  const tg = (key: string) => one(json, 'aws_lb_target_group', `front-door_alb_${key}_`);
  const asg = one(json, 'aws_autoscaling_group').config;
  const topicArn = ref('aws_sns_topic', one(json, 'aws_sns_topic', 'alarm-topic').id, 'arn');

  it('runs an internet-facing ALB in the public subnets with hardened settings and access logs', () => {
    expect(lb.config).toMatchObject({
      name: want.alb,
      load_balancer_type: 'application',
      internal: false,
      ip_address_type: 'ipv4',
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'defensive',
      enable_deletion_protection: want.deletionProtection,
      access_logs: { enabled: true, prefix: want.alb },
    });
    const subnets = (lb.config.subnets as string[]).map((s) => s.replace(/_[0-9A-F]{8}\.id\}$/, ''));
    expect(subnets).toEqual([
      '${aws_subnet.network_public-us-east-1a',
      '${aws_subnet.network_public-us-east-1b',
    ]);
    const logBucket = one(json, 'aws_s3_bucket', 'front-door_alb_logs');
    expect(logBucket.config.bucket).toBe(`mlmon-${name}-alb-logs-us-east-1`);
    const lifecycle = one(json, 'aws_s3_bucket_lifecycle_configuration', 'front-door_alb_logs');
    const expire = (lifecycle.config.rule as Block[]).find((r) => r.id === 'expire-load-balancer-logs');
    expect(expire?.expiration).toEqual([{ days: want.logExpirationInDays }]);
  });

  it('listens on 443 with the TLS 1.3 policy and the validated certificate, and redirects 80 to HTTPS', () => {
    const listeners = all(json, 'aws_lb_listener').map((l) => ({
      port: l.port,
      protocol: l.protocol,
      ssl_policy: l.ssl_policy,
      certificate_arn: l.certificate_arn,
      default_action: l.default_action,
    }));
    const validation = one(json, 'aws_acm_certificate_validation');
    expect(listeners).toEqual(
      expect.arrayContaining([
        {
          port: 443,
          protocol: 'HTTPS',
          ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          certificate_arn: ref('aws_acm_certificate_validation', validation.id, 'certificate_arn'),
          default_action: [
            {
              type: 'fixed-response',
              fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'Not Found' },
            },
          ],
        },
        {
          port: 80,
          protocol: 'HTTP',
          ssl_policy: undefined,
          certificate_arn: undefined,
          default_action: [
            { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
          ],
        },
      ]),
    );
    expect(listeners).toHaveLength(2);
  });

  it('requests one DNS-validated certificate for the API and Grafana names in the zone from the config', () => {
    expect(one(json, 'aws_acm_certificate').config).toMatchObject({
      domain_name: want.api,
      subject_alternative_names: [want.grafana],
      validation_method: 'DNS',
      options: { certificate_transparency_logging_preference: 'ENABLED' },
      lifecycle: { create_before_destroy: true },
    });
    const validationRecords = all(json, 'aws_route53_record').filter((r) => r.allow_overwrite === true);
    expect(validationRecords.map((r) => r.zone_id)).toEqual([
      'Z0123456789ABCDEFGHIJ',
      'Z0123456789ABCDEFGHIJ',
    ]);
  });

  it('points A alias records of both names at the load balancer (no AAAA: the VPC is IPv4-only)', () => {
    const aliases = all(json, 'aws_route53_record')
      .filter((r) => r.alias !== undefined)
      .map((r) => [r.name, r.type, r.zone_id, r.alias]);
    const alias = {
      name: ref('aws_lb', lb.id, 'dns_name'),
      zone_id: ref('aws_lb', lb.id, 'zone_id'),
      evaluate_target_health: true,
    };
    expect(aliases).toEqual([
      [want.api, 'A', 'Z0123456789ABCDEFGHIJ', alias],
      [want.grafana, 'A', 'Z0123456789ABCDEFGHIJ', alias],
    ]);
  });

  it('forwards the API through the reverse proxy on 80, checked on /health along the same path', () => {
    expect(tg('api').config).toMatchObject({
      name: `${want.alb}-api`,
      port: 80,
      protocol: 'HTTP',
      target_type: 'instance',
      deregistration_delay: '60',
      health_check: {
        enabled: true,
        path: '/health',
        port: 'traffic-port',
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthy_threshold: 3,
        unhealthy_threshold: 3,
      },
    });
    expect(tg('grafana').config).toMatchObject({
      name: `${want.alb}-grafana`,
      port: 3000,
      health_check: { path: '/api/health', port: 'traffic-port', matcher: '200' },
    });
  });

  it('routes by host name: Grafana only from the admin networks, the API from anywhere, the rest 404', () => {
    const rules = all(json, 'aws_lb_listener_rule')
      .map((r) => ({ priority: r.priority, condition: r.condition, action: r.action }))
      .sort((a, b) => (a.priority as number) - (b.priority as number));
    expect(rules).toEqual([
      {
        priority: 10,
        condition: [
          { host_header: { values: [want.grafana] } },
          { source_ip: { values: ['203.0.113.0/24'] } },
        ],
        action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', tg('grafana').id, 'arn') }],
      },
      {
        priority: 100,
        condition: [{ host_header: { values: [want.api] } }],
        action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', tg('api').id, 'arn') }],
      },
    ]);
  });

  it("admits only the load balancer's group into the host, on 80 and 3000; the ALB reaches nothing else", () => {
    const rulesOf = (type: string, groupId: string) =>
      all(json, type)
        .filter((r) => r.security_group_id === ref('aws_security_group', groupId, 'id'))
        .map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id])
        .sort((a, b) => (a[0] as number) - (b[0] as number));
    const albRef = ref('aws_security_group', albSg.id, 'id');
    const hostRef = ref('aws_security_group', hostSg.id, 'id');
    expect(rulesOf('aws_vpc_security_group_ingress_rule', hostSg.id)).toEqual([
      [80, 80, albRef],
      [3000, 3000, albRef],
    ]);
    expect(rulesOf('aws_vpc_security_group_egress_rule', albSg.id)).toEqual([
      [80, 80, hostRef],
      [3000, 3000, hostRef],
    ]);
    expect(rulesOf('aws_vpc_security_group_ingress_rule', albSg.id)).toEqual([
      [80, 80, '0.0.0.0/0'],
      [80, 80, '::/0'],
      [443, 443, '0.0.0.0/0'],
      [443, 443, '::/0'],
    ]);
  });

  it('launches the host into the private subnets with no public address and no Elastic IP', () => {
    const lt = one(json, 'aws_launch_template').config;
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        security_groups: [ref('aws_security_group', hostSg.id, 'id')],
        delete_on_termination: 'true',
      },
    ]);
    const zones = (asg.vpc_zone_identifier as string[]).map((s) => s.replace(/_[0-9A-F]{8}\.id\}$/, ''));
    expect(zones).toEqual([
      '${aws_subnet.network_private-us-east-1a',
      '${aws_subnet.network_private-us-east-1b',
    ]);
    expect(all(json, 'aws_eip')).toHaveLength(want.eips);
    expect(all(json, 'aws_eip').every((e) => String((e.tags as Block).Name).includes('nat'))).toBe(true);
    expect(all(json, 'aws_eip_association')).toHaveLength(0);
    expect(stack.host.address).toBeUndefined();
    expect(synthesized.files['/opt/mlmon/.compose-host/bootstrap.sh']).not.toMatch(/associate-address/);
  });

  it('registers the group in both target groups and replaces the host on their verdict after 900 s', () => {
    expect(asg).toMatchObject({
      name: `${want.alb}-app`,
      min_size: 1,
      max_size: 1,
      desired_capacity: 1,
      health_check_type: 'ELB',
      health_check_grace_period: 900,
      target_group_arns: [
        ref('aws_lb_target_group', tg('api').id, 'arn'),
        ref('aws_lb_target_group', tg('grafana').id, 'arn'),
      ],
    });
  });

  it('rolls a template change out as terminate-then-launch, like every other replacement of the host', () => {
    expect(asg.launch_template).toEqual({
      id: ref('aws_launch_template', one(json, 'aws_launch_template').id, 'id'),
      version: ref('aws_launch_template', one(json, 'aws_launch_template').id, 'latest_version'),
    });
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: {
        min_healthy_percentage: 0,
        max_healthy_percentage: 100,
        instance_warmup: '300',
        skip_matching: true,
      },
    });
    expect(asg.instance_maintenance_policy).toEqual({
      min_healthy_percentage: 0,
      max_healthy_percentage: 100,
    });
  });

  it('publishes Grafana at its HTTPS name and keeps the client address the load balancer forwards', () => {
    const compose = yamlOf<{
      services: Record<string, { environment?: Record<string, string>; ports?: string[] }>;
    }>(synthesized, '/opt/mlmon/compose.yml');
    expect(compose.services.grafana.environment).toMatchObject({
      GF_SERVER_ROOT_URL: `https://${want.grafana}/`,
      GF_SERVER_DOMAIN: want.grafana,
      GF_SECURITY_COOKIE_SECURE: 'true',
    });
    expect(compose.services.proxy.ports).toEqual(['80:80']);
    expect(synthesized.files['/opt/mlmon/caddy/Caddyfile']).toContain(
      `trusted_proxies static ${want.vpcCidr}\n`,
    );
    expect(synthesized.files['/opt/mlmon/caddy/Caddyfile']).toContain(':80 {\n');
  });

  it('alarms on the load balancer and both target groups through the environment topic', () => {
    const alarms = all(json, 'aws_cloudwatch_metric_alarm').filter((a) =>
      String(a.alarm_name).startsWith(`${want.alb}-alb-`),
    );
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      `${want.alb}-alb-api-no-healthy-hosts`,
      `${want.alb}-alb-api-unhealthy-hosts`,
      `${want.alb}-alb-elb-5xx`,
      `${want.alb}-alb-grafana-no-healthy-hosts`,
      `${want.alb}-alb-grafana-unhealthy-hosts`,
      `${want.alb}-alb-rejected-connections`,
      `${want.alb}-alb-response-time-p90`,
      `${want.alb}-alb-response-time-p99`,
      `${want.alb}-alb-target-5xx-rate`,
    ]);
    for (const alarm of alarms) {
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([[topicArn], [topicArn]]);
    }
    const noHealthy = alarms.find((a) => a.alarm_name === `${want.alb}-alb-api-no-healthy-hosts`) as Block;
    expect(noHealthy).toMatchObject({
      metric_name: 'HealthyHostCount',
      dimensions: {
        TargetGroup: ref('aws_lb_target_group', tg('api').id, 'arn_suffix'),
        LoadBalancer: ref('aws_lb', lb.id, 'arn_suffix'),
      },
      treat_missing_data: 'breaching',
    });
    const subscriptions = all(json, 'aws_sns_topic_subscription').map((s) => s.endpoint);
    expect(subscriptions).toEqual(want.alarmEmails);
  });

  it('outputs the HTTPS addresses instead of a host address', () => {
    expect(json.output.api_url).toMatchObject({ value: `https://${want.api}` });
    expect(json.output.grafana_url).toMatchObject({ value: `https://${want.grafana}/` });
    expect(json.output.load_balancer_dns_name).toMatchObject({ value: ref('aws_lb', lb.id, 'dns_name') });
    expect(json.output.public_ip).toBeUndefined();
  });

  describe('the policy pack, as main.ts runs it', () => {
    const report = runPolicyPack(stack.toTerraform() as JsonObject, {
      stackName: stack.node.id,
      rules: ALL_RULES,
      suppressions: PolicySuppressions.collect(stack),
    });

    it('finds no error, and the host needs no public-address suppression', () => {
      expect(report.problems).toEqual([]);
      expect(report.violations.filter((v) => v.rule.level === 'error')).toEqual([]);
      expect(report.suppressed.map((s) => s.rule.id)).not.toContain('MLM-EC2-003');
      const publicIp = report.evaluations.filter((e) => e.rule.id === 'MLM-EC2-003');
      expect(publicIp.map((e) => [e.resource.type, e.status])).toEqual([
        ['aws_launch_template', 'compliant'],
        ['aws_autoscaling_group', 'not-applicable'],
      ]);
    });

    it('suppresses missing deletion protection only where it is off, with the reason', () => {
      const suppressed = report.suppressed.map((s) => `${s.rule.id} ${s.resource.path}`);
      if (want.deletionProtection) {
        expect(suppressed).not.toContain(`MLM-ALB-004 mlmon-${name}/front-door/alb/load-balancer`);
        expect(report.evaluations.find((e) => e.rule.id === 'MLM-ALB-004')?.status).toBe('compliant');
      } else {
        expect(suppressed).toContain(`MLM-ALB-004 mlmon-${name}/front-door/alb/load-balancer`);
      }
    });

    it('sees every internet-open port served by a listener (MLM-NET-001), and none open on the host', () => {
      const net = report.evaluations.filter(
        (e) => e.rule.id === 'MLM-NET-001' && e.status !== 'not-applicable',
      );
      expect(net.map((e) => [e.resource.path.replace(/.*security-group\//, ''), e.status])).toEqual([
        ['in-https-v4-any', 'compliant'],
        ['in-https-v6-any', 'compliant'],
        ['in-http-v4-any', 'compliant'],
        ['in-http-v6-any', 'compliant'],
      ]);
    });
  });
});

describe('mlmon-dev keeps its single public host', () => {
  const { json, stack } = synthEnv(env('dev'));
  const report = runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    rules: ALL_RULES,
    suppressions: PolicySuppressions.collect(stack),
  });

  it('has no load balancer, certificate or records, and a public host in the public subnet', () => {
    for (const type of ['aws_lb', 'aws_acm_certificate', 'aws_route53_record', 'aws_lb_target_group']) {
      expect([type, all(json, type).length]).toEqual([type, 0]);
    }
    const lt = one(json, 'aws_launch_template').config;
    expect((lt.network_interfaces as Block[])[0].associate_public_ip_address).toBe('true');
    const asg = one(json, 'aws_autoscaling_group').config;
    expect(asg.health_check_type).toBe('EC2');
    expect(asg.target_group_arns).toBeUndefined();
    expect((asg.vpc_zone_identifier as string[])[0]).toMatch(/^\$\{aws_subnet\.network_public-us-east-1a_/);
    expect(stack.frontDoor).toBeUndefined();
  });

  it('keeps the written reason for its public address, and no error', () => {
    expect(report.violations.filter((v) => v.rule.level === 'error')).toEqual([]);
    expect(report.suppressed.map((s) => `${s.rule.id} ${s.resource.path}`)).toEqual([
      'MLM-EC2-003 mlmon-dev/app/launch-template',
    ]);
  });
});

describe('more than three admin networks', () => {
  const staging = env('staging');
  const cidrs = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '198.51.100.7/32'];
  const { json } = synthEnv({ ...staging, adminCidrs: cidrs });

  it('spreads them over consecutive Grafana rules of at most three sources each', () => {
    const grafana = all(json, 'aws_lb_listener_rule')
      .filter((r) => r.priority !== 100)
      .map((r) => [r.priority, r.condition])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    const host = { host_header: { values: ['grafana.mlmon-staging.example.com'] } };
    expect(grafana).toEqual([
      [10, [host, { source_ip: { values: cidrs.slice(0, 3) } }]],
      [11, [host, { source_ip: { values: cidrs.slice(3) } }]],
    ]);
  });
});
