import { TerraformStack } from 'cdktf';
import { TargetGroup, TargetGroupProps } from '../../../modules/alb';
import { ValidationProblem } from '../../../modules/core/validation';
import { Block, VPC, newStack, ofType, problemsOf, synth } from './helpers';

const BASE: TargetGroupProps = { name: 'web-api', vpcId: VPC, port: 8000 };
const LAMBDA: Partial<TargetGroupProps> = { targetType: 'lambda', vpcId: undefined, port: undefined };
const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:web';

function build(props: Partial<TargetGroupProps> = {}) {
  const stack = newStack();
  const tg = new TargetGroup(stack, 'tg', { ...BASE, ...props } as TargetGroupProps);
  return { tg, stack, group: () => ofType(synth(stack), 'aws_lb_target_group')[0] };
}

function healthCheckOf(props: Partial<TargetGroupProps>): Block {
  return build(props).group().health_check as Block;
}

const p = (field: string, value: unknown, problem: string, fix: string): ValidationProblem => ({
  field,
  value,
  problem,
  fix,
});

const NAME = (value: unknown) =>
  p(
    'name',
    value,
    'is not a valid target group name (1-32 letters, digits and hyphens, not starting or ending with a hyphen)',
    'use a name such as "orders-prod-api"',
  );
const LAMBDA_FIELD = (field: string, value: unknown) =>
  p(field, value, 'is set, but lambda targets have no VPC, port or protocol', `remove ${field}`);
const LAMBDA_STICKY = (value: unknown) =>
  p(
    'stickiness',
    value,
    'is set, but lambda target groups support neither stickiness nor slow start',
    'remove stickiness and slowStartInSeconds',
  );
const VPC_REQUIRED = (value: unknown, type: string) =>
  p(
    'vpcId',
    value,
    `is required for ${type} targets`,
    "pass the id of the targets' VPC (the Vpc construct's vpcId)",
  );
const VPC_BAD = (value: string) =>
  p('vpcId', value, 'is not a VPC id', 'use an id such as "vpc-0123456789abcdef0"');
const PATH = (value: string) =>
  p(
    'healthCheck.path',
    value,
    "must start with '/' and be up to 1024 printable ASCII characters without spaces",
    'use a path such as "/health"',
  );
const HTTP_MATCHER = (value: string) =>
  p(
    'healthCheck.matcher',
    value,
    'is not an HTTP code list (codes 200-499, e.g. "200", "200,204" or "200-299")',
    'use "200" or "200-299"',
  );
const GRPC_MATCHER = (value: string) =>
  p(
    'healthCheck.matcher',
    value,
    'is not a gRPC code list (codes 0-99, e.g. "0" or "0-12")',
    'use "12" or "0-99"',
  );
const INT_RANGE = (field: string, value: number, min: number, max: number) =>
  p(
    field,
    value,
    `must be a whole number from ${min} to ${max}`,
    `set ${field} to a whole number from ${min} to ${max}`,
  );
const BELOW_INTERVAL = (value: number, interval: number) =>
  p(
    'healthCheck.timeoutInSeconds',
    value,
    `must be less than the interval (${interval} s)`,
    `set timeoutInSeconds below ${interval}, or raise intervalInSeconds`,
  );
const HC_PORT = (value: unknown) =>
  p(
    'healthCheck.port',
    value,
    'must be a port 1-65535 or "traffic-port"',
    'leave it unset to check the traffic port',
  );
const SLOW_START = (value: number) =>
  p(
    'slowStartInSeconds',
    value,
    'must be 0 (off) or a whole number from 30 to 900',
    'use 0, or a ramp-up of 30 to 900 seconds',
  );

