/**
 * The steps of `npm run plan`: synthesize the app, then per stack `terraform init`, `terraform plan`
 * and `terraform show -json`, and write the plan, its JSON and Markdown summaries.
 *
 * Offline mode (the default) needs no AWS account: each stack is planned in a copy of its
 * synthesized directory with an override file (see `plan-workdir.ts`) that swaps in local state and
 * mock credentials, and `-refresh=false -lock=false`. Online mode plans the synthesized stacks as
 * they are, against the real backend, with the caller's credentials.
 *
 * Layout of the results (`plans/` by default):
 *
 * ```
 * plans/<stack>/tfplan          binary plan (`terraform show tfplan`, or apply it in online mode)
 * plans/<stack>/plan.json       `terraform show -json tfplan`
 * plans/<stack>/summary.md      Markdown summary of the stack
 * plans/<stack>/meta.json       versions, mode, timings, error
 * plans/<stack>/constructs.json resource address -> construct path
 * plans/<stack>/terraform.log   output of init and plan
 * plans/<stack>/policy-report.json  the policy pack's findings at synth (review/policy-report.ts)
 * plans/<stack>/stack/, bundle.json, approval.md   with --bundle: what apply needs (review/plan-bundle.ts)
 * plans/summary.md              one summary for all stacks (the PR comment)
 * ```
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { costStatus, INFRACOST_FILE } from './cost';
import { writeBundle } from './plan-bundle';
import { parsePlanJson, TerraformPlanJson } from './plan-json';
import {
  constructPathsFromSynth,
  PlanMode,
  renderCombinedComment,
  renderStackComment,
  StackPlanSummary,
  StateBackendRef,
  summarizePlan,
} from './plan-summary';
import { POLICY_REPORT_FILE, PolicyReportFile, readPolicyReportFile } from './policy-report';
import { providerSelections, runTerraformAsync } from './plan-terraform';
import { offlineEnv, prepareWorkDir } from './plan-workdir';
import { PROVIDER_MIRROR_ENV, terraformVersion } from './terraform';

/** Environment variable that selects the mode: `offline` (default) or `online`. */
export const PLAN_MODE_ENV = 'MLMON_PLAN_MODE';

/** Oldest Terraform that `npm run plan` supports (override files for backends, `show -json` format 1.x). */
export const MIN_TERRAFORM_VERSION = '1.5.0';

/**
 * The synth command of the plan tooling: the app plus a policy report per stack (review/synth.ts),
 * with the TypeScript loader of cdktf.json's `app` command.
 */
export const SYNTH_APP = 'node -r ./scripts/transpile.js review/synth.ts';

/** How long an online plan waits for the state lock unless told otherwise. */
export const DEFAULT_LOCK_TIMEOUT = '120s';

/** A stack in the cdktf manifest. */
export interface ManifestStack {
  readonly name: string;
  /** Directory of the synthesized stack, relative to the synth directory. */
  readonly workingDirectory: string;
  readonly dependencies: readonly string[];
}

/** Stacks of a synthesized app (`<synthDir>/manifest.json`), dependencies before dependents. */
export function readManifest(synthDir: string): ManifestStack[] {
  const file = join(synthDir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} does not exist: the app has not been synthesized.`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    stacks?: Record<string, { name?: string; workingDirectory?: string; dependencies?: string[] }>;
  };
  const stacks = Object.entries(manifest.stacks ?? {}).map(([key, s]) => ({
    name: s.name ?? key,
    workingDirectory: s.workingDirectory ?? `stacks/${key}`,
    dependencies: s.dependencies ?? [],
  }));
  return orderByDependencies(stacks);
}

/** Topological order (stable: manifest order among independent stacks). */
export function orderByDependencies(stacks: readonly ManifestStack[]): ManifestStack[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const done = new Set<string>();
  const out: ManifestStack[] = [];
  const visit = (s: ManifestStack, seen: Set<string>): void => {
    if (done.has(s.name) || seen.has(s.name)) return;
    seen.add(s.name);
    for (const dep of s.dependencies) {
      const d = byName.get(dep);
      if (d) visit(d, seen);
    }
    done.add(s.name);
    out.push(s);
  };
  for (const s of stacks) visit(s, new Set());
  return out;
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The message printed when Terraform is missing or too old; undefined when it is fine. */
export function terraformProblem(version: string | undefined): string | undefined {
  const install =
    'Install Terraform (https://developer.hashicorp.com/terraform/install, or `brew install hashicorp/tap/terraform`, ' +
    'or the HashiCorp apt repository), make sure `terraform version` works in this shell, and run `npm run plan` again.';
  if (version === undefined) {
    return `Terraform was not found on PATH. \`npm run plan\` runs the real \`terraform init\` and \`terraform plan\` for every stack.\n${install}`;
  }
  if (compareVersions(version, MIN_TERRAFORM_VERSION) < 0) {
    return `Terraform ${version} is too old: \`npm run plan\` needs Terraform >= ${MIN_TERRAFORM_VERSION}.\n${install}`;
  }
  return undefined;
}

