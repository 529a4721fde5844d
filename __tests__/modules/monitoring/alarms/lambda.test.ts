import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LambdaAlarms, LambdaAlarmsProps } from '../../../../modules/monitoring/alarms';
import { LambdaFunction } from '../../../../modules/lambda';
import { applyPolicyPack } from '../../../../modules/policy';
import { block, idsOf, synthJson } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:mlnews-alarms';
const TARGET = {
  functionName: 'inference',
  timeoutInSeconds: 30,
  deadLetterQueue: { queueName: 'inference-dlq' },
};

function build(props: Partial<LambdaAlarmsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const alarms = new LambdaAlarms(stack, 'alarms', { function: TARGET, topicArn: TOPIC, ...props });
  return { stack, alarms, ...synthJson(stack) };
}

describe('LambdaAlarms defaults', () => {
  const built = lazy(() => build());
  const alarm = (suffix: string) =>
    block(built().json.resource, 'aws_cloudwatch_metric_alarm', `alarms_${suffix}`);

  it('alarms on any error, any throttle, p99 duration at 80% of the timeout and any dead letter', () => {
    expect(alarm('errors')).toEqual(
      expect.objectContaining({
        alarm_name: 'inference-errors',
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        statistic: 'Sum',
        period: 300,
        dimensions: { FunctionName: 'inference' },
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      }),
    );
    expect(alarm('throttles')).toEqual(expect.objectContaining({ metric_name: 'Throttles', threshold: 1 }));
    expect(alarm('duration-p99')).toEqual(
      expect.objectContaining({ metric_name: 'Duration', extended_statistic: 'p99', threshold: 24000 }),
    );
    expect(alarm('duration-p99').statistic).toBeUndefined();
    expect(alarm('dead-letters')).toEqual(
      expect.objectContaining({
        namespace: 'AWS/SQS',
        metric_name: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        dimensions: { QueueName: 'inference-dlq' },
        threshold: 1,
      }),
    );
    expect(Object.keys(built().alarms.alarms).sort()).toEqual([
      'deadLetters',
      'duration',
      'errors',
      'throttles',
    ]);
  });

  it('has no dead-letter alarm for a function without a queue', () => {
    const { json: j } = build({ function: { functionName: 'f', timeoutInSeconds: 3 } });
    expect(idsOf(j.resource, 'aws_cloudwatch_metric_alarm')).toHaveLength(3);
  });

  it('watches a LambdaFunction (its name, timeout and DLQ) and passes the policy pack', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const fn = new LambdaFunction(stack, 'fn', {
      functionName: 'fn',
      code: { s3: { bucketName: 'artifacts', key: 'fn.zip' } },
      runtime: 'python3.12',
      handler: 'app.handler',
      timeoutInSeconds: 10,
    });
    new LambdaAlarms(stack, 'alarms', { function: fn, topicArn: TOPIC, name: 'mlnews-dev-fn' });
    applyPolicyPack(stack, { log: () => undefined });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const { json: j } = synthJson(stack);
    expect(block(j.resource, 'aws_cloudwatch_metric_alarm', 'alarms_duration-p99').threshold).toBe(8000);
    expect(block(j.resource, 'aws_cloudwatch_metric_alarm', 'alarms_dead-letters').alarm_name).toBe(
      'mlnews-dev-fn-dead-letters',
    );
  });
});

describe('LambdaAlarms options and validation', () => {
  it('takes thresholds, period, evaluation periods and missing-data overrides', () => {
    const { json, alarms } = build({
      name: 'custom',
      thresholds: {
        errors: 5,
        throttles: 10,
        durationTimeoutRatio: 0.5,
        deadLetterMessages: 3,
        periodInSeconds: 60,
        evaluationPeriods: 3,
      },
      treatMissingData: { errors: 'missing' },
    });
    expect(alarms.thresholds.errors).toBe(5);
    const errors = block(json.resource, 'aws_cloudwatch_metric_alarm', 'alarms_errors');
    expect(errors).toEqual(
      expect.objectContaining({
        alarm_name: 'custom-errors',
        threshold: 5,
        period: 60,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'missing',
      }),
    );
    expect(block(json.resource, 'aws_cloudwatch_metric_alarm', 'alarms_duration-p99').threshold).toBe(15000);
    expect(block(json.resource, 'aws_cloudwatch_metric_alarm', 'alarms_throttles').treat_missing_data).toBe(
      'notBreaching',
    );
  });

  it.each<[string, Partial<LambdaAlarmsProps>, string]>([
    ['topicArn', { topicArn: 'mlnews-alarms' }, 'is not an SNS topic ARN'],
    ['name', { name: 'bad:prefix' }, 'must be 1-200 letters'],
    ['thresholds.periodInSeconds', { thresholds: { periodInSeconds: 120 } }, 'must be 60, 300, 900 or 3600'],
    ['thresholds.evaluationPeriods', { thresholds: { evaluationPeriods: 0 } }, 'from 1 to 100'],
    [
      'thresholds.errors',
      { thresholds: { errors: 0 } },
      'at or above 0, which it always is: the alarm would never clear',
    ],
    ['thresholds.throttles', { thresholds: { throttles: 2e9 } }, 'is above 1000000000'],
    ['thresholds.deadLetterMessages', { thresholds: { deadLetterMessages: -1 } }, 'would never clear'],
    ['thresholds.durationTimeoutRatio', { thresholds: { durationTimeoutRatio: 1.5 } }, 'from 0.1 to 1'],
    [
      'function.timeoutInSeconds',
      { function: { functionName: 'f', timeoutInSeconds: 901 } },
      'from 1 to 900',
    ],
    [
      'treatMissingData.errors',
      { treatMissingData: { errors: 'zero' as 'missing' } },
      'is not a treat-missing-data value',
    ],
  ])('refuses %s', (field, props, problem) => {
    expect(() => build(props)).toThrow(
      new RegExp(`Invalid input for test/alarms[^]*  - ${field.replace('.', '\\.')} = .*${problem}.*Fix: `),
    );
  });

  it('accepts the boundaries', () => {
    expect(() =>
      build({
        thresholds: {
          durationTimeoutRatio: 1,
          evaluationPeriods: 100,
          periodInSeconds: 3600,
          errors: 0.5,
          throttles: 1e9,
          deadLetterMessages: 1,
        },
      }),
    ).not.toThrow();
    expect(build({ thresholds: { errors: undefined } }).alarms.thresholds.errors).toBe(1);
  });
});
