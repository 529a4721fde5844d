import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { Cloudtrail, CloudtrailEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Validator } from '../core/validation';
import {
  LOG_RETENTION_DAYS,
  bucketNameProblems,
  isKmsKeyArn,
  isSnsTopicArn,
  isValidLogRetention,
  isValidRegion,
} from '../core/aws-rules';
import { PARTITIONS, isAccountId, isPartition, isS3BucketArn } from '../core/arn';
import { Partition, partitionOfRegion } from '../core/regions';
import { Tags, withName } from '../core/tags';
import { Role } from '../iam/role';
import { CLOUDTRAIL_ACTIONS } from '../iam/actions/cloudtrail';
import { SecureBucket } from '../s3/secure-bucket';
import { trailNameProblems } from './trail-name';

/** CloudTrail Insights event types. */
export type InsightType = 'ApiCallRateInsight' | 'ApiErrorRateInsight';
const INSIGHT_TYPES: readonly InsightType[] = ['ApiCallRateInsight', 'ApiErrorRateInsight'];

/** Which S3 data events to record. */
export type DataEventReadWriteType = 'All' | 'ReadOnly' | 'WriteOnly';
const READ_WRITE_TYPES: readonly DataEventReadWriteType[] = ['All', 'ReadOnly', 'WriteOnly'];

/** Create a bucket for the trail bucket's S3 server access logs. */
export interface TrailCreatedAccessLogBucket {
  readonly createLogBucket: true;
  /** Name of the log bucket. @default '<bucketName>-access-logs' */
  readonly bucketName?: string;
  /** Days before access-log objects expire. @default 365 */
  readonly expirationInDays?: number;
}

/**
 * Deliver the trail bucket's S3 server access logs to an existing bucket (same account and region;
 * its policy must let `logging.s3.amazonaws.com` write, e.g. a `SecureBucket` with
 * `serverAccessLogsDelivery`).
 */
export interface TrailExistingAccessLogBucket {
  /** Name of the existing log bucket. */
  readonly targetBucketName: string;
  /** Key prefix of the log objects. @default '<bucketName>/' */
  readonly targetPrefix?: string;
}

/** Where the trail bucket's own S3 server access logs go (a separate bucket; never the trail bucket). */
export type TrailAccessLogging = TrailCreatedAccessLogBucket | TrailExistingAccessLogBucket;