/** Selects the mode from the command line flag, else the environment; throws on an unknown value. */
export function resolveMode(flag: PlanMode | undefined, env: NodeJS.ProcessEnv = process.env): PlanMode {
  if (flag) return flag;
  const value = env[PLAN_MODE_ENV];
  if (value === undefined || value === '') return 'offline';
  if (value === 'offline' || value === 'online') return value;
  throw new Error(
    `${PLAN_MODE_ENV}=${value}: use "offline" (no AWS account needed) or "online" (real credentials and backend).`,
  );
}

/** Options of {@link synthesize}. */
export interface SynthOptions {
  /** Repository root holding cdktf.json. */
  readonly repoRoot: string;
  /** Output directory (`CDKTF_OUTDIR`). */
  readonly synthDir: string;
  /** App command. @default - `app` from cdktf.json */
  readonly app?: string;
  /** Context. @default - `context` from cdktf.json */
  readonly context?: Record<string, unknown>;
}

/**
 * Synthesizes the app the way `cdktf synth` does: runs cdktf.json's `app` command with
 * `CDKTF_OUTDIR` and the cdktf.json context in `CDKTF_CONTEXT_JSON`, without the CLI's start-up cost.
 */
export function synthesize(options: SynthOptions): Promise<{ ms: number }> {
  const start = Date.now();
  const config = JSON.parse(readFileSync(join(options.repoRoot, 'cdktf.json'), 'utf8')) as {
    app?: string;
    context?: Record<string, unknown>;
  };
  const app = options.app ?? config.app;
  if (!app) throw new Error(`${join(options.repoRoot, 'cdktf.json')} has no "app" command.`);
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TF_VAR_')),
  );
  env.CDKTF_OUTDIR = options.synthDir;
  env.CDKTF_CONTEXT_JSON = JSON.stringify(options.context ?? config.context ?? {});
  rmSync(join(options.synthDir, 'manifest.json'), { force: true });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(app, { shell: true, cwd: options.repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (output += b.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolvePromise({ ms: Date.now() - start });
      else reject(new Error(`Synthesis failed (\`${app}\` exited ${code}):\n${output.trim()}`));
    });
  });
}

