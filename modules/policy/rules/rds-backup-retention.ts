import { num, show } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { RDS_DATABASE_TYPES } from '../rds';
import { PolicyRule } from '../types';

/** Fewest days of automated backups accepted. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

export const rdsBackupRetention: PolicyRule = {
  id: 'MLM-RDS-004',
  checkovId: 'CKV_AWS_133',
  title: `RDS instances and clusters keep automated backups for at least ${MIN_BACKUP_RETENTION_DAYS} days`,
  rationale:
    'Automated backups are what point-in-time restore works from; with 0 there are none, and RDS ' +
    'defaults to a single day, so a bad migration noticed after a weekend cannot be undone.',
  level: 'error',
  fix: `set backup_retention_period to ${MIN_BACKUP_RETENTION_DAYS} or more (at most 35)`,
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) => {
    const days = num(ctx.resource.config.backup_retention_period);
    if (days !== undefined && days >= MIN_BACKUP_RETENTION_DAYS) return compliant(`${days} days`);
    return nonCompliant(
      days === undefined
        ? 'backup_retention_period is unset (RDS keeps 1 day)'
        : `backup_retention_period is ${show(ctx.resource.config.backup_retention_period)}`,
    );
  },
};
