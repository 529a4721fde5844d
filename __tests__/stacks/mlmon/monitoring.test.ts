import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ValidationError } from '../../../modules/core/validation';
import { AlarmTopic } from '../../../modules/monitoring';
import {
  ContainerLogGroups,
  ContainerLogGroupsProps,
} from '../../../stacks/mlmon/monitoring/container-log-groups';
import {
  DashboardSpec,
  DashboardWidget,
  dashboardWidgets,
  errorRateExpression,
  recentErrorsQuery,
  renderDashboardBody,
} from '../../../stacks/mlmon/monitoring/dashboard';
import {
  APP_METRICS,
  CWAGENT_METRICS,
  DEFAULT_ALARM_THRESHOLDS,
  appMetricDimensions,
} from '../../../stacks/mlmon/monitoring/metric-contract';
import { Monitoring, MonitoringProps } from '../../../stacks/mlmon/monitoring/monitoring';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

const INSTANCE = 'i-0123456789abcdef0';
const BASE: MonitoringProps = {
  name: 'mlmon-dev',
  region: 'us-east-1',
  alarmEmails: ['oncall@example.com', 'ml-team@example.com'],
  target: { instanceId: INSTANCE },
};

function makeStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

interface Built {
  readonly stack: TerraformStack;
  readonly monitoring: Monitoring;
  readonly text: string;
  readonly json: SynthJson;
}

function build(props: Partial<MonitoringProps> = {}, logGroups?: Partial<ContainerLogGroupsProps>): Built {
  const stack = makeStack();
  const groups = logGroups
    ? new ContainerLogGroups(stack, 'logs', { prefix: '/mlmon/dev', ...logGroups })
    : undefined;
  const monitoring = new Monitoring(stack, 'monitoring', { ...BASE, logGroups: groups, ...props });
  const text = Testing.synth(stack, true);
  return { stack, monitoring, text, json: JSON.parse(text) as SynthJson };
}

