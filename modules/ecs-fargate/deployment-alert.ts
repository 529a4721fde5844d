import { Construct } from 'constructs';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';

/** Props of {@link DeploymentFailureAlert}. */
export interface DeploymentFailureAlertProps {
  /** EventBridge rule name, 1-64 letters, digits, '.', '-' and '_'. */
  readonly ruleName: string;
  /** ARN of the ECS service to watch (the `id` of `aws_ecs_service`). */
  readonly serviceArn: string;
  /** Service name, for the rule description. */
  readonly serviceName: string;
  /**
   * SNS topic that receives the alert. Its topic policy must let `events.amazonaws.com` publish
   * (limited by `aws:SourceArn` to the rule), and if it is KMS-encrypted its key policy must let
   * `events.amazonaws.com` use `kms:Decrypt` and `kms:GenerateDataKey*`; otherwise EventBridge's
   * deliveries fail (visible only as `FailedInvocations` on the rule). `AlarmTopic` from
   * modules/monitoring does both with `allowEventBridgeRules: true`; for another topic, see
   * {@link eventBridgePublishStatement}.
   */
  readonly topicArn: string;
  /** Tags of the rule. @default - none */
  readonly tags?: Tags;
}

const RULE_NAME_RE = /^[.\-_A-Za-z0-9]{1,64}$/;
const TOPIC_ARN_RE = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** The ECS event a failed (circuit-broken) deployment emits. */
export const DEPLOYMENT_FAILED_EVENT = 'SERVICE_DEPLOYMENT_FAILED';

/**
 * Alerts when ECS gives up on a deployment of one service: an EventBridge rule on `ECS
 * Deployment State Change` events with `eventName = SERVICE_DEPLOYMENT_FAILED` for this service's
 * ARN, published to an SNS topic as one readable line.
 *
 * The deployment circuit breaker emits that event when the new tasks keep failing to start or to
 * pass health checks; with rollback on, ECS then returns the service to the last revision that
 * reached steady state. Without this alert, a rolled-back deployment looks like success: the
 * `terraform apply` (or `update-service`) returned, and the old version is serving.
 */
export class DeploymentFailureAlert extends Construct {
  public readonly rule: CloudwatchEventRule;
  public readonly ruleArn: string;
  public readonly ruleName: string;

  constructor(scope: Construct, id: string, props: DeploymentFailureAlertProps) {
    super(scope, id);
    requireProps(this, props, {
      ruleName: 'string',
      serviceArn: 'string',
      serviceName: 'string',
      topicArn: 'string',
    });
    const v = new Validator(this);
    v.check(
      RULE_NAME_RE.test(props.ruleName),
      'ruleName',
      props.ruleName,
      "must be 1-64 letters, digits, '.', '-' and '_'",
      'use a shorter name, e.g. "<service>-deploy-failed"',
    );
    v.checkOptional(
      props.topicArn,
      (a) => TOPIC_ARN_RE.test(a),
      'topicArn',
      'is not an SNS topic ARN',
      'pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn',
    );
    v.throwIfInvalid();

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.ruleName,
      description: `ECS deployment of ${props.serviceName} failed (circuit breaker tripped)`,
      eventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        resources: [props.serviceArn],
        detail: { eventName: [DEPLOYMENT_FAILED_EVENT] },
      }),
      tags: withName(props.ruleName, props.tags),
    });
    this.ruleArn = this.rule.arn;
    this.ruleName = props.ruleName;

    new CloudwatchEventTarget(this, 'topic', {
      rule: this.rule.name,
      arn: props.topicArn,
      inputTransformer: {
        inputPaths: {
          service: '$.resources[0]',
          deployment: '$.detail.deploymentId',
          reason: '$.detail.reason',
          time: '$.time',
        },
        // A quoted template makes SNS deliver plain text, not a JSON document.
        inputTemplate:
          '"ECS deployment <deployment> of <service> FAILED at <time>: <reason>. ' +
          'With rollback on, the service is back on the previous task definition revision: the new version is NOT running."',
      },
    });
  }
}

/**
 * The topic-policy statement that lets EventBridge rules of one account publish to a topic.
 * Add it to the topic's policy when the topic is not an `AlarmTopic` with
 * `allowEventBridgeRules: true`.
 */
export function eventBridgePublishStatement(
  topicArn: string,
  ruleArns: readonly string[],
): DataAwsIamPolicyDocumentStatement {
  return {
    sid: 'AllowEventBridgeRulesToPublish',
    effect: 'Allow',
    principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
    actions: ['sns:Publish'],
    resources: [topicArn],
    condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [...ruleArns] }],
  };
}
