import { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { Validator, requireProps } from '../core/validation';
import { isKnownRegion } from '../core/regions';
import { Tags, withName } from '../core/tags';
import { Role } from '../iam/role';
import { ECS_ACTIONS } from '../iam/actions/ecs';
import { partitionOf } from './fargate-task-definition';

/** The service a {@link ServiceRestartSchedule} restarts. */
export interface RestartTarget {
  /** Cluster ARN (or name). */
  readonly clusterArn: string;
  /** Service name. */
  readonly serviceName: string;
  /** Service ARN, the one resource the schedule's role may update. */
  readonly serviceArn: string;
}

/** Props of {@link ServiceRestartSchedule}. */
export interface ServiceRestartScheduleProps {
  /**
   * Name of the schedule and of its own schedule group (1-54 letters, digits, '.', '-', '_'), and
   * the role name prefix (`<name>-scheduler`, at most IAM's 64 characters).
   */
  readonly name: string;
  /** Region of the service (the universal target's partition and the role's trust condition). */
  readonly region: string;
  /** The service to restart. */
  readonly service: RestartTarget;
  /**
   * When to restart: an EventBridge Scheduler expression, `cron(15 4 ? * SUN *)` (minute hour
   * day-of-month month day-of-week year), `rate(7 days)` or a one-time `at(2025-01-31T04:15:00)`.
   */
  readonly scheduleExpression: string;
  /** IANA time zone the expression is read in, e.g. `Europe/Berlin`. @default 'UTC' */
  readonly timezone?: string;
  /** Why the service restarts (the schedule's description). @default - "Restarts <service>" */
  readonly description?: string;
  /**
   * Attempts when `UpdateService` fails (throttling, a deployment in progress), 0-185. Scheduler
   * retries with back-off for up to a day.
   * @default 3
   */
  readonly retryAttempts?: number;
  /** Tags of the role and the schedule group (schedules take no tags). @default - none */
  readonly tags?: Tags;
}

const SCHEDULE_NAME_RE = /^[0-9a-zA-Z\-_.]{1,64}$/;
const EXPRESSION_RE =
  /^(cron\([^()]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/;
const TIMEZONE_RE = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * Rolls every task of an ECS service on a schedule: an EventBridge Scheduler schedule (in a
 * schedule group of its own) whose universal target calls `ecs:UpdateService` with
 * `forceNewDeployment`, through a role that may update only that service. The deployment follows the service's own rules (circuit breaker,
 * minimum healthy percent), so a restart never drops capacity.
 *
 * What it is for: values ECS injects only at task start. A password read from Secrets Manager
 * (the container's `secrets`) stays what it was at start; after the secret rotates, new database
 * connections fail until the tasks restart. Schedule the restart just after the rotation window.
 *
 * ```ts
 * new ServiceRestartSchedule(this, 'restart', {
 *   name: 'mlcicd-prod-mlflow-restart',
 *   region: 'us-west-2',
 *   service: { clusterArn: cluster.clusterArn, serviceName: svc.serviceName, serviceArn: svc.serviceArn },
 *   scheduleExpression: 'cron(15 4 ? * SUN *)', // the rotation runs Sundays 03:00-04:00 UTC
 * });
 * ```
 *
 * Cost: Scheduler's first 14 million invocations a month are free; the restart itself costs the
 * minute or two of doubled tasks during the rolling deployment.
 */
export class ServiceRestartSchedule extends Construct {
  public readonly schedule: SchedulerSchedule;
  public readonly scheduleName: string;
  /** The schedule's own group: the role trusts schedules of this group only. */
  public readonly scheduleGroup: SchedulerScheduleGroup;
  /** The role Scheduler assumes to call `UpdateService`. */
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: ServiceRestartScheduleProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      region: 'string',
      service: 'object',
      scheduleExpression: 'string',
    });
    const v = new Validator(this);
    v.check(
      SCHEDULE_NAME_RE.test(props.name) && `${props.name}-scheduler`.length <= 64,
      'name',
      props.name,
      "must be 1-54 letters, digits, '.', '-' and '_' (the role adds \"-scheduler\" within IAM's 64)",
      'use a shorter name, e.g. "<service>-restart"',
    );
    v.check(
      isKnownRegion(props.region),
      'region',
      props.region,
      'is not an AWS region',
      'pass the region of the service, e.g. "us-east-1"',
    );
    v.check(
      EXPRESSION_RE.test(props.scheduleExpression),
      'scheduleExpression',
      props.scheduleExpression,
      'is not an EventBridge Scheduler expression',
      'use "cron(15 4 ? * SUN *)", "rate(7 days)" or "at(2025-01-31T04:15:00)"',
    );
    v.checkOptional(
      props.timezone,
      (t) => TIMEZONE_RE.test(t),
      'timezone',
      'is not an IANA time zone name',
      'use "UTC" or a name such as "Europe/Berlin"',
    );
    v.checkIntRange(props.retryAttempts, 0, 185, 'retryAttempts');
    v.throwIfInvalid();

    const partition = partitionOf(props.region);
    this.scheduleName = props.name;
    // Scheduler presents the schedule group's ARN (not the schedule's) as aws:SourceArn, so a group
    // of its own is what lets the trust policy name this schedule alone.
    this.scheduleGroup = new SchedulerScheduleGroup(this, 'group', {
      name: props.name,
      tags: withName(props.name, props.tags),
    });
    this.role = new Role(this, 'role', {
      name: `${props.name}-scheduler`,
      assumedBy: ['scheduler.amazonaws.com'],
      description: `EventBridge Scheduler: restarts ECS service ${props.service.serviceName}`,
      // Only schedules of this group (this one) may assume the role: the confused deputy. The
      // account is unknown at synth (no lookups), hence the wildcard.
      trustConditions: [
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [`arn:${partition}:scheduler:${props.region}:*:schedule-group/${props.name}`],
        },
      ],
      tags: props.tags,
    });
    this.role.addStatements({
      sid: 'RestartService',
      effect: 'Allow',
      actions: [...ECS_ACTIONS.restartService],
      resources: [props.service.serviceArn],
    });

    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name: props.name,
      groupName: this.scheduleGroup.name,
      description: props.description ?? `Restarts ECS service ${props.service.serviceName}`,
      scheduleExpression: props.scheduleExpression,
      scheduleExpressionTimezone: props.timezone ?? 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: `arn:${partition}:scheduler:::aws-sdk:ecs:updateService`,
        roleArn: this.role.roleArn,
        // The UpdateService request, in the API's own field names.
        input: JSON.stringify({
          Cluster: props.service.clusterArn,
          Service: props.service.serviceName,
          ForceNewDeployment: true,
        }),
        retryPolicy: { maximumRetryAttempts: props.retryAttempts ?? 3, maximumEventAgeInSeconds: 86400 },
      },
      // The schedule must not fire before its role may act.
      dependsOn: [this.role.node.findChild('policy') as IamRolePolicy],
    });
  }
}
