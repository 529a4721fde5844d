import { str } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

/** Alarm types and the arguments that name SNS topics. */
const ALARM_TYPES: readonly string[] = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'];
const ACTION_ATTRIBUTES: readonly string[] = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'];

/** The AWS-managed SNS key, by alias or alias ARN. */
const AWS_MANAGED_SNS_KEY_RE = /(^|:)alias\/aws\/sns$/;

export const snsAlarmTopicKey: PolicyRule = {
  id: 'MLM-SNS-002',
  title:
    'SNS topics that CloudWatch alarms notify are not encrypted with the AWS-managed key (alias/aws/sns)',
  rationale:
    "The AWS-managed key's policy can't be changed to let cloudwatch.amazonaws.com use it, so an alarm " +
    'publishing to a topic encrypted with alias/aws/sns fails silently: the alarm fires and no ' +
    'notification is ever delivered.',
  level: 'error',
  fix:
    'encrypt the topic with a customer-managed KMS key whose policy grants cloudwatch.amazonaws.com ' +
    'kms:Decrypt and kms:GenerateDataKey*',
  appliesTo: ['aws_sns_topic'],
  check: (ctx) => {
    const alarms = ALARM_TYPES.flatMap((t) => ctx.stack.resources(t)).filter((a) =>
      ACTION_ATTRIBUTES.some((attr) => ctx.stack.pointsAt(a.config[attr], ctx.resource)),
    );
    if (alarms.length === 0) return notApplicable('no CloudWatch alarm in this stack notifies the topic');
    const keyValue = ctx.resource.config.kms_master_key_id;
    // A data.aws_kms_alias / data.aws_kms_key lookup of the managed key counts as the managed key.
    const lookup = ctx.stack.resolve(keyValue);
    const key =
      lookup?.mode === 'data' ? (str(lookup.config.name) ?? str(lookup.config.key_id)) : str(keyValue);
    if (key !== undefined && AWS_MANAGED_SNS_KEY_RE.test(key)) {
      return nonCompliant(
        `kms_master_key_id is ${key} and alarms ${alarms.map((a) => a.path).join(', ')} publish to it`,
      );
    }
    return compliant();
  },
};
