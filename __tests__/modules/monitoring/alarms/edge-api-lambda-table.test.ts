import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudFrontAlarms, CloudFrontAlarmsProps } from '../../../../modules/monitoring';
import {
  HttpApiAlarms,
  HttpApiAlarmsProps,
  LambdaAlarms,
  LambdaAlarmsProps,
} from '../../../../modules/monitoring/alarms';
import { errorOf, invalidMessage } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

type Block = Record<string, unknown>;

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alarms';
const notify = { alarm_actions: [TOPIC], ok_actions: [TOPIC] };

function newStack(provider = true): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  if (provider) new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** The alarms of the stack by alarm name, without Terraform metadata. */
function alarmsOf(stack: TerraformStack): Record<string, Block> {
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
  const byName: Record<string, Block> = {};
  for (const block of Object.values(json.resource.aws_cloudwatch_metric_alarm)) {
    const rest = Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//'));
    byName[String(rest.alarm_name)] = rest;
  }
  return byName;
}

describe('HttpApiAlarms', () => {
  const API_BASE: HttpApiAlarmsProps = { name: 'shop-api', api: { apiId: 'a1b2c3d4e5' }, topicArn: TOPIC };
  const build = (props: Partial<HttpApiAlarmsProps> = {}) => {
    const stack = newStack();
    const construct = new HttpApiAlarms(stack, 'alarms', { ...API_BASE, ...props });
    return { stack, construct, byName: alarmsOf(stack) };
  };
  const defaults = lazy(() => build());
  const custom = lazy(() =>
    build({
      api: { apiId: 'a1b2c3d4e5', stageName: 'prod' },
      thresholds: { periodInSeconds: 60, serverErrorCount: 3, latencyP99Millis: 800 },
      treatMissingData: { serverErrors: 'breaching', latency: 'ignore' },
    }),
  );

  it.each<[string, () => ReturnType<typeof build>, string, Block]>([
    [
      'default 5xx alarm',
      defaults,
      'shop-api-5xx',
      {
        alarm_description:
          'More than 10 5xx responses in 5 minutes (integration errors, timeouts, throttled functions).',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 10,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        namespace: 'AWS/ApiGateway',
        metric_name: '5xx',
        statistic: 'Sum',
        period: 300,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: '$default' },
      },
    ],
    [
      'default latency alarm',
      defaults,
      'shop-api-latency-p99',
      {
        alarm_description: 'p99 latency above 3000 ms.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 3000,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'notBreaching',
        namespace: 'AWS/ApiGateway',
        metric_name: 'Latency',
        extended_statistic: 'p99',
        period: 300,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: '$default' },
      },
    ],
    [
      '5xx alarm over one-minute periods, with a stage and missing data as breaching',
      custom,
      'shop-api-5xx',
      {
        alarm_description:
          'More than 3 5xx responses in 1 minutes (integration errors, timeouts, throttled functions).',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 3,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'breaching',
        namespace: 'AWS/ApiGateway',
        metric_name: '5xx',
        statistic: 'Sum',
        period: 60,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: 'prod' },
      },
    ],
    [
      'latency alarm at 800 ms, missing data ignored',
      custom,
      'shop-api-latency-p99',
      {
        alarm_description: 'p99 latency above 800 ms.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 800,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'ignore',
        namespace: 'AWS/ApiGateway',
        metric_name: 'Latency',
        extended_statistic: 'p99',
        period: 60,
        dimensions: { ApiId: 'a1b2c3d4e5', Stage: 'prod' },
      },
    ],
  ])('%s', (_name, built, alarmName, fields) => {
    expect(Object.keys(built().byName).sort()).toEqual(['shop-api-5xx', 'shop-api-latency-p99']);
    expect(built().byName[alarmName]).toEqual({ alarm_name: alarmName, ...fields, ...notify });
  });

  it('exposes the alarms by kind', () => {
    const { alarms } = defaults().construct;
    expect([alarms.serverErrors.node.path, alarms.latency.node.path]).toEqual([
      'test/alarms/5xx',
      'test/alarms/latency-p99',
    ]);
  });

  it('checks a 5xx threshold given as a Terraform value at plan time, on the 5xx alarm', () => {
    const stack = newStack();
    const count = new TerraformVariable(stack, 'count', { type: 'number' });
    new HttpApiAlarms(stack, 'alarms', { ...API_BASE, thresholds: { serverErrorCount: count.numberValue } });
    const byName = alarmsOf(stack);
    expect(byName['shop-api-5xx'].lifecycle).toEqual({
      precondition: [
        {
          condition: '${((0 <= var.count) && (1000000000 >= var.count))}',
          error_message:
            'Invalid thresholds.serverErrorCount of test/alarms: it must be a count from 0 up to 1000000000.',
        },
      ],
    });
    expect(byName['shop-api-latency-p99'].lifecycle).toBeUndefined();
  });

  it.each<[string, Partial<HttpApiAlarmsProps>, string]>([
    [
      'a negative latency threshold',
      { thresholds: { latencyP99Millis: -1 } },
      'thresholds.latencyP99Millis = -1: the alarm fires when the amount is above -1, which it always is: the alarm would never clear. Fix: set thresholds.latencyP99Millis to an amount from 1 up to 30000, e.g. 3000',
    ],
    ['no API', { api: undefined }, 'api = undefined: is required. Fix: pass api, an object'],
    ['no name', { name: undefined }, 'name = undefined: is required. Fix: pass name, a string'],
    [
      'a numeric name',
      { name: 5 as unknown as string },
      'name = 5: must be a string, not a number. Fix: pass name as a string',
    ],
  ])('refuses %s', (_name, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});

