import { TerraformVariable } from 'cdktf';
import { HttpMethod, ListenerRule, ListenerRuleProps } from '../../../modules/alb';
import { checkListenerRule } from '../../../modules/alb/listener-rule';
import { ValidationProblem, Validator } from '../../../modules/core/validation';
import {
  Block,
  LISTENER_ARN as LISTENER,
  RULE_BASE as BASE,
  RULE_TARGET_GROUP as TG,
  newStack,
  ofType,
  problemsOf,
  synth,
} from './helpers';

function build(props: Partial<ListenerRuleProps>) {
  const stack = newStack();
  const rule = new ListenerRule(stack, 'rule', { ...BASE, ...props } as ListenerRuleProps);
  return { rule, stack, block: () => ofType(synth(stack), 'aws_lb_listener_rule')[0] };
}

/** A string token, as a Terraform variable gives it. */
const token = () => new TerraformVariable(newStack('v'), 'value', { type: 'string' }).stringValue;

const p = (field: string, value: unknown, problem: string, fix: string): ValidationProblem => ({
  field,
  value,
  problem,
  fix,
});

const NO_CONDITION = (field = 'conditions') =>
  p(
    field,
    {},
    'has no condition (a rule without one would catch every request)',
    'give at least one of hostHeaders, pathPatterns, sourceCidrs, httpRequestMethods; use the listener default action for "everything else"',
  );
const EMPTY = (field: string, name: string) =>
  p(field, [], 'is empty', `list at least one value, or leave ${name} unset`);
const TOO_MANY = (field: string, values: string[]) =>
  p(
    field,
    values,
    `has ${values.length} values; a condition takes at most 3`,
    'split the values over several rules (each with its own priority)',
  );
const DUPES = (field: string, dupes: string[]) =>
  p(field, dupes, 'lists a value more than once', 'list each value once');
const TOTAL = (field: string, total: number) =>
  p(
    field,
    total,
    `has ${total} condition values in all; a rule takes at most 5`,
    'split the rule into several rules',
  );
const WILDCARDS = (field: string, n: number) =>
  p(field, n, `uses ${n} wildcards; a rule takes at most 5`, 'use fewer "*" and "?" or split the rule');
const BAD_HOSTS = (hosts: string[], field = 'hostHeaders') =>
  p(
    field,
    hosts,
    'has entries that are not host patterns (up to 128 of A-Z a-z 0-9 - . * ?, with a "." and only letters or digits after the last one)',
    'use names such as "api.example.com" or "*.example.com"',
  );
const BAD_PATHS = (paths: string[], field = 'pathPatterns') =>
  p(
    field,
    paths,
    "has entries that are not path patterns (start with '/' or '*', up to 128 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?)",
    'use patterns such as "/grafana/*"',
  );
const UNRESOLVED = (values: string[], field = 'sourceCidrs') =>
  p(
    field,
    values,
    'holds an unresolved value: who the rule admits cannot be checked at synth',
    'pass literal CIDR blocks',
  );
const BAD_CIDRS = (cidrs: string[], field = 'sourceCidrs') =>
  p(
    field,
    cidrs,
    'has entries that are not IPv4 or IPv6 CIDR blocks with zero host bits',
    'use blocks such as "203.0.113.0/24" or "2001:db8::/32" (one address: /32 or /128)',
  );
const ANY_ADDRESS = (cidrs: string[], field = 'sourceCidrs') =>
  p(
    field,
    cidrs,
    'admits every address, so the condition restricts nothing',
    'list the client ranges the rule is for, or leave sourceCidrs unset',
  );
const BAD_METHODS = (methods: string[], field = 'httpRequestMethods') =>
  p(
    field,
    methods,
    'has entries that are not among GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'use upper-case method names such as "GET"',
  );
const PRIORITY = (value: number, field = 'priority') =>
  p(
    field,
    value,
    'must be a whole number from 1 to 50000',
    'use a whole number from 1 to 50000, leaving gaps (10, 20, ...) for later rules',
  );
const HOSTS3 = ['a.example.com', 'b.example.com', 'c.example.com'];