function resources(json: SynthJson, type: string): Record<string, Block> {
  return json.resource[type] ?? {};
}
function byPrefix(json: SynthJson, type: string, idPrefix: string): { id: string; config: Block } {
  const hits = Object.entries(resources(json, type)).filter(([id]) => id.startsWith(idPrefix));
  if (hits.length !== 1) throw new Error(`expected one ${type} with id ${idPrefix}*, found ${hits.length}`);
  return { id: hits[0][0], config: hits[0][1] };
}
function alarm(json: SynthJson, name: string): Block {
  const hit = Object.values(resources(json, 'aws_cloudwatch_metric_alarm')).find(
    (a) => a.alarm_name === name,
  );
  if (!hit) throw new Error(`no alarm ${name}`);
  return hit;
}
function policyDoc(json: SynthJson, idPrefix: string): { statement: Block[] } {
  const hits = Object.entries(json.data.aws_iam_policy_document ?? {}).filter(([id]) =>
    id.startsWith(idPrefix),
  );
  if (hits.length !== 1) throw new Error(`expected one policy document ${idPrefix}*, found ${hits.length}`);
  return hits[0][1] as { statement: Block[] };
}
function statement(doc: { statement: Block[] }, sid: string): Block {
  const s = doc.statement.find((x) => x.sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
}
function dashboard(json: SynthJson): { widgets: DashboardWidget[] } {
  const d = byPrefix(json, 'aws_cloudwatch_dashboard', 'monitoring_dashboard').config;
  return JSON.parse(d.dashboard_body as string) as { widgets: DashboardWidget[] };
}
const ref = (type: string, id: string, attr: string) => `\${${type}.${id}.${attr}}`;
const split = (type: string, id: string, i: number) => `\${element(split(":", ${type}.${id}.arn), ${i})}`;

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

describe('Monitoring of an instance with defaults', () => {
  const { monitoring, text, json } = build();
  const topic = byPrefix(json, 'aws_sns_topic', 'monitoring_alarm-topic_');
  const key = byPrefix(json, 'aws_kms_key', 'monitoring_alarm-topic_key');
  const topicArn = ref('aws_sns_topic', topic.id, 'arn');

  it('creates the topic <name>-alarms encrypted with a customer managed key', () => {
    expect(topic.config).toMatchObject({
      name: 'mlmon-dev-alarms',
      kms_master_key_id: ref('aws_kms_key', key.id, 'arn'),
    });
    expect(text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(text).toHaveResourceWithProperties(KmsAlias, { name: 'alias/mlmon-dev-alarms' });
    expect(monitoring.topicArn).toBe(monitoring.topic.topicArn);
  });

  it('replaces the key policy with one built from the key ARN (no account lookup)', () => {
    const policy = byPrefix(json, 'aws_kms_key_policy', 'monitoring_alarm-topic_key-policy').config;
    expect(policy.key_id).toBe(ref('aws_kms_key', key.id, 'key_id'));
    const doc = policyDoc(json, 'monitoring_alarm-topic_key-policy-document');
    expect(statement(doc, 'EnableIamPolicies')).toMatchObject({
      principals: [
        {
          type: 'AWS',
          identifiers: [
            `arn:${split('aws_kms_key', key.id, 1)}:iam::${split('aws_kms_key', key.id, 4)}:root`,
          ],
        },
      ],
      actions: ['kms:*'],
    });
  });

  it('lets only this account’s CloudWatch alarms use the key', () => {
    const doc = policyDoc(json, 'monitoring_alarm-topic_key-policy-document');
    const account = split('aws_kms_key', key.id, 4);
    expect(statement(doc, 'AllowCloudWatchAlarms')).toEqual({
      sid: 'AllowCloudWatchAlarms',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [
            `arn:${split('aws_kms_key', key.id, 1)}:cloudwatch:${split('aws_kms_key', key.id, 3)}:${account}:alarm:*`,
          ],
        },
      ],
    });
  });

  it('lets only this account’s alarms publish, and only over TLS', () => {
    const doc = policyDoc(json, 'monitoring_alarm-topic_topic-policy-document');
    expect(statement(doc, 'AllowCloudWatchAlarmsToPublish')).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [topicArn],
      condition: [{ variable: 'aws:SourceAccount' }, { variable: 'aws:SourceArn' }],
    });
    expect(statement(doc, 'DenyInsecureTransport')).toMatchObject({
      effect: 'Deny',
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    expect(byPrefix(json, 'aws_sns_topic_policy', 'monitoring_alarm-topic_topic-policy').config.arn).toBe(
      topicArn,
    );
  });

  it('subscribes each e-mail address', () => {
    for (const email of BASE.alarmEmails) {
      expect(text).toHaveResourceWithProperties(SnsTopicSubscription, {
        protocol: 'email',
        endpoint: email,
        topic_arn: topicArn,
      });
    }
    expect(Object.keys(resources(json, 'aws_sns_topic_subscription'))).toHaveLength(2);
  });

  it('creates seven alarms, each notifying the topic on ALARM and OK, each described', () => {
    const names = [
      'mlmon-dev-cpu-high',
      'mlmon-dev-status-check-failed',
      'mlmon-dev-auto-recover',
      'mlmon-dev-memory-high',
      'mlmon-dev-disk-high',
      'mlmon-dev-api-5xx-rate',
      'mlmon-dev-drift-high',
    ];
    expect(monitoring.alarmNames).toEqual(names);
    expect(Object.keys(resources(json, 'aws_cloudwatch_metric_alarm'))).toHaveLength(7);
    for (const name of names) {
      const a = alarm(json, name);
      expect(a.ok_actions).toEqual([topicArn]);
      expect(a.alarm_actions).toContain(topicArn);
      expect(String(a.alarm_description).length).toBeGreaterThan(20);
    }
    expect(monitoring.alarmArns).toHaveLength(7);
  });

  it('alarms on average CPU above 80% for 3 x 5 minutes', () => {
    expect(alarm(json, 'mlmon-dev-cpu-high')).toMatchObject({
      namespace: 'AWS/EC2',
      metric_name: 'CPUUtilization',
      statistic: 'Average',
      period: 300,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      comparison_operator: 'GreaterThanThreshold',
      threshold: 80,
      dimensions: { InstanceId: INSTANCE },
      treat_missing_data: 'missing',
    });
  });

  it('alarms on failed status checks, treating no data as breaching', () => {
    expect(alarm(json, 'mlmon-dev-status-check-failed')).toMatchObject({
      metric_name: 'StatusCheckFailed',
      statistic: 'Maximum',
      period: 60,
      evaluation_periods: 2,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
  });

  it('recovers the instance on failed system status checks', () => {
    const a = alarm(json, 'mlmon-dev-auto-recover');
    expect(a).toMatchObject({ metric_name: 'StatusCheckFailed_System', statistic: 'Maximum', threshold: 1 });
    expect(a.alarm_actions).toEqual(['arn:aws:automate:us-east-1:ec2:recover', topicArn]);
  });

  it('alarms on CloudWatch agent memory and root disk usage by InstanceId only', () => {
    expect(alarm(json, 'mlmon-dev-memory-high')).toMatchObject({
      namespace: 'CWAgent',
      metric_name: 'mem_used_percent',
      statistic: 'Average',
      threshold: 85,
      dimensions: { InstanceId: INSTANCE },
    });
    expect(alarm(json, 'mlmon-dev-disk-high')).toMatchObject({
      namespace: 'CWAgent',
      metric_name: 'disk_used_percent',
      statistic: 'Maximum',
      evaluation_periods: 2,
      threshold: 85,
      dimensions: { InstanceId: INSTANCE },
    });
  });

  it('alarms on the API 5xx rate with metric math, not on quiet periods', () => {
    const a = alarm(json, 'mlmon-dev-api-5xx-rate');
    expect(a.namespace).toBeUndefined();
    expect(a).toMatchObject({
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
    });
    const dims = { Deployment: 'mlmon-dev' };
    expect(a.metric_query).toEqual([
      {
        id: 'requests',
        return_data: false,
        metric: {
          namespace: 'MLMon/Api',
          metric_name: 'RequestCount',
          dimensions: dims,
          stat: 'Sum',
          period: 300,
        },
      },
      {
        id: 'errors',
        return_data: false,
        metric: {
          namespace: 'MLMon/Api',
          metric_name: 'Http5xxCount',
          dimensions: dims,
          stat: 'Sum',
          period: 300,
        },
      },
      {
        id: 'error_rate',
        expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)',
        label: 'API 5xx error rate (%)',
        return_data: true,
      },
    ]);
  });

  it('alarms on the hourly maximum drift score above 0.3', () => {
    expect(alarm(json, 'mlmon-dev-drift-high')).toMatchObject({
      namespace: 'MLMon/Api',
      metric_name: 'DriftScore',
      statistic: 'Maximum',
      period: 3600,
      evaluation_periods: 1,
      threshold: 0.3,
      dimensions: { Deployment: 'mlmon-dev' },
      treat_missing_data: 'notBreaching',
    });
  });

  it('creates the dashboard <name> with host, API, drift and alarm widgets', () => {
    expect(monitoring.dashboardName).toBeDefined();
    const d = byPrefix(json, 'aws_cloudwatch_dashboard', 'monitoring_dashboard').config;
    expect(d.dashboard_name).toBe('mlmon-dev');
    const body = dashboard(json);
    const titles = body.widgets.map((w) => w.properties.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Alarms',
        'CPU utilization (%)',
        'Memory used (%)',
        'Root disk used (%)',
        'API requests and 5xx',
        'API 5xx error rate (%)',
        'Model drift score',
      ]),
    );
    const alarms = body.widgets.find((w) => w.type === 'alarm');
    const arns = Object.keys(resources(json, 'aws_cloudwatch_metric_alarm')).map((id) =>
      ref('aws_cloudwatch_metric_alarm', id, 'arn'),
    );
    expect((alarms?.properties.alarms as string[]).sort()).toEqual(arns.sort());
    expect(body.widgets.some((w) => w.type === 'log')).toBe(false);
  });

  it('creates no log metric filters without log groups', () => {
    expect(text).not.toHaveResource(CloudwatchLogMetricFilter);
  });

  it('exposes the metric contract in effect', () => {
    expect(monitoring.appMetricsNamespace).toBe(APP_METRICS.namespace);
    expect(monitoring.appMetricDimensions).toEqual(appMetricDimensions('mlmon-dev'));
    expect(monitoring.thresholds).toEqual(DEFAULT_ALARM_THRESHOLDS);
  });
});

