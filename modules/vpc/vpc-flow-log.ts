import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Tags, withName } from '../core/tags';
import { LOGS_ACTIONS } from '../iam/actions/logs';
import { requireProps } from '../core/validation';

/** Which packets a flow log records. */
export type FlowLogTrafficType = 'ALL' | 'ACCEPT' | 'REJECT';

/** Settings every flow-log destination shares. */
interface FlowLogsCommon {
  /**
   * Which packets to record. `REJECT` alone is the cheapest way to see blocked probes; `ALL` is
   * what an incident investigation needs.
   * @default 'ALL'
   */
  readonly trafficType?: FlowLogTrafficType;
  /**
   * Seconds over which packets are aggregated into one record: 600 (AWS default, fewer records)
   * or 60 (finer detail, more log volume).
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
}

/** Flow logs delivered to a CloudWatch Logs group that this module creates. */
export interface CloudWatchFlowLogsConfig extends FlowLogsCommon {
  readonly destination: 'cloudWatch';
  /**
   * Days to keep flow-log records; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30,
   * 60, 90, ...; 0 = never expire).
   * @default 30
   */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN that encrypts the log group. The key policy must allow the `logs.<region>.amazonaws.com`
   * service principal. Without it CloudWatch Logs encrypts with its own key at no extra cost.
   * @default - CloudWatch Logs service-owned encryption
   */
  readonly kmsKeyArn?: string;
}

/** Flow logs delivered to an existing S3 bucket (cheaper storage, queried with Athena). */
export interface S3FlowLogsConfig extends FlowLogsCommon {
  readonly destination: 's3';
  /**
   * ARN of the bucket, optionally with a key prefix: `arn:aws:s3:::my-logs` or
   * `arn:aws:s3:::my-logs/vpc/`. The bucket policy must allow `delivery.logs.amazonaws.com` to
   * write (see the module README); this module does not change the bucket.
   */
  readonly bucketArn: string;
  /**
   * Object format. Parquet is smaller and faster to query with Athena; plain text is readable
   * with any tool.
   * @default 'plain-text'
   */
  readonly fileFormat?: 'plain-text' | 'parquet';
  /**
   * Partition objects by hour instead of by day (helps when querying short windows).
   * @default false
   */
  readonly perHourPartition?: boolean;
}

/** Flow logs turned off. The VPC then keeps no record of accepted or rejected connections. */
export interface NoFlowLogsConfig {
  readonly destination: 'none';
}

/** Where VPC flow logs go. */
export type FlowLogsConfig = CloudWatchFlowLogsConfig | S3FlowLogsConfig | NoFlowLogsConfig;

/** Default flow-log retention in CloudWatch Logs (days). */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 30;

/** Props of {@link VpcFlowLog}. Validated by the {@link Vpc} that creates it. */
export interface VpcFlowLogProps {
  /** Name prefix for the log group, IAM role and `Name` tags, e.g. `orders-dev`. */
  readonly name: string;
  readonly vpcId: string;
  /** Region of the VPC, used to scope the role's trust policy to flow logs in that region. */
  readonly region: string;
  /** ARN partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: string;
  readonly config: CloudWatchFlowLogsConfig | S3FlowLogsConfig;
  readonly tags?: Tags;
}

/**
 * One VPC flow log, delivered to a new CloudWatch log group (with an IAM role that only the
 * flow-logs service, for flow logs in this region, can assume) or to an existing S3 bucket.
 *
 * The trust policy cannot use `aws:SourceAccount` because the module has no account id (it
 * makes no AWS API calls, so no `aws_caller_identity`). It uses `aws:SourceArn` with
 * `arn:<partition>:ec2:<region>:*:vpc-flow-log/*` instead, which stops the role being used for
 * other services or regions; the role's permissions only reach this one log group, so a
 * confused deputy in another account could at most write records into it.
 */
export class VpcFlowLog extends Construct {
  public readonly flowLogId: string;
  /** Log group name (CloudWatch destination only). */
  public readonly logGroupName?: string;
  /** Log group ARN (CloudWatch destination only). */
  public readonly logGroupArn?: string;
  /** ARN of the delivery role (CloudWatch destination only). */
  public readonly roleArn?: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      vpcId: 'string',
      region: 'string',
      partition: 'string',
      config: 'object',
    });
    const config = props.config;
    const common = {
      vpcId: props.vpcId,
      trafficType: config.trafficType ?? 'ALL',
      maxAggregationInterval: config.maxAggregationIntervalSeconds ?? 600,
      tags: withName(`${props.name}-flow-log`, props.tags),
    };

    if (config.destination === 's3') {
      const flowLog = new FlowLog(this, 'flow-log', {
        ...common,
        logDestinationType: 's3',
        logDestination: config.bucketArn,
        destinationOptions: {
          fileFormat: config.fileFormat ?? 'plain-text',
          perHourPartition: config.perHourPartition ?? false,
          hiveCompatiblePartitions: false,
        },
      });
      this.flowLogId = flowLog.id;
      return;
    }

    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/vpc-flow-logs/${props.name}`,
      retentionInDays: config.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
      kmsKeyId: config.kmsKeyArn,
      tags: withName(`${props.name}-flow-logs`, props.tags),
    });

    const trust = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [
        {
          sid: 'FlowLogsAssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${props.partition}:ec2:${props.region}:*:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      name: `${props.name}-vpc-flow-logs`,
      description: `Delivers VPC flow logs of ${props.name} to CloudWatch Logs`,
      assumeRolePolicy: trust.json,
      tags: withName(`${props.name}-vpc-flow-logs`, props.tags),
    });
    const permissions = new DataAwsIamPolicyDocument(this, 'delivery-policy', {
      statement: [
        {
          sid: 'WriteFlowLogRecords',
          effect: 'Allow',
          actions: [...LOGS_ACTIONS.writeEvents],
          resources: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'delivery', {
      name: 'flow-log-delivery',
      role: role.id,
      policy: permissions.json,
    });

    const flowLog = new FlowLog(this, 'flow-log', {
      ...common,
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
    });
    this.flowLogId = flowLog.id;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.roleArn = role.arn;
  }
}
