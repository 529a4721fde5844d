import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../main';
import { combinedPlan, CombinedPlanResult, formatDiagnostic } from '../../review/combined-plan';
import { describeWithTerraform } from '../support/terraform-gate';

/**
 * Every synthesized stack passes real Terraform's validation and an offline `terraform plan`
 * (mock credentials, the provider's skip flags, -refresh=false): the stacks run as child modules
 * of one generated root (review/combined-plan.ts), so one Terraform process validates and plans
 * all of them. Backends are not exercised here: the backend integration test applies them.
 *
 * Not `toBeValidTerraform` / `toPlanSuccessfully`: they init and plan each stack on its own
 * (about 5 s of provider start-up per stack, so more than a minute for this app), without the
 * provider mirror or the offline provider settings, and `toPlanSuccessfully` drops Terraform's
 * output.
 */
describeWithTerraform('every stack validates and plans offline (real Terraform)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-stacks-tf-'));
  // The pack's report (warnings, suppressions) is asserted by the stack tests; here it is not printed.
  buildApp({ outdir: join(dir, 'out'), env: {}, policyLog: () => undefined }).synth();
  const stacks = readdirSync(join(dir, 'out', 'stacks')).sort();
  let result: CombinedPlanResult;

  beforeAll(() => {
    // No separate `terraform validate`: the plan runs the same validation walk and reports it per stack.
    result = combinedPlan(join(dir, 'out', 'stacks'), stacks, join(dir, 'work'), { validate: false });
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes the bootstrap and account stacks and one stack per environment of every system', () => {
    expect(stacks).toEqual([
      'mlcicd-dev',
      'mlcicd-prod',
      'mlcicd-staging',
      'mlmon-account',
      'mlmon-bootstrap',
      'mlmon-dev',
      'mlmon-prod',
      'mlmon-staging',
      'mlnews-dev',
      'mlnews-prod',
      'mlnews-staging',
      'modelreg-dev',
      'modelreg-prod',
      'modelreg-staging',
      'sentiment-dev',
      'sentiment-prod',
      'sentiment-staging',
    ]);
  });

  it('initializes with the provider from the mirror or the registry', () => {
    expect({
      status: result.init.status,
      stderr: result.init.status === 0 ? '' : result.init.stderr,
    }).toEqual({
      status: 0,
      stderr: '',
    });
  });

  it('passes validation with no error and no warning, and plans, in every stack', () => {
    const outcome = (s: string) => ({
      status: result.stacks[s]?.status,
      diagnostics: (result.stacks[s]?.diagnostics ?? []).map(formatDiagnostic),
    });
    expect(Object.fromEntries(stacks.map((s) => [s, outcome(s)]))).toEqual(
      Object.fromEntries(stacks.map((s) => [s, { status: 'planned', diagnostics: [] }])),
    );
  });

  it('plans every stack offline: only creations, in every stack', () => {
    expect(Object.keys(result.changes).sort()).toEqual(stacks);
    for (const stack of stacks) {
      expect(Object.keys(result.changes[stack])).toEqual(['create']);
      expect(result.changes[stack].create).toBeGreaterThan(10);
    }
  });
});
