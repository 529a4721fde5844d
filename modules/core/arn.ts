/**
 * AWS partitions, account ids and the ARN shapes modules accept as props. Modules make no AWS API
 * calls (every stack plans offline), so the account id and partition come from props, never from
 * `aws_caller_identity` / `aws_partition`.
 */

/** The AWS partitions: commercial, China and GovCloud (US). */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Every {@link Partition}, for validation messages. */
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** True for one of {@link PARTITIONS}. */
export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/** The partition a region belongs to: `cn-*` is `aws-cn`, `us-gov-*` is `aws-us-gov`. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

const PARTITION_PART = 'aws(-cn|-us-gov)?';

/** `arn:<partition>:kms:<region>:<account>:key/<id>` (aliases are not accepted by key policies or IAM). */
export const KMS_KEY_ARN_RE = new RegExp(`^arn:${PARTITION_PART}:kms:[a-z0-9-]+:\\d{12}:key/[a-zA-Z0-9-]+$`);

/** `arn:<partition>:sns:<region>:<account>:<topic>` (standard topics; FIFO topics end in `.fifo`). */
export const SNS_TOPIC_ARN_RE = new RegExp(
  `^arn:${PARTITION_PART}:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$`,
);

/** `arn:<partition>:s3:::<bucket>` (a bucket, not an object). */
export const S3_BUCKET_ARN_RE = new RegExp(`^arn:${PARTITION_PART}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`);

/** `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`. */
export const BACKUP_VAULT_ARN_RE = new RegExp(
  `^arn:${PARTITION_PART}:backup:[a-z0-9-]+:\\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$`,
);

/** `arn:<partition>:iam::<account>:role/<path/><name>`. */
export const IAM_ROLE_ARN_RE = new RegExp(`^arn:${PARTITION_PART}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);
