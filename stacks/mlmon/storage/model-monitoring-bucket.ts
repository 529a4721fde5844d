import { Construct, IConstruct } from 'constructs';
import { Lazy, TerraformProvider, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Id as RandomId } from '@cdktf/provider-random/lib/id';
import { Validator, isUnresolved } from '../../../modules/core/validation';
import { bucketNameProblems, isValidRegion } from '../../../modules/core/aws-rules';
import { Tags } from '../../../modules/core/tags';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { BUCKET_LAYOUT, isValidKeyPrefix } from './bucket-layout';
import { BucketAccess, bucketAccessStatements } from '../../../modules/s3/bucket-access';
import {
  BucketReplication,
  REPLICA_STORAGE_CLASSES,
  ReplicaStorageClass,
} from '../../../modules/s3/bucket-replication';

/** Maximum length of an S3 bucket name. */
const MAX_BUCKET_NAME = 63;
/** Characters `-<hex>` adds when `randomSuffix` is on (RandomId with byte_length 4). */
const RANDOM_SUFFIX_LENGTH = 9;
/** Default name suffixes of the buckets this construct may create next to the main one. */
const REPLICA_SUFFIX = '-replica';
const ACCESS_LOG_SUFFIX = '-access-logs';
/** Whole number of days in S3 lifecycle rules: 100 years is the practical ceiling. */
const MAX_DAYS = 36500;

/**
 * Removes delete markers whose object has no versions left (after noncurrent versions expire),
 * so listings and request costs don't grow with markers for data that is gone.
 */
const EXPIRED_DELETE_MARKERS_RULE: S3BucketLifecycleConfigurationRule = {
  id: 'remove-expired-delete-markers',
  status: 'Enabled',
  filter: [{}],
  expiration: [{ expiredObjectDeleteMarker: true }],
};

/** Server access logs delivered to a bucket that already exists (same account and region). */
export interface ExistingLogBucket {
  /** Name of the target bucket; its policy must allow `logging.s3.amazonaws.com`. */
  readonly targetBucketName: string;
  /** Key prefix of the log objects. @default '<bucket name>/' */
  readonly targetPrefix?: string;
}

/** Server access logs delivered to a log bucket this construct creates. */
export interface CreatedLogBucket {
  readonly createLogBucket: true;
  /** Days before access-log objects expire. @default 90 */
  readonly expirationInDays?: number;
  /** Name of the log bucket. @default '<bucket name>-access-logs' */
  readonly bucketName?: string;
}

/** Where S3 server access logs of the bucket go. */
export type BucketAccessLoggingConfig = ExistingLogBucket | CreatedLogBucket;

/** Cross-region replication settings. */
export interface BucketReplicationConfig {
  /** Region of the replica bucket; must differ from the source bucket's region. */
  readonly destinationRegion: string;
  /**
   * AWS provider (alias) configured for `destinationRegion`; the stack creates it. The replica
   * bucket and its settings are created through it.
   */
  readonly provider: AwsProvider;
  /** Name of the replica bucket. @default '<bucket name>-replica' */
  readonly destinationBucketName?: string;
  /**
   * Key prefixes to replicate (one rule each), each ending in '/'.
   * @default ['models/', 'data/'] - what can't be regenerated; logs and monitoring output can
   */
  readonly prefixes?: string[];
  /**
   * Storage class of the replicas. STANDARD_IA halves the storage price of a copy that is read
   * only in a disaster, but bills at least 30 days and 128 KB per object.
   * @default 'STANDARD_IA'
   */
  readonly storageClass?: ReplicaStorageClass;
  /**
   * KMS key ARN in the destination region, for the replica bucket's default encryption and for
   * replicas of SSE-KMS objects. Required when the source bucket uses `kmsKeyArn` (a KMS key
   * belongs to one region).
   * @default - SSE-S3
   */
  readonly destinationKmsKeyArn?: string;
  /**
   * S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes, plus replication
   * metrics. Costs $0.015 per GB replicated on top of the data transfer.
   * @default false
   */
  readonly replicationTimeControl?: boolean;
}

