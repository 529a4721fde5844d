import { Construct } from 'constructs';
import { Annotations, Fn, TerraformProvider, Token } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Validator, isUnresolved } from '../core/validation';
import { isKmsKeyReference, isValidEmail } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { SNS_ACTIONS } from '../iam/actions/sns';

/** A KMS key ARN (IAM policies need the ARN; a key id or alias cannot be a Resource). */
const KMS_KEY_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** Key ids that name the AWS managed SNS key, which CloudWatch alarms can't use. */
const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;
/** SNS topic names: 1-256 letters, digits, '-' and '_'. */
const TOPIC_NAME_RE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Records a problem when `keyId` is not a KMS key reference (key id, key ARN, alias name or alias
 * ARN), or names the AWS managed SNS key (see {@link AlarmTopic}). Unset and unresolved values pass.
 */
export function checkTopicKey(v: Validator, field: string, keyId: string | undefined): void {
  if (keyId === undefined || isUnresolved(keyId)) return;
  if (typeof keyId !== 'string' || !isKmsKeyReference(keyId)) {
    v.add(
      field,
      keyId,
      'is not a KMS key id, key ARN, alias name or alias ARN',
      'pass e.g. "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" or "alias/alarms", ' +
        'or leave it unset to create a customer managed key',
    );
    return;
  }
  v.check(
    !AWS_MANAGED_SNS_KEY.test(keyId),
    field,
    keyId,
    'is the AWS managed key, whose key policy does not let CloudWatch alarms publish (notifications would be dropped)',
    'leave it unset to create a customer managed key, or pass a key whose policy allows cloudwatch.amazonaws.com',
  );
}

/**
 * Records a problem per malformed address and one for addresses listed twice (case-insensitive);
 * a value that is not a list is one problem.
 */
export function checkEmails(v: Validator, field: string, emails: readonly string[]): void {
  if (!Array.isArray(emails)) {
    v.add(
      field,
      emails,
      'must be a list of e-mail addresses',
      'pass e.g. ["oncall@example.com"], or [] for none',
    );
    return;
  }
  emails.forEach((email, i) =>
    v.check(
      typeof email === 'string' && isValidEmail(email),
      `${field}[${i}]`,
      email,
      'is not an e-mail address',
      'use an address such as "oncall@example.com"',
    ),
  );
  const lower = emails.map((e) => String(e).toLowerCase());
  const duplicates = emails.filter((_, i) => lower.indexOf(lower[i]) !== i);
  v.check(
    duplicates.length === 0,
    field,
    emails,
    `lists ${[...new Set(duplicates)].join(', ')} more than once`,
    'list each address once',
  );
}

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /** Topic name (1-256 letters, digits, '-', '_'); the key alias is `alias/<topicName>`. */
  readonly topicName: string;
  /** E-mail addresses to subscribe. Each must confirm the subscription from the e-mail SNS sends. */
  readonly emails: readonly string[];
  /**
   * KMS key (id, ARN or alias) that encrypts the topic. Its key policy must allow the
   * `cloudwatch.amazonaws.com` principal `kms:Decrypt` and `kms:GenerateDataKey*`, or alarm
   * notifications are silently dropped; the AWS managed key `alias/aws/sns` does not, and is
   * rejected.
   * @default - a customer managed key created here ($1/month) with such a key policy
   */
  readonly kmsKeyId?: string;
  /** Waiting period (7-30 days) before a deleted key is gone for good. @default 30 */
  readonly keyDeletionWindowInDays?: number;
  /**
   * Also let EventBridge rules of this account publish (e.g. ECS deployment-failure alerts): a
   * topic-policy statement for `events.amazonaws.com` limited by `aws:SourceAccount` and
   * `aws:SourceArn` (`rule/*` of this account and region), and, on the key created here, a
   * key-policy statement letting `events.amazonaws.com` use the key (EventBridge must encrypt
   * what it publishes). With `kmsKeyId` given, that key's policy must allow it.
   * @default false
   */
  readonly allowEventBridgeRules?: boolean;
  /**
   * Provider every resource is created with, e.g. a us-east-1 provider for the topic of CloudFront
   * alarms (an alarm notifies only topics of its own region).
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Tags for the topic and the key; `Name` is set to the topic name. @default - none */
  readonly tags?: Tags;
}

