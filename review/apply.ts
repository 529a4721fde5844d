/**
 * Applies a reviewed plan, and only that: `terraform apply <planfile>` in the synthesized stack
 * directory the plan was made in, after checking that the plan is the one that was reviewed.
 *
 * In order:
 *
 * 1. the bundle (review/plan-bundle.ts) belongs to the stack asked for, and the plan file and the
 *    stack directory match its checksums (what the approver saw is what is applied);
 * 2. the Terraform on PATH is the version that made the plan;
 * 3. a plan without changes is skipped: nothing is applied, and the result says so;
 * 4. `terraform init -lockfile=readonly`: the providers of the plan's lock file, or an error;
 * 5. `terraform apply -lock-timeout=... <planfile>`. When the state changed after the plan was made,
 *    Terraform refuses with "Saved plan is stale"; this stops with {@link StalePlanError}, whose
 *    message says how to plan again. There is never a silent re-plan.
 */
import { dirname, join, resolve } from 'node:path';
import { BUNDLE_STACK_DIR, PlanBundle, readBundle, verifyBundle } from './plan-bundle';
import { runTerraformAsync } from './plan-terraform';
import { terraformVersion, TerraformResult } from './terraform';

/** Runs Terraform (injected in tests). */
export type TerraformRunner = (
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
) => Promise<TerraformResult>;

/** Options of {@link applyPlan}. */
export interface ApplyOptions {
  /** The stack the caller means to apply; the bundle must be this stack's. */
  readonly stack: string;
  /** The saved plan, `<bundle>/tfplan`. */
  readonly planFile: string;
  /** The planned stack directory. @default '<directory of planFile>/stack' */
  readonly stackDir?: string;
  /** How long to wait for the state lock. @default '5m' */
  readonly lockTimeout?: string;
  /** Extra environment for Terraform (credentials, backend endpoints). @default - none */
  readonly env?: NodeJS.ProcessEnv;
  /** Version of the Terraform that will run. @default - `terraform version` on PATH */
  readonly terraformVersion?: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** @default - the Terraform CLI */
  readonly run?: TerraformRunner;
}

/** What {@link applyPlan} did. */
export type ApplyResult =
  | { readonly result: 'applied'; readonly bundle: PlanBundle; readonly output: string; readonly ms: number }
  | { readonly result: 'skipped'; readonly bundle: PlanBundle; readonly reason: string };

/** Why a plan was not applied. */
export type ApplyFailure = 'bundle' | 'version' | 'init' | 'stale' | 'apply';

/** A plan that could not be applied; `message` says why and what to do. */
export class ApplyError extends Error {
  constructor(
    public readonly failure: ApplyFailure,
    message: string,
    /** Terraform's output, when Terraform ran. */
    public readonly output = '',
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

/** The state changed after the plan was made: nothing was applied. */
export class StalePlanError extends ApplyError {
  constructor(stack: string, output: string) {
    super(
      'stale',
      `The plan of ${stack} is stale: its state changed after the plan was made (another apply, an import ` +
        'or a `terraform state` command), so Terraform refused it and nothing was applied.\n' +
        'To deploy, plan again and approve the new plan: re-run this workflow run ("Re-run all jobs"), or run ' +
        'the deploy workflow on main again. The approval of the stale plan does not carry over.',
      output,
    );
    this.name = 'StalePlanError';
  }
}

/** Terraform's message for a saved plan whose prior state is no longer the current state. */
export const STALE_PLAN_PATTERN = /Saved plan is stale/;

const defaultRunner: TerraformRunner = (args, cwd, env) =>
  runTerraformAsync(args, cwd, { extraEnv: env, timeoutMs: 3_600_000 });

/** Applies the reviewed plan of one stack; see the module documentation for the steps. */
export async function applyPlan(o: ApplyOptions): Promise<ApplyResult> {
  const planFile = resolve(o.planFile);
  const bundleDir = dirname(planFile);
  const stackDir = resolve(o.stackDir ?? join(bundleDir, BUNDLE_STACK_DIR));
  const run = o.run ?? defaultRunner;
  const env = o.env ?? {};

  let bundle: PlanBundle;
  try {
    bundle = readBundle(bundleDir);
  } catch (err) {
    throw new ApplyError('bundle', (err as Error).message);
  }
  if (bundle.stack !== o.stack) {
    throw new ApplyError(
      'bundle',
      `${planFile} is the plan of ${bundle.stack}, not of ${o.stack}: refusing to apply another stack's plan.`,
    );
  }
  const problems = verifyBundle(bundle, planFile, stackDir);
  if (problems.length > 0) {
    throw new ApplyError(
      'bundle',
      `The plan of ${o.stack} is not the one that was reviewed, so it is not applied:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nUse the plan artifact of this workflow run unchanged, or re-run the workflow to plan again.',
    );
  }
  o.log(`[${o.stack}] plan ${bundle.planSha256} matches the reviewed plan (${bundle.terraformLine})`);

  const version = o.terraformVersion ?? terraformVersion();
  if (version !== bundle.terraformVersion) {
    throw new ApplyError(
      'version',
      `The plan of ${o.stack} was made with Terraform ${bundle.terraformVersion}, but this is ` +
        `${version ?? 'no Terraform (not on PATH)'}: Terraform applies a plan only with the version that made it. ` +
        `Install Terraform ${bundle.terraformVersion} (the workflows pin it in TERRAFORM_VERSION).`,
    );
  }

  if (!bundle.hasChanges) {
    const reason =
      bundle.status === 'drift-only'
        ? 'the plan has no changes to apply (resources changed outside Terraform are listed in the plan)'
        : 'the plan has no changes';
    o.log(`[${o.stack}] skipped: ${reason}`);
    return { result: 'skipped', bundle, reason };
  }

  o.log(`[${o.stack}] terraform init (providers from the plan's lock file) ...`);
  const init = await run(['init', '-input=false', '-no-color', '-lockfile=readonly'], stackDir, env);
  if (init.status !== 0) {
    throw new ApplyError(
      'init',
      `terraform init failed in ${stackDir}, so the plan of ${o.stack} was not applied. With -lockfile=readonly ` +
        'it fails when the providers cannot be installed exactly as the lock file records them.',
      init.stderr || init.stdout,
    );
  }

  o.log(`[${o.stack}] terraform apply ${planFile} ...`);
  const start = Date.now();
  const apply = await run(
    ['apply', '-input=false', '-no-color', `-lock-timeout=${o.lockTimeout ?? '5m'}`, planFile],
    stackDir,
    env,
  );
  const output = `${apply.stdout}\n${apply.stderr}`.trim();
  if (apply.status !== 0) {
    if (STALE_PLAN_PATTERN.test(output)) throw new StalePlanError(o.stack, output);
    throw new ApplyError(
      'apply',
      `terraform apply of the reviewed plan of ${o.stack} failed. Terraform stops at the first error: ` +
        'what it applied before is in the state; plan again (re-run the workflow) to see what is left.',
      output,
    );
  }
  o.log(`[${o.stack}] applied in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return { result: 'applied', bundle, output, ms: Date.now() - start };
}