describe('CloudFrontAlarms', () => {
  const CF_BASE: CloudFrontAlarmsProps = { name: 'shop', distributionId: 'E2QWRUHAPOMQZL', topicArn: TOPIC };
  const build = (props: Partial<CloudFrontAlarmsProps> = {}, provider = true) => {
    const stack = newStack(provider);
    const construct = new CloudFrontAlarms(stack, 'cf', { ...CF_BASE, ...props });
    return { stack, construct };
  };
  const PERIOD_PROBLEM =
    'must be a multiple of 60 from 60 to 86400 (CloudFront publishes one-minute data). Fix: use 300 (default) or another multiple of 60';

  it.each<[string, Partial<CloudFrontAlarmsProps>, string]>([
    [
      'a distribution id with a prefix',
      { distributionId: 'dE2QWRUHAPOMQZL' },
      'distributionId = "dE2QWRUHAPOMQZL": is not a CloudFront distribution id. Fix: pass the id, e.g. StaticSite.distributionId ("E2QWRUHAPOMQZL")',
    ],
    [
      'a distribution id with a domain after it',
      { distributionId: 'E2QWRUHAPOMQZL.cloudfront' },
      'distributionId = "E2QWRUHAPOMQZL.cloudfront": is not a CloudFront distribution id. Fix: pass the id, e.g. StaticSite.distributionId ("E2QWRUHAPOMQZL")',
    ],
    [
      'a topic ARN with a prefix',
      { topicArn: `x${TOPIC}` },
      'topicArn = "xarn:aws:sns:us-east-1:123456789012:alarms": is not an SNS topic ARN. Fix: pass "arn:aws:sns:us-east-1:<account>:<topic>"',
    ],
    [
      'a FIFO topic ARN (a dot after the name)',
      { topicArn: `${TOPIC}.fifo` },
      'topicArn = "arn:aws:sns:us-east-1:123456789012:alarms.fifo": is not an SNS topic ARN. Fix: pass "arn:aws:sns:us-east-1:<account>:<topic>"',
    ],
    [
      'no distribution id',
      { distributionId: undefined },
      'distributionId = undefined: is required. Fix: pass distributionId, a string',
    ],
    ['a period of 0', { periodInSeconds: 0 }, `periodInSeconds = 0: ${PERIOD_PROBLEM}`],
    ['a negative period', { periodInSeconds: -60 }, `periodInSeconds = -60: ${PERIOD_PROBLEM}`],
    [
      'a period of a day and a minute',
      { periodInSeconds: 86_460 },
      `periodInSeconds = 86460: ${PERIOD_PROBLEM}`,
    ],
    [
      'a period given as a string',
      { periodInSeconds: '120' as unknown as number },
      `periodInSeconds = "120": ${PERIOD_PROBLEM}`,
    ],
  ])('refuses %s', (_name, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/cf', problem));
  });

  it('accepts a stack whose provider region is not known (no AWS provider)', () => {
    const { stack, construct } = build({}, false);
    expect(construct.alarmNames).toEqual(['shop-cloudfront-5xx-rate']);
    expect(Object.keys(alarmsOf(stack))).toEqual(['shop-cloudfront-5xx-rate']);
  });

  it('checks a 5xx rate given as a Terraform value at plan time, naming the prop as given', () => {
    const stack = newStack();
    const rate = new TerraformVariable(stack, 'rate', { type: 'number' });
    new CloudFrontAlarms(stack, 'cf', { ...CF_BASE, error5xxRatePercent: rate.numberValue });
    expect(alarmsOf(stack)['shop-cloudfront-5xx-rate'].lifecycle).toEqual({
      precondition: [
        {
          condition: '${((0 < var.rate) && (100 > var.rate))}',
          error_message:
            'Invalid error5xxRatePercent of test/cf: it must be a percentage above 0% and below 100%.',
        },
      ],
    });
  });
});

