import { TargetGroup, TargetGroupProps } from '../../../modules/alb';
import { VPC, newStack, ofType, problemsOf, synth } from './helpers';
import { lazy } from '../../support/lazy';

const BASE: TargetGroupProps = { name: 'web-api', vpcId: VPC, port: 8000 };

function build(props: Partial<TargetGroupProps> = {}) {
  const stack = newStack();
  const tg = new TargetGroup(stack, 'tg', { ...BASE, ...props } as TargetGroupProps);
  return { tg, stack, group: () => ofType(synth(stack), 'aws_lb_target_group')[0] };
}

describe('TargetGroup defaults', () => {
  const built = lazy(() => {
    const { tg, group } = build();
    const g = group();
    return { tg, g };
  });

  it('is an HTTP/1.1 instance group with an explicit health check and a 60 s deregistration delay', () => {
    const { g } = built();
    expect(g).toEqual({
      name: 'web-api',
      target_type: 'instance',
      vpc_id: VPC,
      port: 8000,
      protocol: 'HTTP',
      protocol_version: 'HTTP1',
      deregistration_delay: '60',
      slow_start: 0,
      load_balancing_algorithm_type: 'round_robin',
      health_check: {
        enabled: true,
        path: '/',
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthy_threshold: 3,
        unhealthy_threshold: 3,
        port: 'traffic-port',
        protocol: 'HTTP',
      },
      stickiness: { type: 'lb_cookie', enabled: false },
      tags: { Name: 'web-api' },
    });
  });
  it('exposes its identity', () => {
    const { tg } = built();
    expect(tg.targetGroupName).toBe('web-api');
    expect(tg.port).toBe(8000);
    expect(tg.targetType).toBe('instance');
    expect(tg.healthCheckPort).toBeUndefined();
  });
});

describe('TargetGroup options', () => {
  it('ip targets (ECS Fargate) with a custom health check, stickiness and slow start', () => {
    const { tg, group } = build({
      targetType: 'ip',
      protocol: 'HTTPS',
      protocolVersion: 'HTTP2',
      healthCheck: {
        path: '/health',
        matcher: '200-299',
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        healthyThreshold: 2,
        unhealthyThreshold: 5,
        port: 8081,
        protocol: 'HTTP',
      },
      deregistrationDelayInSeconds: 0,
      stickiness: { durationInSeconds: 3600 },
      slowStartInSeconds: 120,
    });
    expect(group()).toMatchObject({
      target_type: 'ip',
      protocol: 'HTTPS',
      protocol_version: 'HTTP2',
      deregistration_delay: '0',
      slow_start: 120,
      stickiness: { type: 'lb_cookie', enabled: true, cookie_duration: 3600 },
      health_check: {
        enabled: true,
        path: '/health',
        matcher: '200-299',
        interval: 30,
        timeout: 10,
        healthy_threshold: 2,
        unhealthy_threshold: 5,
        port: '8081',
        protocol: 'HTTP',
      },
    });
    expect(tg.healthCheckPort).toBe(8081);
  });

  it('gRPC targets check for UNIMPLEMENTED (12) by default', () => {
    const { group } = build({ protocol: 'HTTPS', protocolVersion: 'GRPC' });
    expect((group().health_check as { matcher: string }).matcher).toBe('12');
  });

  it('lambda targets: no VPC, port or protocol, health check off', () => {
    const { group, tg } = build({ targetType: 'lambda', vpcId: undefined, port: undefined });
    const g = group();
    expect(g).toMatchObject({ name: 'web-api', target_type: 'lambda', health_check: { enabled: false } });
    for (const k of ['vpc_id', 'port', 'protocol', 'stickiness', 'deregistration_delay'])
      expect(g[k]).toBeUndefined();
    expect(tg.port).toBeUndefined();
  });

  it('least outstanding requests', () => {
    const { group } = build({ loadBalancingAlgorithm: 'least_outstanding_requests' });
    expect(group().load_balancing_algorithm_type).toBe('least_outstanding_requests');
  });

  it('registers fixed targets once each', () => {
    const stack = newStack();
    const tg = new TargetGroup(stack, 'tg', { ...BASE, targetType: 'ip' });
    tg.addTarget('10.0.1.15');
    tg.addTarget('10.0.1.16', 8001);
    expect(ofType(synth(stack), 'aws_lb_target_group_attachment').map((a) => [a.target_id, a.port])).toEqual([
      ['10.0.1.15', undefined],
      ['10.0.1.16', 8001],
    ]);
    expect(problemsOf(() => tg.addTarget('10.0.1.15'))).toEqual([
      {
        field: 'targetId',
        value: '10.0.1.15',
        problem: 'is already registered',
        fix: 'register each target once',
      },
    ]);
    expect(problemsOf(() => tg.addTarget('web-1'))).toEqual([
      expect.objectContaining({
        field: 'targetId',
        problem: 'is not an instance id, IP address or Lambda ARN',
      }),
    ]);
  });
});

