import { TerraformStack, Testing } from 'cdktf';
import { BackupPlan, BackupPlanProps, BackupRule, BackupVault, IBackupVault } from '../../../modules/backup';
import { applyPolicyPack } from '../../../modules/policy';
import {
  ExpectedProblem,
  newStack,
  onlyResource,
  policyFindings,
  problemLike,
  resourcesOf,
  synthJson,
  validationProblems,
} from '../../support/construct-test';

const VAULT: IBackupVault = {
  vaultName: 'workloads',
  vaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:workloads',
};
const COPY_VAULT = 'arn:aws:backup:us-west-2:111122223333:backup-vault:workloads-dr';
const ROLE = 'arn:aws:iam::111122223333:role/backup-service';

function build(props: Partial<BackupPlanProps> = {}, withVault?: (s: TerraformStack) => IBackupVault) {
  const stack = newStack();
  const vault = withVault ? withVault(stack) : VAULT;
  const plan = new BackupPlan(stack, 'plan', { planName: 'app-volumes', vault, ...props });
  return { stack, plan, ...synthJson(stack) };
}

const make = (props: Partial<BackupPlanProps>, vault: IBackupVault = VAULT) =>
  new BackupPlan(newStack(), 'plan', { planName: 'app-volumes', vault, ...props });
const rule = (r: Partial<BackupRule>): Partial<BackupPlanProps> => ({ rules: [{ ruleName: 'daily', ...r }] });

describe('BackupPlan with default props', () => {
  const { stack, plan, json } = build({}, (s) => new BackupVault(s, 'vault', { vaultName: 'workloads' }));

  it('has one daily rule: 05:00 UTC, start within 60 and complete within 480 minutes, kept 35 days', () => {
    const p = onlyResource(json, 'aws_backup_plan');
    expect(p.name).toBe('app-volumes');
    expect(p.tags).toEqual({ Name: 'app-volumes' });
    expect(p.rule).toEqual([
      {
        rule_name: 'daily',
        target_vault_name: expect.stringMatching(/^\$\{aws_backup_vault\.vault_[0-9A-F]+\.name\}$/),
        schedule: 'cron(0 5 ? * * *)',
        start_window: 60,
        completion_window: 480,
        lifecycle: { delete_after: 35 },
      },
    ]);
    expect(plan.rules).toEqual([{ ruleName: 'daily', schedule: 'cron(0 5 ? * * *)', retentionInDays: 35 }]);
  });

  it('selects every resource tagged Backup = <plan name>, ANDed as a condition', () => {
    expect(onlyResource(json, 'aws_backup_selection')).toEqual(
      expect.objectContaining({
        name: 'app-volumes',
        resources: ['*'],
        condition: [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: 'app-volumes' }] }],
      }),
    );
    expect(plan.selectionTag).toEqual({ key: 'Backup', value: 'app-volumes' });
  });

  it('creates the service role <plan>-backup with the AWS Backup managed policies', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('app-volumes-backup');
    const trust = Object.values(json.data?.aws_iam_policy_document ?? {})[0] as { statement: unknown[] };
    expect(trust.statement).toEqual([
      {
        sid: 'AssumeRole',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['backup.amazonaws.com'] }],
      },
    ]);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    expect(onlyResource(json, 'aws_backup_selection').iam_role_arn).toMatch(
      /^\$\{aws_iam_role\.plan_role_[0-9A-F]+\.arn\}$/,
    );
    expect(plan.serviceRole).toBeDefined();
  });

  it('passes the policy pack with no finding at all (with its vault)', () => {
    expect(policyFindings(stack)).toEqual([]);
    const packed = newStack();
    const vault = new BackupVault(packed, 'vault', { vaultName: 'workloads' });
    new BackupPlan(packed, 'plan', { planName: 'app-volumes', vault });
    applyPolicyPack(packed, { log: () => undefined });
    expect(() => Testing.synth(packed, true)).not.toThrow();
  });
});

