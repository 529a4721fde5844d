import { AlarmTopic } from '../../../modules/monitoring';
import { newStack, synth, Loose } from '../ecs-fargate/helpers';

function documents(allow: boolean | undefined, kmsKeyId?: string) {
  const stack = newStack();
  new AlarmTopic(stack, 'topic', { topicName: 'alarms', emails: [], allowEventBridgeRules: allow, kmsKeyId });
  const { json } = synth(stack);
  const docs = json.data.aws_iam_policy_document as Record<string, Loose>;
  const find = (fragment: string) =>
    Object.entries(docs).find(([k]) => k.includes(fragment))?.[1]?.statement as Loose[];
  return { topic: find('topic-policy-document'), key: find('key-policy-document') };
}

describe('AlarmTopic allowEventBridgeRules', () => {
  it('is off by default: only CloudWatch alarms may publish and use the key', () => {
    const { topic, key } = documents(undefined);
    expect(topic.map((s: Loose) => s.sid)).toEqual([
      'AllowCloudWatchAlarmsToPublish',
      'DenyInsecureTransport',
    ]);
    expect(key.map((s: Loose) => s.sid)).toEqual(['EnableIamPolicies', 'AllowCloudWatchAlarms']);
  });

  it('lets EventBridge rules of this account and region publish, and use the key', () => {
    const { topic, key } = documents(true);
    const publish = topic.find((s: Loose) => s.sid === 'AllowEventBridgeRulesToPublish');
    expect(publish).toMatchObject({
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
    });
    expect(publish.condition.map((c: Loose) => [c.test, c.variable])).toEqual([
      ['StringEquals', 'aws:SourceAccount'],
      ['ArnLike', 'aws:SourceArn'],
    ]);
    expect(publish.condition[1].values[0]).toMatch(/^arn:\$\{.+\}:events:\$\{.+\}:\$\{.+\}:rule\/\*$/);
    expect(key.find((s: Loose) => s.sid === 'AllowEventBridgeRules')).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    });
  });

  it("with a given key, only the topic policy changes (that key policy is the caller's)", () => {
    const { topic, key } = documents(
      true,
      'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    expect(topic.map((s: Loose) => s.sid)).toContain('AllowEventBridgeRulesToPublish');
    expect(key).toBeUndefined();
  });
});