/** Props of {@link ModelMonitoringBucket}. */
export interface ModelMonitoringBucketProps {
  /**
   * Bucket name, or its base when `randomSuffix` is on. Globally unique, 3-63 lowercase letters,
   * digits, dots and hyphens; the names derived from it (`-<hex>`, `-replica`, `-access-logs`)
   * must fit in 63 characters too.
   */
  readonly bucketName: string;
  /**
   * Append `-<8 hex digits>` from a `random_id` (byte_length 4) so the name is globally unique.
   * The stack must contain a `RandomProvider` (`@cdktf/provider-random/lib/provider`); synthesis
   * fails with a fix if it doesn't. Changing `bucketName` draws a new suffix (and so replaces the
   * bucket).
   * @default false
   */
  readonly randomSuffix?: boolean;
  /**
   * Region of the bucket (the stack's default provider region). Used only to check that
   * replication goes to another region.
   * @default - the region of the stack's default AWS provider, when it is a literal
   */
  readonly region?: string;
  /**
   * KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`) for SSE-KMS with S3 Bucket Keys.
   * @default - SSE-S3 (AES256), no extra cost
   */
  readonly kmsKeyArn?: string;
  /** Days before objects under `logs/` expire. @default 90 */
  readonly logsExpirationInDays?: number;
  /** Days before noncurrent object versions are deleted (whole bucket). @default 90 */
  readonly noncurrentVersionExpirationInDays?: number;
  /**
   * Days after creation before objects under `data/` move to S3 Intelligent-Tiering. 0 moves
   * them at the next lifecycle run (S3 allows 0 for this class; STANDARD_IA would need 30).
   * Objects under 128 KB are never transitioned.
   * @default 0
   */
  readonly dataIntelligentTieringAfterDays?: number;
  /**
   * Create a zero-byte object per layout prefix (`models/`, `data/`, ...) so the console shows
   * the folders before anything is uploaded.
   * @default true
   */
  readonly createPrefixes?: boolean;
  /**
   * S3 server access logs: to an existing bucket, or to a log bucket created here (a
   * SecureBucket with SSE-S3, since log delivery can't write to SSE-KMS buckets).
   * @default - off
   */
  readonly accessLogging?: BucketAccessLoggingConfig;
  /** Cross-region replication of `models/` and `data/`. @default - off */
  readonly replication?: BucketReplicationConfig;
  /**
   * Let `terraform destroy` delete non-empty buckets (main, replica and log bucket). Meant for
   * throwaway environments only.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Tags for every resource; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

const KMS_KEY_ARN_RE = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/[A-Za-z0-9-]+$/;

function isCreatedLogBucket(c: BucketAccessLoggingConfig): c is CreatedLogBucket {
  return (c as CreatedLogBucket).createLogBucket !== undefined;
}

/** The literal region of the stack's default (un-aliased) AWS provider, if there is one. */
function defaultProviderRegion(scope: IConstruct): string | undefined {
  const provider = TerraformStack.of(scope)
    .node.findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  const region = provider?.region;
  return region !== undefined && !isUnresolved(region) ? region : undefined;
}

function hasRandomProvider(scope: IConstruct): boolean {
  return TerraformStack.of(scope)
    .node.findAll()
    .some((c) => c instanceof TerraformProvider && c.terraformResourceType === 'random');
}

/**
 * The S3 bucket of the model-monitoring system, laid out as {@link BUCKET_LAYOUT}
 * (`models/`, `monitoring/...`, `logs/`, `data/`) on top of a {@link SecureBucket} (versioning,
 * default encryption, public access blocked, ACLs disabled, TLS-only policy).
 *
 * Lifecycle per prefix:
 *
 * | Prefix        | Rule                                                         |
 * |---------------|--------------------------------------------------------------|
 * | (all)         | abort incomplete multipart uploads after 7 days              |
 * | (all)         | delete noncurrent versions after `noncurrentVersionExpirationInDays` |
 * | (all)         | remove delete markers that have no versions left             |
 * | `logs/`       | expire after `logsExpirationInDays`                          |
 * | `data/`       | to INTELLIGENT_TIERING after `dataIntelligentTieringAfterDays` |
 * | `models/`, `monitoring/` | kept (versions give the undo)                     |
 */
export class ModelMonitoringBucket extends Construct {
  /** Bucket name (a token when `randomSuffix` is on). */
  public readonly bucketName: string;
  /** Bucket ARN. */
  public readonly bucketArn: string;
  /** Regional domain name of the bucket. */
  public readonly bucketRegionalDomainName: string;
  /** The hardened bucket underneath. */
  public readonly bucket: SecureBucket;
  /** Key prefixes of the layout. */
  public readonly layout: typeof BUCKET_LAYOUT = BUCKET_LAYOUT;
  /** KMS key of the bucket, when SSE-KMS. */
  public readonly kmsKeyArn?: string;
  /** Replica bucket name, when replication is on. */
  public readonly replicaBucketName?: string;
  /** The replication (role, configuration and replica bucket), when `replication` is set. */
  public readonly replication?: BucketReplication;
  /** Replica bucket ARN, when replication is on. */
  public readonly replicaBucketArn?: string;
  /** Role S3 assumes to replicate, when replication is on. */
  public readonly replicationRoleArn?: string;
  /** Bucket receiving the server access logs, when access logging is on. */
  public readonly accessLogBucketName?: string;
  /** ARN of the log bucket, when this construct created it. */
  public readonly accessLogBucketArn?: string;

