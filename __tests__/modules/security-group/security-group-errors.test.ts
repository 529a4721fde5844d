import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SecurityGroup, SecurityGroupProps } from '../../../modules/security-group';
import { errorOf, invalidMessage } from '../../support/synth-json';

const VPC = 'vpc-0123456789abcdef0';
const BASE: SecurityGroupProps = { name: 'svc', vpcId: VPC };
const PRIVATE = { cidrs: ['10.0.0.0/8'] };

const NAME_PROBLEM =
  'is not a valid security group name (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"). Fix: use a name such as "orders-dev-app"';
const DESCRIPTION_PROBLEM =
  'is not a valid security group description (1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*). Fix: use plain ASCII letters, digits, spaces and basic punctuation';
const VPC_ID_PROBLEM =
  'is not a VPC id. Fix: pass the id of a VPC ("vpc-0123456789abcdef0"), e.g. the Vpc construct\'s vpcId';
const RULE_DESCRIPTION_PROBLEM =
  'must be 1-255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*. Fix: say why the rule exists in plain ASCII, e.g. "HTTPS from the load balancer"';
const PORT_PROBLEM = 'must be a whole number from 1 to 65535. Fix: use a port such as 443';
const TO_PORT_PROBLEM =
  'must be a whole number from 1 to 65535. Fix: use a port such as 443, or leave toPort unset for a single port';
const NO_PEER_FIX = 'Fix: list at least one CIDR block, security group or prefix list, or drop the rule';
const V4_PROBLEM =
  'has entries that are not IPv4 CIDR blocks with zero host bits. Fix: use blocks such as "203.0.113.0/24"; for one address use /32 (e.g. "203.0.113.7/32")';
const V6_PROBLEM =
  'has entries that are not IPv6 CIDR blocks with zero host bits. Fix: use blocks such as "2001:db8::/32"; for one address use /128';
const SG_PROBLEM =
  'has entries that are not security group ids. Fix: use ids such as "sg-0123456789abcdef0" or another construct\'s securityGroupId';
const PL_PROBLEM = 'has entries that are not prefix list ids. Fix: use ids such as "pl-0123456789abcdef0"';
const UNRESOLVED_PROBLEM =
  'holds an unresolved value (a Terraform reference or variable): the range it opens cannot be checked at synth. Fix: pass literal CIDR blocks, or admit a security group or prefix list instead';

/** The whole message of a ValidationError for the group at test/sg. */
const invalid = (...lines: string[]) => invalidMessage('test/sg', ...lines);
/** Builds a group from props that untyped (JavaScript, JSON) callers could pass. */
function buildLoose(props: Record<string, unknown>, after?: (sg: SecurityGroup) => void): SecurityGroup {
  const stack = new TerraformStack(Testing.app(), 'test');
  const sg = new SecurityGroup(stack, 'sg', { ...BASE, ...props } as unknown as SecurityGroupProps);
  after?.(sg);
  return sg;
}

