import { Construct } from 'constructs';
import {
  BackupPlan as AwsBackupPlan,
  BackupPlanRule as AwsBackupPlanRule,
} from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { Validator, requireProps } from '../core/validation';
import { PARTITIONS, isBackupVaultArn, isIamRoleArn, isPartition } from '../core/arn';
import { Partition } from '../core/regions';
import { Tags, isTagKey, isTagValue, withName } from '../core/tags';
import { Role } from '../iam/role';
import { IBackupVault } from './backup-vault';
import { isTimeZone, scheduleProblems } from './schedule';

/** One rule of a backup plan: when to back up, how long to keep it, where to copy it. */
export interface BackupRule {
  /** Rule name: 1-50 letters, digits, '-', '_' and '.'; unique in the plan. */
  readonly ruleName: string;
  /**
   * When the backup job starts, an AWS cron expression in `scheduleTimezone`, e.g.
   * `cron(0 5 ? * * *)` (05:00 every day). Minutes must be one value (AWS Backup runs a rule at
   * most hourly); exactly one of day-of-month and day-of-week is `?`.
   * @default 'cron(0 5 ? * * *)'
   */
  readonly schedule?: string;
  /** IANA time zone of `schedule`, e.g. `Europe/Berlin`. @default 'UTC' */
  readonly scheduleTimezone?: string;
  /**
   * Minutes after the scheduled time within which the job must start, or it is counted as
   * expired (not run). At least 60 (AWS), at most 43,200 (a month; this module's bound).
   * @default 60
   */
  readonly startWindowInMinutes?: number;
  /**
   * Minutes after the job starts within which it must complete, or AWS Backup cancels it. At
   * least `startWindowInMinutes + 60` (AWS), at most 43,200.
   * @default 480
   */
  readonly completionWindowInMinutes?: number;
  /** Days a recovery point is kept, 1-36,500. @default 35 */
  readonly retentionInDays?: number;
  /**
   * Days after which recovery points move to cold storage (about a fifth of the warm price, for
   * resource types that support it, EBS included). Cold storage bills at least 90 days, so
   * `retentionInDays` must be at least this plus 90.
   * @default - no cold storage
   */
  readonly coldStorageAfterDays?: number;
  /**
   * ARN of a vault (another region or account) that receives a copy of every recovery point. A
   * vault in another account must allow `backup:CopyIntoBackupVault` from this account.
   * @default - no copy
   */
  readonly copyToVaultArn?: string;
  /** Days the copy is kept, 1-36,500. Only with `copyToVaultArn`. @default - retentionInDays */
  readonly copyRetentionInDays?: number;
  /** Tags added to every recovery point this rule creates. @default - none */
  readonly recoveryPointTags?: Tags;
}

/** The tag that selects resources for a plan (`aws:ResourceTag/<key>` equals `value`). */
export interface BackupSelectionTag {
  /** Tag key, 1-128 characters, e.g. `Backup`. */
  readonly key: string;
  /** Tag value, 1-256 characters, e.g. the plan name. */
  readonly value: string;
}

/** Props of {@link BackupPlan}. */
export interface BackupPlanProps {
  /** Plan name: 1-50 letters, digits, '-', '_' and '.'. Also names the selection and the service role. */
  readonly planName: string;
  /** The vault recovery points go to. Its lock limits (if any) are checked against each rule. */
  readonly vault: IBackupVault;
  /**
   * Rules of the plan. @default - one rule named "daily" with every {@link BackupRule} default:
   * 05:00 UTC daily, start within 1 hour, complete within 8 hours, kept 35 days
   */
  readonly rules?: BackupRule[];
  /**
   * The tag that selects what is backed up: every resource (of `resourceArns`) carrying it. AWS
   * Backup assigns by tag at each run, so a volume created later with the tag is backed up.
   * @default - { key: 'Backup', value: planName }
   */
  readonly selectionTag?: BackupSelectionTag;
  /**
   * Resources the selection may pick, ANDed with the tag: ARNs or patterns, e.g.
   * `['arn:aws:ec2:*:*:volume/*']` for EBS volumes only.
   * @default ['*'] (every supported resource type carrying the tag)
   */
  readonly resourceArns?: string[];
  /**
   * Role AWS Backup assumes to create and restore recovery points.
   * @default - a role `<planName>-backup` with the AWS managed policies AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores
   */
  readonly serviceRoleArn?: string;
  /** Partition of the managed policy ARNs of the created role. @default 'aws' */
  readonly partition?: Partition;
  /** Tags of the plan and role. @default - none */
  readonly tags?: Tags;
}