/** The state backend the stacks use (the first S3 backend found), to flag changes to it. */
export function stateBackendOf(
  synthDir: string,
  stacks: readonly ManifestStack[],
): StateBackendRef | undefined {
  for (const s of stacks) {
    const file = join(synthDir, s.workingDirectory, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    const s3 = (
      JSON.parse(readFileSync(file, 'utf8')) as { terraform?: { backend?: { s3?: Record<string, unknown> } } }
    ).terraform?.backend?.s3;
    if (s3 && typeof s3.bucket === 'string') {
      return {
        bucket: s3.bucket,
        lockTable: typeof s3.dynamodb_table === 'string' ? s3.dynamodb_table : undefined,
      };
    }
  }
  return undefined;
}

/** What `meta.json` holds for one stack. */
export interface StackPlanMeta {
  readonly stack: string;
  /** Position in dependency order, to list stacks in the same order everywhere. */
  readonly order: number;
  readonly mode: PlanMode;
  readonly terraformVersion?: string;
  readonly providerVersions: Record<string, string>;
  readonly stateBackend?: StateBackendRef;
  /** Backend type of the synthesized stack (`s3`, `local`, ...). */
  readonly backend?: string;
  /** Milliseconds per step. */
  readonly timings: {
    readonly init?: number;
    readonly plan?: number;
    readonly show?: number;
    readonly total: number;
  };
  /** Why planning failed; absent on success. */
  readonly error?: string;
  /**
   * Exit code of `terraform plan -detailed-exitcode`: 0 no changes, 2 changes (drift detection).
   * @default - not asked for
   */
  readonly planExitCode?: number;
  /** The plan took the state lock (false: `-lock=false`). */
  readonly locked?: boolean;
}

/** Result of planning one stack. */
export interface StackPlanResult {
  readonly meta: StackPlanMeta;
  readonly summary: StackPlanSummary;
  readonly outDir: string;
}

/** Options of {@link planStack}. */
export interface PlanStackOptions {
  readonly stack: ManifestStack;
  readonly order: number;
  readonly mode: PlanMode;
  readonly synthDir: string;
  /** Root of the offline working directories (`<workRoot>/<stack>`); online plans run in the synthesized directory. */
  readonly workRoot: string;
  /** Root of the results (`<outRoot>/<stack>`). */
  readonly outRoot: string;
  readonly terraformVersion: string;
  readonly stateBackend?: StateBackendRef;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** Seconds between "still running" lines. @default 15 */
  readonly heartbeatSeconds?: number;
  /**
   * Take the state lock while planning (online mode; offline plans never lock). `false` plans
   * with `-lock=false`: it never waits for, nor blocks, a deploy (see docs/plan-and-review.md,
   * "Locks"). @default true
   */
  readonly lock?: boolean;
  /** How long to wait for the state lock when taking it. @default {@link DEFAULT_LOCK_TIMEOUT} */
  readonly lockTimeout?: string;
  /** Plan with `-detailed-exitcode` and record the exit code (2: changes) in meta.json. @default false */
  readonly detailedExitCode?: boolean;
  /**
   * Keep what an apply of this exact plan needs: the stack directory with its lock file, checksums
   * and the approval text (review/plan-bundle.ts). Online mode only. @default false
   */
  readonly bundle?: boolean;
  /** Extra environment variables for Terraform (e.g. credentials). @default - none */
  readonly env?: NodeJS.ProcessEnv;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Hints for errors a newcomer is likely to meet. */
export function errorHint(stderr: string, mode: PlanMode): string | undefined {
  const dataSource = /with (data\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(stderr)?.[1];
  const network = /no such host|dial tcp|request send failed|connection refused|i\/o timeout/i.test(stderr);
  if (mode === 'offline' && dataSource && network) {
    return (
      `${dataSource} calls AWS while planning, which an offline plan cannot answer. Data sources that need no ` +
      'API call (aws_iam_policy_document, aws_partition, aws_region) work offline; pass looked-up values ' +
      '(AMI ids, availability zones, account ids) in as configuration instead, or plan online.'
    );
  }
  if (
    mode === 'offline' &&
    /Failed to query available provider packages|could not connect to registry/i.test(stderr)
  ) {
    return `The provider could not be downloaded. Without network access to registry.terraform.io, set ${PROVIDER_MIRROR_ENV} to a provider filesystem mirror (e.g. /opt/tf-plugins).`;
  }
  if (
    mode === 'online' &&
    /No valid credential sources|NoCredentialProviders|ExpiredToken|InvalidClientTokenId/i.test(stderr)
  ) {
    return 'Online mode needs AWS credentials for the state backend and the provider (AWS_PROFILE, or the AWS_* variables). Without an AWS account, run `npm run plan` in offline mode.';
  }
  return undefined;
}

/** Plans one stack and writes its results; never throws for Terraform failures (they go into the result). */
export async function planStack(o: PlanStackOptions): Promise<StackPlanResult> {
  const name = o.stack.name;
  const start = Date.now();
  const outDir = join(o.outRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const stackDir = join(o.synthDir, o.stack.workingDirectory);
  const offline = o.mode === 'offline';
  // Online plans run where `cdktf deploy` runs, so relative paths in the stack (a local backend's
  // state file, assets) mean what they mean there. Offline plans run in a copy with the override.
  const workDir = offline ? join(o.workRoot, name) : stackDir;
  const baseEnv = offline ? offlineEnv() : { ...process.env, ...(o.env ?? {}) };
  const lock = !offline && (o.lock ?? true);
  if (o.bundle && offline) {
    throw new Error(
      `${name}: --bundle needs an online plan (an offline plan has mock credentials and no state).`,
    );
  }
  const planFile = resolve(outDir, 'tfplan');
  const log: string[] = [];
  const timings: { init?: number; plan?: number; show?: number } = {};
  let step = 'prepare';
  let stepStart = Date.now();
  let lastLine = Date.now();
  const every = (o.heartbeatSeconds ?? 15) * 1000;
  const heartbeat = setInterval(() => {
    if (Date.now() - lastLine < every) return;
    lastLine = Date.now();
    o.log(`[${name}] ${step}: still running (${seconds(Date.now() - stepStart)})`);
  }, 1000);
  const begin = (s: string): void => {
    step = s;
    stepStart = lastLine = Date.now();
    o.log(`[${name}] ${s} ...`);
  };
  let plan: TerraformPlanJson | undefined;
  let error: string | undefined;
  let providerVersions: Record<string, string> = {};
  let planExitCode: number | undefined;
  try {
    if (offline) prepareWorkDir(stackDir, workDir, true);
    else if (!existsSync(join(stackDir, 'cdk.tf.json')))
      throw new Error(`${stackDir}/cdk.tf.json does not exist: synthesize first.`);
    begin('terraform init');
    const init = await runTerraformAsync(['init', '-input=false', '-no-color', '-reconfigure'], workDir, {
      baseEnv,
    });
    timings.init = init.ms;
    log.push('$ terraform init', init.stdout, init.stderr);
    if (init.status !== 0) throw new StepError('terraform init', init.stderr || init.stdout);
    o.log(`[${name}] terraform init done (${seconds(init.ms)})`);
    providerVersions = await providerSelections(workDir, baseEnv);

    begin('terraform plan');
    const planArgs = ['plan', '-input=false', '-no-color', `-out=${planFile}`];
    if (offline) planArgs.push('-refresh=false', '-lock=false');
    else planArgs.push(lock ? `-lock-timeout=${o.lockTimeout ?? DEFAULT_LOCK_TIMEOUT}` : '-lock=false');
    if (o.detailedExitCode) planArgs.push('-detailed-exitcode');
    const p = await runTerraformAsync(planArgs, workDir, { baseEnv });
    timings.plan = p.ms;
    log.push(`$ terraform ${planArgs.join(' ')}`, p.stdout, p.stderr);
    // With -detailed-exitcode, 2 is success with changes.
    const ok = p.status === 0 || (o.detailedExitCode === true && p.status === 2);
    if (!ok) throw new StepError('terraform plan', p.stderr || p.stdout);
    if (o.detailedExitCode) planExitCode = p.status;
    o.log(`[${name}] terraform plan done (${seconds(p.ms)})`);

    begin('terraform show -json');
    const show = await runTerraformAsync(['show', '-json', '-no-color', planFile], workDir, { baseEnv });
    timings.show = show.ms;
    if (show.status !== 0) throw new StepError('terraform show', show.stderr || show.stdout);
    writeFileSync(join(outDir, 'plan.json'), show.stdout);
    plan = parsePlanJson(show.stdout, `${name} plan JSON`);
  } catch (err) {
    const message =
      err instanceof StepError
        ? `${err.step} failed:\n${err.output.trim()}`
        : String((err as Error).message ?? err);
    const hint = errorHint(message, o.mode);
    error = hint ? `${message}\n\nHint: ${hint}` : message;
    o.log(`[${name}] FAILED in ${step}`);
  } finally {
    clearInterval(heartbeat);
  }
  writeFileSync(join(outDir, 'terraform.log'), log.filter((l) => l !== '').join('\n'));
  const stackJson = join(stackDir, 'cdk.tf.json');
  const synthesized = existsSync(stackJson)
    ? (JSON.parse(readFileSync(stackJson, 'utf8')) as { terraform?: { backend?: Record<string, unknown> } })
    : undefined;
  const constructPaths = synthesized ? constructPathsFromSynth(synthesized) : {};
  writeFileSync(join(outDir, 'constructs.json'), JSON.stringify(constructPaths, null, 2) + '\n');
  const policyFile = join(stackDir, POLICY_REPORT_FILE);
  if (existsSync(policyFile)) copyFileSync(policyFile, join(outDir, POLICY_REPORT_FILE));
  const meta: StackPlanMeta = {
    stack: name,
    order: o.order,
    mode: o.mode,
    terraformVersion: plan?.terraform_version ?? o.terraformVersion,
    providerVersions,
    stateBackend: o.stateBackend,
    backend: Object.keys(synthesized?.terraform?.backend ?? {})[0],
    timings: { ...timings, total: Date.now() - start },
    error,
    ...(planExitCode !== undefined ? { planExitCode } : {}),
    ...(offline ? {} : { locked: lock }),
  };
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const summary = summaryFromMeta(meta, plan, constructPaths, {
    policy: readPolicyReportFile(join(outDir, POLICY_REPORT_FILE)),
  });
  writeFileSync(join(outDir, 'summary.md'), renderStackComment(summary));
  if (o.bundle && !meta.error) {
    writeBundle({
      outDir,
      stackDir: workDir,
      summary,
      terraformVersion: meta.terraformVersion ?? o.terraformVersion,
      providerVersions,
    });
  }
  return { meta, summary, outDir };
}

class StepError extends Error {
  constructor(
    public readonly step: string,
    public readonly output: string,
  ) {
    super(`${step} failed`);
  }
}

/** What a stack's results directory may hold besides the plan. */
export interface StackExtras {
  readonly policy?: PolicyReportFile;
  readonly cost?: ReturnType<typeof costStatus>;
}

/** The summary of a stack from its metadata and plan. */
export function summaryFromMeta(
  meta: StackPlanMeta,
  plan: TerraformPlanJson | undefined,
  constructPaths: Record<string, string>,
  extras: StackExtras = {},
): StackPlanSummary {
  return summarizePlan({
    stack: meta.stack,
    plan,
    mode: meta.mode,
    terraformVersion: meta.terraformVersion,
    providerVersions: meta.providerVersions,
    constructPaths,
    stateBackend: meta.stateBackend,
    error: meta.error,
    backend: meta.backend,
    policy: extras.policy,
    cost: extras.cost,
  });
}

/** Options of {@link readStackResult} and {@link loadResults}. */
export interface LoadOptions {
  /**
   * Whether the cost estimate was on (the Infracost key was set): stacks without `infracost.json`
   * are then "missing", else "skipped". @default - no cost line
   */
  readonly costEnabled?: boolean;
}

/** One stack's results in `dir` (meta.json and what is next to it); undefined when there is no meta.json. */
export function readStackResult(
  dir: string,
  options: LoadOptions = {},
): { meta: StackPlanMeta; summary: StackPlanSummary } | undefined {
  const metaFile = join(dir, 'meta.json');
  if (!existsSync(metaFile)) return undefined;
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as StackPlanMeta;
  const planFile = join(dir, 'plan.json');
  const plan = existsSync(planFile) ? parsePlanJson(readFileSync(planFile, 'utf8'), planFile) : undefined;
  const constructsFile = join(dir, 'constructs.json');
  const constructs = existsSync(constructsFile)
    ? (JSON.parse(readFileSync(constructsFile, 'utf8')) as Record<string, string>)
    : {};
  const cost = meta.error ? undefined : costStatus(join(dir, INFRACOST_FILE), options.costEnabled);
  const policy = readPolicyReportFile(join(dir, POLICY_REPORT_FILE));
  return { meta, summary: summaryFromMeta(meta, plan, constructs, { policy, cost }) };
}

/**
 * Reads every stack's results under `dir` (any depth: `plans/<stack>/` locally, or one directory
 * per downloaded CI artifact) and returns their summaries in stack order.
 */
export function loadResults(dir: string, options: LoadOptions = {}): StackPlanSummary[] {
  return loadStackResults(dir, options).map((f) => f.summary);
}

/** Like {@link loadResults}, with each stack's metadata. */
export function loadStackResults(
  dir: string,
  options: LoadOptions = {},
): Array<{ meta: StackPlanMeta; summary: StackPlanSummary }> {
  const found: Array<{ meta: StackPlanMeta; summary: StackPlanSummary }> = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 3) return;
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (!statSync(p).isDirectory()) continue;
      const result = readStackResult(p, options);
      if (result) found.push(result);
      else if (entry !== 'stack') walk(p, depth + 1);
    }
  };
  walk(dir, 0);
  return found.sort((a, b) => a.meta.order - b.meta.order || (a.meta.stack < b.meta.stack ? -1 : 1));
}

/** Options of {@link runPlan}. */
export interface RunPlanOptions {
  readonly repoRoot: string;
  readonly mode: PlanMode;
  /** @default '<repoRoot>/cdktf.out' */
  readonly synthDir?: string;
  /** @default '<repoRoot>/plans' */
  readonly outRoot?: string;
  /** Offline working directories. @default '<repoRoot>/.cache/plan' */
  readonly workRoot?: string;
  /** Plan only these stacks. @default - all */
  readonly stacks?: readonly string[];
  /** Synthesize first. @default true */
  readonly synth?: boolean;
  /** Stacks planned at the same time. @default 2 */
  readonly concurrency?: number;
  readonly log: (line: string) => void;
  /** Heading of the combined summary. @default 'Terraform plan' */
  readonly title?: string;
  /** The synth command. @default {@link SYNTH_APP} (the app plus policy reports) */
  readonly synthApp?: string;
  /** See {@link PlanStackOptions.lock}. @default true */
  readonly lock?: boolean;
  /** See {@link PlanStackOptions.lockTimeout}. @default {@link DEFAULT_LOCK_TIMEOUT} */
  readonly lockTimeout?: string;
  /** See {@link PlanStackOptions.detailedExitCode}. @default false */
  readonly detailedExitCode?: boolean;
  /** See {@link PlanStackOptions.bundle}. @default false */
  readonly bundle?: boolean;
}

/** Result of {@link runPlan}. */
export interface RunPlanResult {
  readonly results: readonly StackPlanResult[];
  readonly combinedFile: string;
  readonly synthMs?: number;
  readonly totalMs: number;
}

/** The whole of `npm run plan`; throws when Terraform is missing, synthesis fails or a stack name is unknown. */
export async function runPlan(o: RunPlanOptions): Promise<RunPlanResult> {
  const start = Date.now();
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(o.repoRoot, p));
  const synthDir = abs(o.synthDir ?? 'cdktf.out');
  const outRoot = abs(o.outRoot ?? 'plans');
  const workRoot = abs(o.workRoot ?? join('.cache', 'plan'));
  const version = terraformVersion();
  const problem = terraformProblem(version);
  if (problem) throw new Error(problem);

  let synthMs: number | undefined;
  if (o.synth ?? true) {
    o.log(`Synthesizing the app into ${relative(o.repoRoot, synthDir) || synthDir} ...`);
    synthMs = (await synthesize({ repoRoot: o.repoRoot, synthDir, app: o.synthApp ?? SYNTH_APP })).ms;
    o.log(`Synthesized in ${seconds(synthMs)}`);
  }
  let stacks = readManifest(synthDir);
  if (o.stacks && o.stacks.length > 0) {
    const unknown = o.stacks.filter((s) => !stacks.some((m) => m.name === s));
    if (unknown.length > 0) {
      throw new Error(
        `Unknown stack(s): ${unknown.join(', ')}. The app has: ${stacks.map((s) => s.name).join(', ')}.`,
      );
    }
    stacks = stacks.filter((s) => o.stacks?.includes(s.name));
  }
  const order = new Map(readManifest(synthDir).map((s, i) => [s.name, i]));
  const stateBackend = stateBackendOf(synthDir, readManifest(synthDir));
  o.log(`Planning ${stacks.length} stack(s): ${stacks.map((s) => s.name).join(', ')}`);

  const results: StackPlanResult[] = new Array(stacks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < stacks.length) {
      const i = next++;
      results[i] = await planStack({
        stack: stacks[i],
        order: order.get(stacks[i].name) ?? i,
        mode: o.mode,
        synthDir,
        workRoot,
        outRoot,
        terraformVersion: version as string,
        stateBackend,
        log: o.log,
        lock: o.lock,
        lockTimeout: o.lockTimeout,
        detailedExitCode: o.detailedExitCode,
        bundle: o.bundle,
      });
      o.log(`[${stacks[i].name}] finished in ${seconds(results[i].meta.timings.total)}`);
    }
  };
  const concurrency = Math.max(1, Math.min(o.concurrency ?? 2, stacks.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  mkdirSync(outRoot, { recursive: true });
  const combinedFile = join(outRoot, 'summary.md');
  writeFileSync(
    combinedFile,
    renderCombinedComment(
      results.map((r) => r.summary),
      { title: o.title },
    ),
  );
  return { results, combinedFile, synthMs, totalMs: Date.now() - start };
}

/** A plain-text table of results for the console. */
export function consoleTable(results: readonly StackPlanResult[]): string {
  const rows = [
    ['Stack', 'Status', 'Create', 'Update', 'Replace', 'Destroy', 'Drift', 'init', 'plan', 'total'],
  ];
  for (const r of results) {
    const s = r.summary;
    const t = r.meta.timings;
    const failed = s.status === 'failed';
    const n = (x: number): string => (failed ? '-' : String(x));
    rows.push([
      s.stack,
      s.status,
      n(s.counts.create),
      n(s.counts.update),
      n(s.counts.replace),
      n(s.counts.delete),
      n(s.drift.length),
      t.init === undefined ? '-' : seconds(t.init),
      t.plan === undefined ? '-' : seconds(t.plan),
      seconds(t.total),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}
