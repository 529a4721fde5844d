import { TerraformStack, TerraformVariable } from 'cdktf';
import { BatchJobAlarms, BatchJobAlarmsProps } from '../../../../modules/monitoring';
import {
  alarmPlanChecks,
  errorOf,
  invalidMessage,
  resources,
  synthJson,
  testStack,
} from '../../../support/synth-json';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alarms';
const BASE: BatchJobAlarmsProps = { name: 'grader', failureRuleName: 'grader-job-failed', topicArn: TOPIC };

function build(props: Partial<BatchJobAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new BatchJobAlarms(stack, 'batch', { ...BASE, ...props });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, blocks, byName };
}

describe('BatchJobAlarms period', () => {
  it.each<[number, string]>([
    [60, '3 or more jobs matched failure rule grader-job-failed within 1 minutes.'],
    [86_400, '3 or more jobs matched failure rule grader-job-failed within 1440 minutes.'],
  ])('accepts %i seconds and uses it for both alarms', (periodInSeconds, description) => {
    const { byName } = build({ periodInSeconds, failedJobsThreshold: 3 });
    expect(Object.values(byName).map((b) => [b.alarm_name, b.period, b.threshold, b.metric_name])).toEqual([
      ['grader-batch-failed-jobs', periodInSeconds, 3, 'TriggeredRules'],
      ['grader-batch-failure-notifications-failed', periodInSeconds, 1, 'FailedInvocations'],
    ]);
    expect(byName['grader-batch-failed-jobs'].alarm_description).toBe(description);
  });
});

describe('BatchJobAlarms plan-time checks', () => {
  it('checks a Terraform-valued burst threshold at plan time on the burst alarm', () => {
    const stack = testStack();
    const threshold = new TerraformVariable(stack, 'threshold', { type: 'number' });
    const { blocks } = build({ failedJobsThreshold: threshold.numberValue }, stack);
    expect(alarmPlanChecks(blocks)).toEqual([
      [
        'grader-batch-failed-jobs',
        {
          precondition: [
            {
              condition:
                '${(((0 < var.threshold) && (100000 >= var.threshold)) && (floor(var.threshold) == var.threshold))}',
              error_message:
                'Invalid failedJobsThreshold of test/batch: it must be a whole count above 0 up to 100000.',
            },
          ],
        },
      ],
    ]);
  });
});

describe('BatchJobAlarms validation messages', () => {
  const PERIOD_PROBLEM =
    'must be a multiple of 60 from 60 to 86400. Fix: use 300 (default) or another multiple of 60';
  it.each<[string, Partial<BatchJobAlarmsProps>, string]>([
    ['no name', { name: undefined }, 'name = undefined: is required. Fix: pass name, a string'],
    ['a period of 0', { periodInSeconds: 0 }, `periodInSeconds = 0: ${PERIOD_PROBLEM}`],
    ['a period of -60', { periodInSeconds: -60 }, `periodInSeconds = -60: ${PERIOD_PROBLEM}`],
    ['a period of 90 seconds', { periodInSeconds: 90 }, `periodInSeconds = 90: ${PERIOD_PROBLEM}`],
    ['a period of 60.5 seconds', { periodInSeconds: 60.5 }, `periodInSeconds = 60.5: ${PERIOD_PROBLEM}`],
    [
      'a period given as text',
      { periodInSeconds: '120' as unknown as number },
      `periodInSeconds = "120": ${PERIOD_PROBLEM}`,
    ],
    [
      'a period one minute over a day',
      { periodInSeconds: 86_460 },
      `periodInSeconds = 86460: ${PERIOD_PROBLEM}`,
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/batch', problem));
  });
});
