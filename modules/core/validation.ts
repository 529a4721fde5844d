import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { checkSingleCdktf } from './cdktf-copies';

/** One problem found in a construct's props or in configuration. */
export interface ValidationProblem {
  /** The prop or config field, e.g. `cidrBlock` or `environments.prod.vpc.cidr`. */
  readonly field: string;
  /** The value received. */
  readonly value: unknown;
  /** What is wrong with it. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Thrown when props or configuration are invalid. The message lists every problem at once, each
 * naming the construct path, the field, the value received and the fix.
 */
export class ValidationError extends Error {
  public readonly problems: readonly ValidationProblem[];
  public readonly path: string;

  constructor(path: string, problems: readonly ValidationProblem[]) {
    const lines = problems.map(
      (p) => `  - ${p.field} = ${formatValue(p.value)}: ${p.problem}. Fix: ${p.fix}`,
    );
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(`Invalid input for ${path} (${problems.length} ${noun}):\n${lines.join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
    this.path = path;
  }
}

/** Renders a received value for an error message. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 197)}...` : json;
  } catch {
    return String(value);
  }
}

/** True when the value is (or contains) an unresolved CDKTF token; such values are not validated. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some((v) => isUnresolved(v));
  return Token.isUnresolved(value);
}

/**
 * Collects every problem in a set of props, then throws once.
 *
 * ```ts
 * const v = new Validator(this);            // or new Validator('orders-dev/vpc')
 * v.check(isValidCidr(props.cidrBlock), 'cidrBlock', props.cidrBlock,
 *   'is not an IPv4 CIDR block', 'use a block such as "10.0.0.0/16"');
 * v.throwIfInvalid();
 * ```
 *
 * Checks on unresolved tokens are skipped: a token is only known at apply time.
 */
export class Validator {
  private readonly problems: ValidationProblem[] = [];
  public readonly path: string;

  /**
   * @param scopeOrPath the construct being validated (its path prefixes every message), or a
   * description such as `'state backend configuration'`. A construct is also checked to belong to
   * this library's copy of cdktf ({@link checkSingleCdktf}): every construct validates its props
   * first, so a second copy fails here, before anything is created.
   */
  constructor(scopeOrPath: IConstruct | string) {
    if (typeof scopeOrPath === 'string') {
      this.path = scopeOrPath;
    } else {
      checkSingleCdktf(scopeOrPath);
      this.path = scopeOrPath.node.path;
    }
  }

  /** Records a problem unconditionally. */
  public add(field: string, value: unknown, problem: string, fix: string): this {
    this.problems.push({ field, value, problem, fix });
    return this;
  }

  /** Records a problem when `ok` is false, unless `value` is an unresolved token. */
  public check(ok: boolean, field: string, value: unknown, problem: string, fix: string): this {
    if (!ok && !isUnresolved(value)) this.add(field, value, problem, fix);
    return this;
  }

  /**
   * Records a problem when `value` is an unresolved token (shown as `"<token>"`) or when `ok` is
   * false: for values the construct computes with or names resources by at synth.
   */
  public checkLiteral(ok: boolean, field: string, value: unknown, problem: string, fix: string): this {
    if (isUnresolved(value)) return this.add(field, '<token>', problem, fix);
    if (!ok) this.add(field, value, problem, fix);
    return this;
  }

  /** Records a problem when `value` is set but fails `predicate`; undefined and tokens pass. */
  public checkOptional<T>(
    value: T | undefined,
    predicate: (v: T) => boolean,
    field: string,
    problem: string,
    fix: string,
  ): this {
    if (value === undefined || isUnresolved(value)) return this;
    return this.check(predicate(value), field, value, problem, fix);
  }

  /** Records a problem for an integer outside `[min, max]`. */
  public checkIntRange(
    value: number | undefined,
    min: number,
    max: number,
    field: string,
    fix?: string,
  ): this {
    if (value === undefined || isUnresolved(value)) return this;
    return this.check(
      Number.isInteger(value) && value >= min && value <= max,
      field,
      value,
      `must be a whole number from ${min} to ${max}`,
      fix ?? `set ${field} to a whole number from ${min} to ${max}`,
    );
  }

  /** Records a problem for a number outside `[min, max]`. */
  public checkRange(value: number | undefined, min: number, max: number, field: string, fix?: string): this {
    if (value === undefined || isUnresolved(value)) return this;
    return this.check(
      Number.isFinite(value) && value >= min && value <= max,
      field,
      value,
      `must be a number from ${min} to ${max}`,
      fix ?? `set ${field} to a number from ${min} to ${max}`,
    );
  }

  /** Merges problems found by another validator (e.g. a nested config section). */
  public merge(other: Validator): this {
    this.problems.push(...other.list());
    return this;
  }

  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  public list(): readonly ValidationProblem[] {
    return [...this.problems];
  }

  /** Throws one {@link ValidationError} listing every recorded problem; does nothing if none. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ValidationError(this.path, this.problems);
  }
}

/** What a field must hold, for {@link requireProps}. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'list' | 'object';

const KIND_TEXT: Readonly<Record<FieldKind, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  object: 'an object',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'list':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === kind;
  }
}

/** The value at a dotted path (`cache.memberClusterIds`), and whether its parent exists. */
function at(props: unknown, path: string): { value: unknown; parentMissing: boolean } {
  const parts = path.split('.');
  let current: unknown = props;
  for (const [i, part] of parts.entries()) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      return { value: undefined, parentMissing: i > 0 };
    }
    current = (current as Record<string, unknown>)[part];
  }
  return { value: current, parentMissing: false };
}

/**
 * The shape check a construct runs first, so that callers without type checking (JavaScript,
 * JSON-fed configuration) get a ValidationError naming each missing or mistyped field instead of a
 * TypeError from deep inside the construct. Fields are dotted paths (`cache.memberClusterIds`);
 * a trailing `?` marks an optional field, checked only when set (`'tags?': 'object'`). A field
 * under a missing parent is not reported twice. Unresolved tokens pass.
 *
 * ```ts
 * super(scope, id);
 * requireProps(this, props, { name: 'string', subnetIds: 'list', 'tags?': 'object' });
 * ```
 * @throws ValidationError listing every problem, when there is one
 */
export function requireProps(
  scope: IConstruct | string,
  props: unknown,
  shape: Readonly<Record<string, FieldKind>>,
): void {
  const v = new Validator(scope);
  const given = props ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    v.add('props', props, 'must be an object', 'pass the props as an object literal');
    v.throwIfInvalid();
  }
  for (const [key, kind] of Object.entries(shape)) {
    const optional = key.endsWith('?');
    const path = optional ? key.slice(0, -1) : key;
    const { value, parentMissing } = at(given, path);
    if (parentMissing) continue;
    if (value === undefined) {
      if (!optional) v.add(path, value, 'is required', `pass ${path}, ${KIND_TEXT[kind]}`);
      continue;
    }
    if (isUnresolved(value) && kind !== 'object') continue;
    v.check(
      hasKind(value, kind),
      path,
      value,
      `must be ${KIND_TEXT[kind]}, not ${kindOf(value)}`,
      `pass ${path} as ${KIND_TEXT[kind]}`,
    );
  }
  v.throwIfInvalid();
}
