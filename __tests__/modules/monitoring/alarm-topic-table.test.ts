import { TerraformStack, TerraformVariable } from 'cdktf';
import { Role } from '../../../modules/iam';
import { AlarmTopic, AlarmTopicProps } from '../../../modules/monitoring';
import { lazy } from '../../support/lazy';
import { errorOf, invalidMessage, synthJson, testStack } from '../../support/synth-json';

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TOPIC = 'aws_sns_topic.topic_8AEA7A18';
const KEY = 'aws_kms_key.topic_key_7CBCCCD6';

/** The Terraform expression for field `i` of the ARN attribute `arn` (`${element(split(...))}`). */
const part = (arn: string, i: number) => `\${element(split(":", ${arn}.arn), ${i})}`;

/** The conditions limiting a statement to CloudWatch alarms of the account and region of `arn`. */
const alarmConditions = (arn: string) => [
  { test: 'StringEquals', variable: 'aws:SourceAccount', values: [part(arn, 4)] },
  {
    test: 'ArnLike',
    variable: 'aws:SourceArn',
    values: [`arn:${part(arn, 1)}:cloudwatch:${part(arn, 3)}:${part(arn, 4)}:alarm:*`],
  },
];

function topicIn(stack: TerraformStack, props: Partial<AlarmTopicProps> = {}): AlarmTopic {
  return new AlarmTopic(stack, 'topic', {
    topicName: 'orders-dev-alarms',
    emails: ['oncall@example.com', 'OPS@Example.com'],
    ...props,
  });
}

function synthTopic(props: Partial<AlarmTopicProps> = {}) {
  const stack = testStack();
  const topic = topicIn(stack, props);
  return { topic, json: synthJson(stack).json };
}

const warningsOf = (topic: AlarmTopic) =>
  topic.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));