describe('SecurityGroup group props', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a missing name', { name: undefined }, [`name = undefined: ${NAME_PROBLEM}`]],
    [
      'a name that is not a string',
      { name: 42 },
      ['name = 42: must be a string, not a number. Fix: pass name as a string'],
    ],
    ['an empty name', { name: '' }, [`name = "": ${NAME_PROBLEM}`]],
    ['a name starting with sg-', { name: 'sg-app' }, [`name = "sg-app": ${NAME_PROBLEM}`]],
    ['a name with a non-ASCII first character', { name: 'é-app' }, [`name = "é-app": ${NAME_PROBLEM}`]],
    ['a name with a non-ASCII last character', { name: 'app-é' }, [`name = "app-é": ${NAME_PROBLEM}`]],
    ['a name of 256 characters', { name: 'n'.repeat(256) }, [`name = "${'n'.repeat(256)}": ${NAME_PROBLEM}`]],
    [
      'a missing VPC id',
      { vpcId: undefined },
      ["vpcId = undefined: is required. Fix: pass the id of a VPC, e.g. the Vpc construct's vpcId"],
    ],
    [
      'an empty VPC id',
      { vpcId: '' },
      [
        `vpcId = "": ${VPC_ID_PROBLEM}`,
        'vpcId = "": is required. Fix: pass the id of a VPC, e.g. the Vpc construct\'s vpcId',
      ],
    ],
    ['a short VPC id', { vpcId: 'vpc-1' }, [`vpcId = "vpc-1": ${VPC_ID_PROBLEM}`]],
    [
      'a VPC id of 16 hex digits',
      { vpcId: 'vpc-0123456789abcdef' },
      [`vpcId = "vpc-0123456789abcdef": ${VPC_ID_PROBLEM}`],
    ],
    ['a VPC id with a prefix', { vpcId: 'xvpc-01234567' }, [`vpcId = "xvpc-01234567": ${VPC_ID_PROBLEM}`]],
    ['a VPC id with a suffix', { vpcId: 'vpc-01234567x' }, [`vpcId = "vpc-01234567x": ${VPC_ID_PROBLEM}`]],
    ['a non-ASCII description', { description: 'café' }, [`description = "café": ${DESCRIPTION_PROBLEM}`]],
    ['an empty description', { description: '' }, [`description = "": ${DESCRIPTION_PROBLEM}`]],
    [
      'a description starting with a non-ASCII character',
      { description: 'é app' },
      [`description = "é app": ${DESCRIPTION_PROBLEM}`],
    ],
    [
      'a description of 256 characters',
      { description: 'd'.repeat(256) },
      [`description = "${'d'.repeat(256)}": ${DESCRIPTION_PROBLEM}`],
    ],
    [
      'restricted ports outside 1-65535 or not whole',
      { restrictedPorts: [0, 22, 65536, 1.5] },
      [
        'restrictedPorts = [0,65536,1.5]: has entries that are not ports 1-65535. Fix: list whole numbers from 1 to 65535',
      ],
    ],
    [
      'ingress that is not a list',
      { ingress: 'x' },
      ['ingress = "x": must be a list, not a string. Fix: pass ingress as a list'],
    ],
    [
      'egress that is not a list',
      { egress: {} },
      ['egress = {}: must be a list, not an object. Fix: pass egress as a list'],
    ],
  ])('refuses %s', (_name, props, lines) => {
    expect(errorOf(() => buildLoose(props))).toBe(invalid(...lines));
  });

  it.each<[string, Partial<SecurityGroupProps>]>([
    ['a name of 255 characters', { name: 'n'.repeat(255) }],
    ['a name with every allowed punctuation mark', { name: 'a ._-:/()#,@[]+=&;{}!$*' }],
    ['a VPC id of 8 hex digits', { vpcId: 'vpc-01234567' }],
    ['a description of 255 characters', { description: 'd'.repeat(255) }],
    ['restricted ports 1 and 65535', { restrictedPorts: [1, 65535] }],
  ])('accepts %s', (_name, props) => {
    expect(() => buildLoose(props)).not.toThrow();
  });
});