describe('Monitoring notifying an existing topic', () => {
  const stack = makeStack();
  const topic = new AlarmTopic(stack, 'alarm-topic', {
    topicName: 'mlmon-dev-alarms',
    emails: ['oncall@example.com'],
  });
  const monitoring = new Monitoring(stack, 'monitoring', { ...BASE, alarmEmails: [], topic });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;

  it('creates no topic of its own and sends every alarm to the given one', () => {
    expect(Object.keys(resources(json, 'aws_sns_topic'))).toHaveLength(1);
    expect(monitoring.topicArn).toBe(topic.topicArn);
    const topicRef = ref('aws_sns_topic', Object.keys(resources(json, 'aws_sns_topic'))[0], 'arn');
    for (const a of Object.values(resources(json, 'aws_cloudwatch_metric_alarm'))) {
      expect(a.alarm_actions).toContain(topicRef);
      expect(a.ok_actions).toEqual([topicRef]);
    }
  });

  it.each([
    ['alarm e-mails', { alarmEmails: ['x@example.com'] }, 'alarmEmails', 'AlarmTopicProps.emails'],
    ['a topic key', { topicKmsKeyId: 'alias/custom' }, 'topicKmsKeyId', 'remove topicKmsKeyId'],
  ] as [string, Partial<MonitoringProps>, string, string][])(
    'refuses %s next to the topic',
    (_t, props, field, fix) => {
      const s2 = makeStack();
      const t2 = new AlarmTopic(s2, 'alarm-topic', { topicName: 'mlmon-dev-alarms', emails: [] });
      const err = validationError(
        () => new Monitoring(s2, 'monitoring', { ...BASE, alarmEmails: [], topic: t2, ...props }),
      );
      expect(err.problems).toEqual([expect.objectContaining({ field, fix: expect.stringContaining(fix) })]);
    },
  );
});