describe('BackupPlan options', () => {
  it('renders cold storage, a copy with its own retention, a time zone and recovery point tags', () => {
    const { json } = build(
      rule({
        schedule: 'cron(0 3 1 * ? *)',
        scheduleTimezone: 'Europe/Berlin',
        startWindowInMinutes: 120,
        completionWindowInMinutes: 1440,
        retentionInDays: 365,
        coldStorageAfterDays: 30,
        copyToVaultArn: COPY_VAULT,
        copyRetentionInDays: 90,
        recoveryPointTags: { Source: 'aws-backup' },
      }),
    );
    expect((onlyResource(json, 'aws_backup_plan').rule as unknown[])[0]).toEqual({
      rule_name: 'daily',
      target_vault_name: 'workloads',
      schedule: 'cron(0 3 1 * ? *)',
      schedule_expression_timezone: 'Europe/Berlin',
      start_window: 120,
      completion_window: 1440,
      lifecycle: { delete_after: 365, cold_storage_after: 30 },
      copy_action: [{ destination_vault_arn: COPY_VAULT, lifecycle: { delete_after: 90 } }],
      recovery_point_tags: { Source: 'aws-backup' },
    });
  });

  it('keeps a copy as long as the rule when no copy retention is given', () => {
    const { json } = build(rule({ retentionInDays: 14, copyToVaultArn: COPY_VAULT }));
    const r = (onlyResource(json, 'aws_backup_plan').rule as Record<string, unknown>[])[0];
    expect(r.copy_action).toEqual([{ destination_vault_arn: COPY_VAULT, lifecycle: { delete_after: 14 } }]);
  });

  it('takes several rules', () => {
    const { json, plan } = build({
      rules: [
        { ruleName: 'daily', retentionInDays: 7 },
        { ruleName: 'weekly', schedule: 'cron(0 4 ? * SUN *)', retentionInDays: 90 },
      ],
    });
    const rules = onlyResource(json, 'aws_backup_plan').rule as Record<string, unknown>[];
    expect(
      rules.map((r) => [r.rule_name, r.schedule, (r.lifecycle as { delete_after: number }).delete_after]),
    ).toEqual([
      ['daily', 'cron(0 5 ? * * *)', 7],
      ['weekly', 'cron(0 4 ? * SUN *)', 90],
    ]);
    expect(plan.rules.map((r) => r.ruleName)).toEqual(['daily', 'weekly']);
  });

  it('selects by a custom tag, limited to EBS volumes', () => {
    const { json, plan } = build({
      selectionTag: { key: 'BackupPlan', value: 'mlmon-dev' },
      resourceArns: ['arn:aws:ec2:*:*:volume/*'],
    });
    expect(onlyResource(json, 'aws_backup_selection')).toEqual(
      expect.objectContaining({
        resources: ['arn:aws:ec2:*:*:volume/*'],
        condition: [{ string_equals: [{ key: 'aws:ResourceTag/BackupPlan', value: 'mlmon-dev' }] }],
      }),
    );
    expect(plan.selectionTag).toEqual({ key: 'BackupPlan', value: 'mlmon-dev' });
  });

  it('uses a given service role and creates none', () => {
    const { json, plan } = build({ serviceRoleArn: ROLE });
    expect(json.resource.aws_iam_role).toBeUndefined();
    expect(onlyResource(json, 'aws_backup_selection').iam_role_arn).toBe(ROLE);
    expect(plan.serviceRoleArn).toBe(ROLE);
  });

  it('uses the partition in the managed policy ARNs', () => {
    const { json } = build({ partition: 'aws-cn' });
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws-cn:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws-cn:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });
});

