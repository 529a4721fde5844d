import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/** What a principal may do with (part of) a bucket. */
/**
 * What a principal may do with (part of) a bucket: `read` (list, get), `write` (list, put,
 * delete), `readWrite`, or `put` (put only: no list, no read, no delete, for log and report
 * writers).
 */
export type BucketAccess = 'read' | 'write' | 'readWrite' | 'put';

/**
 * The one table of S3 and KMS actions behind every grant of this module, so that a policy
 * written by hand and one returned by a bucket construct's `policyStatements` never drift apart.
 */
export const BUCKET_ACCESS_ACTIONS = {
  read: {
    bucket: ['s3:GetBucketLocation'],
    objects: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
    kms: ['kms:Decrypt'],
  },
  write: {
    bucket: ['s3:ListBucketMultipartUploads'],
    objects: [
      's3:PutObject',
      's3:PutObjectTagging',
      's3:DeleteObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
    ],
    // Multipart uploads to SSE-KMS buckets decrypt the data key of earlier parts.
    kms: ['kms:GenerateDataKey', 'kms:Decrypt'],
  },
  put: {
    bucket: [],
    objects: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
    kms: ['kms:GenerateDataKey', 'kms:Decrypt'],
  },
} as const;

/** Inputs of {@link bucketAccessStatements}. */
export interface BucketAccessStatementsInput {
  readonly bucketArn: string;
  readonly access: BucketAccess;
  /** Key prefixes (ending in '/'); empty or undefined: the whole bucket. */
  readonly prefixes?: readonly string[];
  /** KMS key of the bucket's default encryption, if any. */
  readonly kmsKeyArn?: string;
  /** Region of the bucket, for the `kms:ViaService` condition. */
  readonly region?: string;
  /** Prefix of the statement ids, e.g. `Models`. @default 'Bucket' */
  readonly sidPrefix?: string;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * IAM policy statements granting `access` to a bucket (optionally only under some prefixes).
 * Listing is narrowed with an `s3:prefix` condition; KMS use is allowed only through S3.
 */
export function bucketAccessStatements(
  input: BucketAccessStatementsInput,
): DataAwsIamPolicyDocumentStatement[] {
  const kinds = input.access === 'readWrite' ? (['read', 'write'] as const) : ([input.access] as const);
  const bucketActions = unique(kinds.flatMap((k) => BUCKET_ACCESS_ACTIONS[k].bucket));
  const objectActions = unique(kinds.flatMap((k) => BUCKET_ACCESS_ACTIONS[k].objects));
  const kmsActions = unique(kinds.flatMap((k) => BUCKET_ACCESS_ACTIONS[k].kms));
  const prefixes = input.prefixes && input.prefixes.length > 0 ? [...input.prefixes] : undefined;
  const sid = input.sidPrefix ?? 'Bucket';

  const canList = input.access !== 'put';
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: `${sid}List`,
      effect: 'Allow',
      actions: ['s3:ListBucket'],
      resources: [input.bucketArn],
      // Only s3:ListBucket carries the s3:prefix key; other bucket actions get their own statement.
      condition: prefixes
        ? [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((p) => `${p}*`) }]
        : undefined,
    },
    {
      sid: `${sid}Bucket`,
      effect: 'Allow',
      actions: bucketActions,
      resources: [input.bucketArn],
    },
    {
      sid: `${sid}Objects`,
      effect: 'Allow',
      actions: objectActions,
      resources: prefixes ? prefixes.map((p) => `${input.bucketArn}/${p}*`) : [`${input.bucketArn}/*`],
    },
  ].filter((st) => (st.sid === `${sid}List` ? canList : st.actions.length > 0));
  if (input.kmsKeyArn) {
    statements.push({
      sid: `${sid}Kms`,
      effect: 'Allow',
      actions: kmsActions,
      resources: [input.kmsKeyArn],
      condition: input.region
        ? [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${input.region}.amazonaws.com`] }]
        : undefined,
    });
  }
  return statements;
}