describe('TargetGroup refuses invalid props, naming field, value, problem and fix', () => {
  const cases: [string, Partial<TargetGroupProps>, ValidationProblem[]][] = [
    ['a 33-character name', { name: 'a'.repeat(33) }, [NAME('a'.repeat(33))]],
    ['a name starting with a hyphen', { name: '-web' }, [NAME('-web')]],
    ['a name ending with a hyphen', { name: 'web-' }, [NAME('web-')]],
    ['a name with an underscore', { name: 'web_api' }, [NAME('web_api')]],
    ['no name', { name: undefined }, [NAME(undefined)]],
    ['a numeric name', { name: 123 as unknown as string }, [NAME(123)]],
    [
      'an unknown target type',
      { targetType: 'alb' as TargetGroupProps['targetType'] },
      [
        p(
          'targetType',
          'alb',
          'must be "instance", "ip" or "lambda"',
          'use "instance" for EC2 and Auto Scaling groups, "ip" for ECS Fargate tasks',
        ),
      ],
    ],
    ['a VPC on a lambda group', { ...LAMBDA, vpcId: VPC }, [LAMBDA_FIELD('vpcId', VPC)]],
    ['a port on a lambda group', { ...LAMBDA, port: 8000 }, [LAMBDA_FIELD('port', 8000)]],
    ['a protocol on a lambda group', { ...LAMBDA, protocol: 'HTTP' }, [LAMBDA_FIELD('protocol', 'HTTP')]],
    [
      'a protocol version on a lambda group',
      { ...LAMBDA, protocolVersion: 'HTTP1' },
      [LAMBDA_FIELD('protocolVersion', 'HTTP1')],
    ],
    [
      'VPC, port, protocol and version on a lambda group',
      { targetType: 'lambda', protocol: 'HTTPS', protocolVersion: 'HTTP2' },
      [
        LAMBDA_FIELD('vpcId', VPC),
        LAMBDA_FIELD('port', 8000),
        LAMBDA_FIELD('protocol', 'HTTPS'),
        LAMBDA_FIELD('protocolVersion', 'HTTP2'),
      ],
    ],
    ['empty stickiness on a lambda group', { ...LAMBDA, stickiness: {} }, [LAMBDA_STICKY({})]],
    [
      'stickiness of 60 s on a lambda group',
      { ...LAMBDA, stickiness: { durationInSeconds: 60 } },
      [LAMBDA_STICKY({ durationInSeconds: 60 })],
    ],
    ['slow start 0 on a lambda group', { ...LAMBDA, slowStartInSeconds: 0 }, [LAMBDA_STICKY(0)]],
    ['slow start 30 s on a lambda group', { ...LAMBDA, slowStartInSeconds: 30 }, [LAMBDA_STICKY(30)]],
    [
      'stickiness and slow start on a lambda group (the stickiness is reported)',
      { ...LAMBDA, stickiness: { durationInSeconds: 60 }, slowStartInSeconds: 30 },
      [LAMBDA_STICKY({ durationInSeconds: 60 })],
    ],
    ['no VPC for instance targets', { vpcId: undefined }, [VPC_REQUIRED(undefined, 'instance')]],
    ['no VPC for ip targets', { targetType: 'ip', vpcId: undefined }, [VPC_REQUIRED(undefined, 'ip')]],
    ['an empty VPC id', { vpcId: '' }, [VPC_REQUIRED('', 'instance'), VPC_BAD('')]],
    ['a VPC id with a prefix', { vpcId: `x${VPC}` }, [VPC_BAD(`x${VPC}`)]],
    ['a VPC id with a suffix', { vpcId: `${VPC}0` }, [VPC_BAD(`${VPC}0`)]],
    ['a VPC id of 9 hex digits', { vpcId: 'vpc-012345678' }, [VPC_BAD('vpc-012345678')]],
    ['a VPC id in upper case', { vpcId: 'vpc-0123456789ABCDEF0' }, [VPC_BAD('vpc-0123456789ABCDEF0')]],
    [
      'no port',
      { port: undefined },
      [
        p(
          'port',
          undefined,
          'is required for instance targets',
          'set the port the targets listen on, e.g. 8000',
        ),
      ],
    ],
    ...[0, 65536, 80.5].map((port): [string, Partial<TargetGroupProps>, ValidationProblem[]] => [
      `port ${port}`,
      { port },
      [
        p(
          'port',
          port,
          'must be a whole number from 1 to 65535',
          'use the port the targets listen on, e.g. 8000',
        ),
      ],
    ]),
    [
      'protocol TCP',
      { protocol: 'TCP' as TargetGroupProps['protocol'] },
      [
        p(
          'protocol',
          'TCP',
          'must be "HTTP" or "HTTPS"',
          'use "HTTP" (TLS ends at the load balancer) or "HTTPS" (re-encrypt to the targets)',
        ),
      ],
    ],
    [
      'protocol version HTTP3',
      { protocolVersion: 'HTTP3' as TargetGroupProps['protocolVersion'] },
      [p('protocolVersion', 'HTTP3', 'must be "HTTP1", "HTTP2" or "GRPC"', 'leave it unset for HTTP/1.1')],
    ],
    ['a health-check path without a slash', { healthCheck: { path: 'health' } }, [PATH('health')]],
    ['a health-check path with a prefix', { healthCheck: { path: 'x/health' } }, [PATH('x/health')]],
    ['a health-check path with a space', { healthCheck: { path: '/health check' } }, [PATH('/health check')]],
    [
      'a 1025-character health-check path',
      { healthCheck: { path: `/${'a'.repeat(1024)}` } },
      [PATH(`/${'a'.repeat(1024)}`)],
    ],
    ...[' 200', '200 ', '+200', '199', '500', '200-500', '200,204-2', '2000', '200,'].map(
      (m): [string, Partial<TargetGroupProps>, ValidationProblem[]] => [
        `HTTP matcher "${m}"`,
        { healthCheck: { matcher: m } },
        [HTTP_MATCHER(m)],
      ],
    ),
    ...[' 12', '12 ', '+12', '1-', '100', '0-100', '0,123', '12,'].map(
      (m): [string, Partial<TargetGroupProps>, ValidationProblem[]] => [
        `gRPC matcher "${m}"`,
        { protocol: 'HTTPS', protocolVersion: 'GRPC', healthCheck: { matcher: m } },
        [GRPC_MATCHER(m)],
      ],
    ),
    [
      'interval 4 s',
      { healthCheck: { intervalInSeconds: 4, timeoutInSeconds: 2 } },
      [INT_RANGE('healthCheck.intervalInSeconds', 4, 5, 300)],
    ],
    [
      'interval 301 s',
      { healthCheck: { intervalInSeconds: 301 } },
      [INT_RANGE('healthCheck.intervalInSeconds', 301, 5, 300)],
    ],
    [
      'timeout 1 s',
      { healthCheck: { timeoutInSeconds: 1 } },
      [INT_RANGE('healthCheck.timeoutInSeconds', 1, 2, 120)],
    ],
    [
      'timeout 121 s with interval 300 s',
      { healthCheck: { intervalInSeconds: 300, timeoutInSeconds: 121 } },
      [INT_RANGE('healthCheck.timeoutInSeconds', 121, 2, 120)],
    ],
    [
      'timeout 121 s with the default interval',
      { healthCheck: { timeoutInSeconds: 121 } },
      [INT_RANGE('healthCheck.timeoutInSeconds', 121, 2, 120), BELOW_INTERVAL(121, 15)],
    ],
    [
      'timeout 15 s with the default interval',
      { healthCheck: { timeoutInSeconds: 15 } },
      [BELOW_INTERVAL(15, 15)],
    ],
    [
      'interval 5 s with the default timeout',
      { healthCheck: { intervalInSeconds: 5 } },
      [BELOW_INTERVAL(5, 5)],
    ],
    [
      'a lambda health check with a 35 s timeout and the default interval',
      { ...LAMBDA, healthCheck: { enabled: true, timeoutInSeconds: 35 } },
      [BELOW_INTERVAL(35, 35)],
    ],
    [
      'a lambda health check with a 30 s interval and the default timeout',
      { ...LAMBDA, healthCheck: { enabled: true, intervalInSeconds: 30 } },
      [BELOW_INTERVAL(30, 30)],
    ],
    [
      'healthy threshold 11',
      { healthCheck: { healthyThreshold: 11 } },
      [INT_RANGE('healthCheck.healthyThreshold', 11, 2, 10)],
    ],
    [
      'unhealthy threshold 1',
      { healthCheck: { unhealthyThreshold: 1 } },
      [INT_RANGE('healthCheck.unhealthyThreshold', 1, 2, 10)],
    ],
    ...[0, 65536, 80.5, 'traffic' as unknown as number].map(
      (port): [string, Partial<TargetGroupProps>, ValidationProblem[]] => [
        `health-check port ${JSON.stringify(port)}`,
        { healthCheck: { port } },
        [HC_PORT(port)],
      ],
    ),
    [
      'health-check protocol TCP',
      { healthCheck: { protocol: 'TCP' as TargetGroupProps['protocol'] } },
      [
        p(
          'healthCheck.protocol',
          'TCP',
          'must be "HTTP" or "HTTPS"',
          "leave it unset to use the target group's protocol",
        ),
      ],
    ],
    [
      'deregistration delay -1 s',
      { deregistrationDelayInSeconds: -1 },
      [INT_RANGE('deregistrationDelayInSeconds', -1, 0, 3600)],
    ],
    [
      'deregistration delay 3601 s',
      { deregistrationDelayInSeconds: 3601 },
      [INT_RANGE('deregistrationDelayInSeconds', 3601, 0, 3600)],
    ],
    [
      'stickiness of 0 s',
      { stickiness: { durationInSeconds: 0 } },
      [INT_RANGE('stickiness.durationInSeconds', 0, 1, 604800)],
    ],
    [
      'stickiness of 604801 s',
      { stickiness: { durationInSeconds: 604801 } },
      [INT_RANGE('stickiness.durationInSeconds', 604801, 1, 604800)],
    ],
    ['slow start -1 s', { slowStartInSeconds: -1 }, [SLOW_START(-1)]],
    ['slow start 29 s', { slowStartInSeconds: 29 }, [SLOW_START(29)]],
    ['slow start 30.5 s', { slowStartInSeconds: 30.5 }, [SLOW_START(30.5)]],
    ['slow start 901 s', { slowStartInSeconds: 901 }, [SLOW_START(901)]],
    [
      'an unknown load-balancing algorithm',
      { loadBalancingAlgorithm: 'random' as TargetGroupProps['loadBalancingAlgorithm'] },
      [
        p(
          'loadBalancingAlgorithm',
          'random',
          'must be "round_robin" or "least_outstanding_requests"',
          'leave it unset for round robin',
        ),
      ],
    ],
    [
      'slow start 30 s with least outstanding requests',
      { slowStartInSeconds: 30, loadBalancingAlgorithm: 'least_outstanding_requests' },
      [
        p(
          'slowStartInSeconds',
          30,
          'cannot be combined with least_outstanding_requests',
          'set slowStartInSeconds to 0, or use round_robin',
        ),
      ],
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, problems) => {
    expect(problemsOf(() => build(props))).toEqual(problems);
  });

  it('reports every problem in one message under the construct path', () => {
    expect(() => build({ vpcId: '', port: 0 })).toThrow(
      [
        'Invalid input for test/tg (3 problems):',
        `  - vpcId = "": is required for instance targets. Fix: pass the id of the targets' VPC (the Vpc construct's vpcId)`,
        '  - vpcId = "": is not a VPC id. Fix: use an id such as "vpc-0123456789abcdef0"',
        '  - port = 0: must be a whole number from 1 to 65535. Fix: use the port the targets listen on, e.g. 8000',
      ].join('\n'),
    );
  });
});

