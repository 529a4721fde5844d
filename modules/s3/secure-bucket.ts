import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
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
import { Validator, requireProps } from '../core/validation';
import { bucketNameProblems, isKmsKeyArn } from '../core/aws-rules';
import { checkLifecycleRules } from './lifecycle-rules';
import { Tags, withName } from '../core/tags';
import { IGrantable, checkS3Prefixes } from '../iam/grants';
import { BucketAccess, bucketAccessStatements } from './bucket-access';

/** A statement-id prefix from a construct id: `model-store` becomes `ModelStore`. */
function sidPrefixFor(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const sid = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return sid === '' ? 'Bucket' : sid;
}

/** Server access logs delivered to a log bucket that exists already (same account and region). */
export interface BucketAccessLogging {
  /**
   * Name of the bucket that receives the logs. Its policy must allow `logging.s3.amazonaws.com`
   * (a {@link SecureBucket} with `serverAccessLogsDelivery` does), and it must use SSE-S3.
   */
  readonly targetBucket: string;
  /** Key prefix for the log objects. @default '<bucket name>/' */
  readonly targetPrefix?: string;
  /**
   * Write log objects under date-partitioned keys
   * (`<prefix><account>/<region>/<bucket>/<yyyy>/<mm>/<dd>/...`, by event time), which Athena
   * can prune by partition. Off writes the flat `<prefix><yyyy-mm-dd-hh-mm-ss>-<id>` keys.
   * @default false
   */
  readonly partitionedPrefix?: boolean;
}

/**
 * Server access logs delivered to a companion log bucket created with the bucket, as a child
 * construct (`<bucket id>/access-logs`): SSE-S3 (log delivery cannot write to SSE-KMS buckets),
 * versioned, public access blocked, TLS only, a policy that admits only the logging service for
 * this bucket (`aws:SourceArn`), log objects expiring after `expirationInDays`, and the same
 * provider, tags, `preventDestroy` and `forceDestroy` as the bucket.
 *
 * Cost: the log objects' storage only (S3 does not bill the log deliveries): about 300 bytes per
 * request, so a bucket serving a million requests a month keeps roughly 0.3 GB a month, $0.007 a
 * month in S3 Standard in us-east-1, and about 3.6 GB ($0.08 a month) at the default 365-day
 * expiry. One more bucket name (globally unique) and eight more Terraform resources.
 */
export interface CompanionLogBucket {
  /** Create the companion log bucket. */
  readonly createLogBucket: true;
  /**
   * Name of the log bucket (globally unique, 3-63 characters of a-z, 0-9, '.', '-').
   * @default '<bucket name>-access-logs', the bucket name shortened to fit 63 characters
   */
  readonly logBucketName?: string;
  /** Days after which log objects are deleted (1-36500). @default 365 */
  readonly expirationInDays?: number;
  /** Key prefix of the log objects in the log bucket. @default '<bucket name>/' */
  readonly targetPrefix?: string;
  /**
   * Write log objects under date-partitioned keys (see {@link BucketAccessLogging.partitionedPrefix}).
   * @default false
   */
  readonly partitionedPrefix?: boolean;
}

/** Suffix of a companion log bucket's default name. */
export const ACCESS_LOG_BUCKET_SUFFIX = '-access-logs';

/**
 * The default name of a bucket's companion access-log bucket: `<bucket>-access-logs`, with the
 * bucket name shortened (and trailing '.' or '-' removed) so that the result fits S3's
 * 63-character limit. An unresolved token is used as it is.
 */
export function accessLogBucketNameFor(bucketName: string): string {
  if (Token.isUnresolved(bucketName)) return `${bucketName}${ACCESS_LOG_BUCKET_SUFFIX}`;
  const base = bucketName.slice(0, 63 - ACCESS_LOG_BUCKET_SUFFIX.length).replace(/[.-]+$/, '');
  return `${base}${ACCESS_LOG_BUCKET_SUFFIX}`;
}

/**
 * Lets S3 server access logging (`logging.s3.amazonaws.com`) write into this bucket. Log delivery
 * works only with SSE-S3 default encryption, so this cannot be combined with `kmsKeyArn`.
 */
