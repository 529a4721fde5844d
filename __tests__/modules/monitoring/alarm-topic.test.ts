import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError } from '../../../modules/core/validation';
import { Role } from '../../../modules/iam';
import { AlarmTopic, AlarmTopicProps } from '../../../modules/monitoring';
import { lazy } from '../../support/lazy';

type Block = Record<string, unknown>;
interface SynthJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
}

function makeStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** The statements of the role's inline policy, by sid. */
function roleStatements(json: SynthJson): Record<string, Block> {
  const doc = Object.entries(json.data.aws_iam_policy_document).find(([k]) =>
    k.includes('publisher_policy-document'),
  );
  if (!doc) throw new Error('no role policy document');
  return Object.fromEntries((doc[1].statement as Block[]).map((s) => [s.sid as string, s]));
}

function publisher(props: Partial<AlarmTopicProps> = {}): { topic: AlarmTopic; json: SynthJson } {
  const stack = makeStack();
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'mlmon-dev-alarms',
    emails: ['oncall@example.com'],
    ...props,
  });
  const role = new Role(stack, 'publisher', { name: 'grafana-host', assumedBy: ['ec2.amazonaws.com'] });
  topic.grantPublish(role);
  return { topic, json: JSON.parse(Testing.synth(stack)) as SynthJson };
}

describe('AlarmTopic.grantPublish with the key it creates', () => {
  const json = lazy(() => publisher().json);
  const topicId = lazy(() => Object.keys(json().resource.aws_sns_topic)[0]);
  const keyId = lazy(() => Object.keys(json().resource.aws_kms_key)[0]);
  const st = lazy(() => roleStatements(json()));

  it('allows sns:Publish on the topic only', () => {
    expect(st().AlarmTopicPublish).toEqual({
      sid: 'AlarmTopicPublish',
      effect: 'Allow',
      actions: ['sns:Publish'],
      resources: [`\${aws_sns_topic.${topicId()}.arn}`],
    });
  });

  it("allows the key only through SNS, which encrypts on the publisher's behalf", () => {
    expect(st().AlarmTopicKeyViaSns).toEqual({
      sid: 'AlarmTopicKeyViaSns',
      effect: 'Allow',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [`\${aws_kms_key.${keyId()}.arn}`],
      condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['sns.*.amazonaws.com'] }],
    });
  });

  it('keeps e-mail subscriptions on the topic', () => {
    expect(
      Object.values(json().resource.aws_sns_topic_subscription).map((s) => [s.protocol, s.endpoint]),
    ).toEqual([['email', 'oncall@example.com']]);
  });
});

describe('AlarmTopic.grantPublish with a key passed in', () => {
  const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  it('grants the key by ARN', () => {
    const st = roleStatements(publisher({ kmsKeyId: KEY }).json);
    expect(st.AlarmTopicKeyViaSns.resources).toEqual([KEY]);
  });

  it('adds no key statement for an alias, whose key policy must admit the publisher', () => {
    const st = roleStatements(publisher({ kmsKeyId: 'alias/ops-alarms' }).json);
    expect(Object.keys(st)).toEqual(['AlarmTopicPublish']);
  });
});