describe('TargetGroup accepts values at the edges of each rule', () => {
  const names = ['a', 'A1', 'a-b', 'a'.repeat(32), `a${'-'.repeat(30)}b`];
  it.each(names)('name %s, used for the group and its Name tag', (name) => {
    const g = build({ name }).group();
    expect([g.name, g.tags]).toEqual([name, { Name: name }]);
  });

  it.each(['vpc-01234567', VPC])('VPC id %s', (vpcId) => {
    expect(build({ vpcId }).group().vpc_id).toBe(vpcId);
  });

  it.each([1, 65535])('port %d', (port) => {
    expect(build({ port }).group().port).toBe(port);
  });

  it.each(['/', `/${'a'.repeat(1023)}`, '/health?full=1', '/~x!'])('health-check path %s', (path) => {
    expect(healthCheckOf({ healthCheck: { path } }).path).toBe(path);
  });

  it.each(['200', '499', '200-499', '200,204', '200,204-299', '200-204,300-399,404'])(
    'HTTP matcher %s',
    (matcher) => {
      expect(healthCheckOf({ healthCheck: { matcher } }).matcher).toBe(matcher);
    },
  );

  it.each(['0', '12', '99', '0-12', '0-99', '0,12', '0,1-12', '0,4,12', '10-12,14'])(
    'gRPC matcher %s',
    (matcher) => {
      expect(
        healthCheckOf({ protocol: 'HTTPS', protocolVersion: 'GRPC', healthCheck: { matcher } }).matcher,
      ).toBe(matcher);
    },
  );

  it('gRPC targets over HTTPS, checked for UNIMPLEMENTED (12) by default', () => {
    const g = build({ protocol: 'HTTPS', protocolVersion: 'GRPC' }).group();
    expect([
      g.protocol,
      g.protocol_version,
      (g.health_check as Block).matcher,
      (g.health_check as Block).protocol,
    ]).toEqual(['HTTPS', 'GRPC', '12', 'HTTPS']);
  });

  it('interval 300 s with timeout 120 s, thresholds 10 and 2', () => {
    expect(
      healthCheckOf({
        healthCheck: {
          intervalInSeconds: 300,
          timeoutInSeconds: 120,
          healthyThreshold: 10,
          unhealthyThreshold: 2,
        },
      }),
    ).toMatchObject({ interval: 300, timeout: 120, healthy_threshold: 10, unhealthy_threshold: 2 });
  });

  it('a timeout at or above the interval when the health check is off', () => {
    expect(
      healthCheckOf({ healthCheck: { enabled: false, intervalInSeconds: 5, timeoutInSeconds: 10 } }),
    ).toMatchObject({ enabled: false, interval: 5, timeout: 10 });
  });

  it.each([1, 65535])('health-check port %d', (port) => {
    const { tg, group } = build({ healthCheck: { port } });
    expect((group().health_check as Block).port).toBe(String(port));
    expect(tg.healthCheckPort).toBe(port);
  });

  it('health-check port "traffic-port" given explicitly: no separate health-check port', () => {
    const { tg, group } = build({ healthCheck: { port: 'traffic-port' } });
    expect((group().health_check as Block).port).toBe('traffic-port');
    expect(tg.healthCheckPort).toBeUndefined();
  });

  it('health-check port equal to the traffic port: no separate health-check port', () => {
    const { tg, group } = build({ healthCheck: { port: 8000 } });
    expect((group().health_check as Block).port).toBe('8000');
    expect(tg.healthCheckPort).toBeUndefined();
  });

  it.each(['HTTP', 'HTTPS'] as const)('health-check protocol %s over an HTTPS group', (protocol) => {
    const g = build({ protocol: 'HTTPS', healthCheck: { protocol } }).group();
    expect([g.protocol, (g.health_check as Block).protocol]).toEqual(['HTTPS', protocol]);
  });

  it.each([0, 3600])('deregistration delay %d s', (delay) => {
    expect(build({ deregistrationDelayInSeconds: delay }).group().deregistration_delay).toBe(String(delay));
  });

  it.each([1, 604800])('stickiness of %d s', (durationInSeconds) => {
    expect(build({ stickiness: { durationInSeconds } }).group().stickiness).toEqual({
      type: 'lb_cookie',
      enabled: true,
      cookie_duration: durationInSeconds,
    });
  });

  it('stickiness without a duration lasts one day', () => {
    expect(build({ stickiness: {} }).group().stickiness).toEqual({
      type: 'lb_cookie',
      enabled: true,
      cookie_duration: 86400,
    });
  });

  it.each([0, 30, 900])('slow start %d s', (slowStartInSeconds) => {
    expect(build({ slowStartInSeconds }).group().slow_start).toBe(slowStartInSeconds);
  });

  it('slow start 0 (off) with least outstanding requests', () => {
    const g = build({ slowStartInSeconds: 0, loadBalancingAlgorithm: 'least_outstanding_requests' }).group();
    expect([g.slow_start, g.load_balancing_algorithm_type]).toEqual([0, 'least_outstanding_requests']);
  });

  it('tags of the group, with Name set to the group name', () => {
    expect(build({ tags: { team: 'ml', Name: 'other' } }).group().tags).toEqual({
      team: 'ml',
      Name: 'web-api',
    });
  });

  it('a lambda group: no VPC, port, protocol, stickiness or delay; health check off by default', () => {
    const { tg, group } = build({ ...LAMBDA, tags: { team: 'ml' } });
    expect(group()).toEqual({
      name: 'web-api',
      target_type: 'lambda',
      health_check: {
        enabled: false,
        path: '/',
        matcher: '200',
        interval: 35,
        timeout: 30,
        healthy_threshold: 3,
        unhealthy_threshold: 3,
      },
      tags: { team: 'ml', Name: 'web-api' },
    });
    expect([tg.targetType, tg.port, tg.healthCheckPort]).toEqual(['lambda', undefined, undefined]);
  });
});

