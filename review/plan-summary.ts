/**
 * Turns `terraform show -json` plans into a Markdown pull-request comment: one section per stack,
 * and one comment for all stacks together.
 *
 * What a reviewer sees, top to bottom (after hashicorp/terraform-cdk-action, tfcmt, tf-summarize and
 * Atlantis):
 *
 * 1. a hidden marker (`<!-- mlmon-plan-summary -->`), so CI finds and updates its one comment;
 * 2. a status line per stack, and the Terraform and provider versions;
 * 3. destructive changes (destroy or replace) to stateful resources, flagged first: S3 buckets,
 *    DynamoDB tables, EBS volumes, log groups, ... and the Terraform state backend itself;
 * 4. counts of creates, in-place updates, replacements and destroys (each resource counted once;
 *    Terraform's own "Plan: N to add, ..." line, which counts a replacement as an add and a destroy,
 *    is quoted too);
 * 5. the resources per action, grouped by module (a Terraform module, or for CDKTF the top-level
 *    construct under the stack, e.g. `network`);
 * 6. changes made outside Terraform (`resource_drift`), apart from the planned ones;
 * 7. output changes; and the full attribute diff in a collapsed block.
 *
 * Sensitive values never reach the Markdown: every value goes through {@link flattenValue}, which
 * masks what `before_sensitive`/`after_sensitive` mark.
 *
 * The module is pure: plan JSON and metadata in, data and Markdown out.
 */
import { attributeDiff, DiffLine, SENSITIVE, sensitiveStrings, UNKNOWN } from './plan-diff';
import { changeKind, ChangeKind, PlanChange, PlanResourceChange, TerraformPlanJson } from './plan-json';

/** The hidden marker that identifies the combined plan comment on a pull request. */
export const PLAN_COMMENT_MARKER = '<!-- mlmon-plan-summary -->';

/** GitHub rejects comments longer than 65,536 characters; the combined comment stays below this. */
export const DEFAULT_MAX_COMMENT_CHARS = 60_000;

/**
 * Resource types whose destruction loses data or history, with a label for the comment. Destroying
 * or replacing one of these is flagged at the top of the summary.
 */
export const STATEFUL_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'S3 bucket',
  aws_dynamodb_table: 'DynamoDB table',
  aws_ebs_volume: 'EBS volume',
  aws_cloudwatch_log_group: 'CloudWatch log group',
  aws_kms_key: 'KMS key',
  aws_db_instance: 'RDS instance',
  aws_rds_cluster: 'RDS cluster',
  aws_efs_file_system: 'EFS file system',
  aws_secretsmanager_secret: 'Secrets Manager secret',
};

/** How the plan was made. */
export type PlanMode = 'offline' | 'online';

/** The Terraform state backend, so that changes to it are called out as such. */
export interface StateBackendRef {
  /** State bucket name. */
  readonly bucket?: string;
  /** DynamoDB lock table name. */
  readonly lockTable?: string;
}

/** One stack's plan and what is known about how it was made. */
export interface StackPlanInput {
  /** Stack name, e.g. `mlmon-dev`. */
  readonly stack: string;
  /** The plan; undefined when planning failed before a plan existed (see `error`). */
  readonly plan?: TerraformPlanJson;
  /** Terraform version. @default - `plan.terraform_version` */
  readonly terraformVersion?: string;
  /**
   * Provider versions by source address, as `terraform version -json` reports them
   * (`registry.terraform.io/hashicorp/aws` -> `5.100.0`). @default - the version constraints in the plan
   */
  readonly providerVersions?: Readonly<Record<string, string>>;
  /** How the plan was made; an offline plan is labelled as such. @default 'online' */
  readonly mode?: PlanMode;
  /**
   * CDKTF construct path of each resource address (see {@link constructPathsFromSynth}), used to
   * group resources by construct and to show readable names. @default - group by Terraform module only
   */
  readonly constructPaths?: Readonly<Record<string, string>>;
  /** The state backend, so destroying it is flagged as such. @default - not detected */
  readonly stateBackend?: StateBackendRef;
  /** Why planning failed (e.g. Terraform's error output). @default - it did not fail */
  readonly error?: string;
  /** Backend type of the stack (`s3`, `local`, ...), to say what an online plan compared with. @default - not stated */
  readonly backend?: string;
}