describe('SecurityGroup rule props', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a key with a space',
      { ingress: [{ port: 443, key: 'a b', description: 'x', source: PRIVATE }] },
      [
        'ingress[0].key = "a b": must be 1-40 letters, digits or hyphens. Fix: use a short key such as "https" or "grafana"',
      ],
    ],
    [
      'a key of 41 characters',
      { ingress: [{ port: 443, key: 'k'.repeat(41), description: 'x', source: PRIVATE }] },
      [
        `ingress[0].key = "${'k'.repeat(41)}": must be 1-40 letters, digits or hyphens. Fix: use a short key such as "https" or "grafana"`,
      ],
    ],
    [
      'a missing rule description',
      { ingress: [{ port: 443, source: PRIVATE }] },
      [`ingress[0].description = undefined: ${RULE_DESCRIPTION_PROBLEM}`],
    ],
    [
      'a rule description that is not a string',
      { egress: [{ port: 443, description: 42, destination: PRIVATE }] },
      [`egress[0].description = 42: ${RULE_DESCRIPTION_PROBLEM}`],
    ],
    [
      'a non-ASCII rule description',
      { ingress: [{ port: 443, description: 'café', source: PRIVATE }] },
      [`ingress[0].description = "café": ${RULE_DESCRIPTION_PROBLEM}`],
    ],
    [
      'an unknown protocol',
      { ingress: [{ port: 443, protocol: 'icmp', description: 'x', source: PRIVATE }] },
      [
        'ingress[0].protocol = "icmp": must be "tcp", "udp" or "all". Fix: use "tcp" (default), "udp" or "all"',
      ],
    ],
    [
      'port 0',
      { ingress: [{ port: 0, description: 'x', source: PRIVATE }] },
      [`ingress[0].port = 0: ${PORT_PROBLEM}`, `ingress[0].toPort = 0: ${TO_PORT_PROBLEM}`],
    ],
    [
      'port 65536',
      { egress: [{ port: 65536, description: 'x', destination: PRIVATE }] },
      [`egress[0].port = 65536: ${PORT_PROBLEM}`, `egress[0].toPort = 65536: ${TO_PORT_PROBLEM}`],
    ],
    [
      'a TCP rule without a port, even from the whole internet',
      { ingress: [{ description: 'x', source: { cidrs: ['0.0.0.0/0'] } }] },
      [`ingress[0].port = undefined: ${PORT_PROBLEM}`, `ingress[0].toPort = undefined: ${TO_PORT_PROBLEM}`],
    ],
    [
      'toPort 0 after a valid port',
      { ingress: [{ port: 443, toPort: 0, description: 'x', source: PRIVATE }] },
      [`ingress[0].toPort = 0: ${TO_PORT_PROBLEM}`],
    ],
    [
      'toPort 65536',
      { ingress: [{ port: 443, toPort: 65536, description: 'x', source: PRIVATE }] },
      [`ingress[0].toPort = 65536: ${TO_PORT_PROBLEM}`],
    ],
    [
      'a port above 65535 with a lower valid toPort',
      { ingress: [{ port: 70000, toPort: 80, description: 'x', source: PRIVATE }] },
      [`ingress[0].port = 70000: ${PORT_PROBLEM}`],
    ],
    [
      'a range ending below its start',
      { ingress: [{ port: 9000, toPort: 8999, description: 'x', source: PRIVATE }] },
      ['ingress[0].toPort = 8999: is below port 9000. Fix: set toPort to 9000 or more, or swap the two'],
    ],
    [
      'port and toPort with protocol all (the port is reported)',
      { egress: [{ protocol: 'all', port: 80, toPort: 90, description: 'x', destination: PRIVATE }] },
      [
        'egress[0].port = 80: is set, but protocol "all" covers every port. Fix: remove port/toPort, or use protocol "tcp" or "udp"',
      ],
    ],
    [
      'only toPort with protocol all',
      { egress: [{ protocol: 'all', toPort: 90, description: 'x', destination: PRIVATE }] },
      [
        'egress[0].port = 90: is set, but protocol "all" covers every port. Fix: remove port/toPort, or use protocol "tcp" or "udp"',
      ],
    ],
    [
      'an inbound rule without a source',
      { ingress: [{ port: 443, description: 'x', source: {} }] },
      [`ingress[0] = {}: has no source. ${NO_PEER_FIX}`],
    ],
    [
      'an inbound rule whose source is missing',
      { ingress: [{ port: 443, description: 'x' }] },
      [`ingress[0] = {}: has no source. ${NO_PEER_FIX}`],
    ],
    [
      'an outbound rule without a destination',
      { egress: [{ port: 443, description: 'x', destination: { cidrs: [], prefixListIds: [] } }] },
      [`egress[0] = {"cidrs":[],"prefixListIds":[]}: has no destination. ${NO_PEER_FIX}`],
    ],
    [
      'an outbound rule whose destination is missing',
      { egress: [{ port: 443, description: 'x' }] },
      [`egress[0] = {}: has no destination. ${NO_PEER_FIX}`],
    ],
    [
      'IPv4 blocks with host bits, as a source',
      {
        ingress: [
          { port: 443, description: 'x', source: { cidrs: ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.0'] } },
        ],
      },
      [`ingress[0].source.cidrs = ["10.0.0.1/8","10.0.0.0"]: ${V4_PROBLEM}`],
    ],
    [
      'IPv4 blocks with host bits, as a destination',
      { egress: [{ port: 443, description: 'x', destination: { cidrs: ['10.0.0.1/8'] } }] },
      [`egress[0].destination.cidrs = ["10.0.0.1/8"]: ${V4_PROBLEM}`],
    ],
    [
      'IPv6 blocks with host bits, as a source',
      {
        ingress: [
          { port: 443, description: 'x', source: { ipv6Cidrs: ['2001:db8::/32', '2001:db8::1/32'] } },
        ],
      },
      [`ingress[0].source.ipv6Cidrs = ["2001:db8::1/32"]: ${V6_PROBLEM}`],
    ],
    [
      'IPv6 blocks with host bits, as a destination',
      { egress: [{ port: 443, description: 'x', destination: { ipv6Cidrs: ['10.0.0.0/8'] } }] },
      [`egress[0].destination.ipv6Cidrs = ["10.0.0.0/8"]: ${V6_PROBLEM}`],
    ],
    [
      'malformed security group ids',
      {
        ingress: [
          {
            port: 443,
            description: 'x',
            source: {
              securityGroupIds: [
                'sg-01234567',
                'sg-1',
                'xsg-01234567',
                'sg-01234567x',
                'sg-0123456789abcdef',
                'sg-0123456789ABCDEF0',
              ],
            },
          },
        ],
      },
      [
        `ingress[0].source.securityGroupIds = ["sg-1","xsg-01234567","sg-01234567x","sg-0123456789abcdef","sg-0123456789ABCDEF0"]: ${SG_PROBLEM}`,
      ],
    ],
    [
      'malformed prefix list ids',
      {
        egress: [
          {
            port: 443,
            description: 'x',
            destination: {
              prefixListIds: [
                'pl-01234567',
                'pl-0123456789abcdef0',
                'pl-0',
                'pl-0123456789',
                'xpl-01234567',
                'pl-01234567x',
                'pl-ghijklmn',
              ],
            },
          },
        ],
      },
      [
        `egress[0].destination.prefixListIds = ["pl-0","pl-0123456789","xpl-01234567","pl-01234567x","pl-ghijklmn"]: ${PL_PROBLEM}`,
      ],
    ],
    [
      'a CIDR block listed twice',
      {
        ingress: [
          { port: 443, description: 'x', source: { cidrs: ['10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8'] } },
        ],
      },
      ['ingress[0].source.cidrs = ["10.0.0.0/8"]: lists a value more than once. Fix: list each value once'],
    ],
    [
      'a security group listed three times',
      {
        egress: [
          {
            port: 443,
            description: 'x',
            destination: { securityGroupIds: ['sg-01234567', 'sg-01234567', 'sg-01234567'] },
          },
        ],
      },
      [
        'egress[0].destination.securityGroupIds = ["sg-01234567","sg-01234567"]: lists a value more than once. Fix: list each value once',
      ],
    ],
    [
      'CIDR blocks given as a string',
      { ingress: [{ port: 443, description: 'x', source: { cidrs: '10.0.0.0/8' } }] },
      ['ingress[0].source.cidrs = "10.0.0.0/8": must be a list. Fix: pass a list, e.g. ["203.0.113.0/24"]'],
    ],
    [
      'CIDR blocks given as a string on a restricted port',
      { ingress: [{ port: 22, description: 'x', source: { cidrs: '10.0.0.0/8', ipv6Cidrs: '::/0' } }] },
      [
        'ingress[0].source.cidrs = "10.0.0.0/8": must be a list. Fix: pass a list, e.g. ["203.0.113.0/24"]',
        'ingress[0].source.ipv6Cidrs = "::/0": must be a list. Fix: pass a list, e.g. []',
      ],
    ],
    [
      'security group ids given as a string',
      { egress: [{ port: 443, description: 'x', destination: { securityGroupIds: 'sg-01234567' } }] },
      ['egress[0].destination.securityGroupIds = "sg-01234567": must be a list. Fix: pass a list, e.g. []'],
    ],
  ])('refuses %s', (_name, props, lines) => {
    expect(errorOf(() => buildLoose(props))).toBe(invalid(...lines));
  });

  it('reports every problem of every rule at once, group props first', () => {
    expect(
      errorOf(() =>
        buildLoose({
          name: 'sg-x',
          ingress: [{ port: 0, key: '', description: '', source: { cidrs: ['10.0.0.1/8'] } }],
          egress: [{ protocol: 'udp', port: 53, description: 'dns' }],
        }),
      ),
    ).toBe(
      invalid(
        `name = "sg-x": ${NAME_PROBLEM}`,
        'ingress[0].key = "": must be 1-40 letters, digits or hyphens. Fix: use a short key such as "https" or "grafana"',
        `ingress[0].description = "": ${RULE_DESCRIPTION_PROBLEM}`,
        `ingress[0].port = 0: ${PORT_PROBLEM}`,
        `ingress[0].toPort = 0: ${TO_PORT_PROBLEM}`,
        `ingress[0].source.cidrs = ["10.0.0.1/8"]: ${V4_PROBLEM}`,
        `egress[0] = {}: has no destination. ${NO_PEER_FIX}`,
      ),
    );
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'a key of 40 characters',
      { ingress: [{ port: 443, key: 'k'.repeat(40), description: 'x', source: PRIVATE }] },
    ],
    [
      'a rule description of 255 characters',
      { ingress: [{ port: 443, description: 'd'.repeat(255), source: PRIVATE }] },
    ],
    [
      'ports 1 and 65535',
      { ingress: [{ port: 1, toPort: 65535, description: 'x', source: { cidrs: ['10.0.0.0/8'] } }] },
    ],
    ['a range of one port', { ingress: [{ port: 8000, toPort: 8000, description: 'x', source: PRIVATE }] }],
    ['protocol udp', { ingress: [{ port: 53, protocol: 'udp', description: 'x', source: PRIVATE }] }],
    [
      'one IPv4 and one IPv6 source',
      {
        ingress: [
          { port: 443, description: 'x', source: { cidrs: ['10.0.0.0/8'], ipv6Cidrs: ['2001:db8::/32'] } },
        ],
      },
    ],
    [
      'one IPv6 and one prefix list destination',
      {
        egress: [
          {
            port: 443,
            description: 'x',
            destination: { ipv6Cidrs: ['2001:db8::/32'], prefixListIds: ['pl-01234567'] },
          },
        ],
      },
    ],
  ])('accepts %s', (_name, props) => {
    expect(() => buildLoose(props)).not.toThrow();
  });
});

