import { Validator } from '../../modules/core/validation';
import { isValidEmail, isValidLogRetention, nearestLogRetention } from '../../modules/core/aws-rules';
import { isAccountId } from '../../modules/core/arn';
import { isKnownRegion } from '../../modules/core/regions';
import { scheduleProblems } from '../../modules/backup/schedule';
import { isBackupVaultName } from '../../modules/backup/vault-name';
import { isRepositoryName } from '../../modules/ecr/repository-name';
import { isTagKey, isTagValue } from '../../modules/core/tags';
import { trailNameProblems } from '../../modules/cloudtrail/trail-name';
import { regionFix } from '../../backend/settings';
import { REQUIRED_TAGS } from '../shared/project';

/** The audit trail of the account. */
export interface AccountTrailConfig {
  /** Trail name (also its key alias and, with `-logs`, its delivery role): 3-59 characters. */
  readonly name: string;
  /** Days log files stay in the trail bucket. */
  readonly logExpirationInDays: number;
  /** Days after which log files move to S3 Glacier; at least 90 days before expiry. Unset: no transition. */
  readonly glacierTransitionAfterDays?: number;
  /** Retention of the CloudWatch Logs copy (a value CloudWatch accepts, not 0). */
  readonly cloudWatchLogsRetentionInDays: number;
}

/** The ECR repository of the model image. */
export interface AccountImageRepositoryConfig {
  /** Repository name, e.g. `mlmon/shill-bidding-api`. */
  readonly repositoryName: string;
  /** Tagged images kept; older ones expire. */
  readonly maxTaggedImages: number;
  /** Days before an untagged image expires. */
  readonly untaggedImageExpirationInDays: number;
  /**
   * Registry-wide enhanced scanning (Amazon Inspector, $0.09 per image scanned on push). Off keeps
   * the repository's free basic scan on push.
   */
  readonly enhancedScanning: boolean;
}

/** One environment's EBS snapshot plan. */
export interface BackupEnvironmentConfig {
  /** Environment name, as in the systems' environments (`dev`, `staging`, `prod`). */
  readonly environment: string;
  /**
   * Value of the selection tag (`backup.tagKey`) the environment's volumes carry, e.g. `mlmon-dev`.
   * Unique per environment: it decides which plan (and retention) a volume gets.
   */
  readonly tagValue: string;
  /** Days each daily snapshot is kept. */
  readonly retentionInDays: number;
}

/** AWS Backup of the hosts' EBS volumes. */
export interface AccountBackupConfig {
  /** Vault name (2-50 letters, digits, '-', '_'). */
  readonly vaultName: string;
  /** When the daily backup starts: an AWS cron expression in UTC, e.g. `cron(0 3 ? * * *)`. */
  readonly schedule: string;
  /** Tag key that selects volumes, e.g. `Backup`. */
  readonly tagKey: string;
  /** One plan per environment, each with its own tag value and retention. */
  readonly environments: readonly BackupEnvironmentConfig[];
  /**
   * Governance-mode vault lock: recovery points can't be deleted, or kept, outside these days
   * except by principals allowed to remove the lock. Unset: no lock.
   */
  readonly lockRetentionInDays?: { readonly min: number; readonly max: number };
}

