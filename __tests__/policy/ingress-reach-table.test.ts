/**
 * Public reach of security-group ingress, rule by rule and together with the other rules of the
 * same group: the exact findings `publicPortFindings` (restricted ports) and `allTrafficFindings`
 * (every port) return for one resource, and the entries `ingressEntries` reads from a stack.
 */
import { SecurityGroup, SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { allTrafficFindings, ingressEntries, publicPortFindings } from '../../modules/policy/ingress-reach';
import { createStackView } from '../../modules/policy/stack-view';
import { StackView } from '../../modules/policy/types';
import { synthStack } from './helpers';
import { lazy } from '../support/lazy';

const BOUND = 'more than the limit of one /8 of public IPv4 or one /32 of global IPv6';
const PLAN_TIME = 'a value known only at plan time: the range it opens cannot be checked';
const VPC_RULE = 'aws_vpc_security_group_ingress_rule';

function view(build: (s: TerraformStack) => void): StackView {
  return createStackView('test', synthStack(build));
}

function group(s: TerraformStack, ingress: SecurityGroupIngress[] = [], id = 'sg'): SecurityGroup {
  return new SecurityGroup(s, id, { name: id, description: id, vpcId: 'vpc-1', ingress });
}

interface VpcRuleProps {
  readonly group: SecurityGroup | string;
  readonly protocol?: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidr: string;
}

/** An `aws_vpc_security_group_ingress_rule` (TCP unless told), from one IPv4 or IPv6 block. */
function vpcRule(s: TerraformStack, id: string, p: VpcRuleProps): VpcSecurityGroupIngressRule {
  const v6 = p.cidr.includes(':') && !p.cidr.includes('${');
  const protocol = p.protocol ?? 'tcp';
  return new VpcSecurityGroupIngressRule(s, id, {
    securityGroupId: typeof p.group === 'string' ? p.group : p.group.id,
    ipProtocol: protocol,
    fromPort: protocol === '-1' ? undefined : (p.from ?? 22),
    toPort: protocol === '-1' ? undefined : (p.to ?? p.from ?? 22),
    cidrIpv4: v6 ? undefined : p.cidr,
    cidrIpv6: v6 ? p.cidr : undefined,
    description: id,
  });
}

/** An inline TCP ingress block. */
function tcp(from: number, cidrBlocks: string[], to = from): SecurityGroupIngress {
  return { description: `tcp ${from}`, protocol: 'tcp', fromPort: from, toPort: to, cidrBlocks };
}

function findings(
  kind: 'ports' | 'all',
  build: (s: TerraformStack) => void,
  address: string,
  ports: readonly number[] = [22],
): string[] {
  const stack = view(build);
  const resource = stack.resources().find((r) => r.address === address);
  if (resource === undefined) throw new Error(`no ${address} in the stack`);
  return kind === 'ports' ? publicPortFindings(stack, resource, ports) : allTrafficFindings(stack, resource);
}

type Row = [name: string, build: (s: TerraformStack) => void, address: string, expected: string[]];

describe('publicPortFindings: the detail for each rule that helps open a restricted port', () => {
  it.each<Row>([
    [
      'three standalone rules whose sources together cover 0.0.0.0/0 name both peers',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, cidr: '0.0.0.0/2' });
        vpcRule(s, 'b', { group: sg, cidr: '64.0.0.0/2' });
        vpcRule(s, 'c', { group: sg, cidr: '128.0.0.0/1' });
      },
      `${VPC_RULE}.a`,
      [
        'rule (tcp 22 from 0.0.0.0/2) opens port 22/tcp to 100% of public IPv4 together with ' +
          `${VPC_RULE}.b, ${VPC_RULE}.c in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'a string variable whose default is 0.0.0.0/0',
      (s) => {
        const admin = new TerraformVariable(s, 'admin', { type: 'string', default: '0.0.0.0/0' });
        group(s, [tcp(22, [admin.stringValue])]);
      },
      'aws_security_group.sg',
      [
        'ingress[0] (tcp 22 from ${var.admin}) (var.admin = "0.0.0.0/0") opens port 22/tcp to 100% of ' +
          `public IPv4 in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'two variables, one half of 0.0.0.0/0 each, in one block',
      (s) => {
        const a = new TerraformVariable(s, 'a', { type: 'string', default: '0.0.0.0/1' });
        const b = new TerraformVariable(s, 'b', { type: 'string', default: '128.0.0.0/1' });
        group(s, [tcp(22, [a.stringValue, b.stringValue])]);
      },
      'aws_security_group.sg',
      [
        'ingress[0] (tcp 22 from ${var.a}, ${var.b}) (var.a = "0.0.0.0/1"; var.b = "128.0.0.0/1") opens ' +
          `port 22/tcp to 100% of public IPv4 in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'a list variable whose default holds a number is not resolved',
      (s) => {
        const admin = new TerraformVariable(s, 'admin', { type: 'list(any)', default: ['0.0.0.0/0', 22] });
        group(s, [tcp(22, admin.listValue)]);
      },
      'aws_security_group.sg',
      [`ingress[0] (tcp 22 from \${var.admin}) admits port 22/tcp from \${var.admin}, ${PLAN_TIME}`],
    ],
    [
      'two variables without a default in one block',
      (s) => {
        const a = new TerraformVariable(s, 'a', { type: 'string' });
        const b = new TerraformVariable(s, 'b', { type: 'string' });
        group(s, [tcp(22, [a.stringValue, b.stringValue])]);
      },
      'aws_security_group.sg',
      [
        `ingress[0] (tcp 22 from \${var.a}, \${var.b}) admits port 22/tcp from \${var.a}, \${var.b}, ${PLAN_TIME}`,
      ],
    ],
    [
      'a variable without a default on a range over two restricted ports, TCP and UDP',
      (s) => {
        const a = new TerraformVariable(s, 'a', { type: 'string' });
        vpcRule(s, 'r', { group: 'sg-1', protocol: '-1', cidr: a.stringValue });
      },
      `${VPC_RULE}.r`,
      [`rule (all traffic from \${var.a}) admits port 22/tcp+udp, 3389/tcp+udp from \${var.a}, ${PLAN_TIME}`],
    ],
    [
      'a group id given as a number is named by its JSON text',
      (s) => {
        for (const [id, cidr] of [
          ['a', '0.0.0.0/1'],
          ['b', '128.0.0.0/1'],
        ]) {
          vpcRule(s, id, { group: 'sg-1', cidr }).addOverride('security_group_id', 123);
        }
      },
      `${VPC_RULE}.a`,
      [
        `rule (tcp 22 from 0.0.0.0/1) opens port 22/tcp to 100% of public IPv4 together with ${VPC_RULE}.b ` +
          `in group 123, ${BOUND}`,
      ],
    ],
    [
      'rules of one group id from a variable are merged',
      (s) => {
        const id = new TerraformVariable(s, 'sg', { type: 'string' });
        vpcRule(s, 'a', { group: id.stringValue, cidr: '0.0.0.0/1' });
        vpcRule(s, 'b', { group: id.stringValue, cidr: '128.0.0.0/1' });
      },
      `${VPC_RULE}.b`,
      [
        `rule (tcp 22 from 128.0.0.0/1) opens port 22/tcp to 100% of public IPv4 together with ${VPC_RULE}.a ` +
          `in group \${var.sg}, ${BOUND}`,
      ],
    ],
    [
      'one public /8 in each of two group ids from two variables',
      (s) => {
        const one = new TerraformVariable(s, 'one', { type: 'string' });
        const two = new TerraformVariable(s, 'two', { type: 'string' });
        vpcRule(s, 'a', { group: one.stringValue, cidr: '3.0.0.0/8' });
        vpcRule(s, 'b', { group: two.stringValue, cidr: '4.0.0.0/8' });
      },
      `${VPC_RULE}.a`,
      [],
    ],
    [
      'one public /8 in each of two literal group ids',
      (s) => {
        vpcRule(s, 'a', { group: 'sg-1', cidr: '3.0.0.0/8' });
        vpcRule(s, 'b', { group: 'sg-2', cidr: '4.0.0.0/8' });
      },
      `${VPC_RULE}.b`,
      [],
    ],
    [
      'an IPv4 half in the group and the other half with an IPv6 block in a rule resource',
      (s) => {
        const sg = group(s, [tcp(22, ['0.0.0.0/1'])]);
        new SecurityGroupRule(s, 'r', {
          type: 'ingress',
          securityGroupId: sg.id,
          protocol: 'tcp',
          fromPort: 20,
          toPort: 23,
          cidrBlocks: ['128.0.0.0/1', 'not-a-cidr'],
          ipv6CidrBlocks: ['2600:1f00::/32'],
          description: 'r',
        });
      },
      'aws_security_group_rule.r',
      [
        'rule (tcp 20-23 from 128.0.0.0/1, not-a-cidr, 2600:1f00::/32) opens port 22/tcp to 100% of public ' +
          `IPv4 and <0.1% of global IPv6 together with aws_security_group.sg in group test/sg, ${BOUND}`,
      ],
    ],
  ])('%s', (_name, build, address, expected) => {
    expect(findings('ports', build, address, [22, 3389])).toEqual(expected);
  });
});

describe('allTrafficFindings: the detail for each rule that helps open every port', () => {
  const all = (s: TerraformStack, id: string, cidr: string, sg: SecurityGroup | string = 'sg-1') =>
    vpcRule(s, id, { group: sg, protocol: '-1', cidr });

  it.each<Row>([
    [
      'protocol -1 from 0.0.0.0/0 and from ::/0 in two rules',
      (s) => {
        const sg = group(s);
        all(s, 'a', '0.0.0.0/0', sg);
        all(s, 'b', '::/0', sg);
      },
      `${VPC_RULE}.a`,
      [
        'rule (all traffic from 0.0.0.0/0) admits all traffic from 100% of public IPv4 and 100% of global ' +
          `IPv6 together with ${VPC_RULE}.b in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'protocol -1 from one public /8 in each of two groups',
      (s) => {
        all(s, 'a', '3.0.0.0/8', group(s, [], 'one'));
        all(s, 'b', '4.0.0.0/8', group(s, [], 'two'));
      },
      `${VPC_RULE}.a`,
      [],
    ],
    [
      'TCP 1000-65535 next to a rule that opens every port by itself (the narrower rule is not at fault)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1000, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.b`,
      [],
    ],
    [
      'TCP 1000-65535 next to a rule that opens every port by itself (the rule that does)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1000, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.a`,
      [
        `rule (tcp 1-65535 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'HTTPS from 0.0.0.0/0 next to TCP every port from 0.0.0.0/0 (the HTTPS rule)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 443, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.b`,
      [],
    ],
    [
      'TCP every port from 0.0.0.0/0 next to protocol -1 from 0.0.0.0/0 (the TCP rule)',
      (s) => {
        const sg = group(s);
        all(s, 'a', '0.0.0.0/0', sg);
        vpcRule(s, 'b', { group: sg, from: 0, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.b`,
      [
        'rule (tcp 0-65535 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 together with ' +
          `${VPC_RULE}.a in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'TCP 1-1000 and 1001-65535 from ::/0 next to TCP every port from 0.0.0.0/0 (an IPv6 rule)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1, to: 1000, cidr: '::/0' });
        vpcRule(s, 'c', { group: sg, from: 1001, to: 65535, cidr: '::/0' });
      },
      `${VPC_RULE}.b`,
      [
        'rule (tcp 1-1000 from ::/0) admits every TCP port from 100% of global IPv6 together with ' +
          `${VPC_RULE}.c in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'TCP 1-1000 from ::/0 next to TCP every port from 0.0.0.0/0 (the IPv6 rule)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1, to: 1000, cidr: '::/0' });
      },
      `${VPC_RULE}.b`,
      [],
    ],
    [
      'TCP 1-1000 and 1002-65535 from 0.0.0.0/0 leave port 1001 closed',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 1000, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1002, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.a`,
      [],
    ],
    [
      'TCP 1-65534 from 0.0.0.0/0 and port 65535 from one public /8 only',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65534, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 65535, to: 65535, cidr: '3.0.0.0/8' });
      },
      `${VPC_RULE}.a`,
      [],
    ],
    [
      'TCP 1-65535 from 0.0.0.0/1 and the other half in three ranges (the rule that opens every port by itself)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/1' });
        vpcRule(s, 'b', { group: sg, from: 40000, to: 65535, cidr: '128.0.0.0/1' });
        vpcRule(s, 'c', { group: sg, from: 20000, to: 39999, cidr: '128.0.0.0/2' });
        vpcRule(s, 'd', { group: sg, from: 1, to: 19999, cidr: '192.0.0.0/2' });
      },
      `${VPC_RULE}.a`,
      [
        `rule (tcp 1-65535 from 0.0.0.0/1) admits every TCP port from 56.5% of public IPv4 in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'TCP 1-39999 from 0.0.0.0/1 and 40000-65535 from 0.0.0.0/0 with two more ranges, listed in port order',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 39999, cidr: '0.0.0.0/1' });
        vpcRule(s, 'b', { group: sg, from: 40000, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'c', { group: sg, from: 20000, to: 39999, cidr: '128.0.0.0/2' });
        vpcRule(s, 'd', { group: sg, from: 1, to: 19999, cidr: '192.0.0.0/2' });
      },
      `${VPC_RULE}.a`,
      [
        'rule (tcp 1-39999 from 0.0.0.0/1) admits every TCP port from 85.5% of public IPv4 together with ' +
          `${VPC_RULE}.d, ${VPC_RULE}.c, ${VPC_RULE}.b in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'TCP every port from 0.0.0.0/0 next to TCP every port from ::/0 (the IPv4 rule)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 0, to: 65535, cidr: '::/0' });
      },
      `${VPC_RULE}.a`,
      [
        'rule (tcp 1-65535 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 and 100% of ' +
          `global IPv6 together with ${VPC_RULE}.b in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'a small IPv6 block on SSH next to TCP every port from 0.0.0.0/0 (the SSH rule)',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 22, cidr: '2600:1f00::/56' });
      },
      `${VPC_RULE}.b`,
      [],
    ],
    [
      'UDP every port from 0.0.0.0/0 next to a TCP range over every port',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'a', { group: sg, protocol: 'udp', from: 0, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'b', { group: sg, from: 1, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.a`,
      [
        `rule (udp 0-65535 from 0.0.0.0/0) admits every UDP port from 100% of public IPv4 in group test/sg, ${BOUND}`,
      ],
    ],
  ])('%s', (_name, build, address, expected) => {
    expect(findings('all', build, address)).toEqual(expected);
  });
});

