import { TerraformStack, Testing } from 'cdktf';
import { ApplicationLoadBalancer } from '../../../modules/alb';
import { ALL_RULES, JsonObject, PolicyReport, applyPolicyPack, runPolicyPack } from '../../../modules/policy';
import { BASE, newStack } from './helpers';
import { buildFrontDoor } from './full-stack';

function report(stack: TerraformStack): PolicyReport {
  return runPolicyPack(stack.toTerraform() as JsonObject, { stackName: stack.node.id, rules: ALL_RULES });
}

const findings = (r: PolicyReport) =>
  r.violations.map((v) => `${v.rule.id} ${v.rule.level} ${v.resource.path}`);

describe('policy pack on the front-door modules', () => {
  it('an ALB with default props: no error, only the WAF warning', () => {
    const stack = newStack('alb-defaults');
    new ApplicationLoadBalancer(stack, 'alb', BASE);
    const r = report(stack);
    expect(r.problems).toEqual([]);
    expect(findings(r)).toEqual(['MLM-ALB-008 warning alb-defaults/alb/load-balancer']);
  });

  it('an ALB with default props synthesizes under applyPolicyPack', () => {
    const stack = newStack('alb-synth');
    new ApplicationLoadBalancer(stack, 'alb', BASE);
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  it('the full front door (certificate, ALB, rules, aliases, alarms): no error, only the wildcard warning', () => {
    const r = report(buildFrontDoor());
    expect(r.problems).toEqual([]);
    // '*.example.com' is on the certificate on purpose (it shares a validation record).
    expect(findings(r)).toEqual(['MLM-ACM-003 warning front-door/certificate/certificate']);
    const evaluated = new Set(r.evaluations.map((e) => e.rule.id));
    for (const id of [
      'MLM-ALB-001',
      'MLM-ALB-005',
      'MLM-ALB-007',
      'MLM-ACM-001',
      'MLM-R53-001',
      'MLM-CW-001',
    ]) {
      expect(evaluated).toContain(id);
    }
  });

  it('the opt-outs are caught: no logs is an error, no deletion protection a warning', () => {
    const stack = newStack('alb-opt-outs');
    new ApplicationLoadBalancer(stack, 'alb', { ...BASE, accessLogs: false, deletionProtection: false });
    expect(findings(report(stack))).toEqual([
      'MLM-ALB-003 error alb-opt-outs/alb/load-balancer',
      'MLM-ALB-004 warning alb-opt-outs/alb/load-balancer',
      'MLM-ALB-008 warning alb-opt-outs/alb/load-balancer',
    ]);
  });

  it('plain HTTP fails the HTTPS rules', () => {
    const stack = newStack('alb-http');
    new ApplicationLoadBalancer(stack, 'alb', {
      ...BASE,
      certificateArn: undefined,
      allowPlainHttp: true,
      internal: true,
      ingress: { cidrs: ['10.0.0.0/16'] },
    });
    expect(findings(report(stack))).toEqual([
      'MLM-ALB-005 error alb-http/alb/http',
      'MLM-ALB-006 error alb-http/alb/load-balancer',
    ]);
  });
});
