import { Construct } from 'constructs';
import { Fn, TerraformProvider, Token } from 'cdktf';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Validator, requireProps } from '../core/validation';
import { isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { providerRegion } from '../core/providers';
import { Tags, withName } from '../core/tags';
import { SecureBucket } from '../s3/secure-bucket';

/** File formats CloudFront standard logging (v2) writes. `parquet` only to S3. */
export type AccessLogFormat = 'json' | 'plain' | 'w3c' | 'parquet';

/** Deliver to an S3 bucket (its policy gets the delivery statement). */
export interface AccessLogsToS3 {
  readonly type: 's3';
  /**
   * The bucket. A statement letting `delivery.logs.amazonaws.com` put objects under `prefix`,
   * limited to this delivery source of this account, is added to its policy. The bucket must use
   * SSE-S3 (a KMS key would need its own key-policy grant for the delivery service).
   */
  readonly bucket: SecureBucket;
  /** Key prefix, ending in `/`. @default 'cloudfront/' */
  readonly prefix?: string;
}

/** Deliver to a CloudWatch Logs log group in us-east-1, created here. */
export interface AccessLogsToCloudWatchLogs {
  readonly type: 'cloudWatchLogs';
  /** @default '/aws/cloudfront/<name>' */
  readonly logGroupName?: string;
  /** Days kept (a value CloudWatch Logs accepts, not 0). @default 90 */
  readonly retentionInDays?: number;
  /** KMS key of the log group (policy must allow `logs.us-east-1.amazonaws.com`). @default - service key */
  readonly kmsKeyArn?: string;
}

/** Props of {@link CloudFrontAccessLogs}. */
export interface CloudFrontAccessLogsProps {
  /**
   * Prefix of the delivery source and destination names (`<name>-access-logs`,
   * `<name>-access-logs-<type>`): 1-40 letters, digits, `-` or `_`.
   */
  readonly name: string;
  /** ARN of the distribution, e.g. `aws_cloudfront_distribution.arn`. */
  readonly distributionArn: string;
  /** Where the logs go. */
  readonly destination: AccessLogsToS3 | AccessLogsToCloudWatchLogs;
  /**
   * Record format. JSON is what Athena and CloudWatch Logs Insights read without a custom parser;
   * Parquet (S3 only) is smaller and faster to query but costs extra per GB converted.
   * @default 'json'
   */
  readonly outputFormat?: AccessLogFormat;
  /**
   * Provider for us-east-1, where CloudFront's delivery sources (and a CloudWatch Logs
   * destination) must be created. Synthesis fails when it is omitted and the stack's default
   * provider is known to be in another region.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Tags for every resource. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[\w-]{1,40}$/;
const PREFIX_RE = /^([a-zA-Z0-9!_.'()-]+\/)+$/;
const LOG_GROUP_RE = /^[\w\-/.#]{1,512}$/;

/** Partition and account of an ARN known only at apply time (`arn:<p>:<svc>:<region>:<account>:...`). */
function arnPartitionAndAccount(arn: string): { partition: string; account: string } {
  const parts = Fn.split(':', arn);
  return {
    partition: Token.asString(Fn.element(parts, 1)),
    account: Token.asString(Fn.element(parts, 4)),
  };
}

/**
 * CloudFront standard logging (v2): a CloudWatch Logs delivery source for the distribution's
 * `ACCESS_LOGS`, a delivery destination (an S3 bucket or a log group) and the delivery joining
 * them, all in us-east-1.
 *
 * Why v2 and not the distribution's `logging_config`: legacy standard logging writes through S3
 * ACLs, so its bucket must have ACLs enabled (object ownership `BucketOwnerPreferred` or
 * `ObjectWriter`), which conflicts with `BucketOwnerEnforced` on every bucket here and with
 * policy rule MLM-S3-007. v2 delivers as `delivery.logs.amazonaws.com` under a bucket-policy
 * statement, so the log bucket keeps ACLs disabled. It is billed as CloudWatch vended logs (per
 * GB delivered), where legacy logging was free apart from storage.
 *
 * The bucket-policy statement is written here rather than left to AWS: AWS would append it to
 * the policy on first delivery, and the next `terraform apply` would remove it again.
 */
export class CloudFrontAccessLogs extends Construct {
  public readonly deliverySource: CloudwatchLogDeliverySource;
  public readonly deliveryDestination: CloudwatchLogDeliveryDestination;
  public readonly delivery: CloudwatchLogDelivery;
  /** The log group, for a CloudWatch Logs destination. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** Where the records land: `s3://<bucket>/<prefix>` or the log group name. */
  public readonly location: string;

  constructor(scope: Construct, id: string, props: CloudFrontAccessLogsProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      distributionArn: 'string',
      destination: 'object',
      'destination.type': 'string',
    });
    const dest = props.destination;
    const format = props.outputFormat ?? 'json';
    const v = new Validator(this);
    validateAccessLogs(v, props, this);
    v.throwIfInvalid();

    const provider = props.provider;
    const sourceName = `${props.name}-access-logs`;
    this.deliverySource = new CloudwatchLogDeliverySource(this, 'source', {
      provider,
      name: sourceName,
      logType: 'ACCESS_LOGS',
      resourceArn: props.distributionArn,
      tags: withName(sourceName, props.tags),
    });

    let destinationArn: string;
    if (dest.type === 's3') {
      const prefix = dest.prefix ?? 'cloudfront/';
      const { partition, account } = arnPartitionAndAccount(props.distributionArn);
      const sourceArn = `arn:${partition}:logs:us-east-1:${account}:delivery-source:${sourceName}`;
      const conditions = [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
      ];
      dest.bucket.addToResourcePolicy(
        {
          sid: 'AllowCloudFrontLogDelivery',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [`${dest.bucket.bucketArn}/${prefix}*`],
          condition: [
            { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
            ...conditions,
          ],
        },
        {
          // Delivery checks the bucket before writing; without these it logs AccessDenied in CloudTrail.
          sid: 'AllowCloudFrontLogDeliveryCheck',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
          actions: ['s3:GetBucketAcl', 's3:ListBucket'],
          resources: [dest.bucket.bucketArn],
          condition: conditions,
        },
      );
      destinationArn = `${dest.bucket.bucketArn}/${prefix.slice(0, -1)}`;
      this.location = `s3://${dest.bucket.bucketName}/${prefix}`;
    } else {
      const logGroupName = dest.logGroupName ?? `/aws/cloudfront/${props.name}`;
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        provider,
        name: logGroupName,
        retentionInDays: dest.retentionInDays ?? 90,
        kmsKeyId: dest.kmsKeyArn,
        tags: withName(logGroupName, props.tags),
      });
      destinationArn = this.logGroup.arn;
      this.location = this.logGroup.name;
    }

    const destinationName = `${sourceName}-${dest.type === 's3' ? 's3' : 'cwl'}`;
    this.deliveryDestination = new CloudwatchLogDeliveryDestination(this, 'destination', {
      provider,
      name: destinationName,
      outputFormat: format,
      deliveryDestinationConfiguration: [{ destinationResourceArn: destinationArn }],
      tags: withName(destinationName, props.tags),
    });
    this.delivery = new CloudwatchLogDelivery(this, 'delivery', {
      provider,
      deliverySourceName: this.deliverySource.name,
      deliveryDestinationArn: this.deliveryDestination.arn,
      // One folder per distribution and hour, which Athena partition projection can use.
      s3DeliveryConfiguration:
        dest.type === 's3'
          ? [{ suffixPath: '{DistributionId}/{yyyy}/{MM}/{dd}/{HH}', enableHiveCompatiblePath: false }]
          : undefined,
      tags: withName(`${sourceName}-delivery`, props.tags),
    });
  }
}

