/**
 * One Terraform run over many synthesized stacks: each stack becomes a child module of a
 * generated root module, so `validate` and an offline `plan` load the AWS provider's schema once
 * and plan every stack in one process (measured: 4 stacks validate in 3.8 s instead of 4 x 4.3 s).
 *
 * In each copy the `backend` block is removed (a child module's backend has no effect), and
 * nothing calls AWS: the offline arguments (mock credentials, the provider's skip flags) are
 * merged into every AWS provider configuration. What this does not check: backend settings (the
 * backend integration test applies them against emulators).
 *
 * Provider configurations are shared: Terraform starts one provider process per configuration
 * (about 0.6 s of CPU each in a plan; measured on the modules' full stacks, 517 resources: 36 s of
 * CPU with 15 configurations, 23 s with the 2 distinct ones), so the AWS configurations of all
 * stacks are collected in the root, one per distinct configuration (the same region, default tags
 * and other arguments), and passed to each module
 * (`providers = { aws = aws.shared_0, aws.replica = aws.shared_1 }`).
 * Sharing changes nothing a resource sees: its configuration has the same arguments. A stack
 * whose provider arguments hold expressions keeps its own configurations.
 *
 * Results come back per stack: its diagnostics (a diagnostic belongs to the stack whose file its
 * range points at, `stacks/<stack>/cdk.tf.json`, its module call `stack-<stack>.tf.json` or a
 * provider file it shares, or whose module its address names) and its planned resource changes,
 * with addresses as the stack synthesized them (`aws_s3_bucket.logs`). One broken stack does not
 * hide the others: a stack with a validation error is left out of the plan, and a stack whose
 * plan fails is left out of a second plan of the rest.
 *
 * `terraform plan` runs the same validation walk as `terraform validate` before planning (the
 * local backend's "running validation operation") and reports its diagnostics, so a caller that
 * needs the plan can skip the separate `validate` run (`{ validate: false }`), which costs about
 * a third of the plan's CPU.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFLINE_PROVIDER_ARGS, offlineEnv } from './plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from './plan-json';
import { runTerraform, TerraformResult } from './terraform';

/** A position in a file, as Terraform reports it. */
export interface DiagnosticPosition {
  readonly line: number;
  readonly column: number;
}

/** A Terraform diagnostic from `-json` output (validate, or a `diagnostic` line of plan). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** The resource the diagnostic is about, when Terraform knows it (`module.x.aws_s3_bucket.b`). */
  readonly address?: string;
  readonly range?: {
    readonly filename?: string;
    readonly start?: DiagnosticPosition;
    readonly end?: DiagnosticPosition;
  };
  /** The configuration the range falls in, e.g. `resource.aws_sqs_queue.jobs`. */
  readonly snippet?: { readonly context?: string | null };
}

/**
 * What happened to one stack:
 * - `planned`: valid, and in the plan that succeeded;
 * - `invalid`: `terraform validate` found an error in it, so it was not planned (only when the
 *   separate validate runs; otherwise the plan's own validation makes it `failed`);
 * - `failed`: init failed, or its plan failed (its own diagnostics say why; a failure Terraform
 *   did not attribute to any stack is reported on every stack that was in that plan).
 */
export type StackStatus = 'planned' | 'invalid' | 'failed';

/** Provider configuration of a planned resource. */
export interface ResourceProvider {
  /** The configuration as the stack names it: `aws`, `aws.replica`. */
  readonly key: string;
  /** The configuration's `region` as Terraform planned with it, when it is a literal. */
  readonly region?: string;
}

/** The result for one stack. */
export interface StackPlan {
  readonly status: StackStatus;
  /**
   * Diagnostics for this stack, warnings included: those of the plan (whose validation walk is
   * `terraform validate`'s), or of `validate` when that left the stack out of the plan.
   */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Planned changes (managed resources and data sources), addresses relative to the stack
   * (`aws_db_instance.db`, as in its `cdk.tf.json`); empty unless `planned`.
   */
  readonly resourceChanges: readonly PlanResourceChange[];
  /** Provider configuration of each resource in `resourceChanges`, by relative address. */
  readonly providers: Readonly<Record<string, ResourceProvider>>;
}

