import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import {
  ADMIN_PORTS,
  AppSecurityGroup,
  AppSecurityGroupProps,
  PORTS,
} from '../../../stacks/mlmon/app-security-group';

type Block = Record<string, unknown>;
interface SynthJson {
  resource?: Record<string, Record<string, Block>>;
}

const VPC_ID = 'vpc-0123456789abcdef0';
const BASE: AppSecurityGroupProps = { name: 'mlmon-dev-app', vpcId: VPC_ID };

function build(props: Partial<AppSecurityGroupProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const sg = new AppSecurityGroup(stack, 'sg', { ...BASE, ...props });
  const text = Testing.synth(stack);
  return { sg, text, json: JSON.parse(text) as SynthJson };
}
function rules(json: SynthJson, direction: 'ingress' | 'egress'): Block[] {
  return Object.values(json.resource?.[`aws_vpc_security_group_${direction}_rule`] ?? {});
}
function ruleKeys(json: SynthJson, direction: 'ingress' | 'egress'): string[] {
  return Object.keys(json.resource?.[`aws_vpc_security_group_${direction}_rule`] ?? {}).sort();
}
/** `port/peer` pairs, e.g. `443/0.0.0.0/0`, for compact assertions. */
function openings(json: SynthJson, direction: 'ingress' | 'egress'): string[] {
  return rules(json, direction)
    .map((r) => {
      const peer = r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id ?? r.prefix_list_id;
      const ports =
        r.from_port === undefined
          ? 'all'
          : r.from_port === r.to_port
            ? `${r.from_port}`
            : `${r.from_port}-${r.to_port}`;
      return `${r.ip_protocol}:${ports}/${peer}`;
    })
    .sort();
}

describe('AppSecurityGroup with defaults', () => {
  const { text, json } = build();

  it('creates the group without inline rules', () => {
    expect(text).toHaveResourceWithProperties(SecurityGroup, {
      name: 'mlmon-dev-app',
      vpc_id: VPC_ID,
      tags: { Name: 'mlmon-dev-app' },
    });
    const group = Object.values(json.resource?.aws_security_group ?? {})[0];
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  it('exposes the group id, ARN and name', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const sg = new AppSecurityGroup(stack, 'sg', BASE);
    new TerraformOutput(stack, 'id', { value: sg.securityGroupId });
    new TerraformOutput(stack, 'arn', { value: sg.securityGroupArn });
    new TerraformOutput(stack, 'name', { value: sg.securityGroupName });
    const out = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> }).output;
    expect(out.id.value).toMatch(/^\$\{aws_security_group\.sg_\w+\.id\}$/);
    expect(out.arn.value).toMatch(/^\$\{aws_security_group\.sg_\w+\.arn\}$/);
    expect(out.name.value).toMatch(/^\$\{aws_security_group\.sg_\w+\.name\}$/);
  });

  it('opens only HTTP and HTTPS, to IPv4 and IPv6', () => {
    expect(openings(json, 'ingress')).toEqual([
      'tcp:443/0.0.0.0/0',
      'tcp:443/::/0',
      'tcp:80/0.0.0.0/0',
      'tcp:80/::/0',
    ]);
  });

  it('keeps every admin port closed (no SSH rule at all)', () => {
    const ports = rules(json, 'ingress').map((r) => r.from_port);
    for (const p of ADMIN_PORTS) expect(ports).not.toContain(p);
  });

  it('allows HTTPS and HTTP egress only', () => {
    expect(openings(json, 'egress')).toEqual([
      'tcp:443/0.0.0.0/0',
      'tcp:443/::/0',
      'tcp:80/0.0.0.0/0',
      'tcp:80/::/0',
    ]);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      description:
        'HTTPS to AWS APIs (SSM, CloudWatch, S3, ECR) and package and image registries (tcp 443) to 0.0.0.0/0',
    });
  });

  it('describes every rule', () => {
    for (const r of [...rules(json, 'ingress'), ...rules(json, 'egress')]) {
      expect(typeof r.description).toBe('string');
      expect((r.description as string).length).toBeGreaterThan(10);
    }
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'HTTPS (tcp 443) from ::/0',
      cidr_ipv6: '::/0',
    });
  });

  it('names rules after their peers', () => {
    expect(ruleKeys(json, 'ingress').map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'sg_in-http-v4-any',
      'sg_in-http-v6-any',
      'sg_in-https-v4-any',
      'sg_in-https-v6-any',
    ]);
  });
});

