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