describe('ListenerRule refuses invalid props, naming field, value, problem and fix', () => {
  const cases: [string, Partial<ListenerRuleProps>, ValidationProblem[]][] = [
    ['no condition', { pathPatterns: undefined }, [NO_CONDITION()]],
    [
      'an empty list as the only condition',
      { pathPatterns: undefined, hostHeaders: [] },
      [NO_CONDITION(), EMPTY('hostHeaders', 'hostHeaders')],
    ],
    ['empty path patterns', { pathPatterns: [] }, [NO_CONDITION(), EMPTY('pathPatterns', 'pathPatterns')]],
    ['empty source CIDRs next to a path', { sourceCidrs: [] }, [EMPTY('sourceCidrs', 'sourceCidrs')]],
    [
      'empty methods next to a path',
      { httpRequestMethods: [] },
      [EMPTY('httpRequestMethods', 'httpRequestMethods')],
    ],
    [
      'four hosts in one condition',
      { pathPatterns: undefined, hostHeaders: [...HOSTS3, 'd.example.com'] },
      [TOO_MANY('hostHeaders', [...HOSTS3, 'd.example.com'])],
    ],
    [
      'four methods in one condition',
      { httpRequestMethods: ['GET', 'HEAD', 'POST', 'PUT'] },
      [TOO_MANY('httpRequestMethods', ['GET', 'HEAD', 'POST', 'PUT'])],
    ],
    ['a repeated path', { pathPatterns: ['/a', '/b', '/a'] }, [DUPES('pathPatterns', ['/a'])]],
    ['a repeated method', { httpRequestMethods: ['GET', 'GET'] }, [DUPES('httpRequestMethods', ['GET'])]],
    [
      'six values in one rule',
      { pathPatterns: ['/a', '/b', '/c'], hostHeaders: HOSTS3 },
      [TOTAL('conditions', 6)],
    ],
    [
      'six values over four conditions',
      {
        pathPatterns: ['/a', '/b'],
        hostHeaders: ['a.example.com', 'b.example.com'],
        sourceCidrs: ['198.51.100.0/24'],
        httpRequestMethods: ['GET'],
      },
      [TOTAL('conditions', 6)],
    ],
    [
      'six wildcards',
      { pathPatterns: ['/a/*/*', '/b/*/*'], hostHeaders: ['*.?.example.com'] },
      [WILDCARDS('conditions', 6)],
    ],
    ['six wildcards in one path', { pathPatterns: ['/??????'] }, [WILDCARDS('conditions', 6)]],
    ['a host with a space', { hostHeaders: ['a b.example.com'] }, [BAD_HOSTS(['a b.example.com'])]],
    ['a host with an underscore', { hostHeaders: ['a_b.example.com'] }, [BAD_HOSTS(['a_b.example.com'])]],
    ['a host without a dot', { hostHeaders: ['localhost'] }, [BAD_HOSTS(['localhost'])]],
    ['a host ending in a dot', { hostHeaders: ['example.com.'] }, [BAD_HOSTS(['example.com.'])]],
    ['a wildcard inside the last label', { hostHeaders: ['example.c*m'] }, [BAD_HOSTS(['example.c*m'])]],
    ['a wildcard ending the last label', { hostHeaders: ['example.co*'] }, [BAD_HOSTS(['example.co*'])]],
    ['a wildcard starting the last label', { hostHeaders: ['example.*m'] }, [BAD_HOSTS(['example.*m'])]],
    [
      'a 129-character host',
      { hostHeaders: [`${'a'.repeat(125)}.com`] },
      [BAD_HOSTS([`${'a'.repeat(125)}.com`])],
    ],
    [
      'two bad hosts among good ones',
      { hostHeaders: ['localhost', 'api.example.com', 'a b.example.com'] },
      [BAD_HOSTS(['localhost', 'a b.example.com'])],
    ],
    ['a path without a leading slash', { pathPatterns: ['api/*'] }, [BAD_PATHS(['api/*'])]],
    ['a path with a space', { pathPatterns: ['/a b'] }, [BAD_PATHS(['/a b'])]],
    ['a path with a query string', { pathPatterns: ['/a#b'] }, [BAD_PATHS(['/a#b'])]],
    ['a 129-character path', { pathPatterns: [`/${'a'.repeat(128)}`] }, [BAD_PATHS([`/${'a'.repeat(128)}`])]],
    ['a source address without a prefix', { sourceCidrs: ['198.51.100.7'] }, [BAD_CIDRS(['198.51.100.7'])]],
    ['a source block with host bits', { sourceCidrs: ['198.51.100.7/24'] }, [BAD_CIDRS(['198.51.100.7/24'])]],
    ['an IPv6 block with host bits', { sourceCidrs: ['2001:db8::1/32'] }, [BAD_CIDRS(['2001:db8::1/32'])]],
    ['an IPv4 source of everyone', { sourceCidrs: ['0.0.0.0/0'] }, [ANY_ADDRESS(['0.0.0.0/0'])]],
    ['an IPv6 source of everyone', { sourceCidrs: ['::/0'] }, [ANY_ADDRESS(['::/0'])]],
    [
      'a lower-case and an unknown method',
      { httpRequestMethods: ['get', 'TRACE'] as unknown as HttpMethod[] },
      [BAD_METHODS(['get', 'TRACE'])],
    ],
    ['priority 0', { priority: 0 }, [PRIORITY(0)]],
    ['priority 50001', { priority: 50001 }, [PRIORITY(50001)]],
    ['priority 1.5', { priority: 1.5 }, [PRIORITY(1.5)]],
    [
      'an empty listener ARN',
      { listenerArn: '' },
      [
        p(
          'listenerArn',
          '',
          'is required',
          "pass the listener's ARN, e.g. ApplicationLoadBalancer.listener.arn",
        ),
      ],
    ],
    [
      'no listener ARN',
      { listenerArn: undefined },
      [p('listenerArn', undefined, 'is required', 'pass listenerArn, a string')],
    ],
    [
      'a numeric listener ARN',
      { listenerArn: 123 as unknown as string },
      [p('listenerArn', 123, 'must be a string, not a number', 'pass listenerArn as a string')],
    ],
    [
      'no priority',
      { priority: undefined },
      [p('priority', undefined, 'is required', 'pass priority, a number')],
    ],
    [
      'a priority given as a string',
      { priority: '10' as unknown as number },
      [p('priority', '10', 'must be a number, not a string', 'pass priority as a number')],
    ],
    [
      'no target group',
      { targetGroup: undefined },
      [p('targetGroup', undefined, 'is required', 'pass targetGroup, an object')],
    ],
    [
      'one host given as a string',
      { hostHeaders: 'a.example.com' as unknown as string[] },
      [p('hostHeaders', 'a.example.com', 'must be a list, not a string', 'pass hostHeaders as a list')],
    ],
    [
      'one path given as a string',
      { pathPatterns: '/a' as unknown as string[] },
      [p('pathPatterns', '/a', 'must be a list, not a string', 'pass pathPatterns as a list')],
    ],
    [
      'one source given as a string',
      { sourceCidrs: '198.51.100.0/24' as unknown as string[] },
      [p('sourceCidrs', '198.51.100.0/24', 'must be a list, not a string', 'pass sourceCidrs as a list')],
    ],
    [
      'one method given as a string',
      { httpRequestMethods: 'GET' as unknown as HttpMethod[] },
      [p('httpRequestMethods', 'GET', 'must be a list, not a string', 'pass httpRequestMethods as a list')],
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, problems) => {
    expect(problemsOf(() => build(props))).toEqual(problems);
  });

  it('refuses a source that is a token, and still checks the literal blocks next to it', () => {
    const cidr = token();
    expect(problemsOf(() => build({ sourceCidrs: [cidr] }))).toEqual([UNRESOLVED([cidr])]);
    expect(problemsOf(() => build({ sourceCidrs: [cidr, '198.51.100.7'] }))).toEqual([
      UNRESOLVED([cidr]),
      BAD_CIDRS(['198.51.100.7']),
    ]);
    expect(problemsOf(() => build({ sourceCidrs: [cidr, '0.0.0.0/0'] }))).toEqual([
      UNRESOLVED([cidr]),
      ANY_ADDRESS(['0.0.0.0/0']),
    ]);
  });

  it('checks the literal hosts and paths next to a token', () => {
    const value = token();
    expect(problemsOf(() => build({ hostHeaders: [value, 'localhost'] }))).toEqual([
      BAD_HOSTS(['localhost']),
    ]);
    expect(problemsOf(() => build({ pathPatterns: [value, 'api/*'] }))).toEqual([BAD_PATHS(['api/*'])]);
  });

  it('counts no wildcards in a token host or path', () => {
    const value = token();
    const { block } = build({ hostHeaders: [value], pathPatterns: [value, '/a/**', '/b/***'] });
    expect(block().condition).toEqual([
      { host_header: { values: ['${var.value}'] } },
      { path_pattern: { values: ['${var.value}', '/a/**', '/b/***'] } },
    ]);
  });

  it('reports every problem in one message under the construct path', () => {
    expect(() => build({ priority: 0, listenerArn: '' })).toThrow(
      [
        'Invalid input for test/rule (2 problems):',
        '  - priority = 0: must be a whole number from 1 to 50000. Fix: use a whole number from 1 to 50000, leaving gaps (10, 20, ...) for later rules',
        `  - listenerArn = "": is required. Fix: pass the listener's ARN, e.g. ApplicationLoadBalancer.listener.arn`,
      ].join('\n'),
    );
  });
});

