import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  S3BucketReplicationConfigurationA,
  S3BucketReplicationConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Tags, withName } from '../core/tags';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { S3_ACTIONS } from '../iam/actions/s3';
import { SecureBucket } from './secure-bucket';
import { requireProps } from '../core/validation';

/** Storage classes a replication rule can write replicas in. */
export type ReplicaStorageClass =
  | 'STANDARD'
  | 'STANDARD_IA'
  | 'ONEZONE_IA'
  | 'INTELLIGENT_TIERING'
  | 'GLACIER_IR'
  | 'GLACIER'
  | 'DEEP_ARCHIVE';

/** Every {@link ReplicaStorageClass}, for validation of untyped input. */
export const REPLICA_STORAGE_CLASSES: readonly ReplicaStorageClass[] = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
];

/** Props of {@link BucketReplication}. Validated by the construct that offers replication (the caller). */
export interface BucketReplicationProps {
  /** The versioned source bucket. */
  readonly source: SecureBucket;
  /** Name of the replica bucket to create. */
  readonly destinationBucketName: string;
  /** Provider (alias) of the destination region; the replica bucket is created with it. */
  readonly provider: TerraformProvider;
  /** Key prefixes to replicate, each ending in '/'. One rule per prefix. */
  readonly prefixes: readonly string[];
  /** Storage class of the replicas. */
  readonly storageClass: ReplicaStorageClass;
  /** KMS key (in the destination region) for the replica bucket and KMS-encrypted replicas. */
  readonly destinationKmsKeyArn?: string;
  /** S3 Replication Time Control (15-minute SLA plus replication metrics). */
  readonly replicationTimeControl: boolean;
  /** Noncurrent-version expiry of the replica bucket. */
  readonly noncurrentVersionExpirationInDays?: number;
  readonly forceDestroy?: boolean;
  /** Name prefix of the IAM role S3 assumes (at most 38 characters). */
  readonly roleNamePrefix: string;
  readonly tags?: Tags;
}

/**
 * Cross-region replication of a {@link SecureBucket}: the replica bucket (itself a SecureBucket,
 * versioned, created in the destination region), the IAM role S3 assumes with a policy scoped to
 * the replicated prefixes, and one replication rule per prefix that also replicates delete markers.
 */
export class BucketReplication extends Construct {
  /** The replica bucket. */
  public readonly destination: SecureBucket;
  /** ARN of the role S3 assumes to replicate. */
  public readonly roleArn: string;
  /** The replication configuration resource. */
  public readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    requireProps(this, props, {
      source: 'object',
      destinationBucketName: 'string',
      provider: 'object',
      prefixes: 'list',
      storageClass: 'string',
      replicationTimeControl: 'boolean',
      roleNamePrefix: 'string',
    });
    const source = props.source;
    if (!source.versioning) {
      throw new Error(`${this.node.path}: replication needs a versioned source bucket`);
    }
    if (source.kmsKeyArn && !props.destinationKmsKeyArn) {
      throw new Error(`${this.node.path}: an SSE-KMS source bucket needs destinationKmsKeyArn`);
    }

    this.destination = new SecureBucket(this, 'replica', {
      bucketName: props.destinationBucketName,
      provider: props.provider,
      kmsKeyArn: props.destinationKmsKeyArn,
      noncurrentVersionExpirationInDays: props.noncurrentVersionExpirationInDays,
      forceDestroy: props.forceDestroy,
      // Access logs must land in a bucket of the replica's region; the source bucket's logs cover
      // every request the replica serves in normal operation. The policy pack still reports
      // MLM-S3-005 on the replica, so the caller decides (and writes down why).
      accessLogging: false,
      tags: props.tags,
    });
    const destination = this.destination;

