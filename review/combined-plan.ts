/**
 * One Terraform run over many synthesized stacks: each stack becomes a child module of a
 * generated root module, so `validate` and an offline `plan` load the AWS provider's schema once
 * and plan every stack in one process (measured: 4 stacks validate in 3.8 s instead of 4 x 4.3 s).
 *
 * In each copy the `backend` block is removed (a child module's backend has no effect) and the
 * offline arguments (mock credentials, the provider's skip flags) are merged into every AWS
 * provider configuration, so nothing calls AWS. What this does not check: backend settings (the
 * backend integration test applies them against emulators).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFLINE_PROVIDER_ARGS, offlineEnv } from './plan-workdir';
import { runTerraform, TerraformResult } from './terraform';

/** A Terraform diagnostic from `-json` output. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename?: string };
}

/** What {@link combinedPlan} found. */
export interface CombinedPlanResult {
  readonly init: TerraformResult;
  /** Result of `terraform validate -json`. */
  readonly validate: { readonly valid: boolean; readonly diagnostics: readonly Diagnostic[] };
  readonly plan: TerraformResult;
  /** Planned actions per stack (module name): counts of create/update/delete/no-op. */
  readonly changes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Milliseconds spent in init, validate and plan. */
  readonly ms: { readonly init: number; readonly validate: number; readonly plan: number };
}

/** Terraform module names allow letters, digits, `_` and `-`, starting with a letter or `_`. */
function moduleName(stack: string): string {
  return /^[A-Za-z_]/.test(stack) ? stack : `s_${stack}`;
}

/**
 * Copies `stacks` (names of directories under `stacksDir`, each a synthesized stack) into
 * `workDir` as child modules of one root, then runs `init`, `validate -json` and
 * `plan -refresh=false` there, offline.
 */
export function combinedPlan(
  stacksDir: string,
  stacks: readonly string[],
  workDir: string,
): CombinedPlanResult {
  mkdirSync(workDir, { recursive: true });
  const modules: Record<string, { source: string }> = {};
  for (const stack of stacks) {
    const dir = join(workDir, 'stacks', stack);
    cpSync(join(stacksDir, stack), dir, {
      recursive: true,
      filter: (src) => !/[/\\](\.terraform|plan)$/.test(src) && !/\.tfstate(\.backup)?$/.test(src),
    });
    // The copy runs as a child module: no backend (it would be ignored, with a warning), and the
    // offline arguments merged into each AWS provider configuration.
    const file = join(dir, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      terraform?: { backend?: unknown };
      provider?: { aws?: Record<string, unknown>[] | Record<string, unknown> };
    };
    if (json.terraform) delete json.terraform.backend;
    const aws = json.provider?.aws;
    if (aws !== undefined && json.provider) {
      json.provider.aws = (Array.isArray(aws) ? aws : [aws]).map((p) => ({ ...p, ...OFFLINE_PROVIDER_ARGS }));
    }
    writeFileSync(file, JSON.stringify(json));
    modules[moduleName(stack)] = { source: `./stacks/${stack}` };
  }
  writeFileSync(join(workDir, 'main.tf.json'), JSON.stringify({ module: modules }, null, 2));

  const env = offlineEnv();
  const init = runTerraform(['init', '-input=false', '-no-color'], workDir, env);
  if (init.status !== 0) {
    return {
      init,
      validate: { valid: false, diagnostics: [] },
      plan: init,
      changes: {},
      ms: { init: init.ms, validate: 0, plan: 0 },
    };
  }
  const validateRun = runTerraform(['validate', '-json', '-no-color'], workDir, env);
  const parsed = JSON.parse(validateRun.stdout || '{"valid":false,"diagnostics":[]}') as {
    valid: boolean;
    diagnostics: Diagnostic[];
  };
  const validate = { valid: parsed.valid, diagnostics: parsed.diagnostics };
  const plan = runTerraform(
    ['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color', '-parallelism=20', '-out=tfplan'],
    workDir,
    env,
  );
  const changes: Record<string, Record<string, number>> = {};
  if (plan.status === 0) {
    const show = runTerraform(['show', '-json', 'tfplan'], workDir, env);
    const doc = JSON.parse(show.stdout) as {
      resource_changes?: Array<{ module_address?: string; mode: string; change: { actions: string[] } }>;
    };
    for (const rc of doc.resource_changes ?? []) {
      if (rc.mode !== 'managed') continue;
      const mod = /^module\.([^.[]+)/.exec(rc.module_address ?? '')?.[1] ?? '(root)';
      const action = rc.change.actions.join('-');
      changes[mod] ??= {};
      changes[mod][action] = (changes[mod][action] ?? 0) + 1;
    }
  }
  return { init, validate, plan, changes, ms: { init: init.ms, validate: validateRun.ms, plan: plan.ms } };
}