/** The rule defaults (see {@link BackupRule}). */
export const DEFAULT_BACKUP_RULE = {
  schedule: 'cron(0 5 ? * * *)',
  startWindowInMinutes: 60,
  completionWindowInMinutes: 480,
  retentionInDays: 35,
} as const;

const NAME_RE = /^[a-zA-Z0-9_.-]{1,50}$/;
const RESOURCE_RE = /^(\*|arn:aws(-cn|-us-gov)?:[a-z0-9-]+:[a-z0-9-*]*:(\d{12}|\*)?:.+)$/;
const ROLE_SUFFIX = '-backup';
const MAX_WINDOW_MINUTES = 43200;

/**
 * An AWS Backup plan: rules (schedule, windows, retention, cold storage, copies), a selection of
 * every resource carrying a tag, and the role AWS Backup uses.
 *
 * ```ts
 * new BackupPlan(this, 'volumes', {
 *   planName: 'app-volumes',
 *   vault,
 *   rules: [{ ruleName: 'daily', retentionInDays: 14 }],
 *   resourceArns: ['arn:aws:ec2:*:*:volume/*'], // tag volumes with Backup = app-volumes
 * });
 * ```
 */
export class BackupPlan extends Construct {
  /** The plan resource. */
  public readonly plan: AwsBackupPlan;
  /** Plan id. */
  public readonly planId: string;
  /** Plan ARN. */
  public readonly planArn: string;
  /** Plan name. */
  public readonly planName: string;
  /** The tag resources must carry to be backed up by this plan. */
  public readonly selectionTag: BackupSelectionTag;
  /** ARN of the role AWS Backup assumes. */
  public readonly serviceRoleArn: string;
  /** The role, when created here. */
  public readonly serviceRole?: Role;
  /** The rules in effect (defaults applied). */
  public readonly rules: readonly Required<Pick<BackupRule, 'ruleName' | 'schedule' | 'retentionInDays'>>[];

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    requireProps(this, props, {
      planName: 'string',
      vault: 'object',
      'rules?': 'list',
      'selectionTag?': 'object',
    });
    const rules = props.rules ?? [{ ruleName: 'daily' }];
    const selectionTag = props.selectionTag ?? { key: 'Backup', value: props.planName };
    validate(this, props, rules, selectionTag);
    this.selectionTag = selectionTag;
    this.rules = rules.map((r) => ({
      ruleName: r.ruleName,
      schedule: r.schedule ?? DEFAULT_BACKUP_RULE.schedule,
      retentionInDays: r.retentionInDays ?? DEFAULT_BACKUP_RULE.retentionInDays,
    }));

    this.plan = new AwsBackupPlan(this, 'plan', {
      name: props.planName,
      rule: rules.map((r) => toPlanRule(r, props.vault.vaultName)),
      tags: withName(props.planName, props.tags),
    });
    this.planId = this.plan.id;
    this.planArn = this.plan.arn;
    this.planName = this.plan.name;

    if (props.serviceRoleArn === undefined) {
      const p = props.partition ?? 'aws';
      this.serviceRole = new Role(this, 'role', {
        name: `${props.planName}${ROLE_SUFFIX}`,
        assumedBy: ['backup.amazonaws.com'],
        description: `AWS Backup service role of plan ${props.planName}`,
        // AWS managed policies: they follow the resource types AWS Backup adds, which a hand-kept
        // list would miss (a restore that fails on a missing permission is found too late).
        managedPolicyArns: [
          `arn:${p}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
          `arn:${p}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
        ],
        tags: props.tags,
      });
    }
    this.serviceRoleArn = props.serviceRoleArn ?? (this.serviceRole as Role).roleArn;

