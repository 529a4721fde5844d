import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../main';
import { runTerraform } from '../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../review/plan-workdir';
import { describeWithTerraform } from '../support/terraform-gate';

/**
 * Every synthesized stack passes real `terraform init` (the provider mirror when
 * MLMON_TF_PROVIDER_MIRROR is set, the registry otherwise) and `terraform validate`.
 * The backend is not initialised (`-backend=false`), so no AWS credentials are needed.
 */
describeWithTerraform('terraform validate of every synthesized stack', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'mlmon-validate-'));
  buildApp({ outdir, env: {} }).synth();
  const stacks = readdirSync(join(outdir, 'stacks')).sort();

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes the bootstrap stack and one stack per environment', () => {
    expect(stacks).toEqual(['mlmon-bootstrap', 'mlmon-dev', 'mlmon-prod', 'mlmon-staging']);
  });

  it.each(stacks)('%s: terraform init and validate succeed', (stack) => {
    const dir = join(outdir, 'stacks', stack);
    const init = runTerraform(['init', '-backend=false', '-input=false', '-no-color'], dir);
    expect({
      step: 'init',
      status: init.status,
      output: init.status === 0 ? '' : init.stderr + init.stdout,
    }).toEqual({
      step: 'init',
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      error_count: number;
      diagnostics: unknown[];
    };
    expect({
      valid: result.valid,
      errors: result.error_count,
      diagnostics: result.error_count ? result.diagnostics : [],
    }).toEqual({
      valid: true,
      errors: 0,
      diagnostics: [],
    });
  });

  // The offline plan `npm run plan` makes: local state, mock credentials, the provider's skip flags,
  // -refresh=false. It proves the stacks plan with no AWS account and no data source calling AWS.
  it.each(stacks)('%s: terraform plan -refresh=false succeeds offline with mock credentials', (stack) => {
    const dir = join(outdir, 'stacks', stack);
    const synthesized = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
    writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
    const env = offlineEnv({});
    const init = runTerraform(['init', '-reconfigure', '-input=false', '-no-color'], dir, env);
    expect({ step: 'init', status: init.status, output: init.status === 0 ? '' : init.stderr }).toEqual({
      step: 'init',
      status: 0,
      output: '',
    });
    const plan = runTerraform(
      [
        'plan',
        '-refresh=false',
        '-lock=false',
        '-input=false',
        '-no-color',
        '-detailed-exitcode',
        '-out=tfplan',
      ],
      dir,
      env,
    );
    // -detailed-exitcode: 2 means the plan succeeded with changes (everything is created from empty state).
    expect({ step: 'plan', status: plan.status, output: plan.status === 2 ? '' : plan.stderr }).toEqual({
      step: 'plan',
      status: 2,
      output: '',
    });
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
  });
});