describe('AlarmTopic validation', () => {
  type Case = [string, Partial<AlarmTopicProps>, string, unknown, RegExp];
  const build = (p: Partial<AlarmTopicProps>) =>
    new AlarmTopic(makeStack(), 'topic', { topicName: 'alarms', emails: [], ...p });
  const cases: Case[] = [
    ['an invalid topic name', { topicName: 'my.alarms' }, 'topicName', 'my.alarms', /orders-dev-alarms/],
    ['a 6-day deletion window', { keyDeletionWindowInDays: 6 }, 'keyDeletionWindowInDays', 6, /7 to 30/],
    ['a 31-day deletion window', { keyDeletionWindowInDays: 31 }, 'keyDeletionWindowInDays', 31, /7 to 30/],
    ['an invalid e-mail', { emails: ['@example.com'] }, 'emails[0]', '@example.com', /oncall@example.com/],
    ['the AWS managed key', { kmsKeyId: 'alias/aws/sns' }, 'kmsKeyId', 'alias/aws/sns', /leave it unset/],
    [
      'the AWS managed key by alias ARN',
      { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/sns' },
      'kmsKeyId',
      'arn:aws:kms:us-east-1:111122223333:alias/aws/sns',
      /leave it unset/,
    ],
    ['a key that is no key reference', { kmsKeyId: 'garbage' }, 'kmsKeyId', 'garbage', /key\/1234abcd-/],
    ['an empty key', { kmsKeyId: '' }, 'kmsKeyId', '', /alias\/alarms/],
    ['an alias without "alias/"', { kmsKeyId: 'ops-alarms' }, 'kmsKeyId', 'ops-alarms', /alias\/alarms/],
    [
      'a key id with a short last group',
      { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890a' },
      'kmsKeyId',
      '1234abcd-12ab-34cd-56ef-1234567890a',
      /key ARN|alias/,
    ],
    [
      'a key ARN of another service',
      { kmsKeyId: 'arn:aws:s3:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      'kmsKeyId',
      'arn:aws:s3:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      /arn:aws:kms:/,
    ],
    ['a key id that is not a string', { kmsKeyId: 42 as unknown as string }, 'kmsKeyId', 42, /alias/],
    [
      'no topic name',
      { topicName: undefined as unknown as string },
      'topicName',
      undefined,
      /orders-dev-alarms/,
    ],
    [
      'emails that are not a list',
      { emails: 'oncall@example.com' as unknown as string[] },
      'emails',
      'oncall@example.com',
      /\[\]/,
    ],
  ];
  it.each(cases)('fails for %s', (_t, props, field, value, fix) => {
    const err = validationError(() => build(props));
    expect(err.problems).toEqual([
      expect.objectContaining({ field, value, fix: expect.stringMatching(fix) }),
    ]);
  });
  it.each([
    ['a 7-day deletion window', { keyDeletionWindowInDays: 7 }],
    ['a 30-day deletion window', { keyDeletionWindowInDays: 30 }],
    ['a customer managed alias', { kmsKeyId: 'alias/ops-alarms' }],
    ['a customer managed alias ARN', { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/ops-alarms' }],
    ['a key id', { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }],
    ['a multi-Region key id', { kmsKeyId: 'mrk-1234abcd12ab34cd56ef1234567890ab' }],
    [
      'a key ARN',
      { kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ],
    [
      'a key ARN in GovCloud',
      { kmsKeyId: 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab' },
    ],
    ['an alias whose name only starts like the managed one', { kmsKeyId: 'alias/aws/snsx' }],
  ] as [string, Partial<AlarmTopicProps>][])('accepts %s', (_t, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

describe('AlarmTopic in another region', () => {
  it('creates every resource through the given provider (CloudFront alarms notify us-east-1 topics only)', () => {
    const stack = new TerraformStack(Testing.app(), 'edge');
    new AwsProvider(stack, 'aws', { region: 'us-west-2' });
    const east = new AwsProvider(stack, 'aws-east', { region: 'us-east-1', alias: 'east' });
    new AlarmTopic(stack, 'edge-topic', {
      topicName: 'app-prod-edge-alarms',
      emails: ['oncall@example.com'],
      provider: east,
    });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const blocks = [
      ...Object.entries(json.resource).flatMap(([type, byId]) =>
        Object.values(byId).map((b) => [type, b] as const),
      ),
      ...Object.entries(json.data).flatMap(([type, byId]) =>
        Object.values(byId).map((b) => [type, b] as const),
      ),
    ];
    expect(blocks.map(([type]) => type).sort()).toEqual(
      [
        'aws_iam_policy_document',
        'aws_iam_policy_document',
        'aws_kms_alias',
        'aws_kms_key',
        'aws_kms_key_policy',
        'aws_sns_topic',
        'aws_sns_topic_policy',
        'aws_sns_topic_subscription',
      ].sort(),
    );
    for (const [type, block] of blocks)
      expect({ type, provider: block.provider }).toEqual({ type, provider: 'aws.east' });
  });

  it('uses the default provider without one', () => {
    const stack = makeStack();
    new AlarmTopic(stack, 'topic', { topicName: 'app-prod-alarms', emails: [] });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    for (const byId of Object.values(json.resource)) {
      for (const block of Object.values(byId)) expect(block.provider).toBeUndefined();
    }
  });
});