/** Props of {@link Trail}. */
export interface TrailProps {
  /**
   * Trail name: 3-128 ASCII letters, digits, '.', '_' and '-', starting and ending with a letter or
   * digit, no two of '.', '_', '-' in a row, not an IP address. Also names the key alias
   * (`alias/<name>`), the log group and the delivery role (`<name>-logs`, so at most 59 characters
   * while CloudWatch Logs delivery is on).
   */
  readonly trailName: string;
  /**
   * Account id (12 digits) the trail logs. The bucket and key policies name it: CloudTrail may write
   * only for this trail of this account (`aws:SourceArn`). No data source looks it up, so the
   * stack plans offline.
   */
  readonly accountId: string;
  /** Home region of the trail (where it, its bucket, key and log group live), e.g. `us-east-1`. */
  readonly region: string;
  /** AWS partition of the ARNs in the policies. @default - the region's partition (`aws`, `aws-cn`, `aws-us-gov`) */
  readonly partition?: Partition;
  /**
   * KMS key ARN that encrypts the log files (SSE-KMS) and the log group. Its key policy must let
   * `cloudtrail.amazonaws.com` call `kms:GenerateDataKey*` and `kms:DescribeKey` for this trail and,
   * with CloudWatch Logs delivery, `logs.<region>.amazonaws.com` use it for the log group.
   * @default - a customer managed key created here ($1/month, rotation on) with exactly that policy
   */
  readonly kmsKeyArn?: string;
  /** Waiting period (7-30 days) before the created key is deleted for good. Only without `kmsKeyArn`. @default 30 */
  readonly keyDeletionWindowInDays?: number;
  /**
   * Name of the bucket the trail writes to (globally unique). It is a `SecureBucket`: versioned,
   * public access blocked, TLS only, and its policy lets CloudTrail write only for this trail.
   * @default '<trailName>-<accountId>'
   */
  readonly bucketName?: string;
  /**
   * Key prefix of the log files in the bucket (`<prefix>/AWSLogs/<account>/...`): up to 200
   * characters, no leading or trailing '/'.
   * @default - none (`AWSLogs/<account>/...`)
   */
  readonly s3KeyPrefix?: string;
  /**
   * Days after which log files expire from the bucket (current versions; noncurrent versions follow
   * `noncurrentVersionExpirationInDays`). Audit requirements often ask for one year or more.
   * @default 365
   */
  readonly logExpirationInDays?: number;
  /**
   * Days after which log files move to S3 Glacier Flexible Retrieval (about a sixth of the
   * Standard storage price; objects are billed for at least 90 days there and take minutes to
   * hours to restore). `logExpirationInDays` must be at least this plus 90.
   * @default - no transition
   */
  readonly glacierTransitionAfterDays?: number;
  /** Days before noncurrent (overwritten or deleted) object versions expire. @default 90 */
  readonly noncurrentVersionExpirationInDays?: number;
  /**
   * Terraform `prevent_destroy` on the trail bucket and a created access-log bucket, so no plan
   * can delete the audit record. Turn it off only for throwaway accounts.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Where the trail bucket's S3 server access logs go (who read or deleted which log file).
   * @default - { createLogBucket: true }: a SecureBucket `<bucketName>-access-logs` (SSE-S3, logs expire after 365 days)
   */
  readonly accessLogging?: TrailAccessLogging;
  /**
   * Also deliver events to a CloudWatch Logs log group (encrypted with the trail key), for metric
   * filters and alarms on API activity (root logins, policy changes). Costs $0.50 per GB ingested
   * plus storage; management events of a small account are a few MB a day.
   * @default true
   */
  readonly cloudWatchLogs?: boolean;
  /** Retention of the log group, a value CloudWatch Logs accepts (not 0). @default 90 */
  readonly cloudWatchLogsRetentionInDays?: number;
  /** Name of the log group. @default '/aws/cloudtrail/<trailName>' */
  readonly logGroupName?: string;
  /**
   * Record a trail in every region (one trail, one bucket). Off records only `region`: activity in
   * other regions (where an intruder would go) is not logged.
   * @default true
   */
  readonly multiRegion?: boolean;
  /** Record events of global services (IAM, STS, CloudFront). Off loses IAM changes. @default true */
  readonly includeGlobalServiceEvents?: boolean;
  /**
   * Buckets (ARNs `arn:aws:s3:::<name>`) whose object-level API calls (GetObject, PutObject,
   * DeleteObject) are recorded as S3 data events: $0.10 per 100,000 events. Never list the trail
   * bucket itself (each delivery would log itself).
   * @default - no data events
   */
  readonly s3DataEventBucketArns?: string[];
  /** Which S3 data events to record. Only with `s3DataEventBucketArns`. @default 'All' */
  readonly s3DataEventReadWriteType?: DataEventReadWriteType;
  /**
   * CloudTrail Insights: detect unusual API call or error rates in write management events.
   * $0.35 per 100,000 events analysed, per insight type.
   * @default - none
   */
  readonly insightTypes?: InsightType[];
  /**
   * SNS topic (name or ARN) notified of every log file delivery. Its topic policy must let
   * `cloudtrail.amazonaws.com` publish.
   * @default - no notifications
   */
  readonly snsTopicName?: string;
  /** Tags of every resource; `Name` is set per resource. @default - none */
  readonly tags?: Tags;
}

/** The resolved trail settings (defaults applied). */
interface Resolved {
  readonly partition: Partition;
  readonly bucketName: string;
  readonly logGroupName: string;
  readonly cloudWatchLogs: boolean;
  readonly accessLogging: TrailAccessLogging;
  readonly logExpirationInDays: number;
  readonly preventDestroy: boolean;
}

