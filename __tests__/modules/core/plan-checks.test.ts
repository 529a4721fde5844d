import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { addPlanChecks, matchesPattern, numberInRange } from '../../../modules/core/plan-checks';
import { INSTANCE_TYPE_PATTERN, isValidInstanceType } from '../../../modules/core/aws-rules';
import {
  COUNT_SCALE,
  PERCENT_SCALE,
  SCORE_SCALE,
  ThresholdRule,
  addThresholdPlanChecks,
  thresholdPlanRule,
} from '../../../modules/monitoring/alarms/thresholds';

type Lifecycle = { precondition?: Array<{ condition: string; error_message: string }> };

function build(add: (stack: TerraformStack, topic: SnsTopic) => number) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const topic = new SnsTopic(stack, 'topic', { name: 'x' });
  const added = add(stack, topic);
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: { aws_sns_topic: Record<string, { lifecycle?: Lifecycle }> };
  };
  return { added, lifecycle: Object.values(json.resource.aws_sns_topic)[0].lifecycle };
}

const SIZE = numberInRange({
  min: 8,
  max: 16384,
  integer: true,
  requirement: 'a whole number from 8 to 16384',
});

describe('addPlanChecks', () => {
  it('adds nothing for literal values (they were validated at synth)', () => {
    const { added, lifecycle } = build((_s, topic) =>
      addPlanChecks(topic, [{ field: 'size', value: 30, ...SIZE }]),
    );
    expect(added).toBe(0);
    expect(lifecycle).toBeUndefined();
  });

  it('turns an unresolved number into a precondition naming the construct, the field and the range', () => {
    const { added, lifecycle } = build((stack, topic) => {
      const size = new TerraformVariable(stack, 'size', { type: 'number' });
      return addPlanChecks(topic, [{ field: 'rootVolumeSizeInGiB', value: size.numberValue, ...SIZE }]);
    });
    expect(added).toBe(1);
    expect(lifecycle?.precondition).toEqual([
      {
        condition: '${(((8 <= var.size) && (16384 >= var.size)) && (floor(var.size) == var.size))}',
        error_message: 'Invalid rootVolumeSizeInGiB of test: it must be a whole number from 8 to 16384.',
      },
    ]);
  });

  it('turns an unresolved string into a regex precondition, after existing ones', () => {
    const { lifecycle } = build((stack, topic) => {
      topic.lifecycle = { precondition: [{ condition: true, errorMessage: 'Existing.' }] };
      const type = new TerraformVariable(stack, 'instance_type', { type: 'string' });
      return addPlanChecks(topic, [
        {
          field: 'instanceType',
          value: type.stringValue,
          ...matchesPattern(INSTANCE_TYPE_PATTERN, 'an EC2 instance type'),
        },
      ]);
    });
    expect(lifecycle?.precondition?.map((p) => p.error_message)).toEqual([
      'Existing.',
      'Invalid instanceType of test: it must be an EC2 instance type.',
    ]);
    expect(lifecycle?.precondition?.[1].condition).toBe(
      `\${can(regex("${INSTANCE_TYPE_PATTERN.replace(/\\/g, '\\\\')}", var.instance_type))}`,
    );
  });

  it('uses the same instance type pattern as synth-time validation', () => {
    for (const t of ['t3.medium', 'm7g.2xlarge', 'c6in.metal', 'T3.medium', 't3', 't3.medium ']) {
      expect(new RegExp(INSTANCE_TYPE_PATTERN).test(t)).toBe(isValidInstanceType(t));
    }
  });
});

describe('thresholdPlanRule: the synth-time threshold rules as plan-time ranges', () => {
  const GT = 'GreaterThanThreshold' as const;
  it.each<[string, ThresholdRule, string]>([
    ['a percentage', { comparison: GT, scale: PERCENT_SCALE }, '${((0 < var.t) && (100 > var.t))}'],
    ['a score', { comparison: GT, scale: SCORE_SCALE }, '${((0 < var.t) && (1 > var.t))}'],
    ['a count compared with >', { comparison: GT, scale: COUNT_SCALE }, '${(0 <= var.t)}'],
    [
      'a count compared with >= (whole, with a limit)',
      { comparison: 'GreaterThanOrEqualToThreshold', scale: COUNT_SCALE, integer: true, limit: 10 },
      '${(((0 < var.t) && (10 >= var.t)) && (floor(var.t) == var.t))}',
    ],
    ['a floor', { comparison: GT, scale: COUNT_SCALE, floor: 0.5 }, '${(0.5 <= var.t)}'],
    [
      'a percentage with a lower limit',
      { comparison: GT, scale: PERCENT_SCALE, limit: 50 },
      '${((0 < var.t) && (50 >= var.t))}',
    ],
  ])('%s', (_name, rule, condition) => {
    const { lifecycle } = build((stack, topic) => {
      const t = new TerraformVariable(stack, 't', { type: 'number' });
      return addPlanChecks(topic, [{ field: 'x', value: t.numberValue, ...thresholdPlanRule(rule) }]);
    });
    expect(lifecycle?.precondition?.[0].condition).toBe(condition);
  });

  it('leaves literal-only thresholds (converted at synth) to synth-time validation', () => {
    const { added } = build((stack, topic) => {
      const t = new TerraformVariable(stack, 't', { type: 'number' });
      return addThresholdPlanChecks(
        topic,
        { a: t.numberValue, b: t.numberValue },
        {
          a: { comparison: GT, scale: PERCENT_SCALE },
          b: { comparison: GT, scale: PERCENT_SCALE, literal: true },
        },
      );
    });
    expect(added).toBe(1);
  });
});