    new BackupSelection(this, 'selection', {
      name: props.planName,
      planId: this.plan.id,
      iamRoleArn: this.serviceRoleArn,
      resources: [...(props.resourceArns ?? ['*'])],
      // A condition is ANDed with `resources` (selection_tag would be ORed with them).
      condition: [
        { stringEquals: [{ key: `aws:ResourceTag/${selectionTag.key}`, value: selectionTag.value }] },
      ],
    });
  }
}

function toPlanRule(r: BackupRule, vaultName: string): AwsBackupPlanRule {
  const retention = r.retentionInDays ?? DEFAULT_BACKUP_RULE.retentionInDays;
  return {
    ruleName: r.ruleName,
    targetVaultName: vaultName,
    schedule: r.schedule ?? DEFAULT_BACKUP_RULE.schedule,
    scheduleExpressionTimezone: r.scheduleTimezone,
    startWindow: r.startWindowInMinutes ?? DEFAULT_BACKUP_RULE.startWindowInMinutes,
    completionWindow: r.completionWindowInMinutes ?? DEFAULT_BACKUP_RULE.completionWindowInMinutes,
    lifecycle: { deleteAfter: retention, coldStorageAfter: r.coldStorageAfterDays },
    copyAction: r.copyToVaultArn
      ? [
          {
            destinationVaultArn: r.copyToVaultArn,
            lifecycle: { deleteAfter: r.copyRetentionInDays ?? retention },
          },
        ]
      : undefined,
    recoveryPointTags: r.recoveryPointTags ? { ...r.recoveryPointTags } : undefined,
  };
}

function validate(
  scope: Construct,
  props: BackupPlanProps,
  rules: BackupRule[],
  tag: BackupSelectionTag,
): void {
  const v = new Validator(scope);
  v.checkOptional(
    props.planName,
    (n) => NAME_RE.test(n),
    'planName',
    "is not a backup plan name (1-50 letters, digits, '-', '_' and '.')",
    'use a name such as "app-volumes"',
  );
  // Plan names are at most 50 characters, so the role name `<planName>-backup` fits IAM's 64.
  v.checkOptional(
    props.serviceRoleArn,
    (a) => isIamRoleArn(a),
    'serviceRoleArn',
    'is not an IAM role ARN',
    'pass "arn:aws:iam::<account>:role/<name>", or leave it unset to create the role',
  );
  v.check(
    props.partition === undefined || isPartition(props.partition),
    'partition',
    props.partition,
    `is not an AWS partition (${PARTITIONS.join(', ')})`,
    'use "aws", "aws-cn" or "aws-us-gov"',
  );
  v.check(
    rules.length > 0,
    'rules',
    rules,
    'is empty',
    'list at least one rule, or leave rules unset for a daily rule',
  );
  const names = rules.map((r) => r.ruleName);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  v.check(repeated.length === 0, 'rules', repeated, 'repeats a rule name', 'give each rule its own ruleName');
  rules.forEach((r, i) => checkRule(v, `rules[${i}]`, r, props.vault));

  v.checkOptional(
    tag.key,
    (k) => isTagKey(k),
    'selectionTag.key',
    'is not a tag key (1-128 letters, digits, spaces and _ . : / = + - @; not starting with "aws:")',
    'use a key such as "Backup"',
  );
  v.checkOptional(
    tag.value,
    (x) => x !== '' && isTagValue(x),
    'selectionTag.value',
    'is not a tag value (1-256 letters, digits, spaces and _ . : / = + - @)',
    'use a value such as the plan name',
  );
  const resources = props.resourceArns ?? ['*'];
  v.check(
    resources.length > 0,
    'resourceArns',
    resources,
    'is empty: the selection would pick nothing',
    'list ARN patterns such as "arn:aws:ec2:*:*:volume/*", or leave it unset for every resource type',
  );
  resources.forEach((a, i) =>
    v.checkOptional(
      a,
      (x) => RESOURCE_RE.test(x),
      `resourceArns[${i}]`,
      'is not "*" or an ARN (pattern)',
      'use an ARN pattern such as "arn:aws:ec2:*:*:volume/*"',
    ),
  );
  v.throwIfInvalid();
}

