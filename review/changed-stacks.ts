/**
 * Which stacks a change touches: synthesize the app at the base and at the head commit, and compare
 * each stack's synthesized configuration. A pull request then plans only the stacks whose
 * configuration differs, and lists the others as "configuration unchanged".
 *
 * Comparing synthesized JSON, not changed file paths, is what makes this exact: a change to a shared
 * module shows up in every stack that uses it (and in no other), a change to one environment's
 * configuration in that stack only, and a refactoring that synthesizes to the same Terraform in
 * none. What is not configuration is removed first:
 *
 * - every `//` key, at any depth: CDKTF's metadata (construct paths, unique ids, the cdktf version
 *   stamp, the stack's output map), which Terraform ignores;
 * - files in the stack directory that Terraform does not read as configuration: the policy report,
 *   CDKTF's `metadata.json`, and anything a Terraform run leaves there (`.terraform/`, the lock
 *   file, state files).
 *
 * Other files in the stack directory (assets: zipped Lambda code, rendered files) are compared by
 * content, because Terraform uploads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readManifest } from './plan-run';

/** How a stack differs between the base and the head synth. */
export type StackChangeKind = 'added' | 'changed' | 'unchanged' | 'removed';

/** One stack's comparison. */
export interface StackChange {
  readonly stack: string;
  readonly change: StackChangeKind;
  /** Files of the stack directory that differ (relative paths); empty unless `changed`. */
  readonly files: readonly string[];
}

/** What `changes.json` holds: the stacks to plan and the others. */
export interface ChangeReport {
  readonly version: 1;
  /** Stacks whose configuration differs, or that are new: plan these. */
  readonly changed: readonly string[];
  /** Stacks whose synthesized configuration is the same at base and head. */
  readonly unchanged: readonly string[];
  /** Stacks the base has and the head does not. */
  readonly removed: readonly string[];
  /** Every stack of either side, head order first. */
  readonly stacks: readonly StackChange[];
  /** Why the base could not be compared (then every head stack counts as changed). */
  readonly baseError?: string;
}

/** Files in a synthesized stack directory that are not configuration. */
const IGNORED_FILE = /^(policy-report\.json|metadata\.json|\.terraform\.lock\.hcl|.*\.tfstate(\.backup)?)$/;
const IGNORED_DIR = new Set(['.terraform', 'plan']);

/** The JSON without CDKTF's `//` metadata, at any depth. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as Record<string, unknown>).sort()) {
    if (key === '//') continue;
    out[key] = withoutMetadata((value as Record<string, unknown>)[key]);
  }
  return out;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A digest per configuration file of a synthesized stack directory: `*.tf.json` files normalized
 * (metadata removed, keys sorted), every other file by its bytes.
 */
export function stackFingerprint(stackDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!IGNORED_DIR.has(entry)) walk(path);
        continue;
      }
      if (IGNORED_FILE.test(entry)) continue;
      const rel = relative(stackDir, path).split(sep).join('/');
      out[rel] = entry.endsWith('.tf.json')
        ? sha256(JSON.stringify(withoutMetadata(JSON.parse(readFileSync(path, 'utf8')))))
        : sha256(readFileSync(path));
    }
  };
  walk(stackDir);
  return out;
}

/** The stacks of a synth directory by name, with their directories. */
function stackDirs(synthDir: string): Map<string, string> {
  return new Map(readManifest(synthDir).map((s) => [s.name, join(synthDir, s.workingDirectory)]));
}

/** Compares two synth directories (`cdktf.out` of the base and of the head). */
export function compareSynthOutputs(baseSynthDir: string, headSynthDir: string): ChangeReport {
  const base = stackDirs(baseSynthDir);
  const head = stackDirs(headSynthDir);
  const stacks: StackChange[] = [];
  for (const [name, dir] of head) {
    const baseDir = base.get(name);
    if (baseDir === undefined || !existsSync(baseDir)) {
      stacks.push({ stack: name, change: 'added', files: [] });
      continue;
    }
    const a = stackFingerprint(baseDir);
    const b = stackFingerprint(dir);
    const files = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]).sort();
    stacks.push({ stack: name, change: files.length > 0 ? 'changed' : 'unchanged', files });
  }
  for (const name of base.keys()) {
    if (!head.has(name)) stacks.push({ stack: name, change: 'removed', files: [] });
  }
  return reportOf(stacks);
}

/** Every head stack counted as changed, when the base cannot be synthesized or compared. */
export function everyStackChanged(headSynthDir: string, baseError: string): ChangeReport {
  const stacks = [...stackDirs(headSynthDir).keys()].map((stack): StackChange => ({
    stack,
    change: 'added',
    files: [],
  }));
  return { ...reportOf(stacks), baseError };
}

function reportOf(stacks: readonly StackChange[]): ChangeReport {
  const named = (...kinds: StackChangeKind[]): string[] =>
    stacks.filter((s) => kinds.includes(s.change)).map((s) => s.stack);
  return {
    version: 1,
    changed: named('added', 'changed'),
    unchanged: named('unchanged'),
    removed: named('removed'),
    stacks,
  };
}

/** Reads `changes.json`; throws when it is not one. */
export function parseChangeReport(text: string, source = 'changes.json'): ChangeReport {
  const doc = JSON.parse(text) as Partial<ChangeReport>;
  if (
    doc.version !== 1 ||
    !Array.isArray(doc.changed) ||
    !Array.isArray(doc.unchanged) ||
    !Array.isArray(doc.removed)
  ) {
    throw new Error(`${source} is not a change report (written by \`npm run plan -- changed\`).`);
  }
  return doc as ChangeReport;
}
