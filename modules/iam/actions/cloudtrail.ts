/**
 * What a CloudTrail trail lets AWS services do with its resources: the bucket policy, the KMS key
 * policy and the CloudWatch Logs delivery role of `Trail` (modules/cloudtrail) take their actions
 * from here.
 */
export const CLOUDTRAIL_ACTIONS = {
  /** CloudTrail checks the bucket ACL before it delivers (bucket policy). */
  bucketAclCheck: ['s3:GetBucketAcl'],
  /** CloudTrail writes log and digest files (bucket policy). */
  bucketWrite: ['s3:PutObject'],
  /** CloudTrail encrypts log files with data keys of the trail key (key policy). */
  keyEncrypt: ['kms:GenerateDataKey*'],
  /** CloudTrail checks the key when the trail is created or updated (key policy). */
  keyDescribe: ['kms:DescribeKey'],
  /** The delivery role writes the events of every region into the trail's log group. */
  logsDelivery: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  /** CloudWatch Logs encrypts the log group with the trail key (key policy). */
  logsKeyUse: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
} as const;