export interface ServerAccessLogsDelivery {
  /** ARNs of the buckets whose access logs may be delivered here (checked as `aws:SourceArn`). */
  readonly sourceBucketArns: string[];
  /** Key prefix the logs are written under; the grant covers only `<prefix>*`. @default '' (whole bucket) */
  readonly targetPrefix?: string;
  /** Account that owns the source buckets (checked as `aws:SourceAccount`). @default - not checked */
  readonly sourceAccountId?: string;
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
  /**
   * S3 server access logging: who read, wrote or deleted which object (policy rule MLM-S3-005).
   *
   * | value                          | logs go to                                                     |
   * |--------------------------------|----------------------------------------------------------------|
   * | unset (default)                | a companion bucket created here ({@link CompanionLogBucket}), unless the bucket receives access logs itself (`serverAccessLogsDelivery`) |
   * | `{ createLogBucket: true, ... }` | a companion bucket, with your name, prefix or expiry        |
   * | `{ targetBucket: ... }`        | a log bucket you already have (e.g. one per account)           |
   * | `false`                        | nowhere: the policy pack then reports MLM-S3-005 (an error) unless the bucket receives logs (ALB or S3 access logs); suppress it with the reason, e.g. CloudTrail S3 data events cover the bucket |
   *
   * @default - a companion `<bucket name>-access-logs` bucket; none on a bucket that receives
   * server access logs (`serverAccessLogsDelivery`), which the policy pack exempts
   */
  readonly accessLogging?: BucketAccessLogging | CompanionLogBucket | false;
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
  /**
   * Accept S3 server access logs from other buckets (adds a bucket-policy statement for the
   * logging service). @default - no log delivery statement
   */
  readonly serverAccessLogsDelivery?: ServerAccessLogsDelivery;
  /**
   * Provider every resource of the bucket is created with, e.g. an aliased provider for another
   * region (replica buckets). @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
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
  /** The default-encryption resource (objects created by Terraform should depend on it). */
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** The lifecycle configuration. */
  public readonly lifecycleConfiguration: S3BucketLifecycleConfiguration;
  /** KMS key of the default encryption; undefined for SSE-S3. */
  public readonly kmsKeyArn?: string;
  /** The companion log bucket, when `accessLogging` created one (the default). */
  public readonly accessLogBucket?: SecureBucket;

  private readonly policyStatementList: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly policyDocument: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    requireProps(this, props, { bucketName: 'string' });
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
    v.checkOptional(
      props.kmsKeyArn,
      isKmsKeyArn,
      'kmsKeyArn',
      'is not a KMS key ARN',
      'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (e.g. a KmsKey arn); aliases do not work in the grants',
    );
    checkLifecycleRules(v, 'lifecycleRules', props.lifecycleRules ?? [], [
      'abort-incomplete-multipart-uploads',
      'expire-noncurrent-versions',
    ]);
    v.check(
      !(props.versioned === false && props.noncurrentVersionExpirationInDays !== undefined),
      'noncurrentVersionExpirationInDays',
      props.noncurrentVersionExpirationInDays,
      'has no effect on an unversioned bucket',
      'remove it, or leave `versioned` at its default (true)',
    );
    v.check(
      !(props.serverAccessLogsDelivery !== undefined && props.kmsKeyArn !== undefined),
      'kmsKeyArn',
      props.kmsKeyArn,
      'is not supported on a bucket that receives S3 server access logs (log delivery needs SSE-S3)',
      'remove kmsKeyArn from the log bucket (it is encrypted with SSE-S3)',
    );
    const requested = props.accessLogging;
    if (requested && 'createLogBucket' in requested) {
      const logging = requested;
      v.check(
        logging.createLogBucket === true,
        'accessLogging.createLogBucket',
        logging.createLogBucket,
        'must be true',
        'set createLogBucket: true, or pass { targetBucket } to log into an existing bucket',
      );
      if (logging.logBucketName !== undefined) {
        const logNameProblems = bucketNameProblems(logging.logBucketName);
        v.check(
          logNameProblems.length === 0,
          'accessLogging.logBucketName',
          logging.logBucketName,
          `is not a valid S3 bucket name (${logNameProblems.join('; ')})`,
          'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
        );
      }
      v.check(
        logging.logBucketName === undefined || logging.logBucketName !== props.bucketName,
        'accessLogging.logBucketName',
        logging.logBucketName,
        'is the bucket itself: a bucket that logs into itself logs its own log deliveries, without end',
        'leave logBucketName unset for "<bucket name>-access-logs", or name another bucket',
      );
      v.checkIntRange(logging.expirationInDays, 1, 36500, 'accessLogging.expirationInDays');
    }
    if (requested && 'targetBucket' in requested) {
      v.check(
        requested.targetBucket !== props.bucketName,
        'accessLogging.targetBucket',
        requested.targetBucket,
        'is the bucket itself: a bucket that logs into itself logs its own log deliveries, without end',
        'send the logs to a separate bucket, e.g. { createLogBucket: true }',
      );
    }
    v.check(
      !(props.preventDestroy === true && props.forceDestroy === true),
      'forceDestroy',
      props.forceDestroy,
      'conflicts with preventDestroy: true',
      'set only one of them',
    );
    v.throwIfInvalid();

    const tags = withName(props.bucketName, props.tags);
    const provider = props.provider;
    this.kmsKeyArn = props.kmsKeyArn;
    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;

