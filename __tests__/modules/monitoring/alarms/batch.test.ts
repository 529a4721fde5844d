import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BatchJobAlarms, BatchJobAlarmsProps } from '../../../../modules/monitoring';
import { policyFindings, validationProblems } from '../../../support/construct-checks';
import { lazy } from '../../../support/lazy';

type Block = Record<string, unknown>;
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alarms';
const BASE: BatchJobAlarmsProps = { name: 'grader', failureRuleName: 'grader-job-failed', topicArn: TOPIC };

function build(props: Partial<BatchJobAlarmsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const alarms = new BatchJobAlarms(stack, 'batch', { ...BASE, ...props });
  return { stack, alarms };
}

function synth(props: Partial<BatchJobAlarmsProps> = {}) {
  const { stack, alarms } = build(props);
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
  return { stack, alarms, list: Object.values(json.resource.aws_cloudwatch_metric_alarm) };
}

describe('BatchJobAlarms defaults', () => {
  const built = lazy(() => synth());

  it('alarms when EventBridge fails to deliver a failed-job notification', () => {
    expect(built().alarms.alarmNames).toEqual(['grader-batch-failure-notifications-failed']);
    expect(built().list).toEqual([
      {
        alarm_name: 'grader-batch-failure-notifications-failed',
        alarm_description:
          'EventBridge could not deliver failed-job notifications of rule grader-job-failed to SNS: check the topic policy (events.amazonaws.com, aws:SourceArn) and the topic key policy.',
        namespace: 'AWS/Events',
        metric_name: 'FailedInvocations',
        statistic: 'Sum',
        period: 300,
        dimensions: { RuleName: 'grader-job-failed' },
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ]);
  });

  it('passes the policy pack', () => {
    expect(policyFindings(built().stack)).toMatchObject({ errors: [], warnings: [] });
  });
});

describe('BatchJobAlarms options', () => {
  it('adds a burst alarm on TriggeredRules with a threshold, and takes period and missing-data treatment', () => {
    const { list, alarms } = synth({
      failedJobsThreshold: 5,
      periodInSeconds: 600,
      treatMissingData: 'ignore',
    });
    expect(alarms.alarmNames).toEqual([
      'grader-batch-failure-notifications-failed',
      'grader-batch-failed-jobs',
    ]);
    expect(list.find((a) => a.alarm_name === 'grader-batch-failed-jobs')).toMatchObject({
      alarm_name: 'grader-batch-failed-jobs',
      alarm_description: '5 or more jobs matched failure rule grader-job-failed within 10 minutes.',
      metric_name: 'TriggeredRules',
      threshold: 5,
      period: 600,
      treat_missing_data: 'ignore',
    });
  });
});

describe('BatchJobAlarms validation', () => {
  it.each<[string, Partial<BatchJobAlarmsProps>, string, unknown, RegExp, RegExp]>([
    ['a name with a slash', { name: 'grader/prod' }, 'name', 'grader/prod', /1-200 letters/, /grader-prod/],
    [
      'a rule ARN instead of name',
      { failureRuleName: 'arn:aws:events:eu-west-1:123456789012:rule/x' },
      'failureRuleName',
      'arn:aws:events:eu-west-1:123456789012:rule/x',
      /not an EventBridge rule name/,
      /failureRule\.name/,
    ],
    [
      'a threshold of 0',
      { failedJobsThreshold: 0 },
      'failedJobsThreshold',
      0,
      /at or above 0, which it always is: the alarm would never clear/,
      /^set failedJobsThreshold to a whole count above 0 up to 100000, e\.g\. 5$/,
    ],
    [
      'a threshold above the limit',
      { failedJobsThreshold: 100_001 },
      'failedJobsThreshold',
      100_001,
      /is above 100000/,
      /up to 100000/,
    ],
    ['a 30-second period', { periodInSeconds: 30 }, 'periodInSeconds', 30, /multiple of 60/, /300/],
  ])('refuses %s', (_n, props, field, value, problem, fix) => {
    expect(validationProblems(() => build(props))).toEqual([
      { field, value, problem: expect.stringMatching(problem), fix: expect.stringMatching(fix) },
    ]);
  });

  it.each<[string, Partial<BatchJobAlarmsProps>]>([
    ['a threshold of 1', { failedJobsThreshold: 1 }],
    ['a threshold of 100000', { failedJobsThreshold: 100_000 }],
    ['a 60-second period', { periodInSeconds: 60 }],
    ['a rule name of 64 characters', { failureRuleName: 'r'.repeat(64) }],
  ])('accepts %s', (_n, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
