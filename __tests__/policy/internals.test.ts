import { createStackView } from '../../modules/policy/stack-view';
import {
  blocks,
  firstBlock,
  isFalse,
  isNonBlank,
  isTrue,
  num,
  show,
  str,
  strings,
} from '../../modules/policy/json';
import { identityPolicies, readPolicyDocument } from '../../modules/policy/iam-policy';
import { admitsPort } from '../../modules/policy/ingress-reach';
import {
  describeRule,
  normaliseProtocol,
  SecurityGroupRule,
  securityGroupRules,
  worldCidrs,
} from '../../modules/policy/security-group-rules';
import {
  isResourceUnscopedAction,
  isWriteAction,
} from '../../modules/policy/rules/iam-no-wildcard-resource-for-write';
import { TfBlock } from '../../modules/policy/types';

function block(type: string, config: TfBlock['config'], name = 'r'): TfBlock {
  return { mode: 'resource', type, name, address: `${type}.${name}`, path: `st/${name}`, config };
}

describe('json readers', () => {
  it('normalise blocks written as objects or lists', () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, 'x', null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocks('x')).toEqual([]);
    expect(blocks(null)).toEqual([]);
    expect(firstBlock([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(firstBlock(undefined)).toBeUndefined();
  });

  it('read booleans written as strings', () => {
    expect([true, 'true', false, 'false', 'TRUE', 1, null].map((v) => isTrue(v))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([false, 'false', true, undefined].map((v) => isFalse(v))).toEqual([true, true, false, false]);
  });

  it('read numbers, strings and blank strings', () => {
    expect([22, '22', '-1', '2.5', 'x', null, ['22']].map((v) => num(v))).toEqual([
      22,
      22,
      -1,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(strings(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(strings('a')).toEqual(['a']);
    expect(strings(null)).toEqual([]);
    expect([' x ', '  ', '', null].map((v) => isNonBlank(v))).toEqual([true, false, false, false]);
  });

  it('read strings only', () => {
    expect(['a' as string, 1, true, null, ['a']].map((v) => str(v))).toEqual([
      'a',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('show values briefly', () => {
    expect(show('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`); // 80 characters: shown whole
    expect(show('x'.repeat(79))).toBe(`"${'x'.repeat(76)}...`);
    expect(show(undefined)).toBe('unset');
    expect(show('optional')).toBe('"optional"');
    expect(show('x'.repeat(100))).toHaveLength(80);
    expect(show('x'.repeat(100)).endsWith('...')).toBe(true);
  });
});

describe('readPolicyDocument', () => {
  const view = createStackView('st', {
    resource: { aws_s3_bucket: { b: { bucket: 'x' } } },
    data: {
      aws_iam_policy: { p: { name: 'ReadOnlyAccess' } },
      aws_iam_policy_document: {
        loop: { source_policy_documents: ['${data.aws_iam_policy_document.loop.json}'] },
        bad: { override_policy_documents: ['not json'] },
        inner: { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] },
        outer: { source_policy_documents: ['${data.aws_iam_policy_document.inner.json}'] },
      },
    },
  });

  it('reads JSON statements, normalising Principal, Condition and single values', () => {
    const doc = readPolicyDocument(
      JSON.stringify({
        Statement: {
          Sid: 'A',
          Effect: 'Deny',
          Principal: '*',
          NotAction: 's3:GetObject',
          NotResource: 'arn:aws:s3:::x',
          Condition: { Bool: { 'aws:SecureTransport': [false, 'false'] }, StringEquals: 'bad' },
        },
      }),
      view,
    );
    expect(doc).toEqual({
      ok: true,
      statements: [
        {
          sid: 'A',
          effect: 'Deny',
          actions: [],
          notActions: ['s3:GetObject'],
          resources: [],
          notResources: ['arn:aws:s3:::x'],
          principals: [{ type: '*', identifiers: ['*'] }],
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false', 'false'] }],
        },
      ],
    });
  });

  it('ignores a Sid that is not a string', () => {
    const doc = readPolicyDocument({ Statement: [{ Sid: 5, Effect: 'Allow' }] }, view);
    expect(doc.ok && doc.statements[0].sid).toBeUndefined();
  });

  it('reads principals by type and defaults Effect to Allow', () => {
    const doc = readPolicyDocument(
      { Statement: [{ Principal: { AWS: ['a', 'b'], Service: 'ec2.amazonaws.com' } }] },
      view,
    );
    expect(doc.ok && doc.statements[0]).toMatchObject({
      effect: 'Allow',
      principals: [
        { type: 'AWS', identifiers: ['a', 'b'] },
        { type: 'Service', identifiers: ['ec2.amazonaws.com'] },
      ],
    });
  });

  it('reads data-source statements with missing fields as empty', () => {
    const v = createStackView('st', {
      data: { aws_iam_policy_document: { d: { statement: [{ principals: [{}], condition: [{}] }] } } },
    });
    const doc = readPolicyDocument('${data.aws_iam_policy_document.d.json}', v);
    expect(doc).toEqual({
      ok: true,
      statements: [
        {
          sid: undefined,
          effect: 'Allow',
          actions: [],
          notActions: [],
          resources: [],
          notResources: [],
          principals: [{ type: '', identifiers: [] }],
          conditions: [{ test: '', variable: '', values: [] }],
        },
      ],
    });
  });

  it('appends override statements without a matching Sid, and replaces those with one', () => {
    const v = createStackView('st', {
      data: {
        aws_iam_policy_document: {
          d: {
            statement: [{ sid: 'A', actions: ['s3:GetObject'] }, { actions: ['s3:ListBucket'] }],
            override_policy_documents: [
              JSON.stringify({
                Statement: [{ Sid: 'A', Action: 's3:PutObject' }, { Action: 'sqs:SendMessage' }],
              }),
            ],
          },
        },
      },
    });
    const doc = readPolicyDocument('${data.aws_iam_policy_document.d.minified_json}', v);
    expect(doc.ok && doc.statements.map((st) => st.actions[0])).toEqual([
      's3:PutObject',
      's3:ListBucket',
      'sqs:SendMessage',
    ]);
  });

  it('follows source_policy_documents through data sources', () => {
    const doc = readPolicyDocument('${data.aws_iam_policy_document.outer.json}', view);
    expect(doc.ok && doc.statements.map((s) => s.actions)).toEqual([['s3:GetObject']]);
  });

  it.each([
    [undefined, 'no policy document'],
    [null, 'no policy document'],
    [42, 'policy is a number, not a JSON document'],
    ['{not json', 'policy is not valid JSON'],
    ['[1, 2]', 'policy JSON is not an object'],
    ['${jsonencode({Statement = []})}', 'policy is a Terraform expression (${jsonencode({Statement = []})})'],
    [`\${jsonencode(${'x'.repeat(80)})}`, /^policy is a Terraform expression \(\$\{jsonencode\(x+\.\.\.\)$/],
    [
      '${aws_s3_bucket.b.policy}',
      'policy refers to aws_s3_bucket.b, which is not a data.aws_iam_policy_document',
    ],
    [
      '${data.aws_iam_policy.p.policy}',
      'policy refers to data.aws_iam_policy.p, which is not a data.aws_iam_policy_document',
    ],
    [`\${${'x'.repeat(57)}}`, `policy is a Terraform expression (\${${'x'.repeat(57)}})`], // 60 characters: shown whole
    [
      '${data.aws_iam_policy_document.loop.json}',
      'data.aws_iam_policy_document.loop source_policy_documents: data.aws_iam_policy_document.loop includes itself',
    ],
    [
      '${data.aws_iam_policy_document.bad.json}',
      'data.aws_iam_policy_document.bad override_policy_documents: policy is not valid JSON',
    ],
  ])('explains why %s cannot be read', (value, reason) => {
    const doc = readPolicyDocument(value as never, view);
    expect(doc.ok).toBe(false);
    if (!doc.ok) {
      if (typeof reason === 'string') expect(doc.reason).toBe(reason);
      else expect(doc.reason).toMatch(reason);
    }
  });

  it('labels inline role policies by name or position', () => {
    const role = block('aws_iam_role', {
      inline_policy: [{ name: 'app', policy: '{}' }, { policy: '{}' }, { name: 'empty', policy: null }],
    });
    expect(identityPolicies(role).map((p) => p.label)).toEqual(['inline_policy "app"', 'inline_policy #2']);
    expect(identityPolicies(block('aws_iam_policy', { policy: '{}' }))).toEqual([
      { label: 'policy', value: '{}' },
    ]);
  });
});

describe('security group rules', () => {
  it('normalise protocol names and numbers', () => {
    expect(
      ['-1', -1, 'all', 'TCP', '6', '17', '1', '58', 'icmp', undefined].map((p) => normaliseProtocol(p)),
    ).toEqual(['all', 'all', 'all', 'tcp', 'tcp', 'udp', 'icmp', 'icmpv6', 'icmp', '']);
  });

  const rule = (over: Partial<SecurityGroupRule>): SecurityGroupRule => ({
    direction: 'ingress',
    label: 'rule',
    protocol: 'tcp',
    fromPort: 22,
    toPort: 22,
    ipv4: ['0.0.0.0/0'],
    ipv6: [],
    description: 'x',
    ...over,
  });

  it.each([
    ['tcp 22', {}, 'tcp', 22, true],
    ['tcp 22 (23)', {}, 'tcp', 23, false],
    ['tcp 22 (21)', {}, 'tcp', 21, false],
    ['tcp 22 over udp', {}, 'udp', 22, false],
    ['udp 3389', { protocol: 'udp', fromPort: 3389, toPort: 3389 }, 'udp', 3389, true],
    ['a range that is not a literal', { fromPort: undefined, toPort: undefined }, 'tcp', 9090, true],
    ['only the lower end literal', { fromPort: 9000, toPort: undefined }, 'tcp', 8999, false],
    ['only the upper end literal', { fromPort: undefined, toPort: 80 }, 'tcp', 81, false],
    ['icmp', { protocol: 'icmp', fromPort: -1, toPort: -1 }, 'tcp', 22, false],
    ['protocol all (tcp)', { protocol: 'all', fromPort: 0, toPort: 0 }, 'tcp', 22, true],
    ['protocol all (udp)', { protocol: 'all', fromPort: 0, toPort: 0 }, 'udp', 65535, true],
  ] as const)('decide whether a rule admits a port: %s', (_, over, protocol, port, expected) => {
    expect(admitsPort(rule(over), protocol, port)).toBe(expected);
  });

  it('count only 0.0.0.0/0 and ::/0 as anywhere', () => {
    expect(worldCidrs(rule({ ipv4: ['10.0.0.0/8', '0.0.0.0/0'], ipv6: ['2001:db8::/32', '::/0'] }))).toEqual([
      '0.0.0.0/0',
      '::/0',
    ]);
    expect(worldCidrs(rule({ ipv4: ['0.0.0.0/1'], ipv6: ['2001:db8::/32'] }))).toEqual([]);
  });

  it('describe rules for messages', () => {
    expect(describeRule(rule({}))).toBe('rule (tcp 22 from 0.0.0.0/0)');
    expect(describeRule(rule({ fromPort: 0, toPort: 65535, ipv6: ['::/0'] }))).toBe(
      'rule (tcp 0-65535 from 0.0.0.0/0, ::/0)',
    );
    expect(describeRule(rule({ protocol: 'all', ipv4: [] }))).toBe('rule (all traffic)');
    expect(describeRule(rule({ fromPort: undefined, toPort: 80 }))).toBe('rule (tcp ?-80 from 0.0.0.0/0)');
  });

  it('read every style of rule', () => {
    expect(
      securityGroupRules(
        block('aws_default_security_group', {
          ingress: [{ protocol: '-1', self: true }],
          egress: [{ protocol: 'tcp' }],
        }),
      ).map((r) => `${r.direction} ${r.label} ${r.protocol}`),
    ).toEqual(['ingress ingress[0] all', 'egress egress[0] tcp']);
    expect(
      securityGroupRules(block('aws_security_group_rule', { type: 'egress', protocol: 'udp' }))[0],
    ).toMatchObject({
      direction: 'egress',
      label: 'rule',
      protocol: 'udp',
    });
    expect(
      securityGroupRules(
        block('aws_vpc_security_group_egress_rule', {
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv6: '::/0',
        }),
      )[0],
    ).toMatchObject({ direction: 'egress', fromPort: 443, toPort: 443, ipv4: [], ipv6: ['::/0'] });
    expect(securityGroupRules(block('aws_instance', {}))).toEqual([]);
  });
});

describe('write-action classification', () => {
  it.each([
    ['*', true],
    ['s3:*', true],
    ['s3:PutObject', true],
    ['s3:putobject', true],
    ['s3:Put*', true],
    ['s3:P*', true],
    ['s3:De*', true],
    ['dynamodb:BatchWriteItem', true],
    ['iam:PassRole', true],
    ['ec2:RunInstances', true],
    ['s3:GetObject', false],
    ['s3:Get*', false],
    ['s3:List*', false],
    ['ec2:Describe*', false],
    ['dynamodb:BatchGetItem', false],
    ['dynamodb:Query', false],
    ['s3:Get?bject', false],
    ['not-an-action', false],
  ])('%s is a write: %s', (action, write) => {
    expect(isWriteAction(action)).toBe(write);
  });

  it.each([
    ['cloudwatch:PutMetricData', true],
    ['CloudWatch:putMetricData', true],
    ['ssmmessages:OpenDataChannel', true],
    ['xray:PutTraceSegments', true],
    ['logs:PutLogEvents', false],
    ['ssm:SendCommand', false],
  ])('%s has no resource-level permissions: %s', (action, exempt) => {
    expect(isResourceUnscopedAction(action)).toBe(exempt);
  });

  it.each([
    ['s3:PutObj*', true],
    ['PutObject', false],
  ])('%s is a write: %s (prefix longer than the verb; no service)', (action, write) => {
    expect(isWriteAction(action)).toBe(write);
  });
});