describe('allTrafficFindings: a rule with a source known only at plan time', () => {
  /** One standalone rule from `${var.x}` (no default), with the protocol and ports given. */
  function unresolved(protocol: string, from?: number | 'var', to?: number | 'var') {
    return (s: TerraformStack) => {
      const x = new TerraformVariable(s, 'x', { type: 'string' });
      const port = new TerraformVariable(s, 'port', { type: 'number' });
      new VpcSecurityGroupIngressRule(s, 'r', {
        securityGroupId: 'sg-1',
        ipProtocol: protocol,
        fromPort: from === 'var' ? port.numberValue : from,
        toPort: to === 'var' ? port.numberValue : to,
        cidrIpv4: x.stringValue,
        description: 'r',
      });
    };
  }
  const every = (rule: string) => [
    `rule (${rule} from \${var.x}) admits every port from \${var.x}, ${PLAN_TIME}`,
  ];

  it.each<[string, (s: TerraformStack) => void, string[]]>([
    ['protocol -1', unresolved('-1'), every('all traffic')],
    ['TCP 0-65535', unresolved('tcp', 0, 65535), every('tcp 0-65535')],
    ['UDP 1-65535', unresolved('udp', 1, 65535), every('udp 1-65535')],
    ['TCP from a port not known at synth to 65535', unresolved('tcp', 'var', 65535), every('tcp ?-65535')],
    ['TCP from 0 to a port not known at synth', unresolved('tcp', 0, 'var'), every('tcp 0-?')],
    ['TCP 22 only', unresolved('tcp', 22, 22), []],
    ['TCP 1-1024', unresolved('tcp', 1, 1024), []],
    ['TCP 2-65535', unresolved('tcp', 2, 65535), []],
    ['TCP 0-65534', unresolved('tcp', 0, 65534), []],
    ['ICMP without ports', unresolved('icmp'), []],
    ['ICMPv6 type -1', unresolved('58', -1, -1), []],
  ])('%s', (_name, build, expected) => {
    expect(findings('all', build, `${VPC_RULE}.r`)).toEqual(expected);
  });

  it('lists every source that is not known at synth', () => {
    const build = (s: TerraformStack) => {
      const a = new TerraformVariable(s, 'a', { type: 'list(string)' });
      const b = new TerraformVariable(s, 'b', { type: 'list(string)' });
      new SecurityGroupRule(s, 'r', {
        type: 'ingress',
        securityGroupId: 'sg-1',
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        cidrBlocks: a.listValue,
        ipv6CidrBlocks: b.listValue,
        description: 'r',
      });
    };
    expect(findings('all', build, 'aws_security_group_rule.r')).toEqual([
      `rule (all traffic from \${var.a}, \${var.b}) admits every port from \${var.a}, \${var.b}, ${PLAN_TIME}`,
    ]);
  });
});