describe('BackupPlan validation', () => {
  const locked: IBackupVault = { ...VAULT, retentionLimits: { minDays: 7, maxDays: 35 } };
  const cases: [string, Partial<BackupPlanProps>, ExpectedProblem, IBackupVault?][] = [
    [
      'a plan name with a space',
      { planName: 'app volumes' },
      { field: 'planName', value: 'app volumes', problem: /not a backup plan name/, fix: /app-volumes/ },
    ],
    [
      'a 51-character plan name',
      { planName: 'p'.repeat(51) },
      { field: 'planName', value: 'p'.repeat(51), problem: /1-50/, fix: /app-volumes/ },
    ],
    [
      'a service role that is not a role ARN',
      { serviceRoleArn: 'backup-role' },
      { field: 'serviceRoleArn', value: 'backup-role', problem: /not an IAM role ARN/, fix: /arn:aws:iam/ },
    ],
    [
      'an unknown partition',
      { partition: 'aws-x' as never },
      { field: 'partition', value: 'aws-x', problem: /not an AWS partition/, fix: /aws-cn/ },
    ],
    ['no rules', { rules: [] }, { field: 'rules', value: [], problem: /is empty/, fix: /daily rule/ }],
    [
      'two rules with one name',
      { rules: [{ ruleName: 'daily' }, { ruleName: 'daily' }] },
      { field: 'rules', value: ['daily'], problem: /repeats a rule name/, fix: /own ruleName/ },
    ],
    [
      'a rule name with a slash',
      rule({ ruleName: 'daily/1' }),
      { field: 'rules[0].ruleName', value: 'daily/1', problem: /not a rule name/, fix: /daily/ },
    ],
    [
      'a five-field schedule',
      rule({ schedule: 'cron(0 5 * * ?)' }),
      {
        field: 'rules[0].schedule',
        value: 'cron(0 5 * * ?)',
        problem: /has 5 fields; AWS cron expressions have 6/,
        fix: /cron\(0 5 \? \* \* \*\)/,
      },
    ],
    [
      'a schedule every 15 minutes',
      rule({ schedule: 'cron(0/15 * ? * * *)' }),
      {
        field: 'rules[0].schedule',
        value: 'cron(0/15 * ? * * *)',
        problem: /at most once an hour/,
        fix: /05:00 daily/,
      },
    ],
    [
      'an unknown time zone',
      rule({ scheduleTimezone: 'Berlin' }),
      {
        field: 'rules[0].scheduleTimezone',
        value: 'Berlin',
        problem: /not an IANA time zone/,
        fix: /Europe\/Berlin/,
      },
    ],
    [
      'a 59-minute start window',
      rule({ startWindowInMinutes: 59 }),
      { field: 'rules[0].startWindowInMinutes', value: 59, problem: /from 60 to 43200/, fix: /60 to 43200/ },
    ],
    [
      'a completion window 59 minutes longer than the start window',
      rule({ startWindowInMinutes: 60, completionWindowInMinutes: 119 }),
      {
        field: 'rules[0].completionWindowInMinutes',
        value: 119,
        problem: /less than 60 minutes longer than the start window \(60\)/,
        fix: /at least 120/,
      },
    ],
    [
      'a start window that leaves the default completion window too short',
      rule({ startWindowInMinutes: 450 }),
      {
        field: 'rules[0].startWindowInMinutes',
        value: 450,
        problem: /completion window \(480 minutes\) less than 60 minutes longer/,
        fix: /at least 510/,
      },
    ],
    [
      'a 0-day retention',
      rule({ retentionInDays: 0 }),
      { field: 'rules[0].retentionInDays', value: 0, problem: /from 1 to 36500/, fix: /1 to 36500/ },
    ],
    [
      'cold storage less than 90 days before deletion',
      rule({ retentionInDays: 100, coldStorageAfterDays: 11 }),
      {
        field: 'rules[0].coldStorageAfterDays',
        value: 11,
        problem: /less than the 90-day minimum in cold storage \(retention 100 days\)/,
        fix: /after at most 10 days/,
      },
    ],
    [
      'cold storage with a retention under 90 days',
      rule({ retentionInDays: 35, coldStorageAfterDays: 7 }),
      {
        field: 'rules[0].coldStorageAfterDays',
        value: 7,
        problem: /90-day minimum/,
        fix: /keep recovery points at least 97 days, or remove coldStorageAfterDays/,
      },
    ],
    [
      'a retention below the vault lock minimum',
      rule({ retentionInDays: 6 }),
      {
        field: 'rules[0].retentionInDays',
        value: 6,
        problem: /outside the vault lock's retention range \(7 to 35 days\)/,
        fix: /between 7 and 35 days/,
      },
      locked,
    ],
    [
      'the default retention above the vault lock maximum',
      rule({}),
      {
        field: 'rules[0].retentionInDays',
        value: 35,
        problem: /outside the vault lock's retention range \(7 to 20 days\)/,
        fix: /between 7 and 20/,
      },
      { ...VAULT, retentionLimits: { minDays: 7, maxDays: 20 } },
    ],
    [
      'a copy target that is not a vault ARN',
      rule({ copyToVaultArn: 'workloads-dr' }),
      {
        field: 'rules[0].copyToVaultArn',
        value: 'workloads-dr',
        problem: /not a backup vault ARN/,
        fix: /backup-vault/,
      },
    ],
    [
      'a copy retention without a copy',
      rule({ copyRetentionInDays: 30 }),
      {
        field: 'rules[0].copyRetentionInDays',
        value: 30,
        problem: /no effect without copyToVaultArn/,
        fix: /set copyToVaultArn/,
      },
    ],
    [
      'an aws: recovery point tag',
      rule({ recoveryPointTags: { 'aws:source': 'x' } }),
      {
        field: 'rules[0].recoveryPointTags["aws:source"]',
        value: 'x',
        problem: /not a valid tag/,
        fix: /Source/,
      },
    ],
    [
      'an aws: selection tag key',
      { selectionTag: { key: 'aws:backup', value: 'x' } },
      { field: 'selectionTag.key', value: 'aws:backup', problem: /not a tag key/, fix: /Backup/ },
    ],
    [
      'an empty selection tag value',
      { selectionTag: { key: 'Backup', value: '' } },
      { field: 'selectionTag.value', value: '', problem: /not a tag value/, fix: /plan name/ },
    ],
    [
      'no resources',
      { resourceArns: [] },
      { field: 'resourceArns', value: [], problem: /would pick nothing/, fix: /volume/ },
    ],
    [
      'a resource that is not an ARN',
      { resourceArns: ['vol-123'] },
      { field: 'resourceArns[0]', value: 'vol-123', problem: /not "\*" or an ARN/, fix: /volume/ },
    ],
  ];

  // A rest parameter: jest treats a fourth declared parameter as the `done` callback of 3-column rows.
  it.each(cases)('refuses %s', (_name, props, expected, ...vault) => {
    expect(validationProblems(() => make(props, vault[0]))).toContainEqual(problemLike(expected));
  });

  it.each<[string, Partial<BackupPlanProps>, IBackupVault?]>([
    ['a 50-character plan name (role name 57 characters)', { planName: 'p'.repeat(50) }],
    ['a one-character plan name with a given role', { planName: 'p', serviceRoleArn: ROLE }],
    [
      'a 60-minute start window with a 120-minute completion window',
      rule({ startWindowInMinutes: 60, completionWindowInMinutes: 120 }),
    ],
    [
      '43200-minute windows at the bound',
      rule({ startWindowInMinutes: 43140, completionWindowInMinutes: 43200 }),
    ],
    [
      'cold storage exactly 90 days before deletion',
      rule({ retentionInDays: 120, coldStorageAfterDays: 30 }),
    ],
    ['a retention at the vault lock minimum', rule({ retentionInDays: 7 }), locked],
    ['a retention at the vault lock maximum', rule({ retentionInDays: 35 }), locked],
    ['a retention of 36500 days', rule({ retentionInDays: 36500 })],
    ['a copy kept 1 day', rule({ copyToVaultArn: COPY_VAULT, copyRetentionInDays: 1 })],
    ['a UTC time zone', rule({ scheduleTimezone: 'UTC' })],
  ])('accepts %s', (_name, props, ...vault) => {
    expect(validationProblems(() => make(props, vault[0]))).toEqual([]);
  });
});