/** Problems with {@link CloudFrontAccessLogsProps}, collected into `v`. */
export function validateAccessLogs(v: Validator, props: CloudFrontAccessLogsProps, scope: Construct): void {
  // The constructor's requireProps has made sure the name is a string.
  v.check(
    NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-40 letters, digits, "-" or "_" (delivery source names are limited to 60 characters)',
    'use a short name such as "shop-prod"',
  );
  const region = providerRegion(scope, props.provider);
  v.check(
    region === undefined || region === 'us-east-1',
    'provider',
    region,
    'is not in us-east-1, where CloudFront log delivery sources must be created',
    "pass a provider for us-east-1, e.g. new AwsProvider(stack, 'us-east-1', { alias: 'us-east-1', region: 'us-east-1' })",
  );
  const dest = props.destination;
  const format = props.outputFormat ?? 'json';
  const formats: AccessLogFormat[] =
    dest.type === 's3' ? ['json', 'plain', 'w3c', 'parquet'] : ['json', 'plain'];
  v.check(
    formats.includes(format),
    'outputFormat',
    format,
    `is not a format CloudFront delivers to ${dest.type === 's3' ? 'S3' : 'CloudWatch Logs'}`,
    `use one of ${formats.join(', ')}`,
  );
  if (dest.type === 's3') {
    v.checkOptional(
      dest.prefix,
      (p) => PREFIX_RE.test(p),
      'destination.prefix',
      'is not a folder-style key prefix (segments of letters, digits and !_.\'()-, each ending in "/")',
      'use a prefix such as "cloudfront/"',
    );
    v.check(
      dest.bucket.kmsKeyArn === undefined,
      'destination.bucket',
      dest.bucket.kmsKeyArn,
      'is encrypted with a KMS key, which the log delivery service may not use',
      'deliver to an SSE-S3 bucket (the default of SecureBucket)',
    );
  } else {
    v.checkOptional(
      dest.logGroupName,
      (n) => LOG_GROUP_RE.test(n),
      'destination.logGroupName',
      'is not a log group name (1-512 of letters, digits and _-/.#)',
      'use a name such as "/aws/cloudfront/shop-prod"',
    );
    v.checkOptional(
      dest.retentionInDays,
      (d) => d !== 0 && isValidLogRetention(d),
      'destination.retentionInDays',
      'is not a retention CloudWatch Logs accepts (0, never expire, is refused)',
      `use an accepted value such as ${nearestLogRetention(dest.retentionInDays ?? 1)}`,
    );
  }
}