/** A resource in the summary. */
export interface ResourceEntry {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** Module (Terraform module address or top-level construct id); '' for the root module. */
  readonly module: string;
  /** Construct path below the stack, when known. */
  readonly constructPath?: string;
  /** Why Terraform plans this action, in words; undefined when it gave no reason. */
  readonly reason?: string;
  /** Attribute paths that force a replacement. */
  readonly replaceAttributes: readonly string[];
  /** Address before a `moved` block renamed it. */
  readonly movedFrom?: string;
  /** Import id, when the change imports an existing object. */
  readonly importId?: string;
  /** The attribute diff. */
  readonly diff: readonly DiffLine[];
  /** Unchanged attributes not listed in `diff`. */
  readonly unchanged: number;
}

/** A destroy or replacement of a stateful resource. */
export interface DestructiveChange {
  readonly address: string;
  readonly kind: 'delete' | 'replace';
  /** What the resource is, e.g. "S3 bucket" or "Terraform state bucket". */
  readonly label: string;
  /** Physical name, when the plan knows it (bucket, table or volume name). */
  readonly name?: string;
  /** The resource is the Terraform state backend. */
  readonly stateBackend: boolean;
  readonly reason?: string;
  readonly replaceAttributes: readonly string[];
}

/** Counts of planned changes; each resource counted once. */
export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly import: number;
  readonly move: number;
  readonly forget: number;
}

/** An output change. */
export interface OutputEntry {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly sensitive: boolean;
  readonly diff: readonly DiffLine[];
}

/** Overall status of one stack's plan. */
export type PlanStatus = 'failed' | 'destructive' | 'changes' | 'drift-only' | 'no-changes';

/** The summary of one stack's plan, ready to render. */
export interface StackPlanSummary {
  readonly stack: string;
  readonly status: PlanStatus;
  readonly mode: PlanMode;
  readonly backend?: string;
  readonly terraformVersion?: string;
  /** Provider source (short form, e.g. `hashicorp/aws`) -> version or constraint. */
  readonly providers: Readonly<Record<string, string>>;
  readonly counts: ChangeCounts;
  /** Terraform's own summary line, e.g. "Plan: 3 to add, 1 to change, 1 to destroy." */
  readonly terraformLine: string;
  /** Planned changes (no-ops and data-source reads left out). */
  readonly resources: readonly ResourceEntry[];
  readonly destructive: readonly DestructiveChange[];
  /** Changes made outside Terraform, found by refresh. */
  readonly drift: readonly ResourceEntry[];
  readonly outputs: readonly OutputEntry[];
  /** Data sources read during apply (their inputs are not known yet). */
  readonly deferredReads: number;
  readonly error?: string;
  /** Terraform could not plan everything (`complete: false`, e.g. deferred actions). */
  readonly incomplete: boolean;
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_because_cannot_update: 'an attribute that cannot be updated in place changed',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by changed',
  delete_because_no_resource_config: 'the resource was removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is no longer in the map',
  delete_because_no_move_target: 'the moved block points to no resource',
};

/** Maps each resource address of a synthesized CDKTF stack (`cdk.tf.json`) to its construct path below the stack. */
export function constructPathsFromSynth(stackJson: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const doc = stackJson as { resource?: unknown; data?: unknown } | null;
  if (doc === null || typeof doc !== 'object') return out;
  for (const [block, prefix] of [
    [doc.resource, ''],
    [doc.data, 'data.'],
  ] as const) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [type, byName] of Object.entries(block as Record<string, unknown>)) {
      if (typeof byName !== 'object' || byName === null) continue;
      for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
        const path = (body as { '//'?: { metadata?: { path?: unknown } } })?.['//']?.metadata?.path;
        if (typeof path === 'string') out[`${prefix}${type}.${name}`] = path.split('/').slice(1).join('/');
      }
    }
  }
  return out;
}

/** The address without an instance key: `aws_instance.web[0]` -> `aws_instance.web`. */
function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

function moduleOf(rc: PlanResourceChange, constructPath: string | undefined): string {
  if (rc.module_address) return rc.module_address;
  if (constructPath && constructPath.includes('/')) return constructPath.split('/')[0];
  return '';
}

function entryOf(
  rc: PlanResourceChange,
  constructPaths: Readonly<Record<string, string>>,
  secrets: readonly string[],
): ResourceEntry {
  const kind = changeKind(rc.change.actions);
  const constructPath = constructPaths[rc.address] ?? constructPaths[baseAddress(rc.address)];
  const diff = attributeDiff(rc.change, secrets);
  return {
    address: rc.deposed ? `${rc.address} (deposed object ${rc.deposed})` : rc.address,
    type: rc.type,
    kind,
    module: moduleOf(rc, constructPath),
    constructPath,
    reason: rc.action_reason ? (REASONS[rc.action_reason] ?? rc.action_reason) : undefined,
    replaceAttributes: diff.lines.filter((l) => l.forcesReplacement).map((l) => l.path),
    movedFrom: rc.previous_address,
    importId: rc.change.importing ? (rc.change.importing.id ?? '') : undefined,
    diff: diff.lines,
    unchanged: diff.unchanged,
  };
}

