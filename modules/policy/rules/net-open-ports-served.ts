import YAML from 'yaml';
import { ComposeFile, isNetworkReachable, publishedPorts } from '../../compose-host/compose-file';
import { blocks, isObject, num, str } from '../json';
import { instanceLaunchTemplate } from '../launch-template';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { describeRule, securityGroupRules, worldCidrs } from '../security-group-rules';
import { Json, JsonObject, PolicyRule, RuleContext, StackView, TfBlock } from '../types';
import { cloudConfigFiles, userDataText } from '../user-data';
import { INGRESS_TYPES } from './sg-no-world-ssh';

/** `tcp:443` */
type ServedPort = `${'tcp' | 'udp'}:${number}`;

const LB_TYPES = ['aws_lb', 'aws_alb'];
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
/** Wider ranges are reported as a whole instead of port by port. */
const MAX_LISTED = 8;

/** The security group a rule belongs to: the group itself, or the group its `security_group_id` names. */
function groupOf(ctx: RuleContext): TfBlock | undefined {
  const r = ctx.resource;
  if (r.type === 'aws_security_group') return r;
  const group = ctx.stack.resolve(r.config.security_group_id);
  return group?.type === 'aws_security_group' ? group : undefined;
}

/** Listener protocols: HTTP, HTTPS, TCP, TLS are TCP; UDP; TCP_UDP is both. */
function listenerProtocols(protocol: string | undefined): ('tcp' | 'udp')[] {
  switch ((protocol ?? 'HTTP').toUpperCase()) {
    case 'UDP':
      return ['udp'];
    case 'TCP_UDP':
      return ['tcp', 'udp'];
    default:
      return ['tcp'];
  }
}

/** Ports the load balancers in the group listen on. */
function loadBalancerPorts(stack: StackView, group: TfBlock, out: Map<ServedPort, string>): void {
  for (const lb of stack.resources().filter((r) => LB_TYPES.includes(r.type))) {
    if (!stack.pointsAt(lb.config.security_groups, group, ['id', 'name'])) continue;
    for (const listener of stack.resources().filter((r) => LISTENER_TYPES.includes(r.type))) {
      if (!stack.pointsAt(listener.config.load_balancer_arn, lb, ['arn'])) continue;
      const port = num(listener.config.port);
      if (port === undefined) continue;
      for (const p of listenerProtocols(str(listener.config.protocol))) {
        out.set(`${p}:${port}`, `listener ${listener.path}`);
      }
    }
  }
}

/**
 * True when `ref` names an `aws_network_interface` of this stack that is in the group: by its own
 * `security_groups` or by an `aws_network_interface_sg_attachment`.
 */
function interfaceInGroup(stack: StackView, ref: Json | undefined, group: TfBlock): boolean {
  const eni = stack.resolve(ref);
  if (eni?.type !== 'aws_network_interface') return false;
  if (stack.pointsAt(eni.config.security_groups, group, ['id'])) return true;
  return stack
    .attachedTo(eni, 'aws_network_interface_sg_attachment', 'network_interface_id', ['id'])
    .some((a) => stack.pointsAt(a.config.security_group_id, group, ['id']));
}

/**
 * True when a launch template or instance puts a network interface in the group: through its
 * security group arguments, a template's `network_interfaces` (groups or an existing interface), an
 * instance's `network_interface` blocks, or an `aws_network_interface_attachment` to the instance.
 */
function hostInGroup(stack: StackView, host: TfBlock, group: TfBlock): boolean {
  const c = host.config;
  if (stack.pointsAt(c.vpc_security_group_ids, group, ['id'])) return true;
  if (stack.pointsAt(c.security_groups, group, ['id', 'name'])) return true;
  // A template's `network_interfaces` may set groups or name an interface; an instance's
  // `network_interface` blocks only name one.
  const interfaces = [...blocks(c.network_interfaces), ...blocks(c.network_interface)];
  const viaInterface = (ni: JsonObject) =>
    stack.pointsAt(ni.security_groups, group, ['id']) ||
    interfaceInGroup(stack, ni.network_interface_id, group);
  if (interfaces.some(viaInterface)) return true;
  return stack
    .attachedTo(host, 'aws_network_interface_attachment', 'instance_id', ['id'])
    .some((a) => interfaceInGroup(stack, a.config.network_interface_id, group));
}

