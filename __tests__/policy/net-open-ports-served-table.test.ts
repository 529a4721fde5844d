/**
 * Whole outcomes (status and detail) of MLM-NET-001: which load balancer listeners serve a port
 * (protocols, the load balancer's security groups, the listener's load balancer, literal ports),
 * which hosts' Compose files serve it (instances and launch templates in the group through their
 * security groups or network interfaces, an instance's template user data), and the detail
 * sentences (served ports, unserved port lists and their limit, ports opened twice, groups outside
 * the stack, egress and private rules).
 */
import { gzipSync } from 'node:zlib';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Alb } from '@cdktf/provider-aws/lib/alb';
import { AlbListener } from '@cdktf/provider-aws/lib/alb-listener';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { NetworkInterface } from '@cdktf/provider-aws/lib/network-interface';
import { NetworkInterfaceAttachmentA as NetworkInterfaceAttachment } from '@cdktf/provider-aws/lib/network-interface-attachment';
import { NetworkInterfaceSgAttachment } from '@cdktf/provider-aws/lib/network-interface-sg-attachment';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import {
  SecurityGroup,
  SecurityGroupEgress,
  SecurityGroupIngress,
} from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import YAML from 'yaml';
import { netOpenPortsServed } from '../../modules/policy/rules/net-open-ports-served';
import { evaluate } from './helpers';

type Outcome = [status: string, detail: string | undefined];
type Row = [name: string, build: (s: TerraformStack) => void, target: string, expected: Outcome];

/** The outcome for the one evaluated resource whose construct path ends with `/<target>`. */
function outcome(build: (s: TerraformStack) => void, target: string): Outcome {
  const found = evaluate(netOpenPortsServed, build).filter((e) => e.resource.path.endsWith(`/${target}`));
  if (found.length !== 1) throw new Error(`${found.length} evaluations of ${target}`);
  return [found[0].status, found[0].detail];
}

const COMPOSE = 'Compose service "web" in /opt/web/compose.yml on';

/** A `#cloud-config` that writes a Compose file whose service `web` publishes `ports`. */
function cloudConfig(ports: string[]): string {
  const compose = YAML.stringify({ services: { web: { image: 'caddy:2.8.4', ports } } });
  return `#cloud-config\n${YAML.stringify({ write_files: [{ path: '/opt/web/compose.yml', content: compose }] })}`;
}

function gzipped(text: string): string {
  return gzipSync(Buffer.from(text)).toString('base64');
}

/** The security group `sg` (named `web`), with inline rules when given. */
function group(
  s: TerraformStack,
  ingress: SecurityGroupIngress[] = [],
  egress: SecurityGroupEgress[] = [],
  id = 'sg',
): SecurityGroup {
  return new SecurityGroup(s, id, {
    name: id === 'sg' ? 'web' : id,
    description: id,
    vpcId: 'vpc-1',
    ingress,
    egress,
  });
}

/** An `aws_vpc_security_group_ingress_rule` `in` from 0.0.0.0/0. */
function worldRule(
  s: TerraformStack,
  sg: SecurityGroup | string,
  protocol: string,
  from: number,
  to = from,
): void {
  new VpcSecurityGroupIngressRule(s, 'in', {
    securityGroupId: typeof sg === 'string' ? sg : sg.id,
    ipProtocol: protocol,
    fromPort: from,
    toPort: to,
    cidrIpv4: '0.0.0.0/0',
    description: 'from anywhere',
  });
}

function world(protocol: string, from: number, to = from): SecurityGroupIngress {
  return { description: 'world', protocol, fromPort: from, toPort: to, cidrBlocks: ['0.0.0.0/0'] };
}

/** A load balancer `id` with the given security groups (references or names). */
function lb(s: TerraformStack, id: string, securityGroups: string[]): Lb {
  return new Lb(s, id, { name: id, securityGroups, subnets: ['subnet-1', 'subnet-2'] });
}

/** A listener `id` of `balancer` on `port`, with `protocol` unless undefined. */
function listener(s: TerraformStack, id: string, balancer: Lb, port: number, protocol?: string): void {
  new LbListener(s, id, {
    loadBalancerArn: balancer.arn,
    port,
    protocol,
    defaultAction: [
      { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '200' } },
    ],
  });
}

