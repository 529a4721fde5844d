import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError } from '../../../modules/core/validation';
import { Role } from '../../../modules/iam';
import { LogGroup, LogGroupProps } from '../../../modules/monitoring';
import { applyPolicyPack } from '../../../modules/policy';
import { lazy } from '../../support/lazy';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function build(props: Partial<LogGroupProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const group = new LogGroup(stack, 'api', { name: '/orders/dev/api', ...props });
  return { stack, group };
}
const groupsOf = (stack: TerraformStack) =>
  Object.values(
    (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>> }).resource
      .aws_cloudwatch_log_group,
  );

describe('LogGroup with defaults', () => {
  const stack = lazy(() => build().stack);

  it('keeps events 90 days, tags the group with its name, and sets no key', () => {
    expect(groupsOf(stack())).toEqual([
      { name: '/orders/dev/api', retention_in_days: 90, tags: { Name: '/orders/dev/api' } },
    ]);
  });

  it('passes the policy pack with zero errors', () => {
    const { stack: s } = build();
    applyPolicyPack(s, { log: () => undefined });
    expect(() => Testing.synth(s, true)).not.toThrow();
  });
});

describe('LogGroup options', () => {
  it('takes a retention, a KMS key, skipDestroy and tags', () => {
    const { stack } = build({
      retentionInDays: 365,
      kmsKeyArn: KMS,
      skipDestroy: true,
      tags: { Team: 'orders' },
    });
    expect(groupsOf(stack)).toEqual([
      {
        name: '/orders/dev/api',
        retention_in_days: 365,
        kms_key_id: KMS,
        skip_destroy: true,
        tags: { Name: '/orders/dev/api', Team: 'orders' },
      },
    ]);
  });
});

describe('LogGroup.grantWrite', () => {
  it('lets a role create streams and put events in this group only (LOGS_ACTIONS.writeEvents)', () => {
    const { stack, group } = build();
    const role = new Role(stack, 'role', { name: 'orders-api', assumedBy: ['ecs-tasks.amazonaws.com'] });
    group.grantWrite(role);
    expect(role.policyStatements).toEqual([
      {
        sid: 'LogsWrite',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [group.logGroupArn, `${group.logGroupArn}:*`],
      },
    ]);
    expect(Testing.synth(stack)).toContain('"${aws_cloudwatch_log_group.api_log-group_');
  });
});

describe('LogGroup validation', () => {
  function problem(props: Partial<LogGroupProps>) {
    try {
      build(props);
    } catch (e) {
      if (e instanceof ValidationError) return e.problems;
      throw e;
    }
    throw new Error('expected a ValidationError');
  }

  it.each([
    [
      'a name with spaces',
      { name: '/orders/dev api' },
      'name',
      '/orders/dev api',
      /^is not a log group name/,
      /^use a name such as/,
    ],
    [
      'a reserved name',
      { name: 'aws/lambda/x' },
      'name',
      'aws/lambda/x',
      /not starting with "aws\/"/,
      /^use a name such as/,
    ],
    [
      'a name over 512 characters',
      { name: 'a'.repeat(513) },
      'name',
      'a'.repeat(513),
      /^is not a log group name/,
      /^use a name/,
    ],
    [
      'a retention CloudWatch refuses',
      { retentionInDays: 10 },
      'retentionInDays',
      10,
      /^is not a retention CloudWatch Logs accepts$/,
      /^use 14, the nearest accepted value/,
    ],
    [
      'a key alias',
      { kmsKeyArn: 'alias/logs' },
      'kmsKeyArn',
      'alias/logs',
      /^is not a KMS key ARN$/,
      /does not take aliases/,
    ],
  ] as const)('refuses %s', (_name, props, field, value, problemRe, fixRe) => {
    expect(problem(props as Partial<LogGroupProps>)).toEqual([
      { field, value, problem: expect.stringMatching(problemRe), fix: expect.stringMatching(fixRe) },
    ]);
  });

  it.each([
    ['a 512-character name', { name: 'a'.repeat(512) }],
    ['the shortest retention', { retentionInDays: 1 }],
    ['the longest retention', { retentionInDays: 3653 }],
  ])('accepts the boundary: %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