/** What {@link combinedPlan} found. */
export interface CombinedPlanResult {
  readonly init: TerraformResult;
  /** Result of `terraform validate -json` over every stack; undefined when it did not run. */
  readonly validate?: { readonly valid: boolean; readonly diagnostics: readonly Diagnostic[] };
  /** The last `terraform plan` run (its stdout is Terraform's `-json` stream). */
  readonly plan: TerraformResult;
  /** Per stack (directory name): status, diagnostics, planned changes. */
  readonly stacks: Readonly<Record<string, StackPlan>>;
  /** Planned actions per stack (directory name): counts of create/update/delete/no-op. */
  readonly changes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Milliseconds spent in init, validate and plan (all plan runs, `show` included). */
  readonly ms: { readonly init: number; readonly validate: number; readonly plan: number };
}

/** Options of {@link combinedPlan}. */
export interface CombinedPlanOptions {
  /**
   * Run `terraform validate -json` before the plan. The plan validates the configuration in the
   * same way and reports the same diagnostics; the separate run only adds `result.validate`.
   * @default true
   */
  readonly validate?: boolean;
}

/** Terraform module names allow letters, digits, `_` and `-`, starting with a letter or `_`. */
export function moduleName(stack: string): string {
  return /^[A-Za-z_]/.test(stack) ? stack : `s_${stack}`;
}

/** File of the root module that holds a stack's module call. */
export function moduleCallFile(stack: string): string {
  return `stack-${stack}.tf.json`;
}

/**
 * The stacks a diagnostic belongs to: the one whose directory its range names
 * (`stacks/<stack>/...`), else those that own the root file it names (`rootFiles`: a module call,
 * a shared provider configuration), else the one whose module its address names; none when
 * nothing names a stack.
 */
export function stacksOfDiagnostic(
  d: Diagnostic,
  stacks: readonly string[],
  rootFiles: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const file = d.range?.filename ?? '';
  const dir = /^stacks[/\\]([^/\\]+)[/\\]/.exec(file)?.[1];
  if (dir !== undefined && stacks.includes(dir)) return [dir];
  const owners = (rootFiles[file] ?? []).filter((s) => stacks.includes(s));
  if (owners.length > 0) return owners;
  const mod = /^module\.([^.[]+)/.exec(d.address ?? '')?.[1];
  return mod === undefined ? [] : stacks.filter((s) => moduleName(s) === mod);
}

/** One diagnostic as text: severity, summary, where (file:line:column, configuration block), detail. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [
    d.range?.filename &&
      [d.range.filename, d.range.start?.line, d.range.start?.column].filter((p) => p !== undefined).join(':'),
    d.snippet?.context,
    d.address,
  ].filter(Boolean);
  return [
    `${d.severity}: ${d.summary}${where.length > 0 ? ` (${where.join(', ')})` : ''}`,
    ...(d.detail ? [d.detail] : []),
  ].join('\n');
}

/** The diagnostics of a `-json` stream of `terraform plan` (one JSON object per line). */
export function planDiagnostics(stdout: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
    if (message.type === 'diagnostic' && message.diagnostic) diagnostics.push(message.diagnostic);
  }
  return diagnostics;
}

type JsonObject = Record<string, unknown>;

/** The parts of a synthesized stack that become a child module. */
export interface StackJson {
  terraform?: { backend?: unknown; required_providers?: Record<string, JsonObject> } & JsonObject;
  provider?: Record<string, JsonObject[] | JsonObject>;
  resource?: Record<string, Record<string, JsonObject>>;
  data?: Record<string, Record<string, JsonObject>>;
  [section: string]: unknown;
}

/** A synthesized stack made into a child module of the combined root. */
export interface ChildModule {
  /** The stack's configuration as a child module. */
  readonly json: StackJson;
  /**
   * The AWS provider configurations the root passes in, by the name the stack uses (`aws`,
   * `aws.replica`), without `alias`; empty when the stack keeps its own configurations.
   */
  readonly sharedProviders: Readonly<Record<string, JsonObject>>;
  /** The provider configuration each resource and data source names, by address. */
  readonly providerKeys: Readonly<Record<string, string>>;
}