describe('SecurityGroup unresolved peers', () => {
  function withVariables(rule: (a: string, b: string) => Record<string, unknown>) {
    const stack = new TerraformStack(Testing.app(), 'test');
    const a = new TerraformVariable(stack, 'a', { type: 'string' }).stringValue;
    const b = new TerraformVariable(stack, 'b', { type: 'string' }).stringValue;
    const build = () => new SecurityGroup(stack, 'sg', { ...BASE, ...rule(a, b) } as SecurityGroupProps);
    return { a, b, build };
  }

  it.each([
    ['IPv4', 'cidrs'],
    ['IPv6', 'ipv6Cidrs'],
  ])('refuses an unresolved %s source, naming only the unresolved entries', (_family, list) => {
    const literal = list === 'cidrs' ? '10.0.0.0/8' : '2001:db8::/32';
    const { a, build } = withVariables((tok) => ({
      ingress: [{ port: 443, description: 'x', source: { [list]: [literal, tok] } }],
    }));
    expect(errorOf(build)).toBe(
      invalid(`ingress[0].source.${list} = ${JSON.stringify([a])}: ${UNRESOLVED_PROBLEM}`),
    );
  });

  it('refuses an unresolved source added later', () => {
    const { a } = withVariables(() => ({}));
    const message = errorOf(() =>
      buildLoose({}, (sg) => sg.addIngress({ port: 443, description: 'later', source: { ipv6Cidrs: [a] } })),
    );
    expect(message).toBe(
      invalid(`addIngress(later).source.ipv6Cidrs = ${JSON.stringify([a])}: ${UNRESOLVED_PROBLEM}`),
    );
  });

  it.each<[string, (a: string, b: string) => Record<string, unknown>]>([
    [
      'unresolved source security groups',
      (a, b) => ({ ingress: [{ port: 443, description: 'x', source: { securityGroupIds: [a, b] } }] }),
    ],
    [
      'unresolved source prefix lists',
      (a) => ({ ingress: [{ port: 443, description: 'x', source: { prefixListIds: [a] } }] }),
    ],
    [
      'unresolved destination blocks',
      (a, b) => ({ egress: [{ port: 443, description: 'x', destination: { cidrs: [a], ipv6Cidrs: [b] } }] }),
    ],
    [
      'the same unresolved destination twice',
      (a) => ({ egress: [{ port: 443, description: 'x', destination: { cidrs: [a, a] } }] }),
    ],
  ])('accepts %s', (_name, rule) => {
    expect(() => withVariables(rule).build()).not.toThrow();
  });

  it('still finds literal duplicates next to a repeated unresolved destination', () => {
    const { build } = withVariables((a) => ({
      egress: [{ port: 443, description: 'x', destination: { cidrs: [a, a, '10.0.0.0/8', '10.0.0.0/8'] } }],
    }));
    expect(errorOf(build)).toBe(
      invalid(
        'egress[0].destination.cidrs = ["10.0.0.0/8"]: lists a value more than once. Fix: list each value once',
      ),
    );
  });
});