  constructor(scope: Construct, id: string, props: ModelMonitoringBucketProps) {
    super(scope, id);
    this.validate(props);

    const randomSuffix = props.randomSuffix ?? false;
    let name = props.bucketName;
    if (randomSuffix) {
      const suffix = new RandomId(this, 'suffix', {
        byteLength: 4,
        // A new base name draws a new suffix rather than reusing the old one.
        keepers: { bucketName: props.bucketName },
      });
      name = `${props.bucketName}-${suffix.hex}`;
      this.node.addValidation({
        validate: () =>
          hasRandomProvider(this)
            ? []
            : [
                `${this.node.path}: randomSuffix needs a RandomProvider in the stack. Fix: add ` +
                  "`new RandomProvider(stack, 'random')` from '@cdktf/provider-random/lib/provider', or turn randomSuffix off",
              ],
      });
    }

    const forceDestroy = props.forceDestroy ?? false;
    const noncurrentDays = props.noncurrentVersionExpirationInDays ?? 90;
    const logging = props.accessLogging;
    const logPrefix = logging && !isCreatedLogBucket(logging) ? logging.targetPrefix : undefined;
    const targetPrefix = logPrefix ?? `${name}/`;

    // The log bucket is created first so the main bucket can name it; its policy refers to the
    // main bucket lazily (Terraform orders the resources, not the constructor).
    let logBucket: SecureBucket | undefined;
    if (logging && isCreatedLogBucket(logging)) {
      const sourceArn = Lazy.stringValue({ produce: () => this.bucketArn });
      logBucket = new SecureBucket(this, 'access-logs', {
        bucketName: logging.bucketName ?? `${name}${ACCESS_LOG_SUFFIX}`,
        noncurrentVersionExpirationInDays: noncurrentDays,
        serverAccessLogsDelivery: { sourceBucketArns: [sourceArn], targetPrefix },
        lifecycleRules: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: [{}],
            expiration: [{ days: logging.expirationInDays ?? 90 }],
          },
          EXPIRED_DELETE_MARKERS_RULE,
        ],
        forceDestroy,
        tags: props.tags,
      });
      this.accessLogBucketName = logBucket.bucketName;
      this.accessLogBucketArn = logBucket.bucketArn;
    } else if (logging) {
      this.accessLogBucketName = logging.targetBucketName;
    }

