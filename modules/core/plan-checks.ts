/**
 * Checks Terraform runs at plan time, for props given as unresolved values. Synth-time validation
 * (`Validator`) skips a token: a `${var.instance_type}` or another resource's attribute is only known
 * to Terraform. Where a construct accepts such a value, it adds the same rule as a
 * `lifecycle.precondition` on the resource that uses it, so `terraform plan` stops with the
 * construct path, the field and what is allowed, before anything is created.
 *
 * ```ts
 * addPlanChecks(this.launchTemplate, [
 *   { field: 'instanceType', value: props.instanceType, ...matchesPattern(INSTANCE_TYPE_PATTERN, 'an EC2 instance type such as "t3.medium"') },
 * ]);
 * ```
 */
import { Fn, Op, TerraformResource } from 'cdktf';
import { isUnresolved } from './validation';

/** A rule over a value known only at plan time. */
export interface PlanCheckRule {
  /** Builds the Terraform condition (true when the value is acceptable) from the value. */
  readonly condition: (value: never) => unknown;
  /** What is allowed, for the error message, e.g. `a whole number from 8 to 16384`. */
  readonly requirement: string;
}

/** One prop checked at plan time. */
export interface PlanCheck extends PlanCheckRule {
  /** The prop, as synth-time messages name it, e.g. `rootVolumeSizeInGiB`. */
  readonly field: string;
  /** The prop's value; a check is added only when it is an unresolved token. */
  readonly value: unknown;
}

/** Strings matching an RE2 pattern (Terraform's `regex`), e.g. an instance type. */
export function matchesPattern(pattern: string, requirement: string): PlanCheckRule {
  return {
    // The pattern becomes an HCL string literal, where a backslash must be escaped.
    condition: (value: string) => Fn.can(Fn.regex(pattern.replace(/\\/g, '\\\\'), value)),
    requirement,
  };
}

/** Numbers in a range, each end open or closed, optionally whole. */
export function numberInRange(range: {
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  readonly requirement: string;
}): PlanCheckRule {
  return {
    condition: (value: number) => {
      // Constants go on the left: cdktf 0.21 renders a right-hand literal 0 as "undefined".
      const parts: unknown[] = [];
      if (range.min !== undefined) {
        parts.push(range.minExclusive ? Op.lt(range.min, value) : Op.lte(range.min, value));
      }
      if (range.max !== undefined) {
        parts.push(range.maxExclusive ? Op.gt(range.max, value) : Op.gte(range.max, value));
      }
      if (range.integer) parts.push(Op.eq(Fn.floor(value), value));
      return parts.length === 0 ? true : parts.reduce((a, b) => Op.and(a, b));
    },
    requirement: range.requirement,
  };
}

/**
 * Adds a `lifecycle.precondition` to `resource` for each check whose value is unresolved; literal
 * values were validated at synth and get none. Returns how many were added.
 */
export function addPlanChecks(resource: TerraformResource, checks: readonly PlanCheck[]): number {
  const added = checks
    .filter((c) => isUnresolved(c.value))
    .map((c) => ({
      condition: c.condition(c.value as never),
      errorMessage: `Invalid ${c.field} of ${parentPath(resource)}: it must be ${c.requirement}.`,
    }));
  if (added.length === 0) return 0;
  const lifecycle = resource.lifecycle ?? {};
  resource.lifecycle = { ...lifecycle, precondition: [...(lifecycle.precondition ?? []), ...added] };
  return added.length;
}

/** The construct path of the construct that owns the resource (what validation errors name). */
function parentPath(resource: TerraformResource): string {
  return resource.node.scope?.node.path ?? resource.node.path;
}