const LOG_GROUP_NAME_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const S3_PREFIX_RE = /^[A-Za-z0-9!_.*'()/-]{1,200}$/;
const TOPIC_NAME_RE = /^[A-Za-z0-9_-]{1,256}$/;
const ACCESS_LOG_SUFFIX = '-access-logs';
const ROLE_SUFFIX = '-logs';

/**
 * An AWS CloudTrail trail with the controls audits ask for, on by default: every region, global
 * service events, log file integrity validation, SSE-KMS with a customer managed key, delivery to
 * CloudWatch Logs, and its own protected S3 bucket.
 *
 * | Resource           | What it does                                                                       |
 * |--------------------|------------------------------------------------------------------------------------|
 * | KMS key + alias    | Encrypts log files and the log group; policy scoped to this trail (`aws:SourceArn`, encryption context) |
 * | trail bucket       | `SecureBucket`; policy lets CloudTrail write `AWSLogs/<account>/` for this trail only; lifecycle; `prevent_destroy` |
 * | access-log bucket  | Receives the trail bucket's server access logs (policy rule MLM-S3-005)            |
 * | log group + role   | Events in CloudWatch Logs; the role may only write streams of that group           |
 * | trail              | Multi-region, global events, validation; optional S3 data events and Insights      |
 *
 * Account id, region and partition come from props: the policies are literal JSON, readable in the
 * plan, and nothing calls AWS at plan time.
 */
export class Trail extends Construct {
  /** The trail resource. */
  public readonly trail: Cloudtrail;
  /** Trail name. */
  public readonly trailName: string;
  /** Trail ARN (a reference, so dependents wait for the trail). */
  public readonly trailArn: string;
  /** The bucket the trail writes to. */
  public readonly bucket: SecureBucket;
  /** Name of the trail bucket. */
  public readonly bucketName: string;
  /** ARN of the trail bucket. */
  public readonly bucketArn: string;
  /** The bucket receiving the trail bucket's access logs, when created here. */
  public readonly accessLogBucket?: SecureBucket;
  /** KMS key ARN encrypting the log files (created here or passed in). */
  public readonly kmsKeyArn: string;
  /** The key, when created here. */
  public readonly key?: KmsKey;
  /** The CloudWatch Logs log group, when delivery is on. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** Name of the log group, when delivery is on. */
  public readonly logGroupName?: string;
  /** The role CloudTrail assumes to write to the log group, when delivery is on. */
  public readonly deliveryRole?: Role;

  constructor(scope: Construct, id: string, props: TrailProps) {
    super(scope, id);
    const r = validate(this, props);
    const { accountId, region, trailName } = props;
    const p = r.partition;
    const trailArnLiteral = `arn:${p}:cloudtrail:${region}:${accountId}:trail/${trailName}`;
    const logGroupArnLiteral = `arn:${p}:logs:${region}:${accountId}:log-group:${r.logGroupName}`;
    const bucketArnLiteral = `arn:${p}:s3:::${r.bucketName}`;
    const tags = props.tags;
    const dependencies: ITerraformDependable[] = [];

    // Key
    if (props.kmsKeyArn === undefined) {
      const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
        statement: keyPolicyStatements({
          partition: p,
          accountId,
          region,
          trailName,
          trailArn: trailArnLiteral,
          logGroupArn: r.cloudWatchLogs ? logGroupArnLiteral : undefined,
        }),
      });
      this.key = new KmsKey(this, 'key', {
        description: `Encrypts the log files of CloudTrail trail ${trailName}`,
        enableKeyRotation: true,
        deletionWindowInDays: props.keyDeletionWindowInDays ?? 30,
        policy: keyPolicy.json,
        tags: withName(trailName, tags),
      });
      new KmsAlias(this, 'key-alias', {
        name: `alias/${trailName.replace(/\./g, '-')}`,
        targetKeyId: this.key.keyId,
      });
      dependencies.push(this.key);
    }
    this.kmsKeyArn = props.kmsKeyArn ?? (this.key as KmsKey).arn;

    // Buckets: the access-log bucket first, so the trail bucket can name it.
    const logging = r.accessLogging;
    let accessLogTarget: { targetBucket: string; targetPrefix: string };
    if ('createLogBucket' in logging) {
      const logBucketName = logging.bucketName ?? `${r.bucketName}${ACCESS_LOG_SUFFIX}`;
      const targetPrefix = `${r.bucketName}/`;
      this.accessLogBucket = new SecureBucket(this, 'access-logs', {
        bucketName: logBucketName,
        noncurrentVersionExpirationInDays: 30,
        preventDestroy: r.preventDestroy,
        lifecycleRules: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: [{}],
            expiration: [{ days: logging.expirationInDays ?? 365 }],
          },
        ],
        serverAccessLogsDelivery: {
          sourceBucketArns: [bucketArnLiteral],
          targetPrefix,
          sourceAccountId: accountId,
        },
        tags,
      });
      accessLogTarget = { targetBucket: this.accessLogBucket.bucketName, targetPrefix };
    } else {
      accessLogTarget = {
        targetBucket: logging.targetBucketName,
        targetPrefix: logging.targetPrefix ?? `${r.bucketName}/`,
      };
    }

    const prefix = props.s3KeyPrefix ? `${props.s3KeyPrefix}/` : '';
    const sourceArn = { test: 'StringEquals', variable: 'aws:SourceArn', values: [trailArnLiteral] };
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: r.bucketName,
      noncurrentVersionExpirationInDays: props.noncurrentVersionExpirationInDays ?? 90,
      preventDestroy: r.preventDestroy,
      accessLogging: accessLogTarget,
      lifecycleRules: [trailLogLifecycle(r.logExpirationInDays, props.glacierTransitionAfterDays)],
      policyStatements: [
        {
          sid: 'CloudTrailAclCheck',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: [...CLOUDTRAIL_ACTIONS.bucketAclCheck],
          resources: [bucketArnLiteral],
          condition: [sourceArn],
        },
        {
          sid: 'CloudTrailWrite',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: [...CLOUDTRAIL_ACTIONS.bucketWrite],
          resources: [`${bucketArnLiteral}/${prefix}AWSLogs/${accountId}/*`],
          condition: [
            { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
            sourceArn,
          ],
        },
      ],
      tags,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    // CloudTrail checks at creation that it may write: the bucket policy must exist first.
    dependencies.push(this.bucket.node.findChild('policy') as S3BucketPolicy);

    // CloudWatch Logs
    if (r.cloudWatchLogs) {
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        name: r.logGroupName,
        retentionInDays: props.cloudWatchLogsRetentionInDays ?? 90,
        kmsKeyId: this.kmsKeyArn,
        tags: withName(r.logGroupName, tags),
      });
      this.logGroupName = this.logGroup.name;
      this.deliveryRole = new Role(this, 'logs-role', {
        name: `${trailName}${ROLE_SUFFIX}`,
        assumedBy: ['cloudtrail.amazonaws.com'],
        description: `Lets CloudTrail trail ${trailName} write to log group ${r.logGroupName}`,
        trustConditions: [
          { test: 'StringEquals', variable: 'aws:SourceArn', values: [trailArnLiteral] },
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
        ],
        tags,
      });
      // A multi-region trail writes one stream per region (`<account>_CloudTrail_<region>`), all in
      // this group: the grant covers the group's streams and nothing else.
      this.deliveryRole.addStatements({
        sid: 'CloudTrailLogDelivery',
        effect: 'Allow',
        actions: [...CLOUDTRAIL_ACTIONS.logsDelivery],
        resources: [`${logGroupArnLiteral}:log-stream:*`],
      });
      dependencies.push(this.logGroup, this.deliveryRole.node.findChild('policy') as IamRolePolicy);
    }

    // Trail
    const dataEvents = props.s3DataEventBucketArns ?? [];
    const eventSelector: CloudtrailEventSelector[] | undefined =
      dataEvents.length > 0
        ? [
            {
              readWriteType: props.s3DataEventReadWriteType ?? 'All',
              includeManagementEvents: true,
              dataResource: [{ type: 'AWS::S3::Object', values: dataEvents.map((a) => `${a}/`) }],
            },
          ]
        : undefined;
    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      isMultiRegionTrail: props.multiRegion ?? true,
      includeGlobalServiceEvents: props.includeGlobalServiceEvents ?? true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.kmsKeyArn,
      cloudWatchLogsGroupArn: this.logGroup ? `${this.logGroup.arn}:*` : undefined,
      cloudWatchLogsRoleArn: this.deliveryRole?.roleArn,
      snsTopicName: props.snsTopicName,
      eventSelector,
      insightSelector: props.insightTypes?.map((insightType) => ({ insightType })),
      tags: withName(trailName, tags),
      dependsOn: dependencies,
    });
    this.trailName = this.trail.name;
    this.trailArn = this.trail.arn;
  }
}