    new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    const versioned = props.versioned ?? true;
    if (versioned) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        provider,
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }

    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: 'aws:kms',
                kmsMasterKeyId: props.kmsKeyArn,
              },
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
    this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.id,
      rule: rules,
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });

    // Access logging: a companion bucket unless the caller chose otherwise or this bucket
    // receives access logs itself (see the accessLogging decision table).
    const logging =
      props.accessLogging ??
      (props.serverAccessLogsDelivery ? false : ({ createLogBucket: true } as CompanionLogBucket));
    let logTarget: BucketAccessLogging | undefined;
    if (logging && 'createLogBucket' in logging) {
      const targetPrefix = logging.targetPrefix ?? `${props.bucketName}/`;
      this.accessLogBucket = new SecureBucket(this, 'access-logs', {
        bucketName: logging.logBucketName ?? accessLogBucketNameFor(props.bucketName),
        provider,
        noncurrentVersionExpirationInDays: 30,
        preventDestroy: props.preventDestroy,
        forceDestroy: props.forceDestroy,
        lifecycleRules: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: [{}],
            expiration: [{ days: logging.expirationInDays ?? 365 }],
          },
        ],
        serverAccessLogsDelivery: { sourceBucketArns: [this.bucket.arn], targetPrefix },
        tags: props.tags,
      });
      logTarget = {
        targetBucket: this.accessLogBucket.bucketName,
        targetPrefix,
        partitionedPrefix: logging.partitionedPrefix,
      };
    } else if (logging) {
      logTarget = logging;
    }
    if (logTarget) {
      new S3BucketLoggingA(this, 'access-logging', {
        provider,
        bucket: this.bucket.id,
        targetBucket: logTarget.targetBucket,
        targetPrefix: logTarget.targetPrefix ?? `${props.bucketName}/`,
        targetObjectKeyFormat: logTarget.partitionedPrefix
          ? { partitionedPrefix: { partitionDateSource: 'EventTime' } }
          : undefined,
      });
    }

    const logDelivery = props.serverAccessLogsDelivery;
    const logDeliveryStatements: DataAwsIamPolicyDocumentStatement[] = logDelivery
      ? [
          {
            sid: 'AllowS3ServerAccessLogDelivery',
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
            actions: ['s3:PutObject'],
            resources: [`${this.bucket.arn}/${logDelivery.targetPrefix ?? ''}*`],
            condition: [
              { test: 'ArnLike', variable: 'aws:SourceArn', values: logDelivery.sourceBucketArns },
              ...(logDelivery.sourceAccountId
                ? [
                    {
                      test: 'StringEquals',
                      variable: 'aws:SourceAccount',
                      values: [logDelivery.sourceAccountId],
                    },
                  ]
                : []),
            ],
          },
        ]
      : [];

    this.policyStatementList.push(
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      ...logDeliveryStatements,
      ...(props.policyStatements ?? []),
    );
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {
      provider,
      statement: this.policyStatementList,
    });
    const policy = this.policyDocument;
    this.policyJson = policy.json;
    // The policy waits for the public-access block so that a policy with a public grant can't
    // slip in before the block applies.
    new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: this.bucket.id,
      policy: policy.json,
      dependsOn: [publicAccessBlock],
    });
  }

  /**
   * Adds a statement to the bucket policy after construction, e.g. a CloudFront distribution's
   * read access scoped by `AWS:SourceArn`. Statements may reference resources created later.
   */
  public addToResourcePolicy(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.policyStatementList.push(...statements);
    this.policyDocument.putStatement(this.policyStatementList);
  }

  /**
   * Lets the grantee list and read objects (under `prefixes`, each ending in '/'; the whole
   * bucket when none), and decrypt with the bucket's KMS key through S3.
   */
  public grantRead(grantee: IGrantable, ...prefixes: string[]): void {
    grantee.addStatements(...this.accessStatements('read', prefixes));
  }

  /**
   * Lets the grantee list, put and delete objects (under `prefixes`). Versioning keeps what is
   * overwritten or deleted recoverable. Use {@link grantPut} for writers that must not delete.
   */
  public grantWrite(grantee: IGrantable, ...prefixes: string[]): void {
    grantee.addStatements(...this.accessStatements('write', prefixes));
  }

  /** Lets the grantee put objects (under `prefixes`) but never delete or read them. */
  public grantPut(grantee: IGrantable, ...prefixes: string[]): void {
    grantee.addStatements(...this.accessStatements('put', prefixes));
  }

  /** Read and write (see {@link grantRead} and {@link grantWrite}). */
  public grantReadWrite(grantee: IGrantable, ...prefixes: string[]): void {
    grantee.addStatements(...this.accessStatements('readWrite', prefixes));
  }

  private accessStatements(access: BucketAccess, prefixes: string[]): DataAwsIamPolicyDocumentStatement[] {
    const v = new Validator(`${this.node.path} (grant)`);
    checkS3Prefixes(v, 'prefixes', prefixes);
    v.throwIfInvalid();
    return bucketAccessStatements({
      bucketArn: this.bucketArn,
      access,
      prefixes,
      kmsKeyArn: this.kmsKeyArn,
      sidPrefix: sidPrefixFor(this.node.id),
    });
  }
}