describe('Monitoring of an Auto Scaling group', () => {
  const { monitoring, json } = build({ target: { autoScalingGroupName: 'mlmon-dev-app' } });

  it('selects every host metric by AutoScalingGroupName', () => {
    for (const name of ['cpu-high', 'status-check-failed', 'memory-high', 'disk-high']) {
      expect(alarm(json, `mlmon-dev-${name}`).dimensions).toEqual({ AutoScalingGroupName: 'mlmon-dev-app' });
    }
  });

  it('has no recover alarm (the group replaces instances) and six alarms', () => {
    expect(monitoring.alarmNames).not.toContain('mlmon-dev-auto-recover');
    expect(Object.keys(resources(json, 'aws_cloudwatch_metric_alarm'))).toHaveLength(6);
  });

  it('treats missing status-check data as missing (no instance during replacement)', () => {
    expect(alarm(json, 'mlmon-dev-status-check-failed').treat_missing_data).toBe('missing');
  });

  it('draws the group on the dashboard', () => {
    const cpu = dashboard(json).widgets.find((w) => w.properties.title === 'CPU utilization (%)');
    expect(cpu?.properties.metrics).toEqual([
      ['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', 'mlmon-dev-app', { stat: 'Average' }],
    ]);
  });
});

describe('Monitoring with custom thresholds, namespace, key and missing-data overrides', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const { monitoring, text, json } = build({
    thresholds: {
      cpuUtilizationPercent: 90,
      memoryUsedPercent: 70,
      diskUsedPercent: 75,
      api5xxErrorRatePercent: 1,
      apiMinRequestCount: 50,
      driftScore: 0.5,
    },
    appMetricsNamespace: 'Custom/Model',
    topicKmsKeyId: key,
    treatMissingData: { cpu: 'breaching', drift: 'ignore' },
    enableAutoRecovery: false,
  });

  it('uses the thresholds', () => {
    expect(alarm(json, 'mlmon-dev-cpu-high').threshold).toBe(90);
    expect(alarm(json, 'mlmon-dev-memory-high').threshold).toBe(70);
    expect(alarm(json, 'mlmon-dev-disk-high').threshold).toBe(75);
    expect(alarm(json, 'mlmon-dev-api-5xx-rate').threshold).toBe(1);
    expect(alarm(json, 'mlmon-dev-drift-high').threshold).toBe(0.5);
    const query = alarm(json, 'mlmon-dev-api-5xx-rate').metric_query as Block[];
    expect(query[2].expression).toBe('IF(requests >= 50, 100 * FILL(errors, 0) / requests, 0)');
  });

  it('reads the API metrics from the namespace', () => {
    expect(alarm(json, 'mlmon-dev-drift-high').namespace).toBe('Custom/Model');
    const query = alarm(json, 'mlmon-dev-api-5xx-rate').metric_query as { metric?: Block }[];
    expect(query[0].metric?.namespace).toBe('Custom/Model');
    expect(monitoring.appMetricsNamespace).toBe('Custom/Model');
  });

  it('uses the given key and creates none', () => {
    expect(byPrefix(json, 'aws_sns_topic', 'monitoring_alarm-topic_').config.kms_master_key_id).toBe(key);
    expect(text).not.toHaveResource(KmsKey);
    expect(monitoring.topic.key).toBeUndefined();
  });

  it('applies the missing-data overrides only where given', () => {
    expect(alarm(json, 'mlmon-dev-cpu-high').treat_missing_data).toBe('breaching');
    expect(alarm(json, 'mlmon-dev-drift-high').treat_missing_data).toBe('ignore');
    expect(alarm(json, 'mlmon-dev-memory-high').treat_missing_data).toBe('missing');
  });

  it('skips the recover alarm when enableAutoRecovery is false', () => {
    expect(monitoring.alarmNames).not.toContain('mlmon-dev-auto-recover');
  });

  it('keeps defaults for thresholds left undefined', () => {
    const partial = build({ thresholds: { cpuUtilizationPercent: undefined, driftScore: 0.2 } });
    expect(alarm(partial.json, 'mlmon-dev-cpu-high').threshold).toBe(80);
    expect(partial.monitoring.thresholds.driftScore).toBe(0.2);
  });
});

