import { TerraformVariable } from 'cdktf';
import { HttpMethod, ListenerRule, ListenerRuleProps } from '../../../modules/alb';
import {
  LISTENER_ARN as LISTENER,
  RULE_BASE as BASE,
  RULE_TARGET_GROUP as TG,
  newStack,
  ofType,
  problemsOf,
  synth,
} from './helpers';
import { lazy } from '../../support/lazy';

function build(props: Partial<ListenerRuleProps>) {
  const stack = newStack();
  const rule = new ListenerRule(stack, 'rule', { ...BASE, ...props });
  return { rule, json: synth(stack) };
}

describe('ListenerRule on a listener created elsewhere', () => {
  const built = lazy(() => {
    const { json, rule } = build({
      hostHeaders: ['admin.example.com'],
      pathPatterns: ['/admin/*'],
      sourceCidrs: ['198.51.100.0/24'],
      httpRequestMethods: ['GET', 'POST'],
      priority: 50000,
    });
    return { json, rule };
  });

  it('renders each condition in its own block and forwards', () => {
    const { json, rule } = built();
    expect(ofType(json, 'aws_lb_listener_rule')).toEqual([
      {
        listener_arn: LISTENER,
        priority: 50000,
        action: [{ type: 'forward', target_group_arn: TG.targetGroupArn }],
        condition: [
          { host_header: { values: ['admin.example.com'] } },
          { path_pattern: { values: ['/admin/*'] } },
          { source_ip: { values: ['198.51.100.0/24'] } },
          { http_request_method: { values: ['GET', 'POST'] } },
        ],
        tags: { Name: 'rule' },
      },
    ]);
    expect(rule.priority).toBe(50000);
  });
});

describe('ListenerRule validation', () => {
  const variable = () => new TerraformVariable(newStack('v'), 'cidr', { type: 'string' }).stringValue;
  const cases: [string, Partial<ListenerRuleProps>, string, string][] = [
    ['no condition', { pathPatterns: undefined }, 'conditions', 'has no condition'],
    ['an empty list', { hostHeaders: [] }, 'hostHeaders', 'is empty'],
    [
      'four hosts in one condition',
      {
        pathPatterns: undefined,
        hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'],
      },
      'hostHeaders',
      'has 4 values; a condition takes at most 3',
    ],
    [
      'six values in one rule',
      { pathPatterns: ['/a', '/b', '/c'], hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'] },
      'conditions',
      'has 6 condition values in all; a rule takes at most 5',
    ],
    [
      'six wildcards',
      { pathPatterns: ['/a/*/*', '/b/*/*'], hostHeaders: ['*.?.example.com'] },
      'conditions',
      'uses 6 wildcards; a rule takes at most 5',
    ],
    ['a host without a dot', { hostHeaders: ['localhost'] }, 'hostHeaders', 'not host patterns'],
    ['a host ending in a wildcard', { hostHeaders: ['example.*'] }, 'hostHeaders', 'not host patterns'],
    ['a path without a leading slash', { pathPatterns: ['api/*'] }, 'pathPatterns', 'not path patterns'],
    ['a path with a space', { pathPatterns: ['/a b'] }, 'pathPatterns', 'not path patterns'],
    ['a 129-character path', { pathPatterns: [`/${'a'.repeat(128)}`] }, 'pathPatterns', 'not path patterns'],
    [
      'a source that is not a CIDR block',
      { sourceCidrs: ['198.51.100.7'] },
      'sourceCidrs',
      'not IPv4 or IPv6 CIDR blocks',
    ],
    ['a source of everyone', { sourceCidrs: ['0.0.0.0/0'] }, 'sourceCidrs', 'admits every address'],
    ['a source that is a token', { sourceCidrs: [variable()] }, 'sourceCidrs', 'holds an unresolved value'],
    [
      'a lower-case method',
      { httpRequestMethods: ['get' as HttpMethod] },
      'httpRequestMethods',
      'not among GET',
    ],
    ['a repeated path', { pathPatterns: ['/a', '/a'] }, 'pathPatterns', 'lists a value more than once'],
    ['priority 0', { priority: 0 }, 'priority', 'from 1 to 50000'],
    ['priority 50001', { priority: 50001 }, 'priority', 'from 1 to 50000'],
    ['priority 1.5', { priority: 1.5 }, 'priority', 'from 1 to 50000'],
    ['no listener', { listenerArn: '' }, 'listenerArn', 'is required'],
  ];
  it.each(cases)('refuses %s', (_name, props, field, problem) => {
    expect(problemsOf(() => build(props))).toContainEqual(
      expect.objectContaining({ field, problem: expect.stringContaining(problem), fix: expect.any(String) }),
    );
  });

  const accepted: [string, Partial<ListenerRuleProps>][] = [
    [
      'three hosts in one condition',
      { pathPatterns: undefined, hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'] },
    ],
    [
      'five values in one rule',
      { pathPatterns: ['/a', '/b'], hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'] },
    ],
    ['five wildcards', { pathPatterns: ['/a/*/*', '/b/*/*'], hostHeaders: ['*.example.com'] }],
    ['a 128-character path', { pathPatterns: [`/${'a'.repeat(127)}`] }],
    ['an IPv6 source', { sourceCidrs: ['2001:db8::/32'] }],
    ['priority 1', { priority: 1 }],
    ['priority 50000', { priority: 50000 }],
    ['a method-only rule', { pathPatterns: undefined, httpRequestMethods: ['OPTIONS'] }],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
