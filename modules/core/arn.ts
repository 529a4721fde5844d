import { Fn, Token } from 'cdktf';
import { Partition, REGIONS_BY_PARTITION } from './regions';

/**
 * ARNs, account ids and partitions. Modules make no AWS API calls (every stack plans offline), so
 * the account id and partition come from props or from the ARNs of other resources, never from
 * `aws_caller_identity` / `aws_partition`. Regions and their partitions live in `regions.ts`; KMS
 * key and SNS topic ARNs in `aws-rules.ts`.
 */

/** Partition, region and account of an ARN. */
export interface ArnComponents {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * Partition, region and account of an ARN that may only be known at apply time (e.g. a log group's
 * `arn` attribute): Terraform splits it on ':'. Modules make no AWS calls at plan time (no
 * `aws_caller_identity`), so this is how a policy names "this account and region" exactly.
 */
export function arnComponents(arn: string): ArnComponents {
  if (!Token.isUnresolved(arn)) {
    const [, partition = '', , region = '', account = ''] = arn.split(':');
    return { partition, region, account };
  }
  const parts = Fn.split(':', arn);
  const at = (i: number) => Token.asString(Fn.element(parts, i));
  return { partition: at(1), region: at(3), account: at(4) };
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_RE = /^\d{12}$/;

/** True for a 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return typeof value === 'string' && ACCOUNT_ID_RE.test(value);
}

/** Every {@link Partition}, for validation messages. */
export const PARTITIONS: readonly Partition[] = Object.keys(REGIONS_BY_PARTITION) as Partition[];

/** True for one of {@link PARTITIONS}. */
export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
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
