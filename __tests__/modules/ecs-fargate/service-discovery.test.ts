import { Token } from 'cdktf';
import { CloudMapOptions, FargateService, PrivateDnsNamespace } from '../../../modules/ecs-fargate';
import { lazy } from '../../support/lazy';
import { ExpectedProblem, expectProblem, newStack, only, problemsOf, serviceProps, synth } from './helpers';

const NAMESPACE = { namespaceId: 'ns-0123456789abcdef', namespaceName: 'internal' };

describe('PrivateDnsNamespace', () => {
  const built = lazy(() => {
    const stack = newStack();
    const ns = new PrivateDnsNamespace(stack, 'internal', {
      name: 'internal',
      vpcId: 'vpc-0123456789abcdef0',
    });
    return { ns, ...synth(stack) };
  });

  it('creates a private DNS namespace in the VPC, named and described', () => {
    const { json } = built();
    expect(only(json, 'aws_service_discovery_private_dns_namespace')).toEqual({
      name: 'internal',
      vpc: 'vpc-0123456789abcdef0',
      description: 'Service discovery for internal',
      tags: { Name: 'internal' },
    });
  });

  it('exposes the literal name (services compute their DNS names from it)', () => {
    const { ns } = built();
    expect(ns.namespaceName).toBe('internal');
  });

  it.each([
    ['Internal', /has invalid labels "Internal"/],
    ['-svc.internal', /has invalid labels "-svc"/],
    ['', /is empty/],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`, /longer than 253/],
  ])('refuses the namespace name %j', (name, problem) => {
    const problems = problemsOf(
      () => new PrivateDnsNamespace(newStack(), 'ns', { name, vpcId: 'vpc-0123456789abcdef0' }),
    );
    expectProblem(problems, { field: 'name', value: name, problem, fix: /"internal"/ });
  });

  it.each(['internal', 'svc.example.internal', `${'a'.repeat(63)}.internal`])(
    'accepts the namespace name %j',
    (name) => {
      expect(() => new PrivateDnsNamespace(newStack(), 'ns', { name, vpcId: 'vpc-1' })).not.toThrow();
    },
  );

  it('refuses a token as the name (services compute their DNS names from it)', () => {
    const name = Token.asString({ ref: 'var.name' });
    expectProblem(
      problemsOf(() => new PrivateDnsNamespace(newStack(), 'ns', { name, vpcId: 'vpc-1' })),
      { field: 'name', problem: /unresolved token/, fix: /literal/ },
    );
  });

  it('requires a VPC', () => {
    expectProblem(
      problemsOf(() => new PrivateDnsNamespace(newStack(), 'ns', { name: 'internal', vpcId: '' })),
      { field: 'vpcId', value: '', problem: /is required/, fix: /vpcId/ },
    );
  });
});

describe('FargateService with cloudMap', () => {
  const built = lazy(() => {
    const stack = newStack();
    const ns = new PrivateDnsNamespace(stack, 'internal', {
      name: 'internal',
      vpcId: 'vpc-0123456789abcdef0',
    });
    const service = new FargateService(
      stack,
      'ml',
      serviceProps({
        name: 'sentiment-prod-ml',
        containers: [
          {
            name: 'ml',
            image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/ml:1.0.0',
            portMappings: [{ containerPort: 5001 }],
          },
        ],
        cloudMap: { namespace: ns, name: 'ml-service' },
      }),
    );
    return { service, ...synth(stack) };
  });
  const discovery = lazy(() => only(built().json, 'aws_service_discovery_service'));

  it('registers one A record per task, multivalue, with a 10-second TTL', () => {
    expect(discovery()).toMatchObject({
      name: 'ml-service',
      description: 'Tasks of ECS service sentiment-prod-ml',
      dns_config: {
        namespace_id: '${aws_service_discovery_private_dns_namespace.internal_namespace_2F0DF654.id}',
        dns_records: [{ type: 'A', ttl: 10 }],
        routing_policy: 'MULTIVALUE',
      },
      health_check_custom_config: { failure_threshold: 1 },
      force_destroy: true,
      tags: { Name: 'ml-service.internal' },
    });
  });

  it('points the ECS service at the Cloud Map service', () => {
    const { json } = built();
    expect(only(json, 'aws_ecs_service').service_registries).toEqual({
      registry_arn: '${aws_service_discovery_service.ml_discovery_703C8156.arn}',
    });
  });

  it('exposes the name clients resolve', () => {
    const { service } = built();
    expect(service.discoveryName).toBe('ml-service.internal');
  });

  it('takes the TTL from dnsTtlInSeconds', () => {
    const s = newStack();
    new FargateService(
      s,
      'ml',
      serviceProps({ cloudMap: { namespace: NAMESPACE, name: 'ml', dnsTtlInSeconds: 60 } }),
    );
    expect(only(synth(s).json, 'aws_service_discovery_service').dns_config.dns_records).toEqual([
      { type: 'A', ttl: 60 },
    ]);
  });

  it('leaves the service unregistered without cloudMap', () => {
    const s = newStack();
    const plain = new FargateService(s, 'api', serviceProps());
    const out = synth(s).json;
    expect(out.resource.aws_service_discovery_service).toBeUndefined();
    expect(only(out, 'aws_ecs_service').service_registries).toBeUndefined();
    expect(plain.discoveryName).toBeUndefined();
  });
});

describe('FargateService cloudMap validation', () => {
  const build = (cloudMap: CloudMapOptions) =>
    new FargateService(newStack(), 'api', serviceProps({ cloudMap }));

  it.each<[string, CloudMapOptions, ExpectedProblem]>([
    [
      'a name with a dot',
      { namespace: NAMESPACE, name: 'ml.service' },
      { field: 'cloudMap.name', value: 'ml.service', problem: /one DNS label/, fix: /"ml-service"/ },
    ],
    [
      'an upper-case name',
      { namespace: NAMESPACE, name: 'ML' },
      { field: 'cloudMap.name', value: 'ML', problem: /invalid labels "ML"/, fix: /"ml-service"/ },
    ],
    [
      'a name too long for the namespace',
      {
        namespace: {
          namespaceId: 'ns-1',
          namespaceName: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}`,
        },
        name: 'a'.repeat(63),
      },
      { field: 'cloudMap.name', problem: /longer than 253/, fix: /shorter/ },
    ],
    [
      'a TTL above a day',
      { namespace: NAMESPACE, name: 'ml', dnsTtlInSeconds: 86401 },
      { field: 'cloudMap.dnsTtlInSeconds', value: 86401, problem: /0 to 86400/, fix: /86400/ },
    ],
    [
      'no namespace',
      { name: 'ml' } as unknown as CloudMapOptions,
      { field: 'cloudMap.namespace', problem: /is required/, fix: /PrivateDnsNamespace/ },
    ],
  ])('refuses %s', (_label, cloudMap, expected) => {
    expectProblem(
      problemsOf(() => build(cloudMap)),
      expected,
    );
  });

  it.each<[string, CloudMapOptions]>([
    ['a 63-character name', { namespace: NAMESPACE, name: 'a'.repeat(63) }],
    ['TTL 0', { namespace: NAMESPACE, name: 'ml', dnsTtlInSeconds: 0 }],
    ['TTL of a day', { namespace: NAMESPACE, name: 'ml', dnsTtlInSeconds: 86400 }],
    ['a token name', { namespace: NAMESPACE, name: Token.asString({ ref: 'var.n' }) }],
  ])('accepts %s', (_label, cloudMap) => {
    expect(() => build(cloudMap)).not.toThrow();
  });
});