/** World rule `in` on `protocol`/`port` and a load balancer in the group with one listener. */
function servedByListener(protocol: string, port: number, listenerProtocol: string | undefined) {
  return (s: TerraformStack) => {
    const sg = group(s);
    worldRule(s, sg, protocol, port);
    listener(s, 'listener', lb(s, 'nlb', [sg.id]), port, listenerProtocol);
  };
}

function template(s: TerraformStack, props: ConstructorParameters<typeof LaunchTemplate>[2]): LaunchTemplate {
  return new LaunchTemplate(s, 'lt', { name: 'web', ...props });
}

function instance(s: TerraformStack, props: Partial<ConstructorParameters<typeof Instance>[2]>): Instance {
  return new Instance(s, 'vm', { ami: 'ami-12345678', instanceType: 't3.small', ...props });
}

/** An `aws_network_interface` `eni` in subnet-1. */
function nic(
  s: TerraformStack,
  props: Partial<ConstructorParameters<typeof NetworkInterface>[2]>,
): NetworkInterface {
  return new NetworkInterface(s, 'eni', { subnetId: 'subnet-1', ...props });
}

describe('MLM-NET-001 listener protocols', () => {
  const served = (port: string): Outcome => ['compliant', `served: ${port} by listener test/listener`];
  const unserved = (protocol: string, port: number): Outcome => [
    'non-compliant',
    `rule (${protocol} ${port} from 0.0.0.0/0) leaves ${protocol} port ${port} open with nothing serving it in test/sg`,
  ];

  it.each<Row>([
    ['a UDP listener serves udp', servedByListener('udp', 53, 'UDP'), 'in', served('53/udp')],
    ['a UDP listener does not serve tcp', servedByListener('tcp', 53, 'UDP'), 'in', unserved('tcp', 53)],
    ['a TCP_UDP listener serves tcp', servedByListener('tcp', 53, 'TCP_UDP'), 'in', served('53/tcp')],
    ['a TCP_UDP listener serves udp', servedByListener('udp', 53, 'TCP_UDP'), 'in', served('53/udp')],
    ['a TCP listener does not serve udp', servedByListener('udp', 53, 'TCP'), 'in', unserved('udp', 53)],
    ['an HTTPS listener serves tcp', servedByListener('tcp', 443, 'HTTPS'), 'in', served('443/tcp')],
    [
      'a listener without a protocol (HTTP) serves tcp',
      servedByListener('tcp', 80, undefined),
      'in',
      served('80/tcp'),
    ],
    [
      'a listener without a protocol (HTTP) does not serve udp',
      servedByListener('udp', 80, undefined),
      'in',
      unserved('udp', 80),
    ],
    ['lower-case udp serves udp', servedByListener('udp', 53, 'udp'), 'in', served('53/udp')],
    ['lower-case udp does not serve tcp', servedByListener('tcp', 53, 'udp'), 'in', unserved('tcp', 53)],
    ['lower-case tcp_udp serves udp', servedByListener('udp', 53, 'tcp_udp'), 'in', served('53/udp')],
  ])('%s', (_name, build, target, expected) => {
    expect(outcome(build, target)).toEqual(expected);
  });
});