describe('checkListenerRule', () => {
  const check = (rule: Parameters<typeof checkListenerRule>[1], prefix?: string) => {
    const v = new Validator('test/alb (addRule admin)');
    checkListenerRule(v, rule, prefix);
    return v.list();
  };
  const noPriority = undefined as unknown as number;

  it('requires a priority', () => {
    expect(check({ priority: noPriority, pathPatterns: ['/a'] })).toEqual([
      p('priority', undefined, 'is required', 'set a priority from 1 to 50000 (lowest is evaluated first)'),
    ]);
  });

  it('finds nothing wrong with a valid rule', () => {
    expect(check({ priority: 1, hostHeaders: ['api.example.com'] }, 'rules.api')).toEqual([]);
  });

  it('reports the fields of a rule under a prefix', () => {
    expect(check({ priority: noPriority, hostHeaders: [] }, 'rules.admin')).toEqual([
      p(
        'rules.admin.priority',
        undefined,
        'is required',
        'set a priority from 1 to 50000 (lowest is evaluated first)',
      ),
      NO_CONDITION('rules.admin'),
      EMPTY('rules.admin.hostHeaders', 'hostHeaders'),
    ]);
    expect(
      check(
        {
          priority: 0,
          hostHeaders: ['localhost', '*.?.example.com', 'c.example.com'],
          pathPatterns: ['/a/*/*', 'b/*', 'b/*'],
          sourceCidrs: ['0.0.0.0/0'],
          httpRequestMethods: ['get' as HttpMethod],
        },
        'rules.admin',
      ),
    ).toEqual([
      PRIORITY(0, 'rules.admin.priority'),
      DUPES('rules.admin.pathPatterns', ['b/*']),
      TOTAL('rules.admin', 8),
      WILDCARDS('rules.admin', 6),
      BAD_HOSTS(['localhost'], 'rules.admin.hostHeaders'),
      BAD_PATHS(['b/*', 'b/*'], 'rules.admin.pathPatterns'),
      ANY_ADDRESS(['0.0.0.0/0'], 'rules.admin.sourceCidrs'),
      BAD_METHODS(['get'], 'rules.admin.httpRequestMethods'),
    ]);
    expect(
      check(
        { priority: 10, pathPatterns: ['/a', '/b', '/c', '/d'], sourceCidrs: ['198.51.100.7'] },
        'rules.admin',
      ),
    ).toEqual([
      TOO_MANY('rules.admin.pathPatterns', ['/a', '/b', '/c', '/d']),
      BAD_CIDRS(['198.51.100.7'], 'rules.admin.sourceCidrs'),
    ]);
  });
});