function checkRule(v: Validator, field: string, r: BackupRule, vault: IBackupVault): void {
  v.checkOptional(
    r.ruleName,
    (n) => NAME_RE.test(n),
    `${field}.ruleName`,
    "is not a rule name (1-50 letters, digits, '-', '_' and '.')",
    'use a name such as "daily"',
  );
  if (r.schedule !== undefined) {
    const problems = scheduleProblems(r.schedule);
    v.check(
      problems.length === 0,
      `${field}.schedule`,
      r.schedule,
      `is not a valid AWS Backup schedule (${problems.join('; ')})`,
      'use an AWS cron expression such as "cron(0 5 ? * * *)" (05:00 daily)',
    );
  }
  v.checkOptional(
    r.scheduleTimezone,
    (z) => isTimeZone(z),
    `${field}.scheduleTimezone`,
    'is not an IANA time zone name',
    'use a name such as "UTC" or "Europe/Berlin"',
  );
  const start = r.startWindowInMinutes ?? DEFAULT_BACKUP_RULE.startWindowInMinutes;
  v.checkIntRange(r.startWindowInMinutes, 60, MAX_WINDOW_MINUTES, `${field}.startWindowInMinutes`);
  v.checkIntRange(r.completionWindowInMinutes, 120, MAX_WINDOW_MINUTES, `${field}.completionWindowInMinutes`);
  const completion = r.completionWindowInMinutes ?? DEFAULT_BACKUP_RULE.completionWindowInMinutes;
  v.check(
    completion >= start + 60,
    r.completionWindowInMinutes === undefined
      ? `${field}.startWindowInMinutes`
      : `${field}.completionWindowInMinutes`,
    r.completionWindowInMinutes === undefined ? start : completion,
    `leaves the completion window (${completion} minutes) less than 60 minutes longer than the start window (${start})`,
    `set completionWindowInMinutes to at least ${start + 60}`,
  );

  const retention = r.retentionInDays ?? DEFAULT_BACKUP_RULE.retentionInDays;
  v.checkIntRange(r.retentionInDays, 1, 36500, `${field}.retentionInDays`);
  v.checkIntRange(r.coldStorageAfterDays, 1, 36500, `${field}.coldStorageAfterDays`);
  if (r.coldStorageAfterDays !== undefined) {
    v.check(
      retention >= r.coldStorageAfterDays + 90,
      `${field}.coldStorageAfterDays`,
      r.coldStorageAfterDays,
      `leaves recovery points less than the 90-day minimum in cold storage (retention ${retention} days)`,
      retention > 90
        ? `move to cold storage after at most ${retention - 90} days, or keep recovery points longer`
        : `keep recovery points at least ${r.coldStorageAfterDays + 90} days, or remove coldStorageAfterDays`,
    );
  }
  const limits = vault.retentionLimits;
  if (limits) {
    v.check(
      retention >= limits.minDays && (limits.maxDays === undefined || retention <= limits.maxDays),
      `${field}.retentionInDays`,
      retention,
      `is outside the vault lock's retention range (${limits.minDays} to ${limits.maxDays ?? 'unlimited'} days): its jobs would fail`,
      `keep recovery points between ${limits.minDays} and ${limits.maxDays ?? 36500} days, or change the vault lock`,
    );
  }
  v.checkOptional(
    r.copyToVaultArn,
    (a) => isBackupVaultArn(a),
    `${field}.copyToVaultArn`,
    'is not a backup vault ARN',
    'pass "arn:aws:backup:<region>:<account>:backup-vault:<name>"',
  );
  v.checkIntRange(r.copyRetentionInDays, 1, 36500, `${field}.copyRetentionInDays`);
  v.check(
    !(r.copyRetentionInDays !== undefined && r.copyToVaultArn === undefined),
    `${field}.copyRetentionInDays`,
    r.copyRetentionInDays,
    'has no effect without copyToVaultArn',
    'set copyToVaultArn, or remove copyRetentionInDays',
  );
  for (const [key, value] of Object.entries(r.recoveryPointTags ?? {})) {
    v.check(
      isTagKey(key) && isTagValue(value),
      `${field}.recoveryPointTags["${key}"]`,
      value,
      'is not a valid tag (key 1-128 characters not starting with "aws:", value up to 256)',
      'use a tag such as { Source: "aws-backup" }',
    );
  }
}
