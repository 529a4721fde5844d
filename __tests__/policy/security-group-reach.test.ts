/**
 * The policy pack and the SecurityGroup construct judge public reach the same way: the same
 * restricted ports (modules/core/ports.ts), the same union of sources per port, the same bound.
 * What the construct refuses, the pack reports on a group built with the construct's opt-out; and
 * in the pack the opt-out is a suppression with a reason.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IngressRule, SecurityGroup } from '../../modules/security-group';
import { RESTRICTED_PORTS } from '../../modules/core/ports';
import { ADMIN_PORTS, applyPolicyPack, PolicySuppressions, runPolicyPack } from '../../modules/policy';
import { sgNoWorldAdminPorts } from '../../modules/policy/rules/sg-no-world-admin-ports';
import { sgNoWorldAllTraffic } from '../../modules/policy/rules/sg-no-world-all-traffic';
import { sgNoWorldRdp } from '../../modules/policy/rules/sg-no-world-rdp';
import { sgNoWorldSsh } from '../../modules/policy/rules/sg-no-world-ssh';
import { JsonObject } from '../../modules/policy/types';

const VPC = 'vpc-0123456789abcdef0';
const PORT_RULES = [sgNoWorldSsh, sgNoWorldRdp, sgNoWorldAdminPorts];

function stackWith(
  ingress: IngressRule[],
  allowPublic: boolean,
): { stack: TerraformStack; sg: SecurityGroup } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const sg = new SecurityGroup(stack, 'sg', {
    name: 'svc',
    vpcId: VPC,
    ingress,
    allowPublicRestrictedPorts: allowPublic,
  });
  return { stack, sg };
}

/** Rule ids the pack reports on a group built with the opt-out. */
function packFindings(ingress: IngressRule[]): string[] {
  const { stack } = stackWith(ingress, true);
  const report = runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: 'test',
    rules: [...PORT_RULES, sgNoWorldAllTraffic],
  });
  return [...new Set(report.violations.map((v) => v.rule.id))].sort();
}

function constructRefuses(ingress: IngressRule[]): boolean {
  try {
    stackWith(ingress, false);
    return false;
  } catch {
    return true;
  }
}

const rule = (port: number, cidrs: string[], ipv6Cidrs: string[] = [], key?: string): IngressRule => ({
  port,
  key,
  description: `port ${port}`,
  source: { cidrs, ipv6Cidrs },
});

describe('public reach: the pack agrees with the SecurityGroup construct', () => {
  it.each<[string, IngressRule[], string[]]>([
    ['SSH from 0.0.0.0/0', [rule(22, ['0.0.0.0/0'])], ['MLM-SG-001']],
    ['RDP from ::/0', [rule(3389, [], ['::/0'])], ['MLM-SG-002']],
    ['Postgres from 0.0.0.0/1 and 128.0.0.0/1', [rule(5432, ['0.0.0.0/1', '128.0.0.0/1'])], ['MLM-SG-003']],
    [
      'SSH from two public /8s in two rules',
      [rule(22, ['3.0.0.0/8'], [], 'one'), rule(22, ['4.0.0.0/8'], [], 'two')],
      ['MLM-SG-001'],
    ],
    [
      'Prometheus and node exporter in a range from 0.0.0.0/1, the other half per port',
      [
        { port: 9090, toPort: 9100, description: 'range', source: { cidrs: ['0.0.0.0/1'] } },
        rule(9090, ['128.0.0.0/1']),
        rule(9100, ['128.0.0.0/1']),
      ],
      ['MLM-SG-003'],
    ],
    [
      'all traffic from 64.0.0.0/2',
      [{ protocol: 'all', description: 'all', source: { cidrs: ['64.0.0.0/2'] } }],
      ['MLM-SG-001', 'MLM-SG-002', 'MLM-SG-003', 'MLM-SG-004'],
    ],
    ['accepts the boundary: SSH from one public /8', [rule(22, ['3.0.0.0/8'])], []],
    ['accepts the boundary: Redis from one global /32 of IPv6', [rule(6379, [], ['2600:1f00::/32'])], []],
    ['accepts HTTPS from the internet', [rule(443, ['0.0.0.0/0'], ['::/0'])], []],
    [
      'accepts Postgres from every private range',
      [rule(5432, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])],
      [],
    ],
  ])('%s', (_name, ingress, ids) => {
    expect(packFindings(ingress)).toEqual(ids);
    const portIds = ids.filter((id) => id !== 'MLM-SG-004');
    expect(constructRefuses(ingress)).toBe(portIds.length > 0);
  });

  it('checks every restricted port of modules/core/ports.ts, and only those', () => {
    expect([22, 3389, ...ADMIN_PORTS].sort((a, b) => a - b)).toEqual(
      [...RESTRICTED_PORTS].sort((a, b) => a - b),
    );
    for (const port of RESTRICTED_PORTS) {
      expect(packFindings([rule(port, ['0.0.0.0/0'])])).toHaveLength(1);
    }
    expect(packFindings([rule(8000, ['0.0.0.0/0'])])).toEqual([]);
  });
});

describe('public reach: the opt-out in the pack is a suppression with a reason', () => {
  const REASON = 'Bastion for the incident drill; closed again by the drill runbook.';

  it('fails synthesis when the construct opts out and nothing is suppressed', () => {
    const { stack } = stackWith([rule(22, ['0.0.0.0/0'])], true);
    applyPolicyPack(stack, { rules: PORT_RULES, log: () => undefined });
    expect(() => Testing.synth(stack, true)).toThrow(/MLM-SG-001 \[error\] test\/sg\/in-tcp-22-v4-any/);
  });

  it('passes and lists the finding with its reason when the group is suppressed', () => {
    const { stack, sg } = stackWith([rule(22, ['0.0.0.0/0'])], true);
    PolicySuppressions.add(sg, [{ id: 'MLM-SG-001', reason: REASON }]);
    const logged: string[] = [];
    applyPolicyPack(stack, { rules: PORT_RULES, log: (m) => logged.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(logged.join('\n')).toContain(`MLM-SG-001 test/sg/in-tcp-22-v4-any`);
    expect(logged.join('\n')).toContain(REASON);
  });
});