describe('ingressEntries: the ingress rules of a stack with their group and sources', () => {
  const stack = lazy(() =>
    view((s) => {
      const admin = new TerraformVariable(s, 'admin', { type: 'list(string)', default: ['203.0.113.0/24'] });
      const open = new TerraformVariable(s, 'open', { type: 'string' });
      const sgId = new TerraformVariable(s, 'sg_id', { type: 'string' });
      group(s, [tcp(443, ['10.0.0.0/8']), tcp(8443, admin.listValue)], 'sg');
      new SecurityGroupRule(s, 'egress', {
        type: 'egress',
        securityGroupId: 'sg-1',
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ['0.0.0.0/0'],
      });
      vpcRule(s, 'literal', { group: 'sg-1', cidr: '0.0.0.0/1' });
      vpcRule(s, 'expr', { group: sgId.stringValue, cidr: open.stringValue });
    }),
  );

  it('reads one entry per ingress rule, with its group key, label and sources', () => {
    expect(
      ingressEntries(stack()).map((e) => ({
        address: e.resource.address,
        label: e.rule.label,
        groupKey: e.groupKey,
        groupLabel: e.groupLabel,
        cidrs: e.cidrs,
        unresolved: e.unresolved,
        resolvedFrom: e.resolvedFrom,
      })),
    ).toEqual([
      {
        address: 'aws_security_group.sg',
        label: 'ingress[0]',
        groupKey: 'aws_security_group.sg',
        groupLabel: 'test/sg',
        cidrs: ['10.0.0.0/8'],
        unresolved: [],
        resolvedFrom: [],
      },
      {
        address: 'aws_security_group.sg',
        label: 'ingress[1]',
        groupKey: 'aws_security_group.sg',
        groupLabel: 'test/sg',
        cidrs: ['203.0.113.0/24'],
        unresolved: [],
        resolvedFrom: ['var.admin = ["203.0.113.0/24"]'],
      },
      {
        address: `${VPC_RULE}.literal`,
        label: 'rule',
        groupKey: 'id:sg-1',
        groupLabel: 'sg-1',
        cidrs: ['0.0.0.0/1'],
        unresolved: [],
        resolvedFrom: [],
      },
      {
        address: `${VPC_RULE}.expr`,
        label: 'rule',
        groupKey: 'expr:${var.sg_id}',
        groupLabel: '${var.sg_id}',
        cidrs: [],
        unresolved: ['${var.open}'],
        resolvedFrom: [],
      },
    ]);
  });

  it('reads a stack view once and returns the same entries on the next call', () => {
    const first = ingressEntries(stack());
    expect(ingressEntries(stack())).toBe(first);
    expect(ingressEntries(view((s) => void group(s)))).toEqual([]);
  });
});

