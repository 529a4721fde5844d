import { ApplicationLoadBalancer, ListenerRule, TargetGroup } from '../../../modules/alb';
import { SecurityGroup } from '../../../modules/security-group';
import { BASE, Block, VPC, newStack, ofType, problemsOf, synth } from './helpers';
import { lazy } from '../../support/lazy';

/** The shape the next users build: API on 8000 for everyone, Grafana 3000 for admin CIDRs only. */
describe('ApplicationLoadBalancer routing to an API and an admin-only UI', () => {
  const built = lazy(() => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'alb', BASE);
    const hosts = new SecurityGroup(stack, 'hosts', { name: 'web-hosts', vpcId: VPC });
    const api = alb.addTargetGroup('api', { name: 'web-api', port: 8000, healthCheck: { path: '/health' } });
    const grafana = alb.addTargetGroup('grafana', {
      name: 'web-grafana',
      port: 3000,
      healthCheck: { path: '/api/health' },
    });
    const grafanaRule = alb.addRule('grafana', {
      priority: 10,
      hostHeaders: ['grafana.example.com'],
      sourceCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      targetGroup: grafana,
    });
    alb.addRule('api', { priority: 20, pathPatterns: ['/api/*', '/health'], targetGroup: api });
    alb.connectTo(hosts, 8000);
    alb.connectTo(hosts, 3000, { key: 'grafana' });
    alb.connectTo({ securityGroupId: 'sg-0fedcba9876543210' }, 9000, { key: 'external' });
    const json = synth(stack);
    return { alb, api, grafana, grafanaRule, json };
  });

  it('forwards by host, source address and path, on the HTTPS listener', () => {
    const { json } = built();
    const rules = ofType(json, 'aws_lb_listener_rule').sort(
      (a, b) => Number(a.priority) - Number(b.priority),
    );
    expect(rules.map((r) => ({ priority: r.priority, condition: r.condition }))).toEqual([
      {
        priority: 10,
        condition: [
          { host_header: { values: ['grafana.example.com'] } },
          { source_ip: { values: ['203.0.113.0/24', '2001:db8::/32'] } },
        ],
      },
      { priority: 20, condition: [{ path_pattern: { values: ['/api/*', '/health'] } }] },
    ]);
    for (const r of rules) {
      expect(r.listener_arn).toMatch(/^\$\{aws_lb_listener\.alb_https_/);
      expect((r.action as Block[])[0]).toEqual({
        type: 'forward',
        target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\./),
      });
    }
  });

  it('creates target groups in the load balancer VPC', () => {
    const { json } = built();
    expect(ofType(json, 'aws_lb_target_group').map((t) => [t.name, t.port, t.vpc_id])).toEqual([
      ['web-api', 8000, VPC],
      ['web-grafana', 3000, VPC],
    ]);
  });

  it('lists routed target groups and rules', () => {
    const { alb, api, grafana, grafanaRule } = built();
    expect(alb.targetGroups).toEqual([grafana, api]);
    expect(alb.rules.map((r) => r.priority)).toEqual([10, 20]);
    expect(grafanaRule).toBeInstanceOf(ListenerRule);
    expect(api).toBeInstanceOf(TargetGroup);
  });

  it('opens ALB egress only to the targets, and target ingress only from the ALB', () => {
    const { json } = built();
    const hostsRef = /\$\{aws_security_group\.hosts[^}]+\}/;
    const egress = ofType(json, 'aws_vpc_security_group_egress_rule').map(
      (r) => `${r.from_port} ${String(r.referenced_security_group_id).replace(hostsRef, 'HOSTS')}`,
    );
    expect(egress.sort()).toEqual(['3000 HOSTS', '8000 HOSTS', '9000 sg-0fedcba9876543210']);
    const fromAlb = ofType(json, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.referenced_security_group_id).includes('alb_security-group'),
    );
    expect(
      fromAlb
        .map(
          (r) =>
            `${r.from_port} ${String(r.security_group_id).replace(hostsRef, 'HOSTS')} ${String(r.description)}`,
        )
        .sort(),
    ).toEqual([
      '3000 HOSTS Traffic from load balancer web (tcp 3000) from security group',
      '8000 HOSTS Traffic from load balancer web (tcp 8000) from security group',
      '9000 sg-0fedcba9876543210 Traffic from load balancer web (tcp 9000)',
    ]);
  });
});

