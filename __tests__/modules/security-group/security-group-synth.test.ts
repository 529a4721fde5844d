import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SecurityGroup, SecurityGroupProps } from '../../../modules/security-group';
import { RuleSpec, tcpSpec } from '../../../modules/security-group/security-group';
import { errorOf, invalidMessage } from '../../support/synth-json';

type Block = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Block>> };
const VPC = 'vpc-0123456789abcdef0';
const BASE: SecurityGroupProps = { name: 'svc', vpcId: VPC };

function build(
  props: Partial<SecurityGroupProps> = {},
  after?: (sg: SecurityGroup, stack: TerraformStack) => void,
  preset?: ConstructorParameters<typeof SecurityGroup>[3],
): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  const sg = new SecurityGroup(stack, 'sg', { ...BASE, ...props }, preset);
  after?.(sg, stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}
/** Rule resources of one direction by construct id (the hash suffix of the logical id dropped). */
function rules(json: Json, dir: 'ingress' | 'egress'): Record<string, Block> {
  const [group] = Object.keys(json.resource.aws_security_group);
  const out: Record<string, Block> = {};
  for (const [k, r] of Object.entries(json.resource[`aws_vpc_security_group_${dir}_rule`] ?? {})) {
    const { security_group_id: groupId, ...rest } = r;
    expect(groupId).toBe(`\${aws_security_group.${group}.id}`);
    out[k.replace(/^sg_/, '').replace(/_[0-9A-F]{8}$/, '')] = rest;
  }
  return out;
}

const REACH_LIMIT =
  '(together with the other sources of that port), more than the limit of one /8 of IPv4 or one /32 of IPv6';
const reachFix = (prop: string) =>
  `Fix: admit only operator networks (e.g. ["203.0.113.0/24"]) or a load balancer security group, use SSM Session Manager or port forwarding instead, or set ${prop}: true if exposure is really intended`;
/** One public-reach problem line, as the error message lists it. */
function opens(
  field: string,
  value: string,
  ports: string,
  label: string,
  reach: string,
  prop = 'allowPublicRestrictedPorts',
) {
  const noun = ports.includes(',') ? 'ports' : 'port';
  return `${field} = ${value}: opens restricted ${noun} ${ports} (${label}) to ${reach} ${REACH_LIMIT}. ${reachFix(prop)}`;
}
/** The whole message of a ValidationError for the group at test/sg. */
const invalid = (...lines: string[]) => invalidMessage('test/sg', ...lines);