describe('TargetGroup.addTarget', () => {
  const attachments = (tg: TargetGroup) =>
    ofType(synth(tg.node.scope as TerraformStack), 'aws_lb_target_group_attachment').map((a) => [
      a.target_id,
      a.port,
    ]);

  const targets: [string, Partial<TargetGroupProps>, string][] = [
    ['an instance id of 8 hex digits', {}, 'i-01234567'],
    ['an instance id of 17 hex digits', {}, 'i-0123456789abcdef0'],
    ['an IPv4 address', { targetType: 'ip' }, '10.0.1.15'],
    ['an IPv6 address', { targetType: 'ip' }, '2001:db8::1'],
    ['a Lambda function ARN', LAMBDA, FN_ARN],
    ['a Lambda function ARN in China', LAMBDA, 'arn:aws-cn:lambda:cn-north-1:123456789012:function:web'],
    [
      'a Lambda function ARN in GovCloud',
      LAMBDA,
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:web',
    ],
  ];
  it.each(targets)('registers %s', (_name, props, id) => {
    const { tg } = build(props);
    tg.addTarget(id);
    expect(attachments(tg)).toEqual([[id, undefined]]);
  });

  const badIds = [
    'web-1',
    'i-0123456',
    'i-012345678',
    'i-0123456789ABCDEF0',
    'i-0123456789abcdef0 ',
    '10.0.1.15/32',
    '10.0.1',
    'x10.0.1.15',
    'arn:aws:s3:::bucket',
    'arn:aws:lambda:',
    'arn:aws1:lambda:us-east-1:123456789012:function:web',
    `${FN_ARN}\n`,
  ];
  it.each(badIds)('refuses target id %j', (id) => {
    const { tg } = build({ targetType: 'ip' });
    expect(problemsOf(() => tg.addTarget(id))).toEqual([
      p(
        'targetId',
        id,
        'is not an instance id, IP address or Lambda ARN',
        'pass e.g. "i-0123456789abcdef0", "10.0.1.15" or a function ARN',
      ),
    ]);
  });

  it.each([0, 65536, 80.5])('refuses target port %d', (port) => {
    const { tg } = build({ targetType: 'ip' });
    expect(problemsOf(() => tg.addTarget('10.0.1.15', port))).toEqual([
      p('port', port, 'must be a whole number from 1 to 65535', 'use the target port'),
    ]);
  });

  it.each([1, 65535])('accepts target port %d', (port) => {
    const { tg } = build({ targetType: 'ip' });
    tg.addTarget('10.0.1.15', port);
    expect(attachments(tg)).toEqual([['10.0.1.15', port]]);
  });

  it('refuses a port on a lambda target', () => {
    const { tg } = build(LAMBDA);
    expect(problemsOf(() => tg.addTarget(FN_ARN, 443))).toEqual([
      p('port', 443, 'is set, but lambda targets have no port', 'remove the port'),
    ]);
  });

  it('reports problems under the construct path and the method', () => {
    const { tg } = build({ targetType: 'ip' });
    expect(() => tg.addTarget('10.0.1.15', 0)).toThrow(
      'Invalid input for test/tg (addTarget) (1 problem):\n' +
        '  - port = 0: must be a whole number from 1 to 65535. Fix: use the target port',
    );
  });

  it('the same address on another port is another target', () => {
    const { tg } = build({ targetType: 'ip' });
    tg.addTarget('10.0.1.15', 8000);
    tg.addTarget('10.0.1.15', 8001);
    tg.addTarget('10.0.1.15');
    expect(attachments(tg)).toEqual([
      ['10.0.1.15', 8000],
      ['10.0.1.15', 8001],
      ['10.0.1.15', undefined],
    ]);
    expect(problemsOf(() => tg.addTarget('10.0.1.15', 8001))).toEqual([
      p('targetId', '10.0.1.15', 'is already registered', 'register each target once'),
    ]);
  });

  it('names each attachment after its target and port, punctuation turned into hyphens', () => {
    const { tg } = build({ targetType: 'ip' });
    tg.addTarget('10.0.1.15', 1);
    tg.addTarget('10.0.1.151');
    tg.addTarget('2001:db8::1', 443);
    expect(tg.node.children.map((c) => c.node.id)).toEqual([
      'target-group',
      'target-10-0-1-15-1',
      'target-10-0-1-151-',
      'target-2001-db8--1-443',
    ]);
    expect(attachments(tg)).toEqual([
      ['10.0.1.15', 1],
      ['10.0.1.151', undefined],
      ['2001:db8::1', 443],
    ]);
  });
});
