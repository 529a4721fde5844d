import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AlbAlarms, AlbAlarmsProps, DEFAULT_ALB_ALARM_THRESHOLDS } from '../../../../modules/monitoring';
import { errorOf, invalidMessage } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

type Block = Record<string, unknown>;

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:web-alarms';
const LB_SUFFIX = 'app/web/0123456789abcdef';
const API = { arnSuffix: 'targetgroup/web-api/0123456789abcdef' };
const ADMIN = { arnSuffix: 'targetgroup/web-admin/fedcba9876543210' };
const BASE: AlbAlarmsProps = {
  name: 'web-alb',
  loadBalancer: { arnSuffix: LB_SUFFIX },
  topicArn: TOPIC,
  targetGroups: { api: API },
};

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** The alarms of a synthesized AlbAlarms, by alarm name, without Terraform metadata. */
function build(props: Partial<AlbAlarmsProps> = {}) {
  const stack = newStack();
  const construct = new AlbAlarms(stack, 'alarms', { ...BASE, ...props });
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
  const byName: Record<string, Block> = {};
  for (const block of Object.values(json.resource.aws_cloudwatch_metric_alarm)) {
    const rest = Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//'));
    byName[String(rest.alarm_name)] = rest;
  }
  return { construct, byName };
}

const invalid = (...problems: string[]) => invalidMessage('test/alarms', ...problems);

