import {
  AlbAlarms,
  AlbAlarmsProps,
  DEFAULT_ALB_ALARM_THRESHOLDS,
  TreatMissingData,
} from '../../../modules/monitoring';
import { ApplicationLoadBalancer } from '../../../modules/alb';
import { BASE as ALB, Block, newStack, ofType, problemsOf, synth } from '../alb/helpers';
import { lazy } from '../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:web-alarms';
const LB = { arnSuffix: 'app/web/0123456789abcdef' };
const API = { arnSuffix: 'targetgroup/web-api/0123456789abcdef' };
const BASE: AlbAlarmsProps = {
  name: 'web-alb',
  loadBalancer: LB,
  topicArn: TOPIC,
  targetGroups: { api: API },
};

function build(props: Partial<AlbAlarmsProps> = {}) {
  const stack = newStack();
  const alarms = new AlbAlarms(stack, 'alarms', { ...BASE, ...props });
  const byName = Object.fromEntries(
    ofType(synth(stack), 'aws_cloudwatch_metric_alarm').map((a) => [String(a.alarm_name), a]),
  ) as Record<string, Block>;
  return { alarms, byName };
}

describe('AlbAlarms defaults', () => {
  const built = lazy(() => build());
  const alarms = () => built().alarms;
  const byName = () => built().byName;

  it('creates the seven alarms, each notifying the topic on ALARM and OK', () => {
    expect(alarms().alarmNames).toEqual([
      'web-alb-elb-5xx',
      'web-alb-target-5xx-rate',
      'web-alb-response-time-p90',
      'web-alb-response-time-p99',
      'web-alb-rejected-connections',
      'web-alb-api-unhealthy-hosts',
      'web-alb-api-no-healthy-hosts',
    ]);
    expect(Object.keys(byName()).sort()).toEqual([...alarms().alarmNames].sort());
    for (const a of Object.values(byName())) {
      expect([a.alarm_actions, a.ok_actions]).toEqual([[TOPIC], [TOPIC]]);
    }
  });

  it('ELB 5xx: Sum over 5 minutes, 2 of 2, >= 10, no data is no error', () => {
    expect(byName()['web-alb-elb-5xx']).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_ELB_5XX_Count',
      dimensions: { LoadBalancer: 'app/web/0123456789abcdef' },
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 10,
      treat_missing_data: 'notBreaching',
    });
  });

  it('target 5xx rate: metric math over RequestCount, 0 under 20 requests', () => {
    const a = byName()['web-alb-target-5xx-rate'];
    expect(a).toMatchObject({
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
    });
    expect(a.metric_name).toBeUndefined();
    expect(a.metric_query).toEqual([
      {
        id: 'requests',
        return_data: false,
        metric: {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'RequestCount',
          dimensions: LB_DIMS(),
          period: 300,
          stat: 'Sum',
        },
      },
      {
        id: 'errors',
        return_data: false,
        metric: {
          namespace: 'AWS/ApplicationELB',
          metric_name: 'HTTPCode_Target_5XX_Count',
          dimensions: LB_DIMS(),
          period: 300,
          stat: 'Sum',
        },
      },
      {
        id: 'error_rate',
        expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)',
        label: 'Target 5xx rate (%)',
        return_data: true,
      },
    ]);
  });

  it('response time: p90 > 1 s and p99 > 3 s as extended statistics', () => {
    expect(byName()['web-alb-response-time-p90']).toMatchObject({
      metric_name: 'TargetResponseTime',
      extended_statistic: 'p90',
      threshold: 1,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
    });
    expect(byName()['web-alb-response-time-p99']).toMatchObject({ extended_statistic: 'p99', threshold: 3 });
    expect(byName()['web-alb-response-time-p90'].statistic).toBeUndefined();
  });

  it('rejected connections: any in 5 minutes', () => {
    expect(byName()['web-alb-rejected-connections']).toMatchObject({
      metric_name: 'RejectedConnectionCount',
      statistic: 'Sum',
      threshold: 1,
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
    });
  });

  it('host health per target group, with TargetGroup and LoadBalancer dimensions', () => {
    const dims = {
      TargetGroup: 'targetgroup/web-api/0123456789abcdef',
      LoadBalancer: 'app/web/0123456789abcdef',
    };
    expect(byName()['web-alb-api-unhealthy-hosts']).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      statistic: 'Maximum',
      period: 60,
      evaluation_periods: 3,
      threshold: 1,
      dimensions: dims,
      treat_missing_data: 'missing',
    });
    expect(byName()['web-alb-api-no-healthy-hosts']).toMatchObject({
      metric_name: 'HealthyHostCount',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      dimensions: dims,
      treat_missing_data: 'breaching',
    });
  });

  it('reports the thresholds in effect', () => {
    expect(alarms().thresholds).toEqual(DEFAULT_ALB_ALARM_THRESHOLDS);
  });
});

