import {
  ACCOUNT,
  AccountConfig,
  backupSelectionTag,
  validateAccountConfig,
} from '../../../stacks/account/config';
import { PROJECT } from '../../../stacks/shared/project';
import { ExpectedProblem, problemLike, validationProblems } from '../../support/construct-test';

type Patch = (a: AccountConfig) => AccountConfig;

const check = (patch: Patch) =>
  validationProblems(() => validateAccountConfig(patch(ACCOUNT), PROJECT.sharedTags));
const backup =
  (b: Partial<AccountConfig['backup']>): Patch =>
  (a) => ({ ...a, backup: { ...a.backup, ...b } });
const env =
  (i: number, e: Partial<AccountConfig['backup']['environments'][number]>): Patch =>
  (a) => ({
    ...a,
    backup: {
      ...a.backup,
      environments: a.backup.environments.map((x, j) => (j === i ? { ...x, ...e } : x)),
    },
  });

describe('ACCOUNT', () => {
  it('is valid', () => {
    expect(check((a) => a)).toEqual([]);
  });

  it('keeps dev 7, staging 14 and prod 35 days, each environment with its own Backup tag', () => {
    expect(ACCOUNT.backup.environments).toEqual([
      { environment: 'dev', tagValue: 'mlmon-dev', retentionInDays: 7 },
      { environment: 'staging', tagValue: 'mlmon-staging', retentionInDays: 14 },
      { environment: 'prod', tagValue: 'mlmon-prod', retentionInDays: 35 },
    ]);
    expect(ACCOUNT.backup.tagKey).toBe('Backup');
  });
});

describe('backupSelectionTag', () => {
  it.each([
    ['dev', { key: 'Backup', value: 'mlmon-dev' }],
    ['staging', { key: 'Backup', value: 'mlmon-staging' }],
    ['prod', { key: 'Backup', value: 'mlmon-prod' }],
    ['qa', undefined],
  ])('%s', (environment, tag) => {
    expect(backupSelectionTag(environment)).toEqual(tag);
  });

  it('reads another account configuration', () => {
    expect(
      backupSelectionTag('dev', { ...ACCOUNT, backup: { ...ACCOUNT.backup, tagKey: 'Snapshot' } }),
    ).toEqual({
      key: 'Snapshot',
      value: 'mlmon-dev',
    });
  });
});

