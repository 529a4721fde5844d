import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SecurityGroup as AwsSecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroup, SecurityGroupProps } from '../../../modules/security-group';

type Block = Record<string, unknown>;
const VPC = 'vpc-0123456789abcdef0';
const BASE: SecurityGroupProps = { name: 'svc', vpcId: VPC };

function build(
  props: Partial<SecurityGroupProps> = {},
  after?: (sg: SecurityGroup, stack: TerraformStack) => void,
) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const sg = new SecurityGroup(stack, 'sg', { ...BASE, ...props });
  after?.(sg, stack);
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Block>> };
  return { sg, json };
}
function rules(json: { resource: Record<string, Record<string, Block>> }, dir: 'ingress' | 'egress') {
  return Object.entries(json.resource[`aws_vpc_security_group_${dir}_rule`] ?? {})
    .map(
      ([k, r]) =>
        `${k.replace(/_[0-9A-F]{8}$/, '')} ${r.ip_protocol}:${r.from_port ?? '*'}-${r.to_port ?? '*'} ${r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id ?? r.prefix_list_id} "${r.description}"`,
    )
    .sort();
}
function error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('SecurityGroup defaults', () => {
  const { json } = build();
  it('creates the group with a default description and no rules at all (egress is explicit)', () => {
    expect(Object.values(json.resource.aws_security_group)).toEqual([
      { name: 'svc', description: 'Security group svc', vpc_id: VPC, tags: { Name: 'svc' } },
    ]);
    expect(json.resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });
  it('is an aws_security_group', () => {
    expect(Testing.synthScope((s) => new SecurityGroup(s, 'sg', BASE))).toHaveResource(AwsSecurityGroup);
  });
});

describe('SecurityGroup rules', () => {
  const { json } = build(
    {
      ingress: [
        {
          port: 443,
          description: 'HTTPS from the internet',
          source: { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] },
        },
        { port: 5432, description: 'Postgres from the office', source: { cidrs: ['198.51.100.0/24'] } },
      ],
      egress: [
        { protocol: 'all', description: 'Anything inside the VPC', destination: { cidrs: ['10.0.0.0/16'] } },
      ],
    },
    (sg) => {
      sg.allowFrom({ securityGroupId: 'sg-0123456789abcdef0' }, 8080, 'App from the ALB');
      sg.allowTo({ securityGroupId: 'sg-0fedcba9876543210' }, 5432, 'Postgres to the database');
    },
  );
  it('creates one resource per source, keyed by protocol, port and peer', () => {
    expect(rules(json, 'ingress')).toEqual([
      'sg_in-tcp-443-v4-any tcp:443-443 0.0.0.0/0 "HTTPS from the internet (tcp 443) from 0.0.0.0/0"',
      'sg_in-tcp-443-v6-any tcp:443-443 ::/0 "HTTPS from the internet (tcp 443) from ::/0"',
      'sg_in-tcp-5432-v4-198-51-100-0-24 tcp:5432-5432 198.51.100.0/24 "Postgres from the office (tcp 5432) from 198.51.100.0/24"',
      'sg_in-tcp-8080-sg-sg-0123456789abcdef0 tcp:8080-8080 sg-0123456789abcdef0 "App from the ALB (tcp 8080) from sg-0123456789abcdef0"',
    ]);
    expect(rules(json, 'egress')).toEqual([
      'sg_out-all-v4-10-0-0-0-16 -1:*-* 10.0.0.0/16 "Anything inside the VPC (all traffic) to 10.0.0.0/16"',
      'sg_out-tcp-5432-sg-sg-0fedcba9876543210 tcp:5432-5432 sg-0fedcba9876543210 "Postgres to the database (tcp 5432) to sg-0fedcba9876543210"',
    ]);
  });
});