/** The published ports of every Compose file the host's cloud-config writes. */
function composePorts(host: TfBlock, userData: Json | undefined, out: Map<ServedPort, string>): void {
  for (const file of cloudConfigFiles(userDataText(userData))) {
    let doc: unknown;
    try {
      doc = YAML.parse(file.content);
    } catch {
      continue;
    }
    if (!isObject(doc as Json) || !isObject((doc as { services?: Json }).services)) continue;
    for (const p of publishedPorts(doc as ComposeFile)) {
      if (!isNetworkReachable(p)) continue;
      for (let port = p.port; port <= p.toPort; port++) {
        out.set(`${p.protocol}:${port}`, `Compose service "${p.service}" in ${file.path} on ${host.path}`);
      }
    }
  }
}

/** What serves each port of the group: load balancer listeners and Compose files on its hosts. */
export function servedPorts(stack: StackView, group: TfBlock): Map<ServedPort, string> {
  const served = new Map<ServedPort, string>();
  loadBalancerPorts(stack, group, served);
  for (const template of stack.resources('aws_launch_template')) {
    if (hostInGroup(stack, template, group)) composePorts(template, template.config.user_data, served);
  }
  for (const instance of stack.resources('aws_instance')) {
    const template = instanceLaunchTemplate({ resource: instance, stack });
    // Groups or interfaces set on the instance replace the template's (as in RunInstances).
    const c = instance.config;
    const ownNetwork =
      c.vpc_security_group_ids !== undefined ||
      c.security_groups !== undefined ||
      blocks(c.network_interface).length > 0;
    const inGroup =
      hostInGroup(stack, instance, group) ||
      (!ownNetwork && template !== undefined && hostInGroup(stack, template, group));
    if (!inGroup) continue;
    const own = instance.config.user_data ?? instance.config.user_data_base64;
    composePorts(instance, own ?? template?.config.user_data, served);
  }
  return served;
}

function portList(ports: number[]): string {
  return ports.length <= MAX_LISTED
    ? ports.join(', ')
    : `${ports.slice(0, MAX_LISTED).join(', ')} and ${ports.length - MAX_LISTED} more`;
}

export const netOpenPortsServed: PolicyRule = {
  id: 'MLM-NET-001',
  title: 'Every port open to the internet is served by a load balancer listener or a published Compose port',
  rationale:
    'A port open to 0.0.0.0/0 or ::/0 with nothing behind it is exposure waiting to happen: the next ' +
    'container or process that binds it is public without anyone deciding so, and reviewers cannot tell ' +
    'a forgotten rule from an intended one. Served means: a listener on that port of a load balancer in ' +
    'the security group, or a port published (on a non-loopback address) by a Compose file in the ' +
    'cloud-config user data of a launch template or instance in the group (by its security groups, or by a ' +
    'network interface of the stack in the group that it creates or has attached). Rules whose group is not in ' +
    'the stack are not judged.',
  level: 'error',
  fix:
    'close the port (remove the rule), or serve it: add a load balancer listener on it, or publish it from ' +
    'the Compose file of the host in that security group',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => {
    const open = securityGroupRules(ctx.resource).filter(
      (r) => r.direction === 'ingress' && worldCidrs(r).length > 0,
    );
    if (open.length === 0) return notApplicable();
    const group = groupOf(ctx);
    if (!group) return notApplicable('the security group is not defined in this stack');
    const served = servedPorts(ctx.stack, group);
    const problems: string[] = [];
    const by: string[] = [];
    for (const rule of open) {
      if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') {
        problems.push(
          `${describeRule(rule)} opens ${rule.protocol} traffic, which no listener or Compose port can serve`,
        );
        continue;
      }
      const from = rule.fromPort ?? 0;
      const to = rule.toPort ?? 65535;
      const unserved: number[] = [];
      for (let port = from; port <= to; port++) {
        const what = served.get(`${rule.protocol as 'tcp' | 'udp'}:${port}`);
        if (what === undefined) unserved.push(port);
        else if (!by.includes(`${port}/${rule.protocol} by ${what}`))
          by.push(`${port}/${rule.protocol} by ${what}`);
      }
      if (unserved.length > 0) {
        problems.push(
          `${describeRule(rule)} leaves ${rule.protocol} port ${portList(unserved)} open with nothing serving it in ${group.path}`,
        );
      }
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant(`served: ${by.join('; ')}`);
  },
};
