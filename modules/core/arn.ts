/**
 * Account ids, partitions and the ARN shapes modules accept as props. Modules make no AWS API
 * calls (every stack plans offline), so the account id and partition come from props, never from
 * `aws_caller_identity` / `aws_partition`. Regions and their partitions live in `regions.ts`; KMS
 * key and SNS topic ARNs in `aws-rules.ts`.
 */
import { Partition, REGIONS_BY_PARTITION } from './regions';

/** Every {@link Partition}, for validation messages. */
export const PARTITIONS: readonly Partition[] = Object.keys(REGIONS_BY_PARTITION) as Partition[];

/** True for one of {@link PARTITIONS}. */
export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return typeof value === 'string' && /^\d{12}$/.test(value);
}

/** The partition part of an ARN: `aws`, `aws-cn`, `aws-us-gov`, the ISO partitions, `aws-eusc`. */
const PARTITION_PART = 'aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?';

const S3_BUCKET_ARN_RE = new RegExp(`^arn:${PARTITION_PART}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`);
const BACKUP_VAULT_ARN_RE = new RegExp(
  `^arn:${PARTITION_PART}:backup:[a-z0-9-]+:\\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$`,
);
const IAM_ROLE_ARN_RE = new RegExp(`^arn:${PARTITION_PART}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);

/** True for an S3 bucket ARN, `arn:aws:s3:::<bucket>` (a bucket, not an object). */
export function isS3BucketArn(arn: string): boolean {
  return typeof arn === 'string' && S3_BUCKET_ARN_RE.test(arn);
}

/** True for a backup vault ARN, `arn:aws:backup:<region>:<account>:backup-vault:<name>`. */
export function isBackupVaultArn(arn: string): boolean {
  return typeof arn === 'string' && BACKUP_VAULT_ARN_RE.test(arn);
}

/** True for an IAM role ARN, `arn:aws:iam::<account>:role/<path/><name>`. */
export function isIamRoleArn(arn: string): boolean {
  return typeof arn === 'string' && IAM_ROLE_ARN_RE.test(arn);
}
