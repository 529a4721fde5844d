import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { runTerraform } from '../../review/terraform';
import { offlineEnv } from '../../review/plan-workdir';

/** Outcome of `terraform init` + `terraform validate -json` on a synthesized stack. */
export interface ValidateResult {
  readonly init: { readonly status: number | null; readonly output: string };
  readonly valid: boolean;
  readonly warnings: number;
  readonly diagnostics: readonly unknown[];
}

/**
 * Synthesizes `stack` into a temporary directory and runs `terraform init` and `terraform validate`
 * against the real AWS provider (offline, through the provider mirror when one is configured).
 *
 * Why not CDKTF's `toBeValidTerraform` / `toPlanSuccessfully` (with `Testing.fullSynth`): they run
 * `terraform init` with the test's bare environment, so neither the provider mirror
 * (`MLMON_TF_PROVIDER_MIRROR`, turned into a CLI configuration by review/terraform.ts) nor the
 * offline settings (mock credentials, skip flags, local state) apply, and a plan would need AWS
 * credentials and the S3 backend; and they report a failure as "Expected subject to plan
 * successfully" (`toPlanSuccessfully` discards Terraform's output). This helper returns the init
 * output (with the mirror hint) and the diagnostics, which a failing `toEqual` prints.
 */
export function terraformValidate(stack: TerraformStack, prefix: string): ValidateResult {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    writeFileSync(join(dir, 'cdk.tf.json'), Testing.synth(stack));
    const env = offlineEnv({});
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    if (init.status !== 0) {
      return {
        init: { status: init.status, output: init.stderr + init.stdout },
        valid: false,
        warnings: 0,
        diagnostics: [],
      };
    }
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    return {
      init: { status: 0, output: '' },
      valid: result.valid,
      warnings: result.warning_count,
      diagnostics: result.diagnostics,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