describe('AppSecurityGroup with admin and SSH networks', () => {
  const { json, text } = build({
    adminCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    sshCidrs: ['198.51.100.7/32'],
  });

  it('opens API, Prometheus and Grafana to each admin network and SSH to its own list', () => {
    const admin = openings(json, 'ingress').filter((o) => !/^tcp:(80|443)\//.test(o));
    expect(admin).toEqual([
      'tcp:22/198.51.100.7/32',
      'tcp:3000/198.51.100.0/24',
      'tcp:3000/203.0.113.0/24',
      'tcp:8000/198.51.100.0/24',
      'tcp:8000/203.0.113.0/24',
      'tcp:9090/198.51.100.0/24',
      'tcp:9090/203.0.113.0/24',
    ]);
  });

  it('says in each description what the port is and who it is for', () => {
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'Grafana (tcp 3000) from 203.0.113.0/24',
      from_port: PORTS.grafana,
      to_port: PORTS.grafana,
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'SSH (tcp 22) from 198.51.100.7/32',
    });
  });

  it('keeps rule addresses stable when a list is reordered', () => {
    const reordered = build({
      adminCidrs: ['198.51.100.0/24', '203.0.113.0/24'],
      sshCidrs: ['198.51.100.7/32'],
    }).json;
    expect(ruleKeys(reordered, 'ingress')).toEqual(ruleKeys(json, 'ingress'));
  });
});

describe('AppSecurityGroup with per-port sources', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const lb = new AppSecurityGroup(stack, 'lb', { name: 'mlmon-dev-lb', vpcId: VPC_ID });
  new AppSecurityGroup(stack, 'sg', {
    ...BASE,
    adminCidrs: ['203.0.113.0/24'],
    api: { securityGroupIds: [lb.securityGroupId] },
    prometheus: {},
    grafana: { ipv6Cidrs: ['2001:db8::/48'] },
    nodeExporter: { securityGroupIds: ['sg-0123456789abcdef0'] },
    http: {},
    https: { prefixListIds: ['pl-0123abcd'] },
  });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  const app = Object.entries(json.resource?.aws_vpc_security_group_ingress_rule ?? {})
    .filter(([k]) => k.startsWith('sg_'))
    .map(([, r]) => r);

  it('replaces the admin networks for the overridden ports', () => {
    const api = app.filter((r) => r.from_port === PORTS.api);
    expect(api).toHaveLength(1);
    expect(api[0].referenced_security_group_id).toMatch(/aws_security_group\.lb_.*\.id/);
    expect(api[0].description).toBe('Model API (tcp 8000) from security group');
    expect(app.filter((r) => r.from_port === PORTS.prometheus)).toHaveLength(0);
    expect(app.filter((r) => r.from_port === PORTS.grafana).map((r) => r.cidr_ipv6)).toEqual([
      '2001:db8::/48',
    ]);
  });

  it('opens the node exporter only to the given group', () => {
    expect(
      app.filter((r) => r.from_port === PORTS.nodeExporter).map((r) => r.referenced_security_group_id),
    ).toEqual(['sg-0123456789abcdef0']);
  });

  it('closes HTTP with {} and takes a prefix list for HTTPS', () => {
    expect(app.filter((r) => r.from_port === PORTS.http)).toHaveLength(0);
    expect(app.filter((r) => r.from_port === PORTS.https).map((r) => r.prefix_list_id)).toEqual([
      'pl-0123abcd',
    ]);
  });
});

