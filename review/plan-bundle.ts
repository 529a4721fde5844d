/**
 * A plan bundle: everything needed to apply exactly the plan that was reviewed, and to prove it.
 *
 * ```
 * plans/<stack>/tfplan        the saved plan (binary; holds sensitive values in clear text)
 * plans/<stack>/plan.json     `terraform show -json tfplan`
 * plans/<stack>/summary.md    the plan summary the approver reads
 * plans/<stack>/approval.md   the job-summary text for the approval (checksum, what happens next)
 * plans/<stack>/meta.json     versions, timings
 * plans/<stack>/stack/        the synthesized stack directory the plan was made in, with the
 *                             provider lock file `.terraform.lock.hcl` (not `.terraform/`)
 * plans/<stack>/bundle.json   checksums of the plan and of every file of `stack/`
 * ```
 *
 * `terraform apply <planfile>` needs a working directory initialized with the same providers the
 * plan was made with; the lock file in `stack/` pins them (`terraform init -lockfile=readonly`
 * refuses anything else), and Terraform itself refuses a plan made by another Terraform version.
 * The checksums tie what the approver saw to what is applied: review/apply.ts checks them first.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { planHasChanges } from './deploy-order';
import { code, cut } from './plan-markdown';
import { PlanStatus, StackPlanSummary } from './plan-summarize';
import { renderStackSection } from './plan-render';

/** Name of the checksum file of a bundle. */
export const BUNDLE_FILE = 'bundle.json';
/** Directory of the synthesized stack inside a bundle. */
export const BUNDLE_STACK_DIR = 'stack';
/** The saved plan's file name. */
export const PLAN_FILE = 'tfplan';
/** The approval text (Markdown) of a bundle, for the job summary. */
export const APPROVAL_FILE = 'approval.md';
/** The provider lock file. */
export const LOCK_FILE = '.terraform.lock.hcl';

/** What `bundle.json` holds. */
export interface PlanBundle {
  readonly version: 1;
  readonly stack: string;
  /** SHA-256 of `tfplan`. */
  readonly planSha256: string;
  /** Terraform that made the plan (an apply must use the same). */
  readonly terraformVersion: string;
  /** Provider versions selected when planning. */
  readonly providerVersions: Readonly<Record<string, string>>;
  /** SHA-256 of every file of `stack/` (relative path, `/` separators). */
  readonly stackFiles: Readonly<Record<string, string>>;
  readonly status: PlanStatus;
  /** Applying the plan changes resources or outputs; false: the deploy skips the stack. */
  readonly hasChanges: boolean;
  /** Terraform's line, e.g. "Plan: 1 to add, 0 to change, 0 to destroy." */
  readonly terraformLine: string;
  /** Commit the plan was made from (GITHUB_SHA), when known. */
  readonly commit?: string;
  /** ISO time the plan was made. */
  readonly createdAt: string;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** SHA-256 of every file under `dir`, by relative path. */
export function fileDigests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split(sep).join('/')] = sha256File(p);
    }
  };
  walk(dir);
  return out;
}

/** Files of the synthesized stack directory that do not belong in a bundle. */
function copied(src: string): boolean {
  return !/[/\\]\.terraform$/.test(src) && !/\.tfstate(\.backup)?$/.test(src) && !/[/\\]plan$/.test(src);
}

/** Options of {@link writeBundle}. */
export interface WriteBundleOptions {
  /** The stack's results directory (holds `tfplan`). */
  readonly outDir: string;
  /** The directory the plan was made in (synthesized, initialized: holds the lock file). */
  readonly stackDir: string;
  readonly summary: StackPlanSummary;
  readonly terraformVersion: string;
  readonly providerVersions: Readonly<Record<string, string>>;
  /** @default - process.env.GITHUB_SHA */
  readonly commit?: string;
  /** @default - now */
  readonly now?: Date;
}