function LB_DIMS() {
  return { LoadBalancer: 'app/web/0123456789abcdef' };
}

describe('AlbAlarms options', () => {
  it('thresholds, missing-data overrides, no target groups, no no-healthy-hosts alarm', () => {
    const missing: Partial<Record<string, TreatMissingData>> = { elb5xx: 'missing' };
    const { byName, alarms } = build({
      thresholds: {
        elb5xxCount: 50,
        target5xxRatePercent: 1,
        minRequestCount: 0,
        responseTimeP90Seconds: 0.5,
        responseTimeP99Seconds: 0.5,
      },
      treatMissingData: missing,
      targetGroups: { api: API, grafana: { arnSuffix: 'targetgroup/web-grafana/0123456789abcdef' } },
      noHealthyHostsAlarm: false,
    });
    expect(byName['web-alb-elb-5xx']).toMatchObject({ threshold: 50, treat_missing_data: 'missing' });
    expect((byName['web-alb-target-5xx-rate'].metric_query as Block[])[2].expression).toBe(
      'IF(requests >= 0, 100 * FILL(errors, 0) / requests, 0)',
    );
    expect(alarms.alarmNames.filter((n) => n.includes('hosts'))).toEqual([
      'web-alb-api-unhealthy-hosts',
      'web-alb-grafana-unhealthy-hosts',
    ]);
  });

  it('takes the ApplicationLoadBalancer and TargetGroup constructs directly', () => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'alb', ALB);
    const api = alb.addTargetGroup('api', { name: 'web-api', port: 8000 });
    new AlbAlarms(stack, 'alarms', {
      name: 'web-alb',
      loadBalancer: alb,
      targetGroups: { api },
      topicArn: TOPIC,
    });
    const alarm = ofType(synth(stack), 'aws_cloudwatch_metric_alarm').find(
      (a) => a.alarm_name === 'web-alb-api-unhealthy-hosts',
    );
    expect(alarm?.dimensions).toEqual({
      TargetGroup: expect.stringMatching(/^\$\{aws_lb_target_group\.[^}]+\.arn_suffix\}$/),
      LoadBalancer: expect.stringMatching(/^\$\{aws_lb\.[^}]+\.arn_suffix\}$/),
    });
  });

  const cases: [string, Partial<AlbAlarmsProps>, string, unknown, string][] = [
    [
      'a name with a space',
      { name: 'web alb' },
      'name',
      'web alb',
      "must be 1-200 letters, digits, '-' or '_'",
    ],
    [
      'a topic that is not an SNS ARN',
      { topicArn: 'web-alarms' },
      'topicArn',
      'web-alarms',
      'is not an SNS topic ARN',
    ],
    ['no topic', { topicArn: '' }, 'topicArn', '', 'is required'],
    [
      'a network load balancer suffix',
      { loadBalancer: { arnSuffix: 'net/web/0123456789abcdef' } },
      'loadBalancer.arnSuffix',
      'net/web/0123456789abcdef',
      'is not an Application Load Balancer ARN suffix',
    ],
    [
      'a target group key with a dot',
      { targetGroups: { 'a.b': API } },
      'targetGroups.a.b',
      'a.b',
      'is not a valid key',
    ],
    [
      'a target group ARN instead of its suffix',
      { targetGroups: { api: { arnSuffix: 'arn:aws:elasticloadbalancing:x' } } },
      'targetGroups.api.arnSuffix',
      'arn:aws:elasticloadbalancing:x',
      'is not a target group ARN suffix',
    ],
    [
      'a rate above 100 %',
      { thresholds: { target5xxRatePercent: 101 } },
      'thresholds.target5xxRatePercent',
      101,
      'the alarm fires when the percentage is above 101%, which it can never be: the alarm would never fire',
    ],
    [
      'a rate of 100 % (never exceeded)',
      { thresholds: { target5xxRatePercent: 100 } },
      'thresholds.target5xxRatePercent',
      100,
      'the alarm would never fire',
    ],
    [
      'a rate of 0 %',
      { thresholds: { target5xxRatePercent: 0 } },
      'thresholds.target5xxRatePercent',
      0,
      'at the edge of the scale (0% to 100%)',
    ],
    [
      'an ELB 5xx count of 0 (>= 0 always holds)',
      { thresholds: { elb5xxCount: 0 } },
      'thresholds.elb5xxCount',
      0,
      'the alarm fires when the count is at or above 0, which it always is: the alarm would never clear',
    ],
    [
      'an ELB 5xx count beyond the limit',
      { thresholds: { elb5xxCount: 2e9 } },
      'thresholds.elb5xxCount',
      2e9,
      'is above 1000000000, more than this alarm can usefully watch',
    ],
    [
      'a p90 of 0 s',
      { thresholds: { responseTimeP90Seconds: 0 } },
      'thresholds.responseTimeP90Seconds',
      0,
      'is below 0.001, which the metric never goes under: the alarm would never clear',
    ],
    [
      'half a rejected connection',
      { thresholds: { rejectedConnectionCount: 0.5 } },
      'thresholds.rejectedConnectionCount',
      0.5,
      'must be a whole number',
    ],
    [
      'p99 below p90',
      { thresholds: { responseTimeP90Seconds: 2, responseTimeP99Seconds: 1 } },
      'thresholds.responseTimeP99Seconds',
      1,
      'is below the p90 threshold (2 s)',
    ],
    [
      '0 unhealthy hosts',
      { thresholds: { unhealthyHostCount: 0 } },
      'thresholds.unhealthyHostCount',
      0,
      'which it always is: the alarm would never clear',
    ],
    [
      'an unknown alarm kind',
      { treatMissingData: { cpu: 'missing' } as AlbAlarmsProps['treatMissingData'] },
      'treatMissingData.cpu',
      'cpu',
      'is not an alarm kind',
    ],
    [
      'an unknown missing-data mode',
      { treatMissingData: { elb5xx: 'zero' as TreatMissingData } },
      'treatMissingData.elb5xx',
      'zero',
      'must be one of missing, ignore, breaching, notBreaching',
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, field, value, problem) => {
    expect(problemsOf(() => build(props))).toContainEqual(
      expect.objectContaining({
        field,
        value,
        problem: expect.stringContaining(problem),
        fix: expect.any(String),
      }),
    );
  });

  const accepted: [string, Partial<AlbAlarmsProps>][] = [
    ['a 99.9 % rate', { thresholds: { target5xxRatePercent: 99.9 } }],
    ['a 0.1 % rate', { thresholds: { target5xxRatePercent: 0.1 } }],
    ['an ELB 5xx count of 1 and 1e9', { thresholds: { elb5xxCount: 1e9, unhealthyHostCount: 1 } }],
    ['a p90 of 0.001 s', { thresholds: { responseTimeP90Seconds: 0.001 } }],
    ['p99 equal to p90', { thresholds: { responseTimeP90Seconds: 2, responseTimeP99Seconds: 2 } }],
    ['a 40-character target group key', { targetGroups: { ['k'.repeat(40)]: API } }],
    ['a 200-character name without target groups', { name: 'n'.repeat(200), targetGroups: {} }],
    [
      'alarm names of exactly 255 characters',
      { name: 'n'.repeat(197), targetGroups: { ['k'.repeat(40)]: API } },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