describe('allTrafficFindings: spans that only several rules together open', () => {
  it.each<Row>([
    [
      'a protocol -1 rule within the bound completes the TCP rules of another /8',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'all', { group: sg, protocol: '-1', cidr: '1.0.0.0/8' });
        vpcRule(s, 'low', { group: sg, from: 1, to: 1000, cidr: '2.0.0.0/8' });
        vpcRule(s, 'high', { group: sg, from: 1001, to: 65535, cidr: '2.0.0.0/8' });
      },
      `${VPC_RULE}.low`,
      [
        'rule (tcp 1-1000 from 2.0.0.0/8) admits every TCP port from 0.9% of public IPv4 together with ' +
          `${VPC_RULE}.all, ${VPC_RULE}.high in group test/sg, ${BOUND}`,
      ],
    ],
    [
      "a rule inside another rule's range is reported with it",
      (s) => {
        const sg = group(s);
        vpcRule(s, 'wide', { group: sg, from: 1, to: 40000, cidr: '0.0.0.0/0' });
        vpcRule(s, 'inner', { group: sg, from: 20000, to: 30000, cidr: '0.0.0.0/0' });
        vpcRule(s, 'rest', { group: sg, from: 40001, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.inner`,
      [
        'rule (tcp 20000-30000 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 together with ' +
          `${VPC_RULE}.wide, ${VPC_RULE}.rest in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'an inline rule of both families, whose IPv6 part a whole-range IPv6 rule carries',
      (s) => {
        const sg = group(s, [
          {
            description: 'both',
            protocol: 'tcp',
            fromPort: 1,
            toPort: 40000,
            cidrBlocks: ['0.0.0.0/0'],
            ipv6CidrBlocks: ['::/0'],
          },
        ]);
        vpcRule(s, 'v6', { group: sg, from: 1, to: 65535, cidr: '::/0' });
        vpcRule(s, 'rest', { group: sg, from: 40001, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.rest`,
      [
        'rule (tcp 40001-65535 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 together with ' +
          `aws_security_group.sg in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'an IPv4 rule where the ports are open in both families',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'v4', { group: sg, from: 1, to: 40000, cidr: '0.0.0.0/0' });
        vpcRule(s, 'v6', { group: sg, from: 1, to: 40000, cidr: '::/0' });
        vpcRule(s, 'rest4', { group: sg, from: 40001, to: 65535, cidr: '0.0.0.0/0' });
        vpcRule(s, 'rest6', { group: sg, from: 40001, to: 65535, cidr: '::/0' });
      },
      `${VPC_RULE}.v4`,
      [
        'rule (tcp 1-40000 from 0.0.0.0/0) admits every TCP port from 100% of public IPv4 and 100% of global ' +
          `IPv6 together with ${VPC_RULE}.v6, ${VPC_RULE}.rest4, ${VPC_RULE}.rest6 in group test/sg, ${BOUND}`,
      ],
    ],
    [
      'a small public IPv6 rule next to IPv4 rules that open every port',
      (s) => {
        const sg = group(s);
        vpcRule(s, 'v6', { group: sg, from: 1, to: 1000, cidr: '2600:1f18::/48' });
        vpcRule(s, 'low', { group: sg, from: 1, to: 40000, cidr: '0.0.0.0/0' });
        vpcRule(s, 'high', { group: sg, from: 40001, to: 65535, cidr: '0.0.0.0/0' });
      },
      `${VPC_RULE}.v6`,
      [],
    ],
  ])('%s', (_name, build, address, expected) => {
    expect(findings('all', build, address)).toEqual(expected);
  });
});