function physicalName(rc: PlanResourceChange, secrets: readonly string[]): string | undefined {
  const before = rc.change.before as Record<string, unknown> | null | undefined;
  if (!before || typeof before !== 'object') return undefined;
  const sensitive = rc.change.before_sensitive;
  for (const attr of ['bucket', 'name', 'id']) {
    const value = before[attr];
    if (typeof value !== 'string') continue;
    if (
      sensitive === true ||
      (typeof sensitive === 'object' && sensitive !== null && (sensitive as Record<string, unknown>)[attr])
    ) {
      return undefined;
    }
    return secrets.some((secret) => value.includes(secret)) ? undefined : value;
  }
  return undefined;
}

function destructiveOf(
  rc: PlanResourceChange,
  entry: ResourceEntry,
  backend: StateBackendRef | undefined,
  secrets: readonly string[],
): DestructiveChange | undefined {
  if (entry.kind !== 'delete' && entry.kind !== 'replace') return undefined;
  const label = STATEFUL_RESOURCE_TYPES[rc.type];
  const name = physicalName(rc, secrets);
  const isStateBucket =
    rc.type === 'aws_s3_bucket' && backend?.bucket !== undefined && name === backend.bucket;
  const isLockTable =
    rc.type === 'aws_dynamodb_table' && backend?.lockTable !== undefined && name === backend.lockTable;
  if (!label && !isStateBucket && !isLockTable) return undefined;
  return {
    address: entry.address,
    kind: entry.kind,
    label: isStateBucket
      ? 'Terraform state bucket'
      : isLockTable
        ? 'Terraform state lock table'
        : (label as string),
    name,
    stateBackend: isStateBucket || isLockTable,
    reason: entry.reason,
    replaceAttributes: entry.replaceAttributes,
  };
}