describe('AppSecurityGroup with extra ingress and custom egress', () => {
  const { json, text } = build({
    extraIngress: [
      { port: 8080, description: 'Alternative web port', source: { cidrs: ['0.0.0.0/0'] } },
      {
        port: 60000,
        toPort: 61000,
        protocol: 'udp',
        description: 'mosh',
        source: { cidrs: ['198.51.100.0/24'] },
      },
    ],
    egress: [
      { port: 443, description: 'HTTPS to the VPC', destination: { cidrs: ['10.0.0.0/16'] } },
      {
        protocol: 'all',
        description: 'Anything to the monitoring group',
        destination: { securityGroupIds: ['sg-0abcdef1'] },
      },
      {
        port: 53,
        protocol: 'udp',
        description: 'DNS to a custom resolver',
        destination: { cidrs: ['10.0.0.2/32'] },
      },
    ],
  });

  it('adds the extra ingress rules with their ranges and protocols', () => {
    expect(openings(json, 'ingress')).toEqual(
      expect.arrayContaining(['tcp:8080/0.0.0.0/0', 'udp:60000-61000/198.51.100.0/24']),
    );
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      description: 'mosh (udp 60000-61000) from 198.51.100.0/24',
    });
  });

  it('replaces the default egress entirely', () => {
    expect(openings(json, 'egress')).toEqual([
      '-1:all/sg-0abcdef1',
      'tcp:443/10.0.0.0/16',
      'udp:53/10.0.0.2/32',
    ]);
    const all = rules(json, 'egress').find((r) => r.ip_protocol === '-1') as Block;
    expect(all.description).toBe('Anything to the monitoring group (all traffic) to sg-0abcdef1');
    expect(all.from_port).toBeUndefined();
    expect(all.to_port).toBeUndefined();
  });

  it('creates no egress rule at all with egress: []', () => {
    expect(rules(build({ egress: [] }).json, 'egress')).toHaveLength(0);
  });
});

describe('AppSecurityGroup tags and description', () => {
  it('merges tags into the group and every rule', () => {
    const { json } = build({ tags: { Team: 'ml' }, description: 'App host' });
    const group = Object.values(json.resource?.aws_security_group ?? {})[0];
    expect(group.tags).toEqual({ Team: 'ml', Name: 'mlmon-dev-app' });
    expect(group.description).toBe('App host');
    for (const r of [...rules(json, 'ingress'), ...rules(json, 'egress')])
      expect((r.tags as Block).Team).toBe('ml');
  });
});

describe('AppSecurityGroup with allowPublicAdminPorts: true', () => {
  it('accepts the internet on admin ports when explicitly allowed', () => {
    const { json } = build({
      allowPublicAdminPorts: true,
      adminCidrs: ['0.0.0.0/0'],
      sshCidrs: ['0.0.0.0/0'],
    });
    expect(openings(json, 'ingress')).toEqual(
      expect.arrayContaining(['tcp:22/0.0.0.0/0', 'tcp:3000/0.0.0.0/0']),
    );
  });
});

function messageOf(props: Partial<AppSecurityGroupProps>): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  try {
    new AppSecurityGroup(stack, 'sg', { ...BASE, ...props });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected AppSecurityGroup to throw');
}