describe('SecurityGroup synthesized rules', () => {
  it('writes the group description, tags and one tagged resource per peer', () => {
    const json = build({
      description: 'Orders API',
      tags: { Team: 'orders' },
      ingress: [
        {
          port: 443,
          description: 'HTTPS',
          source: { ipv6Cidrs: ['2001:db8::/32'], prefixListIds: ['pl-0123456789abcdef0'] },
        },
      ],
      egress: [
        {
          port: 5432,
          toPort: 5433,
          key: 'db',
          description: 'DB',
          destination: { prefixListIds: ['pl-01234567'] },
        },
      ],
    });
    expect(Object.values(json.resource.aws_security_group)).toEqual([
      { name: 'svc', description: 'Orders API', vpc_id: VPC, tags: { Team: 'orders', Name: 'svc' } },
    ]);
    expect(rules(json, 'ingress')).toEqual({
      'in-tcp-443-v6-2001-db8---32': {
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv6: '2001:db8::/32',
        description: 'HTTPS (tcp 443) from 2001:db8::/32',
        tags: { Team: 'orders', Name: 'svc-tcp-443' },
      },
      'in-tcp-443-pl-pl-0123456789abcdef0': {
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        prefix_list_id: 'pl-0123456789abcdef0',
        description: 'HTTPS (tcp 443) from pl-0123456789abcdef0',
        tags: { Team: 'orders', Name: 'svc-tcp-443' },
      },
    });
    expect(rules(json, 'egress')).toEqual({
      'out-db-pl-pl-01234567': {
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5433,
        prefix_list_id: 'pl-01234567',
        description: 'DB (tcp 5432-5433) to pl-01234567',
        tags: { Team: 'orders', Name: 'svc-db' },
      },
    });
  });

  it.each<[string, Record<string, unknown>, string, Block]>([
    [
      'a port range',
      { port: 8000, toPort: 8100 },
      'in-tcp-8000-8100-v4-10-0-0-0-8',
      {
        ip_protocol: 'tcp',
        from_port: 8000,
        to_port: 8100,
        description: 'r (tcp 8000-8100) from 10.0.0.0/8',
        tags: { Name: 'svc-tcp-8000-8100' },
      },
    ],
    [
      'a range of one port',
      { port: 8000, toPort: 8000 },
      'in-tcp-8000-v4-10-0-0-0-8',
      {
        ip_protocol: 'tcp',
        from_port: 8000,
        to_port: 8000,
        description: 'r (tcp 8000) from 10.0.0.0/8',
        tags: { Name: 'svc-tcp-8000' },
      },
    ],
    [
      'UDP',
      { port: 53, protocol: 'udp' },
      'in-udp-53-v4-10-0-0-0-8',
      {
        ip_protocol: 'udp',
        from_port: 53,
        to_port: 53,
        description: 'r (udp 53) from 10.0.0.0/8',
        tags: { Name: 'svc-udp-53' },
      },
    ],
    [
      'a UDP range',
      { port: 60000, toPort: 61000, protocol: 'udp' },
      'in-udp-60000-61000-v4-10-0-0-0-8',
      {
        ip_protocol: 'udp',
        from_port: 60000,
        to_port: 61000,
        description: 'r (udp 60000-61000) from 10.0.0.0/8',
        tags: { Name: 'svc-udp-60000-61000' },
      },
    ],
    [
      'all traffic',
      { protocol: 'all' },
      'in-all-v4-10-0-0-0-8',
      { ip_protocol: '-1', description: 'r (all traffic) from 10.0.0.0/8', tags: { Name: 'svc-all' } },
    ],
  ])('keys and describes %s', (_name, rule, id, expected) => {
    const json = build({ ingress: [{ description: 'r', source: { cidrs: ['10.0.0.0/8'] }, ...rule }] });
    expect(rules(json, 'ingress')).toEqual({
      [id]: { ...expected, cidr_ipv4: '10.0.0.0/8' },
    });
  });

  it('addresses unresolved peers by their list position and describes them by kind', () => {
    const json = build({}, (sg, stack) => {
      const v = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
      sg.addIngress({
        port: 443,
        description: 'Peers',
        source: { securityGroupIds: ['sg-01234567', v('a'), v('b')], prefixListIds: [v('c')] },
      });
      sg.allowTo({ securityGroupId: v('d') }, 5432, 'Database', 5433);
      sg.addEgress({
        protocol: 'all',
        description: 'Out',
        destination: { cidrs: [v('e')], ipv6Cidrs: [v('f')] },
      });
    });
    const view = (dir: 'ingress' | 'egress') =>
      Object.fromEntries(Object.entries(rules(json, dir)).map(([id, r]) => [id, r.description]));
    expect(view('ingress')).toEqual({
      'in-tcp-443-sg-sg-01234567': 'Peers (tcp 443) from sg-01234567',
      'in-tcp-443-sg-1': 'Peers (tcp 443) from security group',
      'in-tcp-443-sg-2': 'Peers (tcp 443) from security group',
      'in-tcp-443-pl-0': 'Peers (tcp 443) from prefix list',
    });
    expect(view('egress')).toEqual({
      'out-tcp-5432-5433-sg-0': 'Database (tcp 5432-5433) to security group',
      'out-all-v4-0': 'Out (all traffic) to ${var.e}',
      'out-all-v6-0': 'Out (all traffic) to ${var.f}',
    });
  });

  it.each([
    ['fits in 255 characters', 229, `${'d'.repeat(229)} (tcp 443) from 10.0.0.0/8`],
    ['is one character too long', 230, `${'d'.repeat(230)} (tcp 443) from 10.0.0...`],
    ['has the longest allowed text', 255, `${'d'.repeat(252)}...`],
  ])('shortens a rule description that %s to 255 characters', (_name, length, description) => {
    const json = build({
      ingress: [{ port: 443, description: 'd'.repeat(length), source: { cidrs: ['10.0.0.0/8'] } }],
    });
    const [rule] = Object.values(rules(json, 'ingress'));
    expect(rule.description).toBe(description);
    expect((rule.description as string).length).toBeLessThanOrEqual(255);
  });
});

