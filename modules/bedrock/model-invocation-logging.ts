import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { ACCOUNT_ID_RE } from '../core/arn';
import { partitionOfRegion } from '../core/regions';
import { isValidLogRetention, isValidRegion, nearestLogRetention, isKmsKeyArn } from '../core/aws-rules';
import { checkS3Prefixes, IGrantable } from '../iam/grants';
import { Role } from '../iam/role';
import { LOGS_ACTIONS } from '../iam/actions/logs';
import { S3_ACTIONS } from '../iam/actions/s3';

/** A bucket that receives invocation logs (a `SecureBucket` fits). */
export interface InvocationLogBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** Adds the statement that lets Bedrock write the logs (SecureBucket has it). */
  addToResourcePolicy(...statements: DataAwsIamPolicyDocumentStatement[]): void;
  /** Lets a role put objects under prefixes (SecureBucket has it). */
  grantPut(grantee: IGrantable, ...prefixes: string[]): void;
}

/** Delivery to CloudWatch Logs. */
export interface InvocationLogCloudWatch {
  /** Log group name. @default '/aws/bedrock/model-invocations' */
  readonly logGroupName?: string;
  /** Retention of the log group. @default 30 */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN for the log group. Prompts and completions may hold personal data; a customer key
   * decides who can read them.
   * @default - AWS owned keys
   */
  readonly kmsKeyArn?: string;
  /**
   * Bucket for bodies larger than 100 KB (and binary data), which CloudWatch can't hold.
   * @default - large bodies are not delivered
   */
  readonly largeDataBucket?: InvocationLogBucket;
  /** Key prefix for large bodies (ending in '/'). @default 'bedrock-large-data/' */
  readonly largeDataKeyPrefix?: string;
}

/** Delivery to S3. */
export interface InvocationLogS3 {
  /** The bucket; a policy statement letting Bedrock write there is added to it. */
  readonly bucket: InvocationLogBucket;
  /** Key prefix (ending in '/'). @default 'bedrock-invocation-logs/' */
  readonly keyPrefix?: string;
}

/** Props of {@link ModelInvocationLogging}. */
export interface ModelInvocationLoggingProps {
  /** Account id (12 digits): scopes the role's trust and the bucket policy (confused deputy). */
  readonly accountId: string;
  /** Region of the stack's provider (the configuration is per account and region). */
  readonly region: string;
  /** Deliver to CloudWatch Logs. @default - not delivered to CloudWatch */
  readonly cloudWatch?: InvocationLogCloudWatch;
  /** Deliver to S3. @default - not delivered to S3 */
  readonly s3?: InvocationLogS3;
  /** Log prompts and completions of text models. @default true */
  readonly textDataDelivery?: boolean;
  /** Log image inputs and outputs (large). @default false */
  readonly imageDataDelivery?: boolean;
  /** Log embeddings (large). @default false */
  readonly embeddingDataDelivery?: boolean;
  /** Log video data (large). @default false */
  readonly videoDataDelivery?: boolean;
  /** Name of the role Bedrock assumes to write to CloudWatch Logs. @default 'bedrock-invocation-logging' */
  readonly roleName?: string;
  /** Tags. @default - none */
  readonly tags?: Tags;
}