/** Fields every alarm of the set has, on the load balancer's own metrics or on a target group's. */
const notify = { alarm_actions: [TOPIC], ok_actions: [TOPIC] };
const lbMetric = (metricName: string, stat: Block) => ({
  namespace: 'AWS/ApplicationELB',
  metric_name: metricName,
  dimensions: { LoadBalancer: LB_SUFFIX },
  period: 300,
  ...stat,
});
const groupMetric = (metricName: string, groupSuffix: string, statistic: string) => ({
  namespace: 'AWS/ApplicationELB',
  metric_name: metricName,
  dimensions: { LoadBalancer: LB_SUFFIX, TargetGroup: groupSuffix },
  period: 60,
  statistic,
});
const rateQuery = (minRequests: number) => [
  {
    id: 'requests',
    metric: {
      namespace: 'AWS/ApplicationELB',
      metric_name: 'RequestCount',
      dimensions: { LoadBalancer: LB_SUFFIX },
      period: 300,
      stat: 'Sum',
    },
    return_data: false,
  },
  {
    id: 'errors',
    metric: {
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: LB_SUFFIX },
      period: 300,
      stat: 'Sum',
    },
    return_data: false,
  },
  {
    id: 'error_rate',
    expression: `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
    label: 'Target 5xx rate (%)',
    return_data: true,
  },
];

describe('AlbAlarms with default thresholds: every alarm in full', () => {
  const built = lazy(() => build());

  it('creates exactly the five load balancer alarms and two per target group', () => {
    expect(Object.keys(built().byName).sort()).toEqual([
      'web-alb-api-no-healthy-hosts',
      'web-alb-api-unhealthy-hosts',
      'web-alb-elb-5xx',
      'web-alb-rejected-connections',
      'web-alb-response-time-p90',
      'web-alb-response-time-p99',
      'web-alb-target-5xx-rate',
    ]);
    expect(Object.keys(built().construct.alarms)).toEqual([
      'elb-5xx',
      'target-5xx-rate',
      'response-time-p90',
      'response-time-p99',
      'rejected-connections',
      'api-unhealthy-hosts',
      'api-no-healthy-hosts',
    ]);
  });

  it.each<[string, Block]>([
    [
      'web-alb-elb-5xx',
      {
        alarm_description:
          'The load balancer itself returned 10 or more 5xx responses in each of two 5-minute periods (no healthy target, target timeouts or connection errors).',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 10,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
        ...lbMetric('HTTPCode_ELB_5XX_Count', { statistic: 'Sum' }),
      },
    ],
    [
      'web-alb-target-5xx-rate',
      {
        alarm_description:
          'Targets answered more than 5% of requests with 5xx in 2 of 3 five-minute periods (periods under 20 requests count as 0).',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 5,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
        metric_query: rateQuery(20),
      },
    ],
    [
      'web-alb-response-time-p90',
      {
        alarm_description: 'p90 target response time above 1 s for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 1,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'notBreaching',
        ...lbMetric('TargetResponseTime', { extended_statistic: 'p90' }),
      },
    ],
    [
      'web-alb-response-time-p99',
      {
        alarm_description: 'p99 target response time above 3 s for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 3,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'notBreaching',
        ...lbMetric('TargetResponseTime', { extended_statistic: 'p99' }),
      },
    ],
    [
      'web-alb-rejected-connections',
      {
        alarm_description:
          'The load balancer rejected 1 or more connections in 5 minutes (connection limit reached; it is scaling or overloaded).',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        ...lbMetric('RejectedConnectionCount', { statistic: 'Sum' }),
      },
    ],
    [
      'web-alb-api-unhealthy-hosts',
      {
        alarm_description: '1 or more targets of api failed health checks for 3 minutes.',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'missing',
        ...groupMetric('UnHealthyHostCount', API.arnSuffix, 'Maximum'),
      },
    ],
    [
      'web-alb-api-no-healthy-hosts',
      {
        alarm_description:
          'No healthy target in api for 2 minutes: its requests get 503 from the load balancer.',
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'breaching',
        ...groupMetric('HealthyHostCount', API.arnSuffix, 'Minimum'),
      },
    ],
  ])('%s', (name, fields) => {
    expect(built().byName[name]).toEqual({ alarm_name: name, ...fields, ...notify });
  });
});

describe('AlbAlarms with every threshold and missing-data treatment set', () => {
  const built = lazy(() =>
    build({
      thresholds: {
        elb5xxCount: 25,
        target5xxRatePercent: 2.5,
        minRequestCount: 50,
        responseTimeP90Seconds: 0.75,
        responseTimeP99Seconds: 2,
        unhealthyHostCount: 2,
        rejectedConnectionCount: 5,
      },
      treatMissingData: {
        elb5xx: 'breaching',
        target5xxRate: 'ignore',
        responseTimeP90: 'missing',
        responseTimeP99: 'breaching',
        rejectedConnections: 'ignore',
        unhealthyHosts: 'notBreaching',
        noHealthyHosts: 'missing',
      },
      targetGroups: { api: API, admin: ADMIN },
    }),
  );

  it('reports the thresholds in effect', () => {
    expect(built().construct.thresholds).toEqual({
      elb5xxCount: 25,
      target5xxRatePercent: 2.5,
      minRequestCount: 50,
      responseTimeP90Seconds: 0.75,
      responseTimeP99Seconds: 2,
      unhealthyHostCount: 2,
      rejectedConnectionCount: 5,
    });
  });

  it('names the alarms in creation order, target groups in the order given', () => {
    expect(built().construct.alarmNames).toEqual([
      'web-alb-elb-5xx',
      'web-alb-target-5xx-rate',
      'web-alb-response-time-p90',
      'web-alb-response-time-p99',
      'web-alb-rejected-connections',
      'web-alb-api-unhealthy-hosts',
      'web-alb-api-no-healthy-hosts',
      'web-alb-admin-unhealthy-hosts',
      'web-alb-admin-no-healthy-hosts',
    ]);
  });

  it.each<[string, Block]>([
    [
      'web-alb-elb-5xx',
      {
        alarm_description:
          'The load balancer itself returned 25 or more 5xx responses in each of two 5-minute periods (no healthy target, target timeouts or connection errors).',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 25,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'breaching',
        ...lbMetric('HTTPCode_ELB_5XX_Count', { statistic: 'Sum' }),
      },
    ],
    [
      'web-alb-target-5xx-rate',
      {
        alarm_description:
          'Targets answered more than 2.5% of requests with 5xx in 2 of 3 five-minute periods (periods under 50 requests count as 0).',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 2.5,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        treat_missing_data: 'ignore',
        metric_query: rateQuery(50),
      },
    ],
    [
      'web-alb-response-time-p90',
      {
        alarm_description: 'p90 target response time above 0.75 s for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0.75,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'missing',
        ...lbMetric('TargetResponseTime', { extended_statistic: 'p90' }),
      },
    ],
    [
      'web-alb-response-time-p99',
      {
        alarm_description: 'p99 target response time above 2 s for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 2,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'breaching',
        ...lbMetric('TargetResponseTime', { extended_statistic: 'p99' }),
      },
    ],
    [
      'web-alb-rejected-connections',
      {
        alarm_description:
          'The load balancer rejected 5 or more connections in 5 minutes (connection limit reached; it is scaling or overloaded).',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 5,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'ignore',
        ...lbMetric('RejectedConnectionCount', { statistic: 'Sum' }),
      },
    ],
    [
      'web-alb-api-unhealthy-hosts',
      {
        alarm_description: '2 or more targets of api failed health checks for 3 minutes.',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 2,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'notBreaching',
        ...groupMetric('UnHealthyHostCount', API.arnSuffix, 'Maximum'),
      },
    ],
    [
      'web-alb-api-no-healthy-hosts',
      {
        alarm_description:
          'No healthy target in api for 2 minutes: its requests get 503 from the load balancer.',
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'missing',
        ...groupMetric('HealthyHostCount', API.arnSuffix, 'Minimum'),
      },
    ],
    [
      'web-alb-admin-unhealthy-hosts',
      {
        alarm_description: '2 or more targets of admin failed health checks for 3 minutes.',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 2,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'notBreaching',
        ...groupMetric('UnHealthyHostCount', ADMIN.arnSuffix, 'Maximum'),
      },
    ],
    [
      'web-alb-admin-no-healthy-hosts',
      {
        alarm_description:
          'No healthy target in admin for 2 minutes: its requests get 503 from the load balancer.',
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        treat_missing_data: 'missing',
        ...groupMetric('HealthyHostCount', ADMIN.arnSuffix, 'Minimum'),
      },
    ],
  ])('%s', (name, fields) => {
    expect(built().byName[name]).toEqual({ alarm_name: name, ...fields, ...notify });
  });
});

describe('AlbAlarms optional props', () => {
  it('keeps the default of a threshold given as undefined', () => {
    const { construct, byName } = build({
      thresholds: { elb5xxCount: undefined, minRequestCount: undefined, responseTimeP99Seconds: 4 },
    });
    expect(construct.thresholds).toEqual({ ...DEFAULT_ALB_ALARM_THRESHOLDS, responseTimeP99Seconds: 4 });
    expect([byName['web-alb-elb-5xx'].threshold, byName['web-alb-elb-5xx'].alarm_description]).toEqual([
      10,
      'The load balancer itself returned 10 or more 5xx responses in each of two 5-minute periods (no healthy target, target timeouts or connection errors).',
    ]);
  });

  it('creates only the five load balancer alarms without target groups', () => {
    const { construct, byName } = build({ targetGroups: undefined });
    expect(construct.alarmNames).toEqual([
      'web-alb-elb-5xx',
      'web-alb-target-5xx-rate',
      'web-alb-response-time-p90',
      'web-alb-response-time-p99',
      'web-alb-rejected-connections',
    ]);
    expect(Object.keys(byName)).toHaveLength(5);
  });

  it.each<[string, boolean | undefined, string[]]>([
    ['left unset', undefined, ['web-alb-api-unhealthy-hosts', 'web-alb-api-no-healthy-hosts']],
    ['true', true, ['web-alb-api-unhealthy-hosts', 'web-alb-api-no-healthy-hosts']],
    ['false', false, ['web-alb-api-unhealthy-hosts']],
  ])('noHealthyHostsAlarm %s: per-group alarms %j', (_name, noHealthyHostsAlarm, hostAlarms) => {
    const { construct } = build({ noHealthyHostsAlarm });
    expect(construct.alarmNames.slice(5)).toEqual(hostAlarms);
  });

  it('checks thresholds given as Terraform values at plan time, on the first alarm', () => {
    const stack = newStack();
    const value = new TerraformVariable(stack, 'threshold', { type: 'number' });
    new AlbAlarms(stack, 'alarms', {
      ...BASE,
      thresholds: { elb5xxCount: value.numberValue, unhealthyHostCount: value.numberValue },
    });
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
    const lifecycles = Object.fromEntries(
      Object.values(json.resource.aws_cloudwatch_metric_alarm).map((a) => [a.alarm_name, a.lifecycle]),
    );
    expect(lifecycles['web-alb-elb-5xx']).toEqual({
      precondition: [
        {
          condition: '${((0 < var.threshold) && (1000000000 >= var.threshold))}',
          error_message:
            'Invalid thresholds.elb5xxCount of test/alarms: it must be a count above 0 up to 1000000000.',
        },
        {
          condition:
            '${(((0 < var.threshold) && (1000 >= var.threshold)) && (floor(var.threshold) == var.threshold))}',
          error_message:
            'Invalid thresholds.unhealthyHostCount of test/alarms: it must be a whole count above 0 up to 1000.',
        },
      ],
    });
    expect(lifecycles['web-alb-target-5xx-rate']).toBeUndefined();
  });
});

const N200 = 'n'.repeat(200);
const N240 = 'n'.repeat(240);
const A38 = 'a'.repeat(38);
const B38 = 'b'.repeat(38);

describe('AlbAlarms validation messages', () => {
  it.each<[string, Partial<AlbAlarmsProps>, string[]]>([
    [
      'a name with a space',
      { name: 'web alb' },
      [
        `name = "web alb": must be 1-200 letters, digits, '-' or '_' (it prefixes every alarm name). Fix: use a name such as "orders-prod-alb"`,
      ],
    ],
    [
      'no name',
      { name: undefined as unknown as string },
      [
        `name = undefined: must be 1-200 letters, digits, '-' or '_' (it prefixes every alarm name). Fix: use a name such as "orders-prod-alb"`,
      ],
    ],
    [
      'a 240-character name (too long, and too long with its alarm suffixes)',
      { name: N240, targetGroups: undefined },
      [
        `name = "${N240}": must be 1-200 letters, digits, '-' or '_' (it prefixes every alarm name). Fix: use a name such as "orders-prod-alb"`,
        `name = "${N240}": makes the alarm name "${N240}-rejected-connections" longer than CloudWatch's 255 characters. Fix: shorten the name or the target group keys`,
      ],
    ],
    [
      'alarm names of 256 characters (the first of the longest keys is named)',
      { name: N200, targetGroups: { [A38]: API, [B38]: API, c: API } },
      [
        `name = "${N200}": makes the alarm name "${N200}-${A38}-no-healthy-hosts" longer than CloudWatch's 255 characters. Fix: shorten the name or the target group keys`,
      ],
    ],
    [
      'no load balancer',
      { loadBalancer: undefined as unknown as AlbAlarmsProps['loadBalancer'] },
      [
        'loadBalancer = undefined: has no arnSuffix. Fix: pass the ApplicationLoadBalancer (or { arnSuffix: "app/<name>/<id>" })',
      ],
    ],
    [
      'an empty load balancer ARN suffix',
      { loadBalancer: { arnSuffix: '' } },
      [
        'loadBalancer = {"arnSuffix":""}: has no arnSuffix. Fix: pass the ApplicationLoadBalancer (or { arnSuffix: "app/<name>/<id>" })',
        'loadBalancer.arnSuffix = "": is not an Application Load Balancer ARN suffix. Fix: use the form "app/<name>/<id>" (the part after "loadbalancer/")',
      ],
    ],
    [
      'a load balancer ARN suffix with a prefix',
      { loadBalancer: { arnSuffix: `loadbalancer/${LB_SUFFIX}` } },
      [
        'loadBalancer.arnSuffix = "loadbalancer/app/web/0123456789abcdef": is not an Application Load Balancer ARN suffix. Fix: use the form "app/<name>/<id>" (the part after "loadbalancer/")',
      ],
    ],
    [
      'a load balancer ARN suffix with a trailing path',
      { loadBalancer: { arnSuffix: `${LB_SUFFIX}/listener` } },
      [
        'loadBalancer.arnSuffix = "app/web/0123456789abcdef/listener": is not an Application Load Balancer ARN suffix. Fix: use the form "app/<name>/<id>" (the part after "loadbalancer/")',
      ],
    ],
    [
      'an empty topic',
      { topicArn: '' },
      [
        'topicArn = "": is required. Fix: pass the alarm topic ARN (AlarmTopic.topicArn)',
        'topicArn = "": is not an SNS topic ARN. Fix: use an ARN such as "arn:aws:sns:us-east-1:123456789012:alarms"',
      ],
    ],
    [
      'no topic',
      { topicArn: undefined as unknown as string },
      ['topicArn = undefined: is required. Fix: pass the alarm topic ARN (AlarmTopic.topicArn)'],
    ],
    [
      'a topic ARN with a prefix',
      { topicArn: `x${TOPIC}` },
      [
        'topicArn = "xarn:aws:sns:us-east-1:123456789012:web-alarms": is not an SNS topic ARN. Fix: use an ARN such as "arn:aws:sns:us-east-1:123456789012:alarms"',
      ],
    ],
    [
      'a FIFO topic ARN (a dot after the name)',
      { topicArn: `${TOPIC}.fifo` },
      [
        'topicArn = "arn:aws:sns:us-east-1:123456789012:web-alarms.fifo": is not an SNS topic ARN. Fix: use an ARN such as "arn:aws:sns:us-east-1:123456789012:alarms"',
      ],
    ],
    [
      'a target group key with a dot',
      { targetGroups: { 'a.b': API } },
      [
        'targetGroups.a.b = "a.b": is not a valid key (1-40 letters, digits or hyphens). Fix: use a short key such as "api"',
      ],
    ],
    [
      'a target group ARN suffix with a prefix',
      { targetGroups: { api: { arnSuffix: `x/${API.arnSuffix}` } } },
      [
        'targetGroups.api.arnSuffix = "x/targetgroup/web-api/0123456789abcdef": is not a target group ARN suffix. Fix: pass the TargetGroup (or { arnSuffix: "targetgroup/<name>/<id>" })',
      ],
    ],
    [
      'a target group ARN suffix with a trailing path',
      { targetGroups: { api: { arnSuffix: `${API.arnSuffix}/x` } } },
      [
        'targetGroups.api.arnSuffix = "targetgroup/web-api/0123456789abcdef/x": is not a target group ARN suffix. Fix: pass the TargetGroup (or { arnSuffix: "targetgroup/<name>/<id>" })',
      ],
    ],
    [
      'a bad name next to a missing target group (the name is reported)',
      { name: 'web alb', targetGroups: { api: undefined as unknown as typeof API } },
      [
        `name = "web alb": must be 1-200 letters, digits, '-' or '_' (it prefixes every alarm name). Fix: use a name such as "orders-prod-alb"`,
      ],
    ],
    [
      'a negative p90',
      { thresholds: { responseTimeP90Seconds: -1 } },
      [
        'thresholds.responseTimeP90Seconds = -1: the alarm fires when the amount is above -1, which it always is: the alarm would never clear. Fix: set thresholds.responseTimeP90Seconds to an amount from 0.001 up to 4000, e.g. 1',
      ],
    ],
    [
      'a negative p99 (also below p90)',
      { thresholds: { responseTimeP99Seconds: -1 } },
      [
        'thresholds.responseTimeP99Seconds = -1: the alarm fires when the amount is above -1, which it always is: the alarm would never clear. Fix: set thresholds.responseTimeP99Seconds to an amount from 0.001 up to 4000, e.g. 3',
        'thresholds.responseTimeP99Seconds = -1: is below the p90 threshold (1 s), so the p99 alarm would fire first. Fix: set the p99 threshold at or above the p90 one',
      ],
    ],
    [
      'p99 below p90',
      { thresholds: { responseTimeP90Seconds: 2, responseTimeP99Seconds: 1 } },
      [
        'thresholds.responseTimeP99Seconds = 1: is below the p90 threshold (2 s), so the p99 alarm would fire first. Fix: set the p99 threshold at or above the p90 one',
      ],
    ],
    [
      'one and a half unhealthy hosts',
      { thresholds: { unhealthyHostCount: 1.5 } },
      [
        'thresholds.unhealthyHostCount = 1.5: must be a whole number. Fix: set thresholds.unhealthyHostCount to a whole count above 0 up to 1000, e.g. 1',
      ],
    ],
    [
      '0 rejected connections (>= 0 always holds)',
      { thresholds: { rejectedConnectionCount: 0 } },
      [
        'thresholds.rejectedConnectionCount = 0: the alarm fires when the count is at or above 0, which it always is: the alarm would never clear. Fix: set thresholds.rejectedConnectionCount to a whole count above 0 up to 1000000000, e.g. 1',
      ],
    ],
    [
      'a negative request minimum',
      { thresholds: { minRequestCount: -1 } },
      [
        'thresholds.minRequestCount = -1: must be a whole number from 0 to 1000000000. Fix: set thresholds.minRequestCount to a whole number from 0 to 1000000000',
      ],
    ],
    [
      'a fractional request minimum',
      { thresholds: { minRequestCount: 2.5 } },
      [
        'thresholds.minRequestCount = 2.5: must be a whole number from 0 to 1000000000. Fix: set thresholds.minRequestCount to a whole number from 0 to 1000000000',
      ],
    ],
    [
      'an unknown alarm kind',
      { treatMissingData: { cpu: 'missing' } as AlbAlarmsProps['treatMissingData'] },
      [
        'treatMissingData.cpu = "cpu": is not an alarm kind (elb5xx, target5xxRate, responseTimeP90, responseTimeP99, rejectedConnections, unhealthyHosts, noHealthyHosts). Fix: use one of the kinds listed',
      ],
    ],
    [
      'an unknown missing-data mode',
      { treatMissingData: { elb5xx: 'zero' } as unknown as AlbAlarmsProps['treatMissingData'] },
      [
        'treatMissingData.elb5xx = "zero": must be one of missing, ignore, breaching, notBreaching. Fix: use "notBreaching" for sparse error counts, "missing" to keep the last state',
      ],
    ],
  ])('refuses %s', (_name, props, problems) => {
    expect(errorOf(() => build(props))).toBe(invalid(...problems));
  });

  it.each<[string, Partial<AlbAlarmsProps>]>([
    ['a topic in the China partition', { topicArn: 'arn:aws-cn:sns:cn-north-1:123456789012:web-alarms' }],
    ['a topic in GovCloud', { topicArn: 'arn:aws-us-gov:sns:us-gov-west-1:123456789012:web-alarms' }],
    ['alarm names of exactly 255 characters', { name: N200, targetGroups: { ['k'.repeat(37)]: API } }],
    ['a 39-character key after a short name', { name: 'web', targetGroups: { ['k'.repeat(39)]: API } }],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
