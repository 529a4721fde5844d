import { Construct } from 'constructs';
import {
  SecretsmanagerSecretRotation,
  SecretsmanagerSecretRotationRotationRules,
} from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { Validator, requireProps } from '../core/validation';

/**
 * When Secrets Manager rotates a secret: every N days, or on a schedule expression.
 *
 * | form                                                   | rotates                                                  |
 * |--------------------------------------------------------|----------------------------------------------------------|
 * | `{ automaticallyAfterDays: 30 }`                       | 30 days after the previous rotation, at any time of day  |
 * | `{ scheduleExpression: 'rate(10 days)' }`              | every 10 days, window until the end of the UTC day       |
 * | `{ scheduleExpression: 'rate(6 hours)' }`              | every 6 hours (at least 4), window 1 hour                |
 * | `{ scheduleExpression: 'cron(0 4 ? * SUN *)', windowInHours: 2 }` | Sundays between 04:00 and 06:00 UTC           |
 */
export type RotationSchedule =
  | {
      /** Days between rotations, 1 to 1000. */
      readonly automaticallyAfterDays: number;
    }
  | {
      /**
       * `rate(<n> days)` (1-1000), `rate(<n> hours)` (4-23), or a six-field
       * `cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)` in UTC.
       */
      readonly scheduleExpression: string;
      /**
       * Length of the rotation window that opens at each scheduled time, 1 to 24 hours.
       * @default - until the end of the UTC day for day schedules, 1 hour for hour schedules
       */
      readonly windowInHours?: number;
    };

const RATE_RE = /^rate\((\d+) (hours?|days?)\)$/;
const CRON_RE = /^cron\((\S+ ){5}\S+\)$/;

/**
 * Records problems with a {@link RotationSchedule} under `field`. Token values are skipped.
 */
export function checkRotationSchedule(v: Validator, field: string, schedule: RotationSchedule): void {
  const hasDays = 'automaticallyAfterDays' in schedule && schedule.automaticallyAfterDays !== undefined;
  const hasExpression = 'scheduleExpression' in schedule && schedule.scheduleExpression !== undefined;
  if (hasDays === hasExpression) {
    v.add(
      field,
      schedule,
      'must set exactly one of automaticallyAfterDays and scheduleExpression',
      'use { automaticallyAfterDays: 30 } or { scheduleExpression: "rate(30 days)" }',
    );
    return;
  }
  if ('automaticallyAfterDays' in schedule) {
    v.checkIntRange(
      schedule.automaticallyAfterDays,
      1,
      1000,
      `${field}.automaticallyAfterDays`,
      'rotate every 1 to 1000 days (Secrets Manager limit), e.g. 30',
    );
    return;
  }
  v.checkOptional(
    schedule.scheduleExpression,
    isValidScheduleExpression,
    `${field}.scheduleExpression`,
    'is not a rotation schedule Secrets Manager accepts (rate(1-1000 days), rate(4-23 hours) or a six-field cron(...))',
    'use e.g. "rate(30 days)", "rate(6 hours)" or "cron(0 4 ? * SUN *)"',
  );
  v.checkIntRange(
    schedule.windowInHours,
    1,
    24,
    `${field}.windowInHours`,
    'use a window of 1 to 24 hours, e.g. 2',
  );
}

/** True for `rate(1-1000 days)`, `rate(4-23 hours)` or a six-field `cron(...)`. */
export function isValidScheduleExpression(expression: string): boolean {
  const rate = RATE_RE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2];
    // English singular for 1 only: "rate(1 day)", "rate(2 days)".
    if ((n === 1) !== !unit.endsWith('s')) return false;
    return unit.startsWith('day') ? n >= 1 && n <= 1000 : n >= 4 && n <= 23;
  }
  return CRON_RE.test(expression);
}

/** The `rotation_rules` block for a schedule. */
export function rotationRules(schedule: RotationSchedule): SecretsmanagerSecretRotationRotationRules {
  if ('automaticallyAfterDays' in schedule) {
    return { automaticallyAfterDays: schedule.automaticallyAfterDays };
  }
  return {
    scheduleExpression: schedule.scheduleExpression,
    duration: schedule.windowInHours === undefined ? undefined : `${schedule.windowInHours}h`,
  };
}

/** Props of {@link SecretRotationSchedule}. */
export interface SecretRotationScheduleProps {
  /** ARN of the secret to rotate, e.g. `Secret.secretArn` or an RDS instance's master user secret. */
  readonly secretArn: string;
  /** When to rotate. */
  readonly schedule: RotationSchedule;
  /**
   * ARN of the Lambda function that rotates the secret. Leave it unset only for a secret whose
   * rotation the owning service manages (managed rotation: the master user secrets of RDS,
   * Aurora, Redshift, DocumentDB), where it changes the schedule and nothing else.
   * @default - managed rotation (no function)
   */
  readonly rotationLambdaArn?: string;
  /**
   * Rotate once as soon as the schedule is created or changed. Off, the first rotation happens
   * at the next scheduled time, so an apply never changes a password under running clients.
   * @default false
   */
  readonly rotateImmediately?: boolean;
}

/**
 * The rotation schedule of one Secrets Manager secret (`aws_secretsmanager_secret_rotation`).
 *
 * With `rotationLambdaArn` it turns on rotation by that function; without it, it sets the
 * schedule of a managed rotation (an RDS master user secret). Destroying this resource cancels
 * rotation (`CancelRotateSecret`): on an RDS-managed secret that is the only way to stop its
 * rotation, and it needs a schedule to exist first.
 */
export class SecretRotationSchedule extends Construct {
  public readonly rotation: SecretsmanagerSecretRotation;

  constructor(scope: Construct, id: string, props: SecretRotationScheduleProps) {
    super(scope, id);
    requireProps(this, props, { secretArn: 'string', schedule: 'object' });
    const v = new Validator(this);
    checkRotationSchedule(v, 'schedule', props.schedule);
    v.checkOptional(
      props.rotationLambdaArn,
      (a) =>
        /^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9-_]{1,64}(:[a-zA-Z0-9-_$]+)?$/.test(
          a,
        ),
      'rotationLambdaArn',
      'is not a Lambda function ARN',
      'pass "arn:aws:lambda:<region>:<account>:function:<name>", e.g. the function construct\'s ARN',
    );
    v.throwIfInvalid();
    this.rotation = new SecretsmanagerSecretRotation(this, 'rotation', {
      secretId: props.secretArn,
      rotationLambdaArn: props.rotationLambdaArn,
      rotateImmediately: props.rotateImmediately ?? false,
      rotationRules: rotationRules(props.schedule),
    });
  }
}
