import { AlarmTopic, BackupAlarms, BackupAlarmsProps } from '../../../../modules/monitoring';
import {
  ExpectedProblem,
  newStack,
  policyFindings,
  problemLike,
  resourcesOf,
  synthJson,
  validationProblems,
} from '../../../support/construct-test';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:backup-alarms';
const BASE: BackupAlarmsProps = { name: 'platform', vaultName: 'workloads', topicArn: TOPIC };

function build(props: Partial<BackupAlarmsProps> = {}) {
  const stack = newStack();
  const alarms = new BackupAlarms(stack, 'backup-alarms', { ...BASE, ...props });
  return { stack, alarms, ...synthJson(stack) };
}

const make = (props: Partial<BackupAlarmsProps>) =>
  new BackupAlarms(newStack(), 'backup-alarms', { ...BASE, ...props });

describe('BackupAlarms with default props', () => {
  const built = lazy(() => build());
  const alarms = () => built().alarms;
  // Synthesized JSON orders resources by logical id; order them by name here.
  const all = lazy(() =>
    resourcesOf(built().json, 'aws_cloudwatch_metric_alarm').sort((a, b) =>
      String(a.alarm_name).localeCompare(String(b.alarm_name)),
    ),
  );

  it('creates failed, aborted and expired job alarms, named <name>-<suffix>', () => {
    expect(all().map((a) => a.alarm_name)).toEqual([
      'platform-backup-jobs-aborted',
      'platform-backup-jobs-expired',
      'platform-backup-jobs-failed',
    ]);
    expect(alarms().alarmNames).toEqual([
      'platform-backup-jobs-failed',
      'platform-backup-jobs-aborted',
      'platform-backup-jobs-expired',
    ]);
    expect(Object.keys(alarms().alarms)).toEqual(['jobsFailed', 'jobsAborted', 'jobsExpired']);
  });

  it('fires on one job in 5 minutes, treats no data as OK, and notifies the topic on ALARM and OK', () => {
    expect(all()[2]).toEqual({
      alarm_name: 'platform-backup-jobs-failed',
      alarm_description: 'backup jobs failed in backup vault workloads (AWS/Backup NumberOfBackupJobsFailed)',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      metric_query: [
        {
          id: 'jobs',
          label: 'NumberOfBackupJobsFailed',
          expression:
            'SELECT SUM(NumberOfBackupJobsFailed) FROM "AWS/Backup" WHERE BackupVaultName = \'workloads\'',
          period: 300,
          return_data: true,
        },
      ],
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });

  it('reads each alarm its own metric', () => {
    expect(all().map((a) => (a.metric_query as { label: string }[])[0].label)).toEqual([
      'NumberOfBackupJobsAborted',
      'NumberOfBackupJobsExpired',
      'NumberOfBackupJobsFailed',
    ]);
  });

  it('passes the policy pack with an alarm topic', () => {
    const stack = newStack();
    const topic = new AlarmTopic(stack, 'topic', {
      topicName: 'backup-alarms',
      emails: ['oncall@example.com'],
    });
    new BackupAlarms(stack, 'alarms', { ...BASE, topicArn: topic.topicArn });
    expect(policyFindings(stack)).toEqual([]);
  });
});

describe('BackupAlarms options', () => {
  it('adds copy-job failures, with a threshold, period, missing-data treatment and tags', () => {
    const { json } = build({
      kinds: ['copyJobsFailed'],
      threshold: 2,
      periodInSeconds: 3600,
      treatMissingData: 'missing',
      tags: { Team: 'platform' },
    });
    const [alarm] = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    expect(alarm).toEqual(
      expect.objectContaining({
        alarm_name: 'platform-copy-jobs-failed',
        threshold: 2,
        treat_missing_data: 'missing',
        tags: { Team: 'platform' },
      }),
    );
    expect((alarm.metric_query as Record<string, unknown>[])[0]).toEqual(
      expect.objectContaining({
        expression:
          'SELECT SUM(NumberOfCopyJobsFailed) FROM "AWS/Backup" WHERE BackupVaultName = \'workloads\'',
        period: 3600,
      }),
    );
  });
});

describe('BackupAlarms validation', () => {
  const cases: [string, Partial<BackupAlarmsProps>, ExpectedProblem][] = [
    [
      'a name with a space',
      { name: 'a b' },
      { field: 'name', value: 'a b', problem: /alarm name prefix/, fix: /platform-backup/ },
    ],
    [
      'a vault name with a quote',
      { vaultName: "x' OR 1=1" },
      {
        field: 'vaultName',
        value: "x' OR 1=1",
        problem: /not a backup vault name/,
        fix: /BackupVault.vaultName/,
      },
    ],
    [
      'a topic name instead of an ARN',
      { topicArn: 'backup-alarms' },
      {
        field: 'topicArn',
        value: 'backup-alarms',
        problem: /not an SNS topic ARN/,
        fix: /AlarmTopic.topicArn/,
      },
    ],
    [
      'no kinds',
      { kinds: [] },
      { field: 'kinds', value: [], problem: /distinct alarm kinds/, fix: /each kind once/ },
    ],
    [
      'an unknown kind',
      { kinds: ['restoreFailed' as never] },
      { field: 'kinds', value: ['restoreFailed'], problem: /distinct alarm kinds/, fix: /copyJobsFailed/ },
    ],
    [
      'a threshold of 0',
      { threshold: 0 },
      {
        field: 'threshold',
        value: 0,
        problem: /at or above 0, which it always is: the alarm would never clear/,
        fix: /^set threshold to a whole count above 0 up to 1000000, e\.g\. 1$/,
      },
    ],
    [
      'half a job',
      { threshold: 1.5 },
      { field: 'threshold', value: 1.5, problem: /must be a whole number/, fix: /whole count above 0/ },
    ],
    [
      'a threshold above the limit',
      { threshold: 1_000_001 },
      { field: 'threshold', value: 1_000_001, problem: /is above 1000000/, fix: /up to 1000000/ },
    ],
    [
      'a 90-second period',
      { periodInSeconds: 90 },
      { field: 'periodInSeconds', value: 90, problem: /multiple of 60/, fix: /300/ },
    ],
    [
      'an unknown missing-data treatment',
      { treatMissingData: 'zero' as never },
      { field: 'treatMissingData', value: 'zero', problem: /not one of/, fix: /notBreaching/ },
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(validationProblems(() => make(props))).toContainEqual(problemLike(expected));
  });

  it.each<[string, Partial<BackupAlarmsProps>]>([
    ['a 60-second period', { periodInSeconds: 60 }],
    ['a one-day period', { periodInSeconds: 86400 }],
    ['every kind', { kinds: ['jobsFailed', 'jobsAborted', 'jobsExpired', 'copyJobsFailed'] }],
    ['a 200-character name', { name: 'n'.repeat(200) }],
    ['thresholds of 1 and 1000000', { threshold: 1 }],
    ['a threshold of 1000000', { threshold: 1_000_000 }],
  ])('accepts %s', (_name, props) => {
    expect(validationProblems(() => make(props))).toEqual([]);
  });
});
