import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { runTerraform } from '../../../review/terraform';
import {
  OFFLINE_OVERRIDE_FILE,
  SynthesizedStackJson,
  offlineEnv,
  offlineOverride,
} from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';
import { buildFrontDoor } from './front-door-stack';

/**
 * The front door with every feature on (certificate with shared validation records, dual-stack
 * ALB with logs, WAF, rules and security-group wiring, alias records, alarms) passes the real AWS
 * provider's `terraform validate` and an offline `terraform plan` (mock credentials, no refresh,
 * no data source that calls AWS).
 */
describeWithTerraform('front-door modules against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-'));
  const synthesized = JSON.parse(Testing.synth(buildFrontDoor())) as SynthesizedStackJson & {
    resource: Record<string, Record<string, unknown>>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init and validate succeed without warnings', () => {
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });

  describe('offline plan', () => {
    let changes: readonly PlanResourceChange[] = [];
    beforeAll(() => {
      const plan = runTerraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
        dir,
        env,
      );
      if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
      const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
      changes = ((JSON.parse(show.stdout) as TerraformPlanJson).resource_changes ?? []).filter(
        (c) => c.mode === 'managed',
      );
    });
    const ofType = (type: string) => changes.filter((c) => c.type === type);

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans two validation records for three certificate names (x and *.x share one)', () => {
      expect(ofType('aws_acm_certificate')).toHaveLength(1);
      expect(ofType('aws_route53_record').filter((c) => c.address.includes('validation'))).toHaveLength(2);
    });

    it('plans the load balancer with its hardening attributes', () => {
      const [lb] = ofType('aws_lb');
      expect(lb.change.after).toMatchObject({
        drop_invalid_header_fields: true,
        desync_mitigation_mode: 'strictest',
        enable_deletion_protection: true,
        ip_address_type: 'dualstack',
      });
    });
  });
});