/** Inputs of {@link keyPolicyStatements}. */
interface KeyPolicyInput {
  readonly partition: Partition;
  readonly accountId: string;
  readonly region: string;
  readonly trailName: string;
  readonly trailArn: string;
  /** The log group encrypted with the key, when CloudWatch Logs delivery is on. */
  readonly logGroupArn?: string;
}

/**
 * The key policy: IAM policies of the account decide who else may use the key (the first
 * statement, as in the default key policy); CloudTrail may encrypt only for this trail; CloudWatch
 * Logs may use the key only for this trail's log group.
 */
function keyPolicyStatements(k: KeyPolicyInput): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: 'EnableIamPolicies',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: [`arn:${k.partition}:iam::${k.accountId}:root`] }],
      actions: ['kms:*'],
      resources: ['*'],
    },
    {
      sid: 'CloudTrailEncryptLogs',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
      actions: [...CLOUDTRAIL_ACTIONS.keyEncrypt],
      resources: ['*'],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceArn', values: [k.trailArn] },
        {
          // The encryption context is the trail ARN; a multi-region trail's other regions share it.
          test: 'StringLike',
          variable: 'kms:EncryptionContext:aws:cloudtrail:arn',
          values: [`arn:${k.partition}:cloudtrail:*:${k.accountId}:trail/${k.trailName}`],
        },
      ],
    },
    {
      sid: 'CloudTrailDescribeKey',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
      actions: [...CLOUDTRAIL_ACTIONS.keyDescribe],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [k.trailArn] }],
    },
  ];
  if (k.logGroupArn) {
    const suffix = k.partition === 'aws-cn' ? '.amazonaws.com.cn' : '.amazonaws.com';
    statements.push({
      sid: 'CloudWatchLogsEncryptLogGroup',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: [`logs.${k.region}${suffix}`] }],
      actions: [...CLOUDTRAIL_ACTIONS.logsKeyUse],
      resources: ['*'],
      condition: [
        { test: 'ArnEquals', variable: 'kms:EncryptionContext:aws:logs:arn', values: [k.logGroupArn] },
      ],
    });
  }
  return statements;
}

