import { createStackView } from '../../../modules/policy/stack-view';
import { evaluateRules } from '../../../modules/policy/engine';
import { netOpenPortsServed } from '../../../modules/policy/rules/net-open-ports-served';
import { USER_DATA_LIMIT_BYTES } from '../../../modules/compose-host';
import { ENVIRONMENTS } from '../../../stacks/mlmon/environments';
import { JsonObject } from '../../../modules/policy/types';
import { Block, hostRoleStatements, ref, resource, synthEnv, yamlOf } from './synth-env';

/**
 * The runtime wiring of every environment, end to end on the synthesized JSON (user data decoded
 * the way cloud-init reads it): metrics from the API reach the alarms without credentials in the
 * container, a Grafana drift alert reaches the on-call addresses, and a host that never becomes
 * healthy gets replaced.
 */

interface ComposeService {
  image: string;
  environment?: Record<string, string>;
  extra_hosts?: string[];
  network_mode?: string;
  ports?: string[];
}
interface Compose {
  services: Record<string, ComposeService>;
}
interface ContactPoints {
  contactPoints: {
    name: string;
    receivers: { uid: string; type: string; settings: Record<string, unknown> }[];
  }[];
}
interface Route {
  receiver: string;
  object_matchers?: [string, string, string][];
  routes?: Route[];
}
interface Policies {
  policies: Route[];
}
interface AlertRules {
  groups: { rules: { uid: string; labels: Record<string, string> }[] }[];
}

/** The receiver Grafana's notification policy picks for these labels (first matching route). */
function receiverFor(root: Route, labels: Record<string, string>): string {
  for (const route of root.routes ?? []) {
    const matches = (route.object_matchers ?? []).every(([k, op, v]) => op === '=' && labels[k] === v);
    if (matches) return receiverFor(route, labels);
  }
  return root.receiver;
}