/** Copies the stack directory into the results, writes `bundle.json` and `approval.md`. */
export function writeBundle(o: WriteBundleOptions): PlanBundle {
  const planFile = join(o.outDir, PLAN_FILE);
  if (!existsSync(planFile)) throw new Error(`${planFile} does not exist: there is no plan to bundle.`);
  if (!existsSync(join(o.stackDir, LOCK_FILE))) {
    throw new Error(
      `${join(o.stackDir, LOCK_FILE)} does not exist: the plan's provider versions cannot be pinned for the apply.`,
    );
  }
  const target = join(o.outDir, BUNDLE_STACK_DIR);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(o.stackDir, target, { recursive: true, filter: copied });
  const commit = o.commit ?? process.env.GITHUB_SHA;
  const bundle: PlanBundle = {
    version: 1,
    stack: o.summary.stack,
    planSha256: sha256File(planFile),
    terraformVersion: o.terraformVersion,
    providerVersions: o.providerVersions,
    stackFiles: fileDigests(target),
    status: o.summary.status,
    hasChanges: planHasChanges(o.summary.status),
    terraformLine: o.summary.terraformLine,
    ...(commit ? { commit } : {}),
    createdAt: (o.now ?? new Date()).toISOString(),
  };
  writeFileSync(join(o.outDir, BUNDLE_FILE), JSON.stringify(bundle, null, 2) + '\n');
  writeFileSync(join(o.outDir, APPROVAL_FILE), renderApproval(bundle, o.summary));
  return bundle;
}

/** Reads `bundle.json` next to a plan file; throws with the fix when it is missing or not one. */
export function readBundle(bundleDir: string): PlanBundle {
  const file = join(bundleDir, BUNDLE_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: the plan was not made with \`npm run plan -- --online --bundle\`, so nothing ties it to a reviewed plan.`,
    );
  }
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<PlanBundle>;
  if (doc.version !== 1 || typeof doc.stack !== 'string' || typeof doc.planSha256 !== 'string') {
    throw new Error(`${file} is not a plan bundle of version 1.`);
  }
  return doc as PlanBundle;
}

/**
 * Checks the plan file and the stack directory against the bundle's checksums; returns the
 * problems (empty when everything matches).
 */
export function verifyBundle(bundle: PlanBundle, planFile: string, stackDir: string): string[] {
  const problems: string[] = [];
  if (!existsSync(planFile)) return [`${planFile} does not exist`];
  const planSha = sha256File(planFile);
  if (planSha !== bundle.planSha256) {
    problems.push(`${planFile} has SHA-256 ${planSha}, but the reviewed plan has ${bundle.planSha256}`);
  }
  if (!existsSync(stackDir)) return [...problems, `${stackDir} (the planned stack directory) does not exist`];
  const found = fileDigests(stackDir);
  for (const [file, digest] of Object.entries(bundle.stackFiles)) {
    if (found[file] === undefined) problems.push(`${file} is missing from ${stackDir}`);
    else if (found[file] !== digest) problems.push(`${file} in ${stackDir} differs from the planned one`);
  }
  for (const file of Object.keys(found)) {
    if (bundle.stackFiles[file] === undefined && !file.startsWith('.terraform/')) {
      problems.push(`${file} in ${stackDir} was not part of the plan`);
    }
  }
  return problems;
}

/** Characters of the plan summary kept in a job summary (GitHub allows 1 MiB per step). */
const SUMMARY_BUDGET = 200_000;

/**
 * The approval text: which plan (checksum, commit, time, versions), what it changes, and what the
 * approval does. The plan job writes it to its job summary, where the approver reads it on the
 * run page before approving; the apply job repeats it with the outcome.
 */
export function renderApproval(bundle: PlanBundle, summary: StackPlanSummary, outcome?: string): string {
  const facts = [
    `| Plan file SHA-256 | ${code(bundle.planSha256)} |`,
    ...(bundle.commit ? [`| Commit | ${code(bundle.commit)} |`] : []),
    `| Planned at | ${bundle.createdAt} |`,
    `| Terraform | ${code(bundle.terraformVersion)} |`,
    ...Object.entries(bundle.providerVersions).map(
      ([p, v]) => `| ${code(p.replace(/^registry\.terraform\.io\//, ''))} | ${code(v)} |`,
    ),
  ];
  const next = bundle.hasChanges
    ? 'Approving the deployment applies **this plan file and nothing else** (`terraform apply tfplan`). If the state changed since it was planned, the apply stops with "Saved plan is stale" and nothing is applied: re-run the workflow to plan again and approve the new plan.'
    : 'This plan has **no changes**: the stack is skipped, with no apply and no approval.';
  const lines = [
    `## ${bundle.hasChanges ? '📝' : '✅'} Plan of ${code(bundle.stack)}: ${bundle.terraformLine}`,
    '',
    ...(outcome ? [outcome, ''] : []),
    next,
    '',
    '| | |',
    '|---|---|',
    ...facts,
    '',
    cut(renderStackSection(summary, { diffBudget: SUMMARY_BUDGET / 2 }), SUMMARY_BUDGET).text,
    '',
  ];
  return lines.join('\n');
}