/**
 * Makes a synthesized stack a child module: no backend; its AWS provider configurations moved
 * out to be shared (the module declares the aliases it expects in `configuration_aliases`), or,
 * when one of them holds an expression the root could not evaluate, kept with the offline
 * arguments merged in. Does not modify `stack`.
 */
export function childModule(stack: StackJson): ChildModule {
  const json = JSON.parse(JSON.stringify(stack)) as StackJson;
  if (json.terraform) delete json.terraform.backend;
  const providerKeys: Record<string, string> = {};
  for (const [section, prefix] of [
    ['resource', ''],
    ['data', 'data.'],
  ] as const) {
    for (const [type, byName] of Object.entries(json[section] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        // Without a `provider` argument, a resource uses the default configuration of the
        // provider its type names (`aws_s3_bucket`: aws; `terraform_data`: terraform).
        providerKeys[`${prefix}${type}.${name}`] =
          typeof body.provider === 'string' ? body.provider : type.split('_')[0];
      }
    }
  }
  const raw = json.provider?.aws;
  if (raw === undefined || !json.provider) return { json, sharedProviders: {}, providerKeys };
  const configs = Array.isArray(raw) ? raw : [raw];
  if (JSON.stringify(configs).includes('${')) {
    json.provider.aws = configs.map((p) => ({ ...p, ...OFFLINE_PROVIDER_ARGS }));
    return { json, sharedProviders: {}, providerKeys };
  }
  const sharedProviders: Record<string, JsonObject> = {};
  for (const { alias, ...config } of configs) {
    sharedProviders[typeof alias === 'string' ? `aws.${alias}` : 'aws'] = config;
  }
  delete json.provider.aws;
  if (Object.keys(json.provider).length === 0) delete json.provider;
  const aliases = Object.keys(sharedProviders).filter((k) => k !== 'aws');
  if (aliases.length > 0) {
    json.terraform ??= {};
    json.terraform.required_providers ??= {};
    json.terraform.required_providers.aws = {
      source: 'hashicorp/aws',
      ...json.terraform.required_providers.aws,
      configuration_aliases: aliases,
    };
  }
  return { json, sharedProviders, providerKeys };
}

/** JSON with object keys sorted at every level: equal for equal configurations. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The parts of `terraform show -json`'s configuration read to find each resource's provider. */
interface PlanConfiguration {
  readonly provider_config?: Record<
    string,
    {
      readonly name: string;
      readonly expressions?: { readonly region?: { readonly constant_value?: unknown } };
    }
  >;
  readonly root_module?: {
    readonly module_calls?: Record<
      string,
      {
        readonly module?: {
          readonly resources?: readonly { address: string; provider_config_key?: string }[];
        };
      }
    >;
  };
}

/**
 * Splits a combined plan by stack: each managed or data change of a child module, its address
 * made relative to the stack, with the provider configuration it is planned with: named as the
 * stack names it (from `providerKeys`, by stack then address; else the key Terraform gives, less
 * its module), with the region of the configuration Terraform used.
 */
