import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { combinedPlan, CombinedPlanResult } from '../../review/combined-plan';
import { describeWithTerraform } from '../support/terraform-gate';
import { EXAMPLE_NAMES, loadExample } from './examples';

/**
 * Every example's stacks pass real `terraform validate` and an offline `terraform plan`, in one
 * Terraform run (review/combined-plan.ts: each stack is a child module of one root, so the AWS
 * provider starts once for all of them).
 */
describeWithTerraform('every example validates and plans offline (real Terraform)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'examples-tf-'));
  const app = new App({ outdir: join(dir, 'out') });
  const built = EXAMPLE_NAMES.flatMap((name) =>
    loadExample(name)
      .build(app)
      .map((s) => s.node.id),
  );
  app.synth();
  const stacks = readdirSync(join(dir, 'out', 'stacks')).sort();
  let result: CombinedPlanResult;

  beforeAll(() => {
    result = combinedPlan(join(dir, 'out', 'stacks'), stacks, join(dir, 'work'));
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes every stack of every example', () => {
    expect(stacks).toEqual([...built].sort());
    expect(stacks).toEqual([
      'example-app-host-with-monitoring',
      'example-billing-bootstrap',
      'example-billing-dev',
      'example-policy-pack-existing-stack',
      'example-vpc-with-secure-bucket',
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

  it('passes terraform validate with no error and no warning', () => {
    expect(result.validate).toEqual({ valid: true, diagnostics: [] });
  });

  it('plans every stack offline: only creations', () => {
    expect({ status: result.plan.status, stderr: result.plan.stderr }).toEqual({ status: 0, stderr: '' });
    expect(Object.keys(result.changes).sort()).toEqual(stacks);
    for (const stack of stacks)
      expect([stack, Object.keys(result.changes[stack])]).toEqual([stack, ['create']]);
  });
});
