import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  BackupAlarmKind,
  BackupAlarms,
  BackupAlarmsProps,
  TreatMissingData,
} from '../../../../modules/monitoring';
import {
  alarmPlanChecks,
  Block,
  errorOf,
  invalidMessage,
  resources,
  synthJson,
  testStack,
} from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:backup-alarms';
const BASE: BackupAlarmsProps = { name: 'platform', vaultName: 'workloads', topicArn: TOPIC };
const ALL_KINDS: BackupAlarmKind[] = ['jobsFailed', 'jobsAborted', 'jobsExpired', 'copyJobsFailed'];

function build(props: Partial<BackupAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new BackupAlarms(stack, 'backup-alarms', { ...BASE, ...props });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, blocks, byName };
}

/** A job alarm of vault `workloads` with the default threshold, period and missing-data treatment. */
function jobAlarm(suffix: string, what: string, metric: string): Block {
  return {
    alarm_name: `platform-${suffix}`,
    alarm_description: `${what} in backup vault workloads (AWS/Backup ${metric})`,
    comparison_operator: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    evaluation_periods: 1,
    datapoints_to_alarm: 1,
    metric_query: [
      {
        id: 'jobs',
        label: metric,
        expression: `SELECT SUM(${metric}) FROM "AWS/Backup" WHERE BackupVaultName = 'workloads'`,
        period: 300,
        return_data: true,
      },
    ],
    treat_missing_data: 'notBreaching',
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
  };
}

describe('BackupAlarms with every kind', () => {
  const built = lazy(() => build({ kinds: ALL_KINDS }));

  it('creates one alarm per kind, in the order given', () => {
    expect(Object.keys(built().alarms.alarms)).toEqual(ALL_KINDS);
    expect(built().alarms.alarmNames).toEqual([
      'platform-backup-jobs-failed',
      'platform-backup-jobs-aborted',
      'platform-backup-jobs-expired',
      'platform-copy-jobs-failed',
    ]);
    expect(Object.keys(built().byName)).toHaveLength(4);
  });

  it.each<[string, Block]>([
    [
      'platform-backup-jobs-failed',
      jobAlarm('backup-jobs-failed', 'backup jobs failed', 'NumberOfBackupJobsFailed'),
    ],
    [
      'platform-backup-jobs-aborted',
      jobAlarm('backup-jobs-aborted', 'backup jobs were aborted', 'NumberOfBackupJobsAborted'),
    ],
    [
      'platform-backup-jobs-expired',
      jobAlarm('backup-jobs-expired', 'backup jobs expired', 'NumberOfBackupJobsExpired'),
    ],
    ['platform-copy-jobs-failed', jobAlarm('copy-jobs-failed', 'copy jobs failed', 'NumberOfCopyJobsFailed')],
  ])('synthesizes %s exactly', (name, expected) => {
    expect(built().byName[name]).toEqual(expected);
  });
});

describe('BackupAlarms options', () => {
  it.each<TreatMissingData>(['missing', 'ignore', 'breaching', 'notBreaching'])(
    'applies missing-data treatment %s to every alarm',
    (treatMissingData) => {
      const { byName } = build({ treatMissingData });
      expect(Object.values(byName).map((b) => b.treat_missing_data)).toEqual(Array(3).fill(treatMissingData));
    },
  );

  it.each<[string, BackupAlarmKind[], string]>([
    [
      'the failed-jobs alarm by default',
      ['jobsFailed', 'jobsAborted', 'jobsExpired'],
      'platform-backup-jobs-failed',
    ],
    ['the first alarm of the kinds given', ['copyJobsFailed', 'jobsFailed'], 'platform-copy-jobs-failed'],
  ])('checks a Terraform-valued threshold at plan time on %s', (_case, kinds, name) => {
    const stack = testStack();
    const threshold = new TerraformVariable(stack, 'threshold', { type: 'number' });
    const { blocks } = build({ kinds, threshold: threshold.numberValue }, stack);
    expect(alarmPlanChecks(blocks)).toEqual([
      [
        name,
        {
          precondition: [
            {
              condition:
                '${(((0 < var.threshold) && (1000000 >= var.threshold)) && (floor(var.threshold) == var.threshold))}',
              error_message:
                'Invalid threshold of test/backup-alarms: it must be a whole count above 0 up to 1000000.',
            },
          ],
        },
      ],
    ]);
  });
});

describe('BackupAlarms validation messages', () => {
  const KINDS_PROBLEM =
    'must list distinct alarm kinds (jobsFailed, jobsAborted, jobsExpired, copyJobsFailed). ' +
    'Fix: list each kind once, e.g. ["jobsFailed", "copyJobsFailed"]';
  const PERIOD_PROBLEM =
    'must be a multiple of 60 from 60 to 86400. Fix: use 300 (AWS Backup publishes every 5 minutes) or 3600';
  it.each<[string, Partial<BackupAlarmsProps>, string]>([
    ['no name', { name: undefined }, 'name = undefined: is required. Fix: pass name, a string'],
    [
      'a known and an unknown kind',
      { kinds: ['jobsFailed', 'restoreFailed' as BackupAlarmKind] },
      `kinds = ["jobsFailed","restoreFailed"]: ${KINDS_PROBLEM}`,
    ],
    [
      'a kind listed twice',
      { kinds: ['jobsFailed', 'jobsAborted', 'jobsFailed'] },
      `kinds = ["jobsFailed","jobsAborted","jobsFailed"]: ${KINDS_PROBLEM}`,
    ],
    ['a period of 0', { periodInSeconds: 0 }, `periodInSeconds = 0: ${PERIOD_PROBLEM}`],
    ['a period of -60', { periodInSeconds: -60 }, `periodInSeconds = -60: ${PERIOD_PROBLEM}`],
    [
      'a period one minute over a day',
      { periodInSeconds: 86460 },
      `periodInSeconds = 86460: ${PERIOD_PROBLEM}`,
    ],
    [
      'an unknown missing-data treatment',
      { treatMissingData: 'zero' as TreatMissingData },
      'treatMissingData = "zero": is not one of missing, ignore, breaching, notBreaching. ' +
        'Fix: use "notBreaching" (default)',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/backup-alarms', problem));
  });
});