describe('MLM-NET-001 load balancers in the group and their listeners', () => {
  const UNSERVED_443: Outcome = [
    'non-compliant',
    'rule (tcp 443 from 0.0.0.0/0) leaves tcp port 443 open with nothing serving it in test/sg',
  ];

  it.each<Row>([
    [
      'a load balancer naming the group by reference to its id',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        listener(s, 'https', lb(s, 'alb', [sg.id]), 443, 'HTTPS');
      },
      'in',
      ['compliant', 'served: 443/tcp by listener test/https'],
    ],
    [
      'a load balancer naming the group by its literal name',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        listener(s, 'https', lb(s, 'alb', ['web']), 443, 'HTTPS');
      },
      'in',
      ['compliant', 'served: 443/tcp by listener test/https'],
    ],
    [
      'an aws_alb in the group with an aws_alb_listener',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        const alb = new Alb(s, 'classic', {
          name: 'classic',
          securityGroups: [sg.id],
          subnets: ['subnet-1', 'subnet-2'],
        });
        new AlbListener(s, 'https', {
          loadBalancerArn: alb.arn,
          port: 443,
          protocol: 'HTTPS',
          defaultAction: [
            { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } },
          ],
        });
      },
      'in',
      ['compliant', 'served: 443/tcp by listener test/https'],
    ],
    [
      'a load balancer in another group',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        listener(s, 'https', lb(s, 'alb', [group(s, [], [], 'other').id]), 443, 'HTTPS');
      },
      'in',
      UNSERVED_443,
    ],
    [
      'a load balancer naming another group by literal name',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        listener(s, 'https', lb(s, 'alb', ['other']), 443, 'HTTPS');
      },
      'in',
      UNSERVED_443,
    ],
    [
      'the listener belongs to another load balancer, not the one in the group',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443);
        listener(s, 'http', lb(s, 'alb', [sg.id]), 80);
        listener(s, 'https', lb(s, 'elsewhere', [group(s, [], [], 'other').id]), 443, 'HTTPS');
      },
      'in',
      UNSERVED_443,
    ],
    [
      'a listener whose port is known only at plan time serves nothing, the next listener still counts',
      (s) => {
        const sg = group(s);
        worldRule(s, sg, 'tcp', 443, 444);
        const port = new TerraformVariable(s, 'port', { type: 'number', default: 444 });
        const balancer = lb(s, 'alb', [sg.id]);
        listener(s, 'variable', balancer, Token.asNumber(port.value), 'HTTPS');
        listener(s, 'https', balancer, 443, 'HTTPS');
      },
      'in',
      [
        'non-compliant',
        'rule (tcp 443-444 from 0.0.0.0/0) leaves tcp port 444 open with nothing serving it in test/sg',
      ],
    ],
  ])('%s', (_name, build, target, expected) => {
    expect(outcome(build, target)).toEqual(expected);
  });
});