describe('AlarmTopic refuses invalid props with the whole message', () => {
  const KEY_FIX =
    'pass e.g. "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" or "alias/alarms", ' +
    'or leave it unset to create a customer managed key';
  const MANAGED =
    'is the AWS managed key, whose key policy does not let CloudWatch alarms publish (notifications would be dropped). ' +
    'Fix: leave it unset to create a customer managed key, or pass a key whose policy allows cloudwatch.amazonaws.com';
  const NAME_PROBLEM = "is not a valid SNS topic name (1-256 letters, digits, '-', '_')";
  const NOT_EMAIL = 'is not an e-mail address. Fix: use an address such as "oncall@example.com"';

  it.each<[string, Partial<AlarmTopicProps>, string[]]>([
    [
      'a topic name with a dot',
      { topicName: 'orders.alarms' },
      [`topicName = "orders.alarms": ${NAME_PROBLEM}. Fix: use a name such as "orders-dev-alarms"`],
    ],
    [
      'a topic name of 257 characters',
      { topicName: 'a'.repeat(257) },
      [`topicName = "${'a'.repeat(257)}": ${NAME_PROBLEM}. Fix: use a name such as "orders-dev-alarms"`],
    ],
    [
      'a key that is no key reference',
      { kmsKeyId: 'garbage' },
      [`kmsKeyId = "garbage": is not a KMS key id, key ARN, alias name or alias ARN. Fix: ${KEY_FIX}`],
    ],
    [
      'a key id that is not a string',
      { kmsKeyId: 42 as unknown as string },
      [`kmsKeyId = 42: is not a KMS key id, key ARN, alias name or alias ARN. Fix: ${KEY_FIX}`],
    ],
    [
      'the AWS managed key by alias',
      { kmsKeyId: 'alias/aws/sns' },
      [`kmsKeyId = "alias/aws/sns": ${MANAGED}`],
    ],
    [
      'the AWS managed key by alias ARN',
      { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sns' },
      [`kmsKeyId = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns": ${MANAGED}`],
    ],
    [
      'a 6-day deletion window',
      { keyDeletionWindowInDays: 6 },
      [
        'keyDeletionWindowInDays = 6: must be a whole number from 7 to 30. Fix: set keyDeletionWindowInDays to a whole number from 7 to 30',
      ],
    ],
    [
      'e-mails that are not a list',
      { emails: 'oncall@example.com' as unknown as string[] },
      [
        'emails = "oncall@example.com": must be a list of e-mail addresses. Fix: pass e.g. ["oncall@example.com"], or [] for none',
      ],
    ],
    [
      'a malformed second address',
      { emails: ['oncall@example.com', '@example.com'] },
      [`emails[1] = "@example.com": ${NOT_EMAIL}`],
    ],
    [
      'an address that is not a string',
      { emails: [42 as unknown as string] },
      [`emails[0] = 42: ${NOT_EMAIL}`],
    ],
    [
      'an address listed twice in different case',
      { emails: ['oncall@example.com', 'OnCall@Example.com'] },
      [
        'emails = ["oncall@example.com","OnCall@Example.com"]: lists OnCall@Example.com more than once. Fix: list each address once',
      ],
    ],
    [
      'two addresses listed more than once, one of them three times',
      { emails: ['a@example.com', 'b@example.com', 'a@example.com', 'b@example.com', 'a@example.com'] },
      [
        'emails = ["a@example.com","b@example.com","a@example.com","b@example.com","a@example.com"]: ' +
          'lists a@example.com, b@example.com more than once. Fix: list each address once',
      ],
    ],
    [
      // Upper-casing would make "straße" and "STRASSE" the same address; lower-casing does not.
      'a non-ASCII address next to its upper-case ASCII spelling (only the malformed one)',
      { emails: ['straße@example.com', 'STRASSE@example.com'] },
      [`emails[0] = "straße@example.com": ${NOT_EMAIL}`],
    ],
    [
      'several props at once, each named',
      { topicName: 'orders alarms', kmsKeyId: 'garbage', keyDeletionWindowInDays: 31, emails: ['x'] },
      [
        `topicName = "orders alarms": ${NAME_PROBLEM}. Fix: use a name such as "orders-dev-alarms"`,
        `kmsKeyId = "garbage": is not a KMS key id, key ARN, alias name or alias ARN. Fix: ${KEY_FIX}`,
        'keyDeletionWindowInDays = 31: must be a whole number from 7 to 30. Fix: set keyDeletionWindowInDays to a whole number from 7 to 30',
        `emails[0] = "x": ${NOT_EMAIL}`,
      ],
    ],
  ])('refuses %s', (_name, props, problems) => {
    expect(errorOf(() => topicIn(testStack(), props))).toBe(invalidMessage('test/topic', ...problems));
  });

  it.each<[string, Partial<AlarmTopicProps>]>([
    ['a topic name of 256 characters', { topicName: 'a'.repeat(256) }],
    ['a one-character topic name', { topicName: 'a' }],
    ['two different addresses', { emails: ['oncall@example.com', 'ops@example.com'] }],
    ['three different addresses', { emails: ['a@example.com', 'b@example.com', 'c@example.com'] }],
    ['no address', { emails: [] }],
    ['a customer managed key ARN', { kmsKeyId: KEY_ARN }],
  ])('accepts %s', (_name, props) => {
    expect(() => topicIn(testStack(), props)).not.toThrow();
  });
});

describe('AlarmTopic warnings', () => {
  it('warns, naming the topic, when nobody is subscribed', () => {
    expect(warningsOf(topicIn(testStack(), { emails: [] }))).toEqual([
      'orders-dev-alarms: no e-mail subscriptions; alarms change state but notify nobody until the topic gets a subscriber',
    ]);
  });

  it.each([[['oncall@example.com']], [['oncall@example.com', 'ops@example.com']]])(
    'does not warn with subscribers %j',
    (emails) => {
      expect(warningsOf(topicIn(testStack(), { emails }))).toEqual([]);
    },
  );
});

describe('AlarmTopic with the key it creates', () => {
  const json = lazy(() => synthTopic({ tags: { Team: 'orders' } }).json);

  it('creates exactly the key, its policy and alias, the topic, its policy and one subscription per address', () => {
    expect(json().resource).toEqual({
      aws_kms_key: {
        topic_key_7CBCCCD6: {
          description: "Encrypts the orders-dev-alarms SNS topic; usable by this account's CloudWatch alarms",
          enable_key_rotation: true,
          deletion_window_in_days: 30,
          tags: { Name: 'orders-dev-alarms', Team: 'orders' },
        },
      },
      aws_kms_key_policy: {
        'topic_key-policy_687E06E8': {
          key_id: `\${${KEY}.key_id}`,
          policy: '${data.aws_iam_policy_document.topic_key-policy-document_A6861BC7.json}',
        },
      },
      aws_kms_alias: {
        'topic_key-alias_697981D2': {
          name: 'alias/orders-dev-alarms',
          target_key_id: `\${${KEY}.key_id}`,
        },
      },
      aws_sns_topic: {
        topic_8AEA7A18: {
          name: 'orders-dev-alarms',
          kms_master_key_id: `\${${KEY}.arn}`,
          tags: { Name: 'orders-dev-alarms', Team: 'orders' },
        },
      },
      aws_sns_topic_policy: {
        'topic_topic-policy_85639176': {
          arn: `\${${TOPIC}.arn}`,
          policy: '${data.aws_iam_policy_document.topic_topic-policy-document_CD339738.json}',
        },
      },
      aws_sns_topic_subscription: expect.any(Object),
    });
  });

  it('keys each subscription by its lower-cased address and keeps the address as given', () => {
    const subs = json().resource.aws_sns_topic_subscription;
    expect(Object.keys(subs).sort()).toEqual([
      'topic_email-oncallexamplecom_4EE1E8F3',
      'topic_email-opsexamplecom_EF7FFA7B',
    ]);
    expect(subs['topic_email-opsexamplecom_EF7FFA7B']).toEqual({
      topic_arn: `\${${TOPIC}.arn}`,
      protocol: 'email',
      endpoint: 'OPS@Example.com',
    });
    expect(subs['topic_email-oncallexamplecom_4EE1E8F3']).toEqual({
      topic_arn: `\${${TOPIC}.arn}`,
      protocol: 'email',
      endpoint: 'oncall@example.com',
    });
  });

  it("key policy: the account's IAM policies, and CloudWatch alarms of this account and region only", () => {
    expect(json().data.aws_iam_policy_document['topic_key-policy-document_A6861BC7']).toEqual({
      statement: [
        {
          sid: 'EnableIamPolicies',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${part(KEY, 1)}:iam::${part(KEY, 4)}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'AllowCloudWatchAlarms',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          condition: alarmConditions(KEY),
        },
      ],
    });
  });

  it('topic policy: CloudWatch alarms of this account and region may publish, nobody without TLS', () => {
    expect(json().data.aws_iam_policy_document['topic_topic-policy-document_CD339738']).toEqual({
      statement: [
        {
          sid: 'AllowCloudWatchAlarmsToPublish',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [`\${${TOPIC}.arn}`],
          condition: alarmConditions(TOPIC),
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Publish'],
          resources: [`\${${TOPIC}.arn}`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
  });

  it('has no other data sources than the two policy documents', () => {
    expect(Object.keys(json().data).sort()).toEqual(['aws_iam_policy_document']);
    expect(Object.keys(json().data.aws_iam_policy_document).sort()).toEqual([
      'topic_key-policy-document_A6861BC7',
      'topic_topic-policy-document_CD339738',
    ]);
  });
});

describe('AlarmTopic key deletion window', () => {
  it.each<[string, Partial<AlarmTopicProps>, number]>([
    ['30 days by default', {}, 30],
    ['the shortest window, 7 days', { keyDeletionWindowInDays: 7 }, 7],
    ['a window in between, 14 days', { keyDeletionWindowInDays: 14 }, 14],
    ['the longest window, 30 days', { keyDeletionWindowInDays: 30 }, 30],
  ])('is %s', (_name, props, days) => {
    const key = synthTopic({ topicName: 'app-prod-alarms', ...props }).json.resource.aws_kms_key;
    expect(Object.values(key)).toEqual([
      {
        description: "Encrypts the app-prod-alarms SNS topic; usable by this account's CloudWatch alarms",
        enable_key_rotation: true,
        deletion_window_in_days: days,
        tags: { Name: 'app-prod-alarms' },
      },
    ]);
  });
});

describe('AlarmTopic allowing EventBridge rules', () => {
  const json = lazy(() => synthTopic({ allowEventBridgeRules: true }).json);

  it('lets events.amazonaws.com use the created key, after the CloudWatch statements', () => {
    const statement = json().data.aws_iam_policy_document['topic_key-policy-document_A6861BC7']
      .statement as Record<string, unknown>[];
    expect(statement.map((s) => s.sid)).toEqual([
      'EnableIamPolicies',
      'AllowCloudWatchAlarms',
      'AllowEventBridgeRules',
    ]);
    expect(statement[2]).toEqual({
      sid: 'AllowEventBridgeRules',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    });
  });

  it('lets rules of this account and region publish, between the alarm and the TLS statements', () => {
    const statement = json().data.aws_iam_policy_document['topic_topic-policy-document_CD339738']
      .statement as Record<string, unknown>[];
    expect(statement.map((s) => s.sid)).toEqual([
      'AllowCloudWatchAlarmsToPublish',
      'AllowEventBridgeRulesToPublish',
      'DenyInsecureTransport',
    ]);
    expect(statement[1]).toEqual({
      sid: 'AllowEventBridgeRulesToPublish',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [`\${${TOPIC}.arn}`],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [part(TOPIC, 4)] },
        {
          test: 'ArnLike',
          variable: 'aws:SourceArn',
          values: [`arn:${part(TOPIC, 1)}:events:${part(TOPIC, 3)}:${part(TOPIC, 4)}:rule/*`],
        },
      ],
    });
  });
});

describe('AlarmTopic with a key passed in', () => {
  it.each([
    ['a key ARN', KEY_ARN],
    ['an alias', 'alias/ops-alarms'],
    ['a key id', '1234abcd-12ab-34cd-56ef-1234567890ab'],
  ])('encrypts the topic with %s and creates no key', (_name, kmsKeyId) => {
    const { topic, json } = synthTopic({ kmsKeyId, emails: [] });
    expect(topic.kmsKeyId).toBe(kmsKeyId);
    expect(topic.key).toBeUndefined();
    expect(Object.keys(json.resource).sort()).toEqual(['aws_sns_topic', 'aws_sns_topic_policy']);
    expect(json.resource.aws_sns_topic).toEqual({
      topic_8AEA7A18: {
        name: 'orders-dev-alarms',
        kms_master_key_id: kmsKeyId,
        tags: { Name: 'orders-dev-alarms' },
      },
    });
    expect(Object.keys(json.data.aws_iam_policy_document)).toEqual(['topic_topic-policy-document_CD339738']);
  });
});

describe('AlarmTopic.grantPublish and the key statement', () => {
  /** The key statement's resources, or undefined when the grant has none. */
  function keyResources(kmsKeyId: (stack: TerraformStack) => string): unknown {
    const stack = testStack();
    const topic = topicIn(stack, { kmsKeyId: kmsKeyId(stack) });
    const role = new Role(stack, 'publisher', { name: 'grafana-host', assumedBy: ['ec2.amazonaws.com'] });
    topic.grantPublish(role);
    return role.policyStatements.find((s) => s.sid === 'AlarmTopicKeyViaSns')?.resources;
  }
  const token = (stack: TerraformStack) =>
    new TerraformVariable(stack, 'key_part', { type: 'string' }).stringValue;

  it.each<[string, string]>([
    ['in the aws partition', KEY_ARN],
    ['in GovCloud', 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['in China', 'arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'],
  ])('grants a key ARN %s', (_name, arn) => {
    expect(keyResources(() => arn)).toEqual([arn]);
  });

  it.each<[string, (stack: TerraformStack) => string]>([
    ['an alias ARN', () => 'arn:aws:kms:us-east-1:111122223333:alias/ops-alarms'],
    ['a key id', () => '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a key ARN whose key id ends in an unresolved value', (s) => `${KEY_ARN.slice(0, -12)}${token(s)}`],
    ['an unresolved value followed by a key ARN', (s) => `${token(s)}/${KEY_ARN}`],
  ])('adds no key statement for %s (only a literal key ARN can be granted)', (_name, kmsKeyId) => {
    expect(keyResources(kmsKeyId)).toBeUndefined();
  });
});
