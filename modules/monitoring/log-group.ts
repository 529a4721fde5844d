import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Validator, requireProps } from '../core/validation';
import { isKmsKeyArn, isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { IGrantable, grantLogsWrite } from '../iam/grants';

/** Log group names: 1-512 characters of letters, digits and `_-/.#`. */
const LOG_GROUP_NAME_RE = /^[A-Za-z0-9_\-/.#]{1,512}$/;

/** Props of {@link LogGroup}. */
export interface LogGroupProps {
  /**
   * Log group name, 1-512 characters of letters, digits and `_-/.#`, e.g. `/orders/dev/api`.
   * Names starting with `aws/` are reserved by AWS.
   */
  readonly name: string;
  /**
   * Days to keep log events: a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120,
   * 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653). Policy rule
   * MLM-LOG-001 refuses groups that keep events forever.
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN that encrypts the events. The key policy must allow
   * `logs.<region>.amazonaws.com` to use it for this group. Without it CloudWatch Logs encrypts
   * with its own key, and policy rule MLM-LOG-002 warns.
   * @default - CloudWatch Logs' service-owned encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * Leave the group and its events in place when Terraform destroys the resource (they are then
   * no longer managed, and still billed).
   * @default false
   */
  readonly skipDestroy?: boolean;
  /** Tags of the group; `Name` is set to the group name. @default - none */
  readonly tags?: Tags;
}

/**
 * A CloudWatch Logs log group with a retention, optional KMS encryption, and the grant a writer
 * needs: `grantWrite(role)` (create streams, put events) from `LOGS_ACTIONS.writeEvents`, scoped
 * to this group.
 */
export class LogGroup extends Construct {
  /** The log group resource. */
  public readonly logGroup: CloudwatchLogGroup;
  /** Log group name. */
  public readonly logGroupName: string;
  /** Log group ARN (without the `:*` suffix). */
  public readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: LogGroupProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      'retentionInDays?': 'number',
      'kmsKeyArn?': 'string',
      'tags?': 'object',
    });
    const v = new Validator(this);
    v.checkOptional(
      props.name,
      (n) => LOG_GROUP_NAME_RE.test(n) && !n.startsWith('aws/'),
      'name',
      'is not a log group name (1-512 characters of letters, digits and _-/.#, not starting with "aws/")',
      'use a name such as "/orders/dev/api"',
    );
    v.checkOptional(
      props.retentionInDays,
      isValidLogRetention,
      'retentionInDays',
      'is not a retention CloudWatch Logs accepts',
      `use ${nearestLogRetention(props.retentionInDays ?? 1)}, the nearest accepted value at or above it`,
    );
    v.checkOptional(
      props.kmsKeyArn,
      isKmsKeyArn,
      'kmsKeyArn',
      'is not a KMS key ARN',
      'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (CloudWatch Logs does not take aliases)',
    );
    v.throwIfInvalid();

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.name,
      retentionInDays: props.retentionInDays ?? 90,
      kmsKeyId: props.kmsKeyArn,
      skipDestroy: props.skipDestroy ? true : undefined,
      tags: withName(props.name, props.tags),
    });
    this.logGroupName = this.logGroup.name;
    this.logGroupArn = this.logGroup.arn;
  }

  /**
   * Lets the grantee create streams in and write events to this group (`LOGS_ACTIONS.writeEvents`
   * on the group and its streams). Not `CreateLogGroup`: Terraform owns the group.
   */
  public grantWrite(grantee: IGrantable): void {
    grantLogsWrite(grantee, [this.logGroupArn]);
  }
}