describe('SecurityGroup public reach', () => {
  it.each<[string, Partial<SecurityGroupProps>, string[]]>([
    [
      'the whole IPv6 internet on SSH',
      { ingress: [{ port: 22, description: 'ssh', source: { ipv6Cidrs: ['::/0'] } }] },
      [opens('ingress[0]', '["::/0"]', '22', 'ssh', '100% of global IPv6')],
    ],
    [
      'both internets on SSH, next to a rule from a security group',
      {
        ingress: [
          { port: 22, description: 'bastion', source: { securityGroupIds: ['sg-01234567'] } },
          {
            port: 22,
            key: 'world',
            description: 'ssh',
            source: { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] },
          },
        ],
      },
      [
        opens(
          'ingress[1]',
          '["0.0.0.0/0","::/0"]',
          '22',
          'ssh',
          '100% of public IPv4 and 100% of global IPv6',
        ),
      ],
    ],
    [
      'all traffic from the internet, once for all restricted ports',
      { ingress: [{ protocol: 'all', description: 'all', source: { cidrs: ['0.0.0.0/0'] } }] },
      [
        opens(
          'ingress[0]',
          '["0.0.0.0/0"]',
          '22, 1433, 1521, 2375, 2376, 3000, 3306, 3389, 5432, 5601, 6379, 9090, 9093, 9100, 9200, 9300, 11211, 27017',
          'all',
          '100% of public IPv4',
        ),
      ],
    ],
    [
      'all traffic with custom restricted ports, listed in numeric order',
      {
        restrictedPorts: [9000, 100, 22],
        ingress: [{ protocol: 'all', description: 'all', source: { cidrs: ['0.0.0.0/0'] } }],
      },
      [opens('ingress[0]', '["0.0.0.0/0"]', '22, 100, 9000', 'all', '100% of public IPv4')],
    ],
    [
      'a range covering only some restricted ports',
      { ingress: [{ port: 3300, toPort: 3400, description: 'range', source: { cidrs: ['0.0.0.0/0'] } }] },
      [opens('ingress[0]', '["0.0.0.0/0"]', '3306, 3389', 'range', '100% of public IPv4')],
    ],
    [
      'two rules, each on its own port',
      {
        ingress: [
          { port: 22, description: 'ssh', source: { cidrs: ['0.0.0.0/0'] } },
          { port: 3389, description: 'rdp', source: { cidrs: ['0.0.0.0/1'] } },
        ],
      },
      [
        opens('ingress[0]', '["0.0.0.0/0"]', '22', 'ssh', '100% of public IPv4'),
        opens('ingress[1]', '["0.0.0.0/1"]', '3389', 'rdp', '56.5% of public IPv4'),
      ],
    ],
    [
      'two rules that together exceed the limit, each named',
      {
        ingress: [
          { port: 22, description: 'two', source: { cidrs: ['52.0.0.0/9', '52.128.0.0/9'] } },
          { port: 22, key: 'b', description: 'b', source: { cidrs: ['54.0.0.0/9'] } },
        ],
      },
      [
        opens('ingress[0]', '["52.0.0.0/9","52.128.0.0/9"]', '22', 'two', '0.6% of public IPv4'),
        opens('ingress[1]', '["54.0.0.0/9"]', '22', 'b', '0.6% of public IPv4'),
      ],
    ],
  ])('refuses %s', (_name, props, lines) => {
    expect(errorOf(() => build(props))).toBe(invalid(...lines));
  });

  it('names only the rule added later, not the rules already there', () => {
    const message = errorOf(() =>
      build(
        { ingress: [{ port: 22, description: 'two', source: { cidrs: ['52.0.0.0/9', '52.128.0.0/9'] } }] },
        (sg) =>
          sg.addIngress({ port: 22, key: 'third', description: 'third', source: { cidrs: ['54.0.0.0/9'] } }),
      ),
    );
    expect(message).toBe(
      invalid(opens('addIngress(third)', '["54.0.0.0/9"]', '22', 'third', '0.6% of public IPv4')),
    );
  });

  it('does not count outbound rules as sources of a rule added later', () => {
    const json = build(
      { egress: [{ protocol: 'all', description: 'out', destination: { cidrs: ['0.0.0.0/0'] } }] },
      (sg) => sg.addIngress({ port: 22, description: 'ssh', source: { cidrs: ['52.0.0.0/9'] } }),
    );
    expect(Object.keys(rules(json, 'ingress'))).toEqual(['in-tcp-22-v4-52-0-0-0-9']);
  });

  it('lets a rule added later open a restricted port to the internet with allowPublicRestrictedPorts', () => {
    const json = build({ allowPublicRestrictedPorts: true }, (sg) =>
      sg.addIngress({ port: 22, description: 'ssh', source: { cidrs: ['0.0.0.0/0'] } }),
    );
    expect(Object.keys(rules(json, 'ingress'))).toEqual(['in-tcp-22-v4-any']);
  });

  it('accepts a rule from a security group on a restricted port next to public HTTPS', () => {
    const json = build({
      ingress: [
        { port: 443, description: 'web', source: { cidrs: ['0.0.0.0/0'] } },
        { port: 22, description: 'bastion', source: { securityGroupIds: ['sg-01234567'] } },
      ],
    });
    expect(Object.keys(rules(json, 'ingress')).sort()).toEqual([
      'in-tcp-22-sg-sg-01234567',
      'in-tcp-443-v4-any',
    ]);
  });
});