describe('Monitoring without alarm e-mails', () => {
  const { monitoring, json } = build({ alarmEmails: [] });

  it('creates no subscription but still the topic', () => {
    expect(resources(json, 'aws_sns_topic_subscription')).toEqual({});
    expect(byPrefix(json, 'aws_sns_topic', 'monitoring_alarm-topic_')).toBeDefined();
  });

  it('warns that nobody is notified', () => {
    const warnings = monitoring.topic.node.metadata
      .filter((m) => m.type === '@cdktf/warn')
      .map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('no e-mail subscriptions')]);
  });

  it('does not warn when there are subscribers', () => {
    const { monitoring: withEmails } = build();
    expect(withEmails.topic.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});

describe('Monitoring with container log groups', () => {
  const { text, json } = build({}, {});
  const groups = resources(json, 'aws_cloudwatch_log_group');

  it('counts error lines per container into MLMon/Logs<log group>', () => {
    for (const container of ['api', 'prometheus', 'grafana']) {
      const groupId = Object.keys(groups).find((id) => id.startsWith(`logs_${container}_`)) as string;
      expect(text).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
        name: `mlmon-dev-${container}-error-lines`,
        log_group_name: ref('aws_cloudwatch_log_group', groupId, 'name'),
        pattern: '?ERROR ?CRITICAL ?Traceback ?Exception',
        metric_transformation: {
          name: 'ErrorLines',
          namespace: `MLMon/Logs/mlmon/dev/${container}`,
          value: '1',
          default_value: '0',
          unit: 'Count',
        },
      });
    }
  });

  it('adds the error-lines graph and the recent-errors table to the dashboard', () => {
    const widgets = dashboard(json).widgets;
    const lines = widgets.find((w) => w.properties.title === 'Error lines in container logs');
    expect(lines?.properties.metrics).toEqual(
      ['api', 'prometheus', 'grafana'].map((c) => [
        `MLMon/Logs/mlmon/dev/${c}`,
        'ErrorLines',
        { stat: 'Sum', label: c },
      ]),
    );
    const log = widgets.find((w) => w.type === 'log');
    const names = Object.keys(groups).map((id) => ref('aws_cloudwatch_log_group', id, 'name'));
    for (const n of names) expect(log?.properties.query).toContain(`SOURCE '${n}'`);
  });
});