describe('AppSecurityGroup validation', () => {
  const cases: [string, Partial<AppSecurityGroupProps>, string, string, string][] = [
    [
      'SSH from anywhere',
      { sshCidrs: ['0.0.0.0/0'] },
      'sshCidrs',
      '["0.0.0.0/0"]',
      'allowPublicAdminPorts: true',
    ],
    [
      'admin ports from anywhere',
      { adminCidrs: ['0.0.0.0/0'] },
      'adminCidrs',
      'restricted port 8000',
      'SSM Session Manager',
    ],
    [
      'Prometheus from any IPv6',
      { prometheus: { ipv6Cidrs: ['::/0'] } },
      'prometheus',
      '["::/0"]',
      'operator networks',
    ],
    [
      'Grafana from anywhere',
      { grafana: { cidrs: ['0.0.0.0/0'] } },
      'grafana',
      'restricted port 3000',
      'operator networks',
    ],
    [
      'node exporter from anywhere',
      { nodeExporter: { cidrs: ['0.0.0.0/0'] } },
      'nodeExporter',
      'restricted port 9100',
      'operator networks',
    ],
    [
      'a public range covering an admin port',
      {
        extraIngress: [{ port: 2000, toPort: 4000, description: 'range', source: { cidrs: ['0.0.0.0/0'] } }],
      },
      'extraIngress[0]',
      'restricted ports 2375, 2376, 3000, 3306, 3389',
      'allowPublicAdminPorts',
    ],
    ['IPv4 host bits', { adminCidrs: ['203.0.113.7/24'] }, 'adminCidrs', '203.0.113.7/24', '/32'],
    ['IPv4 garbage', { http: { cidrs: ['everyone'] } }, 'http.cidrs', 'everyone', '"203.0.113.0/24"'],
    [
      'IPv6 host bits',
      { https: { ipv6Cidrs: ['2001:db8::1/32'] } },
      'https.ipv6Cidrs',
      '2001:db8::1/32',
      '/128',
    ],
    [
      'IPv4 in the IPv6 list',
      { https: { ipv6Cidrs: ['10.0.0.0/8'] } },
      'https.ipv6Cidrs',
      '10.0.0.0/8',
      '"2001:db8::/32"',
    ],
    [
      'duplicate CIDR',
      { adminCidrs: ['203.0.113.0/24', '203.0.113.0/24'] },
      'adminCidrs',
      '203.0.113.0/24',
      'once',
    ],
    [
      'bad security group id',
      { api: { securityGroupIds: ['web-sg'] } },
      'api.securityGroupIds',
      'web-sg',
      '"sg-0123456789abcdef0"',
    ],
    [
      'bad prefix list id',
      { https: { prefixListIds: ['cloudfront'] } },
      'https.prefixListIds',
      'cloudfront',
      '"pl-',
    ],
    [
      'port 0',
      { extraIngress: [{ port: 0, description: 'zero', source: {} }] },
      'extraIngress[0].port',
      '0',
      'such as 443',
    ],
    [
      'port 65536',
      { extraIngress: [{ port: 65536, description: 'big', source: {} }] },
      'extraIngress[0].port',
      '65536',
      'such as 443',
    ],
    [
      'reversed range',
      { extraIngress: [{ port: 9000, toPort: 8000, description: 'rev', source: {} }] },
      'extraIngress[0].toPort',
      '8000',
      'set toPort to 9000',
    ],
    [
      'fractional port',
      { egress: [{ port: 44.3, description: 'frac', destination: {} }] },
      'egress[0].port',
      '44.3',
      'such as 443',
    ],
    [
      'icmp protocol',
      { extraIngress: [{ port: 1, protocol: 'icmp' as 'tcp', description: 'ping', source: {} }] },
      'extraIngress[0].protocol',
      '"icmp"',
      '"udp"',
    ],
    [
      'non-ASCII description',
      { extraIngress: [{ port: 8080, description: 'café', source: {} }] },
      'extraIngress[0].description',
      '"café"',
      'plain ASCII',
    ],
    [
      'empty description',
      { egress: [{ port: 443, description: '', destination: {} }] },
      'egress[0].description',
      '""',
      'plain ASCII',
    ],
    [
      'port with protocol all',
      { egress: [{ port: 443, protocol: 'all', description: 'all', destination: {} }] },
      'egress[0].port',
      '443',
      'remove port/toPort',
    ],
    ['name starting with sg-', { name: 'sg-app' }, 'name', '"sg-app"', '"orders-dev-app"'],
    ['non-ASCII name', { name: 'app✓' }, 'name', 'app✓', '"orders-dev-app"'],
    ['bad VPC id', { vpcId: 'my-vpc' }, 'vpcId', '"my-vpc"', 'vpc-0123456789abcdef0'],
    ['bad description', { description: 'naïve' }, 'description', '"naïve"', 'plain ASCII'],
  ];

  it.each(cases)('fails on %s, naming path, field, value and fix', (_case, props, field, value, fix) => {
    const message = messageOf(props);
    expect(message).toContain('Invalid input for test/sg');
    expect(message).toContain(`${field}`);
    expect(message).toContain(value);
    expect(message).toContain('Fix: ');
    expect(message).toContain(fix);
  });

  it('reports every problem at once', () => {
    expect(messageOf({ sshCidrs: ['0.0.0.0/0'], adminCidrs: ['1.2.3.4/8'], name: 'sg-x' })).toContain(
      '(3 problems)',
    );
  });

  it('names each admin port opened to the internet', () => {
    const message = messageOf({ adminCidrs: ['0.0.0.0/0'] });
    for (const port of ['8000', '9090', '3000']) expect(message).toContain(`restricted port ${port}`);
  });

  describe('accepts the boundaries', () => {
    const accepted: [string, Partial<AppSecurityGroupProps>][] = [
      [
        'port 1 and 65535',
        {
          extraIngress: [
            { port: 1, toPort: 65535, description: 'all tcp', source: { cidrs: ['10.0.0.0/8'] } },
          ],
        },
      ],
      [
        'a single-port range (toPort = port)',
        {
          extraIngress: [{ port: 8080, toPort: 8080, description: 'web', source: { cidrs: ['10.0.0.0/8'] } }],
        },
      ],
      [
        'a public range between restricted ports',
        {
          extraIngress: [{ port: 8001, toPort: 9089, description: 'gap', source: { cidrs: ['0.0.0.0/0'] } }],
        },
      ],
      [
        'a public non-admin port',
        {
          extraIngress: [
            { port: 8443, description: 'tls alt', source: { cidrs: ['0.0.0.0/0'], ipv6Cidrs: ['::/0'] } },
          ],
        },
      ],
      ['a single admin host', { adminCidrs: ['203.0.113.7/32'], sshCidrs: ['203.0.113.7/32'] }],
      [
        'a wide but not public admin range',
        { adminCidrs: ['10.0.0.0/8'], grafana: { ipv6Cidrs: ['2001:db8::/32'] } },
      ],
      ['a compressed IPv6 host', { api: { ipv6Cidrs: ['2001:db8::7/128'] } }],
      [
        'public admin ports when explicitly allowed',
        { allowPublicAdminPorts: true, grafana: { cidrs: ['0.0.0.0/0'] } },
      ],
      [
        'egress to everything on all protocols',
        { egress: [{ protocol: 'all', description: 'all', destination: { cidrs: ['0.0.0.0/0'] } }] },
      ],
      ['a 255-character name', { name: 'a'.repeat(255) }],
    ];
    it.each(accepted)('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });

    it('an unresolved VPC id and source group', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const vpc = new TerraformVariable(stack, 'vpc', { type: 'string' });
      const peer = new TerraformVariable(stack, 'peer', { type: 'string' });
      expect(
        () =>
          new AppSecurityGroup(stack, 'sg', {
            name: 'x',
            vpcId: vpc.stringValue,
            api: { securityGroupIds: [peer.stringValue] },
          }),
      ).not.toThrow();
    });
  });
});

describe('PORTS', () => {
  it('lists the service ports of the host', () => {
    expect(PORTS).toEqual({
      ssh: 22,
      http: 80,
      https: 443,
      api: 8000,
      prometheus: 9090,
      grafana: 3000,
      nodeExporter: 9100,
    });
  });

  it('treats every non-web port as an admin port', () => {
    expect([...ADMIN_PORTS].sort()).toEqual([22, 3000, 8000, 9090, 9100]);
  });
});