describe('SecurityGroup restricted ports', () => {
  it.each([
    [
      '0.0.0.0/0 on SSH',
      [{ port: 22, description: 'ssh', source: { cidrs: ['0.0.0.0/0'] } }],
      'restricted port 22',
      '100% of public IPv4',
    ],
    [
      'two halves of IPv4 on Postgres',
      [{ port: 5432, description: 'pg', source: { cidrs: ['0.0.0.0/1', '128.0.0.0/1'] } }],
      'restricted port 5432',
      '100% of public IPv4',
    ],
    [
      'two halves of IPv6 on Redis, split over two rules',
      [
        { port: 6379, description: 'a', source: { ipv6Cidrs: ['::/1'] } },
        { port: 6379, key: 'b', description: 'b', source: { ipv6Cidrs: ['8000::/1'] } },
      ],
      'restricted port 6379',
      'global IPv6',
    ],
    [
      'a range from 0.0.0.0/1 covering Prometheus and node exporter',
      [{ port: 9000, toPort: 9199, description: 'range', source: { cidrs: ['0.0.0.0/1'] } }],
      'restricted ports 9090, 9093, 9100',
      'of public IPv4',
    ],
    [
      'all traffic from 64.0.0.0/2',
      [{ protocol: 'all' as const, description: 'all', source: { cidrs: ['64.0.0.0/2'] } }],
      'restricted ports 22, ',
      'of public IPv4',
    ],
  ])('refuses %s', (_name, ingress, ports, reach) => {
    const message = error(() => build({ ingress }));
    expect(message).toContain('Invalid input for test/sg');
    expect(message).toContain(ports);
    expect(message).toContain(reach);
    expect(message).toContain('allowPublicRestrictedPorts: true');
  });

  it.each([
    ['a /9 of public space on SSH', [{ port: 22, description: 'ssh', source: { cidrs: ['52.0.0.0/9'] } }]],
    [
      'a public /8 on SSH (the bound itself)',
      [{ port: 22, description: 'ssh', source: { cidrs: ['52.0.0.0/8'] } }],
    ],
    [
      'all of 10.0.0.0/8 and 172.16.0.0/12 (private)',
      [{ port: 22, description: 'ssh', source: { cidrs: ['10.0.0.0/8', '172.16.0.0/12'] } }],
    ],
    [
      'a /32 of IPv6 on Postgres',
      [{ port: 5432, description: 'pg', source: { ipv6Cidrs: ['2600:1f00::/32'] } }],
    ],
    [
      'the internet on a port that is not restricted',
      [{ port: 8443, description: 'alt', source: { cidrs: ['0.0.0.0/0'] } }],
    ],
  ])('accepts %s', (_name, ingress) => {
    expect(() => build({ ingress })).not.toThrow();
  });

  it('accepts the internet on a restricted port with allowPublicRestrictedPorts', () => {
    expect(() =>
      build({
        allowPublicRestrictedPorts: true,
        ingress: [{ port: 22, description: 'ssh', source: { cidrs: ['0.0.0.0/0'] } }],
      }),
    ).not.toThrow();
  });

  it('checks a rule added later against the rules already there', () => {
    const message = error(() =>
      build(
        { ingress: [{ port: 22, description: 'two', source: { cidrs: ['52.0.0.0/9', '52.128.0.0/9'] } }] },
        (sg) =>
          sg.addIngress({
            port: 22,
            key: 'third',
            description: 'third',
            source: { cidrs: ['54.0.0.0/9'] },
          }),
      ),
    );
    expect(message).toContain(
      'addIngress(third) = ["54.0.0.0/9"]: opens restricted port 22 (third) to 0.6% of public IPv4',
    );
  });

  it('honours restrictedPorts', () => {
    expect(() =>
      build({
        restrictedPorts: [8000],
        ingress: [{ port: 22, description: 'ssh', source: { cidrs: ['0.0.0.0/0'] } }],
      }),
    ).not.toThrow();
    expect(
      error(() =>
        build({
          restrictedPorts: [8000],
          ingress: [{ port: 8000, description: 'api', source: { cidrs: ['0.0.0.0/0'] } }],
        }),
      ),
    ).toContain('restricted port 8000');
  });
});

describe('SecurityGroup validation', () => {
  it.each([
    [
      'an unresolved CIDR on ingress',
      (s: TerraformStack) => ({
        ingress: [
          {
            port: 443,
            description: 'x',
            source: { cidrs: [new TerraformVariable(s, 'cidr', { type: 'string' }).stringValue] },
          },
        ],
      }),
      'ingress[0].source.cidrs',
      'unresolved value',
    ],
    [
      'a rule without a source',
      () => ({ ingress: [{ port: 443, description: 'x', source: {} }] }),
      'ingress[0]',
      'has no source',
    ],
    [
      'a port set with protocol all',
      () => ({
        egress: [
          { protocol: 'all' as const, port: 80, description: 'x', destination: { cidrs: ['10.0.0.0/8'] } },
        ],
      }),
      'egress[0].port',
      'protocol "all" covers every port',
    ],
    [
      'a reversed range',
      () => ({
        ingress: [{ port: 9000, toPort: 8000, description: 'x', source: { cidrs: ['10.0.0.0/8'] } }],
      }),
      'ingress[0].toPort',
      'is below port 9000',
    ],
    [
      'a host address as CIDR',
      () => ({ ingress: [{ port: 443, description: 'x', source: { cidrs: ['10.0.0.1/8'] } }] }),
      'ingress[0].source.cidrs',
      'zero host bits',
    ],
    [
      'a bad key',
      () => ({ ingress: [{ port: 443, key: 'a b', description: 'x', source: { cidrs: ['10.0.0.0/8'] } }] }),
      'ingress[0].key',
      '1-40 letters',
    ],
    [
      'a non-ASCII description',
      () => ({ ingress: [{ port: 443, description: 'café', source: { cidrs: ['10.0.0.0/8'] } }] }),
      'ingress[0].description',
      '1-255 characters',
    ],
    ['a bad VPC id', () => ({ vpcId: 'vpc-1' }), 'vpcId', 'is not a VPC id'],
    ['a name starting with sg-', () => ({ name: 'sg-app' }), 'name', 'not starting with "sg-"'],
    ['a bad restricted port', () => ({ restrictedPorts: [0] }), 'restrictedPorts', 'ports 1-65535'],
  ])('fails on %s', (_name, props, field, problem) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const message = error(() => new SecurityGroup(stack, 'sg', { ...BASE, ...props(stack) }));
    expect(message).toContain(`  - ${field}`);
    expect(message).toContain(problem);
    expect(message).toContain('Fix: ');
  });

  it('refuses the same rule twice', () => {
    const message = error(() =>
      build({ ingress: [{ port: 443, description: 'x', source: { cidrs: ['10.0.0.0/8'] } }] }, (sg) =>
        sg.addIngress({ port: 443, description: 'y', source: { cidrs: ['10.0.0.0/8'] } }),
      ),
    );
    expect(message).toContain('repeats a rule that already exists (in-tcp-443-v4-10-0-0-0-8)');
  });
});