describe('renderDashboardBody', () => {
  const spec: DashboardSpec = {
    title: 'mlmon-dev',
    region: 'eu-west-1',
    target: { dimensionName: 'InstanceId', value: INSTANCE },
    appNamespace: 'MLMon/Api',
    appDimensions: { Deployment: 'mlmon-dev' },
    thresholds: DEFAULT_ALARM_THRESHOLDS,
    alarmArns: [
      'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a',
      'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:b',
    ],
    logGroupNames: ['/mlmon/dev/api', '/mlmon/dev/grafana'],
    errorLineMetrics: [{ label: 'api', namespace: 'MLMon/Logs/mlmon/dev/api' }],
  };
  const widgets = (JSON.parse(renderDashboardBody(spec)) as { widgets: DashboardWidget[] }).widgets;
  const byTitle = (t: string) => widgets.find((w) => w.properties.title === t) as DashboardWidget;

  it('is the JSON of dashboardWidgets', () => {
    expect(widgets).toEqual(dashboardWidgets(spec));
  });

  it('lays widgets out inside 24 columns without overlaps', () => {
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      expect(w.x).toBeGreaterThanOrEqual(0);
    }
    for (const a of widgets) {
      for (const b of widgets) {
        if (a === b) continue;
        const overlap =
          a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
  });

  it('starts with a heading and the alarm status', () => {
    expect(widgets[0]).toMatchObject({ type: 'text', x: 0, y: 0, width: 24 });
    expect(String(widgets[0].properties.markdown)).toContain('# mlmon-dev');
    expect(widgets[1]).toMatchObject({ type: 'alarm', properties: { alarms: spec.alarmArns } });
  });

  it('draws host metrics of the target with the alarm thresholds', () => {
    expect(byTitle('CPU utilization (%)').properties).toMatchObject({
      region: 'eu-west-1',
      metrics: [['AWS/EC2', 'CPUUtilization', 'InstanceId', INSTANCE, { stat: 'Average' }]],
      annotations: { horizontal: [{ label: 'alarm', value: 80 }] },
      yAxis: { left: { min: 0, max: 100 } },
    });
    expect(byTitle('Memory used (%)').properties.metrics).toEqual([
      [CWAGENT_METRICS.namespace, 'mem_used_percent', 'InstanceId', INSTANCE, { stat: 'Average' }],
    ]);
    expect(byTitle('Root disk used (%)').properties).toMatchObject({
      metrics: [
        [CWAGENT_METRICS.namespace, 'disk_used_percent', 'InstanceId', INSTANCE, { stat: 'Maximum' }],
      ],
      annotations: { horizontal: [{ value: 85 }] },
    });
  });

  it('computes the 5xx rate with the alarm’s expression from hidden series', () => {
    expect(byTitle('API 5xx error rate (%)').properties.metrics).toEqual([
      [{ expression: errorRateExpression(10), label: '5xx rate', id: 'rate' }],
      [
        'MLMon/Api',
        'RequestCount',
        'Deployment',
        'mlmon-dev',
        { stat: 'Sum', id: 'requests', visible: false },
      ],
      ['MLMon/Api', 'Http5xxCount', 'Deployment', 'mlmon-dev', { stat: 'Sum', id: 'errors', visible: false }],
    ]);
  });

  it('draws the drift score hourly on a 0..1 axis with its threshold', () => {
    expect(byTitle('Model drift score').properties).toMatchObject({
      period: 3600,
      metrics: [['MLMon/Api', 'DriftScore', 'Deployment', 'mlmon-dev', { stat: 'Maximum' }]],
      yAxis: { left: { min: 0, max: 1 } },
      annotations: { horizontal: [{ value: 0.3 }] },
    });
  });

  it('queries recent errors across the log groups', () => {
    const log = widgets.find((w) => w.type === 'log') as DashboardWidget;
    expect(log.properties).toMatchObject({
      region: 'eu-west-1',
      query: recentErrorsQuery(spec.logGroupNames ?? []),
    });
    expect(recentErrorsQuery(['/a', '/b'])).toMatch(/^SOURCE '\/a' \| SOURCE '\/b' \| fields @timestamp/);
  });

  it('omits alarm, log and error-line widgets when there is nothing to show', () => {
    const bare = dashboardWidgets({
      ...spec,
      alarmArns: [],
      logGroupNames: undefined,
      errorLineMetrics: undefined,
    });
    expect(bare.map((w) => w.type)).toEqual([
      'text',
      'metric',
      'metric',
      'metric',
      'metric',
      'metric',
      'metric',
    ]);
    expect(bare[1]).toMatchObject({ x: 0, y: 2 });
  });
});

describe('ContainerLogGroups with defaults', () => {
  const stack = makeStack();
  const groups = new ContainerLogGroups(stack, 'logs', { prefix: '/mlmon/dev' });
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as SynthJson;

  it('creates /prefix/api, /prefix/prometheus and /prefix/grafana with 30 days retention', () => {
    const configs = Object.values(resources(json, 'aws_cloudwatch_log_group'));
    expect(configs.map((c) => c.name).sort()).toEqual([
      '/mlmon/dev/api',
      '/mlmon/dev/grafana',
      '/mlmon/dev/prometheus',
    ]);
    for (const c of configs) {
      expect(c.retention_in_days).toBe(30);
      expect(c.kms_key_id).toBeUndefined();
      expect((c.tags as Block).Name).toBe(c.name);
    }
  });

  it('exposes references by container and typed accessors', () => {
    expect(Object.keys(groups.names)).toEqual(['api', 'prometheus', 'grafana']);
    expect(groups.api).toEqual({ name: groups.names.api, arn: groups.arns.api });
    expect(groups.prometheus.name).toBe(groups.names.prometheus);
    expect(groups.grafana.arn).toBe(groups.arns.grafana);
    // Names are references (users wait for the group); physicalNames are the literals.
    expect(Token.isUnresolved(groups.api.name)).toBe(true);
    expect(groups.physicalNames).toEqual({
      api: '/mlmon/dev/api',
      prometheus: '/mlmon/dev/prometheus',
      grafana: '/mlmon/dev/grafana',
    });
  });
});

describe('ContainerLogGroups with custom containers, retention and key', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const stack = makeStack();
  const groups = new ContainerLogGroups(stack, 'logs', {
    prefix: '/mlmon/prod',
    retentionInDays: 365,
    kmsKeyArn: key,
    containers: ['api', 'worker'],
    tags: { Team: 'ml' },
  });
  const text = Testing.synth(stack);

  it('creates one group per container with the retention and key', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/mlmon/prod/worker',
      retention_in_days: 365,
      kms_key_id: key,
      tags: { Team: 'ml', Name: '/mlmon/prod/worker' },
    });
    expect(Object.keys(groups.names)).toEqual(['api', 'worker']);
    expect(groups.has('worker')).toBe(true);
    expect(groups.get('worker').name).toBe(groups.names.worker);
  });

  it('throws a fix from an accessor for a container left out', () => {
    expect(() => groups.grafana).toThrow(
      /test\/logs: no log group for container "grafana" .*Fix: add "grafana"/,
    );
  });
});

