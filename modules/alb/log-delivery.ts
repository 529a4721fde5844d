import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { partitionOfRegion } from '../core/regions';

/**
 * The Elastic Load Balancing account that writes access and connection logs, per region that
 * existed before August 2022. In these regions the log bucket policy must name
 * `arn:<partition>:iam::<account>:root`; regions opened later use the service principal
 * {@link ELB_LOG_DELIVERY_SERVICE} instead. Kept as constants (the source is the Elastic Load
 * Balancing user guide, "Enable access logs", and the AWS provider's `aws_elb_service_account`),
 * so that no data source has to call AWS at plan time.
 *
 * | region          | ELB account  |  | region          | ELB account  |
 * |-----------------|--------------|--|-----------------|--------------|
 * | us-east-1       | 127311923021 |  | eu-central-1    | 054676820928 |
 * | us-east-2       | 033677994240 |  | eu-west-1       | 156460612806 |
 * | us-west-1       | 027434742980 |  | eu-west-2       | 652711504416 |
 * | us-west-2       | 797873946194 |  | eu-west-3       | 009996457667 |
 * | af-south-1      | 098369216593 |  | eu-south-1      | 635631232127 |
 * | ap-east-1       | 754344448648 |  | eu-north-1      | 897822967062 |
 * | ap-south-1      | 718504428378 |  | me-south-1      | 076674570225 |
 * | ap-northeast-1  | 582318560864 |  | sa-east-1       | 507241528517 |
 * | ap-northeast-2  | 600734575887 |  | ca-central-1    | 985666609251 |
 * | ap-northeast-3  | 383597477331 |  | us-gov-west-1   | 048591011584 |
 * | ap-southeast-1  | 114774131450 |  | us-gov-east-1   | 190560391635 |
 * | ap-southeast-2  | 783225319266 |  | cn-north-1      | 638102146993 |
 * | ap-southeast-3  | 589379963580 |  | cn-northwest-1  | 037604701340 |
 */
export const ELB_ACCOUNT_IDS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** The log-delivery service principal of regions opened in or after August 2022. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** Who writes the logs in `region`: the regional ELB account, or the log-delivery service. */
export function elbLogDeliveryPrincipal(region: string): { type: 'AWS' | 'Service'; identifier: string } {
  const account = ELB_ACCOUNT_IDS[region];
  return account
    ? { type: 'AWS', identifier: `arn:${partitionOfRegion(region) ?? 'aws'}:iam::${account}:root` }
    : { type: 'Service', identifier: ELB_LOG_DELIVERY_SERVICE };
}

/** Inputs of {@link elbLogDeliveryStatement}. */
export interface ElbLogDeliveryOptions {
  /** ARN of the log bucket. */
  readonly bucketArn: string;
  /** Region of the load balancer (picks the principal, see {@link ELB_ACCOUNT_IDS}). */
  readonly region: string;
  /** Account that owns the load balancer; logs land under `<prefix>/AWSLogs/<account>/`. */
  readonly accountId: string;
  /**
   * Key prefixes the load balancer writes under (its access-log prefix, and its connection-log
   * prefix if enabled), without leading or trailing '/'. `''` is the bucket root.
   */
  readonly prefixes: readonly string[];
  /** Statement id. @default 'AllowElbLogDelivery' */
  readonly sid?: string;
}

/**
 * The bucket-policy statement that lets Elastic Load Balancing write access and connection logs:
 * `s3:PutObject` on `<prefix>/AWSLogs/<account>/*` only, for the regional principal. Add it to a
 * bucket you manage yourself (`SecureBucket.addToResourcePolicy`) when you pass `bucketName`.
 */
export function elbLogDeliveryStatement(options: ElbLogDeliveryOptions): DataAwsIamPolicyDocumentStatement {
  const principal = elbLogDeliveryPrincipal(options.region);
  return {
    sid: options.sid ?? 'AllowElbLogDelivery',
    effect: 'Allow',
    principals: [{ type: principal.type, identifiers: [principal.identifier] }],
    actions: ['s3:PutObject'],
    resources: options.prefixes.map(
      (p) => `${options.bucketArn}/${p === '' ? '' : `${p}/`}AWSLogs/${options.accountId}/*`,
    ),
  };
}
