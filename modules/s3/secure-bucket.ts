import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator } from '../core/validation';
import { bucketNameProblems } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';

/** Where to deliver S3 server access logs. */
export interface BucketAccessLogging {
  /** Name of the bucket that receives the logs (it must allow the S3 logging service). */
  readonly targetBucket: string;
  /** Key prefix for the log objects. @default '<bucket name>/' */
  readonly targetPrefix?: string;
}

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Bucket name: globally unique, 3-63 characters of a-z, 0-9, '.', '-'. */
  readonly bucketName: string;
  /**
   * KMS key ARN for SSE-KMS (with S3 Bucket Keys, which cut KMS request costs). Without it the
   * bucket uses SSE-S3 (AES256), which costs nothing extra.
   * @default - SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * Keep every version of every object. Turning it off loses the undo for overwrites and
   * deletes, and replication needs it.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days after which noncurrent object versions are deleted. `undefined` keeps them forever.
   * @default 90
   */
  readonly noncurrentVersionExpirationInDays?: number;
  /** Extra lifecycle rules (added after the bucket-wide noncurrent-version rule). @default - none */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** Extra bucket policy statements, merged with the TLS-only statement. @default - none */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /** Server access logging. @default - off */
  readonly accessLogging?: BucketAccessLogging;
  /**
   * Set Terraform's `prevent_destroy` on the bucket, so a plan that would delete it fails.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Allow `terraform destroy` to delete a non-empty bucket. Dangerous outside throwaway
   * environments.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Tags for every resource; `Name` is set to the bucket name. @default - none */
  readonly tags?: Tags;
}

/**
 * An S3 bucket with the settings every bucket here should have: versioning, default
 * encryption, all public access blocked, ACLs disabled (BucketOwnerEnforced), a policy that denies
 * non-TLS requests, and expiry of noncurrent versions.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** Bucket name. */
  public readonly bucketName: string;
  /** Bucket ARN. */
  public readonly bucketArn: string;
  /** Regional domain name, e.g. for CloudFront origins. */
  public readonly bucketRegionalDomainName: string;
  /** The rendered bucket policy JSON. */
  public readonly policyJson: string;
  /** The versioning resource (replication must depend on it). */
  public readonly versioning?: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const v = new Validator(this);
    const nameProblems = bucketNameProblems(props.bucketName);
    v.check(
      nameProblems.length === 0,
      'bucketName',
      props.bucketName,
      `is not a valid S3 bucket name (${nameProblems.join('; ')})`,
      'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    );
    v.checkIntRange(props.noncurrentVersionExpirationInDays, 1, 36500, 'noncurrentVersionExpirationInDays');
    v.check(
      !(props.versioned === false && props.noncurrentVersionExpirationInDays !== undefined),
      'noncurrentVersionExpirationInDays',
      props.noncurrentVersionExpirationInDays,
      'has no effect on an unversioned bucket',
      'remove it, or leave `versioned` at its default (true)',
    );
    v.check(
      !(props.preventDestroy === true && props.forceDestroy === true),
      'forceDestroy',
      props.forceDestroy,
      'conflicts with preventDestroy: true',
      'set only one of them',
    );
    v.throwIfInvalid();

    const tags = withName(props.bucketName, props.tags);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;

    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    const versioned = props.versioned ?? true;
    if (versioned) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }

    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{}],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ];
    const noncurrentDays = versioned ? (props.noncurrentVersionExpirationInDays ?? 90) : undefined;
    if (noncurrentDays !== undefined) {
      rules.push({
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays }],
      });
    }
    rules.push(...(props.lifecycleRules ?? []));
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: rules,
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });

    if (props.accessLogging) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket: this.bucket.id,
        targetBucket: props.accessLogging.targetBucket,
        targetPrefix: props.accessLogging.targetPrefix ?? `${props.bucketName}/`,
      });
    }

    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        ...(props.policyStatements ?? []),
      ],
    });
    this.policyJson = policy.json;
    // The policy waits for the public-access block so that a policy with a public grant can't
    // slip in before the block applies.
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policy.json,
      dependsOn: [publicAccessBlock],
    });
  }
}
