/**
 * Markdown of plan summaries: one section per stack, and one pull-request comment for all stacks.
 *
 * What a reviewer sees, top to bottom (after hashicorp/terraform-cdk-action, tfcmt, tf-summarize and
 * Atlantis):
 *
 * 1. a hidden marker (`<!-- mlmon-plan-summary -->`), so CI finds and updates its one comment;
 * 2. an overview row per stack, the stacks whose configuration did not change (not planned), and
 *    the cost estimate or why there is none;
 * 3. destructive changes (destroy or replace) to stateful resources, flagged first: S3 buckets,
 *    DynamoDB tables, EBS volumes, log groups, ... and the Terraform state backend itself;
 * 4. per stack: status, versions, counts, the resources per action grouped by module (a Terraform
 *    module, or for CDKTF the top-level construct under the stack), drift, outputs, the policy
 *    pack's warnings and suppressions (with their reasons), and the full attribute diff collapsed.
 *
 * Pure: summaries in, Markdown out. Sensitive values were masked when the summary was made.
 */
import { costLine, CostStatus } from './cost';
import { DiffLine, SENSITIVE, UNKNOWN } from './plan-diff';
import { ChangeKind } from './plan-json';
import { cell, code, cut, fenced } from './plan-markdown';
import {
  DestructiveChange,
  OutputEntry,
  PlanStatus,
  ResourceEntry,
  StackPlanSummary,
} from './plan-summarize';
import { PolicyReportFile } from './policy-report';

/** The hidden marker that identifies the combined plan comment on a pull request. */
export const PLAN_COMMENT_MARKER = '<!-- mlmon-plan-summary -->';

/** GitHub rejects comments longer than 65,536 characters; the combined comment stays below this. */
export const DEFAULT_MAX_COMMENT_CHARS = 60_000;

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
  /** Leave out the cost line (the combined comment states a cost skipped for every stack once). @default false */
  readonly hideCost?: boolean;
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

/** The construct path below the stack: `mlmon-dev/logs/api` -> `logs/api`. */
function belowStack(path: string, stack: string): string {
  return path.startsWith(`${stack}/`) ? path.slice(stack.length + 1) : path;
}