/**
 * The SNS topic every alarm notifies: encrypted at rest, published to only by CloudWatch alarms of
 * this account (confused-deputy conditions) and only over TLS.
 *
 * Why a customer managed key: CloudWatch alarms publish to an encrypted topic only if the key
 * policy lets `cloudwatch.amazonaws.com` use the key. The AWS managed key `alias/aws/sns` has a
 * fixed policy without that grant, so alarms using it never deliver. The key created here grants
 * exactly that, limited by `aws:SourceAccount` and `aws:SourceArn` to this account's alarms.
 *
 * The key policy names the account root, but the account id isn't known at synth without a data
 * source that calls AWS. So the key is created with the default policy and `aws_kms_key_policy`
 * replaces it with one built from the key's own ARN (`arn:<partition>:kms:<region>:<account>:key/...`).
 */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  /** The KMS key encrypting the topic (ARN when created here, otherwise what was passed). */
  public readonly kmsKeyId: string;
  /** The key created here; undefined when `kmsKeyId` was passed. */
  public readonly key?: KmsKey;
  /** ARN of the key for IAM statements: the created key, or `kmsKeyId` when it is a key ARN. */
  private readonly keyArnForGrants?: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const v = new Validator(this);
    v.check(
      typeof props.topicName === 'string' && TOPIC_NAME_RE.test(props.topicName),
      'topicName',
      props.topicName,
      "is not a valid SNS topic name (1-256 letters, digits, '-', '_')",
      'use a name such as "orders-dev-alarms"',
    );
    checkTopicKey(v, 'kmsKeyId', props.kmsKeyId);
    v.checkIntRange(props.keyDeletionWindowInDays, 7, 30, 'keyDeletionWindowInDays');
    checkEmails(v, 'emails', props.emails);
    v.throwIfInvalid();

    if (props.emails.length === 0) {
      Annotations.of(this).addWarning(
        `${props.topicName}: no e-mail subscriptions; alarms change state but notify nobody until the topic gets a subscriber`,
      );
    }

    let kmsKeyId = props.kmsKeyId;
    if (kmsKeyId === undefined) {
      this.key = new KmsKey(this, 'key', {
        provider: props.provider,
        description: `Encrypts the ${props.topicName} SNS topic; usable by this account's CloudWatch alarms`,
        enableKeyRotation: true,
        deletionWindowInDays: props.keyDeletionWindowInDays ?? 30,
        tags: withName(props.topicName, props.tags),
      });
      const [partition, region, account] = arnParts(this.key.arn);
      const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy-document', {
        provider: props.provider,
        statement: [
          {
            sid: 'EnableIamPolicies',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${account}:root`] }],
            actions: ['kms:*'],
            resources: ['*'],
          },
          {
            sid: 'AllowCloudWatchAlarms',
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            condition: alarmSourceConditions(partition, region, account),
          },
          ...(props.allowEventBridgeRules
            ? [
                {
                  // EventBridge calls KMS itself to encrypt for the topic; the topic policy below
                  // decides which rules may publish.
                  sid: 'AllowEventBridgeRules',
                  effect: 'Allow',
                  principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
                  actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
                  resources: ['*'],
                },
              ]
            : []),
        ],
      });
      new KmsKeyPolicy(this, 'key-policy', {
        keyId: this.key.keyId,
        policy: keyPolicy.json,
        provider: props.provider,
      });
      new KmsAlias(this, 'key-alias', {
        name: `alias/${props.topicName}`,
        targetKeyId: this.key.keyId,
        provider: props.provider,
      });
      kmsKeyId = this.key.arn;
    }
    this.kmsKeyId = kmsKeyId;

    this.topic = new SnsTopic(this, 'topic', {
      provider: props.provider,
      name: props.topicName,
      kmsMasterKeyId: this.kmsKeyId,
      tags: withName(props.topicName, props.tags),
    });
    this.topicArn = this.topic.arn;

    const [partition, region, account] = arnParts(this.topic.arn);
    const topicPolicy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      provider: props.provider,
      statement: [
        {
          sid: 'AllowCloudWatchAlarmsToPublish',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: alarmSourceConditions(partition, region, account),
        },
        ...(props.allowEventBridgeRules
          ? [
              {
                sid: 'AllowEventBridgeRulesToPublish',
                effect: 'Allow',
                principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
                actions: ['sns:Publish'],
                resources: [this.topic.arn],
                condition: [
                  { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
                  {
                    test: 'ArnLike',
                    variable: 'aws:SourceArn',
                    values: [`arn:${partition}:events:${region}:${account}:rule/*`],
                  },
                ],
              },
            ]
          : []),
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new SnsTopicPolicy(this, 'topic-policy', {
      arn: this.topic.arn,
      policy: topicPolicy.json,
      provider: props.provider,
    });

    this.keyArnForGrants = this.key
      ? this.key.arn
      : KMS_KEY_ARN_RE.test(this.kmsKeyId)
        ? this.kmsKeyId
        : undefined;

    for (const email of props.emails) {
      // Keyed by address, so removing one subscriber leaves the others in place.
      new SnsTopicSubscription(this, `email-${email.toLowerCase()}`, {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: email,
        provider: props.provider,
      });
    }
  }

  /**
   * Lets the grantee publish to the topic (e.g. an application or Grafana sending its own alerts
   * to the on-call addresses). Publishing to an encrypted topic also needs the key: SNS generates
   * and decrypts a data key on the publisher's behalf, so the grantee gets `kms:GenerateDataKey`
   * and `kms:Decrypt` on it, only through SNS (`kms:ViaService`). The created key's policy
   * delegates to IAM, so that statement suffices; when `kmsKeyId` is not a key ARN (an alias or
   * a key id), no key statement is added and that key's policy must admit the grantee.
   */
  public grantPublish(grantee: IGrantable): void {
    grantee.addStatements({
      sid: 'AlarmTopicPublish',
      effect: 'Allow',
      actions: [...SNS_ACTIONS.publish],
      resources: [this.topicArn],
    });
    if (this.keyArnForGrants === undefined) return;
    grantee.addStatements({
      sid: 'AlarmTopicKeyViaSns',
      effect: 'Allow',
      actions: [...KMS_ACTIONS.publishViaSns],
      resources: [this.keyArnForGrants],
      condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['sns.*.amazonaws.com'] }],
    });
  }
}

/** Partition, region and account of an ARN that is only known at apply time. */
function arnParts(arn: string): [string, string, string] {
  const parts = Fn.split(':', arn);
  return [1, 3, 4].map((i) => Token.asString(Fn.element(parts, i))) as [string, string, string];
}

/** Only alarms of this account and region may use the topic and its key (confused deputy). */
function alarmSourceConditions(partition: string, region: string, account: string) {
  return [
    { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
    {
      test: 'ArnLike',
      variable: 'aws:SourceArn',
      values: [`arn:${partition}:cloudwatch:${region}:${account}:alarm:*`],
    },
  ];
}
