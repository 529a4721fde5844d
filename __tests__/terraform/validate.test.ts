import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../main';
import { runTerraform } from '../../scripts/lib/terraform';
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
});