const DEFAULT_LOG_GROUP = '/aws/bedrock/model-invocations';
const LOG_GROUP_NAME_RE = /^[A-Za-z0-9_\-/.#]{1,512}$/;

/**
 * Bedrock model invocation logging for the account and region: every request and response
 * (metadata, and the text, image, embedding or video bodies chosen) to CloudWatch Logs and/or S3.
 * There is one such configuration per account and region: create this construct once (e.g. in a
 * shared stack), not per application.
 *
 * Bedrock writes to CloudWatch Logs with a role (created here, trusted only for this account's
 * Bedrock) and to S3 through the bucket policy (a statement added to the bucket, limited to this
 * account's Bedrock and to `<prefix>AWSLogs/<account>/BedrockModelInvocationLogs/*`).
 */
export class ModelInvocationLogging extends Construct {
  public readonly configuration: BedrockModelInvocationLoggingConfiguration;
  public readonly logGroup?: CloudwatchLogGroup;
  public readonly role?: Role;

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps) {
    super(scope, id);
    requireProps(this, props, {
      accountId: 'string',
      region: 'string',
      'cloudWatch?': 'object',
      's3?': 'object',
    });
    validate(new Validator(this), props).throwIfInvalid();
    const partition = partitionOfRegion(props.region) ?? 'aws';
    const sourceArn = `arn:${partition}:bedrock:${props.region}:${props.accountId}:*`;
    const serviceConditions = [
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
    ];
    const dependsOn: ITerraformDependable[] = [];

    const cw = props.cloudWatch;
    let cloudwatchConfig;
    if (cw) {
      const name = cw.logGroupName ?? DEFAULT_LOG_GROUP;
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        name,
        retentionInDays: cw.retentionInDays ?? 30,
        kmsKeyId: cw.kmsKeyArn,
        tags: withName(name, props.tags),
      });
      this.role = new Role(this, 'role', {
        name: props.roleName ?? 'bedrock-invocation-logging',
        assumedBy: ['bedrock.amazonaws.com'],
        trustConditions: serviceConditions,
        description: 'Lets Amazon Bedrock write model invocation logs of this account to CloudWatch Logs',
        tags: props.tags,
      });
      this.role.addStatements({
        sid: 'WriteInvocationLogs',
        effect: 'Allow',
        actions: [...LOGS_ACTIONS.write],
        resources: [`${this.logGroup.arn}:log-stream:*`],
      });
      const largePrefix = cw.largeDataKeyPrefix ?? 'bedrock-large-data/';
      if (cw.largeDataBucket) cw.largeDataBucket.grantPut(this.role, largePrefix);
      cloudwatchConfig = {
        logGroupName: this.logGroup.name,
        roleArn: this.role.roleArn,
        largeDataDeliveryS3Config: cw.largeDataBucket
          ? { bucketName: cw.largeDataBucket.bucketName, keyPrefix: largePrefix.replace(/\/$/, '') }
          : undefined,
      };
      // Bedrock checks at configuration time that the role can write.
      const policy = this.role.node.tryFindChild('policy');
      if (policy instanceof TerraformResource) dependsOn.push(policy);
    }

    const s3 = props.s3;
    let s3Config;
    if (s3) {
      const prefix = s3.keyPrefix ?? 'bedrock-invocation-logs/';
      s3.bucket.addToResourcePolicy({
        sid: 'AllowBedrockInvocationLogs',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['bedrock.amazonaws.com'] }],
        actions: [...S3_ACTIONS.servicePut],
        resources: [
          `${s3.bucket.bucketArn}/${prefix}AWSLogs/${props.accountId}/BedrockModelInvocationLogs/*`,
        ],
        condition: serviceConditions,
      });
      s3Config = { bucketName: s3.bucket.bucketName, keyPrefix: prefix.replace(/\/$/, '') };
      const bucketPolicy = (s3.bucket as Partial<IConstruct>).node?.tryFindChild('policy');
      if (bucketPolicy instanceof TerraformResource) dependsOn.push(bucketPolicy);
    }

    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      loggingConfig: {
        textDataDeliveryEnabled: props.textDataDelivery ?? true,
        imageDataDeliveryEnabled: props.imageDataDelivery ?? false,
        embeddingDataDeliveryEnabled: props.embeddingDataDelivery ?? false,
        videoDataDeliveryEnabled: props.videoDataDelivery ?? false,
        cloudwatchConfig,
        s3Config,
      },
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }
}

function validate(v: Validator, props: ModelInvocationLoggingProps): Validator {
  v.checkOptional(
    props.accountId,
    (a) => ACCOUNT_ID_RE.test(a),
    'accountId',
    'is not a 12-digit account id',
    'pass e.g. "111122223333"',
  );
  v.checkOptional(
    props.region,
    (r) => isValidRegion(r),
    'region',
    'is not an AWS region',
    'pass e.g. "us-east-1"',
  );
  v.check(
    props.cloudWatch !== undefined || props.s3 !== undefined,
    'cloudWatch',
    undefined,
    'is missing and so is s3: invocation logs would go nowhere',
    'set cloudWatch, s3, or both',
  );
  const cw = props.cloudWatch;
  if (cw) {
    v.checkOptional(
      cw.logGroupName,
      (n) => LOG_GROUP_NAME_RE.test(n),
      'cloudWatch.logGroupName',
      'is not a log group name',
      `use e.g. "${DEFAULT_LOG_GROUP}"`,
    );
    v.checkOptional(
      cw.retentionInDays,
      (d) => isValidLogRetention(d) && d !== 0,
      'cloudWatch.retentionInDays',
      'is not a retention CloudWatch Logs accepts (0, "never expire", is refused)',
      `use e.g. ${nearestLogRetention(cw.retentionInDays ?? 30)}`,
    );
    v.checkOptional(
      cw.kmsKeyArn,
      (a) => isKmsKeyArn(a),
      'cloudWatch.kmsKeyArn',
      'is not a KMS key ARN',
      'pass "arn:aws:kms:<region>:<account>:key/<key-id>"',
    );
    if (cw.largeDataKeyPrefix !== undefined)
      checkS3Prefixes(v, 'cloudWatch.largeDataKeyPrefix', [cw.largeDataKeyPrefix]);
    v.check(
      cw.largeDataKeyPrefix === undefined || cw.largeDataBucket !== undefined,
      'cloudWatch.largeDataKeyPrefix',
      cw.largeDataKeyPrefix,
      'is set without largeDataBucket',
      'set largeDataBucket, or remove the prefix',
    );
  }
  if (props.s3?.keyPrefix !== undefined) checkS3Prefixes(v, 's3.keyPrefix', [props.s3.keyPrefix]);
  return v;
}