/** `4 warning(s), 1 suppressed`, or `no findings`. */
export function policyCountsText(p: PolicyReportFile): string {
  const parts: string[] = [];
  if (p.errors.length > 0) parts.push(`${p.errors.length} error(s)`);
  if (p.warnings.length > 0) parts.push(`${p.warnings.length} warning(s)`);
  if (p.suppressed.length > 0) parts.push(`${p.suppressed.length} suppressed`);
  if (p.unusedSuppressions.length > 0) parts.push(`${p.unusedSuppressions.length} unused suppression(s)`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/**
 * The policy pack's findings at synth: warnings with what was found and the fix, and every
 * suppression with the reason written at it, so the reviewer judges the reasons too.
 */
export function policyBlock(p: PolicyReportFile, listLimit = Infinity): string {
  const lines = [`#### 🛡️ Policy pack: ${policyCountsText(p)}`, ''];
  const findings = [...p.errors, ...p.warnings];
  if (findings.length === 0 && p.suppressed.length === 0 && p.unusedSuppressions.length === 0) {
    lines.push(`Every rule passed (${p.evaluations} check(s) on this stack's resources).`);
    return lines.join('\n');
  }
  const more = (n: number, columns: number): string => `| ... and ${n} more |${' |'.repeat(columns - 1)}`;
  if (findings.length > 0) {
    lines.push('| Rule | Level | Resource | Found | Fix |', '|---|---|---|---|---|');
    for (const f of findings.slice(0, listLimit)) {
      const rule = `${code(f.ruleId)} ${cell(f.title)}${f.checkovId ? ` (${f.checkovId})` : ''}`;
      lines.push(
        `| ${rule} | ${f.level} | ${code(belowStack(f.path, p.stack))} | ${cell(f.detail ?? '')} | ${cell(f.fix)} |`,
      );
    }
    if (findings.length > listLimit) lines.push(more(findings.length - listLimit, 5));
    lines.push('');
  }
  if (p.suppressed.length > 0) {
    lines.push(
      `**Suppressed (${p.suppressed.length})**, with the reason given at the suppression:`,
      '',
      '| Rule | Resource | Reason | Suppressed at |',
      '|---|---|---|---|',
    );
    for (const f of p.suppressed.slice(0, listLimit)) {
      lines.push(
        `| ${code(f.ruleId)} ${cell(f.title)} | ${code(belowStack(f.path, p.stack))} | ${cell(f.reason)} | ${code(f.suppressedAt)} |`,
      );
    }
    if (p.suppressed.length > listLimit) lines.push(more(p.suppressed.length - listLimit, 4));
    lines.push('');
  }
  if (p.unusedSuppressions.length > 0) {
    lines.push(
      `**Unused suppressions** (no finding to suppress; remove them): ${p.unusedSuppressions
        .map((u) => `${code(u.ruleId)} at ${code(u.path)}`)
        .join(', ')}`,
      '',
    );
  }
  if (p.problems.length > 0) {
    lines.push('**Problems of the policy pack:**', '', ...p.problems.map((x) => `- ${cell(x)}`), '');
  }
  return lines.join('\n').trimEnd();
}

/** The cost line of a stack. */
export function costText(c: CostStatus): string {
  switch (c.state) {
    case 'estimated':
      return `💰 Monthly cost (Infracost): ${costLine(c.estimate)}`;
    case 'skipped':
      return `💰 Cost estimate skipped: ${c.reason}.`;
    default:
      return `💰 No cost estimate: ${c.reason}.`;
  }
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
  if (s.cost && !opts.hideCost) parts.push('', costText(s.cost));
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
  if (s.policy) parts.push('', policyBlock(s.policy, listLimit));
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
  /**
   * Stacks that were not planned because their synthesized configuration is the same as on the base
   * branch (review/changed-stacks.ts). @default - none listed
   */
  readonly unchanged?: readonly string[];
  /** Stacks the base branch has and this change removes from the app. @default - none */
  readonly removed?: readonly string[];
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

function policyCell(s: StackPlanSummary): string {
  if (!s.policy) return '–';
  const p = s.policy;
  const parts: string[] = [];
  if (p.errors.length > 0) parts.push(`❌ ${p.errors.length}`);
  if (p.warnings.length > 0) parts.push(`⚠️ ${p.warnings.length}`);
  if (p.suppressed.length > 0) parts.push(`🔕 ${p.suppressed.length}`);
  return parts.length > 0 ? parts.join(' ') : '✅';
}

function costCell(s: StackPlanSummary): string {
  if (s.cost?.state !== 'estimated') return '–';
  const e = s.cost.estimate;
  return e.monthly === null ? '–' : cell(costLine(e));
}

/** The lines about stacks that were not planned. */
function notPlannedLines(options: CombinedRenderOptions): string[] {
  const out: string[] = [];
  const list = (names: readonly string[]): string => names.map((n) => code(n)).join(', ');
  if (options.unchanged && options.unchanged.length > 0) {
    out.push(
      `**Configuration unchanged** (${options.unchanged.length}, not planned): ${list(options.unchanged)}. Their synthesized Terraform is the same as on the base branch.`,
    );
  }
  if (options.removed && options.removed.length > 0) {
    out.push(
      `> [!WARNING]\n> **Removed from the app:** ${list(options.removed)}. Removing a stack does not destroy its resources: destroy them first (\`cdktf destroy <stack>\`) or they stay in the account, unmanaged.`,
    );
  }
  return out;
}

/** One line when the cost estimate is skipped for every stack (the reason is the same). */
function costNote(summaries: readonly StackPlanSummary[]): string | undefined {
  const skipped = summaries.filter((s) => s.cost?.state === 'skipped');
  if (summaries.length === 0 || skipped.length !== summaries.length) return undefined;
  return `${costText(skipped[0].cost as CostStatus)} The README's cost tables are the offline reference.`;
}

function overviewTable(summaries: readonly StackPlanSummary[]): string {
  const withPolicy = summaries.some((s) => s.policy);
  const withCost = summaries.some((s) => s.cost?.state === 'estimated');
  const header = ['Stack', 'Status', 'Create', 'Update', 'Replace', 'Destroy', 'Drift', 'Terraform line'];
  const align = ['---', '---', '---:', '---:', '---:', '---:', '---:', '---'];
  if (withPolicy) {
    header.push('Policy');
    align.push('---');
  }
  if (withCost) {
    header.push('Monthly cost');
    align.push('---');
  }
  const lines = [`| ${header.join(' | ')} |`, `|${align.join('|')}|`];
  for (const s of summaries) {
    const c = s.counts;
    const failed = s.status === 'failed';
    const n = (x: number): string => (failed ? '–' : String(x));
    const row = [
      code(s.stack),
      `${STATUS_WORDS[s.status].icon} ${STATUS_WORDS[s.status].text}`,
      n(c.create),
      n(c.update),
      n(c.replace),
      n(c.delete),
      n(s.drift.length),
      failed ? '–' : s.terraformLine,
    ];
    if (withPolicy) row.push(policyCell(s));
    if (withCost) row.push(costCell(s));
    lines.push(`| ${row.join(' | ')} |`);
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
  if (summaries.length > 0) parts.push(overallLine(summaries), '', overviewTable(summaries));
  else parts.push('**No stack was planned.**');
  for (const line of notPlannedLines(options)) parts.push('', line);
  const note = costNote(summaries);
  if (note) parts.push('', note);
  const destructive = summaries.flatMap((s) => s.destructive.map((d) => ({ ...d, stack: s.stack })));
  if (destructive.length > 0) parts.push('', destructiveBlock(destructive));
  for (const s of sections ? summaries : []) {
    const open = s.status === 'failed' || s.status === 'destructive' ? ' open' : '';
    const summaryText = `${STATUS_WORDS[s.status].icon} <b>${cell(s.stack)}</b>: ${cell(s.status === 'failed' ? STATUS_WORDS.failed.text : s.status === 'no-changes' ? 'no changes' : s.terraformLine)}`;
    const section = renderStackSection(s, {
      ...render,
      artifactHint: options.artifactHint?.(s.stack),
      hideCost: note !== undefined,
    });
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
