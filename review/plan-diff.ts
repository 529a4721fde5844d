/**
 * Attribute-level diffs of planned changes, with sensitive values masked.
 *
 * Values are flattened to one line per leaf (`tags.Name`, `rule[0].status`): easy to read in a PR,
 * and each line can be masked on its own. A leaf is masked when the plan's `before_sensitive` or
 * `after_sensitive` marks it, or any of its parents, as sensitive; the value itself is never put in
 * the output, only `(sensitive value)`, as in Terraform's own plan rendering. A leaf Terraform left
 * unmarked is masked too when it contains a value marked sensitive elsewhere in the plan (see
 * {@link sensitiveStrings}).
 */
import { PlanChange } from './plan-json';

/** Shown in place of a sensitive value. */
export const SENSITIVE = '(sensitive value)';
/** Shown in place of a value only known after apply. */
export const UNKNOWN = '(known after apply)';

/** One flattened leaf of a value. */
export interface FlatValue {
  /** Rendered value: a JSON literal, {@link SENSITIVE} or {@link UNKNOWN}. */
  readonly text: string;
  readonly sensitive: boolean;
  readonly unknown: boolean;
  /** JSON of the value, used only to compare two sides; never rendered. */
  readonly key: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function at(tree: unknown, key: string | number): unknown {
  if (tree === true) return true;
  if (Array.isArray(tree) && typeof key === 'number') return tree[key];
  if (isRecord(tree) && typeof key === 'string') return tree[key];
  return undefined;
}

/**
 * Flattens `value` into leaf paths. `sensitive` and `unknown` are Terraform's parallel trees
 * (`*_sensitive`, `after_unknown`): `true` at a node covers the whole subtree. Null values and empty
 * collections are left out (Terraform's JSON lists every unset attribute and empty block).
 */
export function flattenValue(
  value: unknown,
  sensitive: unknown,
  unknown: unknown,
  path = '',
  secrets: readonly string[] = [],
): Map<string, FlatValue> {
  const out = new Map<string, FlatValue>();
  visit(value, sensitive, unknown, path, out, secrets);
  return out;
}

function visit(
  value: unknown,
  sensitive: unknown,
  unknown: unknown,
  path: string,
  out: Map<string, FlatValue>,
  secrets: readonly string[],
): void {
  const recurse = (v: unknown, s: unknown, u: unknown, p: string): void => visit(v, s, u, p, out, secrets);
  if (unknown === true) {
    out.set(path, {
      text: sensitive === true ? SENSITIVE : UNKNOWN,
      sensitive: sensitive === true,
      unknown: true,
      key: '?',
    });
    return;
  }
  if (value === null || value === undefined) {
    // An absent value may still have unknown children (Terraform omits unknown attributes from `after`).
    if (isRecord(unknown))
      for (const k of Object.keys(unknown))
        recurse(undefined, at(sensitive, k), unknown[k], childPath(path, k));
    return;
  }
  const key = JSON.stringify(value);
  if (sensitive === true) {
    out.set(path, { text: SENSITIVE, sensitive: true, unknown: false, key });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => recurse(item, at(sensitive, i), at(unknown, i), childPath(path, i)));
    return;
  }
  if (isRecord(value)) {
    const keys = new Set([...Object.keys(value), ...(isRecord(unknown) ? Object.keys(unknown) : [])]);
    for (const k of [...keys].sort()) recurse(value[k], at(sensitive, k), at(unknown, k), childPath(path, k));
    return;
  }
  // A value Terraform did not mark, but that holds a value marked sensitive elsewhere in the plan
  // (e.g. the AWS provider's `tags_all`, which copies a sensitive tag without its mark).
  const leaked = typeof value === 'string' && secrets.some((secret) => value.includes(secret));
  out.set(path, { text: leaked ? SENSITIVE : key, sensitive: leaked, unknown: false, key });
}

/** Shortest value treated as a secret when searching unmarked values; shorter ones would mask common words. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Every string Terraform marks sensitive in a value (leaves under a `true` mark), for
 * {@link flattenValue}'s `secrets`.
 */
export function sensitiveStrings(
  value: unknown,
  sensitive: unknown,
  out: Set<string> = new Set(),
): Set<string> {
  const collectAll = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= MIN_SECRET_LENGTH) out.add(v);
    } else if (typeof v === 'number') {
      if (String(v).length >= MIN_SECRET_LENGTH) out.add(String(v));
    } else if (Array.isArray(v)) v.forEach(collectAll);
    else if (isRecord(v)) Object.values(v).forEach(collectAll);
  };
  if (sensitive === true) {
    collectAll(value);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => sensitiveStrings(item, at(sensitive, i), out));
  } else if (isRecord(value)) {
    for (const k of Object.keys(value)) sensitiveStrings(value[k], at(sensitive, k), out);
  }
  return out;
}

/** One line of an attribute diff. */
export interface DiffLine {
  /** `+` added, `-` removed, `~` changed. */
  readonly op: '+' | '-' | '~';
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
  /** The change of this attribute forces the resource to be replaced. */
  readonly forcesReplacement: boolean;
}

/** Compares paths segment by segment, indices numerically, so `a[10]` sorts after `a[2]`. */
export function comparePaths(a: string, b: string): number {
  const split = (p: string): Array<string | number> =>
    p
      .split(/[.[\]"]+/)
      .filter((s) => s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** `[["tags","Name"], ["attribute",0,"name"]]` as flattened paths. */
export function replacePathStrings(paths: PlanChange['replace_paths']): string[] {
  return (paths ?? []).map((steps) => steps.reduce<string>((p, step) => childPath(p, step), ''));
}

function coveredBy(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

/** The attribute diff of a change, plus how many attributes are unchanged. */
export interface AttributeDiff {
  readonly lines: readonly DiffLine[];
  readonly unchanged: number;
}

/**
 * The attribute-level diff between `before` and `after` of a change. Unchanged leaves are counted,
 * not listed; a sensitive leaf shows as {@link SENSITIVE} on both sides.
 */
export function attributeDiff(change: PlanChange, secrets: readonly string[] = []): AttributeDiff {
  const before = flattenValue(change.before, change.before_sensitive, undefined, '', secrets);
  const after = flattenValue(change.after, change.after_sensitive, change.after_unknown, '', secrets);
  const replacePaths = replacePathStrings(change.replace_paths);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort(comparePaths);
  const lines: DiffLine[] = [];
  let unchanged = 0;
  for (const path of paths) {
    const b = before.get(path);
    const a = after.get(path);
    const forcesReplacement = coveredBy(path, replacePaths);
    if (b && a) {
      if (!a.unknown && a.key === b.key) {
        unchanged++;
        continue;
      }
      const masked = a.sensitive || b.sensitive;
      lines.push({
        op: '~',
        path,
        before: masked ? SENSITIVE : b.text,
        after: masked && !a.unknown ? SENSITIVE : a.text,
        forcesReplacement,
      });
    } else if (a) {
      lines.push({ op: '+', path, after: a.text, forcesReplacement });
    } else if (b) {
      lines.push({ op: '-', path, before: b.text, forcesReplacement });
    }
  }
  return { lines, unchanged };
}
