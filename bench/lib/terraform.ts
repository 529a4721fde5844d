/**
 * Terraform's own time on the synthesized stacks, for `npm run bench`: `terraform init
 * -backend=false` and `terraform validate` per stack, in copies of the stack directories (the
 * synth output is never touched). Provider installation follows the project setting
 * (`MLMON_TF_PROVIDER_MIRROR`, see review/terraform.ts).
 *
 * `validate` is the yardstick for synth: it is the least Terraform does with a hand-written
 * configuration before any plan (parse, load the provider schema, type-check every block).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConcurrently, runMeasured } from './process';
import type { TerraformStack } from './report';
import { Summary, summarize } from './stats';
import { PROVIDER_MIRROR_ENV, terraformEnv } from '../../review/terraform';

/**
 * Points Terraform at a private copy of the CLI configuration. The shared file in `.cache/` is
 * rewritten by every tool that starts Terraform; a reader that catches it between truncate and
 * write sees no mirror and goes to the registry, so a measurement must not depend on it.
 */
export function privateCliConfig(env: NodeJS.ProcessEnv, workRoot: string): NodeJS.ProcessEnv {
  const shared = env.TF_CLI_CONFIG_FILE;
  if (!shared) return env;
  for (let attempt = 0; attempt < 20; attempt++) {
    const body = readFileSync(shared, 'utf8');
    if (!env[PROVIDER_MIRROR_ENV] || body.includes('filesystem_mirror')) {
      mkdirSync(workRoot, { recursive: true });
      const own = join(workRoot, 'terraform.rc');
      writeFileSync(own, body);
      return { ...env, TF_CLI_CONFIG_FILE: own };
    }
  }
  throw new Error(`${shared} does not configure the provider mirror ${env[PROVIDER_MIRROR_ENV]}`);
}

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
  const env = privateCliConfig(terraformEnv({ TF_INPUT: '0' }), workRoot);
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
  const validateCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = init();
    if (r.status !== 0) return fail('init', r);
    initMs.push(r.wallMs);
    const v = tf(['validate', '-no-color'], true);
    if (v.status !== 0) return fail('validate', v);
    validateMs.push(v.wallMs);
    if (v.gnuTimeMaxRssKb !== undefined) validateRss.push(v.gnuTimeMaxRssKb / 1024);
    if (v.gnuTimeCpuMs !== undefined) validateCpu.push(v.gnuTimeCpuMs);
  }
  return {
    name,
    resources,
    status: 'ok',
    initMs: summarize(initMs),
    firstInitMs: first.wallMs,
    validateMs: summarize(validateMs),
    validateRssMb: validateRss.length > 0 ? summarize(validateRss) : undefined,
    validateCpuMs: validateCpu.length > 0 ? summarize(validateCpu) : undefined,
  };
}

/**
 * `terraform validate` of every stack at the same time, `runs` times: what parallel CI jobs cost on
 * one machine. The stack directories must already be initialised by {@link benchTerraformStack}.
 */
export async function validateConcurrently(
  names: readonly string[],
  workRoot: string,
  runs: number,
): Promise<Summary> {
  const env = privateCliConfig(terraformEnv({ TF_INPUT: '0' }), workRoot);
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runConcurrently(
      names.map((n) => ({
        command: 'terraform',
        args: [`-chdir=${join(workRoot, n)}`, 'validate', '-no-color'],
        cwd: workRoot,
        env,
      })),
    );
    const failed = r.statuses.findIndex((s) => s !== 0);
    if (failed >= 0)
      throw new Error(
        `terraform validate of ${names[failed]} exited ${r.statuses[failed]}: ${r.stderr[failed].trim().slice(0, 500)}`,
      );
    wall.push(r.wallMs);
  }
  return summarize(wall);
}
