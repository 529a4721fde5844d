import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { S3_ACTIONS } from '../iam/actions/s3';

/**
 * What a principal may do with (part of) a bucket: `read` (list, get), `write` (list, put,
 * delete), `readWrite`, or `put` (put only: no list, no read, no delete, for log and report
 * writers).
 */
export type BucketAccess = 'read' | 'write' | 'readWrite' | 'put';

/** The S3 and KMS actions of each access kind, picked from the per-service tables. */
const ACCESS: Record<
  Exclude<BucketAccess, 'readWrite'>,
  { bucket: readonly string[]; objects: readonly string[]; kms: readonly string[] }
> = {
  read: { bucket: S3_ACTIONS.bucketLocation, objects: S3_ACTIONS.readObjects, kms: KMS_ACTIONS.s3ObjectRead },
  write: {
    bucket: S3_ACTIONS.listMultipartUploads,
    objects: S3_ACTIONS.writeObjects,
    kms: KMS_ACTIONS.s3ObjectWrite,
  },
  put: { bucket: [], objects: S3_ACTIONS.putObjects, kms: KMS_ACTIONS.s3ObjectWrite },
};

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
  const bucketActions = unique(kinds.flatMap((k) => ACCESS[k].bucket));
  const objectActions = unique(kinds.flatMap((k) => ACCESS[k].objects));
  const kmsActions = unique(kinds.flatMap((k) => ACCESS[k].kms));
  const prefixes = input.prefixes && input.prefixes.length > 0 ? [...input.prefixes] : undefined;
  const sid = input.sidPrefix ?? 'Bucket';

  const canList = input.access !== 'put';
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: `${sid}List`,
      effect: 'Allow',
      actions: [...S3_ACTIONS.listBucket],
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
      // Only through S3: the key cannot be used directly on other data.
      condition: input.region
        ? [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${input.region}.amazonaws.com`] }]
        : [{ test: 'StringLike', variable: 'kms:ViaService', values: ['s3.*.amazonaws.com'] }],
    });
  }
  return statements;
}