describe('SecurityGroup presets', () => {
  const admin = (prop: string) => () => prop;

  it('creates the rules of preset ports, and none for a preset port without sources', () => {
    const json = build({}, undefined, {
      ingress: [
        tcpSpec('ssh', 'sshCidrs', 'SSH', 22, { cidrs: ['203.0.113.0/24'] }),
        tcpSpec('grafana', 'grafana', 'Grafana', 3000, {}),
      ],
    });
    expect(rules(json, 'ingress')).toEqual({
      'in-ssh-v4-203-0-113-0-24': {
        ip_protocol: 'tcp',
        from_port: 22,
        to_port: 22,
        cidr_ipv4: '203.0.113.0/24',
        description: 'SSH (tcp 22) from 203.0.113.0/24',
        tags: { Name: 'svc-ssh' },
      },
    });
  });

  it('synthesizes a preset rule without toPort as its single port', () => {
    const json = build({}, undefined, {
      ingress: [
        {
          key: 'app',
          field: 'appCidrs',
          peerField: admin('appCidrs'),
          label: 'App',
          fromPort: 8080,
          protocol: 'tcp',
          peers: { cidrs: ['10.0.0.0/8'] },
        },
      ],
    });
    const view = Object.entries(rules(json, 'ingress')).map(([id, r]) => [
      id,
      r.from_port,
      r.to_port,
      r.description,
    ]);
    expect(view).toEqual([['in-app-v4-10-0-0-0-8', 8080, 8080, 'App (tcp 8080) from 10.0.0.0/8']]);
  });

  it('reports a preset list under the preset prop, once however many ports it feeds', () => {
    const shared = { cidrs: ['10.0.0.1/8'] };
    const message = errorOf(() =>
      build({}, undefined, {
        ingress: [
          tcpSpec('http', 'http', 'HTTP', 80, { ipv6Cidrs: ['::1/64'] }),
          tcpSpec('grafana', 'adminCidrs', 'Grafana', 3000, shared, admin('adminCidrs')),
          tcpSpec('prometheus', 'adminCidrs', 'Prometheus', 9090, shared, admin('adminCidrs')),
        ],
      }),
    );
    expect(message).toBe(
      invalid(
        'http.ipv6Cidrs = ["::1/64"]: has entries that are not IPv6 CIDR blocks with zero host bits. Fix: use blocks such as "2001:db8::/32"; for one address use /128',
        'adminCidrs = ["10.0.0.1/8"]: has entries that are not IPv4 CIDR blocks with zero host bits. Fix: use blocks such as "203.0.113.0/24"; for one address use /32 (e.g. "203.0.113.7/32")',
      ),
    );
  });

  it('names the preset opt-out prop, and reports rules of one prop on different ports apart', () => {
    const spec = (key: string, from: number, to: number): RuleSpec => ({
      key,
      field: 'adminCidrs',
      peerField: admin('adminCidrs'),
      label: key,
      fromPort: from,
      toPort: to,
      protocol: 'tcp',
      peers: { cidrs: ['0.0.0.0/0'] },
    });
    const message = errorOf(() =>
      build({ restrictedPorts: [1, 12, 112] }, undefined, {
        ingress: [spec('low', 1, 12), spec('high', 112, 112)],
        optOutProp: 'allowPublicAdminPorts',
      }),
    );
    expect(message).toBe(
      invalid(
        opens('adminCidrs', '["0.0.0.0/0"]', '1, 12', 'low', '100% of public IPv4', 'allowPublicAdminPorts'),
        opens('adminCidrs', '["0.0.0.0/0"]', '112', 'high', '100% of public IPv4', 'allowPublicAdminPorts'),
      ),
    );
  });
});
