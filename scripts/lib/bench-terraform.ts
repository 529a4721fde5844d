/**
 * Terraform's own time on the synthesized stacks, for `npm run bench`: `terraform init
 * -backend=false` and `terraform validate` per stack, in copies of the stack directories (the
 * synth output is never touched). Provider installation follows the project setting
 * (`MLMON_TF_PROVIDER_MIRROR`, see scripts/lib/terraform.ts).
 *
 * `validate` is the yardstick for synth: it is the least Terraform does with a hand-written
 * configuration before any plan (parse, load the provider schema, type-check every block).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './bench-process';
import type { TerraformStack } from './bench-report';
import { summarize } from './bench-stats';
import { terraformEnv } from './terraform';

/** Measures one stack: one first init, then `runs` × (clean init, validate). */
export function benchTerraformStack(
  name: string,
  resources: number,
  stackDir: string,
  workRoot: string,
  runs: number,
): TerraformStack {
  const dir = join(workRoot, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(workRoot, { recursive: true });
  cpSync(stackDir, dir, { recursive: true });
  const env = terraformEnv({ TF_INPUT: '0' });
  const tf = (args: string[], gnuTime = false) =>
    runMeasured('terraform', [`-chdir=${dir}`, ...args], {
      cwd: workRoot,
      env,
      scratchDir: workRoot,
      probe: false,
      gnuTime,
    });
  const init = () => {
    rmSync(join(dir, '.terraform'), { recursive: true, force: true });
    rmSync(join(dir, '.terraform.lock.hcl'), { force: true });
    return tf(['init', '-backend=false', '-input=false', '-no-color']);
  };
  const fail = (step: string, r: { status: number; stdout: string; stderr: string }): TerraformStack => ({
    name,
    resources,
    status: 'failed',
    error: `terraform ${step} exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 2000)}`,
  });

  const first = init();
  if (first.status !== 0) return fail('init', first);
  const initMs: number[] = [];
  const validateMs: number[] = [];
  const validateRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = init();
    if (r.status !== 0) return fail('init', r);
    initMs.push(r.wallMs);
    const v = tf(['validate', '-no-color'], true);
    if (v.status !== 0) return fail('validate', v);
    validateMs.push(v.wallMs);
    if (v.gnuTimeMaxRssKb !== undefined) validateRss.push(v.gnuTimeMaxRssKb / 1024);
  }
  return {
    name,
    resources,
    status: 'ok',
    initMs: summarize(initMs),
    firstInitMs: first.wallMs,
    validateMs: summarize(validateMs),
    validateRssMb: validateRss.length > 0 ? summarize(validateRss) : undefined,
  };
}