/** Short provider source: `registry.terraform.io/hashicorp/aws` -> `hashicorp/aws`. */
function shortSource(source: string): string {
  return source.replace(/^registry\.terraform\.io\//, '');
}

function providersOf(input: StackPlanInput): Record<string, string> {
  if (input.providerVersions && Object.keys(input.providerVersions).length > 0) {
    return Object.fromEntries(
      Object.entries(input.providerVersions)
        .map(([source, version]) => [shortSource(source), version] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
  const out: Record<string, string> = {};
  for (const config of Object.values(input.plan?.configuration?.provider_config ?? {})) {
    const source = shortSource(config.full_name ?? config.name);
    if (config.version_constraint && !out[source]) out[source] = config.version_constraint;
  }
  return out;
}

/** Terraform's own summary line for these counts. */
export function terraformPlanLine(counts: ChangeCounts): string {
  const parts: string[] = [];
  if (counts.import > 0) parts.push(`${counts.import} to import`);
  parts.push(
    `${counts.create + counts.replace} to add`,
    `${counts.update} to change`,
    `${counts.delete + counts.replace} to destroy`,
  );
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  return `Plan: ${parts.join(', ')}.`;
}

/**
 * Every value the plan marks sensitive anywhere: in resource changes and drift, sensitive outputs,
 * and sensitive input variables. Longest first, so that masking finds the longest match.
 */
export function planSecrets(plan: TerraformPlanJson | undefined): string[] {
  const found = new Set<string>();
  if (!plan) return [];
  for (const rc of [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])]) {
    sensitiveStrings(rc.change.before, rc.change.before_sensitive, found);
    sensitiveStrings(rc.change.after, rc.change.after_sensitive, found);
  }
  for (const change of Object.values(plan.output_changes ?? {})) {
    sensitiveStrings(change.before, change.before_sensitive, found);
    sensitiveStrings(change.after, change.after_sensitive, found);
  }
  const declared = plan.configuration?.root_module?.variables ?? {};
  for (const [name, v] of Object.entries(plan.variables ?? {})) {
    if (declared[name]?.sensitive) sensitiveStrings(v.value, true, found);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Summarizes one stack's plan. */
export function summarizePlan(input: StackPlanInput): StackPlanSummary {
  const plan = input.plan;
  const constructPaths = input.constructPaths ?? {};
  const secrets = planSecrets(plan);
  const resources: ResourceEntry[] = [];
  const destructive: DestructiveChange[] = [];
  let deferredReads = 0;
  let moves = 0;
  for (const rc of plan?.resource_changes ?? []) {
    if (rc.mode === 'data') {
      if (changeKind(rc.change.actions) === 'read') deferredReads++;
      continue;
    }
    const entry = entryOf(rc, constructPaths, secrets);
    if (entry.movedFrom) moves++;
    if (entry.kind === 'no-op' && !entry.movedFrom && entry.importId === undefined) continue;
    if (entry.kind === 'read') continue;
    resources.push(entry);
    const d = destructiveOf(rc, entry, input.stateBackend, secrets);
    if (d) destructive.push(d);
  }
  const count = (k: ChangeKind): number => resources.filter((r) => r.kind === k).length;
  const counts: ChangeCounts = {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
    import: resources.filter((r) => r.importId !== undefined).length,
    move: moves,
    forget: count('forget'),
  };
  const drift = (plan?.resource_drift ?? [])
    .filter((rc) => rc.mode !== 'data')
    .map((rc) => entryOf(rc, constructPaths, secrets))
    .filter((e) => e.kind !== 'no-op' || e.diff.length > 0);
  const outputs: OutputEntry[] = Object.entries(plan?.output_changes ?? {})
    .map(([name, change]) => outputEntry(name, change, secrets))
    .filter((o) => o.kind !== 'no-op')
    .sort((a, b) => (a.name < b.name ? -1 : 1));

  const error = input.error ?? (plan?.errored ? 'Terraform reported errors while planning.' : undefined);
  const anyChange = resources.some((r) => r.kind !== 'no-op') || counts.move > 0 || counts.import > 0;
  const status: PlanStatus = error
    ? 'failed'
    : destructive.length > 0
      ? 'destructive'
      : anyChange || outputs.length > 0
        ? 'changes'
        : drift.length > 0
          ? 'drift-only'
          : 'no-changes';
  return {
    stack: input.stack,
    status,
    mode: input.mode ?? 'online',
    backend: input.backend,
    terraformVersion: input.terraformVersion ?? plan?.terraform_version,
    providers: providersOf(input),
    counts,
    terraformLine: terraformPlanLine(counts),
    resources,
    destructive,
    drift,
    outputs,
    deferredReads,
    error,
    incomplete: plan?.complete === false,
  };
}

function outputEntry(name: string, change: PlanChange, secrets: readonly string[]): OutputEntry {
  const sensitive = change.before_sensitive === true || change.after_sensitive === true;
  // Wrap the values so that a scalar output still has a leaf path (its name).
  const wrap = (v: unknown): unknown => (v === undefined ? undefined : { [name]: v });
  const diff = attributeDiff(
    {
      actions: change.actions,
      before: wrap(change.before),
      after: wrap(change.after),
      after_unknown: change.after_unknown === undefined ? undefined : { [name]: change.after_unknown },
      before_sensitive:
        change.before_sensitive === undefined ? undefined : { [name]: change.before_sensitive },
      after_sensitive: change.after_sensitive === undefined ? undefined : { [name]: change.after_sensitive },
    },
    secrets,
  );
  return { name, kind: changeKind(change.actions), sensitive, diff: diff.lines };
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Rendering options. */
export interface RenderOptions {
  /**
   * Characters of the full diff kept per stack; the rest is cut at a line boundary with a note.
   * @default Infinity
   */
  readonly diffBudget?: number;
  /** Resources listed per action table before "... and N more". @default Infinity */
  readonly listLimit?: number;
  /** Name of the CI artifact that holds the full plans, for truncation notes. @default - no artifact hint */
  readonly artifactHint?: string;
}

const KIND_WORDS: Readonly<Record<ChangeKind, { icon: string; title: string; verb: string }>> = {
  create: { icon: '🟢', title: 'Create', verb: 'created' },
  update: { icon: '🟡', title: 'Update in place', verb: 'updated in place' },
  replace: { icon: '🟠', title: 'Replace', verb: 'replaced' },
  delete: { icon: '🔴', title: 'Destroy', verb: 'destroyed' },
  forget: { icon: '⚪', title: 'Forget (removed from state, not destroyed)', verb: 'forgotten' },
  read: { icon: '🔵', title: 'Read', verb: 'read' },
  'no-op': { icon: '⚪', title: 'Move or import only', verb: 'unchanged' },
};

const STATUS_WORDS: Readonly<Record<PlanStatus, { icon: string; text: string }>> = {
  failed: { icon: '❌', text: 'Plan failed' },
  destructive: { icon: '🛑', text: 'Destroys or replaces stateful resources' },
  changes: { icon: '📝', text: 'Changes' },
  'drift-only': { icon: '⚠️', text: 'No planned changes, but resources changed outside Terraform' },
  'no-changes': { icon: '✅', text: 'No changes' },
};

/** Inline code that survives backticks in the content. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Escapes text for a Markdown table cell or HTML summary. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function statusLine(s: StackPlanSummary): string {
  const w = STATUS_WORDS[s.status];
  switch (s.status) {
    case 'failed':
      return `${w.icon} **${w.text}**`;
    case 'no-changes':
      return `${w.icon} **No changes.** The infrastructure matches the configuration.`;
    case 'drift-only':
      return `${w.icon} **No planned changes**, but ${s.drift.length} resource(s) changed outside Terraform (see below).`;
    default: {
      const destructive =
        s.destructive.length > 0
          ? ` 🛑 **${s.destructive.length} destructive change(s) to stateful resources.**`
          : '';
      return `${w.icon} **${s.terraformLine}**${destructive}`;
    }
  }
}

function versionsLine(s: StackPlanSummary): string {
  const parts = [`Terraform ${code(s.terraformVersion ?? 'unknown')}`];
  for (const [source, version] of Object.entries(s.providers)) parts.push(`${code(source)} ${code(version)}`);
  const mode =
    s.mode === 'offline'
      ? 'offline plan: mock credentials and empty local state, so it lists everything the configuration creates, not the difference from what is deployed'
      : s.backend === 'local'
        ? 'plan with real credentials against local state: this stack keeps its state in a local file, so where that file is missing (CI) the plan starts from empty state'
        : `plan against the real state backend${s.backend ? ` (${s.backend})` : ''}`;
  return `${parts.join(' · ')} · ${mode}`;
}

function destructiveBlock(items: ReadonlyArray<DestructiveChange & { stack?: string }>): string {
  const lines = [
    '> [!CAUTION]',
    `> **${items.length} destructive change(s) to stateful resources.** Data in them is lost unless it is backed up elsewhere.`,
    '>',
  ];
  for (const d of items) {
    const what = d.kind === 'delete' ? '**destroyed**' : '**replaced** (destroyed and created again)';
    const name = d.name ? ` ${code(d.name)}` : '';
    const stack = d.stack ? `${code(d.stack)}: ` : '';
    const why =
      d.replaceAttributes.length > 0
        ? `; forced by ${d.replaceAttributes.map((p) => code(p)).join(', ')}`
        : d.reason
          ? `; ${d.reason}`
          : '';
    const backend = d.stateBackend ? ' ⚠️ **This is the Terraform state backend.**' : '';
    lines.push(`> - ${stack}${d.label}${name} (${code(d.address)}) will be ${what}${why}.${backend}`);
  }
  return lines.join('\n');
}

function countsTable(s: StackPlanSummary): string {
  const c = s.counts;
  const header = ['Create', 'Update in place', 'Replace', 'Destroy'];
  const row = [c.create, c.update, c.replace, c.delete];
  if (c.import > 0) {
    header.push('Import');
    row.push(c.import);
  }
  if (c.move > 0) {
    header.push('Move');
    row.push(c.move);
  }
  if (c.forget > 0) {
    header.push('Forget');
    row.push(c.forget);
  }
  header.push('Changed outside Terraform');
  row.push(s.drift.length);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---:').join('|')}|`,
    `| ${row.join(' | ')} |`,
  ].join('\n');
}

function resourceName(r: ResourceEntry): string {
  return r.constructPath ? `${code(r.constructPath)}` : '';
}

function resourceNote(r: ResourceEntry): string {
  const notes: string[] = [];
  if (r.replaceAttributes.length > 0)
    notes.push(`forced by ${r.replaceAttributes.map((p) => code(p)).join(', ')}`);
  else if (r.reason) notes.push(cell(r.reason));
  if (r.movedFrom) notes.push(`moved from ${code(r.movedFrom)}`);
  if (r.importId !== undefined) notes.push(`imported${r.importId ? ` (id ${code(r.importId)})` : ''}`);
  return notes.join('; ');
}

function groupsOf(resources: readonly ResourceEntry[]): Array<[string, ResourceEntry[]]> {
  const groups = new Map<string, ResourceEntry[]>();
  for (const r of resources) {
    const list = groups.get(r.module) ?? [];
    list.push(r);
    groups.set(r.module, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1));
}

/** A Terraform module (`module.x`), a CDKTF construct below the stack, or the root module. */
function groupLabel(module: string): string {
  if (module === '') return 'root module';
  return module.startsWith('module.') ? `module ${code(module)}` : `construct ${code(module)}`;
}

const KIND_ORDER: readonly ChangeKind[] = ['delete', 'replace', 'update', 'create', 'forget', 'no-op'];

function resourceTables(resources: readonly ResourceEntry[], listLimit: number): string {
  const out: string[] = [];
  for (const kind of KIND_ORDER) {
    const ofKind = resources.filter((r) => r.kind === kind);
    if (ofKind.length === 0) continue;
    const w = KIND_WORDS[kind];
    out.push(`#### ${w.icon} ${w.title} (${ofKind.length})`, '');
    for (const [module, list] of groupsOf(ofKind)) {
      out.push(`**${groupLabel(module)}** (${list.length})`, '');
      const constructs = list.some((r) => r.constructPath !== undefined);
      out.push(
        constructs ? '| Resource | Construct | Note |' : '| Resource | Note |',
        constructs ? '|---|---|---|' : '|---|---|',
      );
      for (const r of list.slice(0, listLimit)) {
        out.push(`| ${code(r.address)} |${constructs ? ` ${resourceName(r)} |` : ''} ${resourceNote(r)} |`);
      }
      if (list.length > listLimit)
        out.push(`| ... and ${list.length - listLimit} more |${constructs ? ' |' : ''} |`);
      out.push('');
    }
  }
  return out.join('\n').trimEnd();
}

function diffLineText(l: DiffLine, marker: string): string {
  const force = l.forcesReplacement ? ' # forces replacement' : '';
  switch (l.op) {
    case '+':
      return `+     ${l.path} = ${l.after}${force}`;
    case '-':
      return `-     ${l.path} = ${l.before}${force}`;
    default:
      return `${marker}     ${l.path} = ${l.before} -> ${l.after}${force}`;
  }
}

/**
 * Diff text of one resource, in the style of `terraform plan` (with `!` for in-place changes, as
 * Atlantis does, so GitHub's diff highlighting colours them).
 */
function resourceDiffText(r: ResourceEntry, drift = false): string {
  const verb = drift ? 'has changed outside Terraform' : `will be ${KIND_WORDS[r.kind].verb}`;
  const lines = [`# ${r.address}${r.constructPath ? ` (${r.constructPath})` : ''} ${verb}`];
  const open: Record<ChangeKind, string> = {
    create: '+',
    delete: '-',
    replace: '-/+',
    update: '!',
    forget: '.',
    read: ' ',
    'no-op': ' ',
  };
  const at = r.address.lastIndexOf(`${r.type}.`);
  const name = at >= 0 ? r.address.slice(at + r.type.length + 1) : r.address;
  lines.push(`${open[r.kind]} resource "${r.type}" "${name}" {`);
  let diff = r.diff;
  let hiddenUnknown = 0;
  if (r.kind === 'create') {
    hiddenUnknown = diff.filter((l) => l.after === UNKNOWN).length;
    diff = diff.filter((l) => l.after !== UNKNOWN);
  }
  for (const l of diff) lines.push(diffLineText(l, '!'));
  if (hiddenUnknown > 0) lines.push(`      # (${hiddenUnknown} attribute(s) known after apply)`);
  if (r.unchanged > 0 && r.kind !== 'create' && r.kind !== 'delete') {
    lines.push(`      # (${r.unchanged} unchanged attribute(s) hidden)`);
  }
  lines.push('  }');
  return lines.join('\n');
}

function outputDiffText(o: OutputEntry): string {
  return o.diff.map((l) => diffLineText(l, '!')).join('\n');
}

/** Cuts text to at most `budget` characters at a line boundary; returns the text and the lines cut. */
function cut(text: string, budget: number): { text: string; cutLines: number } {
  if (text.length <= budget) return { text, cutLines: 0 };
  const kept = text.slice(0, Math.max(0, budget));
  const lastNewline = kept.lastIndexOf('\n');
  const head = lastNewline >= 0 ? kept.slice(0, lastNewline) : '';
  const total = text.split('\n').length;
  const keptLines = head === '' ? 0 : head.split('\n').length;
  return { text: head, cutLines: total - keptLines };
}

function fullDiffBlock(s: StackPlanSummary, opts: RenderOptions): string {
  const parts: string[] = [];
  for (const kind of KIND_ORDER) {
    for (const r of s.resources.filter((x) => x.kind === kind)) parts.push(resourceDiffText(r));
  }
  if (s.outputs.length > 0) parts.push(['# Outputs', ...s.outputs.map(outputDiffText)].join('\n'));
  if (parts.length === 0) return '';
  const all = parts.join('\n\n');
  const budget = opts.diffBudget ?? Infinity;
  const hint = opts.artifactHint ? ` The full plan is in the ${code(opts.artifactHint)} artifact.` : '';
  if (budget <= 0) {
    return `_Full diff (${all.split('\n').length} lines) left out to fit GitHub's comment size limit.${hint}_`;
  }
  const { text, cutLines } = cut(all, budget);
  const note =
    cutLines > 0 ? `\n\n_${cutLines} more line(s) cut to fit GitHub's comment size limit.${hint}_` : '';
  return ['<details><summary>Full diff</summary>', '', fenced(text, 'diff') + note, '', '</details>'].join(
    '\n',
  );
}

function driftBlock(s: StackPlanSummary): string {
  if (s.drift.length === 0) return '';
  const lines = [
    `#### ⚠️ Changed outside Terraform (${s.drift.length})`,
    '',
    'Refresh found these objects changed since the last apply, by someone or something other than Terraform. They are not part of this pull request; the planned changes above include whatever is needed to bring them back to the configuration.',
    '',
  ];
  const constructs = s.drift.some((r) => r.constructPath !== undefined);
  lines.push(
    constructs ? '| Resource | Construct | Change |' : '| Resource | Change |',
    constructs ? '|---|---|---|' : '|---|---|',
  );
  for (const r of s.drift) {
    const what = r.kind === 'delete' ? 'deleted outside Terraform' : `${r.diff.length} attribute(s) changed`;
    lines.push(`| ${code(r.address)} |${constructs ? ` ${resourceName(r)} |` : ''} ${what} |`);
  }
  lines.push(
    '',
    '<details><summary>Drift details</summary>',
    '',
    fenced(
      s.drift
        .map((r) => resourceDiffText({ ...r, kind: r.kind === 'delete' ? 'delete' : 'update' }, true))
        .join('\n\n'),
      'diff',
    ),
    '',
    '</details>',
  );
  return lines.join('\n');
}

function outputsBlock(s: StackPlanSummary): string {
  if (s.outputs.length === 0) return '';
  const lines = ['#### Outputs', '', '| Output | Change | Value |', '|---|---|---|'];
  for (const o of s.outputs) {
    const last = o.diff[o.diff.length - 1];
    const value = o.sensitive ? SENSITIVE : last ? (last.after ?? '(removed)') : '';
    lines.push(`| ${code(o.name)} | ${KIND_WORDS[o.kind].verb} | ${code(value)} |`);
  }
  return lines.join('\n');
}

/** Marker of one stack's section, so tools can find a stack inside the combined comment. */
export function stackMarker(stack: string): string {
  return `<!-- mlmon-plan-summary:stack=${stack.replace(/-->/g, '')} -->`;
}

/** The body of one stack's section (heading level 3), without the comment marker. */
export function renderStackSection(s: StackPlanSummary, opts: RenderOptions = {}): string {
  const listLimit = opts.listLimit ?? Infinity;
  const parts: string[] = [
    stackMarker(s.stack),
    `### ${STATUS_WORDS[s.status].icon} ${code(s.stack)}`,
    '',
    statusLine(s),
    '',
    versionsLine(s),
  ];
  if (s.error) {
    parts.push('', 'Terraform output:', '', fenced(cut(s.error, 4000).text));
  }
  if (s.destructive.length > 0) parts.push('', destructiveBlock(s.destructive));
  if (s.status !== 'failed') parts.push('', countsTable(s));
  if (s.incomplete)
    parts.push(
      '',
      '_Terraform could not plan every change in one run (the plan is incomplete); apply and plan again._',
    );
  if (s.deferredReads > 0) parts.push('', `_${s.deferredReads} data source(s) will be read during apply._`);
  const tables = resourceTables(s.resources, listLimit);
  if (tables) parts.push('', tables);
  const drift = driftBlock(s);
  if (drift) parts.push('', drift);
  const outputs = outputsBlock(s);
  if (outputs) parts.push('', outputs);
  const full = fullDiffBlock(s, opts);
  if (full) parts.push('', full);
  return parts.join('\n');
}

/** A complete comment for one stack. */
export function renderStackComment(s: StackPlanSummary, opts: RenderOptions = {}): string {
  return `${PLAN_COMMENT_MARKER}\n${renderStackSection(s, opts)}\n`;
}

/** Options of {@link renderCombinedComment}. */
export interface CombinedRenderOptions {
  /** Heading. @default 'Terraform plan' */
  readonly title?: string;
  /** Maximum comment length; diffs, then resource lists, are shortened to fit. @default {@link DEFAULT_MAX_COMMENT_CHARS} */
  readonly maxChars?: number;
  /** Extra line under the heading, e.g. the commit and workflow run. @default - none */
  readonly subtitle?: string;
  /** Artifact name pattern for truncation notes, e.g. `plan-<stack>`. @default - none */
  readonly artifactHint?: (stack: string) => string;
}

function overallLine(summaries: readonly StackPlanSummary[]): string {
  const n = (st: PlanStatus): number => summaries.filter((s) => s.status === st).length;
  const parts: string[] = [];
  if (n('failed') > 0) parts.push(`❌ ${n('failed')} failed`);
  if (n('destructive') > 0) parts.push(`🛑 ${n('destructive')} destroy or replace stateful resources`);
  if (n('changes') > 0) parts.push(`📝 ${n('changes')} with changes`);
  if (n('drift-only') > 0) parts.push(`⚠️ ${n('drift-only')} with drift only`);
  if (n('no-changes') > 0) parts.push(`✅ ${n('no-changes')} without changes`);
  return `**${summaries.length} stack(s):** ${parts.join(' · ')}`;
}

function overviewTable(summaries: readonly StackPlanSummary[]): string {
  const lines = [
    '| Stack | Status | Create | Update | Replace | Destroy | Drift | Terraform line |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const s of summaries) {
    const c = s.counts;
    const failed = s.status === 'failed';
    const n = (x: number): string => (failed ? '–' : String(x));
    lines.push(
      `| ${code(s.stack)} | ${STATUS_WORDS[s.status].icon} ${STATUS_WORDS[s.status].text} | ${n(c.create)} | ${n(c.update)} | ${n(c.replace)} | ${n(c.delete)} | ${n(s.drift.length)} | ${failed ? '–' : s.terraformLine} |`,
    );
  }
  return lines.join('\n');
}

function renderCombinedWith(
  summaries: readonly StackPlanSummary[],
  options: CombinedRenderOptions,
  render: RenderOptions,
  sections = true,
): string {
  const parts: string[] = [PLAN_COMMENT_MARKER, `## ${options.title ?? 'Terraform plan'}`, ''];
  if (options.subtitle) parts.push(options.subtitle, '');
  parts.push(overallLine(summaries), '', overviewTable(summaries));
  const destructive = summaries.flatMap((s) => s.destructive.map((d) => ({ ...d, stack: s.stack })));
  if (destructive.length > 0) parts.push('', destructiveBlock(destructive));
  for (const s of sections ? summaries : []) {
    const open = s.status === 'failed' || s.status === 'destructive' ? ' open' : '';
    const summaryText = `${STATUS_WORDS[s.status].icon} <b>${cell(s.stack)}</b>: ${cell(s.status === 'failed' ? STATUS_WORDS.failed.text : s.status === 'no-changes' ? 'no changes' : s.terraformLine)}`;
    const section = renderStackSection(s, { ...render, artifactHint: options.artifactHint?.(s.stack) });
    parts.push('', `<details${open}><summary>${summaryText}</summary>`, '', section, '', '</details>');
  }
  return parts.join('\n') + '\n';
}

/**
 * One comment for every stack: the overview table, the destructive changes of all stacks, then each
 * stack's section (collapsed unless it failed or is destructive). Kept under `maxChars` by cutting
 * full diffs first, then shortening resource lists.
 */
export function renderCombinedComment(
  summaries: readonly StackPlanSummary[],
  options: CombinedRenderOptions = {},
): string {
  const max = options.maxChars ?? DEFAULT_MAX_COMMENT_CHARS;
  let text = renderCombinedWith(summaries, options, {});
  if (text.length <= max) return text;
  const perStack = Math.max(1, summaries.length);
  for (let budget = Math.floor(max / perStack / 2); budget >= 500; budget = Math.floor(budget / 2)) {
    text = renderCombinedWith(summaries, options, { diffBudget: budget });
    if (text.length <= max) return text;
  }
  for (const listLimit of [50, 20, 5]) {
    text = renderCombinedWith(summaries, options, { diffBudget: 0, listLimit });
    if (text.length <= max) return text;
  }
  // Still too long (many stacks): the overview alone, which always closes its own blocks.
  const note = "\n_Per-stack details left out to fit GitHub's comment size limit; see the plan artifacts._\n";
  text = renderCombinedWith(summaries, options, {}, false);
  return text.length + note.length <= max ? text + note : cut(text, max - note.length).text + note;
}
