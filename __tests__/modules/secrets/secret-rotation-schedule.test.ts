import { Testing } from 'cdktf';
import {
  RotationSchedule,
  SecretRotationSchedule,
  isValidScheduleExpression,
} from '../../../modules/secrets';
import { rotationRules } from '../../../modules/secrets/secret-rotation-schedule';
import { SynthJson, newStack, single, validationError } from './synth-helpers';

const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0123-AbCdEf';

describe('rotation schedules', () => {
  it.each<[string, boolean]>([
    ['rate(1 day)', true],
    ['rate(2 days)', true],
    ['rate(1000 days)', true],
    ['rate(4 hours)', true],
    ['rate(23 hours)', true],
    ['cron(0 4 ? * SUN *)', true],
    ['cron(0 16 1,15 * ? *)', true],
    ['rate(1 days)', false],
    ['rate(2 day)', false],
    ['rate(0 days)', false],
    ['rate(1001 days)', false],
    ['rate(3 hours)', false],
    ['rate(24 hours)', false],
    ['rate(10 minutes)', false],
    ['cron(0 4 * * *)', false],
    ['every day', false],
  ])('%s is valid: %s', (expression, ok) => expect(isValidScheduleExpression(expression)).toBe(ok));

  it.each<[RotationSchedule, Record<string, unknown>]>([
    [{ automaticallyAfterDays: 30 }, { automaticallyAfterDays: 30 }],
    [{ scheduleExpression: 'rate(10 days)' }, { scheduleExpression: 'rate(10 days)', duration: undefined }],
    [
      { scheduleExpression: 'cron(0 4 ? * SUN *)', windowInHours: 4 },
      { scheduleExpression: 'cron(0 4 ? * SUN *)', duration: '4h' },
    ],
  ])('renders %j', (schedule, rules) => expect(rotationRules(schedule)).toEqual(rules));
});

describe('SecretRotationSchedule', () => {
  it('sets the schedule of a managed rotation (no function) without rotating on apply', () => {
    const stack = newStack();
    new SecretRotationSchedule(stack, 'rotation', {
      secretArn: SECRET,
      schedule: { automaticallyAfterDays: 14 },
    });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect(single(json, 'aws_secretsmanager_secret_rotation')).toEqual({
      secret_id: SECRET,
      rotate_immediately: false,
      rotation_rules: { automatically_after_days: 14 },
    });
  });

  it('refuses a malformed function ARN and a bad schedule at once', () => {
    const error = validationError(
      () =>
        new SecretRotationSchedule(newStack(), 'rotation', {
          secretArn: SECRET,
          rotationLambdaArn: 'rotate-fn',
          schedule: { scheduleExpression: 'rate(1 hour)' },
        }),
    );
    expect(error.problems.map((p) => [p.field, p.value, p.problem])).toEqual([
      [
        'schedule.scheduleExpression',
        'rate(1 hour)',
        'is not a rotation schedule Secrets Manager accepts (rate(1-1000 days), rate(4-23 hours) or a six-field cron(...))',
      ],
      ['rotationLambdaArn', 'rotate-fn', 'is not a Lambda function ARN'],
    ]);
  });

  it('accepts a function ARN with an alias', () => {
    expect(
      () =>
        new SecretRotationSchedule(newStack(), 'rotation', {
          secretArn: SECRET,
          rotationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:rotate:live',
          schedule: { automaticallyAfterDays: 1 },
        }),
    ).not.toThrow();
  });
});