describe('ApplicationLoadBalancer.addRule and connectTo checks', () => {
  function fresh() {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'alb', BASE);
    const tg = alb.addTargetGroup('api', { name: 'web-api', port: 8000 });
    return { alb, tg };
  }

  it('refuses a priority used by another rule, naming it', () => {
    const { alb, tg } = fresh();
    alb.addRule('a', { priority: 10, pathPatterns: ['/a/*'], targetGroup: tg });
    expect(
      problemsOf(() => alb.addRule('b', { priority: 10, pathPatterns: ['/b/*'], targetGroup: tg })),
    ).toEqual([
      {
        field: 'priority',
        value: 10,
        problem: 'is already used by rule "rule-a"',
        fix: 'give each rule its own priority',
      },
    ]);
  });

  it('accepts the neighbouring priority', () => {
    const { alb, tg } = fresh();
    alb.addRule('a', { priority: 10, pathPatterns: ['/a/*'], targetGroup: tg });
    expect(alb.addRule('b', { priority: 11, pathPatterns: ['/b/*'], targetGroup: tg }).priority).toBe(11);
  });

  it('refuses the 101st rule and accepts the 100th', () => {
    const { alb, tg } = fresh();
    for (let i = 1; i <= 100; i++)
      alb.addRule(`r${i}`, { priority: i, pathPatterns: [`/p${i}`], targetGroup: tg });
    expect(alb.rules).toHaveLength(100);
    const problems = problemsOf(() =>
      alb.addRule('r101', { priority: 101, pathPatterns: ['/x'], targetGroup: tg }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'rules',
        value: 101,
        problem: 'exceeds the 100 rules a load balancer takes by default',
      }),
    ]);
  });

  it('refuses connecting the same key and port twice, and accepts another port', () => {
    const { alb } = fresh();
    const target = { securityGroupId: 'sg-0123456789abcdef0' };
    alb.connectTo(target, 8000, { key: 'api' });
    alb.connectTo(target, 8001, { key: 'api' });
    expect(problemsOf(() => alb.connectTo(target, 8000, { key: 'api' }))).toEqual([
      {
        field: 'key',
        value: 'api',
        problem: 'already connects port 8000',
        fix: 'connect each target group and port once, or pass a different key',
      },
    ]);
  });

  it.each([
    [0, 'port', 'must be a whole number from 1 to 65535'],
    [65536, 'port', 'must be a whole number from 1 to 65535'],
  ])('refuses port %s', (port, field, problem) => {
    const { alb } = fresh();
    expect(problemsOf(() => alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, port))).toEqual([
      expect.objectContaining({ field, value: port, problem }),
    ]);
  });

  it('accepts ports 1 and 65535', () => {
    const { alb } = fresh();
    alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 1, { key: 'low' });
    alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 65535, { key: 'high' });
  });

  it('refuses a key with characters outside letters, digits and hyphens', () => {
    const { alb } = fresh();
    expect(
      problemsOf(() => alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 80, { key: 'a_b' })),
    ).toEqual([
      expect.objectContaining({
        field: 'key',
        value: 'a_b',
        problem: 'must be 1-30 letters, digits or hyphens',
      }),
    ]);
  });

  it('gives a lambda target group no VPC', () => {
    const { alb } = fresh();
    const fn = alb.addTargetGroup('fn', { name: 'web-fn', targetType: 'lambda' });
    expect(fn.port).toBeUndefined();
    expect(fn.targetType).toBe('lambda');
  });
});