describe('SecurityGroup rules added later', () => {
  it.each<[string, (sg: SecurityGroup) => void, string]>([
    [
      'an inbound rule without a source',
      (sg) => sg.addIngress({ port: 443, description: 'late in', source: {} }),
      `addIngress(late in) = {}: has no source. ${NO_PEER_FIX}`,
    ],
    [
      'an outbound rule without a destination',
      (sg) => sg.addEgress({ port: 443, description: 'late out', destination: {} }),
      `addEgress(late out) = {}: has no destination. ${NO_PEER_FIX}`,
    ],
    [
      'an outbound rule with a bad block',
      (sg) => sg.addEgress({ port: 443, description: 'late out', destination: { cidrs: ['10.0.0.1/8'] } }),
      `addEgress(late out).destination.cidrs = ["10.0.0.1/8"]: ${V4_PROBLEM}`,
    ],
    [
      'a reversed range towards another group',
      (sg) => sg.allowTo({ securityGroupId: 'sg-01234567' }, 5432, 'db', 5000),
      'addEgress(db).toPort = 5000: is below port 5432. Fix: set toPort to 5432 or more, or swap the two',
    ],
    [
      'a port 0 from another group',
      (sg) => sg.allowFrom({ securityGroupId: 'sg-01234567' }, 0, 'app', 80),
      `addIngress(app).port = 0: ${PORT_PROBLEM}`,
    ],
  ])('refuses %s', (_name, after, line) => {
    expect(errorOf(() => buildLoose({}, after))).toBe(invalid(line));
  });

  it.each<[string, (sg: SecurityGroup) => void, string]>([
    [
      'an inbound rule repeating one of the props',
      (sg) => sg.addIngress({ port: 443, description: 'again', source: { cidrs: ['10.0.0.0/8'] } }),
      'addIngress(again) = "10.0.0.0/8": repeats a rule that already exists (in-tcp-443-v4-10-0-0-0-8)',
    ],
    [
      'an outbound rule repeating one of the props',
      (sg) =>
        sg.addEgress({ port: 443, description: 'again', destination: { prefixListIds: ['pl-01234567'] } }),
      'addEgress(again) = "pl-01234567": repeats a rule that already exists (out-tcp-443-pl-pl-01234567)',
    ],
    [
      'a group admitted twice with the same port',
      (sg) => {
        sg.allowFrom({ securityGroupId: 'sg-0123456789abcdef0' }, 8080, 'first');
        sg.allowFrom({ securityGroupId: 'sg-0123456789abcdef0' }, 8080, 'second');
      },
      'addIngress(second) = "sg-0123456789abcdef0": repeats a rule that already exists (in-tcp-8080-sg-sg-0123456789abcdef0)',
    ],
  ])('refuses %s', (_name, after, line) => {
    const message = errorOf(() =>
      buildLoose(
        {
          ingress: [{ port: 443, description: 'x', source: { cidrs: ['10.0.0.0/8'] } }],
          egress: [{ port: 443, description: 'x', destination: { prefixListIds: ['pl-01234567'] } }],
        },
        after,
      ),
    );
    expect(message).toBe(invalid(`${line}. Fix: give the rule its own key, or drop the duplicate source`));
  });

  it('accepts the same peer and port under another key', () => {
    expect(() =>
      buildLoose({ ingress: [{ port: 443, description: 'x', source: PRIVATE }] }, (sg) =>
        sg.addIngress({ port: 443, key: 'other', description: 'x', source: PRIVATE }),
      ),
    ).not.toThrow();
  });
});