describe('MLM-NET-001 hosts in the group and their Compose files', () => {
  const PUBLISHES_80 = cloudConfig(['80:8080']);
  const UNSERVED_80: Outcome = [
    'non-compliant',
    'rule (tcp 80 from 0.0.0.0/0) leaves tcp port 80 open with nothing serving it in test/sg',
  ];
  const servedOn = (host: string): Outcome => ['compliant', `served: 80/tcp by ${COMPOSE} test/${host}`];

  /**
   * World rule on tcp 8080 of `sg`, a launch template in `sg` whose Compose file publishes 80, and
   * an instance launched from it that publishes 8080, with `own` settings of its own.
   */
  const launchedFromTemplate =
    (own: (s: TerraformStack) => Partial<ConstructorParameters<typeof Instance>[2]>) =>
    (s: TerraformStack) => {
      const sg = group(s);
      worldRule(s, sg, 'tcp', 8080);
      const lt = template(s, { vpcSecurityGroupIds: [sg.id], userData: gzipped(PUBLISHES_80) });
      instance(s, { launchTemplate: { id: lt.id }, userData: cloudConfig(['8080:80']), ...own(s) });
    };

  /** World rule on tcp 80 of `sg`, plus whatever `hosts` adds. */
  const port80 = (hosts: (s: TerraformStack, sg: SecurityGroup) => void) => (s: TerraformStack) => {
    const sg = group(s);
    worldRule(s, sg, 'tcp', 80);
    hosts(s, sg);
  };

  it.each<Row>([
    [
      'an instance in the group by vpc_security_group_ids',
      port80((s, sg) => instance(s, { vpcSecurityGroupIds: [sg.id], userData: PUBLISHES_80 })),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance in the group by security_groups (reference to the id)',
      port80((s, sg) => instance(s, { securityGroups: [sg.id], userData: PUBLISHES_80 })),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance in the group by security_groups (literal name)',
      port80((s) => instance(s, { securityGroups: ['web'], userData: PUBLISHES_80 })),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance in the group with its user data as user_data_base64',
      port80((s, sg) =>
        instance(s, {
          vpcSecurityGroupIds: [sg.id],
          userDataBase64: Buffer.from(PUBLISHES_80).toString('base64'),
        }),
      ),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance in another group',
      port80((s) =>
        instance(s, { vpcSecurityGroupIds: [group(s, [], [], 'other').id], userData: PUBLISHES_80 }),
      ),
      'in',
      UNSERVED_80,
    ],
    [
      'an instance naming another group by literal name',
      port80((s) => instance(s, { securityGroups: ['other'], userData: PUBLISHES_80 })),
      'in',
      UNSERVED_80,
    ],
    [
      'a launch template in the group by vpc_security_group_ids, through its own gzip user data',
      port80((s, sg) => template(s, { vpcSecurityGroupIds: [sg.id], userData: gzipped(PUBLISHES_80) })),
      'in',
      servedOn('lt'),
    ],
    [
      'a launch template in the group by network_interfaces[].security_groups',
      port80((s, sg) =>
        template(s, { networkInterfaces: [{ securityGroups: [sg.id] }], userData: gzipped(PUBLISHES_80) }),
      ),
      'in',
      servedOn('lt'),
    ],
    [
      'a launch template in another group',
      port80((s) =>
        template(s, { vpcSecurityGroupIds: [group(s, [], [], 'other').id], userData: gzipped(PUBLISHES_80) }),
      ),
      'in',
      UNSERVED_80,
    ],
    [
      'an instance outside the group launched from a template in it uses the template user data',
      port80((s, sg) => {
        const lt = template(s, { vpcSecurityGroupIds: [sg.id], userData: gzipped(PUBLISHES_80) });
        instance(s, { launchTemplate: { id: lt.id } });
      }),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance launched from a template in the group by network_interfaces',
      port80((s, sg) => {
        const lt = template(s, {
          networkInterfaces: [{ securityGroups: [sg.id] }],
          userData: gzipped(PUBLISHES_80),
        });
        instance(s, { launchTemplate: { id: lt.id } });
      }),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance launched from a template in the group uses its own user data when it has some',
      launchedFromTemplate(() => ({})),
      'in',
      ['compliant', `served: 8080/tcp by ${COMPOSE} test/vm`],
    ],
    [
      'an instance launched from a template in the group, with its own groups naming another group',
      launchedFromTemplate((s) => ({ vpcSecurityGroupIds: [group(s, [], [], 'other').id] })),
      'in',
      [
        'non-compliant',
        'rule (tcp 8080 from 0.0.0.0/0) leaves tcp port 8080 open with nothing serving it in test/sg',
      ],
    ],
    [
      'an instance with a network interface of the stack in the group',
      port80((s, sg) => {
        const eni = nic(s, { securityGroups: [sg.id] });
        instance(s, {
          networkInterface: [{ networkInterfaceId: eni.id, deviceIndex: 0 }],
          userData: PUBLISHES_80,
        });
      }),
      'in',
      servedOn('vm'),
    ],
    [
      'an instance with a network interface put in the group by an aws_network_interface_sg_attachment',
      port80((s, sg) => {
        const eni = nic(s, {});
        new NetworkInterfaceSgAttachment(s, 'eni-sg', { networkInterfaceId: eni.id, securityGroupId: sg.id });
        instance(s, {
          networkInterface: [{ networkInterfaceId: eni.id, deviceIndex: 0 }],
          userData: PUBLISHES_80,
        });
      }),
      'in',
      servedOn('vm'),
    ],
    [
      'an aws_network_interface_sg_attachment of another group',
      port80((s) => {
        const eni = nic(s, {});
        const other = group(s, [], [], 'other');
        new NetworkInterfaceSgAttachment(s, 'eni-sg', {
          networkInterfaceId: eni.id,
          securityGroupId: other.id,
        });
        instance(s, {
          networkInterface: [{ networkInterfaceId: eni.id, deviceIndex: 0 }],
          userData: PUBLISHES_80,
        });
      }),
      'in',
      UNSERVED_80,
    ],
    [
      'an instance with a network interface in another group',
      port80((s) => {
        const eni = nic(s, { securityGroups: [group(s, [], [], 'other').id] });
        instance(s, {
          networkInterface: [{ networkInterfaceId: eni.id, deviceIndex: 0 }],
          userData: PUBLISHES_80,
        });
      }),
      'in',
      UNSERVED_80,
    ],
    [
      'an instance with a second network interface in the group attached by aws_network_interface_attachment',
      port80((s, sg) => {
        const eni = nic(s, { securityGroups: [sg.id] });
        const vm = instance(s, {
          vpcSecurityGroupIds: [group(s, [], [], 'other').id],
          userData: PUBLISHES_80,
        });
        new NetworkInterfaceAttachment(s, 'eni-at', {
          instanceId: vm.id,
          networkInterfaceId: eni.id,
          deviceIndex: 1,
        });
      }),
      'in',
      servedOn('vm'),
    ],
    [
      'an aws_network_interface_attachment to another instance',
      port80((s, sg) => {
        const eni = nic(s, { securityGroups: [sg.id] });
        instance(s, { vpcSecurityGroupIds: [group(s, [], [], 'other').id], userData: PUBLISHES_80 });
        const spare = new Instance(s, 'spare', { ami: 'ami-12345678', instanceType: 't3.small' });
        new NetworkInterfaceAttachment(s, 'eni-at', {
          instanceId: spare.id,
          networkInterfaceId: eni.id,
          deviceIndex: 1,
        });
      }),
      'in',
      UNSERVED_80,
    ],
    [
      'a launch template whose network_interfaces name an interface in the group',
      port80((s, sg) => {
        const eni = nic(s, { securityGroups: [sg.id] });
        template(s, { networkInterfaces: [{ networkInterfaceId: eni.id }], userData: gzipped(PUBLISHES_80) });
      }),
      'in',
      servedOn('lt'),
    ],
    [
      'an instance launched from a template in the group, with its own network interface in another group',
      launchedFromTemplate((s) => ({
        networkInterface: [
          {
            networkInterfaceId: nic(s, { securityGroups: [group(s, [], [], 'other').id] }).id,
            deviceIndex: 0,
          },
        ],
      })),
      'in',
      [
        'non-compliant',
        'rule (tcp 8080 from 0.0.0.0/0) leaves tcp port 8080 open with nothing serving it in test/sg',
      ],
    ],
    [
      'an instance with no security group and no launch template',
      port80((s) => instance(s, { userData: PUBLISHES_80 })),
      'in',
      UNSERVED_80,
    ],
    [
      'a launch template whose network_interfaces name another group',
      port80((s) =>
        template(s, {
          networkInterfaces: [{ securityGroups: [group(s, [], [], 'other').id] }],
          userData: gzipped(PUBLISHES_80),
        }),
      ),
      'in',
      UNSERVED_80,
    ],
    [
      'a network interface id that is a literal, not an interface of the stack',
      port80((s) =>
        instance(s, {
          networkInterface: [{ networkInterfaceId: 'eni-0123456789abcdef0', deviceIndex: 0 }],
          userData: PUBLISHES_80,
        }),
      ),
      'in',
      UNSERVED_80,
    ],
    [
      "a network interface id that names another instance's primary interface",
      port80((s, sg) => {
        const other = new Instance(s, 'other-vm', {
          ami: 'ami-12345678',
          instanceType: 't3.small',
          securityGroups: [sg.id],
        });
        template(s, {
          networkInterfaces: [{ networkInterfaceId: other.primaryNetworkInterfaceId }],
          userData: gzipped(PUBLISHES_80),
        });
      }),
      'in',
      UNSERVED_80,
    ],
    [
      'an instance launched from a template in the group, with its own security_groups naming another group',
      launchedFromTemplate(() => ({ securityGroups: ['other'] })),
      'in',
      [
        'non-compliant',
        'rule (tcp 8080 from 0.0.0.0/0) leaves tcp port 8080 open with nothing serving it in test/sg',
      ],
    ],
    [
      'an instance launched from a template in another group',
      port80((s) => {
        const lt = template(s, {
          vpcSecurityGroupIds: [group(s, [], [], 'other').id],
          userData: gzipped(PUBLISHES_80),
        });
        instance(s, { launchTemplate: { id: lt.id } });
      }),
      'in',
      UNSERVED_80,
    ],
  ])('%s', (_name, build, target, expected) => {
    expect(outcome(build, target)).toEqual(expected);
  });
});