/** The lifecycle rule of the trail's log files. */
function trailLogLifecycle(
  expirationInDays: number,
  glacierTransitionAfterDays: number | undefined,
): S3BucketLifecycleConfigurationRule {
  return {
    id: 'trail-log-retention',
    status: 'Enabled',
    filter: [{}],
    expiration: [{ days: expirationInDays }],
    transition:
      glacierTransitionAfterDays === undefined
        ? undefined
        : [{ days: glacierTransitionAfterDays, storageClass: 'GLACIER' }],
  };
}

function validate(scope: Construct, props: TrailProps): Resolved {
  const v = new Validator(scope);
  const nameProblems = trailNameProblems(props.trailName);
  v.check(
    nameProblems.length === 0,
    'trailName',
    props.trailName,
    `is not a valid trail name (${nameProblems.join('; ')})`,
    'use a name such as "org-audit-trail"',
  );
  v.check(
    isAccountId(props.accountId),
    'accountId',
    props.accountId,
    'is not a 12-digit AWS account id',
    'pass the id of the account the trail logs, e.g. "123456789012"',
  );
  const regionOk = isValidRegion(props.region);
  v.check(regionOk, 'region', props.region, 'is not an AWS region name', 'use a region such as "us-east-1"');
  const regionPartition = regionOk ? partitionOfRegion(props.region) : undefined;
  const partition = props.partition ?? regionPartition ?? 'aws';
  v.check(
    isPartition(partition),
    'partition',
    props.partition,
    `is not an AWS partition (${PARTITIONS.join(', ')})`,
    'leave it unset to derive it from the region',
  );
  v.check(
    !(props.partition !== undefined && regionPartition !== undefined && regionPartition !== props.partition),
    'partition',
    props.partition,
    `does not match region ${props.region} (partition ${regionPartition})`,
    'leave it unset to derive it from the region',
  );
  v.checkOptional(
    props.kmsKeyArn,
    (a) => isKmsKeyArn(a),
    'kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases are not accepted), or leave it unset to create a key',
  );
  v.checkIntRange(props.keyDeletionWindowInDays, 7, 30, 'keyDeletionWindowInDays');
  v.check(
    !(props.keyDeletionWindowInDays !== undefined && props.kmsKeyArn !== undefined),
    'keyDeletionWindowInDays',
    props.keyDeletionWindowInDays,
    'has no effect with kmsKeyArn (no key is created)',
    'remove keyDeletionWindowInDays, or remove kmsKeyArn to create a key',
  );

  const bucketName = props.bucketName ?? `${props.trailName}-${props.accountId}`;
  const bucketProblems = bucketNameProblems(bucketName);
  v.check(
    bucketProblems.length === 0,
    'bucketName',
    bucketName,
    `is not a valid S3 bucket name (${bucketProblems.join('; ')})${props.bucketName === undefined ? ' (derived from trailName and accountId)' : ''}`,
    'set bucketName to 3-63 lowercase letters, digits, dots and hyphens',
  );
  v.checkOptional(
    props.s3KeyPrefix,
    (p) => S3_PREFIX_RE.test(p) && !p.startsWith('/') && !p.endsWith('/'),
    's3KeyPrefix',
    "is not a key prefix CloudTrail accepts (1-200 characters, no leading or trailing '/')",
    'use a prefix such as "cloudtrail", or leave it unset',
  );

  const logExpirationInDays = props.logExpirationInDays ?? 365;
  v.checkIntRange(props.logExpirationInDays, 1, 36500, 'logExpirationInDays');
  v.checkIntRange(props.glacierTransitionAfterDays, 1, 36500, 'glacierTransitionAfterDays');
  const transition = props.glacierTransitionAfterDays;
  v.check(
    transition === undefined || transition + 90 <= logExpirationInDays,
    'glacierTransitionAfterDays',
    transition,
    `leaves log files less than the 90-day minimum storage duration in Glacier before they expire (logExpirationInDays ${logExpirationInDays})`,
    logExpirationInDays > 90
      ? `move log files after at most ${logExpirationInDays - 90} days, or keep them longer`
      : `keep log files at least ${(transition ?? 0) + 90} days, or remove glacierTransitionAfterDays`,
  );
  v.checkIntRange(props.noncurrentVersionExpirationInDays, 1, 36500, 'noncurrentVersionExpirationInDays');

  const accessLogging: TrailAccessLogging = props.accessLogging ?? { createLogBucket: true };
  if ('createLogBucket' in accessLogging) {
    v.check(
      accessLogging.createLogBucket === true,
      'accessLogging.createLogBucket',
      accessLogging.createLogBucket,
      'must be true',
      'set createLogBucket: true, or pass targetBucketName for an existing log bucket',
    );
    const logBucketName = accessLogging.bucketName ?? `${bucketName}${ACCESS_LOG_SUFFIX}`;
    const logProblems = bucketNameProblems(logBucketName);
    v.check(
      logProblems.length === 0,
      'accessLogging.bucketName',
      logBucketName,
      `is not a valid S3 bucket name (${logProblems.join('; ')})`,
      accessLogging.bucketName === undefined
        ? `set accessLogging.bucketName, or shorten bucketName to at most ${63 - ACCESS_LOG_SUFFIX.length} characters`
        : 'use 3-63 lowercase letters, digits, dots and hyphens',
    );
    v.check(
      logBucketName !== bucketName,
      'accessLogging.bucketName',
      logBucketName,
      'is the trail bucket itself',
      'use a separate log bucket',
    );
    v.checkIntRange(accessLogging.expirationInDays, 1, 36500, 'accessLogging.expirationInDays');
  } else {
    const targetProblems = bucketNameProblems(accessLogging.targetBucketName ?? '');
    v.check(
      targetProblems.length === 0,
      'accessLogging.targetBucketName',
      accessLogging.targetBucketName,
      `is not a valid S3 bucket name (${targetProblems.join('; ')})`,
      'pass the name of an existing log bucket, or use { createLogBucket: true }',
    );
    v.check(
      accessLogging.targetBucketName !== bucketName,
      'accessLogging.targetBucketName',
      accessLogging.targetBucketName,
      'is the trail bucket itself: every log delivery would log itself',
      'use a separate log bucket, or { createLogBucket: true }',
    );
  }

  const cloudWatchLogs = props.cloudWatchLogs ?? true;
  const logGroupName = props.logGroupName ?? `/aws/cloudtrail/${props.trailName}`;
  if (cloudWatchLogs) {
    v.checkOptional(
      props.cloudWatchLogsRetentionInDays,
      (d) => d !== 0 && isValidLogRetention(d),
      'cloudWatchLogsRetentionInDays',
      `is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.filter((d) => d > 0).join(', ')}; 0, never expire, is refused)`,
      'use one of the listed values, e.g. 90',
    );
    v.check(
      LOG_GROUP_NAME_RE.test(logGroupName),
      'logGroupName',
      logGroupName,
      "is not a log group name (1-512 of letters, digits, '.', '-', '_', '/', '#')",
      'use a name such as "/aws/cloudtrail/audit"',
    );
    const roleName = `${props.trailName}${ROLE_SUFFIX}`;
    v.check(
      roleName.length <= 64,
      'trailName',
      props.trailName,
      `is too long for the delivery role name "${roleName}" (IAM allows 64 characters)`,
      `shorten trailName to at most ${64 - ROLE_SUFFIX.length} characters, or set cloudWatchLogs: false`,
    );
  } else {
    for (const [field, value] of [
      ['cloudWatchLogsRetentionInDays', props.cloudWatchLogsRetentionInDays],
      ['logGroupName', props.logGroupName],
    ] as const) {
      v.check(
        value === undefined,
        field,
        value,
        'has no effect with cloudWatchLogs: false',
        `remove ${field}, or turn cloudWatchLogs on`,
      );
    }
  }

  const dataEvents = props.s3DataEventBucketArns ?? [];
  dataEvents.forEach((arn, i) => {
    v.checkOptional(
      arn,
      (a) => isS3BucketArn(a),
      `s3DataEventBucketArns[${i}]`,
      'is not an S3 bucket ARN',
      'pass "arn:aws:s3:::<bucket>" (no key part)',
    );
    v.check(
      arn !== `arn:${partition}:s3:::${bucketName}`,
      `s3DataEventBucketArns[${i}]`,
      arn,
      'is the trail bucket: every log delivery would record a data event, which is delivered again',
      'leave the trail bucket out (its server access logs cover it)',
    );
  });
  const duplicates = dataEvents.filter((a, i) => dataEvents.indexOf(a) !== i);
  v.check(
    duplicates.length === 0,
    's3DataEventBucketArns',
    duplicates,
    'lists a bucket more than once',
    'list each bucket once',
  );
  v.check(
    props.s3DataEventReadWriteType === undefined ||
      (dataEvents.length > 0 && READ_WRITE_TYPES.includes(props.s3DataEventReadWriteType)),
    's3DataEventReadWriteType',
    props.s3DataEventReadWriteType,
    dataEvents.length > 0
      ? `is not one of ${READ_WRITE_TYPES.join(', ')}`
      : 'has no effect without s3DataEventBucketArns',
    dataEvents.length > 0
      ? 'use "All", "ReadOnly" or "WriteOnly"'
      : 'remove it, or list buckets in s3DataEventBucketArns',
  );
  const insights = props.insightTypes ?? [];
  v.check(
    insights.every((t) => INSIGHT_TYPES.includes(t)) && new Set(insights).size === insights.length,
    'insightTypes',
    props.insightTypes,
    `must list distinct values of ${INSIGHT_TYPES.join(', ')}`,
    'use ["ApiCallRateInsight"] and/or "ApiErrorRateInsight", each once',
  );
  v.checkOptional(
    props.snsTopicName,
    (t) => TOPIC_NAME_RE.test(t) || isSnsTopicArn(t),
    'snsTopicName',
    'is neither an SNS topic name nor a topic ARN',
    'pass a topic name such as "cloudtrail-deliveries" or its ARN',
  );
  v.throwIfInvalid();
  return {
    partition: partition as Partition,
    bucketName,
    logGroupName,
    cloudWatchLogs,
    accessLogging,
    logExpirationInDays,
    preventDestroy: props.preventDestroy ?? true,
  };
}