    const lifecycleRules: S3BucketLifecycleConfigurationRule[] = [
      EXPIRED_DELETE_MARKERS_RULE,
      {
        id: 'expire-logs',
        status: 'Enabled',
        filter: [{ prefix: BUCKET_LAYOUT.logs }],
        expiration: [{ days: props.logsExpirationInDays ?? 90 }],
      },
      {
        id: 'data-intelligent-tiering',
        status: 'Enabled',
        filter: [{ prefix: BUCKET_LAYOUT.data }],
        transition: [
          { days: props.dataIntelligentTieringAfterDays ?? 0, storageClass: 'INTELLIGENT_TIERING' },
        ],
      },
    ];

    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: name,
      kmsKeyArn: props.kmsKeyArn,
      noncurrentVersionExpirationInDays: noncurrentDays,
      lifecycleRules,
      accessLogging: this.accessLogBucketName
        ? { targetBucket: this.accessLogBucketName, targetPrefix, partitionedPrefix: true }
        : false,
      forceDestroy,
      tags: props.tags,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;
    this.kmsKeyArn = props.kmsKeyArn;

    if (props.createPrefixes ?? true) {
      for (const [key, prefix] of Object.entries(BUCKET_LAYOUT)) {
        new S3Object(this, `prefix-${key}`, {
          bucket: this.bucket.bucket.id,
          key: prefix,
          content: '',
          contentType: 'application/x-directory',
          // S3 objects take at most 10 tags; the provider's default tags are for resources
          // that are billed and owned, not for folder markers.
          overrideProvider: { defaultTags: { tags: {} } },
          // Created after default encryption so the markers are encrypted like everything else.
          dependsOn: [this.bucket.encryption],
        });
      }
    }