describe('MLM-NET-001 details', () => {
  /** The group `sg` with `ingress`/`egress` and a launch template in it publishing `ports`. */
  const hosted =
    (ports: string[], ingress: SecurityGroupIngress[], egress: SecurityGroupEgress[] = []) =>
    (s: TerraformStack) => {
      const sg = group(s, ingress, egress);
      template(s, { vpcSecurityGroupIds: [sg.id], userData: gzipped(cloudConfig(ports)) });
    };
  /** A standalone world rule `in` on a tcp range of `sg`, with a launch template publishing `ports`. */
  const range = (from: number, to: number, ports: string[]) => (s: TerraformStack) => {
    const sg = group(s);
    worldRule(s, sg, 'tcp', from, to);
    template(s, { vpcSecurityGroupIds: [sg.id], userData: gzipped(cloudConfig(ports)) });
  };

  it.each<Row>([
    [
      'one served port',
      hosted(['80:8080'], [world('tcp', 80)]),
      'sg',
      ['compliant', `served: 80/tcp by ${COMPOSE} test/lt`],
    ],
    [
      'a served range lists every port',
      hosted(['80-81:8080-8081'], [world('tcp', 80, 81)]),
      'sg',
      ['compliant', `served: 80/tcp by ${COMPOSE} test/lt; 81/tcp by ${COMPOSE} test/lt`],
    ],
    [
      'a port opened by two rules (IPv4 and IPv6) is named once',
      hosted(
        ['80:8080'],
        [
          world('tcp', 80),
          { description: 'world v6', protocol: 'tcp', fromPort: 80, toPort: 80, ipv6CidrBlocks: ['::/0'] },
        ],
      ),
      'sg',
      ['compliant', `served: 80/tcp by ${COMPOSE} test/lt`],
    ],
    [
      'eight unserved ports (the limit) are all listed',
      range(8000, 8008, ['8000:8000']),
      'in',
      [
        'non-compliant',
        'rule (tcp 8000-8008 from 0.0.0.0/0) leaves tcp port 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008 ' +
          'open with nothing serving it in test/sg',
      ],
    ],
    [
      'nine unserved ports list eight and count the rest',
      range(8000, 8009, ['8000:8000']),
      'in',
      [
        'non-compliant',
        'rule (tcp 8000-8009 from 0.0.0.0/0) leaves tcp port 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008 ' +
          'and 1 more open with nothing serving it in test/sg',
      ],
    ],
    [
      'problems of several rules are joined; a served rule adds none',
      hosted(['80:8080'], [world('tcp', 80), world('-1', 0, 0), world('udp', 53)]),
      'sg',
      [
        'non-compliant',
        'ingress[1] (all traffic from 0.0.0.0/0) opens all traffic, which no listener or Compose port can serve; ' +
          'ingress[2] (udp 53 from 0.0.0.0/0) leaves udp port 53 open with nothing serving it in test/sg',
      ],
    ],
    [
      'a rule on a group not defined in the stack',
      (s) => worldRule(s, 'sg-0123456789abcdef0', 'tcp', 443),
      'in',
      ['not-applicable', 'the security group is not defined in this stack'],
    ],
    [
      'an egress rule open to the world is not judged',
      hosted(['80:8080'], [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }]),
      'sg',
      ['not-applicable', undefined],
    ],
    [
      'an egress aws_security_group_rule open to the world is not judged',
      (s) =>
        void new SecurityGroupRule(s, 'out', {
          type: 'egress',
          securityGroupId: group(s).id,
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ['0.0.0.0/0'],
        }),
      'out',
      ['not-applicable', undefined],
    ],
    [
      'world egress beside a served world ingress adds no problem',
      hosted(
        ['80:8080'],
        [world('tcp', 80)],
        [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
      ),
      'sg',
      ['compliant', `served: 80/tcp by ${COMPOSE} test/lt`],
    ],
    [
      'ingress from a private network only is not judged',
      hosted(['80:8080'], [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16'] }]),
      'sg',
      ['not-applicable', undefined],
    ],
    [
      'private ingress beside a served world ingress adds no problem',
      hosted(
        ['80:8080'],
        [world('tcp', 80), { protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16'] }],
      ),
      'sg',
      ['compliant', `served: 80/tcp by ${COMPOSE} test/lt`],
    ],
  ])('%s', (_name, build, target, expected) => {
    expect(outcome(build, target)).toEqual(expected);
  });
});

describe('MLM-NET-001 groups outside the rule', () => {
  it('does not judge a rule on the VPC default security group, which is not an aws_security_group', () => {
    const build = (s: TerraformStack) => {
      const def = new DefaultSecurityGroup(s, 'default', { vpcId: 'vpc-1' });
      worldRule(s, def.id, 'tcp', 443);
    };
    expect(outcome(build, 'in')).toEqual([
      'not-applicable',
      'the security group is not defined in this stack',
    ]);
  });
});