describe('validateAccountConfig', () => {
  const cases: [string, Patch, ExpectedProblem][] = [
    [
      'a short account id',
      (a) => ({ ...a, accountId: '1234' }),
      { field: 'accountId', value: '1234', problem: /12-digit/, fix: /MLMON_ACCOUNT_ID/ },
    ],
    [
      'an unknown region',
      (a) => ({ ...a, region: 'us-east-9' }),
      { field: 'region', value: 'us-east-9', problem: /not an AWS region/, fix: /us-east-1/ },
    ],
    [
      'a trail name with a space',
      (a) => ({ ...a, trail: { ...a.trail, name: 'mlmon audit' } }),
      { field: 'trail.name', value: 'mlmon audit', problem: /not a usable trail name/, fix: /mlmon-audit/ },
    ],
    [
      'a 60-character trail name',
      (a) => ({ ...a, trail: { ...a.trail, name: 't'.repeat(60) } }),
      { field: 'trail.name', value: 't'.repeat(60), problem: /at most 59 characters/, fix: /mlmon-audit/ },
    ],
    [
      'a 0-day log expiry',
      (a) => ({ ...a, trail: { ...a.trail, logExpirationInDays: 0 } }),
      { field: 'trail.logExpirationInDays', value: 0, problem: /from 1 to 36500/, fix: /1 to 36500/ },
    ],
    [
      'a Glacier transition 89 days before expiry',
      (a) => ({ ...a, trail: { ...a.trail, glacierTransitionAfterDays: 276 } }),
      {
        field: 'trail.glacierTransitionAfterDays',
        value: 276,
        problem: /at least 90 before trail.logExpirationInDays \(365\)/,
        fix: /at most 275 days/,
      },
    ],
    [
      'a CloudWatch Logs retention of 0',
      (a) => ({ ...a, trail: { ...a.trail, cloudWatchLogsRetentionInDays: 0 } }),
      {
        field: 'trail.cloudWatchLogsRetentionInDays',
        value: 0,
        problem: /keeps events forever/,
        fix: /accepted value/,
      },
    ],
    [
      'an upper-case repository name',
      (a) => ({ ...a, imageRepository: { ...a.imageRepository, repositoryName: 'MLMon/API' } }),
      {
        field: 'imageRepository.repositoryName',
        value: 'MLMon/API',
        problem: /not an ECR repository name/,
        fix: /mlmon\/shill-bidding-api/,
      },
    ],
    [
      'keeping 0 tagged images',
      (a) => ({ ...a, imageRepository: { ...a.imageRepository, maxTaggedImages: 0 } }),
      { field: 'imageRepository.maxTaggedImages', value: 0, problem: /from 1 to 10000/, fix: /1 to 10000/ },
    ],
    [
      'untagged images kept 0 days',
      (a) => ({ ...a, imageRepository: { ...a.imageRepository, untaggedImageExpirationInDays: 0 } }),
      {
        field: 'imageRepository.untaggedImageExpirationInDays',
        value: 0,
        problem: /from 1 to 3650/,
        fix: /1 to 3650/,
      },
    ],
    [
      'a vault name with a dot',
      backup({ vaultName: 'mlmon.backup' }),
      {
        field: 'backup.vaultName',
        value: 'mlmon.backup',
        problem: /not a backup vault name/,
        fix: /mlmon-backup/,
      },
    ],
    [
      'a five-field schedule',
      backup({ schedule: 'cron(0 3 * * ?)' }),
      { field: 'backup.schedule', value: 'cron(0 3 * * ?)', problem: /has 5 fields/, fix: /03:00 UTC daily/ },
    ],
    [
      'an aws: tag key',
      backup({ tagKey: 'aws:backup' }),
      { field: 'backup.tagKey', value: 'aws:backup', problem: /not a tag key/, fix: /Backup/ },
    ],
    [
      'no environments',
      backup({ environments: [] }),
      { field: 'backup.environments', value: [], problem: /no volume would be backed up/, fix: /mlmon-dev/ },
    ],
    [
      'an upper-case environment name',
      env(0, { environment: 'Dev' }),
      {
        field: 'backup.environments[0].environment',
        value: 'Dev',
        problem: /not an environment name/,
        fix: /"dev"/,
      },
    ],
    [
      'an empty tag value',
      env(1, { tagValue: '' }),
      { field: 'backup.environments[1].tagValue', value: '', problem: /not a tag value/, fix: /mlmon-dev/ },
    ],
    [
      'a 0-day retention',
      backup({
        lockRetentionInDays: undefined,
        environments: [{ environment: 'dev', tagValue: 'mlmon-dev', retentionInDays: 0 }],
      }),
      {
        field: 'backup.environments[0].retentionInDays',
        value: 0,
        problem: /from 1 to 36500/,
        fix: /1 to 36500/,
      },
    ],
    [
      'a retention above the vault lock',
      env(2, { retentionInDays: 36 }),
      {
        field: 'backup.environments[2].retentionInDays',
        value: 36,
        problem: /outside the vault lock's range \(7 to 35 days\)/,
        fix: /keep snapshots 7 to 35 days/,
      },
    ],
    [
      'a lock maximum below its minimum',
      backup({ lockRetentionInDays: { min: 14, max: 7 } }),
      {
        field: 'backup.lockRetentionInDays.max',
        value: 7,
        problem: /from backup.lockRetentionInDays.min \(14\)/,
        fix: /at least 14/,
      },
    ],
    [
      'two environments sharing a tag value',
      env(1, { tagValue: 'mlmon-dev' }),
      {
        field: 'backup.environments[].tagValue',
        value: ['mlmon-dev'],
        problem: /more than one entry/,
        fix: /which plan and retention a volume gets/,
      },
    ],
    [
      'an environment listed twice',
      env(1, { environment: 'dev' }),
      {
        field: 'backup.environments[].environment',
        value: ['dev'],
        problem: /more than one entry/,
        fix: /once/,
      },
    ],
    [
      'no alarm e-mail',
      (a) => ({ ...a, alarmEmails: [] }),
      { field: 'alarmEmails', value: [], problem: /notify nobody/, fix: /ml-platform@example.com/ },
    ],
    [
      'a malformed alarm e-mail',
      (a) => ({ ...a, alarmEmails: ['platform'] }),
      {
        field: 'alarmEmails[0]',
        value: 'platform',
        problem: /not an e-mail address/,
        fix: /ml-platform@example.com/,
      },
    ],
  ];

  it.each(cases)('refuses %s', (_name, patch, expected) => {
    expect(check(patch)).toContainEqual(problemLike(expected));
  });

  it('requires Owner and CostCenter from the shared tags or the account tags', () => {
    expect(validationProblems(() => validateAccountConfig({ ...ACCOUNT, tags: {} }, {}))).toEqual([
      expect.objectContaining({
        field: 'tags.Owner',
        value: undefined,
        problem: 'is a required tag and is missing',
      }),
      expect.objectContaining({ field: 'tags.CostCenter', value: undefined }),
    ]);
    expect(
      validationProblems(() => validateAccountConfig({ ...ACCOUNT, tags: {} }, PROJECT.sharedTags)),
    ).toEqual([]);
  });

  it.each<[string, Patch]>([
    ['a 59-character trail name', (a) => ({ ...a, trail: { ...a.trail, name: 't'.repeat(59) } })],
    [
      'a Glacier transition exactly 90 days before expiry',
      (a) => ({ ...a, trail: { ...a.trail, glacierTransitionAfterDays: 275 } }),
    ],
    ['retentions at the lock bounds', env(2, { retentionInDays: 35 })],
    [
      'no lock and a 36500-day retention',
      (a) => env(0, { retentionInDays: 36500 })(backup({ lockRetentionInDays: undefined })(a)),
    ],
    [
      'a lock of one day',
      (a) =>
        backup({
          lockRetentionInDays: { min: 1, max: 1 },
          environments: [{ environment: 'dev', tagValue: 'x', retentionInDays: 1 }],
        })(a),
    ],
    ['a GovCloud region', (a) => ({ ...a, region: 'us-gov-west-1' })],
  ])('accepts %s', (_name, patch) => {
    expect(check(patch)).toEqual([]);
  });
});