    const replication = props.replication;
    if (replication) {
      const roleBase = props.bucketName.slice(0, 30).replace(/[.-]+$/, '');
      const replica = new BucketReplication(this, 'replication', {
        source: this.bucket,
        destinationBucketName: replication.destinationBucketName ?? `${name}${REPLICA_SUFFIX}`,
        provider: replication.provider,
        prefixes: replication.prefixes ?? [BUCKET_LAYOUT.models, BUCKET_LAYOUT.data],
        storageClass: replication.storageClass ?? 'STANDARD_IA',
        destinationKmsKeyArn: replication.destinationKmsKeyArn,
        replicationTimeControl: replication.replicationTimeControl ?? false,
        noncurrentVersionExpirationInDays: noncurrentDays,
        forceDestroy,
        roleNamePrefix: `${roleBase}-repl-`,
        tags: props.tags,
      });
      this.replication = replica;
      this.replicaBucketName = replica.destination.bucketName;
      this.replicaBucketArn = replica.destination.bucketArn;
      this.replicationRoleArn = replica.roleArn;
    }
  }

  /** `<bucketArn>/<prefix>*`: the object ARNs under a key prefix, for IAM resources. */
  public arnForPrefix(prefix: string): string {
    return `${this.bucketArn}/${prefix}*`;
  }

  /**
   * IAM statements granting `access` to the bucket, or only to some prefixes of it (with the KMS
   * permissions when the bucket uses SSE-KMS). Attach them to a role's policy document.
   */
  public policyStatements(
    access: BucketAccess,
    prefixes?: readonly string[],
  ): DataAwsIamPolicyDocumentStatement[] {
    return bucketAccessStatements({
      bucketArn: this.bucketArn,
      access,
      prefixes,
      kmsKeyArn: this.kmsKeyArn,
      region: this.bucket.bucket.region,
    });
  }

  private validate(props: ModelMonitoringBucketProps): void {
    const v = new Validator(this);
    const base = props.bucketName;
    const baseProblems = bucketNameProblems(base);
    v.check(
      baseProblems.length === 0,
      'bucketName',
      base,
      `is not a valid S3 bucket name (${baseProblems.join('; ')})`,
      'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    );

    // Lengths of the names derived from bucketName (a placeholder stands in for the random hex).
    if (baseProblems.length === 0 && !isUnresolved(base)) {
      const suffix = props.randomSuffix ? RANDOM_SUFFIX_LENGTH : 0;
      const derived: { what: string; extra: number }[] = [{ what: 'the bucket name', extra: suffix }];
      if (props.replication && props.replication.destinationBucketName === undefined) {
        derived.push({
          what: `the replica name ("${REPLICA_SUFFIX}")`,
          extra: suffix + REPLICA_SUFFIX.length,
        });
      }
      const logging = props.accessLogging;
      if (logging && isCreatedLogBucket(logging) && logging.bucketName === undefined) {
        derived.push({
          what: `the log bucket name ("${ACCESS_LOG_SUFFIX}")`,
          extra: suffix + ACCESS_LOG_SUFFIX.length,
        });
      }
      for (const d of derived) {
        const length = base.length + d.extra;
        v.check(
          length <= MAX_BUCKET_NAME,
          'bucketName',
          base,
          `is too long: ${d.what}${props.randomSuffix ? ' with the random suffix' : ''} would have ${length} characters (max ${MAX_BUCKET_NAME})`,
          `shorten bucketName to at most ${MAX_BUCKET_NAME - d.extra} characters`,
        );
      }
    }

    v.checkOptional(
      props.kmsKeyArn,
      (arn) => KMS_KEY_ARN_RE.test(arn),
      'kmsKeyArn',
      'is not a KMS key ARN',
      'use a key ARN such as "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not a key id or alias: IAM policies need the key ARN)',
    );
    v.checkIntRange(props.logsExpirationInDays, 1, MAX_DAYS, 'logsExpirationInDays');
    v.checkIntRange(
      props.noncurrentVersionExpirationInDays,
      1,
      MAX_DAYS,
      'noncurrentVersionExpirationInDays',
    );
    v.checkIntRange(
      props.dataIntelligentTieringAfterDays,
      0,
      MAX_DAYS,
      'dataIntelligentTieringAfterDays',
      'set dataIntelligentTieringAfterDays to a whole number of days from 0 (at once) to 36500',
    );

    v.checkOptional(
      props.region,
      isValidRegion,
      'region',
      'is not an AWS region name',
      'use a region such as "us-east-1"',
    );
    this.validateAccessLogging(v, props);
    this.validateReplication(v, props);
    v.throwIfInvalid();
  }

  private validateAccessLogging(v: Validator, props: ModelMonitoringBucketProps): void {
    const logging = props.accessLogging;
    if (!logging) return;
    const asExisting = logging as Partial<ExistingLogBucket>;
    const asCreated = logging as Partial<CreatedLogBucket>;
    if (asExisting.targetBucketName !== undefined && asCreated.createLogBucket !== undefined) {
      v.add(
        'accessLogging',
        logging,
        'sets both targetBucketName and createLogBucket',
        'either log to an existing bucket (targetBucketName) or create one (createLogBucket: true)',
      );
      return;
    }
    if (isCreatedLogBucket(logging)) {
      v.check(
        logging.createLogBucket === true,
        'accessLogging.createLogBucket',
        logging.createLogBucket,
        'must be true',
        'set createLogBucket: true, or use targetBucketName for an existing bucket',
      );
      v.checkIntRange(logging.expirationInDays, 1, MAX_DAYS, 'accessLogging.expirationInDays');
      if (logging.bucketName !== undefined)
        this.checkBucketName(v, 'accessLogging.bucketName', logging.bucketName);
      return;
    }
    if (asExisting.targetBucketName === undefined) {
      v.add(
        'accessLogging',
        logging,
        'names no target',
        'set targetBucketName (an existing log bucket) or createLogBucket: true',
      );
      return;
    }
    this.checkBucketName(v, 'accessLogging.targetBucketName', logging.targetBucketName);
    v.check(
      logging.targetBucketName !== props.bucketName,
      'accessLogging.targetBucketName',
      logging.targetBucketName,
      'is the bucket itself (every log object would be logged again)',
      'use a separate log bucket, or createLogBucket: true',
    );
    v.checkOptional(
      logging.targetPrefix,
      (p) => !p.startsWith('/'),
      'accessLogging.targetPrefix',
      "must not start with '/'",
      'use a prefix such as "s3-access-logs/"',
    );
  }

  private validateReplication(v: Validator, props: ModelMonitoringBucketProps): void {
    const r = props.replication;
    if (!r) return;
    v.check(
      isValidRegion(r.destinationRegion),
      'replication.destinationRegion',
      r.destinationRegion,
      'is not an AWS region name',
      'use a region such as "eu-west-1"',
    );
    const sourceRegion = props.region ?? defaultProviderRegion(this);
    if (sourceRegion !== undefined) {
      v.check(
        r.destinationRegion !== sourceRegion,
        'replication.destinationRegion',
        r.destinationRegion,
        `is the bucket's own region (${sourceRegion}); cross-region replication needs another region`,
        'choose a different region for the replica',
      );
    }
    const providerRegion = r.provider.region;
    if (providerRegion !== undefined && !isUnresolved(providerRegion)) {
      v.check(
        providerRegion === r.destinationRegion,
        'replication.provider',
        providerRegion,
        `is configured for ${providerRegion}, not destinationRegion ${r.destinationRegion}`,
        'pass the provider alias created for destinationRegion',
      );
    }
    if (r.destinationBucketName !== undefined) {
      this.checkBucketName(v, 'replication.destinationBucketName', r.destinationBucketName);
      v.check(
        r.destinationBucketName !== props.bucketName,
        'replication.destinationBucketName',
        r.destinationBucketName,
        'is the source bucket name',
        'use a different name, e.g. "<bucket name>-replica"',
      );
    }
    if (r.prefixes !== undefined) {
      v.check(
        r.prefixes.length > 0,
        'replication.prefixes',
        r.prefixes,
        'is empty, so nothing would be replicated',
        'list at least one prefix, e.g. ["models/"], or turn replication off',
      );
      r.prefixes.forEach((p, i) =>
        v.check(
          isValidKeyPrefix(p),
          `replication.prefixes[${i}]`,
          p,
          "is not a key prefix (no leading '/', no wildcards, ending in '/')",
          'use a prefix such as "models/"',
        ),
      );
      const duplicates = r.prefixes.filter((p, i) => r.prefixes?.indexOf(p) !== i);
      v.check(
        duplicates.length === 0,
        'replication.prefixes',
        r.prefixes,
        `lists ${[...new Set(duplicates)].join(', ')} more than once`,
        'list each prefix once',
      );
    }
    v.checkOptional(
      r.storageClass,
      (c) => REPLICA_STORAGE_CLASSES.includes(c),
      'replication.storageClass',
      'is not a storage class replication can write',
      `use one of ${REPLICA_STORAGE_CLASSES.join(', ')}`,
    );
    if (props.kmsKeyArn !== undefined && r.destinationKmsKeyArn === undefined) {
      v.add(
        'replication.destinationKmsKeyArn',
        undefined,
        'is required when kmsKeyArn is set: SSE-KMS objects are replicated only with a key in the destination region',
        `set destinationKmsKeyArn to a KMS key ARN in ${r.destinationRegion} (or a replica of a multi-Region key)`,
      );
    }
    if (r.destinationKmsKeyArn !== undefined && !isUnresolved(r.destinationKmsKeyArn)) {
      const m = KMS_KEY_ARN_RE.exec(r.destinationKmsKeyArn);
      if (!m) {
        v.add(
          'replication.destinationKmsKeyArn',
          r.destinationKmsKeyArn,
          'is not a KMS key ARN',
          `use a key ARN such as "arn:aws:kms:${r.destinationRegion}:111122223333:key/<key-id>"`,
        );
      } else {
        v.check(
          m[1] === r.destinationRegion,
          'replication.destinationKmsKeyArn',
          r.destinationKmsKeyArn,
          `is a key in ${m[1]}, not in destinationRegion ${r.destinationRegion}`,
          `use a KMS key in ${r.destinationRegion}`,
        );
      }
    }
  }

  private checkBucketName(v: Validator, field: string, name: string): void {
    const problems = bucketNameProblems(name);
    v.check(
      problems.length === 0,
      field,
      name,
      `is not a valid S3 bucket name (${problems.join('; ')})`,
      'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    );
  }
}