    const assume = new DataAwsIamPolicyDocument(this, 'assume-role', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      namePrefix: props.roleNamePrefix,
      description: 'Assumed by S3 to replicate objects to the replica bucket',
      assumeRolePolicy: assume.json,
      tags: withName(props.roleNamePrefix, props.tags),
    });
    this.roleArn = role.arn;

    // SSE-KMS objects are replicated only when the rule opts in and names a key in the destination
    // region; SSE-S3 objects stay SSE-S3 in the replica, so the role needs no KMS access for them.
    const sourceKms = source.kmsKeyArn;
    const replicaKms = sourceKms ? props.destinationKmsKeyArn : undefined;
    const kmsStatements: DataAwsIamPolicyDocumentStatement[] = [];
    if (sourceKms && replicaKms) {
      kmsStatements.push(
        {
          sid: 'DecryptSourceObjects',
          effect: 'Allow',
          actions: [...KMS_ACTIONS.s3ObjectRead],
          resources: [sourceKms],
          condition: [
            {
              test: 'StringEquals',
              variable: 'kms:ViaService',
              values: [`s3.${source.bucket.region}.amazonaws.com`],
            },
            // With S3 Bucket Keys the encryption context is the bucket ARN, otherwise the object ARN.
            {
              test: 'StringLike',
              variable: 'kms:EncryptionContext:aws:s3:arn',
              values: [source.bucketArn, ...props.prefixes.map((p) => `${source.bucketArn}/${p}*`)],
            },
          ],
        },
        {
          sid: 'EncryptReplicas',
          effect: 'Allow',
          actions: [...KMS_ACTIONS.s3ReplicaWrite],
          resources: [replicaKms],
          condition: [
            {
              test: 'StringEquals',
              variable: 'kms:ViaService',
              values: [`s3.${destination.bucket.region}.amazonaws.com`],
            },
            {
              test: 'StringLike',
              variable: 'kms:EncryptionContext:aws:s3:arn',
              values: [destination.bucketArn, ...props.prefixes.map((p) => `${destination.bucketArn}/${p}*`)],
            },
          ],
        },
      );
    }

    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'ReadReplicationConfiguration',
          effect: 'Allow',
          actions: [...S3_ACTIONS.replicationSourceBucket],
          resources: [source.bucketArn],
        },
        {
          sid: 'ReadSourceVersions',
          effect: 'Allow',
          actions: [...S3_ACTIONS.replicationSourceObjects],
          resources: props.prefixes.map((p) => `${source.bucketArn}/${p}*`),
        },
        {
          sid: 'WriteReplicas',
          effect: 'Allow',
          actions: [...S3_ACTIONS.replicationDestinationObjects],
          resources: props.prefixes.map((p) => `${destination.bucketArn}/${p}*`),
        },
        ...kmsStatements,
      ],
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 's3-replication',
      role: role.id,
      policy: policy.json,
    });

    const rules: S3BucketReplicationConfigurationRule[] = props.prefixes.map((prefix, index) => ({
      id: `replicate-${prefix.replace(/\/$/, '').replace(/[^A-Za-z0-9-]/g, '-')}`,
      priority: index + 1,
      status: 'Enabled',
      filter: { prefix },
      deleteMarkerReplication: { status: 'Enabled' },
      sourceSelectionCriteria: replicaKms ? { sseKmsEncryptedObjects: { status: 'Enabled' } } : undefined,
      destination: {
        bucket: destination.bucketArn,
        storageClass: props.storageClass,
        encryptionConfiguration: replicaKms ? { replicaKmsKeyId: replicaKms } : undefined,
        replicationTime: props.replicationTimeControl
          ? { status: 'Enabled', time: { minutes: 15 } }
          : undefined,
        metrics: props.replicationTimeControl
          ? { status: 'Enabled', eventThreshold: { minutes: 15 } }
          : undefined,
      },
    }));

    // S3 rejects a replication configuration until versioning is enabled on both buckets, and
    // replication fails until the role can act.
    const dependsOn = [
      source.versioning,
      rolePolicy,
      ...(destination.versioning ? [destination.versioning] : []),
    ];
    this.configuration = new S3BucketReplicationConfigurationA(this, 'configuration', {
      bucket: source.bucket.id,
      role: role.arn,
      rule: rules,
      dependsOn,
    });
  }
}
