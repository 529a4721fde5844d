import { ServiceRestartSchedule, ServiceRestartScheduleProps } from '../../../modules/ecs-fargate';
import { lazy } from '../../support/lazy';
import { ACCOUNT, newStack, only, problemsOf, synth } from './helpers';

const SERVICE = {
  clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/modelreg-prod`,
  serviceName: 'modelreg-prod-api',
  serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/modelreg-prod/modelreg-prod-api`,
};
const PROPS: ServiceRestartScheduleProps = {
  name: 'modelreg-prod-api-restart',
  region: 'us-east-1',
  service: SERVICE,
  scheduleExpression: 'cron(15 4 ? * SUN *)',
};

function build(props: Partial<ServiceRestartScheduleProps> = {}) {
  const stack = newStack();
  const schedule = new ServiceRestartSchedule(stack, 'restart', { ...PROPS, ...props });
  return { stack, schedule, ...synth(stack) };
}

describe('ServiceRestartSchedule defaults', () => {
  const built = lazy(() => build());

  it('calls ecs:UpdateService with forceNewDeployment through the universal target, in UTC, without a window', () => {
    const { json, schedule } = built();
    expect(only(json, 'aws_scheduler_schedule')).toMatchObject({
      name: 'modelreg-prod-api-restart',
      group_name: expect.stringMatching(
        /^\$\{aws_scheduler_schedule_group\.restart_group_[0-9A-F]+\.name\}$/,
      ),
      schedule_expression: 'cron(15 4 ? * SUN *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
      state: 'ENABLED',
      description: 'Restarts ECS service modelreg-prod-api',
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:ecs:updateService',
        input: JSON.stringify({
          Cluster: SERVICE.clusterArn,
          Service: 'modelreg-prod-api',
          ForceNewDeployment: true,
        }),
        retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 86400 },
      },
    });
    expect(schedule.scheduleName).toBe('modelreg-prod-api-restart');
  });

  it('puts the schedule in a group of its own', () => {
    const { json } = built();
    expect(only(json, 'aws_scheduler_schedule_group')).toEqual({
      name: 'modelreg-prod-api-restart',
      tags: { Name: 'modelreg-prod-api-restart' },
    });
  });

  it('uses a role only schedules of that group may assume, allowed to update only this service', () => {
    const { json } = built();
    expect(only(json, 'aws_iam_role').name).toBe('modelreg-prod-api-restart-scheduler');
    const docs = json.data.aws_iam_policy_document as Record<
      string,
      { statement: Array<Record<string, unknown>> }
    >;
    const trust = Object.entries(docs).find(([k]) => k.includes('trust'))?.[1].statement[0];
    expect(trust).toMatchObject({
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
      condition: [
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: ['arn:aws:scheduler:us-east-1:*:schedule-group/modelreg-prod-api-restart'],
        },
      ],
    });
    const policy = Object.entries(docs).find(([k]) => k.includes('policy-document'))?.[1].statement;
    expect(policy).toEqual([
      {
        sid: 'RestartService',
        effect: 'Allow',
        actions: ['ecs:UpdateService'],
        resources: [SERVICE.serviceArn],
      },
    ]);
  });

  it('fires only after the role policy exists', () => {
    const { json } = built();
    expect(only(json, 'aws_scheduler_schedule').depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.restart_role_policy_/),
    ]);
  });
});

describe('ServiceRestartSchedule options', () => {
  it('takes a time zone, a description, retries and another partition', () => {
    const { json } = build({
      timezone: 'Europe/Berlin',
      description: 'after the rotation',
      retryAttempts: 0,
      region: 'cn-north-1',
    });
    expect(only(json, 'aws_scheduler_schedule')).toMatchObject({
      schedule_expression_timezone: 'Europe/Berlin',
      description: 'after the rotation',
      target: expect.objectContaining({
        arn: 'arn:aws-cn:scheduler:::aws-sdk:ecs:updateService',
        retry_policy: expect.objectContaining({ maximum_retry_attempts: 0 }),
      }),
    });
  });

  it.each(['rate(7 days)', 'rate(1 hour)', 'at(2025-01-31T04:15:00)', 'cron(0 5 1 * ? *)'])(
    'accepts %s',
    (expr) => {
      expect(() => build({ scheduleExpression: expr })).not.toThrow();
    },
  );
});

describe('ServiceRestartSchedule validation', () => {
  it.each<[string, Partial<ServiceRestartScheduleProps>, string, unknown, string, string]>([
    [
      'a name too long for the role',
      { name: 'x'.repeat(55) },
      'name',
      'x'.repeat(55),
      "must be 1-54 letters, digits, '.', '-' and '_' (the role adds \"-scheduler\" within IAM's 64)",
      'use a shorter name, e.g. "<service>-restart"',
    ],
    [
      'a bad region',
      { region: 'us-east-9' },
      'region',
      'us-east-9',
      'is not an AWS region',
      'pass the region of the service, e.g. "us-east-1"',
    ],
    [
      'a bad expression',
      { scheduleExpression: 'weekly' },
      'scheduleExpression',
      'weekly',
      'is not an EventBridge Scheduler expression',
      'use "cron(15 4 ? * SUN *)", "rate(7 days)" or "at(2025-01-31T04:15:00)"',
    ],
    [
      'a bad time zone',
      { timezone: 'CET+1' },
      'timezone',
      'CET+1',
      'is not an IANA time zone name',
      'use "UTC" or a name such as "Europe/Berlin"',
    ],
    [
      'too many retries',
      { retryAttempts: 186 },
      'retryAttempts',
      186,
      'must be a whole number from 0 to 185',
      'set retryAttempts to a whole number from 0 to 185',
    ],
  ])('reports %s', (_what, props, field, value, problem, fix) => {
    expect(problemsOf(() => build(props))).toEqual([{ field, value, problem, fix }]);
  });

  it.each<[string, Partial<ServiceRestartScheduleProps>]>([
    ['a 54-character name', { name: 'x'.repeat(54) }],
    ['185 retries', { retryAttempts: 185 }],
    ['UTC', { timezone: 'UTC' }],
  ])('accepts %s', (_what, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