describe('LambdaAlarms', () => {
  const FN = { functionName: 'worker', timeoutInSeconds: 60, deadLetterQueue: { queueName: 'worker-dlq' } };
  const build = (props: Partial<LambdaAlarmsProps> = {}) => {
    const stack = newStack();
    const construct = new LambdaAlarms(stack, 'alarms', { function: FN, topicArn: TOPIC, ...props });
    return { stack, construct, byName: alarmsOf(stack) };
  };
  const lambdaMetric = (metricName: string, stat: Block) => ({
    namespace: 'AWS/Lambda',
    metric_name: metricName,
    dimensions: { FunctionName: 'worker' },
    period: 300,
    ...stat,
  });
  const once = {
    comparison_operator: 'GreaterThanOrEqualToThreshold',
    evaluation_periods: 1,
    datapoints_to_alarm: 1,
  };
  const defaults = lazy(() => build());
  const custom = lazy(() =>
    build({
      thresholds: { durationTimeoutRatio: 0.5 },
      treatMissingData: {
        errors: 'breaching',
        throttles: 'ignore',
        duration: 'missing',
        deadLetters: 'breaching',
      },
    }),
  );

  it.each<[string, () => ReturnType<typeof build>, string, Block]>([
    [
      'errors, by default',
      defaults,
      'worker-errors',
      {
        alarm_description: 'The function returned errors (unhandled exceptions, timeouts, out-of-memory).',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        ...lambdaMetric('Errors', { statistic: 'Sum' }),
      },
    ],
    [
      'throttles, by default',
      defaults,
      'worker-throttles',
      {
        alarm_description: 'Invocations were throttled (reserved or account concurrency exhausted).',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        ...lambdaMetric('Throttles', { statistic: 'Sum' }),
      },
    ],
    [
      'p99 duration at 80% of the timeout, by default',
      defaults,
      'worker-duration-p99',
      {
        alarm_description: 'The p99 duration reached 80% of the 60 s timeout.',
        threshold: 48000,
        treat_missing_data: 'notBreaching',
        ...lambdaMetric('Duration', { extended_statistic: 'p99' }),
      },
    ],
    [
      'dead letters, by default',
      defaults,
      'worker-dead-letters',
      {
        alarm_description: 'Failed asynchronous invocations are waiting in the dead-letter queue.',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        namespace: 'AWS/SQS',
        metric_name: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        period: 300,
        dimensions: { QueueName: 'worker-dlq' },
      },
    ],
    [
      'errors with missing data as breaching',
      custom,
      'worker-errors',
      {
        alarm_description: 'The function returned errors (unhandled exceptions, timeouts, out-of-memory).',
        threshold: 1,
        treat_missing_data: 'breaching',
        ...lambdaMetric('Errors', { statistic: 'Sum' }),
      },
    ],
    [
      'throttles with missing data ignored',
      custom,
      'worker-throttles',
      {
        alarm_description: 'Invocations were throttled (reserved or account concurrency exhausted).',
        threshold: 1,
        treat_missing_data: 'ignore',
        ...lambdaMetric('Throttles', { statistic: 'Sum' }),
      },
    ],
    [
      'p99 duration at half the timeout, missing data kept as missing',
      custom,
      'worker-duration-p99',
      {
        alarm_description: 'The p99 duration reached 50% of the 60 s timeout.',
        threshold: 30000,
        treat_missing_data: 'missing',
        ...lambdaMetric('Duration', { extended_statistic: 'p99' }),
      },
    ],
    [
      'dead letters with missing data as breaching',
      custom,
      'worker-dead-letters',
      {
        alarm_description: 'Failed asynchronous invocations are waiting in the dead-letter queue.',
        threshold: 1,
        treat_missing_data: 'breaching',
        namespace: 'AWS/SQS',
        metric_name: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        period: 300,
        dimensions: { QueueName: 'worker-dlq' },
      },
    ],
  ])('%s', (_name, built, alarmName, fields) => {
    expect(Object.keys(built().byName).sort()).toEqual([
      'worker-dead-letters',
      'worker-duration-p99',
      'worker-errors',
      'worker-throttles',
    ]);
    expect(built().byName[alarmName]).toEqual({ alarm_name: alarmName, ...once, ...fields, ...notify });
  });

  it.each<[string, Partial<LambdaAlarmsProps>, string]>([
    [
      '0 throttles (>= 0 always holds)',
      { thresholds: { throttles: 0 } },
      'thresholds.throttles = 0: the alarm fires when the count is at or above 0, which it always is: the alarm would never clear. Fix: set thresholds.throttles to a count above 0 up to 1000000000, e.g. 1',
    ],
    [
      'no function',
      { function: undefined as unknown as LambdaAlarmsProps['function'] },
      'function = undefined: is required. Fix: pass function, an object',
    ],
  ])('refuses %s', (_name, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});