export function splitPlan(
  doc: TerraformPlanJson & { readonly configuration?: PlanConfiguration },
  stacks: readonly string[],
  providerKeys: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): Record<string, Pick<StackPlan, 'resourceChanges' | 'providers'>> {
  const out: Record<
    string,
    { resourceChanges: PlanResourceChange[]; providers: Record<string, ResourceProvider> }
  > = {};
  for (const stack of stacks) out[stack] = { resourceChanges: [], providers: {} };
  const byModule = new Map(stacks.map((s) => [moduleName(s), s]));
  for (const rc of doc.resource_changes ?? []) {
    const mod = /^module\.([^.[]+)$/.exec(rc.module_address ?? '')?.[1];
    const stack = mod === undefined ? undefined : byModule.get(mod);
    if (stack === undefined) continue;
    out[stack].resourceChanges.push({ ...rc, address: rc.address.slice(`module.${mod}.`.length) });
  }
  const providerConfig = doc.configuration?.provider_config ?? {};
  for (const [mod, call] of Object.entries(doc.configuration?.root_module?.module_calls ?? {})) {
    const stack = byModule.get(mod);
    if (stack === undefined) continue;
    for (const r of call.module?.resources ?? []) {
      if (!r.provider_config_key) continue;
      const region = providerConfig[r.provider_config_key]?.expressions?.region?.constant_value;
      out[stack].providers[r.address] = {
        key: providerKeys[stack]?.[r.address] ?? r.provider_config_key.replace(/^[^:]*:/, ''),
        ...(typeof region === 'string' ? { region } : {}),
      };
    }
  }
  return out;
}

/** Files this module writes in the root of the working directory. */
const ROOT_FILE = /^(main|stack-.+|provider-shared-\d+)\.tf\.json$/;

/**
 * Copies `stacks` (names of directories under `stacksDir`, each a synthesized stack) into
 * `workDir` as child modules of one root, then runs `init`, `validate -json` (unless
 * `options.validate` is false) and `plan -refresh=false` there, offline, and reads the plan back
 * per stack.
 */
export function combinedPlan(
  stacksDir: string,
  stacks: readonly string[],
  workDir: string,
  options: CombinedPlanOptions = {},
): CombinedPlanResult {
  mkdirSync(workDir, { recursive: true });
  const shared: string[] = []; // canonical JSON of each shared configuration, by index
  const moduleProviders: Record<string, Record<string, string>> = {};
  const providerKeys: Record<string, Readonly<Record<string, string>>> = {};
  for (const stack of stacks) {
    const dir = join(workDir, 'stacks', stack);
    cpSync(join(stacksDir, stack), dir, {
      recursive: true,
      filter: (src) => !/[/\\](\.terraform|plan)$/.test(src) && !/\.tfstate(\.backup)?$/.test(src),
    });
    const file = join(dir, 'cdk.tf.json');
    const child = childModule(JSON.parse(readFileSync(file, 'utf8')) as StackJson);
    // Indented, so the line of a diagnostic points at one block.
    writeFileSync(file, JSON.stringify(child.json, null, 2));
    providerKeys[stack] = child.providerKeys;
    moduleProviders[stack] = {};
    for (const [key, config] of Object.entries(child.sharedProviders)) {
      const text = canonical(config);
      if (!shared.includes(text)) shared.push(text);
      moduleProviders[stack][key] = `aws.shared_${shared.indexOf(text)}`;
    }
  }

  /** Owners of the root files: each stack its module call, each shared configuration its users. */
  const rootFiles: Record<string, string[]> = {};
  const writeRoot = (included: readonly string[]): void => {
    for (const f of readdirSync(workDir)) if (ROOT_FILE.test(f)) rmSync(join(workDir, f));
    const used = new Map<string, string[]>();
    for (const stack of included) {
      const providers = moduleProviders[stack];
      const call = {
        source: `./stacks/${stack}`,
        ...(Object.keys(providers).length > 0 ? { providers } : {}),
      };
      writeFileSync(
        join(workDir, moduleCallFile(stack)),
        JSON.stringify({ module: { [moduleName(stack)]: call } }, null, 2),
      );
      rootFiles[moduleCallFile(stack)] = [stack];
      for (const alias of new Set(Object.values(providers)))
        used.set(alias, [...(used.get(alias) ?? []), stack]);
    }
    if (used.size === 0) return;
    writeFileSync(
      join(workDir, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } } }, null, 2),
    );
    for (const [alias, users] of used) {
      const index = alias.slice('aws.shared_'.length);
      const config = { ...(JSON.parse(shared[Number(index)]) as JsonObject), ...OFFLINE_PROVIDER_ARGS };
      const file = `provider-shared-${index}.tf.json`;
      writeFileSync(
        join(workDir, file),
        JSON.stringify({ provider: { aws: [{ alias: `shared_${index}`, ...config }] } }, null, 2),
      );
      rootFiles[file] = users;
    }
  };
  writeRoot(stacks);

  const env = offlineEnv();
  const results: Record<string, StackPlan> = {};
  const fail = (stack: string, status: StackStatus, diagnostics: readonly Diagnostic[]): void => {
    results[stack] = { status, diagnostics, resourceChanges: [], providers: {} };
  };
  const init = runTerraform(['init', '-input=false', '-no-color'], workDir, env);
  if (init.status !== 0) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      summary: 'terraform init failed',
      detail: init.stderr || init.stdout,
    };
    for (const stack of stacks) fail(stack, 'failed', [diagnostic]);
    return { init, plan: init, stacks: results, changes: {}, ms: { init: init.ms, validate: 0, plan: 0 } };
  }

  let remaining: readonly string[] = stacks;
  let validate: CombinedPlanResult['validate'];
  let validateMs = 0;
  if (options.validate ?? true) {
    const run = runTerraform(['validate', '-json', '-no-color'], workDir, env);
    validateMs = run.ms;
    const parsed = JSON.parse(run.stdout || '{"valid":false,"diagnostics":[]}') as {
      valid: boolean;
      diagnostics: Diagnostic[];
    };
    validate = { valid: parsed.valid, diagnostics: parsed.diagnostics };
    const byStack = attribute(validate.diagnostics, stacks, rootFiles);
    remaining = stacks.filter((s) => {
      if (!byStack.own[s].some((d) => d.severity === 'error')) return true;
      fail(s, 'invalid', [...byStack.own[s], ...byStack.shared]);
      return false;
    });
  }

  let plan: TerraformResult = init;
  let planMs = 0;
  let planned: readonly string[] = [];
  let planDiags: ReturnType<typeof attribute> = { own: {}, shared: [] };
  while (remaining.length > 0) {
    writeRoot(remaining);
    plan = runTerraform(
      ['plan', '-json', '-refresh=false', '-lock=false', '-input=false', '-parallelism=20', '-out=tfplan'],
      workDir,
      env,
    );
    planMs += plan.ms;
    planDiags = attribute(planDiagnostics(plan.stdout), remaining, rootFiles);
    if (plan.status === 0) {
      planned = remaining;
      break;
    }
    const broken = remaining.filter((s) => planDiags.own[s].some((d) => d.severity === 'error'));
    // A failure that names no stack is every stack's failure: nothing is left to plan.
    const failedNow = broken.length > 0 ? broken : remaining;
    const anyError = [...Object.values(planDiags.own).flat(), ...planDiags.shared].some(
      (d) => d.severity === 'error',
    );
    const unexplained: Diagnostic[] = anyError
      ? []
      : [
          {
            severity: 'error',
            summary: `terraform plan exited ${plan.status}`,
            detail: plan.stderr || plan.stdout.split('\n').slice(-20).join('\n'),
          },
        ];
    for (const s of failedNow) fail(s, 'failed', [...planDiags.own[s], ...planDiags.shared, ...unexplained]);
    remaining = remaining.filter((s) => !failedNow.includes(s));
  }

  const changes: Record<string, Record<string, number>> = {};
  if (planned.length > 0) {
    const show = runTerraform(['show', '-json', 'tfplan'], workDir, env);
    planMs += show.ms;
    const split = splitPlan(JSON.parse(show.stdout) as TerraformPlanJson, planned, providerKeys);
    for (const stack of planned) {
      results[stack] = {
        status: 'planned',
        diagnostics: [...planDiags.own[stack], ...planDiags.shared],
        ...split[stack],
      };
      for (const rc of split[stack].resourceChanges) {
        if (rc.mode !== 'managed') continue;
        const action = rc.change.actions.join('-');
        changes[stack] ??= {};
        changes[stack][action] = (changes[stack][action] ?? 0) + 1;
      }
    }
  }
  return {
    init,
    ...(validate ? { validate } : {}),
    plan,
    stacks: results,
    changes,
    ms: { init: init.ms, validate: validateMs, plan: planMs },
  };
}

/** Diagnostics by the stacks they belong to, and those that belong to none (`shared`). */
function attribute(
  diagnostics: readonly Diagnostic[],
  stacks: readonly string[],
  rootFiles: Readonly<Record<string, readonly string[]>>,
): { own: Record<string, Diagnostic[]>; shared: Diagnostic[] } {
  const own: Record<string, Diagnostic[]> = Object.fromEntries(stacks.map((s) => [s, []]));
  const shared: Diagnostic[] = [];
  for (const d of diagnostics) {
    const owners = stacksOfDiagnostic(d, stacks, rootFiles);
    if (owners.length === 0) shared.push(d);
    for (const s of owners) own[s].push(d);
  }
  return { own, shared };
}