describe('TargetGroup validation', () => {
  const cases: [string, Partial<TargetGroupProps>, string, unknown, string][] = [
    [
      'a 33-character name',
      { name: 'a'.repeat(33) },
      'name',
      'a'.repeat(33),
      'is not a valid target group name',
    ],
    [
      'no VPC for instance targets',
      { vpcId: undefined },
      'vpcId',
      undefined,
      'is required for instance targets',
    ],
    ['a malformed VPC id', { vpcId: 'vpc-1' }, 'vpcId', 'vpc-1', 'is not a VPC id'],
    ['no port', { port: undefined }, 'port', undefined, 'is required for instance targets'],
    ['port 0', { port: 0 }, 'port', 0, 'must be a whole number from 1 to 65535'],
    [
      'a VPC on a lambda group',
      { targetType: 'lambda', port: undefined },
      'vpcId',
      VPC,
      'lambda targets have no VPC',
    ],
    [
      'a health-check path without a slash',
      { healthCheck: { path: 'health' } },
      'healthCheck.path',
      'health',
      "must start with '/'",
    ],
    ['matcher 100', { healthCheck: { matcher: '100' } }, 'healthCheck.matcher', '100', 'codes 200-499'],
    [
      'matcher 200-500',
      { healthCheck: { matcher: '200-500' } },
      'healthCheck.matcher',
      '200-500',
      'codes 200-499',
    ],
    [
      'a gRPC matcher of 100',
      { protocolVersion: 'GRPC', healthCheck: { matcher: '100' } },
      'healthCheck.matcher',
      '100',
      'codes 0-99',
    ],
    [
      'interval 4 s',
      { healthCheck: { intervalInSeconds: 4 } },
      'healthCheck.intervalInSeconds',
      4,
      'from 5 to 300',
    ],
    [
      'a timeout equal to the interval',
      { healthCheck: { intervalInSeconds: 10, timeoutInSeconds: 10 } },
      'healthCheck.timeoutInSeconds',
      10,
      'must be less than the interval (10 s)',
    ],
    [
      'healthy threshold 1',
      { healthCheck: { healthyThreshold: 1 } },
      'healthCheck.healthyThreshold',
      1,
      'from 2 to 10',
    ],
    [
      'unhealthy threshold 11',
      { healthCheck: { unhealthyThreshold: 11 } },
      'healthCheck.unhealthyThreshold',
      11,
      'from 2 to 10',
    ],
    [
      'deregistration delay 3601 s',
      { deregistrationDelayInSeconds: 3601 },
      'deregistrationDelayInSeconds',
      3601,
      'from 0 to 3600',
    ],
    [
      'stickiness of 0 s',
      { stickiness: { durationInSeconds: 0 } },
      'stickiness.durationInSeconds',
      0,
      'from 1 to 604800',
    ],
    [
      'slow start 29 s',
      { slowStartInSeconds: 29 },
      'slowStartInSeconds',
      29,
      'must be 0 (off) or a whole number from 30 to 900',
    ],
    [
      'slow start with least outstanding requests',
      { slowStartInSeconds: 60, loadBalancingAlgorithm: 'least_outstanding_requests' },
      'slowStartInSeconds',
      60,
      'cannot be combined with least_outstanding_requests',
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, field, value, problem) => {
    expect(problemsOf(() => build(props))).toContainEqual(
      expect.objectContaining({
        field,
        value,
        problem: expect.stringContaining(problem),
        fix: expect.any(String),
      }),
    );
  });

  const accepted: [string, Partial<TargetGroupProps>][] = [
    ['a 32-character name', { name: 'a'.repeat(32) }],
    ['matcher 200-499', { healthCheck: { matcher: '200-499' } }],
    ['matcher list 200,204', { healthCheck: { matcher: '200,204' } }],
    ['interval 5 s with timeout 2 s', { healthCheck: { intervalInSeconds: 5, timeoutInSeconds: 2 } }],
    ['thresholds 2 and 10', { healthCheck: { healthyThreshold: 2, unhealthyThreshold: 10 } }],
    ['deregistration delay 3600 s', { deregistrationDelayInSeconds: 3600 }],
    ['slow start 30 s', { slowStartInSeconds: 30 }],
    ['slow start 900 s', { slowStartInSeconds: 900 }],
    ['stickiness of 7 days', { stickiness: { durationInSeconds: 604800 } }],
    [
      'a lambda group with its health check on',
      { targetType: 'lambda', vpcId: undefined, port: undefined, healthCheck: { enabled: true } },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