describe('validation', () => {
  type Case<P> = [string, Partial<P>, string, unknown, RegExp];

  describe('ContainerLogGroups', () => {
    const build = (p: Partial<ContainerLogGroupsProps>) =>
      new ContainerLogGroups(makeStack(), 'logs', { prefix: '/mlmon/dev', ...p });
    const cases: Case<ContainerLogGroupsProps>[] = [
      ['a prefix without a leading /', { prefix: 'mlmon/dev' }, 'prefix', 'mlmon/dev', /"\/mlmon\/dev"/],
      ['a prefix with a trailing /', { prefix: '/mlmon/dev/' }, 'prefix', '/mlmon/dev/', /"\/mlmon\/dev"/],
      [
        'a prefix with an empty segment',
        { prefix: '/mlmon//dev' },
        'prefix',
        '/mlmon//dev',
        /"\/mlmon\/dev"/,
      ],
      [
        'a prefix with a space',
        { prefix: '/mlmon dev' },
        'prefix',
        '/mlmon dev',
        /remove the other characters/,
      ],
      ['a retention CloudWatch rejects', { retentionInDays: 31 }, 'retentionInDays', 31, /use 60/],
      [
        'a prefix making a 513-character name',
        { prefix: `/${'a'.repeat(501)}` },
        'prefix',
        `/${'a'.repeat(501)}`,
        /at most 501 characters/,
      ],
      ['no containers', { containers: [] }, 'containers', [], /at least one container/],
      ['a container with a slash', { containers: ['api/v2'] }, 'containers[0]', 'api/v2', /compose file/],
      [
        'a container listed twice',
        { containers: ['api', 'api'] },
        'containers',
        ['api', 'api'],
        /each container once/,
      ],
    ];
    it.each(cases)('fails for %s', (_t, props, field, value, fix) => {
      const err = validationError(() => build(props));
      expect(err.path).toBe('test/logs');
      expect(err.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, value })]));
      expect(err.problems.find((p) => p.field === field)?.fix).toMatch(fix);
    });
    it.each([
      ['a one-segment prefix', { prefix: '/mlmon' }],
      ['a prefix making 512-character names', { prefix: `/${'a'.repeat(500)}` }],
      ['retention 0 (never expire)', { retentionInDays: 0 }],
      ['retention 60', { retentionInDays: 60 }],
      ['containers with dots and underscores', { containers: ['api.v2', 'model_worker'] }],
    ] as [string, Partial<ContainerLogGroupsProps>][])('accepts %s', (_t, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });

  describe('Monitoring', () => {
    const buildM = (p: Partial<MonitoringProps>) =>
      new Monitoring(makeStack(), 'monitoring', { ...BASE, ...p });
    const cases: Case<MonitoringProps>[] = [
      ['a name with a space', { name: 'mlmon dev' }, 'name', 'mlmon dev', /"mlmon-dev"/],
      ['a 201-character name', { name: 'a'.repeat(201) }, 'name', 'a'.repeat(201), /"mlmon-dev"/],
      ['an invalid region', { region: 'us-east' }, 'region', 'us-east', /us-east-1/],
      [
        'an invalid e-mail',
        { alarmEmails: ['ok@example.com', 'not-an-email'] },
        'alarmEmails[1]',
        'not-an-email',
        /oncall@example.com/,
      ],
      [
        'an e-mail listed twice',
        { alarmEmails: ['a@example.com', 'A@example.com'] },
        'alarmEmails',
        ['a@example.com', 'A@example.com'],
        /each address once/,
      ],
      [
        'the AWS managed SNS key',
        { topicKmsKeyId: 'alias/aws/sns' },
        'topicKmsKeyId',
        'alias/aws/sns',
        /customer managed key/,
      ],
      [
        'the AWS managed SNS key by ARN',
        { topicKmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/sns' },
        'topicKmsKeyId',
        'arn:aws:kms:us-east-1:111122223333:alias/aws/sns',
        /cloudwatch.amazonaws.com/,
      ],
      [
        'both target kinds',
        { target: { instanceId: INSTANCE, autoScalingGroupName: 'g' } as never },
        'target',
        { instanceId: INSTANCE, autoScalingGroupName: 'g' },
        /exactly one/,
      ],
      ['no target', { target: {} as never }, 'target', {}, /exactly one/],
      [
        'a malformed instance id',
        { target: { instanceId: 'i-123' } },
        'target.instanceId',
        'i-123',
        /i-0123456789abcdef0/,
      ],
      [
        'a 256-character group name',
        { target: { autoScalingGroupName: 'g'.repeat(256) } },
        'target.autoScalingGroupName',
        'g'.repeat(256),
        /Auto Scaling group name/,
      ],
      [
        'auto recovery for a group',
        { target: { autoScalingGroupName: 'g' }, enableAutoRecovery: true },
        'enableAutoRecovery',
        true,
        /watch an instance/,
      ],
      [
        'CPU above 100%',
        { thresholds: { cpuUtilizationPercent: 101 } },
        'thresholds.cpuUtilizationPercent',
        101,
        /^set thresholds\.cpuUtilizationPercent to a percentage above 0% and below 100%, e\.g\. 80$/,
      ],
      [
        'CPU of 100% (never exceeded)',
        { thresholds: { cpuUtilizationPercent: 100 } },
        'thresholds.cpuUtilizationPercent',
        100,
        /above 0% and below 100%/,
      ],
      [
        'disk of 0%',
        { thresholds: { diskUsedPercent: 0 } },
        'thresholds.diskUsedPercent',
        0,
        /above 0% and below 100%/,
      ],
      [
        'negative memory',
        { thresholds: { memoryUsedPercent: -1 } },
        'thresholds.memoryUsedPercent',
        -1,
        /above 0% and below 100%/,
      ],
      [
        'disk NaN',
        { thresholds: { diskUsedPercent: NaN } },
        'thresholds.diskUsedPercent',
        NaN,
        /above 0% and below 100%/,
      ],
      [
        '5xx rate 200%',
        { thresholds: { api5xxErrorRatePercent: 200 } },
        'thresholds.api5xxErrorRatePercent',
        200,
        /above 0% and below 100%, e\.g\. 5/,
      ],
      [
        'drift above 1',
        { thresholds: { driftScore: 1.1 } },
        'thresholds.driftScore',
        1.1,
        /^set thresholds\.driftScore to a score above 0 and below 1, e\.g\. 0\.3$/,
      ],
      [
        'drift of 1 (never exceeded)',
        { thresholds: { driftScore: 1 } },
        'thresholds.driftScore',
        1,
        /a score above 0 and below 1/,
      ],
      [
        'drift of 0 (any drift alarms)',
        { thresholds: { driftScore: 0 } },
        'thresholds.driftScore',
        0,
        /a score above 0 and below 1/,
      ],
      [
        'a fractional request minimum',
        { thresholds: { apiMinRequestCount: 1.5 } },
        'thresholds.apiMinRequestCount',
        1.5,
        /whole number/,
      ],
      [
        'an AWS/ namespace',
        { appMetricsNamespace: 'AWS/Model' },
        'appMetricsNamespace',
        'AWS/Model',
        /"MLMon\/Api"/,
      ],
      [
        'a namespace with !',
        { appMetricsNamespace: 'Model!' },
        'appMetricsNamespace',
        'Model!',
        /"MLMon\/Api"/,
      ],
      [
        'an unknown missing-data value',
        { treatMissingData: { cpu: 'sometimes' as never } },
        'treatMissingData.cpu',
        'sometimes',
        /notBreaching/,
      ],
      [
        'an unknown alarm',
        { treatMissingData: { gpu: 'missing' } as never },
        'treatMissingData',
        'gpu',
        /apiErrorRate/,
      ],
    ];
    it.each(cases)('fails for %s', (_t, props, field, value, fix) => {
      const err = validationError(() => buildM(props));
      expect(err.path).toBe('test/monitoring');
      const problem = err.problems.find((p) => p.field === field);
      expect(problem).toBeDefined();
      expect(problem?.value).toEqual(value);
      expect(problem?.fix).toMatch(fix);
    });

    it.each([
      ['a 200-character name', { name: 'a'.repeat(200) }],
      [
        'percentages just inside 0 and 100',
        { thresholds: { cpuUtilizationPercent: 99.9, memoryUsedPercent: 0.1, diskUsedPercent: 99.9 } },
      ],
      [
        'drift scores just inside 0 and 1',
        { thresholds: { driftScore: 0.99, api5xxErrorRatePercent: 0.01 } },
      ],
      ['a drift score of 0.01', { thresholds: { driftScore: 0.01 } }],
      ['a customer managed key alias', { topicKmsKeyId: 'alias/mlmon-alarms' }],
      ['a custom namespace', { appMetricsNamespace: 'Custom/Model #1:v2' }],
      ['a 255-character group name', { target: { autoScalingGroupName: 'g'.repeat(255) } }],
      ['a short instance id', { target: { instanceId: 'i-0123abcd' } }],
      ['auto recovery for an instance', { enableAutoRecovery: true }],
      ['different addresses', { alarmEmails: ['a@example.com', 'b@example.com'] }],
    ] as [string, Partial<MonitoringProps>][])('accepts %s', (_t, props) => {
      expect(() => buildM(props)).not.toThrow();
    });

    it('fails for log groups whose error-line namespace would exceed 255 characters', () => {
      const stack = makeStack();
      const prefix = `/${'a'.repeat(234)}`; // 'MLMon/Logs' + prefix + '/prometheus' = 256
      const logGroups = new ContainerLogGroups(stack, 'logs', { prefix });
      const err = validationError(() => new Monitoring(stack, 'monitoring', { ...BASE, logGroups }));
      expect(err.problems).toEqual([
        expect.objectContaining({ field: 'logGroups', value: prefix, fix: 'use a shorter log group prefix' }),
      ]);
    });

    it('accepts log groups whose longest error-line namespace is 255 characters', () => {
      const stack = makeStack();
      const logGroups = new ContainerLogGroups(stack, 'logs', { prefix: `/${'a'.repeat(233)}` });
      expect(() => new Monitoring(stack, 'monitoring', { ...BASE, logGroups })).not.toThrow();
    });

    it('reports every problem at once', () => {
      const err = validationError(() =>
        buildM({ name: 'bad name', region: 'nowhere', alarmEmails: ['x'], thresholds: { driftScore: 2 } }),
      );
      expect(err.problems.map((p) => p.field)).toEqual([
        'name',
        'region',
        'alarmEmails[0]',
        'thresholds.driftScore',
      ]);
    });

    it('skips checks on unresolved tokens', () => {
      const stack = makeStack();
      const id = new TerraformVariable(stack, 'instance', { type: 'string' }).stringValue;
      const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' }).numberValue;
      expect(
        () =>
          new Monitoring(stack, 'monitoring', {
            ...BASE,
            target: { instanceId: id },
            thresholds: { cpuUtilizationPercent: cpu },
          }),
      ).not.toThrow();
    });
  });
});
