import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudFrontAlarms, CloudFrontAlarmsProps } from '../../../../modules/monitoring';
import { policyFindings, validationProblems } from '../../../support/construct-checks';
import { lazy } from '../../../support/lazy';

type Block = Record<string, unknown>;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:edge-alarms';
const BASE: CloudFrontAlarmsProps = { name: 'shop', distributionId: 'E2QWRUHAPOMQZL', topicArn: TOPIC };

function build(props: Partial<CloudFrontAlarmsProps> = {}, region = 'us-east-1') {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  const alarms = new CloudFrontAlarms(stack, 'cf', { ...BASE, ...props });
  return { stack, alarms };
}

function synth(props: Partial<CloudFrontAlarmsProps> = {}) {
  const { stack, alarms } = build(props);
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
  return { stack, alarms, list: Object.values(json.resource.aws_cloudwatch_metric_alarm) };
}

describe('CloudFrontAlarms defaults', () => {
  const built = lazy(() => synth());

  it('creates one 5xx-rate alarm on the Global metrics, guarded by a request minimum', () => {
    expect(built().alarms.alarmNames).toEqual(['shop-cloudfront-5xx-rate']);
    expect(built().list).toEqual([
      {
        alarm_name: 'shop-cloudfront-5xx-rate',
        alarm_description:
          'More than 5% of requests to CloudFront distribution E2QWRUHAPOMQZL got a 5xx response (periods with fewer than 100 requests count as 0).',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 5,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
        metric_query: [
          {
            id: 'requests',
            metric: {
              namespace: 'AWS/CloudFront',
              metric_name: 'Requests',
              stat: 'Sum',
              period: 300,
              dimensions: { DistributionId: 'E2QWRUHAPOMQZL', Region: 'Global' },
            },
          },
          {
            id: 'rate',
            metric: {
              namespace: 'AWS/CloudFront',
              metric_name: '5xxErrorRate',
              stat: 'Average',
              period: 300,
              dimensions: { DistributionId: 'E2QWRUHAPOMQZL', Region: 'Global' },
            },
          },
          {
            id: 'guarded',
            expression: 'IF(requests >= 100, rate, 0)',
            label: '5xx error rate (%)',
            return_data: true,
          },
        ],
      },
    ]);
  });

  it('passes the policy pack', () => {
    expect(policyFindings(built().stack)).toMatchObject({ errors: [], warnings: [] });
  });
});

describe('CloudFrontAlarms options', () => {
  it('adds a 4xx alarm and takes thresholds, minimum, period, missing-data treatment and a provider', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const use1 = new AwsProvider(stack, 'use1', { region: 'us-east-1', alias: 'use1' });
    const alarms = new CloudFrontAlarms(stack, 'cf', {
      ...BASE,
      provider: use1,
      error5xxRatePercent: 1,
      error4xxRatePercent: 25,
      minRequests: 0,
      periodInSeconds: 60,
      treatMissingData: 'missing',
      tags: { Team: 'web' },
    });
    const list = Object.values(
      (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> }).resource
        .aws_cloudwatch_metric_alarm,
    );
    expect(alarms.alarmNames).toEqual(['shop-cloudfront-5xx-rate', 'shop-cloudfront-4xx-rate']);
    const sorted = [...list].sort((a, b) => String(b.alarm_name).localeCompare(String(a.alarm_name)));
    expect(sorted.map((a) => [a.alarm_name, a.threshold, a.treat_missing_data, a.provider, a.tags])).toEqual([
      ['shop-cloudfront-5xx-rate', 1, 'missing', 'aws.use1', { Team: 'web' }],
      ['shop-cloudfront-4xx-rate', 25, 'missing', 'aws.use1', { Team: 'web' }],
    ]);
    const queries = sorted[1].metric_query as Block[];
    expect((queries[1].metric as Block).metric_name).toBe('4xxErrorRate');
    expect((queries[1].metric as Block).period).toBe(60);
    expect(queries[2].expression).toBe('IF(requests >= 0, rate, 0)');
  });
});

describe('CloudFrontAlarms validation', () => {
  it.each<[string, Partial<CloudFrontAlarmsProps>, string, unknown, RegExp, RegExp]>([
    ['a name with a space', { name: 'shop web' }, 'name', 'shop web', /1-200 letters/, /shop-prod/],
    [
      'a distribution domain instead of id',
      { distributionId: 'd111111abcdef8.cloudfront.net' },
      'distributionId',
      'd111111abcdef8.cloudfront.net',
      /not a CloudFront distribution id/,
      /E2QWRUHAPOMQZL/,
    ],
    [
      'a topic in eu-west-1',
      { topicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms' },
      'topicArn',
      'arn:aws:sns:eu-west-1:123456789012:alarms',
      /is in eu-west-1; alarms in us-east-1 can only notify topics in us-east-1/,
      /AlarmTopic with the us-east-1 provider/,
    ],
    [
      'a queue ARN as topic',
      { topicArn: 'arn:aws:sqs:us-east-1:123456789012:q' },
      'topicArn',
      'arn:aws:sqs:us-east-1:123456789012:q',
      /not an SNS topic ARN/,
      /arn:aws:sns:us-east-1/,
    ],
    [
      'a 5xx rate above 100',
      { error5xxRatePercent: 101 },
      'error5xxRatePercent',
      101,
      /above 101%, which it can never be: the alarm would never fire/,
      /^set error5xxRatePercent to a percentage above 0% and below 100%, e\.g\. 5$/,
    ],
    [
      'a 5xx rate of 100 (never exceeded)',
      { error5xxRatePercent: 100 },
      'error5xxRatePercent',
      100,
      /the alarm would never fire/,
      /above 0% and below 100%/,
    ],
    [
      'a negative 4xx rate',
      { error4xxRatePercent: -1 },
      'error4xxRatePercent',
      -1,
      /above -1%, which it always is: the alarm would never clear/,
      /above 0% and below 100%/,
    ],
    [
      'a 4xx rate of 0',
      { error4xxRatePercent: 0 },
      'error4xxRatePercent',
      0,
      /at the edge of the scale \(0% to 100%\)/,
      /above 0% and below 100%/,
    ],
    [
      'a fractional request minimum',
      { minRequests: 1.5 },
      'minRequests',
      1.5,
      /whole number/,
      /whole number/,
    ],
    ['a 90-second period', { periodInSeconds: 90 }, 'periodInSeconds', 90, /multiple of 60/, /300/],
  ])('refuses %s', (_n, props, field, value, problem, fix) => {
    expect(validationProblems(() => build(props))).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it('refuses a provider outside us-east-1', () => {
    expect(validationProblems(() => build({}, 'eu-west-1'))).toEqual([
      {
        field: 'provider',
        value: 'eu-west-1',
        problem: expect.stringMatching(/only region with CloudFront metrics/),
        fix: expect.stringMatching(/provider for us-east-1/),
      },
    ]);
  });

  it.each<[string, Partial<CloudFrontAlarmsProps>]>([
    ['rates just inside 0 and 100', { error5xxRatePercent: 0.1, error4xxRatePercent: 99.9 }],
    ['a 60-second period', { periodInSeconds: 60 }],
    ['a one-day period', { periodInSeconds: 86_400 }],
    ['a minimum of 0 requests', { minRequests: 0 }],
    [
      'references for id and topic',
      { distributionId: Token.asString(Fn.lower('X')), topicArn: Token.asString(Fn.lower('Y')) },
    ],
  ])('accepts %s', (_n, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