describe('ListenerRule accepts', () => {
  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as HttpMethod[])(
    'method %s as the only condition',
    (method) => {
      expect(build({ pathPatterns: undefined, httpRequestMethods: [method] }).block().condition).toEqual([
        { http_request_method: { values: [method] } },
      ]);
    },
  );

  it.each([
    'api.example.com',
    '*.example.com',
    'api-?.example.com',
    'API.Example.COM',
    'a.b',
    'example.c0m',
    `${'a'.repeat(124)}.com`,
  ])('host %s', (host) => {
    expect(build({ pathPatterns: undefined, hostHeaders: [host] }).block().condition).toEqual([
      { host_header: { values: [host] } },
    ]);
  });

  it.each(['/', '*', '/api/*', '/a_b-c.d$e/~f"g\'h@i:j+k&l*m?n', `/${'a'.repeat(127)}`])(
    'path %s',
    (path) => {
      expect(build({ pathPatterns: [path] }).block().condition).toEqual([
        { path_pattern: { values: [path] } },
      ]);
    },
  );

  it.each([['198.51.100.0/24'], ['198.51.100.7/32'], ['2001:db8::/32'], ['2001:db8::1/128']])(
    'source block %s',
    (cidr) => {
      expect(build({ pathPatterns: undefined, sourceCidrs: [cidr] }).block().condition).toEqual([
        { source_ip: { values: [cidr] } },
      ]);
    },
  );

  it('three values in one condition and two in another (five in all)', () => {
    const { block } = build({ pathPatterns: ['/a', '/b', '/c'], httpRequestMethods: ['GET', 'HEAD'] });
    expect(block().condition).toEqual([
      { path_pattern: { values: ['/a', '/b', '/c'] } },
      { http_request_method: { values: ['GET', 'HEAD'] } },
    ]);
  });

  it('a rule with its tags, Name set to the construct id, forwarding to the target group', () => {
    const { block, rule } = build({ priority: 1, tags: { team: 'ml', Name: 'other' } });
    const b: Block = block();
    expect(b).toEqual({
      listener_arn: LISTENER,
      priority: 1,
      action: [{ type: 'forward', target_group_arn: TG.targetGroupArn }],
      condition: [{ path_pattern: { values: ['/api/*'] } }],
      tags: { team: 'ml', Name: 'rule' },
    });
    expect(rule.priority).toBe(1);
  });
});