/** Account-level settings: the audit trail, the image repository and the backups. */
export interface AccountConfig {
  /**
   * The AWS account id (12 digits) the stack deploys to. The trail's bucket and key policies name
   * it; no data source looks it up, so the stack plans offline. Override with `MLMON_ACCOUNT_ID`
   * or the cdktf.json context key `accountId`.
   */
  readonly accountId: string;
  /** Home region of the trail, the repository and the vault. */
  readonly region: string;
  readonly trail: AccountTrailConfig;
  readonly imageRepository: AccountImageRepositoryConfig;
  readonly backup: AccountBackupConfig;
  /** Addresses notified of failed, aborted and expired backup jobs. */
  readonly alarmEmails: readonly string[];
  /** Tags merged over the project's shared tags; Owner and CostCenter must be set (there or here). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The account settings. `accountId` is the AWS documentation placeholder: set the real id here or
 * with `MLMON_ACCOUNT_ID` before the first deploy.
 *
 * | environment | tag on the host's volumes | snapshots kept |
 * |-------------|---------------------------|----------------|
 * | dev         | `Backup = mlmon-dev`      | 7 days         |
 * | staging     | `Backup = mlmon-staging`  | 14 days        |
 * | prod        | `Backup = mlmon-prod`     | 35 days        |
 */
export const ACCOUNT: AccountConfig = {
  accountId: '111122223333',
  region: 'us-east-1',
  trail: {
    name: 'mlmon-audit',
    logExpirationInDays: 365,
    cloudWatchLogsRetentionInDays: 90,
  },
  imageRepository: {
    repositoryName: 'mlmon/shill-bidding-api',
    maxTaggedImages: 30,
    untaggedImageExpirationInDays: 7,
    enhancedScanning: false,
  },
  backup: {
    vaultName: 'mlmon-backup',
    schedule: 'cron(0 3 ? * * *)',
    tagKey: 'Backup',
    environments: [
      { environment: 'dev', tagValue: 'mlmon-dev', retentionInDays: 7 },
      { environment: 'staging', tagValue: 'mlmon-staging', retentionInDays: 14 },
      { environment: 'prod', tagValue: 'mlmon-prod', retentionInDays: 35 },
    ],
    lockRetentionInDays: { min: 7, max: 35 },
  },
  alarmEmails: ['ml-platform@example.com'],
  tags: { Owner: 'ml-platform', CostCenter: 'ml-research' },
};

/**
 * The tag an environment's EBS volumes must carry for its daily snapshots, e.g.
 * `{ key: 'Backup', value: 'mlmon-dev' }`: the host's launch template puts it in its volume tag
 * specification. Undefined when the environment has no backup plan.
 */
export function backupSelectionTag(
  environment: string,
  account: AccountConfig = ACCOUNT,
): { readonly key: string; readonly value: string } | undefined {
  const plan = account.backup.environments.find((e) => e.environment === environment);
  return plan ? { key: account.backup.tagKey, value: plan.tagValue } : undefined;
}

const ENV_NAME_RE = /^[a-z][a-z0-9]{1,15}$/;

/**
 * Checks the account settings and throws one error listing every problem (field, value, fix).
 * `sharedTags` are the project's shared tags, which the account tags are merged over.
 */
export function validateAccountConfig(
  cfg: AccountConfig,
  sharedTags: Readonly<Record<string, string>> = {},
  path = 'account',
): void {
  const v = new Validator(path);
  v.check(
    isAccountId(cfg.accountId),
    'accountId',
    cfg.accountId,
    'is not a 12-digit AWS account id',
    'set the id of the account to deploy to, e.g. "123456789012" (or MLMON_ACCOUNT_ID)',
  );
  v.check(
    typeof cfg.region === 'string' && isKnownRegion(cfg.region),
    'region',
    cfg.region,
    "is not an AWS region (checked against AWS's published region list)",
    regionFix(cfg.region),
  );

  const trailProblems = trailNameProblems(cfg.trail.name);
  v.check(
    trailProblems.length === 0 && cfg.trail.name.length <= 59,
    'trail.name',
    cfg.trail.name,
    `is not a usable trail name (${[...trailProblems, ...(cfg.trail.name.length > 59 ? ['at most 59 characters: the delivery role is "<name>-logs"'] : [])].join('; ')})`,
    'use a name such as "mlmon-audit"',
  );
  v.checkIntRange(cfg.trail.logExpirationInDays, 1, 36500, 'trail.logExpirationInDays');
  const glacier = cfg.trail.glacierTransitionAfterDays;
  v.check(
    glacier === undefined ||
      (Number.isInteger(glacier) && glacier >= 1 && glacier + 90 <= cfg.trail.logExpirationInDays),
    'trail.glacierTransitionAfterDays',
    glacier,
    `must be a whole number of days at least 90 before trail.logExpirationInDays (${cfg.trail.logExpirationInDays})`,
    `use at most ${cfg.trail.logExpirationInDays - 90} days, or remove it`,
  );
  v.check(
    isValidLogRetention(cfg.trail.cloudWatchLogsRetentionInDays) &&
      cfg.trail.cloudWatchLogsRetentionInDays > 0,
    'trail.cloudWatchLogsRetentionInDays',
    cfg.trail.cloudWatchLogsRetentionInDays,
    'is not a retention CloudWatch Logs accepts (or is 0, which keeps events forever)',
    `use ${nearestLogRetention(cfg.trail.cloudWatchLogsRetentionInDays)} or another accepted value (30, 90, 365, ...)`,
  );

  const repo = cfg.imageRepository;
  v.check(
    isRepositoryName(repo.repositoryName),
    'imageRepository.repositoryName',
    repo.repositoryName,
    'is not an ECR repository name (lowercase components separated by ".", "_", "-", namespaces by "/")',
    'use a name such as "mlmon/shill-bidding-api"',
  );
  v.checkIntRange(repo.maxTaggedImages, 1, 10000, 'imageRepository.maxTaggedImages');
  v.checkIntRange(
    repo.untaggedImageExpirationInDays,
    1,
    3650,
    'imageRepository.untaggedImageExpirationInDays',
  );

  const b = cfg.backup;
  v.check(
    isBackupVaultName(b.vaultName),
    'backup.vaultName',
    b.vaultName,
    "is not a backup vault name (2-50 letters, digits, '-', '_')",
    'use a name such as "mlmon-backup"',
  );
  const cron = scheduleProblems(b.schedule);
  v.check(
    cron.length === 0,
    'backup.schedule',
    b.schedule,
    `is not a valid AWS Backup schedule (${cron.join('; ')})`,
    'use an AWS cron expression such as "cron(0 3 ? * * *)" (03:00 UTC daily)',
  );
  v.check(
    isTagKey(b.tagKey),
    'backup.tagKey',
    b.tagKey,
    'is not a tag key (1-128 letters, digits, spaces and _ . : / = + - @; not starting with "aws:")',
    'use a key such as "Backup"',
  );
  v.check(
    b.environments.length > 0,
    'backup.environments',
    b.environments,
    'is empty: no volume would be backed up',
    'add one entry per environment, e.g. { environment: "dev", tagValue: "mlmon-dev", retentionInDays: 7 }',
  );
  const lock = b.lockRetentionInDays;
  if (lock) {
    v.checkIntRange(lock.min, 1, 36500, 'backup.lockRetentionInDays.min');
    v.check(
      Number.isInteger(lock.max) && lock.max >= lock.min && lock.max <= 36500,
      'backup.lockRetentionInDays.max',
      lock.max,
      `must be a whole number from backup.lockRetentionInDays.min (${lock.min}) to 36500`,
      `use at least ${lock.min}`,
    );
  }
  b.environments.forEach((e, i) => {
    const field = `backup.environments[${i}]`;
    v.check(
      ENV_NAME_RE.test(e.environment),
      `${field}.environment`,
      e.environment,
      'is not an environment name (2-16 lowercase letters or digits, starting with a letter)',
      'use the name the system uses, e.g. "dev"',
    );
    v.check(
      e.tagValue !== '' && isTagValue(e.tagValue),
      `${field}.tagValue`,
      e.tagValue,
      'is not a tag value (1-256 letters, digits, spaces and _ . : / = + - @)',
      'use a value such as "mlmon-dev"',
    );
    v.checkIntRange(e.retentionInDays, 1, 36500, `${field}.retentionInDays`);
    if (lock && Number.isInteger(e.retentionInDays)) {
      v.check(
        e.retentionInDays >= lock.min && e.retentionInDays <= lock.max,
        `${field}.retentionInDays`,
        e.retentionInDays,
        `is outside the vault lock's range (${lock.min} to ${lock.max} days): the backup jobs would fail`,
        `keep snapshots ${lock.min} to ${lock.max} days, or change backup.lockRetentionInDays`,
      );
    }
  });
  for (const [field, values] of [
    ['environment', b.environments.map((e) => e.environment)],
    ['tagValue', b.environments.map((e) => e.tagValue)],
  ] as const) {
    const repeated = values.filter((x, i) => values.indexOf(x) !== i);
    v.check(
      repeated.length === 0,
      `backup.environments[].${field}`,
      [...new Set(repeated)],
      'is used by more than one entry',
      field === 'tagValue'
        ? 'give every environment its own tag value: the tag decides which plan and retention a volume gets'
        : 'list each environment once',
    );
  }

  v.check(
    cfg.alarmEmails.length > 0,
    'alarmEmails',
    cfg.alarmEmails,
    'is empty: failed backups would notify nobody',
    'add the platform on-call address, e.g. ["ml-platform@example.com"]',
  );
  cfg.alarmEmails.forEach((email, i) =>
    v.check(
      isValidEmail(email),
      `alarmEmails[${i}]`,
      email,
      'is not an e-mail address',
      'use an address such as "ml-platform@example.com"',
    ),
  );
  const tags = { ...sharedTags, ...cfg.tags };
  for (const tag of REQUIRED_TAGS) {
    v.check(
      typeof tags[tag] === 'string' && tags[tag].trim() !== '',
      `tags.${tag}`,
      tags[tag],
      'is a required tag and is missing',
      `add tags: { ${tag}: "<value>" } to the account settings`,
    );
  }
  v.throwIfInvalid();
}