const EXPECTED: Record<string, { emails: string[]; healthCheckType: string; worldPorts: number[] }> = {
  dev: { emails: ['ml-dev-alerts@example.com'], healthCheckType: 'EC2', worldPorts: [80, 80] },
  staging: {
    emails: ['ml-staging-alerts@example.com'],
    healthCheckType: 'ELB',
    worldPorts: [80, 80, 443, 443],
  },
  prod: {
    emails: ['ml-oncall@example.com', 'ml-platform@example.com'],
    healthCheckType: 'ELB',
    worldPorts: [80, 80, 443, 443],
  },
};

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('mlmon-%s runtime wiring', (name, cfg) => {
  const env = synthEnv(cfg);
  const { json } = env;
  const compose = yamlOf<Compose>(env, '/opt/mlmon/compose.yml');
  const api = compose.services.api;
  const st = hostRoleStatements(json);
  const lt = resource(json, 'aws_launch_template').config;
  const metricsLogs = resource(json, 'aws_cloudwatch_log_group', 'api-metrics-logs');
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm);
  const alarm = (suffix: string) => alarms.find((a) => a.alarm_name === `mlmon-${name}-${suffix}`) as Block;
  const topic = resource(json, 'aws_sns_topic', 'alarm-topic');
  const topicArn = ref('aws_sns_topic', topic.id, 'arn');

  describe('API metrics reach the alarms with no credentials in the container', () => {
    it('tells the API the namespace and dimension the 5xx-rate and drift alarms read', () => {
      expect(api.environment).toMatchObject({
        METRICS_NAMESPACE: 'MLMon/Api',
        METRICS_DIMENSION_NAME: 'Deployment',
        METRICS_DIMENSION_VALUE: `mlmon-${name}`,
        AWS_EMF_NAMESPACE: 'MLMon/Api',
      });
      expect(alarm('drift-high')).toMatchObject({
        namespace: 'MLMon/Api',
        metric_name: 'DriftScore',
        dimensions: { Deployment: `mlmon-${name}` },
      });
      const queries = (alarm('api-5xx-rate').metric_query as { metric?: Block }[]).flatMap((q) =>
        q.metric ? [q.metric] : [],
      );
      expect(queries).toEqual([
        expect.objectContaining({
          namespace: 'MLMon/Api',
          metric_name: 'RequestCount',
          dimensions: { Deployment: `mlmon-${name}` },
        }),
        expect.objectContaining({
          namespace: 'MLMon/Api',
          metric_name: 'Http5xxCount',
          dimensions: { Deployment: `mlmon-${name}` },
        }),
      ]);
    });

    it('sends them as embedded metric format to the host CloudWatch agent, which listens where the container can reach it', () => {
      expect(api.environment).toMatchObject({
        AWS_EMF_ENVIRONMENT: 'Agent',
        AWS_EMF_AGENT_ENDPOINT: 'tcp://host.docker.internal:25888',
        AWS_EMF_LOG_GROUP_NAME: ref('aws_cloudwatch_log_group', metricsLogs.id, 'name'),
      });
      expect(api.extra_hosts).toEqual(['host.docker.internal:host-gateway']);
      const agent = JSON.parse(env.files['/opt/mlmon/.compose-host/cloudwatch-agent.json']) as Block;
      expect(agent.logs).toEqual({ metrics_collected: { emf: { service_address: 'tcp://0.0.0.0:25888' } } });
    });

    it('lets the identity that publishes (the host role, through the agent) write to that log group', () => {
      expect(st.LogsWrite.actions).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
      ]);
      expect(st.LogsWrite.resources).toEqual(
        expect.arrayContaining([
          ref('aws_cloudwatch_log_group', metricsLogs.id, 'arn'),
          `${ref('aws_cloudwatch_log_group', metricsLogs.id, 'arn')}:*`,
        ]),
      );
    });

    it('keeps the instance role away from the API: hop limit 1, the API on a bridge network', () => {
      expect((lt.metadata_options as Block).http_put_response_hop_limit).toBe(1);
      expect(api.network_mode).toBeUndefined();
      expect(env.stack.host.instanceRoleServices).toEqual(['grafana']);
    });
  });

  it('reads host memory and disk with the one dimension the agent aggregates by', () => {
    const agent = JSON.parse(env.files['/opt/mlmon/.compose-host/cloudwatch-agent.json']) as {
      metrics: { namespace: string; aggregation_dimensions: string[][] };
    };
    expect(agent.metrics.namespace).toBe('CWAgent');
    expect(agent.metrics.aggregation_dimensions).toEqual([['AutoScalingGroupName']]);
    const group = resource(json, 'aws_autoscaling_group');
    for (const suffix of ['memory-high', 'disk-high']) {
      expect(alarm(suffix)).toMatchObject({
        namespace: 'CWAgent',
        dimensions: { AutoScalingGroupName: ref('aws_autoscaling_group', group.id, 'name') },
      });
    }
    expect(alarm('memory-high').metric_name).toBe('mem_used_percent');
    expect(alarm('disk-high').metric_name).toBe('disk_used_percent');
  });

  describe('a Grafana drift alert reaches the on-call addresses', () => {
    const contactPoints = yamlOf<ContactPoints>(
      env,
      '/opt/mlmon/grafana/provisioning/alerting/contact-points.yml',
    );
    const policies = yamlOf<Policies>(
      env,
      '/opt/mlmon/grafana/provisioning/alerting/notification-policies.yml',
    );
    const rules = yamlOf<AlertRules>(env, '/opt/mlmon/grafana/provisioning/alerting/drift-rules.yml');

    it('subscribes the environment addresses to the alarm topic', () => {
      const subscriptions = Object.values(json.resource.aws_sns_topic_subscription);
      expect(subscriptions.map((s) => [s.topic_arn, s.protocol, s.endpoint])).toEqual(
        EXPECTED[name].emails.map((e) => [topicArn, 'email', e]),
      );
    });

    it('provisions an SNS contact point that publishes to that topic in the stack region', () => {
      expect(contactPoints.contactPoints).toEqual([
        {
          orgId: 1,
          name: 'mlmon-oncall',
          receivers: [
            expect.objectContaining({
              uid: 'mlmon-oncall-sns',
              type: 'sns',
              settings: expect.objectContaining({ topic_arn: topicArn, sigv4: { region: 'us-east-1' } }),
            }),
          ],
        },
      ]);
    });

    it('routes the drift rule to the contact point', () => {
      const drift = rules.groups.flatMap((g) => g.rules).find((r) => r.uid === 'mlmon-drift-high');
      expect(drift?.labels).toEqual({ severity: 'warning', team: 'mlmon' });
      expect(policies.policies).toHaveLength(1);
      expect(receiverFor(policies.policies[0], drift?.labels ?? {})).toBe('mlmon-oncall');
    });

    it('lets Grafana authenticate: it runs on the host network, whose role may publish to the topic and use its key', () => {
      expect(compose.services.grafana.network_mode).toBe('host');
      const key = resource(json, 'aws_kms_key', 'alarm-topic');
      expect(st.AlarmTopicPublish).toMatchObject({ actions: ['sns:Publish'], resources: [topicArn] });
      expect(st.AlarmTopicKeyViaSns).toMatchObject({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [ref('aws_kms_key', key.id, 'arn')],
      });
    });
  });

  describe('a boot that never becomes healthy is replaced', () => {
    it('runs the host in an Auto Scaling group that trusts its own health report (and the load balancer where there is one)', () => {
      expect(resource(json, 'aws_autoscaling_group').config).toMatchObject({
        name: `mlmon-${name}-app`,
        min_size: 1,
        max_size: 1,
        health_check_type: EXPECTED[name].healthCheckType,
      });
      expect(st.ReportOwnHealth.resources).toEqual([
        `arn:aws:autoscaling:us-east-1:*:autoScalingGroup:*:autoScalingGroupName/mlmon-${name}-app`,
      ]);
      expect(env.files['/opt/mlmon/.compose-host/bootstrap.sh']).toContain(
        "readonly -a HEALTH_URLS=('http://127.0.0.1:8000/metrics' 'http://127.0.0.1:9090/-/ready' 'http://127.0.0.1:3000/api/health')",
      );
    });
  });

  describe('ports open to the internet', () => {
    it('opens only served web ports to the world: the proxy on the public host, the listeners of the load balancer (MLM-NET-001)', () => {
      const world = Object.values(json.resource.aws_vpc_security_group_ingress_rule).filter(
        (r) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0',
      );
      expect(world.map((r) => r.from_port as number).sort((a, b) => a - b)).toEqual(
        EXPECTED[name].worldPorts,
      );
      const hostGroup = resource(json, 'aws_security_group', 'app-sg').id;
      const onHost = world.filter((r) => r.security_group_id === ref('aws_security_group', hostGroup, 'id'));
      expect(onHost.length).toBe(name === 'dev' ? 2 : 0);
      expect(compose.services.proxy.ports).toEqual(['80:80']);
      const { evaluations } = evaluateRules(createStackView(name, json as unknown as JsonObject), [
        netOpenPortsServed,
      ]);
      const judged = evaluations.filter((e) => e.status !== 'not-applicable');
      expect(judged.map((e) => e.status)).toEqual(EXPECTED[name].worldPorts.map(() => 'compliant'));
    });
  });

  it('keeps the compressed user data under three quarters of the 16 KB limit', () => {
    const size = env.stack.host.userDataSize;
    expect(size.gzipBytes).toBeLessThan(0.75 * USER_DATA_LIMIT_BYTES);
    expect(size.rawBytes).toBeGreaterThan(USER_DATA_LIMIT_BYTES);
  });
});

describe('a public host with a domain name (dev with an Elastic IP)', () => {
  const dev = ENVIRONMENTS.find((e) => e.name === 'dev');
  if (!dev) throw new Error('no dev environment');
  const env = synthEnv({ ...dev, elasticIp: true, domainName: 'api.mlmon.example.com' });
  const compose = yamlOf<Compose>(env, '/opt/mlmon/compose.yml');

  it('opens 443 as well, served by the proxy with a certificate for the name', () => {
    const world = Object.values(env.json.resource.aws_vpc_security_group_ingress_rule)
      .filter((r) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0')
      .map((r) => r.from_port);
    expect(world.sort()).toEqual([443, 443, 80, 80]);
    expect(compose.services.proxy.ports).toEqual(['80:80', '443:443']);
    expect(env.files['/opt/mlmon/caddy/Caddyfile']).toContain('api.mlmon.example.com {\n');
    const { evaluations } = evaluateRules(createStackView('dev', env.json as unknown as JsonObject), [
      netOpenPortsServed,
    ]);
    expect(evaluations.filter((e) => e.status !== 'not-applicable').map((e) => e.status)).toEqual([
      'compliant',
      'compliant',
      'compliant',
      'compliant',
    ]);
  });
});
